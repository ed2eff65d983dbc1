"""One code table: its meta block, its entries and the indexes that make lookups cheap.

A table is immutable. Its indexes are built once, at construction, so that :meth:`CodeTable.resolve`
costs one dict lookup for an exact code (the common case) and a handful for the looser forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from cpcinfo.codes._clean import clean, clean_code
from cpcinfo.codes._errors import AmbiguousLabel, InvalidTable, UnknownCode
from cpcinfo.codes._json import entry_to_json, parse_table
from cpcinfo.codes._model import CodeEntry, Confidence, Match, Resolution

__all__ = ["CodeTable"]

# A name index maps a label or alias to its resolution, or to the candidates when it is ambiguous.
_NameHit = Resolution | tuple[CodeEntry, ...]
_LEADING_IDENTIFIER = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?")


def _entries(value: Iterable[CodeEntry]) -> tuple[CodeEntry, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True, repr=False)
class CodeTable:
    """An immutable code table with lookups by code, label and alias.

    Meta: ``name`` (the key used in the glossary), ``title`` (Chinese), ``standard`` and ``edition``
    (what the codes follow), ``source`` (where the entries come from), ``confidence`` and ``notes``
    (what is uncertain or invented). ``leaf_required`` says the field wants a leaf code;
    ``open_below`` says deeper codes under a known entry are accepted as :attr:`Match.EXTENDED`,
    optionally only when the cleaned value matches ``open_below_pattern``. ``unique_labels`` is
    false for tables whose labels legitimately repeat (region: 「市辖区」); those labels are
    ambiguous. ``provider`` names the package loader that fills in the entries of a meta-only file.

    A label shared by an entry and its descendants only (industry section K and division 70 are both
    房地产业) is not ambiguous: it names the deepest of them.
    """

    name: str
    title: str
    standard: str
    edition: str
    source: str
    confidence: Confidence
    notes: str
    leaf_required: bool
    open_below: bool
    entries: tuple[CodeEntry, ...] = attrs.field(converter=_entries)
    open_below_pattern: str | None = None
    unique_labels: bool = True
    provider: str | None = None

    _code_hits: dict[str, Resolution] = attrs.field(init=False, eq=False, repr=False)
    _unclean_hits: dict[str, Resolution] = attrs.field(init=False, eq=False, repr=False)
    _label_hits: dict[str, _NameHit] = attrs.field(init=False, eq=False, repr=False)
    _name_hits: dict[str, _NameHit] = attrs.field(init=False, eq=False, repr=False)
    _children: dict[str | None, tuple[CodeEntry, ...]] = attrs.field(init=False, eq=False, repr=False)
    _tags: dict[str, frozenset[str]] = attrs.field(init=False, eq=False, repr=False)
    _pattern: re.Pattern[str] | None = attrs.field(init=False, eq=False, repr=False)
    _max_code_length: int = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        _check_meta(self)
        self._index_codes()
        self._index_tree()
        self._index_names()

    def _index_codes(self) -> None:
        code_hits: dict[str, Resolution] = {}
        unclean_hits: dict[str, Resolution] = {}
        for entry in self.entries:
            if not isinstance(entry, CodeEntry):
                raise InvalidTable(self.name, f"entries must be CodeEntry objects, not {entry!r}")
            if entry.code in code_hits:
                raise InvalidTable(self.name, f"duplicate code {entry.code!r}")
            code_hits[entry.code] = Resolution(entry, Match.CODE)
            key = clean_code(entry.code)
            other = unclean_hits.get(key)
            if other is not None:
                raise InvalidTable(self.name, f"codes {other.entry.code!r} and {entry.code!r} clean alike")
            unclean_hits[key] = Resolution(entry, Match.CODE_UNCLEAN)
        object.__setattr__(self, "_code_hits", code_hits)
        object.__setattr__(self, "_unclean_hits", unclean_hits)
        object.__setattr__(self, "_max_code_length", max(map(len, unclean_hits), default=0))
        pattern = re.compile(self.open_below_pattern) if self.open_below_pattern else None
        object.__setattr__(self, "_pattern", pattern)

    def _index_tree(self) -> None:
        children: dict[str | None, list[CodeEntry]] = {}
        tags: dict[str, set[str]] = {}
        for entry in self.entries:
            if entry.parent is not None and entry.parent not in self._code_hits:
                raise InvalidTable(self.name, f"entry {entry.code!r} has unknown parent {entry.parent!r}")
            children.setdefault(entry.parent, []).append(entry)
            for tag in entry.tags:
                tags.setdefault(tag, set()).add(entry.code)
        _check_acyclic(self.name, self._code_hits)
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})
        object.__setattr__(self, "_tags", {k: frozenset(v) for k, v in tags.items()})

    def _index_names(self) -> None:
        labels: dict[str, list[CodeEntry]] = {}
        names: dict[str, list[CodeEntry]] = {}
        for entry in self.entries:
            labels.setdefault(entry.label, []).append(entry)
            seen: set[str] = set()
            for name in entry.names:
                key = clean(name)
                if key in seen:
                    raise InvalidTable(self.name, f"entry {entry.code!r} repeats the name {name!r}")
                seen.add(key)
                owner = self._unclean_hits.get(clean_code(name))
                if owner is not None and owner.entry is not entry:
                    raise InvalidTable(self.name, f"name {name!r} of entry {entry.code!r} is the code of another entry")
                names.setdefault(key, []).append(entry)
        object.__setattr__(self, "_label_hits", self._name_index(labels, Match.LABEL, check=False))
        object.__setattr__(self, "_name_hits", self._name_index(names, Match.ALIAS, check=self.unique_labels))

    def _name_index(self, names: dict[str, list[CodeEntry]], match: Match, *, check: bool) -> dict[str, _NameHit]:
        index: dict[str, _NameHit] = {}
        for key, found in names.items():
            deepest = self._deepest_of_chain(found)
            if deepest is not None:
                index[key] = Resolution(deepest, match)
            elif check:
                codes = ", ".join(entry.code for entry in found)
                raise InvalidTable(self.name, f"the name {key!r} is shared by entries {codes}")
            else:
                index[key] = tuple(found)
        return index

    def _deepest_of_chain(self, found: list[CodeEntry]) -> CodeEntry | None:
        """The deepest entry if all entries lie on one ancestor chain, else None."""
        if len(found) == 1:
            return found[0]
        deepest = max(found, key=lambda entry: len(self.ancestors(entry.code)))
        chain = {deepest.code, *(entry.code for entry in self.ancestors(deepest.code))}
        return deepest if all(entry.code in chain for entry in found) else None

    # -- lookups ---------------------------------------------------------------------------------

    def get(self, code: str) -> CodeEntry | None:
        """The entry with exactly this code, or None."""
        hit = self._code_hits.get(code) if isinstance(code, str) else None
        return hit.entry if hit is not None else None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._code_hits

    def resolve(self, value: str) -> Resolution | None:
        """Resolve a code, label or alias, cleaned if need be; None when unknown or ambiguous.

        The forms are tried in the order of :class:`Match`: CODE, CODE_UNCLEAN, LABEL, ALIAS,
        EXTENDED. Never raises.
        """
        found = self._find(value)
        return found if isinstance(found, Resolution) else None

    def lookup(self, value: str) -> CodeEntry:
        """The entry named by a code, label or alias (cleaned too).

        Raises :class:`UnknownCode`, or :class:`AmbiguousLabel` when the value names several entries.
        """
        found = self._find(value)
        if isinstance(found, Resolution):
            return found.entry
        if found:
            raise AmbiguousLabel(self.name, self.citation, value, found)
        raise UnknownCode(self.name, self.citation, str(value))

    def _find(self, value: str) -> Resolution | tuple[CodeEntry, ...]:
        if not isinstance(value, str):
            return ()
        hit = self._code_hits.get(value)
        if hit is not None:
            return hit
        code = clean_code(value)
        hit = self._unclean_hits.get(code)
        if hit is not None:
            return hit
        named = self._label_hits.get(value)
        if named is None:
            named = self._name_hits.get(clean(value))
        if named is not None:
            return named
        if self.open_below and code:
            return self._extend(code) or ()
        return ()

    def _extend(self, code: str) -> Resolution | None:
        if self._pattern is not None:
            if not self._pattern.fullmatch(code):
                return None
        elif not (code.isascii() and code.isalnum()):
            return None
        for length in range(min(len(code) - 1, self._max_code_length), 0, -1):
            hit = self._unclean_hits.get(code[:length])
            if hit is not None:
                return Resolution(hit.entry, Match.EXTENDED)
        return None

    # -- hierarchy -------------------------------------------------------------------------------

    def _entry(self, code: str) -> CodeEntry:
        entry = self.get(code)
        if entry is None:
            raise UnknownCode(self.name, self.citation, str(code))
        return entry

    def is_leaf(self, code: str) -> bool:
        """Whether the entry with this code has no children; raises UnknownCode for unknown codes."""
        return self._entry(code).code not in self._children

    def parent(self, code: str) -> CodeEntry | None:
        """The parent entry, None at the top; raises UnknownCode for unknown codes."""
        parent = self._entry(code).parent
        return None if parent is None else self._code_hits[parent].entry

    def children(self, code: str) -> tuple[CodeEntry, ...]:
        """The direct children in table order; raises UnknownCode for unknown codes."""
        return self._children.get(self._entry(code).code, ())

    def roots(self) -> tuple[CodeEntry, ...]:
        """The entries without a parent, in table order."""
        return self._children.get(None, ())

    def ancestors(self, code: str) -> tuple[CodeEntry, ...]:
        """The parent, grandparent ... up to the top; raises UnknownCode for unknown codes."""
        out: list[CodeEntry] = []
        parent = self._entry(code).parent
        while parent is not None:
            entry = self._code_hits[parent].entry
            out.append(entry)
            parent = entry.parent
        return tuple(out)

    def with_tag(self, tag: str) -> frozenset[str]:
        """The codes of the entries carrying ``tag`` (empty for an unknown tag)."""
        return self._tags.get(tag, frozenset())

    @property
    def tags(self) -> frozenset[str]:
        """Every tag used in the table."""
        return frozenset(self._tags)

    # -- identity --------------------------------------------------------------------------------

    @property
    def citation(self) -> str:
        """The standard and edition in short, for messages: ``GB/T 2261.1-2003``."""
        match = _LEADING_IDENTIFIER.match(self.standard)
        ident = match.group() if match else ""
        if not ident:
            return self.edition
        return ident if self.edition in ident else f"{ident}, {self.edition}"

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[CodeEntry]:
        return iter(self.entries)

    def __repr__(self) -> str:
        return f"CodeTable(name={self.name!r}, edition={self.edition!r}, entries={len(self.entries)})"

    # -- JSON ------------------------------------------------------------------------------------

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CodeTable:
        """Build a table from its JSON form; raises :class:`InvalidTable` (a ValueError) when malformed."""
        return cls(**parse_table(data))

    def to_json(self) -> dict[str, Any]:
        """The JSON form, the inverse of :meth:`from_json`."""
        meta: dict[str, Any] = {
            "name": self.name,
            "title": self.title,
            "standard": self.standard,
            "edition": self.edition,
            "source": self.source,
            "confidence": self.confidence.value,
            "notes": self.notes,
            "leaf_required": self.leaf_required,
            "open_below": self.open_below,
        }
        if self.open_below_pattern is not None:
            meta["open_below_pattern"] = self.open_below_pattern
        if not self.unique_labels:
            meta["unique_labels"] = False
        if self.provider is not None:
            meta["provider"] = self.provider
        return {"meta": meta, "entries": [entry_to_json(entry) for entry in self.entries]}


def _check_meta(table: CodeTable) -> None:
    name = table.name if isinstance(table.name, str) and table.name else "<unnamed>"
    if name != table.name or name != "".join(name.split()):
        raise InvalidTable(name, "name must be a non-empty string without whitespace")
    for field in ("title", "standard", "edition", "source", "notes"):
        if not isinstance(getattr(table, field), str):
            raise InvalidTable(name, f"{field} must be a string")
    if not isinstance(table.confidence, Confidence):
        raise InvalidTable(name, f"confidence must be a Confidence, not {table.confidence!r}")
    if table.open_below_pattern is not None:
        if not table.open_below:
            raise InvalidTable(name, "open_below_pattern is set but open_below is false")
        try:
            re.compile(table.open_below_pattern)
        except re.error as exc:
            raise InvalidTable(name, f"open_below_pattern does not compile: {exc}") from None


def _check_acyclic(name: str, code_hits: dict[str, Resolution]) -> None:
    for start in code_hits:
        seen = {start}
        parent = code_hits[start].entry.parent
        while parent is not None:
            if parent in seen:
                raise InvalidTable(name, f"the parents of {start!r} form a cycle")
            seen.add(parent)
            parent = code_hits[parent].entry.parent
