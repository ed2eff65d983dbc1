"""Value types of the code tables: one entry, how a value matched, how sure we are of a table."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from cpcinfo.errors import InvalidArgumentError

__all__ = ["CodeEntry", "Confidence", "Match", "Resolution"]


class Confidence(enum.Enum):
    """How well a table is backed by evidence (the marks of ``docs/domain/index.md#marks``)."""

    CONFIRMED = "C"
    """Confirmed by an official source (a standard, a statistics bureau, a Party document)."""
    THIRD_PARTY = "C3"
    """Copied from third-party code that reproduces the system's dictionaries; probably faithful."""
    INFERRED = "I"
    """Constructed by cpcinfo from partial evidence; verify before relying on the codes."""


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a sequence of strings, not the string {value!r}")
    return tuple(value)


def _tags(value: Iterable[str]) -> frozenset[str]:
    return frozenset(_strings(value))


@attrs.frozen(kw_only=True)
class CodeEntry:
    """One entry of a code table.

    ``parent`` is the code of the enclosing entry in a hierarchical table (``611`` -> ``6``).
    ``aliases`` are other spellings that name the entry (short forms, older names). ``tags`` mark
    the entries a rule cares about (``"branch"``, ``"retired"`` ...). ``valid_from`` and
    ``valid_to`` are years, inclusive; ``None`` means open.
    """

    code: str
    label: str
    parent: str | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_tags)
    valid_from: int | None = None
    valid_to: int | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.code, str) or not self.code or self.code != "".join(self.code.split()):
            raise InvalidArgumentError(f"code must be a non-empty string without whitespace, not {self.code!r}")
        if not isinstance(self.label, str) or not self.label.strip():
            raise InvalidArgumentError(f"entry {self.code}: label must be a non-empty string")
        if self.parent is not None and (not isinstance(self.parent, str) or self.parent == self.code):
            raise InvalidArgumentError(f"entry {self.code}: parent must be another entry's code, not {self.parent!r}")
        for alias in self.aliases:
            if not isinstance(alias, str) or not alias.strip():
                raise InvalidArgumentError(f"entry {self.code}: aliases must be non-empty strings, not {alias!r}")
        for tag in self.tags:
            if not isinstance(tag, str) or not tag:
                raise InvalidArgumentError(f"entry {self.code}: tags must be non-empty strings, not {tag!r}")
        for year in (self.valid_from, self.valid_to):
            if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
                raise InvalidArgumentError(f"entry {self.code}: valid_from/valid_to must be years, not {year!r}")
        if self.valid_from is not None and self.valid_to is not None and self.valid_from > self.valid_to:
            raise InvalidArgumentError(
                f"entry {self.code}: valid_from {self.valid_from} is after valid_to {self.valid_to}"
            )

    @property
    def names(self) -> tuple[str, ...]:
        """The label followed by the aliases."""
        return (self.label, *self.aliases)

    def valid_in(self, year: int) -> bool:
        """Whether the code was in force in ``year`` (open bounds always hold)."""
        return (self.valid_from is None or self.valid_from <= year) and (self.valid_to is None or year <= self.valid_to)


class Match(enum.Enum):
    """How a value was matched to an entry, from the exact to the loosest form."""

    CODE = "code"
    """The value is exactly a code of the table."""
    CODE_UNCLEAN = "code-unclean"
    """A code once cleaned: full-width folded to ASCII, whitespace removed, letters upper-cased."""
    LABEL = "label"
    """Exactly the label of an entry."""
    ALIAS = "alias"
    """An alias, or a label or alias after cleaning."""
    EXTENDED = "extended"
    """A deeper code under a known entry of an ``open_below`` table; the entry is the longest known prefix."""


@attrs.frozen
class Resolution:
    """The entry a value resolved to, and how."""

    entry: CodeEntry
    match: Match
