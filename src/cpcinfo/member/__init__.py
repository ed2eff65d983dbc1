"""党员: the member record and its groups."""

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
]
