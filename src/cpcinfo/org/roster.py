"""The roster (「实际情况」): the organizations that really exist.

Items 5 and 6 of the score sheet compare the database's organization tree with the actual organizations.
A :class:`Roster` lists them (code, name, category, parent code); the comparison with an
:class:`~cpcinfo.org.tree.OrgTree` is :func:`cpcinfo.org.roster_checks.compare`. Loading a roster from a
file belongs to the edge, not here.

>>> roster = Roster([RosterEntry(code="001", name="机关党委", category="611"),
...                  RosterEntry(code="001001", name="第一党支部", category="631", parent="001")])
>>> [entry.code for entry in roster.top_down()], "001001" in roster
(['001', '001001'], True)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

import attrs

from cpcinfo.errors import InvalidArgumentError, NotFoundError

__all__ = ["Roster", "RosterEntry"]


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgumentError(f"roster entry: {attribute.name} must be a non-empty string, not {value!r}")


def _optional_code(value: str | None) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidArgumentError(f"roster entry: parent must be a string or None, not {value!r}")
    return value if value is not None and value.strip() else None


def _category(value: str | None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidArgumentError(f"roster entry: category must be a string, not {value!r}")
    return value


@attrs.frozen(kw_only=True)
class RosterEntry:
    """One organization that really exists. A blank ``parent`` is stored as ``None`` (a top)."""

    code: str = attrs.field(validator=_non_empty)
    name: str = attrs.field(validator=_non_empty)
    category: str = attrs.field(default="", converter=_category)
    parent: str | None = attrs.field(default=None, converter=_optional_code)


def _entries(value: Iterable[RosterEntry]) -> tuple[RosterEntry, ...]:
    return tuple(value)


def _no_duplicates(
    instance: object, attribute: attrs.Attribute[tuple[RosterEntry, ...]], value: tuple[RosterEntry, ...]
) -> None:
    seen: set[str] = set()
    repeated: list[str] = []
    for entry in value:
        if entry.code in seen and entry.code not in repeated:
            repeated.append(entry.code)
        seen.add(entry.code)
    if repeated:
        raise InvalidArgumentError(f"roster: duplicate organization codes {', '.join(repeated)}")


@attrs.frozen
class Roster:
    """The organizations that really exist, in the order given; codes are unique (else ``ValueError``)."""

    entries: tuple[RosterEntry, ...] = attrs.field(converter=_entries, validator=_no_duplicates)
    _by_code: Mapping[str, RosterEntry] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_code", MappingProxyType({entry.code: entry for entry in self.entries}))

    def get(self, code: str) -> RosterEntry | None:
        """The entry with ``code``, or ``None``."""
        return self._by_code.get(code)

    def __getitem__(self, code: str) -> RosterEntry:
        try:
            return self._by_code[code]
        except KeyError:
            raise NotFoundError(f"no organization with code {code!r} in the roster") from None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[RosterEntry]:
        return iter(self.entries)

    def top_down(self) -> tuple[RosterEntry, ...]:
        """The entries parents first (breadth-first from the tops, children in code order).

        A top is an entry whose parent is blank or not in the roster; entries on a cycle of the roster
        itself come last, in code order.
        """
        children: dict[str, list[RosterEntry]] = {}
        tops: list[RosterEntry] = []
        for entry in sorted(self.entries, key=lambda e: e.code):
            if entry.parent is None or entry.parent not in self._by_code:
                tops.append(entry)
            else:
                children.setdefault(entry.parent, []).append(entry)
        ordered: list[RosterEntry] = []
        queue = deque(tops)
        while queue:
            entry = queue.popleft()
            ordered.append(entry)
            queue.extend(children.get(entry.code, ()))
        if len(ordered) < len(self.entries):
            reached = {entry.code for entry in ordered}
            ordered.extend(e for e in sorted(self.entries, key=lambda e: e.code) if e.code not in reached)
        return tuple(ordered)
