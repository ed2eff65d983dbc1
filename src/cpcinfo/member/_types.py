"""The member record (党员) and its groups."""

from __future__ import annotations

import attrs

from cpcinfo.extras import Extras, extras_field
from cpcinfo.person import Education, Person
from cpcinfo.values import DateValue, Flag, Text


@attrs.frozen(kw_only=True)
class Work:
    """工作岗位 (item 10)."""

    post: Text | None = None
    frontline: Text | None = None
    extras: Extras = extras_field()


@attrs.frozen(kw_only=True)
class MemberAward:
    """奖惩信息 (item 11): one award or penalty."""

    name: Text | None = None
    authority_level: Text | None = None
    approved_on: DateValue | None = None
    extras: Extras = extras_field()


@attrs.frozen(kw_only=True)
class Standing:
    """党籍信息 (item 12)."""

    joined_on: DateValue | None = None
    join_type: Text | None = None
    full_member_on: DateValue | None = None
    probation_outcome: Text | None = None
    extras: Extras = extras_field()


@attrs.frozen(kw_only=True)
class Relation:
    """组织关系 (item 13): the branch that holds the member's organizational relation."""

    branch: Text | None = None
    entered_on: DateValue | None = None
    entry_type: Text | None = None
    extras: Extras = extras_field()


@attrs.frozen(kw_only=True)
class Floating:
    """流动党员 (item 14); the whole group is ``None`` for a member who is not floating."""

    flow_type: Text | None = None
    extras: Extras = extras_field()


@attrs.frozen(kw_only=True)
class Hardship:
    """困难党员 (item 15)."""

    veteran_without_work: Flag | None = None
    special_care_subsidy: Flag | None = None
    extras: Extras = extras_field()


@attrs.frozen(kw_only=True)
class Member:
    """党员, keyed by ``id`` (人员编号)."""

    id: Text | None = None
    basic: Person | None = None
    education: tuple[Education, ...] | None = None
    work: Work | None = None
    awards: tuple[MemberAward, ...] | None = None
    standing: Standing | None = None
    relation: Relation | None = None
    floating: Floating | None = None
    hardship: Hardship | None = None
    extras: Extras = extras_field()

    @property
    def key(self) -> str | None:
        """The record key: the member id as text, or ``None`` when it was not recorded."""
        return None if self.id is None else str(self.id)
