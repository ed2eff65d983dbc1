"""A finding's status is decided once, by the result that holds it, and every report reads it there."""

from __future__ import annotations

import ast
import datetime
from collections import Counter
from pathlib import Path

import pytest

from cpcinfo import AuditResult, CheckResult, Counts, Entity, Finding, Waiver, audit, check, convert
from cpcinfo.findings import DefectKind, FindingStatus
from cpcinfo.report import audit_html, audit_to_dict, check_result_html, notebook_html, sheet_html
from cpcinfo.tabular import findings_table
from test_report import AS_OF, WAIVERS, planted_document

SRC = Path(__file__).resolve().parents[1] / "src" / "cpcinfo"


def _finding(rule: str, key: str) -> Finding:
    return Finding(rule=rule, entity=Entity.MEMBER, key=key, field="basic.gender", label="性别", value="男",
                   kind=DefectKind.NONSTANDARD, item=8, message="性别不规范")


def test_the_check_decides_each_status_by_the_finding_itself() -> None:
    plain, twin = _finding("MEM102", "M1"), _finding("MEM102", "M1")  # equal, yet two findings
    preview, report = _finding("APP909", "M2"), _finding("WVR001", "M9")
    waiver = Waiver(rule="MEM102", key="M1", reason="特批")
    result = CheckResult(as_of=AS_OF, findings=(plain, twin, preview), waived=((twin, waiver),),
                         waiver_reports=(report,), counts=Counts(organizations=1, members=2, applicants=0),
                         preview=frozenset({"APP909"}))
    assert plain == twin
    assert [result.status(f) for f in (plain, twin, preview, report)] == [
        FindingStatus.COUNTED, FindingStatus.WAIVED, FindingStatus.PREVIEW, FindingStatus.WAIVER_REPORT]
    assert result.counted == (plain,) and result.counted[0] is plain
    assert result.waiver_of(twin) is waiver and result.waiver_of(plain) is None
    assert result.is_waived(twin) and not result.is_waived(plain)


def test_every_status_has_its_label() -> None:
    assert [s.label for s in FindingStatus] == [
        "计入", "未抽中不计分", "已豁免不计分", "试行规则不计分", "豁免报告不计分"]


@pytest.fixture(scope="module")
def audited() -> AuditResult:
    return audit(convert.structure(planted_document()), as_of=AS_OF, seed=1, waivers=WAIVERS)


def test_the_audit_adds_only_not_sampled_to_the_checks_statuses(audited: AuditResult) -> None:
    check_result = audited.check
    every = [*check_result.findings, *check_result.waiver_reports]
    statuses = Counter(audited.status(f) for f in every)
    assert {FindingStatus.COUNTED, FindingStatus.NOT_SAMPLED, FindingStatus.WAIVED,
            FindingStatus.WAIVER_REPORT} <= set(statuses)
    for finding in every:
        status, checked = audited.status(finding), check_result.status(finding)
        assert status is checked or (status, checked) == (FindingStatus.NOT_SAMPLED, FindingStatus.COUNTED)
        if status is FindingStatus.NOT_SAMPLED:
            assert not audited.is_sampled(finding) and finding.item not in (5, 6, 7, 16, 20)
    scored = [f for f in check_result.findings if audited.status(f) is FindingStatus.COUNTED]
    assert [id(f) for f in scored] == [id(f) for f in audited.counted]
    assert sorted(map(id, scored)) == sorted(map(id, audited.sheet.findings))


def test_every_report_and_the_table_read_the_results_status(audited: AuditResult) -> None:
    check_result = audited.check
    every = [*check_result.findings, *check_result.waiver_reports]
    summary = audit_to_dict(audited)["summary"]
    statuses = Counter(audited.status(f) for f in every)
    for status in FindingStatus:
        if status is not FindingStatus.WAIVER_REPORT:
            assert summary[status.value] == statuses[status], status
    rows = findings_table(audited)
    assert [row["status"].split("：")[0] for row in rows] == [audited.status(f).label for f in every]
    rows = findings_table(check_result)
    assert [row["status"].split("：")[0] for row in rows] == [check_result.status(f).label for f in every]


def test_the_notebook_hooks_go_through_one_function(audited: AuditResult) -> None:
    assert audited._repr_html_() == notebook_html(audited) == audit_html(audited)
    assert audited.check._repr_html_() == notebook_html(audited.check) == check_result_html(audited.check)
    assert audited.sheet._repr_html_() == notebook_html(audited.sheet) == sheet_html(audited.sheet)
    with pytest.raises(TypeError, match="AuditResult"):
        notebook_html(datetime.date(2011, 6, 30))  # type: ignore[arg-type]


def _module_imports(path: Path) -> list[tuple[str, bool]]:
    """Every ``from x import`` of a module: (x, whether only under ``if TYPE_CHECKING``), at module level;
    imports inside functions are lazy and left out."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, False))
        elif isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            found += [(n.module, True) for n in node.body if isinstance(n, ast.ImportFrom) and n.module]
    return found


RESULTS = {"cpcinfo.checking.result": "checking/result.py", "cpcinfo.acceptance.audit": "acceptance/audit.py",
           "cpcinfo.acceptance.sheet": "acceptance/sheet.py"}


@pytest.mark.parametrize("module", sorted(RESULTS.values()))
def test_a_result_module_imports_nothing_of_the_reports(module: str) -> None:
    assert [m for m, _ in _module_imports(SRC / module) if m.startswith("cpcinfo.report")] == []


@pytest.mark.parametrize("module", sorted(p.name for p in (SRC / "report").glob("*.py") if p.name != "__init__.py"))
def test_a_report_module_names_the_result_classes_only_as_annotations(module: str) -> None:
    assert [m for m, typing_only in _module_imports(SRC / "report" / module)
            if m in RESULTS and not typing_only] == []


def test_a_plain_check_has_only_the_checks_statuses() -> None:
    result = check(convert.structure(planted_document()), as_of=AS_OF, waivers=WAIVERS)
    every = [*result.findings, *result.waiver_reports]
    assert FindingStatus.NOT_SAMPLED not in {result.status(f) for f in every}
    assert [row["status"].split("：")[0] for row in findings_table(result)] == [result.status(f).label for f in every]
