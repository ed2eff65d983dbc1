"""The result of a whole-database check."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping
from typing import Any

import attrs

from cpcinfo.checking.registry import registry
from cpcinfo.checking.waivers import Waiver
from cpcinfo.findings import Finding, FindingStatus
from cpcinfo.infobase import Counts
from cpcinfo.org.tree import OrgTree
from cpcinfo.rules.registry import Registry


@attrs.frozen(kw_only=True)
class CheckResult:
    """Every finding of one check, waived and not, with the records checked.

    ``findings`` holds every finding of every selected rule, in report order (item, entity, record, field,
    rule); ``waived`` pairs the waived ones with their waiver; ``waiver_reports`` reports the waivers that
    matched nothing or had expired; ``counts`` says how many records of each entity were checked (always
    every record read); ``preview`` names the preview rules that ran (their findings are never counted);
    ``rules`` is every rule the check knew — the built-in registry and the user's rules — by which reports
    name the findings' rules (``None`` in a result made by hand: the built-in registry; see :attr:`registry`);
    ``tree`` is the organization tree the check built, which the audit reads rather than building it again
    (``None`` for a result made by hand; not part of equality, so two checks of one database are equal).
    """

    as_of: datetime.date
    findings: tuple[Finding, ...]
    waived: tuple[tuple[Finding, Waiver], ...] = ()
    waiver_reports: tuple[Finding, ...] = ()
    counts: Counts
    preview: frozenset[str] = frozenset()
    roster_checked: bool = False
    ruleset: str = ""
    editions: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    tree: OrgTree | None = attrs.field(default=None, eq=False, repr=False)
    rules: Registry | None = attrs.field(default=None, eq=False, repr=False)
    _waivers: dict[int, Waiver] = attrs.field(init=False, eq=False, repr=False)
    _reports: frozenset[int] = attrs.field(init=False, eq=False, repr=False)
    _counted: tuple[Finding, ...] | None = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Keyed by identity: two equal findings (the same defect of two records with one key) are two
        # findings, and a waiver covers the one it matched.
        object.__setattr__(self, "_waivers", {id(f): w for f, w in self.waived})
        object.__setattr__(self, "_reports", frozenset(id(f) for f in self.waiver_reports))

    def status(self, finding: Finding) -> FindingStatus:
        """What became of one of this result's findings (this very object of :attr:`findings` or
        :attr:`waiver_reports`): a waiver report, waived, of a preview rule, or counted.

        The one place a check decides whether a finding counts; :attr:`counted`, the audit and every report
        read it. (An audit scores a counted field finding only on a sampled record:
        :meth:`~cpcinfo.acceptance.audit.AuditResult.status`.)
        """
        key = id(finding)
        if key in self._reports:
            return FindingStatus.WAIVER_REPORT
        if key in self._waivers:
            return FindingStatus.WAIVED
        if finding.rule in self.preview:
            return FindingStatus.PREVIEW
        return FindingStatus.COUNTED

    @property
    def registry(self) -> Registry:
        """The rules the check knew: the built-in registry, with the user's rules it was given."""
        return self.rules if self.rules is not None else registry()

    def is_waived(self, finding: Finding) -> bool:
        """Whether this finding (this very object of :attr:`findings`) was waived."""
        return id(finding) in self._waivers

    def waiver_of(self, finding: Finding) -> Waiver | None:
        """The waiver that covered this finding (this very object of :attr:`findings`), if any."""
        return self._waivers.get(id(finding))

    @property
    def counted(self) -> tuple[Finding, ...]:
        """The findings that count (:meth:`status` :attr:`~cpcinfo.findings.FindingStatus.COUNTED`): not
        waived and not of a preview rule."""
        if self._counted is None:  # worked out once, on first use
            counted = tuple(f for f in self.findings if self.status(f) is FindingStatus.COUNTED)
            object.__setattr__(self, "_counted", counted)
            return counted
        return self._counted

    def by_item(self) -> Mapping[int, int]:
        """How many counted findings each item has (items without findings are absent)."""
        return dict(sorted(Counter(f.item for f in self.counted).items()))

    def by_rule(self) -> Mapping[str, int]:
        """How many counted findings each rule has, most first."""
        return dict(Counter(f.rule for f in self.counted).most_common())

    def __repr__(self) -> str:
        counts = self.counts
        return (f"<CheckResult {self.as_of.isoformat()}: 党组织 {counts.organizations}、党员 {counts.members}、"
                f"申请入党人 {counts.applicants}；问题 {len(self.findings)} 条，豁免 {len(self.waived)} 条>")

    def _repr_html_(self) -> str:
        from cpcinfo.report import notebook_html  # the one link to the reports, lazy: see there

        return notebook_html(self)

    def findings_frame(self, database: Any = None, *, mask_ids: bool = True, chinese_headers: bool = True) -> Any:
        """Every finding as a pandas DataFrame, one row each, identity numbers masked — what a notebook shows
        as a table (the ``pandas`` extra; see :func:`cpcinfo.tabular.findings_frame`). ``database`` (the
        InfoBase or the Database read from a workbook) adds each finding's branch and cell."""
        from cpcinfo.tabular import findings_frame

        return findings_frame(self, database, mask_ids=mask_ids, chinese_headers=chinese_headers)
