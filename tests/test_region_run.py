"""The inspection of a region from its folder: planted states, the verdict, the report, unreadable units."""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import pdf_modules_or_skip
from cpcinfo.acceptance.grades import Grade
from cpcinfo.acceptance.region import RegionStatus
from cpcinfo.acceptance.regional import RegionResult, UnitStatus, compare_regions, unit_seed
from cpcinfo.acceptance.sampling import verify_manifest
from cpcinfo.cli import main
from cpcinfo.demo._model import DEFAULT_AS_OF
from cpcinfo.demo._region_units import FAILING_PLAN, PASSING_PLAN, UnitPlan, region_units
from cpcinfo.region_io import inspect_region, read_region, write_region
from cpcinfo.report.document import STYLESHEET
from cpcinfo.report.region import render_region, units_from_region_dict
from cpcinfo.report.region import title as region_title
from cpcinfo.report.work_report import render_work_report

PASS = PASSING_PLAN
FAIL = FAILING_PLAN
NOT_SUBMITTED = UnitPlan(submitted=False)
NOT_BUILT = UnitPlan(built=False)


def make_region(path: Path, plans: Sequence[UnitPlan], *, seed: int = 7) -> Path:
    units = ((u.inspection, u.infobase) for u in region_units(plans, seed=seed))
    return write_region(path, units, region="示范市", seed=2011)


def run(path: Path, **options: object) -> RegionResult:
    return inspect_region(path, as_of=DEFAULT_AS_OF, **options)  # type: ignore[arg-type]


def plans(*, passing: int, failing: int, not_submitted: int, not_built: int) -> list[UnitPlan]:
    return [PASS] * passing + [FAIL] * failing + [NOT_SUBMITTED] * not_submitted + [NOT_BUILT] * not_built


@pytest.fixture(scope="module")
def region_19_of_20(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 committees: 19 built, of which 5 handed in a database (4 clean, 1 planted to fail)."""
    return make_region(tmp_path_factory.mktemp("r") / "region",
                       plans(passing=4, failing=1, not_submitted=14, not_built=1))


def test_19_of_20_built_and_4_of_5_passing_passes(region_19_of_20: Path) -> None:
    result = run(region_19_of_20)
    v = result.verdict
    assert (v.committees, v.built, v.inspected, v.passed) == (20, 19, 5, 4)
    assert v.building_rate == Fraction(19, 20) and v.pass_rate == Fraction(4, 5)
    assert v.status is RegionStatus.PASSED and v.reasons == ()
    assert [u.grade for u in result.inspected].count(Grade.FAIL) == 1
    assert "验收结论：合格。" in render_region(result, "text")


@pytest.mark.parametrize(("planted", "reason"), [
    (plans(passing=5, failing=0, not_submitted=13, not_built=2), "建库率 18/20 = 90% 未达到 95%"),
    (plans(passing=3, failing=2, not_submitted=15, not_built=0), "建库合格率 3/5 = 60% 未达到 80%"),
], ids=["18 of 20 built", "3 of 5 passing"])
def test_a_region_below_a_bound_fails_and_the_report_names_the_bound(
        tmp_path: Path, planted: list[UnitPlan], reason: str) -> None:
    result = run(make_region(tmp_path / "r", planted))
    assert result.verdict.status is RegionStatus.FAILED
    assert result.verdict.reasons == (reason,)
    for format in ("text", "markdown", "html", "json"):
        assert reason in render_region(result, format)


def test_an_unreadable_unit_is_counted_and_reported(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r", plans(passing=3, failing=0, not_submitted=0, not_built=0))
    broken = sorted(p for p in root.iterdir() if p.is_dir())[1]
    (broken / "信息库.json").write_text('{"党员": [', encoding="utf-8")
    result = run(root)
    unit = result.unit(broken.name)
    assert unit.status is UnitStatus.UNREADABLE and unit.built and unit.grade is None
    assert unit.reason is not None and "信息库无法读取" in unit.reason and f"{broken.name}/信息库.json" in unit.reason
    assert (result.verdict.committees, result.verdict.built, result.verdict.inspected) == (3, 3, 2)
    assert broken.name in [r.unit.code for r in result.rectifications()]
    text = render_region(result, "text")
    assert "无法审核" in text and "JSON 格式错误" in text


def test_a_unit_whose_inspection_file_is_unreadable_is_counted_as_not_built(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r", [PASS, PASS])
    first = sorted(p for p in root.iterdir() if p.is_dir())[0]
    (first / "建库情况.json").write_text('{"单位代码": "x", "是否建库": "也许"}', encoding="utf-8")
    result = run(root)
    assert result.verdict.committees == 2 and result.verdict.built == 1
    unit = result.unit(first.name)
    assert unit.status is UnitStatus.UNREADABLE and unit.reason is not None and "是否建库" in unit.reason


def test_a_folder_the_index_names_but_that_is_missing_is_counted(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r", [PASS, PASS])
    index = json.loads((root / "region.json").read_text(encoding="utf-8"))
    index["单位"].append({"目录": "不存在的单位"})
    (root / "region.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    result = run(root)
    assert result.verdict.committees == 3
    assert result.unit("不存在的单位").status is UnitStatus.UNREADABLE


def test_two_units_with_one_code_are_both_counted(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r", [PASS, NOT_BUILT])
    first, second = sorted(p for p in root.iterdir() if p.is_dir())
    shutil.copy(first / "建库情况.json", second / "建库情况.json")
    result = run(root)
    assert result.verdict.committees == 2
    assert [u.status for u in result.units].count(UnitStatus.UNREADABLE) == 1


def test_an_index_may_point_to_files_anywhere(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r", [PASS])
    unit = next(p for p in root.iterdir() if p.is_dir())
    (root / "files").mkdir()
    (unit / "建库情况.json").rename(root / "files" / "a.json")
    (unit / "信息库.json").rename(root / "files" / "b.json")
    (root / "region.json").write_text(json.dumps({"region": "某系统", "seed": 5, "units": [
        {"inspection": "files/a.json", "database": "files/b.json"}]}), encoding="utf-8")
    result = run(root)
    assert result.region == "某系统" and result.seed == 5
    assert result.units[0].status is UnitStatus.INSPECTED
    assert result.units[0].seed == unit_seed(5, unit.name)


def test_without_an_index_every_folder_is_a_unit(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r", [PASS, NOT_BUILT])
    (root / "region.json").unlink()
    layout = read_region(root)
    assert layout.region == "r" and len(layout.units) == 2


def test_adding_a_unit_does_not_change_the_others(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r", [PASS, FAIL, PASS, FAIL])
    before = run(root)
    extra = make_region(tmp_path / "extra", [NOT_BUILT] * 5 + [FAIL], seed=99)
    new_unit = sorted(p for p in extra.iterdir() if p.is_dir())[-1]
    assert not (root / new_unit.name).exists()
    shutil.copytree(new_unit, root / new_unit.name)
    index = json.loads((root / "region.json").read_text(encoding="utf-8"))
    index["单位"].insert(0, {"目录": new_unit.name})
    (root / "region.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    after = run(root)
    assert len(after.units) == len(before.units) + 1
    for unit in before.units:
        again = after.unit(unit.code)
        assert (again.samples, again.score, again.grade, again.lost) == (
            unit.samples, unit.score, unit.grade, unit.lost)


def test_the_province_sample_is_reproducible_and_verifiable(region_19_of_20: Path) -> None:
    first, second = run(region_19_of_20), run(region_19_of_20)
    assert first.province_sample == second.province_sample
    inspected = [u.code for u in first.inspected]
    assert verify_manifest(first.province_sample, inspected) == ()
    assert first.province_sample.required == 1 and first.province_sample.size == 1
    bigger = run(region_19_of_20, province_sample_size=5)
    assert set(bigger.province_sample.drawn) == set(inspected)
    with pytest.raises(ValueError, match="超过"):
        run(region_19_of_20, province_sample_size=6)


def test_two_processes_give_the_same_result(region_19_of_20: Path) -> None:
    assert run(region_19_of_20, workers=2) == run(region_19_of_20)


def test_the_report_lists_every_unit_and_the_sample(region_19_of_20: Path) -> None:
    result = run(region_19_of_20)
    text = render_region(result, "markdown")
    for unit in result.units:
        assert unit.code in text
    data = json.loads(render_region(result, "json"))
    assert data["verdict"]["building_rate"] == {"numerator": 19, "denominator": 20}
    assert [u["code"] for u in data["units"] if u["spot_checked"]] == list(result.province_sample.drawn)
    html = render_region(result, "html")
    assert html.startswith("<!DOCTYPE html>") and "省委组织部抽查名单" in html


def test_the_region_report_and_the_draft_are_whole_documents_with_the_print_stylesheet(
        region_19_of_20: Path) -> None:
    result = run(region_19_of_20)
    for page, title in ((render_region(result, "html"), region_title(result)),
                        (render_work_report(result, "html"), "党员信息库建库工作总结（草稿）")):
        assert page.startswith("<!DOCTYPE html>\n") and '<meta charset="utf-8">' in page
        assert f"<style>{STYLESHEET}</style>" in page and "@media print" in page
        assert "<title>" in page and title in page.split("<title>", 1)[1].split("</title>", 1)[0]
        assert '<div class="cpcinfo-report"' in page and page.rstrip().endswith("</html>")


def test_a_region_compared_with_its_last_report(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r", [PASS, NOT_SUBMITTED, NOT_BUILT])
    before = run(root)
    saved = json.loads(render_region(before, "json"))
    now = make_region(tmp_path / "now", [FAIL, PASS, PASS])
    changes = compare_regions(units_from_region_dict(saved), run(now))
    codes = [u.code for u in before.units]
    assert changes.built_since == (codes[2],)
    assert [c for c, _, _ in changes.score_fell] == [codes[0]]


def test_the_command(region_19_of_20: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "总结.md"
    report = tmp_path / "汇总.json"
    assert main(["region", str(region_19_of_20), "--as-of", "2011-06-30", "--format", "json", "-o", str(report),
                 "--work-report", str(draft)]) == 0
    assert "建库工作总结" in draft.read_text(encoding="utf-8")
    assert main(["region", str(region_19_of_20), "--as-of", "2011-06-30", "--previous", str(report)]) == 0
    assert "与上次报告相比" in capsys.readouterr().out
    assert main(["region", str(tmp_path / "none"), "--as-of", "2011-06-30"]) == 2
    assert main(["region", str(region_19_of_20), "--work-report", str(tmp_path / "x.txt")]) == 2
    assert "扩展名" in capsys.readouterr().err


def test_a_failing_region_exits_1(tmp_path: Path) -> None:
    root = make_region(tmp_path / "r", [FAIL])
    assert main(["region", str(root), "--as-of", "2011-06-30", "-o", str(tmp_path / "out.txt")]) == 1


def test_a_bad_index_or_table_is_the_callers_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_region(tmp_path / "r", [NOT_BUILT])
    (tmp_path / "table.json").write_text("{}", encoding="utf-8")
    assert main(["region", str(root), "--as-of", "2011-06-30", "--tables", str(tmp_path / "table.json")]) == 2
    (root / "region.json").write_text('{"单位": {}}', encoding="utf-8")
    assert main(["region", str(root), "--as-of", "2011-06-30"]) == 2
    assert "「单位」应为列表" in capsys.readouterr().err


def test_a_units_database_may_be_a_csv_folder_or_a_workbook(tmp_path: Path) -> None:
    from cpcinfo.region_io import load_database
    from cpcinfo.tabular._write import write_csv_folder

    root = make_region(tmp_path / "r", [PASS, FAIL])
    before = run(root)
    first, second = sorted(p for p in root.iterdir() if p.is_dir())
    write_csv_folder(load_database(first / "信息库.json"), first / "信息库")
    (first / "信息库.json").unlink()
    if importlib.util.find_spec("python_calamine") and importlib.util.find_spec("openpyxl"):
        from cpcinfo.tabular._write import write_workbook

        write_workbook(load_database(second / "信息库.json"), second / "信息库.xlsx")
        (second / "信息库.json").unlink()
    after = run(root)
    for unit in before.units:
        again = after.unit(unit.code)
        assert again.status is UnitStatus.INSPECTED, again.reason
        assert (again.score, again.samples) == (unit.score, unit.samples)


def test_the_region_report_as_a_workbook(region_19_of_20: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "汇总.xlsx"
    assert main(["region", str(region_19_of_20), "--as-of", "2011-06-30", "--format", "xlsx", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:3] == ["说明", "验收结论", "各单位情况"]
    units = book["各单位情况"]
    assert units.max_row == 21 and units["C1"].value == "代码"
    result = run(region_19_of_20)
    assert [row[2] for row in units.iter_rows(min_row=2, values_only=True)] == [u.code for u in result.units]
    assert main(["region", str(region_19_of_20), "--format", "xlsx"]) == 2


def test_the_region_report_as_pdf(region_19_of_20: Path, tmp_path: Path) -> None:
    _, pypdf = pdf_modules_or_skip()
    out = tmp_path / "汇总.pdf"
    assert main(["region", str(region_19_of_20), "--as-of", "2011-06-30", "--format", "pdf", "-o", str(out)]) == 0
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    for code in run(region_19_of_20).province_sample.drawn:
        assert code in text
    assert main(["region", str(region_19_of_20), "--format", "pdf"]) == 2
