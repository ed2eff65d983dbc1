"""The organization record (党组织) and its groups."""

from __future__ import annotations

import attrs

from cpcinfo.extras import Extras, extras_field
from cpcinfo.values import DateValue, Flag, Text


@attrs.frozen(kw_only=True)
class OrgBasic:
    """基本信息 (item 1).

    ``founded_on`` and ``unit_relation`` are optional extras beyond the seed's 17 items.
    """

    code: Text | None = None
    name: Text | None = None
    category: Text | None = None
    locality: Text | None = None
    elected_on: DateValue | None = None
    term_ends_on: DateValue | None = None
    founded_on: DateValue | None = None
    unit_relation: Text | None = None
    extras: Extras = extras_field()


@attrs.frozen(kw_only=True)
class Leader:
    """班子成员 (item 2): one member of the leadership."""

    name: Text | None = None
    title: Text | None = None
    extras: Extras = extras_field()


@attrs.frozen(kw_only=True)
class OrgAward:
    """组织奖惩 (item 3): one award or penalty of the organization."""

    name: Text | None = None
    date: DateValue | None = None
    extras: Extras = extras_field()


@attrs.frozen(kw_only=True)
class Unit:
    """单位信息 (item 4): the unit the organization is set up in."""

    name: Text | None = None
    affiliation: Text | None = None
    nature: Text | None = None
    industry: Text | None = None
    legal_entity: Flag | None = None
    party_setup: Text | None = None
    grassroots_type: Text | None = None
    extras: Extras = extras_field()


@attrs.frozen(kw_only=True)
class Organization:
    """党组织: one node of the organization tree, keyed by ``basic.code``.

    ``parent`` is the code of the superior organization, empty only for the root of the audited tree.
    Subrecord groups are tuples; ``None`` means the group was not recorded at all.
    """

    parent: Text | None = None
    basic: OrgBasic | None = None
    leaders: tuple[Leader, ...] | None = None
    awards: tuple[OrgAward, ...] | None = None
    unit: Unit | None = None
    extras: Extras = extras_field()

    @property
    def key(self) -> str | None:
        """The record key: the organization code as text, or ``None`` when it was not recorded."""
        code = self.basic.code if self.basic is not None else None
        return None if code is None else str(code)
