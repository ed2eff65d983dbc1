"""党组织: the organization record and its groups."""

from __future__ import annotations

from cpcinfo._validate_api import Validate
from cpcinfo.entity import Entity
from cpcinfo.org._types import Leader, Organization, OrgAward, OrgBasic, Unit

__all__ = ["Leader", "OrgAward", "OrgBasic", "Organization", "Unit", "validate"]

validate: Validate[Organization] = Validate(Entity.ORGANIZATION)
"""The findings of the field rules on one record (see :class:`cpcinfo._validate_api.Validate`)."""
