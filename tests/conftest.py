"""Shared test configuration: hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) makes property tests reproducible: derandomized, no deadline,
a failure printed with its reproduction blob. The default ``dev`` profile keeps hypothesis's random search
and drops only the deadline (the first examples pay for loading the code tables).
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True, max_examples=50)
settings.register_profile("dev", deadline=None)
# The long run of the robustness suite (scripts/robustness.sh): many examples, new ones each run.
settings.register_profile("long", deadline=None, print_blob=True,
                          max_examples=int(os.environ.get("ROBUSTNESS_EXAMPLES", "5000")))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pdf_modules_or_skip() -> tuple[object, object]:
    """WeasyPrint and pypdf, or a skip that says what is missing: the pdf extra, Pango, or a CJK font (without
    one the printed text is glyphs no reader can extract)."""
    pypdf = pytest.importorskip("pypdf")
    try:
        import weasyprint
    except OSError as exc:  # WeasyPrint installed, Pango missing
        pytest.skip(f"WeasyPrint cannot load Pango: {exc}")
    except ImportError:
        pytest.skip("the pdf extra (WeasyPrint) is not installed")
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False) \
        if shutil.which("fc-list") else None
    if fonts is None or not fonts.stdout.strip():
        pytest.skip("no CJK font installed (Debian: apt-get install fonts-noto-cjk)")
    return weasyprint, pypdf
