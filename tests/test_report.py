"""Reports: the score sheet in the official layout, every finding listed once, masking and escaping."""

from __future__ import annotations

import copy
import datetime
import doctest
import html.parser
import json
import re
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpcinfo import (
    Applicant,
    AuditResult,
    CheckResult,
    DefectKind,
    Entity,
    Finding,
    Member,
    Unparsed,
    Waiver,
    audit,
    check,
    convert,
)
from cpcinfo.acceptance.items import Part
from cpcinfo.acceptance.sheet import ScoreSheet
from cpcinfo.examples import BASE_DOCUMENT
from cpcinfo.findings import FindingStatus
from cpcinfo.masking import Masker, mask_id
from cpcinfo.report import (
    AUDIT_SCHEMA,
    CHECK_SCHEMA,
    FORMATS,
    audit_html,
    audit_to_dict,
    check_result_html,
    check_to_dict,
    layout,
    markdown,
    render_audit,
    render_check,
    render_sheet,
    sheet_html,
    sheet_to_dict,
    views,
)
from cpcinfo.report.layout import display_width, pad, wrap
from cpcinfo.report.text import audit_text
from cpcinfo.report.views import finding_view
from cpcinfo.testing import strategies as s

AS_OF = datetime.date(2011, 6, 30)
BAD_CHECK_DIGIT = "610102198005120018"  # valid form, wrong check digit (MEM908)
SPACED = "610102 198005120016"  # a space inside (MEM107), then a wrong check digit (MEM908)
SPACED_COMPACT = "610102198005120016"
OTHER_BIRTH = "610102198005130014"  # right check digit, another birth date (MEM909)
RAW_IDS = (BAD_CHECK_DIGIT, SPACED, SPACED_COMPACT, OTHER_BIRTH)
NAMES = ("李明", "赵刚", "孙丽", "周杰", "吴敏", "郑强", "冯雪", "陈晨")


def planted_document() -> dict[str, Any]:
    """The base database with eight more members and planted defects, some on records outside the sample."""
    data = copy.deepcopy(BASE_DOCUMENT)
    data["organizations"][0]["basic"]["name"] = "中共<script>alert(1)</script>委员会"
    first = data["members"][0]
    for n, name in enumerate(NAMES, start=3):
        member = copy.deepcopy(first)
        member["id"] = f"M{n:04d}"
        member["basic"]["name"] = name
        if n % 2:
            member["basic"]["gender"] = "男"  # MEM102 on M0003, M0005, M0007, M0009
        data["members"].append(member)
    data["members"][0]["basic"]["gender"] = "男"
    data["members"][0]["basic"]["born_on"] = "1985年6月"
    data["members"][0]["basic"]["id_number"] = BAD_CHECK_DIGIT
    data["members"][1]["basic"]["id_number"] = SPACED
    data["members"][1]["relation"]["branch"] = "009"
    data["members"][2]["basic"]["id_number"] = OTHER_BIRTH
    return data


WAIVERS = (
    Waiver(rule="MEM901", key="M0002", reason="组织关系正在<转接>", approved_by="组织部"),
    Waiver(rule="MEM905", key="M9999", reason="早已调出"),
)


@pytest.fixture(scope="module")
def result() -> AuditResult:
    base = convert.structure(planted_document())
    return audit(base, as_of=AS_OF, seed=1, waivers=WAIVERS)


@pytest.fixture(scope="module")
def check_result() -> CheckResult:
    base = convert.structure(planted_document())
    return check(base, as_of=AS_OF, waivers=WAIVERS, select=["ORG", "MEM", "APP"])


def test_the_fixture_has_every_status(result: AuditResult) -> None:
    data = audit_to_dict(result)
    assert data["summary"]["counted"] > 0
    assert data["summary"]["not_sampled"] > 0
    assert data["summary"]["waived"] == 1
    assert data["summary"]["waiver_reports"] == 1
    assert {f["rule"] for f in data["findings"]} >= {"MEM102", "MEM104", "MEM107", "MEM908", "MEM909", "MEM901"}


def test_doctests() -> None:
    assert doctest.testmod(layout).failed == 0
    assert doctest.testmod(views).failed == 0
    assert doctest.testmod(markdown).failed == 0


# --- display width and wrapping -------------------------------------------------------------------------------


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("abc") == 3
    assert display_width("党员信息") == 8
    assert display_width("（１）") == 6  # full-width forms
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    assert pad("党", 5) == "党   "
    assert pad("7", 3, right=True) == "  7"


@pytest.mark.parametrize("width", [4, 7, 10, 25])
def test_wrap_keeps_every_character_within_the_width(width: int) -> None:
    text = "每存在一处未填写、填写错误或不规范的扣1分，扣完为止；性别不规范 3处（M0001、M0007、M0012）"
    lines = wrap(text, width)
    assert all(display_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line.startswith(("、", "，", "）")) for line in lines if width >= 7)


@settings(max_examples=200)
@given(text=st.lists(st.sampled_from([*"党员信息、，。（）「」abc12 M\u3000", "M0001"]) | st.characters(),
                    max_size=60).map("".join),
       width=st.integers(min_value=4, max_value=40))
def test_wrap_never_overflows_nor_loses_text(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(display_width(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


# --- every format ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_renders_the_audit(result: AuditResult, format: str) -> None:
    out = render_audit(result, format)
    assert isinstance(out, str) and out
    assert str(result.sheet.total) in out
    assert result.sheet.grade.label in out
    for sample in ("001001001", "A0001"):
        assert sample in out


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_renders_the_check(check_result: CheckResult, format: str) -> None:
    out = render_check(check_result, format)
    assert isinstance(out, str) and out
    for finding in check_result.findings:
        assert finding.rule in out


def test_unknown_format_is_refused(result: AuditResult) -> None:
    with pytest.raises(ValueError, match="pdf"):
        render_audit(result, "pdf")


def test_repr_html_uses_the_report(result: AuditResult, check_result: CheckResult) -> None:
    assert result._repr_html_() == audit_html(result)
    assert check_result._repr_html_() == check_result_html(check_result)
    assert "检查验收评分表" in sheet_html(result.sheet)


# --- the text sheet ------------------------------------------------------------------------------------------


def _sheet_table(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("+"))
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith(("+", "|")))
    return lines[start:end]


@pytest.mark.parametrize("width", [93, 100, 120, 160])
def test_text_sheet_rows_line_up(result: AuditResult, width: int) -> None:
    table = _sheet_table(audit_text(result, width=width))
    assert len(table) > 40
    assert {display_width(line) for line in table} == {width}
    # the column borders sit at the same display columns on every line
    def borders(line: str) -> list[int]:
        columns, at = [], 0
        for ch in line:
            if ch in "|+":
                columns.append(at)
            at += display_width(ch)
        return columns

    full = borders(table[0])
    assert all(set(borders(line)) <= set(full) for line in table)
    assert all(borders(line) == full for line in table if line.startswith("| ") and "合计" not in line)


def _text_rows(text: str) -> dict[int, list[str]]:
    """序号 → the cells of the first line of its row."""
    rows = {}
    for line in _sheet_table(text):
        cells = [c.strip() for c in line.split("|")[1:-1]]
        if len(cells) == 8 and cells[1].isdigit():
            rows[int(cells[1])] = cells
    return rows


def test_text_sheet_scores_match_the_sheet(result: AuditResult) -> None:
    text = render_audit(result, "text")
    rows = _text_rows(text)
    assert sorted(rows) == list(range(1, 21))
    for score in result.sheet:
        cells = rows[score.item.number]
        assert cells[5:] == [str(score.item.maximum), str(score.deducted), str(score.kept)]
    assert f"验收得分：{result.sheet.total}" in text
    assert f"等次：{result.sheet.grade.label}" in text
    total_row = next(line for line in _sheet_table(text) if "合计" in line)
    assert total_row.split("|")[-4:-1] == [f"{100:>5} ", f"{result.sheet.deductions:>5} ",
                                          f"{result.sheet.total:>5} "]


def test_text_sheet_shows_each_part_once(result: AuditResult) -> None:
    table = "\n".join(_sheet_table(render_audit(result, "text")))
    assert table.count("党组织信息") == 1
    assert table.count("党员信息") == 1
    assert table.count("申请入党人") == 1


def test_problems_name_the_keys_of_counted_findings(result: AuditResult) -> None:
    text = "\n".join(_sheet_table(render_audit(result, "text")))
    data = audit_to_dict(result, mask_ids=False)
    for score, item in zip(result.sheet, data["sheet"]["items"], strict=True):
        counted_keys = {f.key for f in score.findings}
        assert {k for p in item["problems"] for k in p["keys"]} == counted_keys
        assert sum(p["count"] for p in item["problems"]) == score.defects
        for problem in item["problems"][:3]:
            assert problem["keys"][0] in text
            assert problem["text"] in item["problems_text"]
        if not score.findings:
            assert item["problems_text"] == ""
    # the members' basic item: gender, birth date and identity number of sampled members, never unsampled ones
    member_basic = data["sheet"]["items"][7]
    sampled = set(result.samples.members.drawn)
    assert {k for p in member_basic["problems"] for k in p["keys"]} <= sampled


def test_problems_are_grouped_by_rule_with_title_count_and_keys() -> None:
    findings = [
        Finding(rule="MEM102", entity=Entity.MEMBER, key=f"M{n:04d}", field="basic.gender", label="性别",
                value="男", kind=DefectKind.NONSTANDARD, item=8, message="…")
        for n in (1, 7, 12, 15)
    ] + [
        Finding(rule=code, entity=Entity.MEMBER, key="M0002", field="basic.x", label="x", value="",
                kind=DefectKind.MISSING, item=8, message="…")
        for code in ("MEM101", "MEM103", "MEM104")
    ]
    sheet = ScoreSheet.from_findings(findings, unit="某党委")
    item = sheet_to_dict(sheet)["items"][7]
    assert item["problems"][0]["text"] == "性别不规范 4处（M0001、M0007、M0012等）"
    assert item["problems_text"] == ("性别不规范 4处（M0001、M0007、M0012等）；姓名未填写 1处（M0002）；"
                                     "民族未填写 1处（M0002）……共7处")


# --- the full list of findings -------------------------------------------------------------------------------


def _statuses(result: AuditResult) -> Counter[str]:
    return Counter(f["status"] for f in audit_to_dict(result)["findings"])


def test_text_lists_every_finding(result: AuditResult) -> None:
    text = render_audit(result, "text")
    entries = re.findall(r"^  +\d+\. \[(.+?)\] (\w+) ", text, flags=re.M)
    assert len(entries) == len(result.check.findings)
    assert Counter(code for _, code in entries) == Counter(f.rule for f in result.check.findings)
    assert "已豁免不计分" in text and "组织关系正在<转接>" in text
    assert "未抽中不计分" in text
    assert "WVR001" in text  # the unused waiver


def test_markdown_and_html_list_every_finding(result: AuditResult) -> None:
    md = render_audit(result, "markdown")
    rows = re.findall(r"^\| (\d+) \| (计入|未抽中不计分|已豁免不计分)", md, flags=re.M)
    assert len(rows) == len(result.check.findings)
    page = render_audit(result, "html")
    assert len(re.findall(r'<span style="color:[^"]+">(计入|未抽中不计分|已豁免不计分)</span>', page)) == len(
        result.check.findings)


def test_json_parses_back_with_schema_and_the_sheet_totals(result: AuditResult) -> None:
    data = json.loads(render_audit(result, "json"))
    assert data == audit_to_dict(result)
    assert data["schema"] == AUDIT_SCHEMA
    assert data["total"] == data["sheet"]["total"] == result.sheet.total
    assert data["grade_label"] == result.sheet.grade.label
    assert data["sheet"]["deducted"] == result.sheet.deductions
    for score, item in zip(result.sheet, data["sheet"]["items"], strict=True):
        assert (item["number"], item["maximum"], item["deducted"], item["kept"], item["defects"]) == (
            score.item.number, score.item.maximum, score.deducted, score.kept, score.defects)
    assert [p["kept"] for p in data["sheet"]["parts"]] == [result.sheet.part_total(p) for p in Part]
    summary = data["summary"]
    assert summary["findings"] == len(data["findings"]) == len(result.check.findings)
    assert summary["counted"] + summary["not_sampled"] + summary["waived"] + summary["preview"] == summary["findings"]
    assert summary["counted"] == len(result.counted)
    assert data["samples"]["members"]["drawn"] == list(result.samples.members.drawn)
    assert data["sheet"]["notes"] == list(result.sheet.notes)


def test_json_values_as_recorded(result: AuditResult) -> None:
    data = audit_to_dict(result, mask_ids=False)
    born = next(f for f in data["findings"] if f["rule"] == "MEM104")
    assert born["value"] == "1985年6月"  # an Unparsed becomes its raw value
    gender = next(f for f in data["findings"] if f["rule"] == "MEM102")
    assert (gender["value"], gender["suggestion"], gender["kind"], gender["kind_label"]) == ("男", "1", "nonstandard",
                                                                                          "不规范")
    waived = next(f for f in data["findings"] if f["status"] == "waived")
    assert waived["waiver"]["reason"] == "组织关系正在<转接>"
    assert waived["waiver"]["approved_by"] == "组织部"


def test_check_json(check_result: CheckResult) -> None:
    data = json.loads(render_check(check_result, "json"))
    assert data["schema"] == CHECK_SCHEMA
    assert data == check_to_dict(check_result)
    assert len(data["findings"]) == len(check_result.findings)
    assert data["summary"]["not_sampled"] == 0
    assert data["summary"]["counted"] == len(check_result.counted)
    assert data["counts"] == {"organizations": 3, "members": 10, "applicants": 1}
    assert {r["rule"]: r["total"] for r in data["by_rule"]} == dict(Counter(f.rule for f in check_result.findings))


def _finding_id(f: Finding) -> tuple[Any, ...]:
    return (f.rule, f.entity.value, f.key, f.field, f.item, f.message)


def _json_id(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f["rule"], f["entity"], f["key"], f["field"], f["item"], f["message"])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document=s.documents(junk=True))
def test_every_finding_appears_once_and_no_identity_number_leaks(document: dict[str, Any]) -> None:
    base = convert.structure(document)
    result = audit(base, as_of=AS_OF, seed="性质")
    data = audit_to_dict(result, mask_ids=False)
    assert Counter(_json_id(f) for f in data["findings"]) == Counter(_finding_id(f) for f in result.check.findings)
    statuses = Counter(f["status"] for f in data["findings"])
    assert statuses["counted"] == len(result.counted) == sum(score.defects for score in result.sheet)
    assert data["total"] == result.sheet.total
    people: list[Member | Applicant] = [*base.members, *base.applicants]
    written = {str(p.basic.id_number) for p in people if p.basic is not None and p.basic.id_number is not None}
    raw = {number for number in written if re.fullmatch(r"\d{17}[\dX]", number)}
    for format in FORMATS:
        out = render_audit(result, format)
        for number in raw:
            assert number not in out


# --- masking ---------------------------------------------------------------------------------------------------


def test_mask_id_keeps_six_and_four() -> None:
    assert mask_id("610102198005120019") == "610102********0019"
    assert mask_id("610102800512001") == "610102*****2001"


@pytest.mark.parametrize("format", FORMATS)
def test_identity_numbers_are_masked_in_every_format(result: AuditResult, check_result: CheckResult,
                                                     format: str) -> None:
    for out in (render_audit(result, format), render_check(check_result, format)):
        for number in RAW_IDS:
            assert number not in out
        assert "610102********0018" in out or "610102\\*\\*\\*\\*\\*\\*\\*\\*0018" in out


@pytest.mark.parametrize("format", FORMATS)
def test_identity_numbers_are_shown_on_request(result: AuditResult, format: str) -> None:
    out = render_audit(result, format, mask_ids=False)
    assert BAD_CHECK_DIGIT in out
    assert SPACED_COMPACT in out  # in the messages of MEM107 and MEM908


def test_masking_reaches_messages_suggestions_and_keys(result: AuditResult) -> None:
    data = audit_to_dict(result)
    assert data["masked_ids"] is True
    texts = json.dumps(data, ensure_ascii=False)
    for number in RAW_IDS:
        assert number not in texts
    spaced = next(f for f in data["findings"] if f["rule"] == "MEM107")
    assert spaced["value"] == "610102*********0016"  # the space is masked with the rest
    assert spaced["suggestion"] == "610102********0016"
    assert "610102********0016" in spaced["message"]


def test_a_key_that_is_an_identity_number_is_masked() -> None:
    finding = Finding(rule="MEM911", entity=Entity.MEMBER, key="610102198005120019", field="basic.id_number",
                      label="公民身份号码", value="610102198005120019", kind=DefectKind.WRONG, item=16,
                      message="公民身份号码「610102198005120019」与党员「610102198005120019」重复")
    sheet = ScoreSheet.from_findings([finding])
    for format in FORMATS:
        out = render_sheet(sheet, format)
        assert "610102198005120019" not in out
        assert "610102" in out
    assert "610102198005120019" in render_sheet(sheet, "json", mask_ids=False)


# --- escaping ----------------------------------------------------------------------------------------------


class _Balance(html.parser.HTMLParser):
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


@pytest.mark.parametrize("page", ["audit", "check", "sheet"])
def test_html_is_a_balanced_fragment_without_assets(result: AuditResult, check_result: CheckResult,
                                                    page: str) -> None:
    out = {"audit": lambda: audit_html(result), "check": lambda: check_result_html(check_result),
           "sheet": lambda: sheet_html(result.sheet)}[page]()
    parser = _Balance()
    parser.feed(out)
    parser.close()
    assert parser.stack == []
    assert not {"script", "link", "img", "style", "iframe"} & set(parser.tags)
    assert out.startswith('<div class="cpcinfo-report"')


def test_html_escapes_values(result: AuditResult) -> None:
    out = audit_html(result)
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "组织关系正在&lt;转接&gt;" in out


def test_html_sheet_mirrors_the_official_layout(result: AuditResult) -> None:
    out = sheet_html(result.sheet)
    assert 'rowspan="7"' in out and 'rowspan="9"' in out and 'rowspan="4"' in out
    assert re.search(r'<th style="[^"]*" colspan="3">评分</th>', out)
    for heading in ("建库单位", "验收得分", "项目", "序号", "项目分类", "评分方法", "存在问题", "分值", "扣分", "得分"):
        assert f">{heading}</th>" in out


def test_markdown_escapes_pipes_and_html() -> None:
    finding = Finding(rule="MEM106", entity=Entity.MEMBER, key="M|1", field="basic.unit_name",
                      label="组织关系所在单位", value="化学系|<b>实验室</b>", kind=DefectKind.WRONG, item=8,
                      message="单位「化学系|<b>实验室</b>」")
    out = render_sheet(ScoreSheet.from_findings([finding], unit="a|b"), "markdown")
    table = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| -")]
    assert len(table) == 22  # the heading, 20 items and the total
    for line in table:
        assert len(re.split(r"(?<!\\)\|", line)) == 10  # 8 cells between 9 unescaped pipes
    assert "<b>" not in out
    assert "M\\|1" in out


def test_markdown_audit_has_a_github_table(result: AuditResult) -> None:
    out = render_audit(result, "markdown")
    assert "| 项目 | 序号 | 项目分类 | 评分方法 | 存在问题 | 分值 | 扣分 | 得分 |" in out
    assert "党组织信息（40分）" in out
    assert "<script>" not in out


# --- the demo university (when the demo module provides it) ------------------------------------------------


@pytest.fixture(scope="module")
def university_audit() -> AuditResult:
    import cpcinfo.demo

    university = getattr(cpcinfo.demo, "university", None)
    if university is None:
        pytest.skip("cpcinfo.demo.university is not available")
    unit = university()
    return audit(unit.infobase, as_of=unit.as_of, seed=2011, roster=unit.roster, waivers=unit.waivers)


def test_the_university_renders_in_every_format_without_leaking_identity_numbers(
        university_audit: AuditResult) -> None:
    result = university_audit
    base_numbers = {f.value for f in result.check.findings if f.field.endswith("id_number")}
    data = audit_to_dict(result, mask_ids=False)
    assert Counter(_json_id(f) for f in data["findings"]) == Counter(_finding_id(f) for f in result.check.findings)
    for format in FORMATS:
        out = render_audit(result, format)
        assert str(result.sheet.total) in out
        for number in base_numbers:
            if isinstance(number, str) and len(number) >= 8:
                assert number not in out
    table = _sheet_table(render_audit(result, "text"))
    assert len({display_width(line) for line in table}) == 1
    rows = _text_rows(render_audit(result, "text"))
    for score in result.sheet:
        assert rows[score.item.number][5:] == [str(score.item.maximum), str(score.deducted), str(score.kept)]


def test_an_identity_number_written_as_a_number_elsewhere_is_masked() -> None:
    finding = Finding(rule="MEM106", entity=Entity.MEMBER, key="M0001", field="basic.unit_name",
                      label="组织关系所在单位", value=Unparsed(610102198005120019), kind=DefectKind.WRONG, item=8,
                      message="组织关系所在单位「610102198005120019」不是单位名称")
    data = sheet_to_dict(ScoreSheet.from_findings([finding]))
    assert "610102198005120019" not in json.dumps(data)
    sheet = ScoreSheet.from_findings([finding])
    view = finding_view(finding, FindingStatus.COUNTED, Masker(sheet.findings))
    assert view.value == "610102********0019"
    assert view.value_text == "610102********0019"
    assert view.message == "组织关系所在单位「610102********0019」不是单位名称"
    raw = finding_view(finding, FindingStatus.COUNTED, Masker(sheet.findings, enabled=False))
    assert raw.value == 610102198005120019
