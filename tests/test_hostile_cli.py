"""The command under hostile use (issue 10): option values that look like options, outputs that cannot be
written, ``-o`` naming an input, unbounded inputs, and the exit code of a bug (3, one line, no traceback)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from cpcinfo.cli import EXIT_BAD_INPUT, EXIT_BUG, main
from cpcinfo.examples import BASE_DOCUMENT

AS_OF = "2011-06-30"


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cpcinfo", *args], capture_output=True, text=True,
                          encoding="utf-8", errors="backslashreplace", timeout=300, check=False, **kwargs)  # type: ignore[call-overload]


@pytest.fixture
def clean_file(tmp_path: Path) -> Path:
    path = tmp_path / "clean.json"
    path.write_text(json.dumps(BASE_DOCUMENT, ensure_ascii=False), encoding="utf-8")
    return path


# -- item 7: option values that look like options --------------------------------------------------------

@pytest.mark.parametrize("option", ["--seed=--", "--as-of=--", "--format=--", "-o=--", "--output=--",
                                    "--members=--", "--tables=--", "--roster=--", "--max-bytes=--"])
def test_an_option_valued_double_dash_is_a_usage_error(clean_file: Path, option: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["audit", str(clean_file), "--as-of", AS_OF, option] if option != "--as-of=--"
             else ["audit", str(clean_file), option])
    assert exit_.value.code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert option.split("=")[0] in err and "Traceback" not in err


def test_select_valued_double_dash_is_a_usage_error(clean_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(clean_file), "--select=--"])
    assert exit_.value.code == EXIT_BAD_INPUT and "--select" in capsys.readouterr().err


# -- item 8: a bad --seed is a usage error, not an error of the data file ---------------------------------

@pytest.mark.parametrize("bad", ["a\x1bb", "", "x" * 2000])
def test_a_bad_seed_is_named_as_a_usage_error(clean_file: Path, bad: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(clean_file), "--as-of", AS_OF, "--seed", bad]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("cpcinfo: --seed") and str(clean_file) not in err and "\x1b" not in err


@pytest.mark.parametrize("seed", ["--5", "²", "-12", "种子"])
def test_any_printable_seed_draws(clean_file: Path, seed: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(clean_file), "--as-of", AS_OF, f"--seed={seed}", "--format", "json"]) in (0, 1)
    assert json.loads(capsys.readouterr().out)["seed"] in (seed, int(seed) if seed == "-12" else seed)


def test_a_sample_below_the_minimum_names_the_option(clean_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(clean_file), "--as-of", AS_OF, "--members", "1"]) == EXIT_BAD_INPUT
    assert "--members" in capsys.readouterr().err


# -- the exit-3 path --------------------------------------------------------------------------------------

def _broken_check(*args: object, **kwargs: object) -> object:
    raise ZeroDivisionError("division by zero")


def test_a_bug_exits_3_with_one_line_naming_the_stage(clean_file: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import cpcinfo.checking

    monkeypatch.setattr(cpcinfo.checking, "check_stream", _broken_check)
    assert main(["check", str(clean_file), "--as-of", AS_OF]) == EXIT_BUG
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cpcinfo 的缺陷" in err and "检查时" in err and "ZeroDivisionError" in err
    assert "Traceback" not in err and "--debug" in err


def test_a_bug_in_a_rule_names_the_rule(clean_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cpcinfo.rules import registry

    rule = registry()["MEM905"]
    original = rule.build
    module = sys.modules[original.__module__]

    def broken(prepared: object) -> object:
        raise KeyError("boom")

    # The planted function runs as the rule's own code would: in the rule's module, under its build's name.
    code = broken.__code__.replace(co_name=original.__name__, co_qualname=original.__qualname__)
    object.__setattr__(rule, "build", types.FunctionType(code, vars(module)))
    try:
        assert main(["check", str(clean_file), "--as-of", AS_OF]) == EXIT_BUG
    finally:
        object.__setattr__(rule, "build", original)
    err = capsys.readouterr().err
    assert "规则 MEM905" in err and "KeyError" in err and "检查时" in err


def test_debug_shows_the_traceback(clean_file: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    import cpcinfo.checking

    monkeypatch.setattr(cpcinfo.checking, "check_stream", _broken_check)
    assert main(["check", str(clean_file), "--as-of", AS_OF, "--debug"]) == EXIT_BUG
    assert "Traceback" in capsys.readouterr().err
    assert main(["--debug", "check", str(clean_file), "--as-of", AS_OF]) == EXIT_BUG
    assert "Traceback" in capsys.readouterr().err


def test_a_bug_never_exits_1_as_a_subprocess(clean_file: Path, tmp_path: Path) -> None:
    # A bug planted through sitecustomize, so the real command runs and fails as a crash would.
    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "sitecustomize.py").write_text(
        "import cpcinfo.report\n"
        "def _boom(*a, **k):\n    raise RuntimeError('planted')\n"
        "cpcinfo.report.render_check = _boom\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{plant}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    result = run("check", str(clean_file), "--as-of", AS_OF, env=env)
    assert result.returncode == EXIT_BUG and "Traceback" not in result.stderr
    assert "生成报告时" in result.stderr and "RuntimeError: planted" in result.stderr


# -- item 3: -o naming an input ---------------------------------------------------------------------------

def test_output_naming_the_input_is_refused_and_the_input_kept(clean_file: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    before = clean_file.read_bytes()
    for spelling in (str(clean_file), str(clean_file.parent / "." / clean_file.name)):
        assert main(["check", str(clean_file), "--as-of", AS_OF, "-o", spelling]) == EXIT_BAD_INPUT
        assert "输入文件" in capsys.readouterr().err
    assert clean_file.read_bytes() == before


def test_output_naming_the_waivers_or_a_link_to_the_input_is_refused(clean_file: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    waivers = tmp_path / "w.json"
    waivers.write_text("[]", encoding="utf-8")
    assert main(["check", str(clean_file), "--as-of", AS_OF, "--waivers", str(waivers), "-o", str(waivers)]) == 2
    link = tmp_path / "link.json"
    link.symlink_to(clean_file)
    assert main(["check", str(clean_file), "--as-of", AS_OF, "-o", str(link)]) == EXIT_BAD_INPUT
    assert waivers.read_text(encoding="utf-8") == "[]" and link.read_bytes() == clean_file.read_bytes()
    capsys.readouterr()


# -- item 1 (the output side): no truncation before the report is whole -----------------------------------

def test_a_failed_report_leaves_the_target_untouched(clean_file: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import cpcinfo.report

    target = tmp_path / "report.txt"
    target.write_text("the previous report", encoding="utf-8")
    monkeypatch.setattr(cpcinfo.report, "render_check", _broken_check)
    assert main(["check", str(clean_file), "--as-of", AS_OF, "-o", str(target)]) == EXIT_BUG
    assert target.read_text(encoding="utf-8") == "the previous report"
    assert [p.name for p in tmp_path.iterdir()] == sorted(p.name for p in tmp_path.iterdir())
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    capsys.readouterr()


def test_a_report_replaces_the_target_keeping_its_mode(clean_file: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert main(["check", str(clean_file), "--as-of", AS_OF, "-o", str(target)]) == 0
    assert "党员信息库检查结果" in target.read_text(encoding="utf-8") and target.stat().st_mode & 0o777 == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    capsys.readouterr()


def test_an_unwritable_target_is_a_message(clean_file: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    for target in (tmp_path, tmp_path / "missing" / "r.txt"):
        assert main(["check", str(clean_file), "--as-of", AS_OF, "-o", str(target)]) == EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert str(target) in err and "无法写入" in err


# -- item 4: stdout and stderr failures -------------------------------------------------------------------

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_a_message_and_exit_2(clean_file: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "cpcinfo", "check", str(clean_file), "--as-of", AS_OF],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=300, check=False)
    assert result.returncode == EXIT_BAD_INPUT and "磁盘已满" in result.stderr and "Traceback" not in result.stderr


def test_a_closed_stdout_or_stderr_is_no_traceback(clean_file: Path) -> None:
    script = ("import os, sys, subprocess; os.close(1); "
              f"sys.exit(subprocess.call([sys.executable, '-m', 'cpcinfo', 'check', {str(clean_file)!r}, "
              f"'--as-of', {AS_OF!r}], close_fds=False))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=False, stderr=subprocess.PIPE,
                            text=True, timeout=300, check=False)
    assert result.returncode == EXIT_BAD_INPUT and "标准输出已关闭" in result.stderr
    script = script.replace("os.close(1)", "os.close(1); os.close(2)")
    result = subprocess.run([sys.executable, "-c", script], timeout=300, check=False)
    assert result.returncode == EXIT_BAD_INPUT


def test_a_closed_pipe_ends_quietly_with_the_commands_own_exit_code(tmp_path: Path) -> None:
    from cpcinfo.rules.builders import with_value

    data = with_value(BASE_DOCUMENT, "members.0.basic.gender", "男")
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    shell = (f"{sys.executable} -m cpcinfo check {path} --as-of {AS_OF} 2>{tmp_path / 'err'} | head -c 10 "
             "> /dev/null; echo ${PIPESTATUS[0]}")
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=300, check=False)
    assert done.stdout.strip() in ("1",)  # findings were counted: the verdict does not depend on the reader
    assert (tmp_path / "err").read_text(encoding="utf-8") == ""


# -- item 5: no bound on reading --------------------------------------------------------------------------

@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_input_ends_with_exit_2(device: str, capsys: pytest.CaptureFixture[str]) -> None:
    if not Path(device).exists():
        pytest.skip(f"needs {device}")
    assert main(["check", device, "--max-bytes", "1M"]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert device in err and "大小上限 1,048,576 字节" in err


def test_the_default_limit_stops_dev_zero() -> None:
    result = run("check", "/dev/zero")
    assert result.returncode == EXIT_BAD_INPUT and "大小上限" in result.stderr


def test_a_file_over_the_limit_is_refused_before_it_is_read(clean_file: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(clean_file), "--max-bytes", "100"]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert f"（{clean_file.stat().st_size:,} 字节）" in err


@pytest.mark.parametrize("bad", ["0", "-1", "lots", "1T"])
def test_a_bad_max_bytes_is_a_usage_error(clean_file: Path, bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(clean_file), f"--max-bytes={bad}"])
    assert exit_.value.code == EXIT_BAD_INPUT and "--max-bytes" in capsys.readouterr().err


def _value_error(*args: object, **kwargs: object) -> object:
    raise ValueError("an internal mistake")


def test_a_value_error_while_rendering_is_a_bug_not_a_usage_error(clean_file: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import cpcinfo.report

    monkeypatch.setattr(cpcinfo.report, "render_check", _value_error)
    assert main(["check", str(clean_file), "--as-of", AS_OF]) == EXIT_BUG
    err = capsys.readouterr().err
    assert "生成报告时" in err and "ValueError: an internal mistake" in err


@pytest.mark.parametrize("argument", ["\ud800", "--x\ud800", "\x1b[31m"])
def test_an_unrecognized_argument_that_cannot_be_printed_is_shown_escaped(argument: str,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # A lone surrogate (an argument that was not UTF-8) once crashed the usage error while writing it.
    with pytest.raises(SystemExit) as exit_:
        main(["check", "信息库.json", argument])
    assert exit_.value.code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    err.encode("utf-8")
    assert "\x1b" not in err and ("\\ud800" in err or "\\x1b" in err)


@pytest.mark.parametrize("argv", [["check", "\ud800.json", "--as-of", AS_OF],
                                  ["check", "x.json", "--select", "\ud800"]])
def test_an_argument_no_file_name_can_hold_is_a_usage_error(argv: list[str],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # Not from a terminal (the system decodes argv with surrogateescape), but a caller of main() can pass it:
    # as the data path it failed deep in the file functions (exit 3).
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == EXIT_BAD_INPUT
    assert "\\ud800" in capsys.readouterr().err
