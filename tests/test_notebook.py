"""What a notebook shows and saves: short text reprs with no record data, masked HTML."""

from __future__ import annotations

import re

import pytest

from cpcinfo.acceptance import AuditResult, audit
from cpcinfo.demo import university


@pytest.fixture(scope="module")
def demo() -> tuple[AuditResult, set[str]]:
    unit = university()
    result = audit(unit.infobase, as_of=unit.as_of, seed=2011, roster=unit.roster, waivers=unit.waivers)
    people = [*unit.infobase.members, *unit.infobase.applicants]
    numbers = {str(p.basic.id_number) for p in people if p.basic is not None and p.basic.id_number}
    return result, {n for n in numbers if len(n) >= 15}


def _objects(result: AuditResult) -> list[object]:
    samples = result.samples
    return [result, result.sheet, result.check, samples, samples.branches, samples.members, samples.applicants,
            *result.sheet.items, result.sheet.items]


def test_the_saved_text_of_every_result_object_holds_no_identity_number(demo: tuple[AuditResult, set[str]]) -> None:
    result, numbers = demo
    assert len(numbers) > 1000
    id_shaped = re.compile(r"\d{15,18}")
    for obj in _objects(result):
        text = repr(obj)
        assert len(text) < 2_000, type(obj)
        assert not id_shaped.search(text), text[:200]
        assert not any(n in text for n in numbers)
    assert "验收得分 75" in repr(result) and "不合格" in repr(result) and "计入 23 条" in repr(result)
    assert repr(result.sheet).startswith("<ScoreSheet ") and "扣分 25" in repr(result.sheet)


def test_the_html_a_notebook_shows_is_masked(demo: tuple[AuditResult, set[str]]) -> None:
    result, numbers = demo
    for obj in (result, result.sheet, result.check):
        page = obj._repr_html_()  # type: ignore[attr-defined]
        assert not any(n in page for n in numbers)
        assert "<!DOCTYPE" not in page and page.startswith('<div class="cpcinfo-report"')
        assert "text-align:left" in page


def test_the_database_repr_holds_counts_only() -> None:
    base = university().infobase
    counts = base.counts
    assert repr(base) == (f"<InfoBase 党组织 {counts.organizations}、党员 {counts.members}、"
                          f"申请入党人 {counts.applicants}>")


def test_the_findings_show_as_a_masked_data_frame(demo: tuple[AuditResult, set[str]]) -> None:
    pytest.importorskip("pandas")
    result, numbers = demo
    frame = result.findings_frame(university().infobase)
    assert len(frame) == len(result.check.findings) + len(result.check.waiver_reports)
    assert {"规则", "记录", "所在党支部", "状态"} <= set(frame.columns)
    assert (frame["状态"] == "计入").sum() == len(result.counted)
    shown = frame.to_string() + frame.to_html() + repr(result.check.findings_frame())
    assert not any(n in shown for n in numbers)


def test_the_repr_of_every_finding_is_short_and_holds_no_identity_number(
        demo: tuple[AuditResult, set[str]]) -> None:
    result, numbers = demo
    findings = result.check.findings
    on_ids = [f for f in findings if f.field.endswith("id_number")]
    assert on_ids, "the demo plants findings on identity numbers"
    for finding in findings:
        text = repr(finding)
        assert len(text) < 400 and text.startswith(f"<Finding {finding.rule} ")
        assert f"field={finding.field!r}" in text and f"kind={finding.kind.value}" in text
        assert repr(finding.key) in text
        assert not any(n in text for n in numbers), text
