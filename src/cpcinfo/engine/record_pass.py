"""The check's pass over the records of one entity — field rules, then the system rules' record hooks —
written as one function.

A province streams millions of members past a dozen system rules. Calling each rule's hook for each member
would cost more than the field rules themselves; instead, the engine keeps for most built-in rules a
:class:`~cpcinfo.rules.model.Quiet` test — a Python expression over the record and its facts — in one table by
rule code (:mod:`cpcinfo.engine.fast_paths`), and the pass is written out, the way the field validator is, as
one function in which each test stands in place before its hook::

    def run(records):
        for record in records:
            ...  # name the record, run the field rules
            f_joined = ...  # the facts, worked out in line (see cpcinfo.engine.facts)
            if not (f_joined is None or f_born is None or f_joined.year - f_born.year > q2_min_age):
                if facts is None: facts = ctx.facts = Facts(...)
                d = hook_2(record, ctx)
                if d: report(rule_2, locator, d)
            ...

so that a valid record costs a handful of comparisons. The hooks stay the definition of each rule; a test
only says when calling one is pointless, and ``quiet=False`` runs every hook on every record (the oracle
the tests compare against).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from types import CodeType
from typing import Any

import attrs

from cpcinfo.engine.context import SystemContext
from cpcinfo.engine.facts import FACT_NAMES, FactsCode
from cpcinfo.engine.repeats import Noted, noted
from cpcinfo.findings import Finding, record_locator, usable_key
from cpcinfo.rules.model import Defect, Quiet, Rule

Report = Callable[[Rule, "str | None", Sequence[Defect]], None]
Hook = Callable[[Any, SystemContext], Sequence[Defect]]
FieldValidation = Callable[[Any, datetime.date], Sequence[Finding]]
RecordPass = Callable[[Iterable[Any], "Iterable[int] | int | None"], int]

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_FACT = re.compile(r"\bfacts\.([A-Za-z_][A-Za-z0-9_]*)")


def record_pass(hooks: Sequence[tuple[Rule, Hook, Quiet | None]], ctx: SystemContext,
                facts: FactsCode | None, report: Report, *,
                validate: FieldValidation | None = None, found: list[Finding] | None = None,
                quiet: bool = True, key_attribute: str | None = None) -> RecordPass:
    """One function that reads records, names each (its key, or ``#n``: see ``record_locator``), adds the
    findings of ``validate`` (the field rules) to ``found`` and runs these hooks in this order; it returns
    how many records it read.

    ``facts`` are worked out in line for each record (when there is a hook), read by the tests as locals
    and set as ``ctx.facts`` before a hook is called. The ``per_run`` values of the tests are computed now,
    from ``ctx``: call this when the entity's records begin. Hooks that share one :class:`Quiet` (the same
    object) share one test, judged once per record. ``key_attribute`` names the attribute whose text is the
    record's ``key`` (``id`` for members and applicants): where it holds text, that is the key, read without
    calling the property.
    """
    if validate is not None and found is None:
        raise ValueError("field findings need a list to go to (found)")
    source, namespace = _written_pass(hooks, ctx, facts, validate=validate is not None, quiet=quiet,
                                      key_attribute=key_attribute)
    namespace.update({"report": report, "validate": validate, "extend": found.extend if found is not None else None})
    exec(_compiled(source), namespace)
    run: RecordPass = namespace["run"]
    return run


def record_pass_source(hooks: Sequence[tuple[Rule, Hook, Quiet | None]], facts: FactsCode | None, *,
                       validate: bool = True, quiet: bool = True, key_attribute: str | None = None) -> tuple[
                           str, dict[str, Any]]:
    """The source :func:`record_pass` writes for these hooks, and the names it reads that stand for a rule
    (``rule_2``), a hook or a quiet test's value; written without a check's context, so a quiet test's
    ``per_run`` values are named, not computed."""
    return _written_pass(hooks, None, facts, validate=validate, quiet=quiet, key_attribute=key_attribute)


def _written_pass(hooks: Sequence[tuple[Rule, Hook, Quiet | None]], ctx: SystemContext | None,
                  facts: FactsCode | None, *, validate: bool, quiet: bool,
                  key_attribute: str | None) -> tuple[str, dict[str, Any]]:
    """The pass's source and its namespace (less ``report``, ``validate`` and ``extend``, the caller's)."""
    if facts is None and any(test is not None and re.search(r"\bfacts\b", " ".join((test.test, *test.keep.values())))
                             for _, _, test in hooks):
        raise ValueError("a quiet test reads the record's facts, but no facts were given")
    namespace: dict[str, Any] = {"usable_key": usable_key, "record_locator": record_locator, "evolve": attrs.evolve}
    if ctx is not None:
        namespace.update({"ctx": ctx, "as_of": ctx.as_of, "min_age": ctx.ruleset.min_age_years})
    reserved = {"ctx", "report", "as_of", "min_age", "validate", "extend", *namespace}
    # ``positions`` numbers the records for ``#n`` and for the rules that note where a record was read
    # (a partitioned check gives each part's records their places in the whole): a first number, or one each.
    lines = ["def run(records, positions=None):",
             "    count = 0",
             "    if positions is None: numbered = enumerate(records, 1)",
             "    elif type(positions) is int: numbered = enumerate(records, positions)",
             "    else: numbered = zip(positions, records, strict=True)",
             "    for position, record in numbered:",
             "        count += 1",
             "        ctx.record_position = position",
             *((f"        key = record.{key_attribute}", "        if type(key) is not str: key = record.key")
               if key_attribute is not None else ("        key = record.key",)),
             # An ASCII key of letters and digits (M000123) is usable without asking usable_key.
             "        usable = ctx.record_key_usable = key is not None and (key.isalnum() and key.isascii()"
             " or usable_key(key))",
             "        locator = ctx.record_key = key if usable else record_locator(key, position)"]
    if validate:
        lines += ["        field_findings = validate(record, as_of)",
                  "        if field_findings:",
                  "            if not usable:  # a record without a usable key is named by its position",
                  "                field_findings = [f.with_key(locator) for f in field_findings]",
                  "            extend(field_findings)"]
    facts_made = ""
    if hooks and facts is not None:
        if clash := reserved & facts.namespace.keys():
            raise ValueError(f"the facts' names clash with the pass's: {sorted(clash)}")
        namespace.update(facts.namespace)
        lines += ["        " + line for line in facts.body.splitlines()]
        lines.append("        facts = None")  # the object, made when a hook is called
        facts_made = f"if facts is None: facts = ctx.facts = Facts({', '.join(f'f_{n}' for n in FACT_NAMES)})"

    def call(i: int, indent: str) -> list[str]:
        return [indent + line for line in (facts_made, f"d = hook_{i}(record, ctx)",
                                           f"if d: report(rule_{i}, locator, d)") if line]

    sealing: list[Callable[[], None]] = []
    keeping = False
    shared = {id(test) for _, _, test in hooks if test is not None
              and sum(other is test for _, _, other in hooks) > 1}
    judged: dict[int, str] = {}  # a shared test is judged once per record, where it is first needed
    for i, (rule, hook, test) in enumerate(hooks):
        namespace[f"rule_{i}"], namespace[f"hook_{i}"] = rule, hook
        if not quiet or test is None:
            lines += call(i, "        ")
            continue
        if id(test) not in shared:
            lines.append(f"        if not ({_written(test.test, test, i, ctx, namespace)}):")
        else:
            if id(test) not in judged:
                judged[id(test)] = f"quiet_{i}"
                lines.append(f"        quiet_{i} = {_written(test.test, test, i, ctx, namespace)}")
            lines.append(f"        if not {judged[id(test)]}:")
        lines += call(i, "            ")
        if test.keep:  # what the hook would have noted of a quiet record, appended in place
            lines.append("        else:")
            for j, (name, value) in enumerate(test.keep.items()):
                lines.append(f"            keep_{i}_{j}({_written(value, test, i, ctx, namespace)})")
                keeping = True
                if ctx is None:  # the source alone: the sequence is bound when a check's pass is written
                    continue
                kept = noted(ctx, name)
                namespace[f"keep_{i}_{j}"] = kept.adder
                sealing.append(kept.seal)
                if kept.positions is not None:  # a part of a partitioned check: where each value was read
                    namespace[f"keep_at_{i}_{j}"] = kept.positions.append
                    lines.append(f"            keep_at_{i}_{j}(position)")
    if keeping:  # what was kept goes into tuples every few thousand records (see Noted)
        namespace["seal"] = lambda: [seal() for seal in sealing]
        lines += [f"        if not count & {Noted.CHUNK - 1}: seal()"]
    lines += ["    ctx.record_key = ctx.facts = None", "    ctx.record_key_usable = False", "    return count"]
    return "\n".join(lines), namespace


@functools.lru_cache(maxsize=64)
def _compiled(source: str) -> CodeType:
    return compile(source, "<cpcinfo record pass>", "exec")


def _written(expression: str, test: Quiet, i: int, ctx: SystemContext | None, namespace: dict[str, Any]) -> str:
    """One of the test's expressions with its names in braces made the namespace's own (``q{i}_name``); a
    ``per_run`` value is computed from ``ctx`` (once per run), unless there is none (the source alone)."""
    for name, value in test.constants.items():
        namespace[f"q{i}_{name}"] = value
    for name, compute in test.per_run.items():
        if ctx is not None and f"q{i}_{name}" not in namespace:  # once per run, however many expressions use it
            namespace[f"q{i}_{name}"] = compute(ctx)

    def own(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in test.constants and name not in test.per_run:
            raise ValueError(f"quiet test names {{{name}}}, which it does not define: {expression!r}")
        return f"q{i}_{name}"

    def local(match: re.Match[str]) -> str:
        if match.group(1) not in FACT_NAMES:
            raise ValueError(f"quiet test reads facts.{match.group(1)}, which is no fact: {expression!r}")
        return f"f_{match.group(1)}"

    written = _FACT.sub(local, _PLACEHOLDER.sub(own, expression))
    if re.search(r"\bfacts\b", written):
        raise ValueError(f"quiet test reads the facts other than as facts.<name>: {expression!r}")
    return written
