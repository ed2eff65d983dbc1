"""Rule sets: the figures of the rules that changed over the years.

An audit of 2011 data must be run under the rules in force in 2011. Every figure that a rule reads and that
the Party's rules changed over time lives here, named, with its source; the rules themselves hold no such
number. Two sets ship: :data:`SHAANXI_2011` (the default, for the 陕组办字〔2011〕10号 acceptance) and
:data:`CURRENT` (the rules in force today).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

import attrs


class TermKind(enum.Enum):
    """The organization kinds whose term length the Party constitution sets."""

    COMMITTEE = "committee"  # 基层委员会 (党委)
    GENERAL_BRANCH = "general-branch"  # 总支部委员会
    BRANCH = "branch"  # 支部委员会


@attrs.frozen
class TermRange:
    """Allowed term length in whole years, inclusive."""

    min_years: int
    max_years: int

    def allows(self, years: int) -> bool:
        return self.min_years <= years <= self.max_years


def _frozen(mapping: Mapping[TermKind, TermRange]) -> Mapping[TermKind, TermRange]:
    return MappingProxyType(dict(mapping))


def _frozen_names(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping))


@attrs.frozen(kw_only=True)
class RuleSet:
    """The figures of one period's rules, each with the source it rests on."""

    name: str
    title: str
    source: str
    term_years: Mapping[TermKind, TermRange] = attrs.field(hash=False, converter=_frozen)
    min_age_years: int = 18
    probation_months: int = 12
    # An extended probation ends after the on-time date, by at least the minimum and at most the maximum.
    extension_min_months: int = 6
    extension_max_months: int = 12
    # A term's end may lie this many days before or after the anniversary of a whole number of years:
    # elections are held a little early or late, and the eve of the anniversary is what databases hold.
    term_tolerance_days: int = 31
    activist_to_candidate_min_months: int = 12
    approval_max_months_after_meeting: int = 6
    max_mentors: int = 2
    expired_term_is_defect: bool = True
    # The edition of a code table that changed over the years: a field's table name -> the table the rule set
    # reads instead (单位所属行业 in 2010–2011 data is GB/T 4754-2002).
    editions: Mapping[str, str] = attrs.field(factory=dict, hash=False, converter=_frozen_names)

    def table(self, name: str) -> str:
        """The name of the code table this rule set reads for a field whose glossary table is ``name``."""
        return self.editions.get(name, name)


SHAANXI_2011 = RuleSet(
    name="shaanxi-2011",
    title="陕西省党员信息库检查验收（2010–2011）适用规则",
    source=(
        "党章（2007，十七大）：基层委员会每届任期三年至五年，总支部委员会、支部委员会每届任期两年或三年；"
        "预备期一年，延长预备期不能超过一年（党章第七条）；发展党员：入党积极分子培养考察一年以上，"
        "上级党委三个月内审批、特殊情况不超过六个月；延长预备期不能少于半年（1990 年《发展党员工作细则（试行）》"
        "下的高校细则）；单位所属行业按 GB/T 4754-2002（docs/domain/membership.md#probation, "
        "docs/domain/organization.md#term, docs/domain/unit.md#industry）"
    ),
    term_years={
        TermKind.COMMITTEE: TermRange(3, 5),
        TermKind.GENERAL_BRANCH: TermRange(2, 3),
        TermKind.BRANCH: TermRange(2, 3),
    },
    # The 2007 constitution sets only the maximum; a pre-2014 rule written under the 1990 试行细则 already
    # says 延长时间不能少于半年 (docs/domain/membership.md#extension): six months, as under the 2014 细则.
    extension_min_months=6,
    # GB/T 4754-2011 took effect on 2011-11-01 and statistics used it from 2012 (docs/domain/unit.md#industry).
    editions={"industry": "industry_2002"},
)
"""The default: the rules in force for the Shaanxi 2010–2011 acceptance."""

CURRENT = RuleSet(
    name="current",
    title="现行规则（党章 2022、支部工作条例 2018、发展党员工作细则 2014）",
    source=(
        "党章（2022）：基层委员会每届任期五年，总支部委员会、支部委员会每届任期三年；"
        "《中国共产党支部工作条例（试行）》（2018）：村、社区党支部委员会每届任期5年；"
        "《中国共产党发展党员工作细则》（2014）：延长预备期不能少于半年、最长不超过一年，"
        "上级党委三个月内审批、特殊情况不超过六个月；单位所属行业按 GB/T 4754-2011"
        "（docs/domain/membership.md#probation, docs/domain/organization.md#term, docs/domain/unit.md#industry）"
    ),
    term_years={
        TermKind.COMMITTEE: TermRange(5, 5),
        TermKind.GENERAL_BRANCH: TermRange(3, 3),
        # 3 years, or 5 for a village or community branch: the field rule cannot tell which, so both pass.
        TermKind.BRANCH: TermRange(3, 5),
    },
    extension_min_months=6,
)
"""The rules in force today."""

RULESETS: Mapping[str, RuleSet] = MappingProxyType({r.name: r for r in (SHAANXI_2011, CURRENT)})
"""The shipped rule sets by name."""
