"""党组织: the organization record and its groups."""

from cpcinfo.org._types import Leader, Organization, OrgAward, OrgBasic, Unit

__all__ = ["Leader", "OrgAward", "OrgBasic", "Organization", "Unit"]
