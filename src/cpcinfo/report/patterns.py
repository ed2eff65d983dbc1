"""Column-wide patterns: when one non-standard form covers most of a column, say so once, at the top.

A database exported by another program often writes a whole column one wrong way — every date ``2011/5/3``,
every date an Excel serial number ``40666``, every code a number that lost its leading zero (``1`` for
``01``). The report then lists a thousand findings that are one fix. :func:`column_patterns` finds them in
the findings of a report: for each (entity, field), the findings whose recorded value has one recognisable
shape; when one shape covers at least :data:`MIN_SHARE` of the entity's records (and at least
:data:`MIN_COUNT` findings), it becomes one :class:`ColumnPattern`, printed once above the sheet:

    党员·出生日期（basic.born_on）1,501 处均写作 yyyy/m/d（如「1980/5/12」）：多半是 Excel 或其他系统……

Pure: findings and record counts in, patterns out.

>>> from cpcinfo.findings import DefectKind
>>> shape_of("1980/5/12", date=True), shape_of("40666", date=True), shape_of("19800512", date=True)
('yyyy/m/d', 'excel-serial', 'yyyymmdd')
>>> shape_of("40666"), shape_of("1980-05-12", date=True), shape_of("abc", date=True)
(None, None, None)
>>> shape_of(7, suggestion="07"), shape_of("7", suggestion="07"), shape_of("7", suggestion="8")
('lost-zero', 'lost-zero', None)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

MIN_SHARE: Final = 0.5
"""A shape is column-wide when it covers at least this share of the entity's records."""
MIN_COUNT: Final = 10
"""…and at least this many findings: three odd dates in a small unit are three slips, not an export."""

_DATE_SHAPES: Final = (
    (re.compile(r"\d{4}/\d{1,2}/\d{1,2}"), "yyyy/m/d"),
    (re.compile(r"\d{4}\.\d{1,2}\.\d{1,2}"), "yyyy.m.d"),
    (re.compile(r"\d{4}-(\d-\d{1,2}|\d{1,2}-\d)"), "yyyy-m-d"),  # not YYYY-MM-DD: that is the standard
    (re.compile(r"\d{4}年\d{1,2}月\d{1,2}日"), "yyyy年m月d日"),
    (re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?"), "datetime"),
    (re.compile(r"(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"), "yyyymmdd"),
    (re.compile(r"[1-7]\d{4}(\.0+)?"), "excel-serial"),  # 10000–79999: the days since 1899-12-30
)

SHAPE_TEXT: Final[Mapping[str, tuple[str, str]]] = {
    "yyyy/m/d": ("写作 yyyy/m/d", "多半是 Excel 或其他系统导出时的日期格式，整列改为 YYYY-MM-DD 即可"),
    "yyyy.m.d": ("写作 yyyy.m.d", "多半是手工录入的习惯，整列改为 YYYY-MM-DD 即可"),
    "yyyy-m-d": ("写作 yyyy-m-d（月、日不足两位）", "多半是导出格式，整列补足两位（YYYY-MM-DD）即可"),
    "yyyy年m月d日": ("写作 yyyy年m月d日", "整列改为 YYYY-MM-DD 即可"),
    "datetime": ("带有时刻（如 00:00:00）", "多半是 Excel 的日期单元格被读成了日期时间，整列只保留日期即可"),
    "yyyymmdd": ("写作 yyyymmdd（无分隔符）", "多半是导出格式，整列改为 YYYY-MM-DD 即可"),
    "excel-serial": ("是 Excel 日期序号（如 40666）", "单元格被读成了数字：在 Excel 中把该列设为日期或文本后重新导出"),
    "lost-zero": ("丢了代码的前导零（如 1 应为 01）",
                  "多半是 Excel 把代码列当成了数字：把该列设为文本格式后重新导出，或整列补足前导零"),
}
"""For each shape: how the column is written, and what to do about it."""


def shape_of(value: Any, *, suggestion: Any = None, date: bool = False) -> str | None:
    """The recognisable non-standard shape of one recorded value (of a date field when ``date``), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        digits = str(value)
        if isinstance(suggestion, str) and suggestion.isdigit() and len(suggestion) > len(digits) \
                and suggestion.lstrip("0") == digits.lstrip("0"):
            return "lost-zero"
    if not date:
        return None
    text = str(value).strip()
    for pattern, shape in _DATE_SHAPES:
        if pattern.fullmatch(text):
            return shape
    return None


def is_date_field(label: str) -> bool:
    """Whether a field holds a date, by its Chinese label (出生日期, 入党时间 …)."""
    return "日期" in label or label.endswith("时间")


@attrs.frozen(kw_only=True)
class ColumnPattern:
    """One non-standard form that covers most of a column."""

    entity: str
    entity_label: str
    field: str
    label: str
    shape: str
    count: int
    records: int
    example: str

    @property
    def text(self) -> str:
        """The sentence the report prints."""
        how, advice = SHAPE_TEXT[self.shape]
        where = f"{self.entity_label}·{self.label}" + (f"（{self.field}）" if self.field else "")
        if self.count >= self.records:
            return f"{where}{self.count:,} 处均{how}（如「{self.example}」）：{advice}。"
        return (f"{where}{self.count:,} 处{how}（如「{self.example}」；共 {self.records:,} 条记录）："
                f"{advice}。")


def column_patterns(findings: Iterable[Any], records: Mapping[str, int]) -> tuple[ColumnPattern, ...]:
    """The column-wide patterns among ``findings`` (anything with ``entity``, ``entity_label``, ``field``,
    ``label``, ``value``, ``value_text`` and ``suggestion``, such as a report's finding views), given how many
    records each entity has (``{"member": 1501, …}``); most findings first."""
    groups: dict[tuple[str, str, str], Counter[str]] = {}
    meta: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for finding in findings:
        value = finding.value if isinstance(finding.value, int) else finding.value_text
        shape = shape_of(value, suggestion=finding.suggestion, date=is_date_field(finding.label))
        if shape is None:
            continue
        key = (finding.entity, finding.field, shape)
        groups.setdefault(key, Counter())[str(finding.value_text)] += 1
        meta.setdefault(key, (finding.entity_label, finding.label, str(finding.value_text)))
    patterns = []
    for (entity, field, shape), values in groups.items():
        count = sum(values.values())
        total = records.get(entity, 0)
        if count >= MIN_COUNT and total and count >= MIN_SHARE * total:
            entity_label, label, example = meta[(entity, field, shape)]
            patterns.append(ColumnPattern(entity=entity, entity_label=entity_label, field=field, label=label,
                                          shape=shape, count=count, records=total, example=example))
    return tuple(sorted(patterns, key=lambda p: (-p.count, p.entity, p.field)))
