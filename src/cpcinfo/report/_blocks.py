"""A report as a list of blocks — headings, paragraphs, tables, lists — rendered as text, Markdown or HTML.

The region report and the work-report draft are documents of prose and tables rather than score sheets, so
each is built once as blocks and every format is a rendering of the same blocks: a figure cannot appear in
one format and not in another.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import attrs

from cpcinfo.report.document import document
from cpcinfo.report.html import wrap as wrap_fragment
from cpcinfo.report.layout import printable, wrap
from cpcinfo.report.layout import table as text_table
from cpcinfo.report.markdown import escape

TEXT_WIDTH = 100


@attrs.frozen
class Heading:
    level: int
    text: str


@attrs.frozen
class Paragraph:
    text: str


@attrs.frozen
class Bullets:
    items: tuple[str, ...]


@attrs.frozen
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()


Block = Heading | Paragraph | Bullets | Table


def to_text(blocks: Sequence[Block], width: int = TEXT_WIDTH) -> str:
    lines: list[str] = []
    for block in blocks:
        match block:
            case Heading(level, text):
                if lines:
                    lines.append("")
                lines.append(printable(text))
                lines.append(("=" if level == 1 else "-") * min(width, 2 * len(text)))
            case Paragraph(text):
                lines.extend(wrap(printable(text), width))
            case Bullets(items):
                for item in items:
                    wrapped = wrap(printable(item), width - 2)
                    lines.extend(["- " + wrapped[0], *("  " + w for w in wrapped[1:])])
            case Table(headers, rows, _):
                lines.append(text_table([[printable(c) for c in r] for r in rows], [*headers]))
    return "\n".join(lines) + "\n"


def to_markdown(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        match block:
            case Heading(level, text):
                out.append("#" * level + " " + escape(text))
            case Paragraph(text):
                out.append(escape(text))
            case Bullets(items):
                out.append("\n".join("- " + escape(i) for i in items))
            case Table(headers, rows, numeric):
                rule = ["---:" if i in numeric else "---" for i in range(len(headers))]
                lines = ["| " + " | ".join(escape(h) for h in headers) + " |", "| " + " | ".join(rule) + " |"]
                lines += ["| " + " | ".join(escape(c) for c in r) + " |" for r in rows]
                out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


_TABLE = "border-collapse:collapse;margin:6px 0 12px 0"
_CELL = "border:1px solid #999;padding:2px 6px;vertical-align:top"
_HEAD = "border:1px solid #999;padding:2px 6px;background:#eee"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def to_html(blocks: Sequence[Block], *, title: str) -> str:
    """A whole HTML5 document (it is a file a region hands on): the blocks inside the reports' root ``<div>``,
    in :func:`cpcinfo.report.document.document`'s page — the same doctype, charset, title and print
    stylesheet as the score-sheet documents."""
    body: list[str] = []
    for block in blocks:
        match block:
            case Heading(level, text):
                body.append(f"<h{level + 0}>{_e(text)}</h{level + 0}>")
            case Paragraph(text):
                body.append(f"<p>{_e(text)}</p>")
            case Bullets(items):
                body.append("<ul>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>")
            case Table(headers, rows, numeric):
                head = "".join(f'<th style="{_HEAD}">{_e(h)}</th>' for h in headers)
                cells = [
                    "".join(f'<td style="{_CELL}{";text-align:right" if i in numeric else ""}">{_e(c)}</td>'
                            for i, c in enumerate(r)) for r in rows]
                rows_html = "".join(f"<tr>{c}</tr>" for c in cells)
                body.append(f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{rows_html}</tbody></table>')
    return document(wrap_fragment("\n".join(body)), title=title)
