"""申请入党人: the applicant record and its development timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cpcinfo.applicant._types import Applicant, Development
from cpcinfo.entity import Entity
from cpcinfo.person import Education, Person

__all__ = ["Applicant", "Development", "Education", "Person", "validate"]

if TYPE_CHECKING:
    from cpcinfo.checking.validation import Validate

    validate: Validate[Applicant]
    """The findings of the field rules on one record (see :class:`cpcinfo.checking.validation.Validate`)."""


def __getattr__(name: str) -> Any:
    # validate runs the built-in registry (cpcinfo.checking), which imports these types: it is imported on
    # first use, so that the types can be imported without the rules and the check, and then kept here, so
    # that a loop over records calling ``applicant.validate`` pays no lookup.
    if name == "validate":
        from cpcinfo.checking.validation import validate_of

        found = globals()["validate"] = validate_of(Entity.APPLICANT)
        return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
