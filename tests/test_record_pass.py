"""The compiled record pass skips a system rule's hook only when its quiet test says the hook has nothing to do.

The oracle is the same check with every hook called on every record (``_quiet=False``). The databases are
valid ones cross-wired: a few values of members and applicants replaced by values found elsewhere in the
same database (another record's date, name, identity number, an organization's code or a leader's name) or
by near misses (a date a day either side of an 18th birthday, an identity number with one digit changed),
which is where the quiet tests' shortcuts could go wrong.
"""

from __future__ import annotations

import copy
import datetime
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from cpcinfo import convert
from cpcinfo.checking import check, check_stream
from cpcinfo.codes import default_tables
from cpcinfo.engine.context import SystemContext
from cpcinfo.engine.driver import RuleDriver, record_hooks
from cpcinfo.engine.facts import APPLICANT_FACTS, MEMBER_FACTS, applicant_facts, member_facts
from cpcinfo.engine.fast_paths import FAST_PATHS, fast_path
from cpcinfo.engine.record_pass import record_pass
from cpcinfo.engine.repeats import Noted
from cpcinfo.entity import Entity
from cpcinfo.examples import BASE_DOCUMENT
from cpcinfo.findings import record_locator, usable_key
from cpcinfo.member.rules import BASE_MEMBER
from cpcinfo.org.tree import OrgTree
from cpcinfo.rules import registry
from cpcinfo.rules.builders import with_value
from cpcinfo.rules.dates import add_years
from cpcinfo.rules.model import Prepared, Quiet, RuleScope, SystemCheck
from cpcinfo.rules.ruleset import CURRENT, SHAANXI_2011
from cpcinfo.rules.system import People
from cpcinfo.testing import strategies as s

AS_OF = datetime.date(2011, 6, 30)
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(node, list) and node and all(isinstance(v, dict | list) for v in node):
        return [leaf for i, value in enumerate(node) for leaf in _leaves(value, (*path, i))]
    return [(path, node)]


def _near_misses(value: Any) -> list[Any]:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        day = datetime.date.fromisoformat(value)
        return [str(d) for d in (day + datetime.timedelta(days=1), day - datetime.timedelta(days=1),
                                 add_years(day, 18), add_years(day, 18) - datetime.timedelta(days=1),
                                 add_years(day, -18), add_years(day, -18) + datetime.timedelta(days=1))]
    if isinstance(value, str) and len(value) == 18 and value[:17].isdigit():
        other_gender = value[:16] + str((int(value[16]) + 1) % 10) + "0"
        other_birth = value[:6] + "19991231" + value[14:17] + "0"
        other_day = value[:12] + ("01" if value[12:14] != "01" else "02") + value[14:17] + "0"
        return [value[:17] + ("0" if value[17] != "0" else "1"),  # a wrong check digit
                value[:6] + " " + value[6:],  # the same number written otherwise (its form is MEM107's)
                *(v[:17] + ric.calc_check_digit(v) for v in (other_gender, other_birth, other_day))]
    return []


# What the system rules read: most replacements go here, the rest anywhere in a member or an applicant.
_FOCUS = ("branch", "entered_on", "entry_type", "joined_on", "full_member_on", "born_on", "id_number", "gender",
          "name", "veteran_without_work", "applied_on", "approved_on", "branch_meeting_on", "mentors")


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


def _put(node: Any, path: tuple[Any, ...], value: Any) -> None:
    _at(node, path[:-1])[path[-1]] = value


# The dates the system rules compare, either way round.
_RELATED = [(a, b) for x, y in (("joined_on", "born_on"), ("applied_on", "born_on"), ("entered_on", "joined_on"),
                                ("full_member_on", "joined_on")) for a, b in ((x, y), (y, x))]


@st.composite
def cross_wired(draw: st.DrawFn) -> dict[str, Any]:
    base = draw(s.infobases(max_branches=4, max_members=8, max_applicants=4))
    document = convert.unstructure(base)
    everywhere = _leaves(document)
    pool = sorted({repr(v): v for _, v in everywhere if not isinstance(v, dict | list)}.values(), key=repr)
    pool += [m for _, v in everywhere for m in _near_misses(v)]
    pool += ["男", "女"]
    places = [path for path, v in everywhere if path[0] in ("members", "applicants") and not isinstance(v, list)]
    same_field: dict[Any, dict[str, Any]] = {}
    for path, v in everywhere:  # each field's own values and their near misses, and a few telling ones
        for candidate in (v, *_near_misses(v), True, "1", "2", "31", "11"):
            same_field.setdefault(path[-1], {})[repr(candidate)] = candidate
        if path[-1] == "code":  # any organization as a member's or an applicant's branch
            same_field.setdefault("branch", {})[repr(v)] = v
    by_field: dict[Any, list[tuple[Any, ...]]] = {}
    for path in places:
        if path[-1] in _FOCUS:
            by_field.setdefault(path[-1], []).append(path)
    records = [*document["members"], *document["applicants"]]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 5))
        if kind <= 2:  # a date of a record just at another that a system rule compares it with
            record = draw(st.sampled_from(records))
            where = {path[-1]: path for path, v in _leaves(record) if isinstance(v, str) and len(v) == 10}
            number = _at(record, ("basic",)).get("id_number")
            pairs = [(a, b) for a, b in _RELATED if a in where and b in where]
            if isinstance(number, str) and number[6:14].isdigit() and "born_on" in where:
                pairs.append(("born_on", "id_number"))
            if not pairs:
                continue
            target, source = draw(st.sampled_from(pairs))
            text = f"{number[6:10]}-{number[10:12]}-{number[12:14]}" if source == "id_number" \
                else _at(record, where[source])
            try:
                other = datetime.date.fromisoformat(text)
            except ValueError:
                continue
            day = add_years(other, draw(st.sampled_from((0, 0, 18, -18, 1, -1))))
            _put(record, where[target], str(day + datetime.timedelta(days=draw(st.integers(-1, 1)))))
        elif kind == 3:  # anything anywhere
            _put(document, draw(st.sampled_from(places)), draw(st.sampled_from(pool)))
        elif by_field:  # a field the system rules read, with a value of that field from elsewhere
            path = draw(st.sampled_from(by_field[draw(st.sampled_from(sorted(by_field)))]))
            _put(document, path, draw(st.sampled_from(sorted(same_field[path[-1]].values(), key=repr))))
    return document


@settings(max_examples=300, deadline=None, suppress_health_check=SLOW)
@given(document=cross_wired(), current=st.booleans())
def test_skipping_quiet_hooks_changes_no_finding(document: dict[str, Any], current: bool) -> None:
    base = convert.structure(document)
    ruleset = CURRENT if current else SHAANXI_2011
    everything = [r.code for r in registry()]  # preview rules too: every quiet test is on trial
    fast = check(base, as_of=AS_OF, ruleset=ruleset, select=everything)
    every_hook = check_stream(base.organizations, base.members, base.applicants, as_of=AS_OF, ruleset=ruleset,
                              select=everything, _quiet=False)
    assert set(every_hook.findings) - set(fast.findings) == set()  # nothing missed by a shortcut
    assert fast == every_hook


@st.composite
def near_records(draw: st.DrawFn, entity: Entity) -> Any:
    """A valid member or applicant with a few of the values the system rules read moved to a boundary: one
    date just at another it is compared with, the identity number's birth date or gender digit changed, the
    branch another organization of the example tree, the gender or entry type another code."""
    valid = draw(s.members() if entity is Entity.MEMBER else s.applicants())
    data = convert.unstructure_member(valid) if entity is Entity.MEMBER else convert.unstructure_applicant(valid)
    where = {path[-1]: path for path, _ in _leaves(data)}
    for _ in range(draw(st.integers(1, 3))):
        field = draw(st.sampled_from(("date", "date", "date", "id_number", "branch", "gender", "entry_type",
                                      "veteran_without_work", "approved_on")))
        if field == "date":
            target, source = draw(st.sampled_from([pair for pair in _RELATED if set(pair) <= set(where)]))
            other = _at(data, where[source])
            if not isinstance(other, str):
                continue
            day = add_years(datetime.date.fromisoformat(other), draw(st.sampled_from((0, 0, 18, -18))))
            _put(data, where[target], str(day + datetime.timedelta(days=draw(st.integers(-1, 1)))))
        elif field == "approved_on":
            if entity is Entity.APPLICANT:  # approved, or about to be
                data["development"]["approved_on"] = draw(st.sampled_from(("2011-06-10", None)))
                data["development"]["branch_meeting_on"] = draw(st.sampled_from(("2011-05-20", None)))
        elif field in where or field == "id_number":
            if field == "id_number":
                born = _at(data, ("basic", "born_on"))
                digits = "610102" + born.replace("-", "") + f"{draw(st.integers(0, 999)):03d}"
                value: Any = draw(st.sampled_from((digits + ric.calc_check_digit(digits + "0"), digits + "X")))
                if draw(st.booleans()):
                    value = draw(st.sampled_from(_near_misses(value)))
                _put(data, ("basic", "id_number"), value)
            else:
                choices = {"branch": ("001", "001001", "001001001", "009", "NULL"), "gender": ("1", "2", "男", "9"),
                           "entry_type": ("11", "12", "31"), "veteran_without_work": (True, False)}[field]
                _put(data, where[field], draw(st.sampled_from(choices)))
    structure = convert.structure_member if entity is Entity.MEMBER else convert.structure_applicant
    return structure(data)


_BASE = convert.structure(BASE_DOCUMENT)


@settings(max_examples=1500, deadline=None, suppress_health_check=SLOW)
@given(data=st.data(), entity=st.sampled_from([Entity.MEMBER, Entity.APPLICANT]),
       min_age=st.sampled_from([18, 18, 16, 20]))
def test_a_quiet_record_gives_the_hook_nothing_to_do(data: st.DataObject, entity: Entity, min_age: int) -> None:
    """Rule by rule and record by record (under rule sets of other minimum ages too): where the test says
    quiet, the hook reports nothing, and the rule's scratch holds the same after the call as after the pass
    (which appends what the test's ``keep`` names, and only that)."""
    record = data.draw(near_records(entity))
    ruleset = attrs.evolve(SHAANXI_2011, min_age_years=min_age)
    prepared = Prepared(tables=default_tables(), ruleset=ruleset)
    facts_of = member_facts if entity is Entity.MEMBER else applicant_facts
    facts = MEMBER_FACTS if entity is Entity.MEMBER else APPLICANT_FACTS
    for rule in registry():
        if rule.scope is not RuleScope.SYSTEM:
            continue
        sc = rule.prepare(prepared)
        hook, test = getattr(sc, entity.value), fast_path(rule.code, entity)
        if test is None:
            continue
        ctx = SystemContext(as_of=AS_OF, tree=OrgTree.build(_BASE.organizations), tables=default_tables(),
                            ruleset=ruleset)
        if entity is Entity.MEMBER and sc.applicant is not None:
            collect = record_pass([(rule, sc.applicant, None)], ctx, APPLICANT_FACTS, print)
            for applicant in _BASE.applicants:
                collect([applicant])
        calls: list[Any] = []
        run = record_pass([(rule, lambda record, ctx, calls=calls: calls.append(record), test)], ctx, facts,
                          print, key_attribute="id")
        before = copy.deepcopy(ctx.scratch)  # with what the test computes once per run
        run([record])
        if calls:
            continue  # not quiet: nothing is claimed
        kept = _substance(ctx.scratch)
        assert {name for name in kept if kept[name] != _substance(before).get(name)} <= set(test.keep), rule.code
        ctx.scratch = before
        usable = record.key is not None and usable_key(record.key)
        ctx.facts, ctx.record_key_usable = facts_of(record, ctx), usable
        ctx.record_key = record.key if usable else record_locator(record.key, 1)
        assert hook(record, ctx) == (), rule.code
        assert _substance(ctx.scratch) == kept, rule.code


def _substance(scratch: dict[str, Any]) -> dict[str, Any]:
    """What a rule has collected, without the empty indexes it makes on first use."""
    kept = {}
    for key, value in scratch.items():
        if isinstance(value, People):
            value = (value.seen, value.doubtful, value.unnamed)
            if not any(value):
                continue
        elif not value:
            continue
        kept[key] = value
    return kept


QUIET_RULES = [(rule, entity) for rule in registry() if rule.scope is RuleScope.SYSTEM
               for entity in (Entity.MEMBER, Entity.APPLICANT)
               if fast_path(rule.code, entity) is not None]


@pytest.mark.parametrize(("rule", "entity"), QUIET_RULES, ids=lambda x: getattr(x, "code", getattr(x, "value", "")))
def test_each_quiet_test_is_both_true_and_false_on_the_rules_examples(rule: Any, entity: Entity) -> None:
    """Otherwise the oracle above would be vacuous for that rule (a test always true, or never)."""
    prepared = rule.prepare(Prepared(tables=default_tables(), ruleset=SHAANXI_2011))
    test = fast_path(rule.code, entity)

    def quiet_records(example: Any) -> list[bool]:
        data = dict(example.data)  # and a member nobody asks about, who stays quiet if any member does
        data["members"] = [*data["members"], with_value(with_value(BASE_MEMBER, "id", "M9999"), "basic.name", "周七")]
        base = convert.structure(data)
        ctx = SystemContext(as_of=example.as_of, tree=OrgTree.build(base.organizations), tables=default_tables(),
                            ruleset=SHAANXI_2011)
        if entity is Entity.MEMBER and prepared.applicant is not None:  # what the rule collects first
            collect = record_pass([(rule, prepared.applicant, None)], ctx, APPLICANT_FACTS, print)
            for applicant in base.applicants:
                collect([applicant])
        calls: list[Any] = []
        facts = MEMBER_FACTS if entity is Entity.MEMBER else APPLICANT_FACTS
        run = record_pass([(rule, lambda record, ctx: calls.append(record), test)], ctx, facts, print)
        outcome = []
        for record in base.members if entity is Entity.MEMBER else base.applicants:
            before = len(calls)
            run([record])
            outcome.append(len(calls) == before)
        return outcome

    examples = (*rule.explanation.fails, *rule.explanation.passes)
    assert {quiet for example in examples for quiet in quiet_records(example)} == {True, False}


def test_without_quiet_tests_every_hook_is_called_on_every_record() -> None:
    """The oracle's own switch: ``quiet=False`` must not skip a hook, even on a record its test calls quiet."""
    ctx = SystemContext(as_of=AS_OF, tree=OrgTree.build(_BASE.organizations), tables=default_tables(),
                        ruleset=SHAANXI_2011)
    calls: list[Any] = []
    always_quiet = Quiet("True")
    hooks = [(registry()["MEM905"], lambda record, ctx: calls.append(record), always_quiet)]
    assert record_pass(hooks, ctx, MEMBER_FACTS, print)(_BASE.members) == len(_BASE.members)
    assert calls == []
    record_pass(hooks, ctx, MEMBER_FACTS, print, quiet=False)(_BASE.members)
    assert calls == list(_BASE.members)


@pytest.mark.parametrize("group", ["members", "applicants"])
def test_a_branch_written_like_a_code_is_looked_up_whatever_it_says(group: str) -> None:
    """「NULL」 is a code as far as its form goes: the branch rule of either entity reports it missing."""
    branch = "relation.branch" if group == "members" else "development.branch"
    base = convert.structure(with_value(BASE_DOCUMENT, f"{group}.0.{branch}", "NULL"))
    result = check(base, as_of=AS_OF)
    code = "MEM901" if group == "members" else "APP901"
    assert [(f.rule, f.value) for f in result.findings if f.field == branch] == [(code, "NULL")]


def test_a_quiet_test_naming_an_undefined_value_is_refused() -> None:
    tree = OrgTree.build(())
    ctx = SystemContext(as_of=AS_OF, tree=tree, tables=default_tables(), ruleset=SHAANXI_2011)
    rule = registry()["MEM903"]
    with pytest.raises(ValueError, match="min_age"):
        record_pass([(rule, lambda r, c: (), Quiet("facts.joined is None or {min_age}"))], ctx, MEMBER_FACTS,
                    lambda *a: None)


@pytest.mark.parametrize(("test", "says"), [("facts.age is None", "facts.age"), ("facts is None", "other than"),
                                            ("facts.joined is None", "no facts were given")])
def test_a_quiet_test_must_read_facts_that_exist_as_facts_name(test: str, says: str) -> None:
    ctx = SystemContext(as_of=AS_OF, tree=OrgTree.build(()), tables=default_tables(), ruleset=SHAANXI_2011)
    facts = None if says == "no facts were given" else MEMBER_FACTS
    with pytest.raises(ValueError, match=says):
        record_pass([(registry()["MEM903"], lambda r, c: (), Quiet(test))], ctx, facts, lambda *a: None)


def test_what_a_pass_keeps_is_sealed_in_order_every_few_thousand_records() -> None:
    ctx = SystemContext(as_of=AS_OF, tree=OrgTree.build(()), tables=default_tables(), ruleset=SHAANXI_2011)
    records = [attrs.evolve(_BASE.members[0], id=f"M{i:05d}") for i in range(Noted.CHUNK * 2 + 7)]
    keep_all = Quiet("True", keep={"keys": "locator"})
    run = record_pass([(registry()["MEM912"], lambda r, c: (), keep_all)], ctx, MEMBER_FACTS, print,
                      key_attribute="id")
    assert run(records) == len(records)
    kept = ctx.scratch["keys"]
    assert list(kept) == [r.id for r in records]
    assert len(kept._sealed) == 2  # sealed after each full chunk, the rest still open


def test_every_fast_path_is_for_a_registered_rule_with_that_hook() -> None:
    """The engine's table names only rules that exist, and only the entity whose records their hook reads."""
    rules = {rule.code: rule for rule in registry()}
    prepared = Prepared(tables=default_tables(), ruleset=SHAANXI_2011)
    for code, entity in FAST_PATHS:
        assert code in rules, code
        assert rules[code].scope is RuleScope.SYSTEM, code
        assert getattr(rules[code].prepare(prepared), entity.value) is not None, (code, entity)
    assert fast_path("MEM901", Entity.APPLICANT) is None  # keyed by the entity too
    assert fast_path("APP904", Entity.APPLICANT) is None and fast_path("APP904", Entity.MEMBER) is not None


def test_no_rule_definition_carries_a_quiet_test() -> None:
    """A rule says what it checks; its fast path is the engine's (``cpcinfo.engine.fast_paths``)."""
    assert not [field.name for field in attrs.fields(SystemCheck) if "quiet" in field.name]
    prepared = Prepared(tables=default_tables(), ruleset=SHAANXI_2011)
    for rule in registry():
        if rule.scope is RuleScope.SYSTEM:
            sc = rule.prepare(prepared)
            assert not [v for v in attrs.asdict(sc, recurse=False).values() if isinstance(v, Quiet)], rule.code


def test_the_branch_and_age_tests_stay_one_object_each() -> None:
    """So that the pass judges each once per record for all the rules that share it."""
    assert fast_path("MEM901", Entity.MEMBER) is fast_path("MEM902", Entity.MEMBER) \
        is fast_path("APP901", Entity.APPLICANT) is fast_path("APP902", Entity.APPLICANT)
    assert fast_path("MEM903", Entity.MEMBER) is fast_path("MEM904", Entity.MEMBER)


@pytest.mark.parametrize("code", ["MEM905", "MEM912", "APP904"])
def test_a_rule_without_a_fast_path_runs_on_every_record(code: str) -> None:
    """A rule the table does not know (a user's, here a built-in one under another code) is called on every
    record and finds what the rule finds with its fast path."""
    rule = registry()[code]
    unknown = attrs.evolve(rule, code="USR" + rule.code[3:])
    assert fast_path(unknown.code, Entity.MEMBER) is None
    example = convert.structure(rule.explanation.fails[0].data)

    def findings(chosen: Any) -> list[tuple[Any, ...]]:
        tree = OrgTree.build(example.organizations)
        driver = RuleDriver([chosen], tree=tree, as_of=AS_OF, tables=default_tables(), ruleset=SHAANXI_2011)
        assert [test is None for _, _, test in record_hooks(driver.system, Entity.MEMBER)] == [chosen is unknown]
        ctx, found = driver.context(), []
        driver.record_pass(Entity.APPLICANT, ctx, found, example.applicants)
        driver.record_pass(Entity.MEMBER, ctx, found, example.members)
        driver.finish_findings(ctx, found)
        return [(f.key, f.field, f.value, f.message) for f in found if f.rule == chosen.code]

    expected = findings(rule)
    assert expected and findings(unknown) == expected
