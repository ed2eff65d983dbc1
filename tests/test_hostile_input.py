"""Worked tests for the items of issue 10 that live below the command: the reading layer, masking and
sanitising in every channel, long integers, duplicate record keys in the sample, free text."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path

import pytest

from cpcinfo import audit, check
from cpcinfo.cli import main
from cpcinfo.convert import read_document
from cpcinfo.errors import DocumentError
from cpcinfo.examples import BASE_DOCUMENT
from cpcinfo.io import InputError, load_infobase, load_json, parse_json
from cpcinfo.masking import mask_ids_in_text
from cpcinfo.report import FORMATS, render_audit, render_check
from cpcinfo.rules.builders import with_value
from cpcinfo.sanitize import one_line, terminal_safe

AS_OF = datetime.date(2011, 6, 30)
ID = "610102198005120019"


def write(tmp_path: Path, text: str, name: str = "doc.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


# -- item 1: a lone surrogate ------------------------------------------------------------------------------

def test_a_lone_surrogate_is_read_found_and_rendered_in_every_format(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    text = json.dumps(with_value(BASE_DOCUMENT, "organizations.0.unit.name", "西北大学\ud800"))
    path = write(tmp_path, text)
    infobase = load_infobase(path).infobase
    result = check(infobase, as_of=AS_OF)
    assert any(f.rule == "ORG402" and f.kind.name == "WRONG" for f in result.findings)
    for format in FORMATS:
        render_check(result, format)  # a str may hold a surrogate; only encoding it could fail
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    for format in ("text", "json", "html", "md"):
        assert main(["check", str(path), "--as-of", "2011-06-30", "--format", format, "-o", str(target)]) == 1
        written = target.read_bytes().decode("utf-8")  # valid UTF-8: the surrogate is an escape
        assert "\\ud800" in written
    assert main(["check", str(path), "--as-of", "2011-06-30", "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert "\\ud800" in out and json.loads(out)


# -- item 2: duplicate keys at any level -------------------------------------------------------------------

def test_a_second_members_list_is_refused_naming_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, '{"organizations": [], "members": [{"id": "A"}], "members": [{"id": "B"}]}')
    with pytest.raises(InputError) as error:
        load_json(path)
    assert "文档顶层的键「members」重复出现" in str(error.value) and str(path) in str(error.value)


def test_a_duplicate_key_deep_inside_is_named_with_its_place() -> None:
    data = b'{"members": [{"id": "A"}, {"id": "B", "basic": {"name": "x", "name": "y"}}]}'
    with pytest.raises(InputError) as error:
        parse_json(data, "d.json")
    assert "members[1].basic 的键「name」重复出现" in str(error.value)


def test_many_duplicates_are_named_up_to_a_bound() -> None:
    body = ",".join(f'{{"id": "M{i}", "id": "N{i}"}}' for i in range(30))
    with pytest.raises(InputError) as error:
        parse_json(f'{{"members": [{body}]}}'.encode(), "d.json")
    assert "members[0] 的键「id」" in str(error.value) and "等共 30 处" in str(error.value)


# -- NaN and Infinity --------------------------------------------------------------------------------------

@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_non_numbers_are_refused_with_their_place(token: str) -> None:
    with pytest.raises(InputError) as error:
        parse_json(f'{{"members": [{{"id": "A", "basic": {{"gender": {token}}}}}]}}'.encode(), "d.json")
    assert f"members[0].basic.gender 的值 {token}" in str(error.value)


def test_deep_nesting_and_long_integers_are_messages() -> None:
    with pytest.raises(InputError, match="嵌套层数过多"):
        parse_json(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(InputError, match="JSON 无法读取"):
        parse_json(b'{"members": [{"id": ' + b"9" * 5000 + b"}]}")
    with pytest.raises(InputError, match="UTF-8"):
        parse_json(b'{"members": "\xff"}')


# -- item 5 (the library side): the size limit -------------------------------------------------------------

def test_load_json_stops_at_its_limit(tmp_path: Path) -> None:
    path = write(tmp_path, json.dumps(BASE_DOCUMENT))
    with pytest.raises(InputError, match="大小上限 10 字节"):
        load_json(path, max_bytes=10)
    assert load_json(path, max_bytes=path.stat().st_size) == BASE_DOCUMENT
    with pytest.raises(InputError, match="大小上限 1,000 字节"):
        load_json("/dev/zero", max_bytes=1000)


# -- item 9: integers longer than Python prints ------------------------------------------------------------

@pytest.mark.parametrize("path", ["members.0.basic.gender", "members.0.basic.id_number", "members.0.basic.name",
                                  "members.0.id", "organizations.0.unit.name", "members.0.basic.born_on",
                                  "members.0.relation.branch"])
def test_an_integer_of_5000_digits_is_checked_and_rendered(path: str) -> None:
    infobase = read_document(with_value(BASE_DOCUMENT, path, 10 ** 5000)).infobase
    result = check(infobase, as_of=AS_OF)
    for format in FORMATS:
        assert "超长整数" in render_check(result, format) or path == "members.0.id"
    audited = audit(infobase, as_of=AS_OF, seed=1)
    for format in FORMATS:
        render_audit(audited, format)


# -- item 10: identity numbers in every channel ------------------------------------------------------------

@pytest.mark.parametrize("written", [f"P{ID}", f"ID{ID}", f"{ID[:6]} {ID[6:14]} {ID[14:]}",
                                     f"{ID[:6]}-{ID[6:14]}-{ID[14:]}", f"{ID[:9]}\u200b{ID[9:]}",
                                     f"身份证{ID}号", ID[:17] + "X", "610102800512001"])
def test_identity_numbers_are_masked_inside_longer_text(written: str) -> None:
    masked = mask_ids_in_text(f"人员编号 {written} 的记录")
    digits = "".join(ch for ch in written if ch.isdigit())
    assert digits not in "".join(ch for ch in masked if ch.isdigit() or ch == "*")
    assert "****" in masked


def test_a_key_glued_to_an_identity_number_is_masked_in_every_report() -> None:
    data = with_value(BASE_DOCUMENT, "members.0.id", f"P{ID}")
    data = with_value(data, "members.0.basic.gender", "男")
    result = audit(read_document(data).infobase, as_of=AS_OF, seed=1)
    for format in FORMATS:
        assert ID not in render_audit(result, format)
        assert ID not in render_check(result.check, format)


def test_identity_numbers_are_masked_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = copy.deepcopy(BASE_DOCUMENT)
    data["members"][0]["basic"][f"备注{ID}"] = "x"  # an unknown key: the notice on stderr names it
    path = write(tmp_path, json.dumps(data, ensure_ascii=False))
    main(["check", str(path), "--as-of", "2011-06-30"])
    err = capsys.readouterr().err
    assert "备注610102********0019" in err and ID not in err
    broken = with_value(BASE_DOCUMENT, "members.0.id", ID)
    broken = with_value(broken, "members.0.basic", [ID])  # a document error names the record by its key
    path = write(tmp_path, json.dumps(broken, ensure_ascii=False), "broken.json")
    assert main(["check", str(path), "--as-of", "2011-06-30"]) == 2
    err = capsys.readouterr().err
    assert "文档结构" in err and ID not in err and "610102********0019" in err


# -- item 11: terminal escapes and forged lines ------------------------------------------------------------

def test_escapes_and_line_feeds_in_keys_never_reach_the_terminal(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    data = copy.deepcopy(BASE_DOCUMENT)
    data["members"][0]["basic"]["x\x1b[2J\ncpcinfo: 检查通过"] = "y"
    data["members"][1]["id"] = "M\x1b]0;owned\x07\ncpcinfo: ok"
    path = write(tmp_path, json.dumps(data, ensure_ascii=False))
    main(["check", str(path), "--as-of", "2011-06-30"])
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\x07" not in stream
        assert not [line for line in stream.splitlines()[1:] if line.startswith("cpcinfo:")]
    assert "\\x1b" in captured.err


def test_sanitising_keeps_text_and_escapes_the_rest() -> None:
    assert one_line("党委\n第二行") == "党委\\n第二行"
    assert terminal_safe("a\nb\x9b\u202e") == "a\nb\\x9b\\u202e"
    assert one_line("普通文本 ok") == "普通文本 ok"


# -- item 12: misspelt top-level keys, and no record -------------------------------------------------------

@pytest.mark.parametrize(("key", "nearest"), [("Members", "members"), ("党员 ", "党员"),
                                              ("APPLICANTS", "applicants"), ("member", "members"),
                                              ("党员列表", "党员")])
def test_a_misspelt_top_level_key_is_an_error_naming_the_nearest(key: str, nearest: str) -> None:
    data = {"organizations" if key.isascii() else "党组织": [], key: [{"id": "M1"}]}
    with pytest.raises(DocumentError) as error:
        read_document(data)
    assert f"「{key}」" in str(error.value) and f"是否应为「{nearest}」" in str(error.value)
    assert read_document(data, allow_unknown=True).infobase.extras


def test_unknown_top_level_data_that_holds_no_records_is_kept() -> None:
    loaded = read_document({**BASE_DOCUMENT, "导出时间": "2011-06-30", "version": 3})
    assert [u.key for u in loaded.unknown_keys][:2] == ["导出时间", "version"]


def test_an_audit_with_misspelt_applicants_is_not_graded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = copy.deepcopy(BASE_DOCUMENT)
    data["APPLICANTS"] = data.pop("applicants", [{"id": "A1"}]) or [{"id": "A1"}]
    path = write(tmp_path, json.dumps(data, ensure_ascii=False))
    assert main(["audit", str(path), "--as-of", "2011-06-30"]) == 2
    assert "是否应为「applicants」" in capsys.readouterr().err
    assert main(["audit", str(path), "--as-of", "2011-06-30", "--allow-unknown"]) in (0, 1)
    capsys.readouterr()


@pytest.mark.parametrize("content", ["{}", '{"organizations": [], "members": [], "applicants": []}', '{"x": 1}'])
def test_a_document_without_records_is_exit_2(tmp_path: Path, content: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, content)
    assert main(["check", str(path)]) == 2
    assert "没有任何记录" in capsys.readouterr().err


# -- item 13: records with the same key in the sample ------------------------------------------------------

def _twins() -> dict[str, object]:
    data = copy.deepcopy(BASE_DOCUMENT)
    first, second = data["members"][:2]
    data["members"] = [copy.deepcopy(first), copy.deepcopy(first), copy.deepcopy(second), copy.deepcopy(second)]
    return data


def test_the_sample_population_counts_records_not_keys() -> None:
    result = audit(read_document(_twins()).infobase, as_of=AS_OF, seed=1)
    manifest = result.samples.members
    assert manifest.population_size == 4 and len(set(manifest.drawn)) == 4
    assert result.check.counts.members == 4
    assert sum(f.rule == "MEM912" for f in result.check.findings) >= 1  # the repeated key is its own finding


def test_a_twin_drawn_scores_its_key() -> None:
    data = _twins()
    data["members"][1]["basic"]["gender"] = "男"  # the second record of the first key is defective
    result = audit(read_document(data).infobase, as_of=AS_OF, seed=1)
    key = data["members"][0]["id"]
    gender = [f for f in result.check.findings if f.rule == "MEM102"]
    assert gender and gender[0].key == key and result.is_sampled(gender[0])
    assert gender[0] in result.counted


def test_every_counted_field_finding_is_in_the_population() -> None:
    data = _twins()
    for i in range(4):
        data["members"][i]["basic"]["gender"] = "男"
    result = audit(read_document(data).infobase, as_of=AS_OF, seed=1)
    scored = result.samples.scored_keys(result.counted[0].entity)
    assert {f.key for f in result.counted if f.rule == "MEM102"} <= scored


# -- item 14: free-text unit names -------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "kind"), [("西北\x00大学", "WRONG"), ("西北大学\x1b[31m", "WRONG"),
                                            ("西北大学\ud800", "WRONG"), ("西北\u202e大学", "WRONG"),
                                            ("西" * 10_000, "NONSTANDARD"),
                                            ("<script>alert(1)</script>", "NONSTANDARD"),
                                            ("西北\u200b大学", "NONSTANDARD"), ("a&#x3c;b", "NONSTANDARD")])
def test_a_unit_name_that_is_not_plain_text_is_a_finding(name: str, kind: str) -> None:
    result = check(read_document(with_value(BASE_DOCUMENT, "organizations.0.unit.name", name)).infobase, as_of=AS_OF)
    found = [f for f in result.findings if f.rule == "ORG402"]
    assert len(found) == 1 and found[0].kind.name == kind
    assert len(found[0].message) < 200  # a pasted-in page is quoted by its start, not copied whole


@pytest.mark.parametrize("name", ["西安A&B科技有限公司", "西" * 100, "陕西省1<2研究所", "西北大学"])
def test_a_plain_unit_name_is_no_finding(name: str) -> None:
    result = check(read_document(with_value(BASE_DOCUMENT, "organizations.0.unit.name", name)).infobase, as_of=AS_OF)
    assert not [f for f in result.findings if f.rule == "ORG402"]


def test_the_member_unit_name_is_free_text_too() -> None:
    result = check(read_document(with_value(BASE_DOCUMENT, "members.0.basic.unit_name", "x\x1by")).infobase,
                   as_of=AS_OF)
    assert [f.kind.name for f in result.findings if f.rule == "MEM106"] == ["WRONG"]
