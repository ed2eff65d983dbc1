"""MkDocs hook: docstring examples (``>>>`` blocks, which the test suite runs) shown as code, not Markdown.

Without it, a doctest's output such as ``[0, 3, 5]`` reads as a Markdown link and ``mkdocs build --strict``
fails on it. The hook adds a Markdown preprocessor that fences every run of ``>>>``/``...`` lines with the
output lines after it, up to the next blank line, and shows Sphinx roles (``:func:`audit```) as code.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_PROMPT = re.compile(r"^(\s*)>>> ")
_ROLE = re.compile(r":(?:func|class|meth|data|mod|attr|exc|obj):`(~?)([^`]+)`")


def _role(match: re.Match[str]) -> str:
    """A Sphinx role (:func:`~pkg.mod.name`) as inline code (``name``, or the full path without ``~``)."""
    target = match.group(2)
    return f"`{target.rsplit('.', 1)[-1] if match.group(1) else target}`"


class _DoctestBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fenced = False
        indent = ""
        for line in lines:
            prompt = _PROMPT.match(line)
            if not fenced and prompt:
                indent = prompt.group(1)
                out += ["", f"{indent}```pycon"]
                fenced = True
            elif fenced and not line.strip():
                out += [f"{indent}```", ""]
                fenced = False
            out.append(line if fenced else _ROLE.sub(_role, line))
        if fenced:
            out.append(f"{indent}```")
        return out


class DoctestExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.register(_DoctestBlocks(md), "cpcinfo_doctest_blocks", 40)


def on_config(config: Any) -> Any:
    config.markdown_extensions.append(DoctestExtension())
    return config
