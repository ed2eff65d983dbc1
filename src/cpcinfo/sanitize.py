"""Text from the data made safe to show: no control character, no lone surrogate, no bidirectional override.

A value read from a file may hold anything JSON can write — ESC sequences that repaint a terminal, a line
feed that starts a line looking like one of cpcinfo's own, a lone surrogate that no encoder accepts, a
right-to-left override that reorders what follows. Every channel that shows such text to a person (the
text report, the messages on stderr) passes it through one of these two functions first.

>>> one_line("a\\x1b[2Jb\\ncpcinfo: ok")
'a\\\\x1b[2Jb\\\\ncpcinfo: ok'
>>> terminal_safe("line 1\\nline\\u202e 2\\ud800")
'line 1\\nline\\\\u202e 2\\\\ud800'
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["one_line", "terminal_safe", "unsafe_characters"]

# C0 and C1 controls and DEL, lone surrogates, and the bidirectional embeddings, overrides and isolates.
_UNSAFE: Final = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_UNSAFE_BUT_LINE_FEED: Final = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` with every unsafe character, line feeds included, shown as an escape (``\\n``, ``\\x1b``)."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def terminal_safe(text: str) -> str:
    """``text`` with every unsafe character but the line feed shown as an escape: for messages that span
    lines by design, whose data parts were already made :func:`one_line`."""
    return _UNSAFE_BUT_LINE_FEED.sub(_escape, text) if _UNSAFE_BUT_LINE_FEED.search(text) else text


def unsafe_characters(text: str) -> list[str]:
    """The unsafe characters of ``text`` in order (for findings and tests)."""
    return _UNSAFE.findall(text)
