"""The record hooks of the system rules of one entity, written as one function.

A province streams millions of members past a dozen system rules. Calling each rule's hook for each member
would cost more than the field rules themselves; instead, each rule may state a :class:`~cpcinfo.rules.model.Quiet`
test — a Python expression over the record and its facts — and the pass is written out, the way the field
validator is, as one function in which each test stands in place before its hook::

    def run(record, locator):
        facts = ctx.facts = facts_of(record, ctx)
        if not (facts.joined is None or facts.born is None or facts.joined.year - facts.born.year > q2_min_age):
            d = hook_2(record, ctx)
            if d: report(rule_2, locator, d)
        ...

so that a valid record costs a handful of comparisons. The hooks stay the definition of each rule; a test
only says when calling one is pointless, and ``quiet=False`` runs every hook on every record (the oracle
the tests compare against).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from types import CodeType
from typing import Any

from cpcinfo.rules.context import SystemContext
from cpcinfo.rules.model import Defect, Quiet, Rule

Report = Callable[[Rule, "str | None", Sequence[Defect]], None]
Hook = Callable[[Any, SystemContext], Sequence[Defect]]
RecordPass = Callable[[Any, "str | None"], None]

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def record_pass(hooks: Sequence[tuple[Rule, Hook, Quiet | None]], ctx: SystemContext,
                facts_of: Callable[[Any, SystemContext], Any] | None, report: Report, *,
                quiet: bool = True) -> RecordPass:
    """One function that runs these hooks (in this order) on a record named by its locator.

    ``facts_of`` sets ``ctx.facts`` for each record first (skipped when there is no hook). The ``per_run``
    values of the tests are computed now, from ``ctx``: call this when the entity's records begin.
    """
    namespace: dict[str, Any] = {"ctx": ctx, "facts_of": facts_of, "report": report}
    lines = ["def run(record, locator):"]
    if hooks and facts_of is not None:
        lines.append("    facts = ctx.facts = facts_of(record, ctx)")
    for i, (rule, hook, test) in enumerate(hooks):
        namespace[f"rule_{i}"], namespace[f"hook_{i}"] = rule, hook
        indent = "    "
        if quiet and test is not None:
            lines.append(f"    if not ({_written(test, i, ctx, namespace)}):")
            indent = "        "
        lines.append(f"{indent}d = hook_{i}(record, ctx)")
        lines.append(f"{indent}if d: report(rule_{i}, locator, d)")
    if len(lines) == 1:
        lines.append("    pass")
    exec(_compiled("\n".join(lines)), namespace)
    run: RecordPass = namespace["run"]
    return run


@functools.lru_cache(maxsize=64)
def _compiled(source: str) -> CodeType:
    return compile(source, "<cpcinfo record pass>", "exec")


def _written(test: Quiet, i: int, ctx: SystemContext, namespace: dict[str, Any]) -> str:
    """The test's expression with its names in braces made the namespace's own (``q{i}_name``)."""
    for name, value in test.constants.items():
        namespace[f"q{i}_{name}"] = value
    for name, compute in test.per_run.items():
        namespace[f"q{i}_{name}"] = compute(ctx)

    def own(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in test.constants and name not in test.per_run:
            raise ValueError(f"quiet test names {{{name}}}, which it does not define: {test.test!r}")
        return f"q{i}_{name}"

    return _PLACEHOLDER.sub(own, test.test)
