"""The score sheet (检查验收评分表) of one unit, built from findings.

Each finding is one defect under its item; an item deducts ``per_defect`` for each defect, never more than
its points (「扣完为止」):

>>> from cpcinfo import DefectKind, Entity, Finding
>>> def f(n: int) -> Finding:
...     return Finding(rule="TST001", entity=Entity.ORGANIZATION, key="O1", field="", label="",
...                    value=None, kind=DefectKind.WRONG, item=n, message="…")
>>> sheet = ScoreSheet.from_findings([f(7), f(7), f(7), f(1)], unit="某党委")
>>> sheet.item_score(7).deducted, sheet.item_score(1).deducted, sheet.total, sheet.grade.label
(5, 1, 94, '合格')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from cpcinfo.acceptance.grades import Grade, grade
from cpcinfo.acceptance.items import FIRST_ITEM, ITEMS, LAST_ITEM, Item, Part, item
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.findings import Finding


@attrs.frozen(kw_only=True)
class ItemScore:
    """One line of the sheet: the item, the findings counted under it, and the points they cost.

    >>> score = ItemScore(item=item(9))
    >>> score.defects, score.deducted, score.kept
    (0, 0, 4)
    """

    item: Item
    findings: tuple[Finding, ...] = ()

    def __attrs_post_init__(self) -> None:
        for finding in self.findings:
            if finding.item != self.item.number:
                raise InvalidArgumentError(
                    f"第{self.item.number}项下不能计入第{finding.item}项的问题：{finding.rule} {finding.message}"
                )

    def __repr__(self) -> str:
        return (f"<ItemScore 第{self.item.number}项 {self.item.title}：{self.kept}/{self.item.maximum}，"
                f"问题 {self.defects} 处>")

    @property
    def defects(self) -> int:
        """How many defects (存在问题): one per finding."""
        return len(self.findings)

    @property
    def deducted(self) -> int:
        """扣分: ``defects × per_defect``, capped at the item's maximum."""
        return min(self.item.maximum, self.defects * self.item.per_defect)

    @property
    def kept(self) -> int:
        """得分: the maximum less the deduction, never below zero."""
        return self.item.maximum - self.deducted


def _notes(notes: Iterable[str]) -> tuple[str, ...]:
    if isinstance(notes, str):
        raise TypeError("notes 须为若干条说明（如元组），而不是单个字符串")
    return tuple(notes)


def _check_items(
    instance: object, attribute: attrs.Attribute[tuple[ItemScore, ...]], value: tuple[ItemScore, ...]
) -> None:
    if tuple(score.item for score in value) != ITEMS:
        numbers = [score.item.number for score in value]
        raise InvalidArgumentError(f"评分表须按序包含第{FIRST_ITEM}–{LAST_ITEM}项，得到 {numbers}")


@attrs.frozen(kw_only=True)
class ScoreSheet:
    """The sheet of one unit: twenty :class:`ItemScore` in item order, the unit's name and notes.

    ``notes`` are remarks printed with the sheet, chosen by the caller (for example
    「第5、6项未提供实际党组织名单（roster），仅检查了组织树自身的错误」). Build a sheet with
    :meth:`from_findings`. Iterating over a sheet yields its item scores in item order.
    """

    items: tuple[ItemScore, ...] = attrs.field(validator=_check_items)
    unit: str | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_notes)

    @classmethod
    def from_findings(
        cls, findings: Iterable[Finding], *, unit: str | None = None, notes: Iterable[str] = ()
    ) -> ScoreSheet:
        """Score the findings: each one is one defect under ``finding.item``.

        Pass only the findings that count — not waived, and, for the items scored on the sample (the field
        items 1–4, 8–15 and 17–19), only those of sampled records; the sheet counts what it is given and
        does not de-duplicate. Within an item, findings are kept in :meth:`Finding.sort_key` order, so the
        sheet does not depend on the order they came in. A finding whose item is not 1–20 is a ValueError.
        """
        by_item: dict[int, list[Finding]] = {i.number: [] for i in ITEMS}
        for finding in findings:
            if finding.item not in by_item:
                raise InvalidArgumentError(
                    f"问题所属评分项须为第{FIRST_ITEM}–{LAST_ITEM}项，得到第{finding.item}项："
                    f"{finding.rule} {finding.message}"
                )
            by_item[finding.item].append(finding)
        return cls(
            items=tuple(
                ItemScore(item=i, findings=tuple(sorted(by_item[i.number], key=Finding.sort_key))) for i in ITEMS
            ),
            unit=unit,
            notes=notes,
        )

    def __iter__(self) -> Iterator[ItemScore]:
        return iter(self.items)

    def item_score(self, number: int) -> ItemScore:
        """The line of item ``number`` (1–20)."""
        return self.items[item(number).number - 1]

    @property
    def deductions(self) -> int:
        """The points deducted over all items."""
        return sum(score.deducted for score in self.items)

    @property
    def total(self) -> int:
        """验收得分: 100 less the deductions, from 0 to 100."""
        return sum(score.kept for score in self.items)

    @property
    def grade(self) -> Grade:
        """The grade of :attr:`total`."""
        return grade(self.total)

    def __repr__(self) -> str:
        return (f"<ScoreSheet {self.unit or '（未注明单位）'}: 验收得分 {self.total}，{self.grade.label}；"
                f"扣分 {self.deductions}，问题 {len(self.findings)} 处>")

    def _repr_html_(self) -> str:
        from cpcinfo.report import notebook_html  # the one link to the reports, lazy: see there

        return notebook_html(self)

    def part_total(self, part: Part) -> int:
        """The points kept in one part (of its 40, 40 or 20)."""
        return sum(score.kept for score in self.items if score.item.part is part)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding counted, in item order."""
        return tuple(finding for score in self.items for finding in score.findings)
