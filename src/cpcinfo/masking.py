"""Identity numbers (公民身份号码) masked: the one place that does it, for every channel.

Reports, JSON, and the command's messages on stderr all mask through this module, so an identity number
cannot reach a reader by a channel someone forgot. A masked number keeps its first 6 and its last 4
characters, the rest become ``*`` (``610102********0019``). What is masked:

- through a :class:`Masker` built from the findings of a result: the recorded value and the suggestion of
  every finding on an ``id_number`` field, whatever their form, and every occurrence of those values (as
  written, and folded: no spaces, half-width, upper case) in any text;
- everywhere (:func:`mask_ids_in_text`): any run shaped like an identity number — 17 digits and a digit or
  X, or 15 digits — that is not part of a longer run of digits. Letters may touch it (``P610102…`` as a
  人员编号, ``ID610102…``), and up to two separators may stand between its characters: spaces, hyphens and
  dashes, zero-width spaces and joiners, the byte-order mark, the ideographic space.

>>> mask_ids_in_text("人员编号 P610102198005120019，另 6101 0219 8005 1200 19、6101-0219\\u200b8005120019")
'人员编号 P610102********0019，另 6101 0************0 19、6101-0**********0019'
>>> mask_ids_in_text("代码 0123456789012345678901 不是身份号码")
'代码 0123456789012345678901 不是身份号码'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from cpcinfo.values import as_text, json_value

if TYPE_CHECKING:
    from cpcinfo.findings import Finding

__all__ = ["Masker", "is_id_field", "mask_id", "mask_ids_in_text"]

_SEPARATOR: Final = "[ \t\u00a0\u2000-\u200d\u2060\ufeff\u3000\\-\u2010-\u2015\u2212\ufe63\uff0d]"
_GAP: Final = f"{_SEPARATOR}{{0,2}}"
_ID_SHAPED: Final = re.compile(
    rf"(?<!\d)(?:\d(?:{_GAP}\d){{16}}{_GAP}[\dXxＸｘ]|\d(?:{_GAP}\d){{14}})(?!\d)"
)
_ID_SHAPED_WHOLE: Final = re.compile(r"\d{17}[\dXx]|\d{15}")
# Values shorter or longer than these (junk in an identity field) are masked where they stand, on their own
# finding, but not searched for in other text.
_MIN_KNOWN_LENGTH: Final = 8
_MAX_KNOWN_LENGTH: Final = 64


def mask_id(text: str) -> str:
    """An identity number with all but its first 6 and last 4 characters replaced by ``*``.

    >>> mask_id("610102198005120019")
    '610102********0019'
    >>> mask_id("12345")
    '*****'
    """
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def mask_ids_in_text(text: str) -> str:
    """``text`` with every run shaped like an identity number masked (see the module docs)."""
    if len(text) < 15:
        return text
    return _ID_SHAPED.sub(lambda m: mask_id(m.group(0)), text)


def _literal_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regular expression matching any of ``words`` (the longest at a position), built as a trie so
    that thousands of words cost one pass over a text, not one pass per word."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return None

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: the rest is optional, tried first so the longest word wins
            return f"(?:{body})?"
        return body

    return re.compile(pattern(trie))


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def is_id_field(field: str) -> bool:
    """Whether a finding's field path names an identity number (``basic.id_number``)."""
    last = field.rsplit(".", 1)[-1]
    return last.split("[", 1)[0] == "id_number"


class Masker:
    """Masks identity numbers in text that came from the data; a no-op when ``enabled`` is false."""

    def __init__(self, findings: Iterable[Finding], *, enabled: bool = True) -> None:
        self.enabled = enabled
        known: set[str] = set()
        if enabled:
            for finding in findings:
                if not is_id_field(finding.field):
                    continue
                for value in (finding.value, finding.suggestion):
                    text = as_text(value)
                    for form in (text, text.strip(), _fold(text)):
                        if _MIN_KNOWN_LENGTH <= len(form) <= _MAX_KNOWN_LENGTH:
                            known.add(form)
        self._known = _literal_pattern(known)

    def text(self, text: str) -> str:
        """``text`` with every identity number in it masked."""
        if not self.enabled or not text:
            return text
        if self._known is not None:
            text = self._known.sub(lambda m: mask_id(m.group(0)), text)
        return mask_ids_in_text(text)

    def optional(self, text: str | None) -> str | None:
        return None if text is None else self.text(text)

    def value(self, value: Any, *, id_field: bool = False) -> Any:
        """A recorded value made JSON-ready (:func:`~cpcinfo.values.json_value`) and masked; on an identity
        field the whole value is masked whatever its form."""
        if id_field and self.enabled and value is not None:
            return mask_id(as_text(value))
        return self._json(json_value(value))

    def _json(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, int) and not isinstance(value, bool) and self.enabled:
            if value.bit_length() > 64:
                return value  # far longer than any identity number
            digits = str(value)  # an identity number written as a JSON number
            return mask_id(digits) if _ID_SHAPED_WHOLE.fullmatch(digits) else value
        if isinstance(value, list):
            return [self._json(v) for v in value]
        if isinstance(value, dict):
            return {self.text(k): self._json(v) for k, v in value.items()}
        return value

    def value_text(self, value: Any, *, id_field: bool = False) -> str:
        """The recorded value as a reader sees it (:func:`~cpcinfo.values.as_text`), masked."""
        if id_field and self.enabled and value is not None:
            return mask_id(as_text(value))
        return self.text(as_text(value))
