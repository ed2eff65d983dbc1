"""The printed 评分表: the whole HTML document, and the PDF made of it (the ``pdf`` extra)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import pdf_modules_or_skip
from cpcinfo.acceptance import AuditResult, audit
from cpcinfo.demo import university
from cpcinfo.report.document import SIGNATURE_ROLES, audit_document, sheet_document
from cpcinfo.report.views import SHEET_HEADERS, SHEET_TITLE


@pytest.fixture(scope="module")
def demo() -> AuditResult:
    unit = university()
    return audit(unit.infobase, as_of=unit.as_of, seed=2011, roster=unit.roster, waivers=unit.waivers)


def _pdf_modules() -> tuple[object, object]:
    return pdf_modules_or_skip()


def _text(page: object) -> str:
    return re.sub(r"\s+", "", page.extract_text())  # type: ignore[attr-defined]


def test_the_html_file_is_a_whole_document(demo: AuditResult) -> None:
    page = audit_document(demo)
    assert page.startswith("<!DOCTYPE html>\n")
    assert '<meta charset="utf-8">' in page.split("</head>")[0]
    assert f"<title>中共西北某大学委员会　{SHEET_TITLE}</title>" in page
    assert "@media print" in page and "size: A4 landscape" in page
    assert "table-header-group" in page and "break-inside: avoid" in page
    assert page.count('class="cpcinfo-annex"') == 1 and "<details open>" in page
    for role in SIGNATURE_ROLES:
        assert f"{role}：" in page
    sheet = sheet_document(demo.sheet)
    assert 'class="cpcinfo-annex"' not in sheet and all(f"{role}：" in sheet for role in SIGNATURE_ROLES)


def test_the_command_writes_a_whole_html_document(tmp_path: Path) -> None:
    out = tmp_path / "demo.html"
    result = subprocess.run([sys.executable, "-m", "cpcinfo", "demo", "--format", "html", "-o", str(out)],
                            capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert page.count("未抽中不计分</span>") == 270  # a file lists every finding


def test_the_pdf_sheet_is_one_signed_page_with_the_title_and_the_total(demo: AuditResult) -> None:
    _, pypdf = _pdf_modules()
    from cpcinfo.report.pdf import sheet_pdf

    reader = pypdf.PdfReader(io.BytesIO(sheet_pdf(demo.sheet)))  # type: ignore[attr-defined]
    assert len(reader.pages) == 1
    text = _text(reader.pages[0])
    assert SHEET_TITLE in text
    assert "合计" in text and f"验收得分{demo.sheet.total}，等次{demo.sheet.grade.label}" in text
    for heading in (*SHEET_HEADERS, "建库单位", "验收得分", *SIGNATURE_ROLES):
        assert heading in text, heading


def test_the_pdf_audit_has_the_annex_after_the_sheet_and_embeds_its_fonts(demo: AuditResult) -> None:
    _, pypdf = _pdf_modules()
    from cpcinfo.report.pdf import audit_pdf

    reader = pypdf.PdfReader(io.BytesIO(audit_pdf(demo)))  # type: ignore[attr-defined]
    pages = [_text(p) for p in reader.pages]
    assert len(pages) > 2
    assert SHEET_TITLE in pages[0] and "检查人" in pages[0] and "问题清单" not in pages[0]
    assert "抽样" in pages[1]
    assert any("问题清单" in p for p in pages[1:])
    assert "第1页/共" in pages[0].replace(" ", "")
    numbers = {str(m.basic.id_number) for m in university().infobase.members if m.basic and m.basic.id_number}
    assert not any(n in p for p in pages for n in numbers)
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            fonts.append(descriptor.get_object())
    assert fonts and all(any(k in f for k in ("/FontFile", "/FontFile2", "/FontFile3")) for f in fonts)
    assert any("CJK" in str(f["/FontName"]) for f in fonts)


def test_the_command_writes_a_pdf(tmp_path: Path) -> None:
    _pdf_modules()
    out = tmp_path / "评分表.pdf"
    result = subprocess.run([sys.executable, "-m", "cpcinfo", "demo", "--format", "pdf", "-o", str(out)],
                            capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def test_a_sheet_over_several_pages_repeats_its_header_and_never_splits_an_item(demo: AuditResult) -> None:
    weasyprint, _ = _pdf_modules()
    small_paper = sheet_document(demo.sheet).replace("size: A4 landscape;", "size: A6 landscape;")
    laid_out = weasyprint.HTML(string=small_paper).render()  # type: ignore[attr-defined]
    pages = laid_out.pages
    assert len(pages) >= 3
    rows: dict[int, list[tuple[int, str]]] = {}
    for number, page in enumerate(pages):
        for box in page._page_box.descendants():
            if getattr(box, "element_tag", None) == "tr":
                rows.setdefault(id(box.element), []).append((number, "".join(box.element.itertext())))
    repeated = [fragments for fragments in rows.values() if len(fragments) > 1]
    # The three header rows (建库单位…, 项目…评分, 分值 扣分 得分) are on every page, each once; every other
    # row, an item's or the total's, is on exactly one page: no page break splits it.
    assert len(repeated) == 3
    body_pages = sorted({n for fragments in rows.values() if len(fragments) == 1 for n, _ in fragments})
    assert len(body_pages) >= 3
    for fragments in repeated:
        assert [n for n, _ in fragments] == body_pages
    texts = [fragments[0][1] for fragments in repeated]
    assert texts[0].startswith("建库单位") and texts[1].startswith("项目") and texts[2] == "分值扣分得分"
    assert len(rows) == 3 + 20 + 1
