"""Two versions of one unit's database compared: records, findings and — optionally — the audit then and now."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import attrs

from cpcinfo.acceptance.audit import AuditResult, audit
from cpcinfo.checking.engine import check
from cpcinfo.checking.result import CheckResult
from cpcinfo.checking.waivers import Waiver
from cpcinfo.codes import CodeTables
from cpcinfo.history.findings import FindingDiff, diff_findings
from cpcinfo.history.records import RecordDiff, diff_records
from cpcinfo.infobase import InfoBase
from cpcinfo.org.roster import Roster
from cpcinfo.rules.ruleset import RuleSet


@attrs.frozen(kw_only=True)
class DatabaseDiff:
    """What changed between two versions: the records, the findings that count (not waived) and, when
    audited, both audits (each with the same seed, so a sample differs only where the records did)."""

    as_of: datetime.date
    records: RecordDiff
    findings: FindingDiff
    old_check: CheckResult
    new_check: CheckResult
    old_audit: AuditResult | None = None
    new_audit: AuditResult | None = None


def diff_databases(old: InfoBase, new: InfoBase, *, as_of: datetime.date, audited: bool = False,
                   seed: int | str = 1, roster: Roster | None = None, waivers: Sequence[Waiver] = (),
                   tables: CodeTables | None = None, ruleset: RuleSet | None = None) -> DatabaseDiff:
    """Compare two versions of one unit's database, both checked as of ``as_of`` (the same day and rules,
    so that a finding fixed is a record fixed, not a rule that moved)."""
    old_audit: AuditResult | None = None
    new_audit: AuditResult | None = None
    options = {"as_of": as_of, "roster": roster, "waivers": waivers, "tables": tables, "ruleset": ruleset}
    if audited:
        old_audit = audit(old, seed=seed, **options)  # type: ignore[arg-type]
        new_audit = audit(new, seed=seed, **options)  # type: ignore[arg-type]
        old_check, new_check = old_audit.check, new_audit.check
    else:
        old_check = check(old, **options)  # type: ignore[arg-type]
        new_check = check(new, **options)  # type: ignore[arg-type]
    return DatabaseDiff(as_of=as_of, records=diff_records(old, new),
                        findings=diff_findings(old_check.counted, new_check.counted, old_base=old, new_base=new),
                        old_check=old_check, new_check=new_check, old_audit=old_audit, new_audit=new_audit)
