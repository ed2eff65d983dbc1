"""The twenty items of the score sheet (党员信息库建库检查验收评分表), as data.

Titles and 评分方法 are copied verbatim from 陕组办字〔2011〕10号 附2, including its inconsistencies
(item 9 is 「学历学位信息」, item 18 「学位学历信息」; item 2 lacks the 「的」 of items 3 and 4).

>>> item(7).title, item(7).maximum, item(7).per_defect
('系统查找是否有错误，允许存在的情况除外', 5, 2)
>>> sum(i.maximum for i in ITEMS), [sum(i.maximum for i in ITEMS if i.part is p) for p in Part]
(100, [40, 40, 20])
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from cpcinfo.entity import Entity
from cpcinfo.errors import InvalidArgumentError


class Part(enum.Enum):
    """The three parts of the sheet, one per entity, each with its Chinese title and its points."""

    ORGANIZATION = "organization"
    MEMBER = "member"
    APPLICANT = "applicant"

    @property
    def title(self) -> str:
        """党组织信息, 党员信息 or 申请入党人信息."""
        return _PART_TITLES[self]

    @property
    def maximum(self) -> int:
        """40, 40 or 20 points."""
        return _PART_MAXIMA[self]

    @property
    def entity(self) -> Entity:
        """The entity whose records the part scores."""
        return Entity(self.value)


_PART_TITLES: Final = {
    Part.ORGANIZATION: "党组织信息",
    Part.MEMBER: "党员信息",
    Part.APPLICANT: "申请入党人信息",
}
_PART_MAXIMA: Final = {Part.ORGANIZATION: 40, Part.MEMBER: 40, Part.APPLICANT: 20}


@attrs.frozen(kw_only=True)
class Item:
    """One line of the score sheet: its number, part, title (项目分类), 评分方法, points (分值) and the
    deduction per defect. An item never goes below zero (「扣完为止」)."""

    number: int
    part: Part
    title: str
    method: str
    maximum: int
    per_defect: int


_FIELD_METHOD: Final = "每存在一处未填写、填写错误或不规范的扣1分，扣完为止"
_SYSTEM_METHOD: Final = "每存在一处错误扣1分，扣完为止"

_O, _M, _A = Part.ORGANIZATION, Part.MEMBER, Part.APPLICANT

ITEMS: Final[tuple[Item, ...]] = tuple(
    Item(number=n, part=part, title=title, method=method, maximum=maximum, per_defect=per_defect)
    for n, (part, title, method, maximum, per_defect) in enumerate(
        (
            (_O, "基本信息", _FIELD_METHOD, 10, 1),
            (_O, "班子成员信息", "每存在一处未填写、填写错误或不符合实际情况扣1分，扣完为止", 5, 1),
            (_O, "组织奖惩信息", "每存在一处未填写、填写错误或不符合实际情况的扣1分，扣完为止", 5, 1),
            (_O, "单位信息", "每存在一处未填写、填写错误或不符合实际情况的扣1分，扣完为止", 5, 1),
            (_O, "下属党组织是否齐全", "每缺一个扣1分，扣完为止", 5, 1),
            (_O, "党组织树的结构是否与实际情况一致、完整", "每存在一处不符合实际情况扣1分，扣完为止", 5, 1),
            (_O, "系统查找是否有错误，允许存在的情况除外", "每查出一条错误扣2分，扣完为止", 5, 2),
            (_M, "基本信息", _FIELD_METHOD, 7, 1),
            (_M, "学历学位信息", _FIELD_METHOD, 4, 1),
            (_M, "工作岗位", _FIELD_METHOD, 4, 1),
            (_M, "奖惩信息", _FIELD_METHOD, 4, 1),
            (_M, "党籍信息", _FIELD_METHOD, 4, 1),
            (_M, "组织关系", _FIELD_METHOD, 4, 1),
            (_M, "流动党员", _FIELD_METHOD, 4, 1),
            (_M, "困难党员", _FIELD_METHOD, 4, 1),
            (_M, "系统查找是否有错误，允许存在的情况除外", _SYSTEM_METHOD, 5, 1),
            (_A, "基本信息是否完整准确", _FIELD_METHOD, 5, 1),
            (_A, "学位学历信息", _FIELD_METHOD, 5, 1),
            (_A, "培养发展信息", _FIELD_METHOD, 5, 1),
            (_A, "系统查找是否有错误，允许存在的情况除外", _SYSTEM_METHOD, 5, 1),
        ),
        start=1,
    )
)
"""The twenty items in sheet order; ``ITEMS[n - 1].number == n``."""

FIRST_ITEM: Final = 1
LAST_ITEM: Final = len(ITEMS)


def item(number: int) -> Item:
    """The item numbered ``number`` (1–20).

    >>> item(18).title
    '学位学历信息'
    >>> item(21)
    Traceback (most recent call last):
    ...
    cpcinfo.errors.InvalidArgumentError: 评分表没有第21项（共1–20项）
    """
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"评分项序号须为整数，得到 {type(number).__name__}: {number!r}")
    if not FIRST_ITEM <= number <= LAST_ITEM:
        raise InvalidArgumentError(f"评分表没有第{number}项（共{FIRST_ITEM}–{LAST_ITEM}项）")
    return ITEMS[number - 1]
