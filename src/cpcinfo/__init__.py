"""cpcinfo — the CPC member information database (党员信息库) as a Python library.

Immutable types for organizations, members and applicants; the field standards as versioned code tables;
validation rules with stable codes; and the Shaanxi acceptance check (sampling, the 20-item score sheet,
grades and regional verdicts). The core does no I/O: "today" is always an argument.
"""

from cpcinfo.acceptance import AuditResult, ScoreSheet, audit
from cpcinfo.applicant import Applicant, Development
from cpcinfo.checking import CheckResult, Waiver, check, check_stream
from cpcinfo.entity import Entity
from cpcinfo.errors import CpcinfoError
from cpcinfo.findings import DefectKind, Finding, FindingStatus
from cpcinfo.infobase import Counts, InfoBase
from cpcinfo.member import Floating, Hardship, Member, MemberAward, Relation, Standing, Work
from cpcinfo.org import Leader, Organization, OrgAward, OrgBasic, Unit
from cpcinfo.person import Education, Person
from cpcinfo.rules import CheckOptions, field_rule, system_rule
from cpcinfo.values import Unparsed

__version__ = "0.1.0.dev0"
"""The version, written only here: the build reads it (``[tool.hatch.version]`` in pyproject.toml)."""

__all__ = [
    "Applicant",
    "AuditResult",
    "CheckOptions",
    "CheckResult",
    "Counts",
    "CpcinfoError",
    "DefectKind",
    "Development",
    "Education",
    "Entity",
    "Finding",
    "FindingStatus",
    "Floating",
    "Hardship",
    "InfoBase",
    "Leader",
    "Member",
    "MemberAward",
    "OrgAward",
    "OrgBasic",
    "Organization",
    "Person",
    "Relation",
    "ScoreSheet",
    "Standing",
    "Unit",
    "Unparsed",
    "Waiver",
    "Work",
    "audit",
    "check",
    "check_stream",
    "field_rule",
    "system_rule",
]
