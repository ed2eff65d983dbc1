"""The draft 建库工作总结: every figure of the region's result is in it, checked against the result."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpcinfo.acceptance.grades import Grade
from cpcinfo.acceptance.region import rate_text
from cpcinfo.acceptance.regional import RegionResult, UnitStatus
from cpcinfo.demo._model import DEFAULT_AS_OF
from cpcinfo.demo._region_units import FAILING_PLAN, PASSING_PLAN, UnitPlan, region_units
from cpcinfo.region_io import inspect_region, write_region
from cpcinfo.report.region import score_text
from cpcinfo.report.work_report import TO_FILL, render_work_report, work_report_figures


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> RegionResult:
    plans = [PASSING_PLAN, FAILING_PLAN, PASSING_PLAN, UnitPlan(submitted=False), UnitPlan(built=False),
             UnitPlan(members=100, defect_rate=0.3)]
    root = tmp_path_factory.mktemp("wr") / "region"
    write_region(root, ((u.inspection, u.infobase) for u in region_units(plans, seed=5)), region="示范县", seed=9)
    return inspect_region(root, as_of=DEFAULT_AS_OF)


def expected_figures(result: RegionResult) -> dict[str, str]:
    """The figures, recomputed from the units themselves rather than from the verdict."""
    units = result.units
    inspected = [u for u in units if u.status is UnitStatus.INSPECTED]
    built = sum(u.built for u in units)
    passed = sum(1 for u in inspected if u.grade is not Grade.FAIL)
    scores = [u.score for u in inspected if u.score is not None]
    from fractions import Fraction

    return {
        "基层党委总数": str(len(units)), "已建库": str(built), "未建库": str(len(units) - built),
        "建库率": rate_text(built, len(units)), "已审核": str(len(inspected)), "合格（含优秀）": str(passed),
        "建库合格率": rate_text(passed, len(inspected)),
        "优秀": str(sum(u.grade is Grade.EXCELLENT for u in inspected)),
        "合格": str(sum(u.grade is Grade.PASS for u in inspected)),
        "不合格": str(sum(u.grade is Grade.FAIL for u in inspected)),
        "平均得分": score_text(Fraction(sum(scores), len(scores))),
        "党组织": str(sum(u.records[0] for u in inspected)), "党员": str(sum(u.records[1] for u in inspected)),
        "申请入党人": str(sum(u.records[2] for u in inspected)),
        "已建库未提交": str(sum(u.status is UnitStatus.NOT_SUBMITTED for u in units)),
        "无法审核": str(sum(u.status is UnitStatus.UNREADABLE for u in units)),
        "省抽查": str(len(result.province_sample.drawn)), "省抽查最低数": str(-(-len(units) * 5 // 100)),
        "需要整改": str(len(result.rectifications())),
    }


def test_the_figures_are_the_results(result: RegionResult) -> None:
    assert work_report_figures(result) == expected_figures(result)


@pytest.mark.parametrize("format", ["markdown", "html"])
def test_the_draft_states_every_figure(result: RegionResult, format: str) -> None:
    draft = render_work_report(result, format)
    f = expected_figures(result)
    for phrase in (f"共有基层党委{f['基层党委总数']}个", f"已建立党员信息库的{f['已建库']}个",
                   f"未建库的{f['未建库']}个", f"建库率为{f['建库率']}", f"对{f['已审核']}个已建库单位",
                   f"党组织{f['党组织']}个", f"党员{f['党员']}名", f"申请入党人{f['申请入党人']}名",
                   f"优秀{f['优秀']}个", f"合格{f['合格']}个", f"不合格{f['不合格']}个",
                   f"合格（含优秀）{f['合格（含优秀）']}个", f"建库合格率为{f['建库合格率']}",
                   f"平均得分{f['平均得分']}分", f"未提交信息库的{f['已建库未提交']}个",
                   f"无法审核的{f['无法审核']}个", f"至少{f['省抽查最低数']}个", f"抽查单位{f['省抽查']}个",
                   f"以下{f['需要整改']}个单位需要限期整改", f"验收结论：{result.verdict.status.label}", TO_FILL):
        assert phrase in draft, phrase


@pytest.mark.parametrize("format", ["markdown", "html"])
def test_the_draft_names_the_common_problems_and_the_units_to_rectify(result: RegionResult, format: str) -> None:
    draft = render_work_report(result, format)
    top = result.problems_by_rule()[0]
    assert f"（{top.key}），共{top.findings}处，涉及{top.units}个单位" in draft
    for rectification in result.rectifications():
        assert rectification.unit.code in draft
    for code in result.province_sample.drawn:
        assert code in draft


def test_only_markdown_and_html(result: RegionResult) -> None:
    with pytest.raises(ValueError, match="markdown 和 html"):
        render_work_report(result, "text")


def test_the_draft_of_a_region_with_nothing_to_rectify(tmp_path: Path) -> None:
    root = tmp_path / "r"
    write_region(root, ((u.inspection, u.infobase) for u in region_units([PASSING_PLAN], seed=5)), region="甲", seed=1)
    draft = render_work_report(inspect_region(root, as_of=DEFAULT_AS_OF))
    assert "没有需要整改的单位" in draft and "没有发现计分问题" in draft
