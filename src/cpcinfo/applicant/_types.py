"""The applicant record (申请入党人) and its development timeline."""

from __future__ import annotations

import attrs

from cpcinfo.extras import Extras, extras_field
from cpcinfo.person import Education, Person
from cpcinfo.values import DateValue, Text


@attrs.frozen(kw_only=True)
class Development:
    """培养发展信息 (item 19): the branch, the mentors and the development timeline."""

    branch: Text | None = None
    applied_on: DateValue | None = None
    mentors: tuple[Text, ...] | None = None
    activist_on: DateValue | None = None
    candidate_on: DateValue | None = None
    branch_meeting_on: DateValue | None = None
    approved_on: DateValue | None = None
    extras: Extras = extras_field()


@attrs.frozen(kw_only=True)
class Applicant:
    """申请入党人, keyed by ``id`` (人员编号)."""

    id: Text | None = None
    basic: Person | None = None
    education: tuple[Education, ...] | None = None
    development: Development | None = None
    extras: Extras = extras_field()

    @property
    def key(self) -> str | None:
        """The record key: the applicant id as text, or ``None`` when it was not recorded."""
        return None if self.id is None else str(self.id)
