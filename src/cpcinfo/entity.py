"""The three kinds of record."""

from __future__ import annotations

from cpcinfo.labelled import LabelledEnum


class Entity(LabelledEnum):
    """An entity of the database, with its Chinese name (``label``): 党组织, 党员, 申请入党人."""

    ORGANIZATION = "organization", "党组织"
    MEMBER = "member", "党员"
    APPLICANT = "applicant", "申请入党人"
