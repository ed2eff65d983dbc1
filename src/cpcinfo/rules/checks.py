"""The value checks every field rule is built from, one per kind of field.

Each factory takes what is fixed for a field (its label, its code table) and returns a function of the
recorded value and the date of the check that returns one :class:`Defect` or ``None``: one defect per
value, so a missing value is never also reported as wrong. The common case (a good value) is one type test
and one dictionary or set lookup.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

import attrs

from cpcinfo.codes import CodeTable, Match
from cpcinfo.findings import DefectKind
from cpcinfo.ids import org_code, ric
from cpcinfo.rules.model import Defect
from cpcinfo.rules.reading import SENTINEL_DATES, DateReading, is_blank, read_date, read_flag
from cpcinfo.sanitize import one_line, unsafe_characters
from cpcinfo.values import Unparsed, as_text

ValueCheck: TypeAlias = Callable[[Any, datetime.date], Defect | None]

MISSING = DefectKind.MISSING
WRONG = DefectKind.WRONG
NONSTANDARD = DefectKind.NONSTANDARD


@attrs.frozen
class PassTest:
    """A test that a value certainly passes its value check, in Python, for the compiled field validator
    (:class:`~cpcinfo.engine.runner.Validator`) to evaluate in line: the check is called only for a value
    that fails the test. ``template`` is an expression with ``{value}`` for the value, ``as_of`` for the date
    of the check, and ``{name}`` for each of ``constants``. Exact by construction and by test: a value that
    passes it gets ``None`` from the check (``tests/test_pass_tests.py``).

    A province's values are nearly all good, and a good code is one type test and one set lookup: the call
    that would find so is most of the cost. (The templates test ``__class__`` where the checks test
    ``type()``, a little faster in line; the two differ only for an object that lies about its class, on
    which the check itself fails, and which structuring never makes.)
    """

    template: str
    constants: Mapping[str, Any] = attrs.field(factory=dict)
    # The check it was made for: a wrapper that copies a function's attributes (functools.wraps) must not
    # pass for the check it wraps.
    owner: Any = attrs.field(default=None, eq=False, repr=False)

    def expression(self, value: str, names: Mapping[str, str]) -> str:
        """The test on the variable ``value``, each constant under its name in ``names``."""
        return self.template.format(value=value, **names)


def with_pass_test(check: ValueCheck, template: str, **constants: Any) -> ValueCheck:
    """``check``, marked with the :class:`PassTest` of ``template`` (read back by :func:`pass_test`)."""
    setattr(check, "pass_test", PassTest(template, constants, owner=check))  # noqa: B010 - a function's attribute
    return check


def pass_test(check: Any) -> PassTest | None:
    """The :class:`PassTest` a value check was marked with, if any."""
    test = getattr(check, "pass_test", None)
    return test if isinstance(test, PassTest) and test.owner is check else None


def missing(field: str, label: str, value: object) -> Defect:
    return Defect(field, value, MISSING, f"{label}未填写")


def code_check(field: str, label: str, table: CodeTable) -> ValueCheck:
    """A code field: the code of a table entry, written exactly (a leaf where the table wants one)."""
    leaves = frozenset(e.code for e in table.entries if table.is_leaf(e.code))
    leaf_required = table.leaf_required
    codes = frozenset(e.code for e in table.entries)
    where = f"《{table.title}》（{table.standard}，{table.edition}）"
    padded_lengths = sorted({len(c) for c in codes if c.isascii() and c.isdigit() and c.startswith("0")})

    def check(value: Any, as_of: datetime.date) -> Defect | None:
        if type(value) is str and value in codes:
            if leaf_required and value not in leaves:
                entry = table.get(value)
                name = entry.label if entry is not None else ""
                return Defect(
                    field, value, NONSTANDARD, f"{label}「{value}」（{name}）不是最末一级代码，应填写到具体一项"
                )
            return None
        if is_blank(value):
            return missing(field, label, value)
        text = str(value)
        resolution = table.resolve(text)
        if resolution is None:
            entry = _without_leading_zeros(text, padded_lengths, table)
            if entry is not None:  # 「1」 for 「01」: a spreadsheet's General cell dropped the zero
                return Defect(field, value, NONSTANDARD,
                              f"{label}「{as_text(value)}」缺少开头的 0，标准代码为 {entry.code}（{entry.label}）",
                              entry.code)
            return Defect(field, value, WRONG, f"{label}「{as_text(value)}」不在代码表{where}中")
        entry = resolution.entry
        if resolution.match is Match.EXTENDED:
            return None if type(value) is str else Defect(
                field, value, NONSTANDARD, f"{label}应写作文本代码「{text}」", text
            )
        if leaf_required and entry.code not in leaves:
            return Defect(field, value, NONSTANDARD,
                          f"{label}「{as_text(value)}」（{entry.label}）不是最末一级代码，应填写到具体一项")
        if resolution.match is Match.CODE_UNCLEAN or resolution.match is Match.CODE:
            return Defect(field, value, NONSTANDARD,
                          f"{label}「{as_text(value)}」含有空格、全角字符或不是文本，标准代码为 {entry.code}"
                          f"（{entry.label}）", entry.code)
        return Defect(field, value, NONSTANDARD,
                      f"{label}应填写代码，「{as_text(value)}」是名称或简称，标准代码为 {entry.code}（{entry.label}）",
                      entry.code)

    return with_pass_test(check, "{value}.__class__ is str and {value} in {clean}",
                          clean=leaves if leaf_required else codes)


def _without_leading_zeros(text: str, lengths: list[int], table: CodeTable) -> Any:
    """The entry whose code is ``text`` with the leading zeros a number cannot hold (``1`` → ``01``)."""
    if not (text.isascii() and text.isdigit()) or text.startswith("0"):
        return None
    for length in lengths:
        if length > len(text):
            entry = table.get(text.zfill(length))
            if entry is not None:
                return entry
    return None


EXCEL_EPOCH = datetime.date(1899, 12, 30)
"""Day 0 of Excel's serial dates (the 1900 system, counting its phantom 1900-02-29)."""


def excel_serial_date(raw: object, as_of: datetime.date) -> datetime.date | None:
    """The date an Excel serial number (``29353``, ``"29353"``, ``29353.0``) stands for, when it is a
    five-digit whole number that falls between 1900 and the date of the check.

    >>> excel_serial_date(29353, datetime.date(2011, 6, 30)), excel_serial_date("1980", datetime.date(2011, 6, 30))
    (datetime.date(1980, 5, 12), None)
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str) and raw.isascii() and raw.isdigit():
        raw = int(raw)
    if not isinstance(raw, int) or not 10_000 <= raw <= 99_999:
        return None
    day = EXCEL_EPOCH + datetime.timedelta(days=raw)
    return day if day <= as_of else None


def date_check(field: str, label: str) -> ValueCheck:
    """A date field: a real date, written ``YYYY-MM-DD``, not after the date of the check."""

    def check(value: Any, as_of: datetime.date) -> Defect | None:
        if type(value) is datetime.date:
            if value > as_of:
                return Defect(field, value, WRONG, f"{label} {value.isoformat()} 晚于检查日期 {as_of.isoformat()}")
            if value in SENTINEL_DATES:
                return Defect(field, value, MISSING, f"{label} {value.isoformat()} 是系统默认日期，视为未填写")
            return None
        if is_blank(value):
            return missing(field, label, value)
        raw = value.raw if isinstance(value, Unparsed) else value
        if isinstance(raw, bool) or not isinstance(raw, str | int | float | datetime.date):
            return Defect(field, value, WRONG, f"{label}「{as_text(value)}」不是日期")
        if isinstance(raw, datetime.date):  # a datetime, or a date subclass
            return Defect(field, value, NONSTANDARD, f"{label}应为日期，不含时间", datetime.date(
                raw.year, raw.month, raw.day))
        text = str(raw)
        reading = read_date(text)
        if reading.reading is DateReading.DATE:
            assert reading.date is not None
            if reading.date > as_of:
                return Defect(field, value, WRONG, f"{label}「{text}」晚于检查日期 {as_of.isoformat()}")
            return Defect(field, value, NONSTANDARD,
                          f"{label}「{text}」不是标准日期格式，应为 {reading.date.isoformat()}", reading.date)
        if reading.reading is DateReading.INCOMPLETE:
            return Defect(field, value, NONSTANDARD,
                          f"{label}「{text}」不是标准日期格式，应为 1985-06-01 这样的年月日")
        if reading.reading is DateReading.IMPOSSIBLE:
            return Defect(field, value, WRONG, f"{label}「{text}」不是真实存在的日期")
        serial = excel_serial_date(raw, as_of)
        if serial is not None:
            return Defect(field, value, WRONG,
                          f"{label}「{text}」不是日期；若是 Excel 的日期序号，对应 {serial.isoformat()}", serial)
        return Defect(field, value, WRONG, f"{label}「{text}」不是日期")

    return with_pass_test(check, "{value}.__class__ is {date} and {value} <= as_of and {value} not in {sentinels}",
                          date=datetime.date, sentinels=SENTINEL_DATES)


def flag_check(field: str, label: str) -> ValueCheck:
    """A yes/no field: a bool (「是」/「否」 in a Chinese document)."""

    def check(value: Any, as_of: datetime.date) -> Defect | None:
        if type(value) is bool:
            return None
        if is_blank(value):
            return missing(field, label, value)
        meaning = read_flag(value)
        if meaning is None:
            return Defect(field, value, WRONG, f"{label}「{as_text(value)}」既不是「是」也不是「否」")
        return Defect(field, value, NONSTANDARD,
                      f"{label}「{as_text(value)}」应填写「{'是' if meaning else '否'}」", meaning)

    return with_pass_test(check, "{value} is True or {value} is False")


_PERSON_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+(?:·[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)*")
_NAME_PLACEHOLDERS = frozenset({"某某", "某", "张三", "李四", "测试", "test", "姓名"})
_MIDDLE_DOTS = str.maketrans({"•": "·", "．": "·", "・": "·", "‧": "·", "∙": "·", "⋅": "·"})
MAX_NAME_LENGTH = 20
"""Longer personal names are taken for defects (docs/domain/general.md#person-name: about 20 Chinese characters)."""


def person_name_defect(field: str, label: str, value: Any) -> Defect | None:
    """A person's name: Chinese characters as on the identity card, with 「·」 between parts of a
    minority name; no spaces, Latin letters, digits or other punctuation."""
    if type(value) is str and 2 <= len(value) <= MAX_NAME_LENGTH and _PERSON_NAME.fullmatch(value):
        return None
    if is_blank(value):
        return missing(field, label, value)
    text = as_text(value)
    if text.strip() in _NAME_PLACEHOLDERS:
        return missing(field, label, value)
    candidate = re.sub(r"\s+", "", text).translate(_MIDDLE_DOTS)
    if 2 <= len(candidate) <= MAX_NAME_LENGTH and _PERSON_NAME.fullmatch(candidate):
        return Defect(field, value, NONSTANDARD, f"{label}「{text}」含有空格或不规范的间隔号，应为「{candidate}」",
                      candidate)
    if len(candidate) == 1:
        return Defect(field, value, NONSTANDARD, f"{label}「{text}」只有一个字，应填写与身份证一致的全名")
    if len(candidate) > MAX_NAME_LENGTH:
        return Defect(field, value, NONSTANDARD, f"{label}「{text}」超过{MAX_NAME_LENGTH}个字")
    return Defect(field, value, NONSTANDARD, f"{label}「{text}」含有字母、数字或标点，应填写与身份证一致的中文姓名")


def person_name_check(field: str, label: str) -> ValueCheck:
    def check(value: Any, as_of: datetime.date) -> Defect | None:
        return person_name_defect(field, label, value)

    return check


MAX_TEXT_LENGTH = 100
"""The longest free text (a unit's or an organization's name) that is a name and not something pasted in:
the longest registered names run to some 40 characters."""

_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>?|&#?[A-Za-z0-9]+;")


def _quoted(text: str, limit: int = 20) -> str:
    # A defect quotes what it found; a pasted-in page is quoted by its start, not copied into every report.
    return one_line(text if len(text) <= limit else text[:limit] + "…")


def text_check(field: str, label: str) -> ValueCheck:
    """Free text (a unit's name): written, as text a person can read and print — no control character, lone
    surrogate or direction override (填写错误), no invisible character, no more than :data:`MAX_TEXT_LENGTH`
    characters, no markup such as ``<script>`` (不规范) — without leading, trailing or doubled spaces."""

    def check(value: Any, as_of: datetime.date) -> Defect | None:
        if (type(value) is str and value and len(value) <= MAX_TEXT_LENGTH and value.isprintable()
                and "<" not in value and "&" not in value and value == value.strip() and "  " not in value):
            return None
        if is_blank(value):
            return missing(field, label, value)
        text = as_text(value)
        unsafe = unsafe_characters(text)
        if unsafe:
            shown = "、".join(dict.fromkeys(one_line(ch) for ch in unsafe))
            return Defect(field, value, WRONG, f"{label}含有控制字符或无法显示的字符（{shown}），"
                                               f"不是可以显示和打印的文本：「{_quoted(text)}」")
        if len(text) > MAX_TEXT_LENGTH:
            return Defect(field, value, NONSTANDARD, f"{label}长 {len(text):,} 个字，超过 {MAX_TEXT_LENGTH} 个字，"
                                                     f"不像是名称：「{_quoted(text)}」")
        markup = _MARKUP.search(text)
        if markup:
            return Defect(field, value, NONSTANDARD, f"{label}含有网页标记「{_quoted(markup.group(0))}」，"
                                                     f"应为单纯的文本：「{_quoted(text)}」")
        invisible = [ch for ch in text if not ch.isprintable() and not ch.isspace()]
        if invisible:
            shown = "、".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in invisible))
            return Defect(field, value, NONSTANDARD, f"{label}含有不可见的字符（{shown}）：「{_quoted(text)}」")
        tidy = " ".join(text.split())
        if tidy != text:
            quoted = _quoted(text, MAX_TEXT_LENGTH)
            return Defect(field, value, NONSTANDARD, f"{label}「{quoted}」首尾或中间有多余空格，应为「{tidy}」", tidy)
        if type(value) is str:  # an ampersand or an angle bracket that is not markup
            return None
        return Defect(field, value, NONSTANDARD, f"{label}应为文本，不是「{text}」", text)

    return check


# Bound once: the value checks run for every record.
_is_org_code = org_code.FORM.fullmatch
_is_id_number = ric.FORM.fullmatch


def org_code_check(field: str, label: str) -> ValueCheck:
    """An organization code: digits (or the system's upper-case letters), no spaces or full-width digits."""

    def check(value: Any, as_of: datetime.date) -> Defect | None:
        if type(value) is str and _is_org_code(value):
            return None
        if is_blank(value):
            return missing(field, label, value)
        text = as_text(value)
        compact = org_code.compact(text)
        if _is_org_code(compact):
            why = "是数字而不是文本" if isinstance(value, Unparsed) else "含有空格或全角字符"
            return Defect(field, value, NONSTANDARD, f"{label}「{text}」{why}，应为「{compact}」", compact)
        return Defect(field, value, WRONG, f"{label}「{text}」不是党组织代码（应由数字组成）")

    return check


FIRST_GENERATION_END = datetime.date(2013, 1, 1)
"""First-generation cards, and their 15-digit numbers, left use on this day (docs/domain/person.md#id-15)."""


def _real_date(digits: str) -> bool:
    """Whether eight digits YYYYMMDD are a real date."""
    try:
        datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return True


def id_number_form_check(field: str, label: str) -> ValueCheck:
    """公民身份号码, optional: when written, 18 characters (17 digits and a digit or X) with no spaces.

    A 15-digit first-generation number is 不规范 (its 18-digit form is suggested) while those cards were
    valid, before 2013-01-01, and 填写错误 from then on. The check digit, the address code and the agreement
    with 出生日期 and 性别 need more than this one field: system rules.
    """

    def check(value: Any, as_of: datetime.date) -> Defect | None:
        if value is None or (type(value) is str and _is_id_number(value)):
            return None
        if is_blank(value):
            return None  # optional: an empty identity number is not a defect
        text = as_text(value)
        compact = ric.compact(text)
        if _is_id_number(compact):
            return Defect(field, value, NONSTANDARD,
                          f"{label}「{text}」含有空格、全角字符或小写字母，应为「{compact}」",
                          compact)
        if ric.FIRST_GENERATION_FORM.fullmatch(compact):
            if as_of < FIRST_GENERATION_END:
                if not _real_date(f"19{compact[6:12]}"):
                    # its 18-digit form would carry the same impossible date: nothing sound to suggest
                    return Defect(field, value, WRONG,
                                  f"{label}「{text}」是15位的第一代身份证号码，"
                                  f"其中的出生日期 19{compact[6:12]} 不是真实日期")
                eighteen = ric.to_18(compact)
                return Defect(field, value, NONSTANDARD,
                              f"{label}「{text}」是15位的第一代身份证号码，应填写18位号码「{eighteen}」", eighteen)
            return Defect(field, value, WRONG,
                          f"{label}「{text}」是15位的第一代身份证号码，第一代居民身份证自"
                          f"{FIRST_GENERATION_END.isoformat()}起停止使用")
        return Defect(field, value, WRONG, f"{label}「{text}」不是18位公民身份号码")

    return check


def optional(check: ValueCheck) -> ValueCheck:
    """An optional extra: an empty value passes; a written one is checked like any other."""

    def optional_check(value: Any, as_of: datetime.date) -> Defect | None:
        if value is None or (type(value) is str and not value.strip()):
            return None
        return check(value, as_of)

    return optional_check


def is_person_name(value: str) -> bool:
    """Whether a text is a name in the standard form (the fast check behind the name rules)."""
    return 2 <= len(value) <= MAX_NAME_LENGTH and _PERSON_NAME.fullmatch(value) is not None


person_name_form = _PERSON_NAME.fullmatch
"""The pattern of :func:`is_person_name`, for :func:`person_name_test`."""


def person_name_test(name: str) -> str:
    """:func:`is_person_name` as a Python expression on the text variable ``name``, for compiled code (with
    ``person_name_form`` and ``MAX_NAME_LENGTH`` in its namespace)."""
    return f"2 <= len({name}) <= MAX_NAME_LENGTH and person_name_form({name}) is not None"


def comparable_name(value: Any) -> str | None:
    """A person's name in the form used to match records (a leader or a mentor with a member): spaces
    removed and middle dots unified; ``None`` when the value is not a readable name at all."""
    if type(value) is str and 2 <= len(value) <= MAX_NAME_LENGTH and _PERSON_NAME.fullmatch(value):
        return value
    if not isinstance(value, str) or is_blank(value):
        return None
    candidate = re.sub(r"\s+", "", value).translate(_MIDDLE_DOTS)
    if 2 <= len(candidate) <= MAX_NAME_LENGTH and _PERSON_NAME.fullmatch(candidate) \
            and candidate not in _NAME_PLACEHOLDERS:
        return candidate
    return None
