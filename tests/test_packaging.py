"""Packaging: the version is written once, cpcinfo.testing has its extra, CI installs every extra."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import cpcinfo

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_written_once_and_the_build_reads_it() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    source = ROOT / PYPROJECT["tool"]["hatch"]["version"]["path"]
    assert source.resolve() == Path(cpcinfo.__file__).resolve()
    written = re.findall(r'^__version__ = "([^"]+)"$', source.read_text(encoding="utf-8"), re.M)
    assert written == [cpcinfo.__version__]


def test_the_testing_extra_brings_hypothesis_at_the_floor_the_tests_use() -> None:
    extras = PYPROJECT["project"]["optional-dependencies"]
    floor = [r for r in extras["test"] if r.startswith("hypothesis")]
    assert extras["testing"] == floor and floor[0].startswith("hypothesis>=")


def test_ci_installs_every_extra() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    listed = re.search(r"^EXTRAS=\(\n(.*?)^\)", run, re.M | re.S)
    assert listed is not None
    assert sorted(listed[1].split()) == sorted(PYPROJECT["project"]["optional-dependencies"])
