"""The command's help in Chinese and English, the suggestions for a mistyped name, the findings listing."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from cpcinfo.cli import _parser
from cpcinfo.cli._help import choose_language, speaking, subcommand_parsers

ENGLISH_ARGPARSE = ("usage:", "options:", "positional arguments:", "optional arguments:",
                    "show this help message and exit", "show program's version number")
CHINESE_HEADINGS = ("用法：", "选项：", "位置参数：", "子命令：", "示例：", "显示本帮助")
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def helps(lang: str) -> dict[str, str]:
    with speaking(lang):
        parser = _parser()
        return {"cpcinfo": parser.format_help(),
                **{name: sub.format_help() for name, sub in subcommand_parsers(parser).items()}}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cpcinfo", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=300, check=False, env=env)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_subcommand_has_a_description_and_an_example(lang: str) -> None:
    with speaking(lang):
        parsers = subcommand_parsers(_parser())
    assert {"demo", "audit", "check", "rules", "codes", "sample-size"} <= set(parsers)
    how = "give it a description and examples with cpcinfo.cli._help.describe(parser, zh=…, en=…, examples=…)"
    for name, parser in parsers.items():
        assert parser.description and len(parser.description) > 20, f"cpcinfo {name}: {how}"
        assert parser.epilog and f"cpcinfo {name}" in parser.epilog, f"cpcinfo {name}: {how}"
        assert ("示例：" if lang == "zh" else "Examples:") in parser.epilog, f"cpcinfo {name}: {how}"


def test_the_chinese_help_has_no_english_argparse_word_left() -> None:
    for name, text in helps("zh").items():
        for word in ENGLISH_ARGPARSE:
            assert word not in text, (name, word)
        assert text.startswith("用法："), name
        assert "选项：" in text, name


def test_the_english_help_has_no_chinese_heading() -> None:
    for name, text in helps("en").items():
        headings = [line for line in text.splitlines() if line and not line.startswith(" ") and line.endswith(":")]
        assert headings, name
        for heading in headings:
            assert not CJK.search(heading), (name, heading)
        for word in CHINESE_HEADINGS:
            assert word not in text, (name, word)
        assert text.startswith("usage:"), name


def test_the_language_follows_lang_unless_asked() -> None:
    assert choose_language([], {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert choose_language([], {"LANG": "C.UTF-8"}) == "en"
    assert choose_language([], {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}) == "zh"
    assert choose_language(["--lang", "zh"], {"LANG": "en_US.UTF-8"}) == "zh"
    assert choose_language(["audit", "--", "--lang", "en"], {"LANG": "zh_CN.UTF-8"}) == "zh"
    chinese = run("audit", "-h", env={"LANG": "zh_CN.UTF-8", "PATH": ""})
    english = run("audit", "-h", env={"LANG": "en_US.UTF-8", "PATH": ""})
    assert chinese.stdout.startswith("用法：") and english.stdout.startswith("usage:")
    assert run("--lang", "en", "-h", env={"LANG": "zh_CN.UTF-8"}).stdout.startswith("usage:")


def test_demo_help_tells_the_date_it_really_uses() -> None:
    from cpcinfo.cli.demo import DEMO_AS_OF
    from cpcinfo.demo import university

    assert university().as_of.isoformat() == DEMO_AS_OF
    for lang in ("zh", "en"):
        text = helps(lang)["demo"]
        assert DEMO_AS_OF in text
        assert "默认今天" not in text and "default: today" not in text
    assert "默认今天" in helps("zh")["audit"]


@pytest.mark.parametrize(("args", "expected"), [
    (("audti", "x.json"), "audit"),
    (("demo", "--fomat", "html"), "--format"),
    (("demo", "--format", "htm"), "html"),
    (("rules", "MEM55"), "MEM505"),
])
def test_a_mistyped_name_gets_the_nearest_one(args: tuple[str, ...], expected: str) -> None:
    for lang in ("zh", "en"):
        result = run("--lang", lang, *args)
        assert result.returncode == 2
        assert f"「{expected}」" in result.stderr or f"'{expected}'" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_codes_and_rules_take_chinese_titles() -> None:
    ethnicity = run("codes", "民族")
    assert ethnicity.returncode == 0 and ethnicity.stdout.startswith("ethnicity — 民族") and "汉族" in ethnicity.stdout
    assert run("codes", "籍贯").stdout.startswith("region — ")
    assert run("codes", "性别").stdout == run("codes", "gender").stdout
    probation = run("rules", "转正")
    assert probation.returncode == 0 and "MEM503" in probation.stdout and "MEM505" in probation.stdout
    one = run("rules", "standing-probation-length")
    assert one.returncode == 0 and one.stdout.startswith("MEM505 ")
    unknown = run("codes", "不存在的表")
    assert unknown.returncode == 2 and "ethnicity（民族）" in unknown.stderr


def test_findings_listing_and_width() -> None:
    every = run("demo", "--findings", "all").stdout
    counted = run("demo", "--findings", "counted").stdout
    none = run("demo", "--findings", "none").stdout
    assert every == run("demo").stdout  # into a pipe the default lists every finding
    assert every.count("[未抽中不计分]") == 270 and "[未抽中不计分]" not in counted and "[计入]" not in none
    assert counted.count("[计入]") == 23
    for text in (counted, none):
        assert "共 293 条（计入 23 条，未抽中不计分 270 条）" in text and "--findings all" in text
    assert len(none.splitlines()) < 200 < len(counted.splitlines()) < len(every.splitlines())
    wide = run("demo", "--findings", "none", "--width", "140").stdout
    assert max(len(line) for line in wide.splitlines()) > max(len(line) for line in none.splitlines())
    narrow = run("demo", "--width", "60")
    assert narrow.returncode == 2 and "--width" in narrow.stderr
