"""Keys that the glossary does not know, kept so that nothing a user gave is lost."""

from __future__ import annotations

from typing import Any, TypeAlias

import attrs

Extras: TypeAlias = tuple[tuple[str, Any], ...]
"""Unknown keys in the order they were read, each with its JSON value, exactly as written."""


def extras_field() -> Any:
    """The ``extras`` attribute every record, group and subrecord carries.

    It takes part in equality (a round trip must keep it) but not in hashing: its values are arbitrary JSON.
    """
    return attrs.field(default=(), hash=False, repr=lambda e: repr(dict(e)) if e else "()")
