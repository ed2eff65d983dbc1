"""The HTML sheet in a real browser: headless Chromium lays it out, a script measures it, the test judges.

Skipped when no Chromium is installed (``.ci/run`` installs Debian's ``chromium``). Screenshots of what was
measured go to ``build/screenshots/`` (CI keeps that folder; git ignores it).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from cpcinfo.acceptance import AuditResult, audit
from cpcinfo.demo import university
from cpcinfo.report.document import audit_document, sheet_document
from cpcinfo.report.html import audit_html

SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
A4_LANDSCAPE_PX = (1123, 794)
"""297 × 210 mm at the CSS 96 pixels an inch."""
PRINT_MARGINS_PX = 2 * 38  # 10 mm each side (the document's @page margin)

# A notebook's stylesheet (JupyterLab's rendered-HTML rules): right-aligned, fixed-layout, borderless cells.
NOTEBOOK_CSS = """
.jp-RenderedHTMLCommon table { border-collapse: collapse; border: none; table-layout: fixed;
  margin-left: auto; margin-right: auto; font-size: 13px; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th, .jp-RenderedHTMLCommon tr { text-align: right;
  vertical-align: middle; padding: 0.5em; line-height: normal; white-space: normal; max-width: none;
  border: none; }
.jp-RenderedHTMLCommon { width: 900px; }
"""

MEASURE = """
<script>
(function () {
  const sheet = document.querySelector("table.cpcinfo-sheet");
  const em = parseFloat(getComputedStyle(sheet).fontSize);
  const lines = (el) => {
    const range = document.createRange(); range.selectNodeContents(el);
    const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
    return tops.size;
  };
  const cells = Array.from(sheet.querySelectorAll("th, td")).map(el => ({
    text: el.textContent.trim(), tag: el.tagName, head: !!el.closest("thead"),
    width: el.getBoundingClientRect().width, lines: lines(el),
    align: getComputedStyle(el).textAlign, numeric: /^\\d+$/.test(el.textContent.trim())}));
  const list = Array.from(document.querySelectorAll("details td")).slice(0, 200).map(
    el => getComputedStyle(el).textAlign);
  const out = document.createElement("pre"); out.id = "measured";
  out.textContent = JSON.stringify({em: em, cells: cells, list: list,
    sheetRight: sheet.getBoundingClientRect().right, sheetWidth: sheet.getBoundingClientRect().width,
    pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth});
  document.body.appendChild(out);
})();
</script>
"""


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium installed (Debian: apt-get install chromium)")


def _run(browser: str, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                               "--disable-background-networking", "--no-first-run", "--hide-scrollbars",
                               f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                              timeout=180, check=False)


def _measure(browser: str, page: str, tmp_path: Path, name: str, size: tuple[int, int]) -> dict[str, object]:
    path = tmp_path / f"{name}.html"
    path.write_text(page.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dumped = _run(browser, f"--window-size={size[0]},{size[1]}", "--virtual-time-budget=3000", "--dump-dom",
                  path.as_uri())
    found = re.search(r'<pre id="measured">(.*?)</pre>', dumped.stdout, flags=re.S)
    assert found, dumped.stderr[-2000:]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}.png"
    plain = tmp_path / f"{name}-plain.html"
    plain.write_text(page, encoding="utf-8")
    _run(browser, f"--window-size={size[0]},{max(size[1], 1400)}", f"--screenshot={shot}", plain.as_uri())
    import html

    data: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return data


@pytest.fixture(scope="module")
def demo() -> AuditResult:
    unit = university()
    return audit(unit.infobase, as_of=unit.as_of, seed=2011, roster=unit.roster, waivers=unit.waivers)


def _check_sheet_cells(measured: dict[str, object]) -> None:
    em = float(measured["em"])  # type: ignore[arg-type]
    cells = measured["cells"]
    assert isinstance(cells, list) and len(cells) > 150
    for cell in cells:
        # No column is narrower than two characters, and no heading breaks inside its word (等/次, 分/值).
        assert cell["width"] >= 2 * em, cell
        if cell["head"] or cell["text"] in ("合计", "等次", "验收得分", "建库单位"):
            assert cell["lines"] == 1, cell
        if cell["tag"] == "TD" and not cell["numeric"] and cell["text"]:
            assert cell["align"] in ("left", "start"), cell
        if cell["tag"] == "TD" and cell["numeric"]:
            assert cell["align"] == "right" or cell["align"] == "center", cell


def test_the_printed_sheet_fits_a4_landscape_in_a_browser(demo: AuditResult, tmp_path: Path) -> None:
    browser = _chromium()
    width = A4_LANDSCAPE_PX[0] - PRINT_MARGINS_PX
    measured = _measure(browser, sheet_document(demo.sheet), tmp_path, "sheet-a4-landscape", (width, 794))
    _check_sheet_cells(measured)
    assert float(measured["pageWidth"]) <= width  # type: ignore[arg-type]
    assert float(measured["sheetRight"]) <= width  # type: ignore[arg-type]


def test_the_sheet_printed_by_the_browser_is_one_page(demo: AuditResult, tmp_path: Path) -> None:
    browser = _chromium()
    pypdf = pytest.importorskip("pypdf")
    page = tmp_path / "sheet.html"
    page.write_text(sheet_document(demo.sheet), encoding="utf-8")
    pdf = tmp_path / "sheet.pdf"
    result = _run(browser, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert pdf.exists(), result.stderr[-2000:]
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, SCREENSHOTS / "sheet-printed-by-chromium.pdf")


def test_the_notebook_fragment_holds_against_the_notebooks_css(demo: AuditResult, tmp_path: Path) -> None:
    browser = _chromium()
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{NOTEBOOK_CSS}</style></head><body>'
            f'<div class="jp-RenderedHTMLCommon">{audit_html(demo)}</div></body></html>')
    measured = _measure(browser, page, tmp_path, "jupyter-fragment", (960, 900))
    _check_sheet_cells(measured)
    assert set(measured["list"]) <= {"left", "start"}  # type: ignore[arg-type]


def test_the_whole_report_on_a_wide_screen(demo: AuditResult, tmp_path: Path) -> None:
    browser = _chromium()
    measured = _measure(browser, audit_document(demo), tmp_path, "audit-screen", (1280, 900))
    _check_sheet_cells(measured)
    assert float(measured["pageWidth"]) <= 1280  # type: ignore[arg-type]
