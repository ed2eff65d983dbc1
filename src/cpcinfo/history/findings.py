"""Findings fixed, new and persisting between two checks of one unit, by rule and by branch.

A finding is the same problem in both versions when its rule, entity, record and field are the same
(:func:`finding_identity`) — its value and message may differ (a wrong code written another wrong way is
still the problem it was). Findings of one identity are paired in order; the unpaired ones of the old
check are fixed, of the new check new. So, as multisets, fixed + persisting (old side) = the old findings
and new + persisting (new side) = the new findings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Final

import attrs

from cpcinfo.entity import Entity
from cpcinfo.findings import Finding
from cpcinfo.infobase import InfoBase

UNKNOWN_BRANCH: Final = "（支部不明）"

Identity = tuple[str, str, str, str]


def finding_identity(finding: Finding) -> Identity:
    """(rule, entity, record, field): what makes a finding the same problem in two versions."""
    return (finding.rule, finding.entity.value, finding.key or "", finding.field)


@attrs.frozen
class FindingTally:
    """Fixed, new and persisting findings of one rule or one branch."""

    key: str
    fixed: int
    new: int
    persisting: int


@attrs.frozen(kw_only=True)
class FindingDiff:
    """The findings of two checks sorted out. ``persisting`` pairs each old finding with its new self."""

    fixed: tuple[Finding, ...]
    new: tuple[Finding, ...]
    persisting: tuple[tuple[Finding, Finding], ...]
    old_branch: Callable[[Finding], str] = attrs.field(eq=False, repr=False, default=lambda f: UNKNOWN_BRANCH)
    new_branch: Callable[[Finding], str] = attrs.field(eq=False, repr=False, default=lambda f: UNKNOWN_BRANCH)

    def by_rule(self) -> tuple[FindingTally, ...]:
        """Per rule, in code order."""
        return _tally(lambda f: f.rule, lambda f: f.rule, self)

    def by_branch(self) -> tuple[FindingTally, ...]:
        """Per branch (党支部): an organization's own code, a member's or an applicant's branch; a fixed
        finding is placed by the old version, a new or persisting one by the new version."""
        return _tally(self.old_branch, self.new_branch, self)


def _tally(old_key: Callable[[Finding], str], new_key: Callable[[Finding], str], d: FindingDiff) -> tuple[
        FindingTally, ...]:
    fixed = Counter(old_key(f) for f in d.fixed)
    new = Counter(new_key(f) for f in d.new)
    persisting = Counter(new_key(n) for _, n in d.persisting)
    keys = sorted(set(fixed) | set(new) | set(persisting))
    return tuple(FindingTally(k, fixed[k], new[k], persisting[k]) for k in keys)


def branch_locator(infobase: InfoBase) -> Callable[[Finding], str]:
    """The branch of a finding in ``infobase``: the organization itself, a member's 所在党支部 (组织关系), an
    applicant's 培养发展 branch."""

    def branch(finding: Finding) -> str:
        key = finding.key
        if finding.entity is Entity.ORGANIZATION:
            return key or UNKNOWN_BRANCH
        if key is None:
            return UNKNOWN_BRANCH
        if finding.entity is Entity.MEMBER:
            member = infobase.member(key)
            value = member.relation.branch if member is not None and member.relation is not None else None
        else:
            applicant = infobase.applicant(key)
            value = applicant.development.branch if applicant is not None and applicant.development else None
        return value if isinstance(value, str) and value else UNKNOWN_BRANCH

    return branch


def _grouped(findings: Iterable[Finding]) -> dict[Identity, list[Finding]]:
    groups: dict[Identity, list[Finding]] = defaultdict(list)
    for finding in sorted(findings, key=lambda f: (f.sort_key(), f.message, f.value_text)):
        groups[finding_identity(finding)].append(finding)
    return groups


def diff_findings(old: Sequence[Finding], new: Sequence[Finding], *, old_base: InfoBase | None = None,
                  new_base: InfoBase | None = None) -> FindingDiff:
    """Sort the findings of an old and a new check into fixed, new and persisting. With the databases, the
    diff can also count by branch."""
    before, after = _grouped(old), _grouped(new)
    fixed: list[Finding] = []
    added: list[Finding] = []
    persisting: list[tuple[Finding, Finding]] = []
    for identity in sorted(set(before) | set(after)):
        b, a = before.get(identity, []), after.get(identity, [])
        persisting.extend(zip(b, a, strict=False))
        fixed.extend(b[len(a):])
        added.extend(a[len(b):])
    kwargs = {}
    if old_base is not None:
        kwargs["old_branch"] = branch_locator(old_base)
    if new_base is not None:
        kwargs["new_branch"] = branch_locator(new_base)
    return FindingDiff(fixed=tuple(fixed), new=tuple(added), persisting=tuple(persisting), **kwargs)
