"""申请入党人: the applicant record and its development timeline."""

from __future__ import annotations

from cpcinfo._validate_api import Validate
from cpcinfo.applicant._types import Applicant, Development
from cpcinfo.entity import Entity
from cpcinfo.person import Education, Person

__all__ = ["Applicant", "Development", "Education", "Person", "validate"]

validate: Validate[Applicant] = Validate(Entity.APPLICANT)
"""The findings of the field rules on one record (see :class:`cpcinfo._validate_api.Validate`)."""
