"""A unit's quality over time: a sequence of audits (snapshots) as a table a notebook can plot.

>>> from cpcinfo.acceptance import audit
>>> from cpcinfo.demo import university
>>> unit = university()
>>> a = audit(unit.infobase, as_of=unit.as_of, seed=1)
>>> table = quality_over_time([("2011-03", a), ("2011-06", a)])
>>> [row.label for row in table.rows], table.rows[1].score == a.total, table.score_fell()
(['2011-03', '2011-06'], True, ())
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from cpcinfo.acceptance.audit import AuditResult
from cpcinfo.acceptance.grades import Grade
from cpcinfo.acceptance.items import ITEMS


@attrs.frozen(kw_only=True)
class QualityRow:
    """One snapshot: its label, the check's date, score and grade, points lost per item (1–20) and the
    findings that count in the whole database per item."""

    label: str
    as_of: datetime.date
    score: int
    grade: Grade
    deducted: tuple[int, ...]
    findings: tuple[int, ...]

    def as_dict(self) -> dict[str, Any]:
        """A flat row: label, as_of, score, grade, then 扣分_1 … 扣分_20 and 问题_1 … 问题_20."""
        row: dict[str, Any] = {"label": self.label, "as_of": self.as_of, "score": self.score,
                               "grade": self.grade.label}
        row.update({f"扣分_{i.number}": d for i, d in zip(ITEMS, self.deducted, strict=True)})
        row.update({f"问题_{i.number}": n for i, n in zip(ITEMS, self.findings, strict=True)})
        return row


@attrs.frozen
class QualityTimeline:
    """The rows in the order given. ``records()`` is a list of flat dicts (``pandas.DataFrame(t.records())``
    plots at once); :meth:`score_fell` names the snapshots whose score fell from the one before."""

    rows: tuple[QualityRow, ...]

    def records(self) -> list[dict[str, Any]]:
        return [row.as_dict() for row in self.rows]

    def score_fell(self) -> tuple[str, ...]:
        return tuple(b.label for a, b in zip(self.rows, self.rows[1:], strict=False) if b.score < a.score)

    def _repr_html_(self) -> str:
        import html

        head = "".join(f"<th>{h}</th>" for h in ("快照", "检查日期", "得分", "等次",
                                                  *(f"第{i.number}项" for i in ITEMS)))
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in (
                r.label, r.as_of, r.score, r.grade.label, *(f"{n}/−{d}" for n, d in zip(r.findings, r.deducted,
                                                                                      strict=True)))) + "</tr>"
            for r in self.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _row(label: str, result: AuditResult) -> QualityRow:
    counted = Counter(f.item for f in result.check.counted)
    return QualityRow(label=label, as_of=result.as_of, score=result.total, grade=result.sheet.grade,
                      deducted=tuple(result.sheet.item_score(i.number).deducted for i in ITEMS),
                      findings=tuple(counted.get(i.number, 0) for i in ITEMS))


def quality_over_time(snapshots: Iterable[tuple[str, AuditResult]] | Sequence[AuditResult]) -> QualityTimeline:
    """The table of a sequence of audits of one unit, each labelled (``(label, result)``) or labelled by
    its check date."""
    rows = []
    for entry in snapshots:
        label, result = entry if isinstance(entry, tuple) else (entry.as_of.isoformat(), entry)
        rows.append(_row(label, result))
    return QualityTimeline(tuple(rows))
