"""A unit over time: the record diff, the findings diff (a property), the diff report and command, and the
quality-over-time table."""

from __future__ import annotations

import datetime
import doctest
import json
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo import history
from cpcinfo.acceptance import audit
from cpcinfo.checking.engine import check
from cpcinfo.cli import main
from cpcinfo.convert import unstructure
from cpcinfo.entity import Entity
from cpcinfo.findings import Finding
from cpcinfo.history import diff_databases, diff_findings, diff_records, quality_over_time
from cpcinfo.history.records import RecordRef
from cpcinfo.infobase import InfoBase
from cpcinfo.report.diff import render_diff
from cpcinfo.testing.strategies import infobases

AS_OF = datetime.date(2011, 6, 30)


def test_doctests() -> None:
    for module in (history.records, history.timeline):
        assert doctest.testmod(module).failed == 0


def _base(organizations: Any, members: Any, applicants: Any) -> InfoBase:
    records: dict[str, Any] = {"organizations": organizations, "members": members, "applicants": applicants}
    return InfoBase(**records)


@st.composite
def edited(draw: st.DrawFn) -> tuple[InfoBase, InfoBase, set[RecordRef], set[RecordRef], set[tuple[RecordRef, str]]]:
    """A valid database, the same with planted edits, and what the edits were: records added and removed,
    and the (record, field) pairs changed."""
    base = draw(infobases(max_branches=3, max_members=6, max_applicants=3))
    values = st.text(alphabet="王李张芳强某 ·汉男1９", min_size=1, max_size=4)
    members, changed, removed = [], set(), set()
    for member in base.members:
        ref = RecordRef(Entity.MEMBER, str(member.id))
        action = draw(st.sampled_from(["keep", "rename", "gender", "both", "remove"]))
        if action == "remove":
            removed.add(ref)
            continue
        basic = member.basic
        assert basic is not None
        if action in ("rename", "both"):
            name = draw(values.filter(lambda v, old=basic.name: v != old))
            basic = attrs.evolve(basic, name=name)
            changed.add((ref, "basic.name"))
        if action in ("gender", "both"):
            genders = st.sampled_from(["男", "女", "9", "3", "1", "2"])
            gender = draw(genders.filter(lambda v, old=basic.gender: v != old))
            basic = attrs.evolve(basic, gender=gender)
            changed.add((ref, "basic.gender"))
        members.append(attrs.evolve(member, basic=basic))
    added = set()
    for number in range(draw(st.integers(min_value=0, max_value=2))):
        template = draw(st.sampled_from(base.members))
        members.append(attrs.evolve(template, id=f"N{number:05d}"))  # a copy: one person twice (a new finding)
        added.add(RecordRef(Entity.MEMBER, f"N{number:05d}"))
    organizations = []
    for org in base.organizations:
        if org.parent is not None and org.basic is not None and draw(st.booleans()):
            organizations.append(attrs.evolve(org, basic=attrs.evolve(org.basic, name=f"{org.basic.name}X")))
            changed.add((RecordRef(Entity.ORGANIZATION, str(org.basic.code)), "basic.name"))
        else:
            organizations.append(org)
    new = _base(organizations, members, base.applicants)
    return base, new, added, removed, changed


def multiset(findings: Any) -> Counter[str]:
    return Counter(repr((f.spec, f.key, f.value, f.suggestion)) for f in findings)


@given(edited())
def test_the_diff_reports_exactly_the_planted_edits(case: Any) -> None:
    old, new, added, removed, changed = case
    d = diff_records(old, new)
    assert set(d.added) == added and set(d.removed) == removed
    assert {(c.record, f.path) for c in d.changed for f in c.fields} == changed
    assert len(d.added) == len(added) and len(d.removed) == len(removed)


@given(edited())
def test_fixed_and_persisting_are_the_old_findings_new_and_persisting_the_new(case: Any) -> None:
    old, new = case[0], case[1]
    before, after = check(old, as_of=AS_OF).counted, check(new, as_of=AS_OF).counted
    d = diff_findings(before, after, old_base=old, new_base=new)
    assert multiset(d.fixed) + multiset(o for o, _ in d.persisting) == multiset(before)
    assert multiset(d.new) + multiset(n for _, n in d.persisting) == multiset(after)
    for tally in (d.by_rule(), d.by_branch()):
        assert sum(t.fixed for t in tally) == len(d.fixed)
        assert sum(t.new for t in tally) == len(d.new)
        assert sum(t.persisting for t in tally) == len(d.persisting)


def _finding(key: str, value: str, rule: str = "MEM101") -> Finding:
    from cpcinfo.findings import DefectKind

    return Finding(rule=rule, entity=Entity.MEMBER, key=key, field="basic.name", label="姓名", value=value,
                   kind=DefectKind.NONSTANDARD, item=8, message=f"姓名「{value}」")


def test_a_problem_written_another_way_persists() -> None:
    d = diff_findings([_finding("M1", "王 芳"), _finding("M2", "李 强")],
                      [_finding("M1", "王  芳"), _finding("M3", "x")])
    assert [f.key for f in d.fixed] == ["M2"]
    assert [f.key for f in d.new] == ["M3"]
    assert [(o.value, n.value) for o, n in d.persisting] == [("王 芳", "王  芳")]
    assert [(t.key, t.fixed, t.new, t.persisting) for t in d.by_rule()] == [("MEM101", 1, 1, 1)]


def test_duplicated_and_keyless_records_are_named_apart() -> None:
    from cpcinfo import Member, Person

    old = InfoBase(members=(Member(id="M1"), Member(id="M1", basic=Person(name="甲")), Member()))
    new = InfoBase(members=(Member(id="M1"), Member(id="M1", basic=Person(name="乙")), Member()))
    d = diff_records(old, new)
    assert [(c.record.key, [f.path for f in c.fields]) for c in d.changed] == [("M1#2", ["basic.name"])]


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, InfoBase, InfoBase]:
    from cpcinfo.demo._region_units import FAILING_PLAN, region_units

    (unit,) = region_units([FAILING_PLAN], seed=4)
    old = unit.infobase
    assert old is not None
    fixed_members = []
    for member in old.members[:150]:  # the first 150 corrected from a clean twin, the rest kept
        fixed_members.append(member)
    from cpcinfo.demo._region_units import PASSING_PLAN

    (clean,) = region_units([attrs.evolve(PASSING_PLAN, members=250, applicants=250)], seed=4)
    assert clean.infobase is not None
    new = _base(old.organizations, clean.infobase.members[:150] + old.members[150:], old.applicants)
    root = tmp_path_factory.mktemp("diff")
    paths = root / "old.json", root / "new.json"
    for path, base in zip(paths, (old, new), strict=True):
        path.write_text(json.dumps(unstructure(base), ensure_ascii=False), encoding="utf-8")
    return paths[0], paths[1], old, new


def test_a_unit_sees_what_it_fixed(versions: Any) -> None:
    _, _, old, new = versions
    d = diff_databases(old, new, as_of=AS_OF, audited=True, seed=3)
    assert d.findings.fixed and not d.records.added and not d.records.removed
    assert d.old_audit is not None and d.new_audit is not None
    assert d.new_audit.total >= d.old_audit.total
    for format in ("text", "markdown", "html"):
        text = render_diff(d, format)
        assert f"已整改 {len(d.findings.fixed)} 处" in text
        assert "验收得分" in text
    data = json.loads(render_diff(d, "json"))
    assert len(data["findings"]["fixed"]) == len(d.findings.fixed)
    assert data["audit"]["old"]["score"] == d.old_audit.total


def test_identity_numbers_are_masked_in_the_diff(versions: Any) -> None:
    _, _, old, new = versions
    n, member = next((n, m) for n, m in enumerate(old.members)
                     if n > 150 and m.basic is not None and isinstance(m.basic.id_number, str))
    assert member.basic is not None
    changed = attrs.evolve(member, basic=attrs.evolve(member.basic, id_number="610102198005120019"))
    new = _base(old.organizations, (*old.members[:n], changed, *old.members[n + 1:]), old.applicants)
    d = diff_databases(old, new, as_of=AS_OF)
    for format in ("text", "json"):
        out = render_diff(d, format)
        assert "610102198005120019" not in out and str(member.basic.id_number) not in out
        assert "610102********0019" in out
    assert "610102198005120019" in render_diff(d, "text", mask_ids=False)


def test_the_command(versions: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old_path, new_path, _, _ = versions
    assert main(["diff", str(old_path), str(new_path), "--as-of", "2011-06-30", "--audit"]) == 0
    out = capsys.readouterr().out
    assert "已整改" in out and "验收得分" in out
    assert main(["diff", str(new_path), str(old_path), "--as-of", "2011-06-30", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["findings"]["new"]
    assert main(["diff", str(old_path), str(tmp_path / "none.json"), "--as-of", "2011-06-30"]) == 2


def test_quality_over_time(versions: Any) -> None:
    _, _, old, new = versions
    first, second = audit(old, as_of=AS_OF, seed=1), audit(new, as_of=AS_OF, seed=1)
    table = quality_over_time([("3月", first), ("6月", second), ("7月", first)])
    assert [r.score for r in table.rows] == [first.total, second.total, first.total]
    assert table.score_fell() == (("7月",) if second.total > first.total else ("6月",) if second.total < first.total
                                  else ())
    rows = table.records()
    assert rows[0]["扣分_8"] == first.sheet.item_score(8).deducted
    assert rows[0]["问题_8"] == sum(1 for f in first.check.counted if f.item == 8)
    assert "<table>" in table._repr_html_()
    assert quality_over_time([first]).rows[0].label == "2011-06-30"
