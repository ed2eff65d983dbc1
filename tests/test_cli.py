"""The ``cpcinfo`` command, run as a subprocess as a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cpcinfo.examples import BASE_DOCUMENT
from cpcinfo.rules.builders import with_value

AS_OF = "2011-06-30"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cpcinfo", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=300, cwd=cwd, check=False)


@pytest.fixture
def clean_file(tmp_path: Path) -> Path:
    path = tmp_path / "clean.json"
    path.write_text(json.dumps(BASE_DOCUMENT, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def defective_file(tmp_path: Path) -> Path:
    data = with_value(BASE_DOCUMENT, "members.0.basic.gender", "男")
    data = with_value(data, "members.1.relation.branch", "009")
    data = with_value(data, "members.0.basic.id_number", "610102198005120018")
    path = tmp_path / "defective.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_sample_size() -> None:
    assert "20" in run("sample-size", "201").stdout
    assert "5" in run("sample-size", "50").stdout
    assert "2" in run("sample-size", "21", "--committees").stdout
    bad = run("sample-size", "-1")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_rules_list_and_explain() -> None:
    listing = run("rules")
    assert listing.returncode == 0 and "MEM505" in listing.stdout and "APP906" in listing.stdout
    one = run("rules", "mem505")
    assert one.returncode == 0 and "转正日期" in one.stdout and "不通过的示例" in one.stdout
    unknown = run("rules", "XYZ123")
    assert unknown.returncode == 2 and "XYZ123" in unknown.stderr and "Traceback" not in unknown.stderr


def test_rules_explain_engine_prints_the_generated_source() -> None:
    from cpcinfo.engine import generated_source
    from cpcinfo.rules import registry

    chosen = run("rules", "--explain-engine", "MEM9", "MEM102")
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.strip() == generated_source(registry().select(["MEM9", "MEM102"])).strip()
    assert "#   rule_0: MEM901" in chosen.stdout and "MEM102" in chosen.stdout and "APP901" not in chosen.stdout
    default = run("rules", "--explain-engine")
    assert default.returncode == 0 and "APP901" in default.stdout and "def run(records" in default.stdout
    for bad in (("rules", "--explain-engine", "XYZ9"), ("rules", "MEM505", "--explain-engine")):
        refused = run(*bad)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr, bad
    assert "XYZ9" in run("rules", "--explain-engine", "XYZ9").stderr


def test_codes_list_and_one_table() -> None:
    assert "ethnicity" in run("codes").stdout
    gender = run("codes", "gender")
    assert gender.returncode == 0 and "男" in gender.stdout
    assert run("codes", "nope").returncode == 2


def test_audit_of_a_clean_file_passes(clean_file: Path) -> None:
    result = run("audit", str(clean_file), "--as-of", AS_OF, "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert "评分表" in result.stdout and "优秀" in result.stdout


def test_audit_in_every_format(defective_file: Path, tmp_path: Path) -> None:
    for fmt in ("text", "md", "html", "json"):
        out = tmp_path / f"sheet.{fmt}"
        result = run("audit", str(defective_file), "--as-of", AS_OF, "--format", fmt, "-o", str(out))
        assert result.returncode in (0, 1), result.stderr
        text = out.read_text(encoding="utf-8")
        assert "610102198005120018" not in text  # identity numbers are masked by default
        if fmt == "json":
            assert json.loads(text)["schema"] == "cpcinfo.audit/1"


def test_show_ids_shows_identity_numbers(defective_file: Path) -> None:
    result = run("check", str(defective_file), "--as-of", AS_OF, "--show-ids", "--format", "json")
    assert "610102198005120018" in result.stdout


def test_check_exit_codes(clean_file: Path, defective_file: Path) -> None:
    assert run("check", str(clean_file), "--as-of", AS_OF).returncode == 0
    found = run("check", str(defective_file), "--as-of", AS_OF)
    assert found.returncode == 1
    assert "MEM102" in found.stdout and "MEM901" in found.stdout


def test_check_with_waivers_and_roster(defective_file: Path, tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.json"
    waivers.write_text(json.dumps([{"rule": "MEM901", "key": "M0002", "reason": "转接中"},
                                   {"rule": "MEM102", "reason": "待改"},
                                   {"rule": "ORG701", "reason": "同上"}], ensure_ascii=False), encoding="utf-8")
    roster = tmp_path / "roster.json"
    roster.write_text(json.dumps([{"党组织代码": "001", "党组织名称": "中共西北大学委员会", "组织类别": "611"}],
                                 ensure_ascii=False), encoding="utf-8")
    result = run("check", str(defective_file), "--as-of", AS_OF, "--waivers", str(waivers), "--roster", str(roster))
    assert result.returncode == 1  # the roster knows only the 党委: the other organizations are unknown to it
    assert "ORG610" in result.stdout


@pytest.mark.parametrize(("content", "expected"), [
    (None, "文件不存在"),
    ('{"members": [1, 2', "JSON 格式错误"),
    ('{"members": [{"basic": []}]}', "members[0].basic"),
    ('{"党员": [{"基本信息": 5}]}', "党员[0].基本信息"),
])
def test_bad_input_gets_one_clear_message_and_exit_2(tmp_path: Path, content: str | None, expected: str) -> None:
    path = tmp_path / "data.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    for command in ("audit", "check"):
        result = run(command, str(path), "--as-of", AS_OF)
        assert result.returncode == 2
        assert str(path) in result.stderr and expected in result.stderr
        assert "Traceback" not in result.stderr


def test_bad_options_exit_2(clean_file: Path, tmp_path: Path) -> None:
    assert run("audit", str(clean_file), "--as-of", "2011-13-01").returncode == 2
    assert run("audit", str(clean_file), "--as-of", AS_OF, "--members", "1").returncode == 2
    assert run("frobnicate").returncode == 2
    bad_waivers = tmp_path / "w.json"
    bad_waivers.write_text('[{"rule": "MEM901"}]', encoding="utf-8")
    result = run("check", str(clean_file), "--waivers", str(bad_waivers))
    assert result.returncode == 2 and "理由" in result.stderr and "Traceback" not in result.stderr


def test_an_empty_database_is_not_certified(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text("{}", encoding="utf-8")
    result = run("audit", str(path), "--as-of", AS_OF)
    assert result.returncode == 2 and str(path) in result.stderr and "无法审核" in result.stderr
    # Records under a key nobody knows are named, with the key they were meant for (issue 10, item 12).
    path.write_text('{"党员列表": [{"人员编号": "M1"}]}', encoding="utf-8")
    result = run("audit", str(path), "--as-of", AS_OF)
    assert result.returncode == 2 and str(path) in result.stderr
    assert "「党员列表」" in result.stderr and "是否应为「党员」" in result.stderr


@pytest.mark.parametrize("as_of", ["20110630", "2011-W26-4", "1800-01-01", "9999-12-31", "昨天"])
def test_the_date_of_the_check_must_be_a_plain_past_date(clean_file: Path, as_of: str) -> None:
    result = run("audit", str(clean_file), "--as-of", as_of)
    assert result.returncode == 2 and "--as-of" in result.stderr and "Traceback" not in result.stderr


def test_demo_exits_0_and_writing_to_a_directory_is_refused_in_chinese(tmp_path: Path) -> None:
    assert run("demo", "--as-of", AS_OF, "--format", "json").returncode == 0
    result = run("demo", "-o", str(tmp_path))
    assert result.returncode == 2 and "是目录" in result.stderr
