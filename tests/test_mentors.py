"""APP906 asks for 正式党员, not for members of the applicant's branch; APP909 (preview) shows the other case."""

from __future__ import annotations

import datetime

from cpcinfo import convert
from cpcinfo.applicant.system_rules import SECOND_BRANCH
from cpcinfo.checking import check
from cpcinfo.examples import BASE_DOCUMENT
from cpcinfo.rules import registry
from cpcinfo.rules.builders import with_value

AS_OF = datetime.date(2011, 6, 30)


def _other_branch() -> dict:
    data = with_value(BASE_DOCUMENT, "organizations.3", SECOND_BRANCH)
    return with_value(data, "applicants.0.development.branch", "001001002")


def _rules(data: dict, select: list[str]) -> list[tuple[str, str]]:
    result = check(convert.structure(data), as_of=AS_OF, select=select)
    return [(f.rule, f.field) for f in result.findings]


def test_a_full_member_of_another_branch_is_a_good_mentor() -> None:
    assert _rules(_other_branch(), ["APP906"]) == []


def test_the_preview_rule_shows_each_mentor_of_another_branch() -> None:
    assert _rules(_other_branch(), ["APP909"]) == [("APP909", "development.mentors[0]"),
                                                    ("APP909", "development.mentors[1]")]


def test_a_mentor_who_is_no_full_member_anywhere_is_a_defect_and_not_the_preview_rules() -> None:
    data = with_value(_other_branch(), "applicants.0.development.mentors", ["王建国", "刘洋"])
    assert sorted(_rules(data, ["APP906", "APP909"])) == [("APP906", "development.mentors[1]"),
                                                          ("APP909", "development.mentors[0]")]


def test_the_preview_rule_does_not_run_by_default() -> None:
    assert registry()["APP909"].is_preview
    assert _rules(_other_branch(), ["APP"]) != [] and "APP909" not in {
        f.rule for f in check(convert.structure(_other_branch()), as_of=AS_OF).findings}
