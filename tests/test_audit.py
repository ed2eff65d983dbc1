"""The acceptance check end to end on a small hand-built unit whose every defect is known."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest

from cpcinfo import audit, convert
from cpcinfo.acceptance import Grade
from cpcinfo.acceptance.audit import NO_ROSTER_NOTE
from cpcinfo.applicant.rules import BASE_APPLICANT
from cpcinfo.checking import check
from cpcinfo.member.rules import BASE_MEMBER
from cpcinfo.org.roster import Roster, RosterEntry
from cpcinfo.org.tree import OrgTree
from cpcinfo.rules.builders import with_value

AS_OF = datetime.date(2011, 6, 30)
UNIT = {"name": "西北大学", "affiliation": "20", "nature": "9", "industry": "82", "legal_entity": True,
        "party_setup": "11", "grassroots_type": "9"}
SUFFIX = {"611": "委员会", "621": "总支部委员会", "631": "支部委员会", "党支部": "支部委员会"}


def org(code: str, parent: str | None, category: str, place: str, leaders: list[tuple[str, str]],
        **basic: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "basic": {"code": code, "name": f"中共西北大学{place}{SUFFIX[category]}", "category": category,
                  "locality": "1", "elected_on": "2010-06-01",
                  "term_ends_on": "2015-06-01" if category == "611" else "2013-06-01", **basic},
        "leaders": [{"name": n, "title": t} for n, t in leaders],
    }
    if parent is None:
        record["unit"] = UNIT
    else:
        record["parent"] = parent
        record["basic"]["unit_relation"] = "1"
    return record


def member(key: str, name: str, branch: str, **changes: Any) -> dict[str, Any]:
    data = with_value(with_value(with_value(BASE_MEMBER, "id", key), "basic.name", name), "relation.branch", branch)
    for path, value in changes.items():
        data = with_value(data, path.replace("__", "."), value)
    return data


def applicant(key: str, name: str, branch: str, mentors: list[str], **changes: Any) -> dict[str, Any]:
    data = with_value(with_value(BASE_APPLICANT, "id", key), "basic.name", name)
    data = with_value(with_value(data, "development.branch", branch), "development.mentors", mentors)
    for path, value in changes.items():
        data = with_value(data, path.replace("__", "."), value)
    return data


ORGANIZATIONS = [
    org("001", None, "611", "", [("王建国", "001A")]),
    org("001001", "001", "621", "化学系", [("张伟", "001A")]),
    org("001001001", "001001", "631", "化学系第一", [("王建国", "001A"), ("张伟", "030U")]),
    org("001001002", "001001", "党支部", "化学系第二", [("李娜", "001A")]),  # item 1: a label for the code
    org("001002", "001", "621", "物理系", [("刘洋", "001A")],  # item 7: the term ended before the audit
        elected_on="2008-01-01", term_ends_on="2011-01-01"),
    org("001002001", "001002", "631", "物理系第一", [("刘洋", "001A")]),  # item 4: see below
    org("001003", "001", "631", "机关", [("陈静", "书记")]),  # item 2: a label for the title code
]
# Item 4: the branch 001002001 is not 「与上级党组织相同」 and has no unit of its own.
del ORGANIZATIONS[5]["basic"]["unit_relation"]
# The 党委 is not a branch, so it is never in the sample: its label for a code is found but not scored.
ORGANIZATIONS[0]["unit"] = {**UNIT, "affiliation": "省"}

MEMBERS = [
    member("M01", "王建国", "001001001", basic__gender="男"),  # item 8
    member("M02", "张伟", "001001001", basic__born_on="1985年6月"),  # item 8
    member("M03", "李娜", "001001002", **{"education__0__graduated_on": ...}),  # item 9
    member("M04", "赵敏", "001001002", standing__full_member_on="2002-08-20"),  # item 12
    member("M05", "孙磊", "009"),  # item 16: the branch does not exist
    member("M06", "刘洋", "001002001"),
    member("M07", "陈静", "001003"),
    member("M08", "周杰", "001003"),
    member("M09", "吴芳", "001002001"),
    member("M10", "郑强", "001001001"),
    member("M11", "冯丽", "001001002"),
    member("M12", "何军", "001003"),
]
APPLICANTS = [
    applicant("A01", "李晓梅", "001001001", ["王建国", "张伟"], basic__ethnicity="汉"),  # item 17
    applicant("A02", "马超", "001001001", ["王建国", "张伟", "郑强"]),  # item 19: three mentors
    applicant("A03", "黄蓉", "001003", ["陈静", "周杰"], development__applied_on="2007-10-15"),  # item 20: 17
    applicant("A04", "林峰", "001003", ["陈静"]),
    applicant("A05", "谢婷", "001002001", ["刘洋", "吴芳"]),
    applicant("A06", "韩雪", "001002001", ["吴芳"]),
    applicant("A07", "唐宁", "001001002", ["赵敏", "冯丽"]),
    applicant("A08", "许晴", "001001002", ["冯丽"]),
    applicant("A09", "邓超", "001003", ["何军"]),
    applicant("A10", "曹颖", "001003", ["周杰", "何军"]),
    applicant("A11", "彭浩", "001001001", ["郑强"]),
    applicant("A12", "曾黎", "001002001", ["刘洋"]),
]
ROSTER = Roster([
    *(RosterEntry(code=o["basic"]["code"], name=o["basic"]["name"],
                  category={"党支部": "631"}.get(o["basic"]["category"], o["basic"]["category"]),
                  parent=o.get("parent")) for o in ORGANIZATIONS),
    # item 5: a branch that exists but is missing from the database
    RosterEntry(code="001002002", name="中共西北大学物理系第二支部委员会", category="631", parent="001002"),
])

BASE = convert.structure({"organizations": ORGANIZATIONS, "members": MEMBERS, "applicants": APPLICANTS})
EVERYTHING = {"branches": 4, "members": 12, "applicants": 12}

# item: (defects, deducted) — every item written out by hand.
EXPECTED = {
    1: (1, 1), 2: (1, 1), 3: (0, 0), 4: (1, 1), 5: (1, 1), 6: (0, 0), 7: (1, 2),
    8: (2, 2), 9: (1, 1), 10: (0, 0), 11: (0, 0), 12: (1, 1), 13: (0, 0), 14: (0, 0), 15: (0, 0), 16: (1, 1),
    17: (1, 1), 18: (0, 0), 19: (1, 1), 20: (1, 1),
}


def test_the_hand_built_unit_scores_as_written_by_hand() -> None:
    result = audit(BASE, as_of=AS_OF, seed=2011, roster=ROSTER, sample_sizes=EVERYTHING)
    sheet = result.sheet
    assert {s.item.number: (s.defects, s.deducted) for s in sheet} == EXPECTED
    assert sheet.total == 100 - 14 == 86
    assert sheet.grade is Grade.FAIL
    assert result.unit == "中共西北大学委员会"
    assert result.roster_checked and sheet.notes == ()
    unscored = [f for f in result.check.counted if f not in result.counted]
    assert [(f.rule, f.key) for f in unscored] == [("ORG403", "001")]
    assert {(f.item, f.rule, f.key) for f in result.counted} == {
        (1, "ORG103", "001001002"), (2, "ORG203", "001003"), (4, "ORG401", "001002001"), (5, "ORG503", "001002002"),
        (7, "ORG704", "001002"), (8, "MEM102", "M01"), (8, "MEM104", "M02"), (9, "MEM204", "M03"),
        (12, "MEM505", "M04"), (16, "MEM901", "M05"), (17, "APP103", "A01"), (19, "APP307", "A02"),
        (20, "APP903", "A03"),
    }


def test_the_branch_population_counts_every_branch_type_category() -> None:
    result = audit(BASE, as_of=AS_OF, seed=2011, roster=ROSTER)
    assert result.samples.branches.population_size == 4  # 001001001, 001001002 (label), 001002001, 001003
    assert result.samples.members.population_size == 12 and result.samples.members.size == 5  # 「50以内」: 5
    assert result.samples.applicants.size == 5 and result.samples.branches.size == 4  # never above N


def test_field_findings_count_only_on_sampled_records_and_system_findings_everywhere() -> None:
    result = audit(BASE, as_of=AS_OF, seed=7, roster=ROSTER)
    for finding in result.counted:
        if finding.item in (5, 6, 7, 16, 20):
            continue
        assert result.is_sampled(finding), finding
    unsampled = [f for f in result.check.counted if f.item not in (5, 6, 7, 16, 20) and not result.is_sampled(f)]
    assert unsampled, "the seed leaves some planted field defects out of the sample"
    assert all(f not in result.counted for f in unsampled)
    assert {f.rule for f in result.counted} >= {"ORG503", "ORG704", "MEM901", "APP903"}


def test_the_same_seed_draws_the_same_sample_and_the_seeds_of_the_populations_differ() -> None:
    first = audit(BASE, as_of=AS_OF, seed=7)
    again = audit(BASE, as_of=AS_OF, seed=7)
    assert first.samples == again.samples and first.sheet == again.sheet
    assert first.samples.members.seed == "7/members" and first.samples.applicants.seed == "7/applicants"


def test_without_a_roster_the_sheet_says_so_and_item_5_counts_only_the_tree() -> None:
    result = audit(BASE, as_of=AS_OF, seed=2011, sample_sizes=EVERYTHING)
    assert not result.roster_checked
    assert result.sheet.notes == (NO_ROSTER_NOTE,)
    assert result.sheet.item_score(5).defects == 0
    assert result.sheet.total == 87


def test_fewer_than_the_minimum_is_refused() -> None:
    with pytest.raises(ValueError):
        audit(BASE, as_of=AS_OF, seed=1, sample_sizes={"members": 3})
    with pytest.raises(ValueError):
        audit(BASE, as_of=AS_OF, seed=1, sample_sizes={"cadres": 3})


def test_a_waived_system_finding_does_not_count() -> None:
    from cpcinfo.checking import Waiver

    waiver = Waiver(rule="MEM901", key="M05", reason="该党员组织关系正在转接")
    result = audit(BASE, as_of=AS_OF, seed=2011, roster=ROSTER, sample_sizes=EVERYTHING, waivers=[waiver])
    assert result.sheet.item_score(16).defects == 0
    assert result.sheet.total == 87
    assert any(f.rule == "MEM901" for f, _ in result.check.waived)


def test_records_without_usable_keys_are_sampled_and_scored_by_position() -> None:
    """Blanking the ids must not take a unit's defects out of the draw: such records are named #n."""
    import attrs

    from cpcinfo import InfoBase

    broken = [attrs.evolve(m, id=key) for m, key in zip(BASE.members, [None, "", "M\n03", *([None] * 9)],
                                                             strict=True)]
    base = InfoBase(organizations=BASE.organizations, members=tuple(broken), applicants=BASE.applicants)
    result = audit(base, as_of=AS_OF, seed=2011, roster=ROSTER, sample_sizes=EVERYTHING)
    assert result.samples.members.drawn and set(result.samples.members.drawn) == {f"#{n}" for n in range(1, 13)}
    field_keys = {f.key for f in result.counted if f.entity.value == "member" and f.item in range(8, 16)}
    assert field_keys == {"#1", "#2", "#3", "#4"}  # the four field defects planted on M01–M04
    missing_ids = [f for f in result.check.findings if f.rule == "MEM912"]
    assert len(missing_ids) == 12 and {f.key for f in missing_ids} == {f"#{n}" for n in range(1, 13)}
    assert result.sheet.total < 86  # 12 broken ids cost item 16 its five points


def test_a_database_without_organizations_or_members_cannot_be_audited() -> None:
    from cpcinfo import InfoBase

    with pytest.raises(ValueError, match="没有党组织"):
        audit(InfoBase(members=BASE.members), as_of=AS_OF, seed=1)
    with pytest.raises(ValueError, match="没有党员"):
        audit(InfoBase(organizations=BASE.organizations), as_of=AS_OF, seed=1)


def test_the_audit_reads_the_tree_the_check_built(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []
    build = OrgTree.__init__

    def counted(self: OrgTree, *args: Any, **kwargs: Any) -> None:
        built.append(len(args[0]))
        build(self, *args, **kwargs)

    monkeypatch.setattr(OrgTree, "__init__", counted)
    audited = audit(BASE, as_of=AS_OF, seed=2011, roster=ROSTER, sample_sizes=EVERYTHING)
    assert built == [len(ORGANIZATIONS)]  # by the check, once
    checked = check(BASE, as_of=AS_OF, roster=ROSTER)
    built.clear()
    assert audit(BASE, as_of=AS_OF, seed=2011, roster=ROSTER, sample_sizes=EVERYTHING, checked=checked) == audited
    assert built == []
    # A result made without its tree: the audit builds it, and scores the same.
    assert audit(BASE, as_of=AS_OF, seed=2011, roster=ROSTER, sample_sizes=EVERYTHING,
                 checked=attrs.evolve(checked, tree=None)) == audited
    assert built == [len(ORGANIZATIONS)]
