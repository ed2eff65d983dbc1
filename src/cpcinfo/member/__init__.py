"""党员: the member record and its groups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from cpcinfo.checking.validation import Validate

    validate: Validate[Member]
    """The findings of the field rules on one record (see :class:`cpcinfo.checking.validation.Validate`)."""


def __getattr__(name: str) -> Any:
    # validate runs the built-in registry (cpcinfo.checking), which imports these types: it is imported on
    # first use, so that the types can be imported without the rules and the check, and then kept here, so
    # that a loop over records calling ``member.validate`` pays no lookup.
    if name == "validate":
        from cpcinfo.checking.validation import validate_of

        found = globals()["validate"] = validate_of(Entity.MEMBER)
        return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
