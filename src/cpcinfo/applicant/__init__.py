"""申请入党人: the applicant record and its development timeline."""

from cpcinfo.applicant._types import Applicant, Development
from cpcinfo.person import Education, Person

__all__ = ["Applicant", "Development", "Education", "Person"]
