"""Tag tests: does a recorded code value mean an entry that carries a tag (``secretary``, ``on-time`` ...)?

The rules ask such questions of every record, so the test is prepared once per table and tag: an exact code
is one set lookup; only a label, alias or unclean code goes through the table's resolver.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cpcinfo.codes import CodeTable


def tag_test(table: CodeTable, tag: str) -> Callable[[Any], bool]:
    """A predicate on recorded values: true when the value resolves to an entry tagged ``tag``."""
    tagged = table.with_tag(tag)
    codes = frozenset(entry.code for entry in table.entries)

    def test(value: Any) -> bool:
        if type(value) is str:
            if value in tagged:
                return True
            if value in codes:
                return False
        elif value is None:
            return False
        resolution = table.resolve(str(value))
        return resolution is not None and tag in resolution.entry.tags

    return test
