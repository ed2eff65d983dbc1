"""党员: the member record and its groups."""

from __future__ import annotations

from cpcinfo._validate_api import Validate
from cpcinfo.entity import Entity
from cpcinfo.member._types import Floating, Hardship, Member, MemberAward, Relation, Standing, Work
from cpcinfo.person import Education, Person

__all__ = [
    "Education",
    "Floating",
    "Hardship",
    "Member",
    "MemberAward",
    "Person",
    "Relation",
    "Standing",
    "Work",
    "validate",
]

validate: Validate[Member] = Validate(Entity.MEMBER)
"""The findings of the field rules on one record (see :class:`cpcinfo._validate_api.Validate`)."""
