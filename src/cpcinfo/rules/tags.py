"""Tag tests: does a recorded code value mean an entry that carries a tag (``secretary``, ``on-time`` ...)?

The rules ask such questions of every record, so the test is prepared once per table and tag: an exact code
is one set lookup; only a label, alias or unclean code goes through the table's resolver.

The tags read are listed in :data:`TAGS_READ`, and a set of code tables that lacks one is refused when it is
given to a check (:func:`require_tags`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from cpcinfo.codes import CodeError, CodeTable, CodeTables, InvalidTable


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


TAGS_READ: Mapping[str, frozenset[str]] = MappingProxyType({
    "org_category": frozenset({"branch", "general-branch", "committee", "joint"}),
    "party_setup": frozenset({"branch", "general-branch", "committee", "joint-branch"}),
    "join_type": frozenset({"direct-full"}),
    "probation_outcome": frozenset({"on-time", "extended", "delayed", "pending", "cancelled"}),
    "entry_type": frozenset({"new"}),
    "leader_title": frozenset({"secretary"}),
    "unit_relation": frozenset({"joint", "same-as-parent"}),
})
"""The tags the built-in rules, the organization tree and the sampling read, by code table: what a table
given in place of a bundled one must carry (a test holds every ``tag_test`` and tag lookup of the source to
this list). The tree reads 组织类别 by its ``branch``/``general-branch``/``committee`` tags: a 组织类别 table
without them would make every organization 「other」, sample no branch and score the empty sample."""


class MissingTagsError(InvalidTable):
    """Code tables that lack tags the rules read (see :data:`TAGS_READ`); ``missing`` maps each such table
    to the tags it lacks."""

    def __init__(self, missing: Mapping[str, frozenset[str]]) -> None:
        self.missing = MappingProxyType(dict(missing))
        self.table = "、".join(sorted(self.missing))
        self.problem = "；".join(f"代码表「{name}」缺少标签 {'、'.join(sorted(tags))}"
                                 for name, tags in sorted(self.missing.items()))
        # Not InvalidTable's English "code table 'x': ..." form: the message is for the clerk who gave the table.
        CodeError.__init__(self, f"{self.problem}（规则按这些标签读取代码；替换内置代码表时须为相应条目保留这些标签）")


def missing_tags(tables: CodeTables) -> dict[str, frozenset[str]]:
    """The tags of :data:`TAGS_READ` that these tables lack, by table (empty when nothing is missing; a
    table absent from the set is another error, raised where it is read)."""
    missing: dict[str, frozenset[str]] = {}
    for name, wanted in TAGS_READ.items():
        if name in tables and (lacking := wanted - tables[name].tags):
            missing[name] = lacking
    return missing


def require_tags(tables: CodeTables) -> None:
    """Refuse code tables that lack tags the rules read: :class:`MissingTagsError` names them."""
    if missing := missing_tags(tables):
        raise MissingTagsError(missing)
