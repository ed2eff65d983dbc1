"""What every identifier module's ``is_valid`` is: its ``validate``, made a total predicate."""

from __future__ import annotations

from collections.abc import Callable

from cpcinfo.errors import InvalidIdentifier


def accepts(validate: Callable[[str], str], value: object) -> bool:
    """Whether ``validate`` accepts ``value``; ``False`` for anything else, whatever it is."""
    try:
        return bool(validate(value))  # type: ignore[arg-type]  # any value: a non-text one is not valid
    except InvalidIdentifier:
        return False
