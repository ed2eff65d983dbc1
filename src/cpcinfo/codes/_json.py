"""The JSON form of a code table: parsing with precise messages, and the canonical text layout.

A table file is one UTF-8 object with a ``meta`` block and an ``entries`` list::

    {
      "meta": {"name": ..., "title": ..., "standard": ..., "edition": ..., "source": ...,
               "confidence": "C" | "C3" | "I", "notes": ..., "leaf_required": bool,
               "open_below": bool, ["open_below_pattern": regex], ["unique_labels": false],
               ["provider": name]},
      "entries": [{"code": ..., "label": ..., ["parent"], ["aliases"], ["tags"],
                   ["valid_from"], ["valid_to"]}, ...]
    }

Optional keys are written only when they differ from their default, so that files stay short.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from cpcinfo.codes._errors import InvalidTable
from cpcinfo.codes._model import CodeEntry, Confidence

__all__ = ["ENTRY_KEYS", "META_KEYS", "entry_to_json", "format_json", "parse_table"]

_REQUIRED_META: dict[str, type] = {
    "name": str,
    "title": str,
    "standard": str,
    "edition": str,
    "source": str,
    "confidence": str,
    "notes": str,
    "leaf_required": bool,
    "open_below": bool,
}
_OPTIONAL_META: dict[str, type] = {"open_below_pattern": str, "unique_labels": bool, "provider": str}
META_KEYS: tuple[str, ...] = (*_REQUIRED_META, *_OPTIONAL_META)
"""Meta keys in file order."""
ENTRY_KEYS: tuple[str, ...] = ("code", "label", "parent", "aliases", "tags", "valid_from", "valid_to")
"""Entry keys in file order."""


def parse_table(data: Mapping[str, Any]) -> dict[str, Any]:
    """Check the JSON form and return the keyword arguments of ``CodeTable``.

    Raises :class:`InvalidTable` naming the table (or ``<unnamed>``) and the offending key.
    """
    if not isinstance(data, Mapping):
        raise InvalidTable("<unnamed>", f"a table must be a JSON object, not {type(data).__name__}")
    meta = data.get("meta")
    name = meta.get("name") if isinstance(meta, Mapping) else None
    table = name if isinstance(name, str) and name else "<unnamed>"
    if not isinstance(meta, Mapping):
        raise InvalidTable(table, "missing 'meta' object")
    extra = set(data) - {"meta", "entries"}
    if extra:
        raise InvalidTable(table, f"unknown top-level keys {sorted(extra)}")
    fields = _parse_meta(table, meta)
    if "entries" not in data:
        hint = (
            f" (entries of provider {fields['provider']!r} are filled in by the package loader)"
            if "provider" in fields
            else ""
        )
        raise InvalidTable(table, f"missing 'entries' list{hint}")
    entries = data["entries"]
    if not isinstance(entries, Sequence) or isinstance(entries, str):
        raise InvalidTable(table, "'entries' must be a list")
    fields["entries"] = tuple(_parse_entry(table, i, item) for i, item in enumerate(entries))
    return fields


def _parse_meta(table: str, meta: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(meta) - set(META_KEYS)
    if unknown:
        raise InvalidTable(table, f"unknown meta keys {sorted(unknown)}")
    fields: dict[str, Any] = {}
    for key, kind in (*_REQUIRED_META.items(), *_OPTIONAL_META.items()):
        if key not in meta:
            if key in _REQUIRED_META:
                raise InvalidTable(table, f"meta.{key} is missing")
            continue
        value = meta[key]
        if not isinstance(value, kind):
            raise InvalidTable(table, f"meta.{key} must be a {kind.__name__}, not {value!r}")
        fields[key] = value
    if not fields["name"]:
        raise InvalidTable(table, "meta.name must not be empty")
    try:
        fields["confidence"] = Confidence(fields["confidence"])
    except ValueError:
        marks = ", ".join(mark.value for mark in Confidence)
        raise InvalidTable(table, f"meta.confidence must be one of {marks}, not {fields['confidence']!r}") from None
    return fields


def _parse_entry(table: str, index: int, item: object) -> CodeEntry:
    where = f"entries[{index}]"
    if not isinstance(item, Mapping):
        raise InvalidTable(table, f"{where} must be an object")
    unknown = set(item) - set(ENTRY_KEYS)
    if unknown:
        raise InvalidTable(table, f"{where} has unknown keys {sorted(unknown)}")
    for key in ("code", "label"):
        if not isinstance(item.get(key), str):
            raise InvalidTable(table, f"{where}.{key} must be a string")
    where = f"{where} (code {item['code']!r})"
    if item.get("parent") is not None and not isinstance(item["parent"], str):
        raise InvalidTable(table, f"{where}.parent must be a string")
    for key in ("aliases", "tags"):
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InvalidTable(table, f"{where}.{key} must be a list of strings")
    for key in ("valid_from", "valid_to"):
        value = item.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise InvalidTable(table, f"{where}.{key} must be a year (integer)")
    try:
        return CodeEntry(
            code=item["code"],
            label=item["label"],
            parent=item.get("parent"),
            aliases=tuple(item.get("aliases", ())),
            tags=frozenset(item.get("tags", ())),
            valid_from=item.get("valid_from"),
            valid_to=item.get("valid_to"),
        )
    except ValueError as exc:
        raise InvalidTable(table, f"{where}: {exc}") from None


def entry_to_json(entry: CodeEntry) -> dict[str, Any]:
    """The JSON object of one entry; optional keys only when set, tags sorted."""
    out: dict[str, Any] = {"code": entry.code, "label": entry.label}
    if entry.parent is not None:
        out["parent"] = entry.parent
    if entry.aliases:
        out["aliases"] = list(entry.aliases)
    if entry.tags:
        out["tags"] = sorted(entry.tags)
    if entry.valid_from is not None:
        out["valid_from"] = entry.valid_from
    if entry.valid_to is not None:
        out["valid_to"] = entry.valid_to
    return out


def format_json(data: Mapping[str, Any]) -> str:
    """The canonical file text: meta one key a line, entries one object a line, trailing newline."""

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    meta = data["meta"]
    meta_lines = ",\n".join(f"    {dump(key)}: {dump(meta[key])}" for key in META_KEYS if key in meta)
    parts = [f'  "meta": {{\n{meta_lines}\n  }}']
    if "entries" in data:
        entries = data["entries"]
        if entries:
            body = ",\n".join(f"    {dump(entry)}" for entry in entries)
            parts.append(f'  "entries": [\n{body}\n  ]')
        else:
            parts.append('  "entries": []')
    return "{\n" + ",\n".join(parts) + "\n}\n"
