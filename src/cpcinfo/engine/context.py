"""The shared state of one system check (系统查找): the tree, the date, and what cross-record rules collect.

One :class:`SystemContext` lives for one run of the check. The hooks of the system rules read the tree and
the date from it and keep in it what a later hook needs — the identity numbers seen, the branches where a
leader's or mentor's name occurs among the members — so that a streaming check holds the tree and these
small indexes, never the members themselves.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from cpcinfo.codes import CodeTables
from cpcinfo.rules.ruleset import RuleSet

if TYPE_CHECKING:
    from cpcinfo.org.roster import Roster
    from cpcinfo.org.tree import OrgTree

T = TypeVar("T")


@attrs.define(kw_only=True)
class SystemContext:
    """Mutable while the check runs, owned by that run alone (or that part of a partitioned check); only
    ``settled``, what depends on the check's settings alone, is shared by the parts of one check."""

    as_of: datetime.date
    tree: OrgTree
    tables: CodeTables
    ruleset: RuleSet
    roster: Roster | None = None
    # The locator of the record the hooks are called with (its key, or ``#n``; see ``record_locator``),
    # and what several rules read from it (``cpcinfo.engine.facts.Facts``), set before a hook is called:
    # only a hook may read them, and only of the record it is called with.
    record_key: str | None = None
    record_key_usable: bool = False  # whether the record's own key is its locator (``usable_key``)
    # The record's place in its entity's list, counted from 1 (in a partitioned check, its place in the
    # whole): for the rules that must order what they note as a single pass would.
    record_position: int = 0
    # True in a part of a partitioned check: what is noted (``cpcinfo.engine.repeats.noted``) also notes the
    # position of each value, so that the parts can be merged in the order of the whole.
    note_positions: bool = False
    facts: Any = None
    # Filled by the hooks; each belongs to the rule that uses it, documented there.
    scratch: dict[str, Any] = attrs.field(factory=dict)
    # What depends on the run's settings alone (the tree, the tables, the rule set, the roster, the date),
    # never on a record: shared by every part of a partitioned check, which would otherwise work each out
    # again from the whole tree in every part (see ``once``).
    settled: dict[str, Any] = attrs.field(factory=dict, repr=False)

    def once(self, name: str, compute: Callable[[], T]) -> T:
        """What ``compute`` gives, computed on the first call under ``name`` and kept: the faults of the tree,
        which several tree rules read (the engine knows no detector, a rule brings its own), the names of the
        tree's leaders. ``compute`` must read only the run's settings (``tree``, ``tables``, ``ruleset``,
        ``roster``, ``as_of``), never the scratch or a record: the value is shared by every part of a
        partitioned check."""
        try:
            value: T = self.settled[name]
        except KeyError:
            value = self.settled[name] = compute()
        return value
