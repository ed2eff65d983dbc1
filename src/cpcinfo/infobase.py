"""One database: its organizations, members and applicants, with lookups by record key."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Protocol, TypeVar

import attrs

from cpcinfo.applicant import Applicant
from cpcinfo.extras import Extras, extras_field
from cpcinfo.member import Member
from cpcinfo.org import Organization


class _Keyed(Protocol):
    @property
    def key(self) -> str | None: ...


_K = TypeVar("_K", bound=_Keyed)


def _index(records: Iterable[_K]) -> Mapping[str, _K]:
    # The first record with a key wins: duplicate keys are a defect that the tree and system rules report,
    # and a lookup must stay stable rather than depend on which duplicate came last.
    index: dict[str, _K] = {}
    for record in records:
        key = record.key
        if key is not None and key not in index:
            index[key] = record
    return MappingProxyType(index)


@attrs.frozen
class Counts:
    """How many records of each entity."""

    organizations: int
    members: int
    applicants: int


@attrs.frozen(kw_only=True)
class InfoBase:
    """The immutable collection of one 党员信息库.

    Lookups by key are built once, on construction. Records whose key is empty are kept (they are counted
    and checked) but cannot be looked up.

    >>> from cpcinfo import Organization, OrgBasic
    >>> base = InfoBase(organizations=(Organization(basic=OrgBasic(code="001")),))
    >>> base.organization("001").key, base.counts.organizations
    ('001', 1)
    """

    organizations: tuple[Organization, ...] = attrs.field(default=(), converter=tuple)
    members: tuple[Member, ...] = attrs.field(default=(), converter=tuple)
    applicants: tuple[Applicant, ...] = attrs.field(default=(), converter=tuple)
    extras: Extras = extras_field()
    _organizations_by_code: Mapping[str, Organization] = attrs.field(init=False, eq=False, repr=False)
    _members_by_id: Mapping[str, Member] = attrs.field(init=False, eq=False, repr=False)
    _applicants_by_id: Mapping[str, Applicant] = attrs.field(init=False, eq=False, repr=False)

    def __repr__(self) -> str:
        # Counts only: the records hold identity numbers, and a notebook saves this text.
        return (f"<InfoBase 党组织 {len(self.organizations)}、党员 {len(self.members)}、"
                f"申请入党人 {len(self.applicants)}>")

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_organizations_by_code", _index(self.organizations))
        object.__setattr__(self, "_members_by_id", _index(self.members))
        object.__setattr__(self, "_applicants_by_id", _index(self.applicants))

    def organization(self, code: str) -> Organization | None:
        """The organization with this code (the first one, if the code is duplicated)."""
        return self._organizations_by_code.get(code)

    def member(self, member_id: str) -> Member | None:
        """The member with this id (the first one, if the id is duplicated)."""
        return self._members_by_id.get(member_id)

    def applicant(self, applicant_id: str) -> Applicant | None:
        """The applicant with this id (the first one, if the id is duplicated)."""
        return self._applicants_by_id.get(applicant_id)

    @property
    def organizations_by_code(self) -> Mapping[str, Organization]:
        """A read-only mapping from organization code to record."""
        return self._organizations_by_code

    @property
    def members_by_id(self) -> Mapping[str, Member]:
        """A read-only mapping from member id to record."""
        return self._members_by_id

    @property
    def applicants_by_id(self) -> Mapping[str, Applicant]:
        """A read-only mapping from applicant id to record."""
        return self._applicants_by_id

    @property
    def counts(self) -> Counts:
        """How many records of each entity the database holds (duplicates and keyless records included)."""
        return Counts(len(self.organizations), len(self.members), len(self.applicants))
