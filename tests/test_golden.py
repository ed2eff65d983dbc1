"""Golden reports: the demo unit's check and audit, rendered in every format, byte for byte.

These files pin what the reports say, so that a change of the house (moving rules, the engine, the report
layer) that is meant to change nothing is proven to change nothing. A change that is meant to change a report
regenerates them on purpose: ``CPCINFO_REGENERATE_GOLDEN=1 python -m pytest tests/test_golden.py``, and the
diff of ``tests/golden/`` is then part of the review.
"""

from __future__ import annotations

import datetime
import functools
import os
from pathlib import Path

import pytest

from cpcinfo import audit, check
from cpcinfo.demo import university
from cpcinfo.report import FORMATS, render_audit, render_check
from cpcinfo.rules.ruleset import CURRENT, SHAANXI_2011
from cpcinfo.tabular import findings_csv, findings_table

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("CPCINFO_REGENERATE_GOLDEN") == "1"
AS_OF = datetime.date(2011, 6, 30)
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}
RULESETS = {"shaanxi-2011": SHAANXI_2011, "current": CURRENT}


@functools.cache
def _unit():  # type: ignore[no-untyped-def]
    return university(as_of=AS_OF)


@functools.cache
def _checked(ruleset: str):  # type: ignore[no-untyped-def]
    unit = _unit()
    return check(unit.infobase, as_of=AS_OF, roster=unit.roster, waivers=unit.waivers,
                 ruleset=RULESETS[ruleset])


@functools.cache
def _audited(ruleset: str):  # type: ignore[no-untyped-def]
    unit = _unit()
    return audit(unit.infobase, as_of=AS_OF, seed=2011, roster=unit.roster, waivers=unit.waivers,
                 ruleset=RULESETS[ruleset])


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), f"no golden file {name}: regenerate with CPCINFO_REGENERATE_GOLDEN=1"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from its golden file"


@pytest.mark.parametrize("ruleset", sorted(RULESETS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_check_report_is_golden(fmt: str, ruleset: str) -> None:
    _compare(f"check-{ruleset}.{SUFFIX[fmt]}", render_check(_checked(ruleset), fmt, width=120))


@pytest.mark.parametrize("ruleset", sorted(RULESETS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_audit_report_is_golden(fmt: str, ruleset: str) -> None:
    _compare(f"audit-{ruleset}.{SUFFIX[fmt]}", render_audit(_audited(ruleset), fmt, width=120))


@pytest.mark.parametrize("ruleset", sorted(RULESETS))
def test_findings_table_is_golden(ruleset: str) -> None:
    _compare(f"findings-{ruleset}.csv", findings_csv(findings_table(_audited(ruleset), _unit().infobase)))


def test_golden_files_are_all_used() -> None:
    expected = {f"{kind}-{rs}.{SUFFIX[f]}" for kind in ("check", "audit") for rs in RULESETS for f in FORMATS}
    expected |= {f"findings-{rs}.csv" for rs in RULESETS}
    assert {p.name for p in GOLDEN.iterdir()} == expected
