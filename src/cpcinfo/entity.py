"""The three kinds of record."""

from __future__ import annotations

import enum


class Entity(enum.Enum):
    """An entity of the database, with its Chinese name."""

    ORGANIZATION = "organization"
    MEMBER = "member"
    APPLICANT = "applicant"

    @property
    def label(self) -> str:
        """The Chinese name: 党组织, 党员, 申请入党人."""
        return _LABELS[self]


_LABELS = {Entity.ORGANIZATION: "党组织", Entity.MEMBER: "党员", Entity.APPLICANT: "申请入党人"}
