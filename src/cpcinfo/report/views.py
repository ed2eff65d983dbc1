"""The views every report format renders: a result, masked, with the 存在问题 of each item.

Every format (text, Markdown, HTML, JSON) renders the same *views*: immutable objects built here from an
:class:`~cpcinfo.acceptance.audit.AuditResult`, a :class:`~cpcinfo.checking.result.CheckResult` or a
:class:`~cpcinfo.acceptance.sheet.ScoreSheet`, in which every piece of text that came from the data has
already been masked. A renderer therefore cannot forget to mask an identity number, and masking happens
before any wrapping, so a number cannot escape it by being split across two lines.

Masking (``mask_ids=True``, the default of every report) is :mod:`cpcinfo.masking`'s, the one place that
masks identity numbers for every channel.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from cpcinfo.acceptance.items import ITEMS, Item, Part
from cpcinfo.checking.registry import registry
from cpcinfo.checking.waivers import EXPIRED_WAIVER, UNUSED_WAIVER
from cpcinfo.fields import glossary
from cpcinfo.findings import DefectKind, Finding, FindingStatus
from cpcinfo.masking import Masker, is_id_field
from cpcinfo.report.patterns import ColumnPattern, column_patterns
from cpcinfo.rules.model import Rule, RuleScope
from cpcinfo.rules.registry import Registry

if TYPE_CHECKING:
    from cpcinfo.acceptance.audit import AuditResult
    from cpcinfo.acceptance.grades import Grade
    from cpcinfo.acceptance.sampling import SampleManifest
    from cpcinfo.acceptance.sheet import ScoreSheet
    from cpcinfo.checking.result import CheckResult
    from cpcinfo.checking.waivers import Waiver

SHEET_TITLE: Final = "党员信息库建库检查验收评分表"
CHECK_TITLE: Final = "党员信息库检查结果"

MAX_PROBLEM_GROUPS: Final = 3
"""存在问题 shows at most this many rules of an item (the most frequent), then 「……共N处」."""
MAX_PROBLEM_KEYS: Final = 3
"""…and at most this many record keys of each rule, then 「等」."""

SHEET_HEADERS: Final = ("项目", "序号", "项目分类", "评分方法", "存在问题", "分值", "扣分", "得分")
"""The columns of the official sheet (its 评分 heading spans 分值, 扣分 and 得分)."""

LISTINGS: Final = ("all", "counted", "none")
"""How many findings a report lists one by one: every one, only those that count, or none (counts only)."""

POPULATION_LABELS: Final = {"branches": "党支部", "members": "党员", "applicants": "申请入党人"}

_WAIVER_REPORT_TITLES: Final = {UNUSED_WAIVER: "豁免未匹配任何问题", EXPIRED_WAIVER: "豁免已到期"}


# ------------------------------------------------------------------------------------------- rule titles


def rule_of(code: str, rules: Registry | None = None) -> Rule | None:
    """The rule a finding's code names, or None (a waiver report, an unknown code): the one place the
    report layer looks rules up — in ``rules``, the rules of the result reported (the built-in registry with
    the user's rules, :attr:`~cpcinfo.checking.result.CheckResult.registry`), else in the built-in registry
    — for their titles and scopes."""
    try:
        return (rules if rules is not None else registry())[code]
    except KeyError:
        return None


def rule_title(code: str, rules: Registry | None = None) -> str:
    """The Chinese title of a rule (of ``rules``, see :func:`rule_of`, or of a waiver report); the code when
    unknown."""
    if code in _WAIVER_REPORT_TITLES:
        return _WAIVER_REPORT_TITLES[code]
    rule = rule_of(code, rules)
    return rule.title if rule is not None else code


def _is_field_rule(code: str, rules: Registry | None = None) -> bool:
    """Whether the rule's title names a field rather than a problem (a rule over one value: 「性别」), so
    that the kind of defect is added to it in reports (「性别不规范」)."""
    rule = rule_of(code, rules)
    if rule is None or rule.scope is not RuleScope.FIELD:
        return False
    names = glossary()
    labels = {f.label for f in names.of(rule.entity)} | {g.label for g in names.groups(rule.entity)}
    return rule.title in labels


def part_label(part: Part) -> str:
    """The 项目 cell of a part: 「党组织信息（40分）」."""
    return f"{part.title}（{part.maximum}分）"


# ------------------------------------------------------------------------------------------------ views


@attrs.frozen(kw_only=True)
class WaiverView:
    """The waiver that covered a finding."""

    rule: str
    key: str | None
    field: str | None
    reason: str
    approved_by: str | None
    expires_on: datetime.date | None


@attrs.frozen(kw_only=True)
class FindingView:
    """One finding as every report shows it, masked."""

    item: int
    entity: str
    entity_label: str
    rule: str
    rule_title: str
    key: str | None
    field: str
    label: str
    value: Any
    value_text: str
    kind: DefectKind
    message: str
    suggestion: Any
    suggestion_text: str
    status: FindingStatus
    waiver: WaiverView | None = None

    @property
    def key_text(self) -> str:
        return self.key if self.key is not None else ""

    @property
    def field_text(self) -> str:
        """「性别（basic.gender）」, or the label or path alone."""
        if self.label and self.field:
            return f"{self.label}（{self.field}）"
        return self.label or self.field

    @property
    def status_text(self) -> str:
        """The status, with the waiver's reason for a waived finding."""
        if self.waiver is not None:
            return f"{self.status.label}：{self.waiver.reason}"
        return self.status.label


@attrs.frozen(kw_only=True)
class ProblemGroup:
    """The counted findings of one rule under one item: the rule, how many, and the records they are on."""

    rule: str
    title: str
    count: int
    keys: tuple[str, ...]
    kind: DefectKind | None

    def text(self, max_keys: int = MAX_PROBLEM_KEYS) -> str:
        """「性别不规范 3处（M0001、M0007、M0012）」."""
        shown = "、".join(self.keys[:max_keys])
        if len(self.keys) > max_keys:
            shown += "等"
        kind = self.kind.label if self.kind is not None else ""
        return f"{self.title}{kind} {self.count}处" + (f"（{shown}）" if shown else "")


def problem_groups(findings: Iterable[Finding], masker: Masker, rules: Registry | None = None,
                   ) -> tuple[ProblemGroup, ...]:
    """The findings grouped by rule, most frequent first (then by rule code); keys in report order.

    A group of a field rule whose findings are all of one kind names the kind (「性别不规范」); a system
    rule's title already says what is wrong.
    """
    by_rule: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        by_rule.setdefault(finding.rule, []).append(finding)
    groups = []
    for code, found in by_rule.items():
        keys: dict[str, None] = {}
        for finding in found:
            if finding.key is not None:
                keys.setdefault(masker.text(finding.key), None)
        kinds = {f.kind for f in found}
        kind = next(iter(kinds)) if len(kinds) == 1 and _is_field_rule(code, rules) else None
        groups.append(ProblemGroup(rule=code, title=masker.text(rule_title(code, rules)), count=len(found),
                                   keys=tuple(keys), kind=kind))
    groups.sort(key=lambda g: (-g.count, g.rule))
    return tuple(groups)


def problems_lines(groups: Sequence[ProblemGroup], *, max_groups: int = MAX_PROBLEM_GROUPS,
                   max_keys: int = MAX_PROBLEM_KEYS) -> list[str]:
    """The 存在问题 cell as lines: one per most frequent group, then 「……共N处」 (N: all the item's defects)
    when some groups were left out; no line when there is no problem."""
    lines = [g.text(max_keys) for g in groups[:max_groups]]
    if len(groups) > max_groups:
        lines.append(f"……共{sum(g.count for g in groups)}处")
    return lines


def problems_text(groups: Sequence[ProblemGroup], *, max_groups: int = MAX_PROBLEM_GROUPS,
                  max_keys: int = MAX_PROBLEM_KEYS) -> str:
    """The 存在问题 cell on one line: the most frequent groups joined by 「；」, then 「……共N处」.

    >>> g = ProblemGroup(rule="MEM102", title="性别", count=4, keys=("M1", "M2", "M3", "M4"),
    ...                  kind=DefectKind.NONSTANDARD)
    >>> problems_text([g])
    '性别不规范 4处（M1、M2、M3等）'
    """
    text = "；".join(g.text(max_keys) for g in groups[:max_groups])
    if len(groups) > max_groups:
        text += f"……共{sum(g.count for g in groups)}处"
    return text


@attrs.frozen(kw_only=True)
class SheetRow:
    """One item of the sheet."""

    item: Item
    first_of_part: bool
    part_rows: int
    defects: int
    deducted: int
    kept: int
    problems: tuple[ProblemGroup, ...]

    @property
    def problems_text(self) -> str:
        return problems_text(self.problems)

    @property
    def problems_lines(self) -> list[str]:
        return problems_lines(self.problems)

    @property
    def part_label(self) -> str:
        return part_label(self.item.part)


@attrs.frozen(kw_only=True)
class SheetView:
    """The score sheet: header, twenty rows, totals and notes."""

    unit: str | None
    as_of: datetime.date | None
    rows: tuple[SheetRow, ...]
    total: int
    deductions: int
    grade: Grade
    part_totals: tuple[tuple[Part, int], ...]
    notes: tuple[str, ...]

    @property
    def unit_text(self) -> str:
        return self.unit if self.unit else "（未知）"

    @property
    def date_text(self) -> str:
        return self.as_of.isoformat() if self.as_of is not None else ""

    @property
    def maximum(self) -> int:
        return sum(row.item.maximum for row in self.rows)


def sheet_view(sheet: ScoreSheet, masker: Masker, *, as_of: datetime.date | None = None,
               unit: str | None = None, rules: Registry | None = None) -> SheetView:
    """The view of a score sheet (``unit`` overrides the sheet's own; ``rules`` names the rules)."""
    part_sizes = {part: sum(1 for i in ITEMS if i.part is part) for part in Part}
    rows = []
    seen: set[Part] = set()
    for score in sheet:
        part = score.item.part
        rows.append(SheetRow(item=score.item, first_of_part=part not in seen, part_rows=part_sizes[part],
                             defects=score.defects, deducted=score.deducted, kept=score.kept,
                             problems=problem_groups(score.findings, masker, rules)))
        seen.add(part)
    name = unit if unit is not None else sheet.unit
    return SheetView(unit=masker.optional(name), as_of=as_of, rows=tuple(rows), total=sheet.total,
                     deductions=sheet.deductions, grade=sheet.grade,
                     part_totals=tuple((p, sheet.part_total(p)) for p in Part),
                     notes=tuple(masker.text(n) for n in sheet.notes))


@attrs.frozen(kw_only=True)
class SampleView:
    """One sample manifest."""

    population: str
    label: str
    seed: int | str
    population_size: int
    population_sha256: str
    required: int
    drawn: tuple[str, ...]


def sample_view(population: str, manifest: SampleManifest, masker: Masker) -> SampleView:
    seed = manifest.seed if isinstance(manifest.seed, int) else masker.text(manifest.seed)
    return SampleView(population=population, label=POPULATION_LABELS.get(population, population), seed=seed,
                      population_size=manifest.population_size, population_sha256=manifest.population_sha256,
                      required=manifest.required, drawn=tuple(masker.text(k) for k in manifest.drawn))


@attrs.frozen(kw_only=True)
class ItemSummary:
    """The findings of one item in a check: how many of each status, and the most frequent counted ones."""

    item: Item
    counts: tuple[tuple[FindingStatus, int], ...]
    problems: tuple[ProblemGroup, ...]

    def count(self, status: FindingStatus) -> int:
        return dict(self.counts).get(status, 0)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def problems_text(self) -> str:
        return problems_text(self.problems)

    @property
    def problems_lines(self) -> list[str]:
        return problems_lines(self.problems)


@attrs.frozen(kw_only=True)
class RuleSummary:
    """The findings of one rule in a check, by status."""

    rule: str
    title: str
    item: int
    counts: tuple[tuple[FindingStatus, int], ...]

    def count(self, status: FindingStatus) -> int:
        return dict(self.counts).get(status, 0)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


@attrs.frozen(kw_only=True)
class CheckView:
    """A whole-database check: what was checked, every finding with its status, and the summaries."""

    as_of: datetime.date
    ruleset: str
    editions: tuple[tuple[str, str], ...]
    counts: tuple[tuple[str, str, int], ...]
    roster_checked: bool
    preview_rules: tuple[str, ...]
    findings: tuple[FindingView, ...]
    waiver_reports: tuple[FindingView, ...]
    by_item: tuple[ItemSummary, ...]
    by_rule: tuple[RuleSummary, ...]
    listing: str = attrs.field(default="all", validator=attrs.validators.in_(LISTINGS))
    listing_hint: str = ""
    patterns: tuple[ColumnPattern, ...] = ()

    def count(self, status: FindingStatus) -> int:
        return sum(1 for f in self.findings if f.status is status)

    @property
    def listed(self) -> tuple[FindingView, ...]:
        """The findings the report lists one by one (see :data:`LISTINGS`); the counts cover them all."""
        if self.listing == "none":
            return ()
        if self.listing == "counted":
            return tuple(f for f in self.findings if f.status is FindingStatus.COUNTED)
        return self.findings

    @property
    def listing_note(self) -> str | None:
        """What the list leaves out and how to get it all, or None when it lists every finding."""
        if self.listing == "all" or not self.findings:
            return None
        left = len(self.findings) - len(self.listed)
        if not left:
            return None
        said = ("问题清单未逐条列出" if self.listing == "none"
                else f"以下只列出计入的 {len(self.listed)} 条，另有 {left} 条未列出")
        return said + (f"；{self.listing_hint}" if self.listing_hint else "")


@attrs.frozen(kw_only=True)
class AuditView:
    """An audit: the sheet, the samples and the check behind it."""

    unit: str | None
    as_of: datetime.date
    seed: int | str
    sheet: SheetView
    samples: tuple[SampleView, ...]
    check: CheckView


def _waiver_view(waiver: Waiver, masker: Masker) -> WaiverView:
    return WaiverView(rule=waiver.rule, key=masker.optional(waiver.key), field=waiver.field,
                      reason=masker.text(waiver.reason), approved_by=masker.optional(waiver.approved_by),
                      expires_on=waiver.expires_on)


def finding_view(finding: Finding, status: FindingStatus, masker: Masker, waiver: Waiver | None = None,
                 rules: Registry | None = None) -> FindingView:
    """One finding, masked (its rule's title from ``rules``, a result's)."""
    id_field = is_id_field(finding.field)
    return FindingView(
        item=finding.item, entity=finding.entity.value, entity_label=finding.entity.label, rule=finding.rule,
        rule_title=rule_title(finding.rule, rules), key=masker.optional(finding.key), field=finding.field,
        label=finding.label, value=masker.value(finding.value, id_field=id_field),
        value_text=masker.value_text(finding.value, id_field=id_field), kind=finding.kind,
        message=masker.text(finding.message), suggestion=masker.value(finding.suggestion, id_field=id_field),
        suggestion_text=masker.value_text(finding.suggestion, id_field=id_field), status=status,
        waiver=_waiver_view(waiver, masker) if waiver is not None else None,
    )


def _all_findings(result: CheckResult, extra: Iterable[Finding] = ()) -> list[Finding]:
    return [*result.findings, *result.waiver_reports, *extra]


def finding_views(result: CheckResult, *, status: Callable[[Finding], FindingStatus] | None = None,
                  mask_ids: bool = True) -> list[tuple[Finding, FindingView]]:
    """Every finding of a check with its view, masked: the findings in report order, then the waiver reports.

    Each has the status ``status`` gives it — an audit's (:meth:`~cpcinfo.acceptance.audit.AuditResult.status`)
    — or by default the check's own (:meth:`~cpcinfo.checking.result.CheckResult.status`).
    """
    masker = Masker(_all_findings(result), enabled=mask_ids)
    return list(zip(_all_findings(result), _finding_views(result, masker, status or result.status), strict=True))


def _finding_views(result: CheckResult, masker: Masker,
                   status: Callable[[Finding], FindingStatus]) -> list[FindingView]:
    # ``status`` is the result's own (the check's, or the audit's with its sample): views only read it.
    return [finding_view(f, status(f), masker, result.waiver_of(f), result.registry) for f in _all_findings(result)]


def _check_view(result: CheckResult, masker: Masker, status: Callable[[Finding], FindingStatus]) -> CheckView:
    every = _finding_views(result, masker, status)
    views, reports = every[:len(result.findings)], every[len(result.findings):]
    of_item: dict[int, list[tuple[Finding, FindingStatus]]] = {}
    for finding, view in zip(result.findings, views, strict=True):
        of_item.setdefault(finding.item, []).append((finding, view.status))
    by_item = []
    for it in ITEMS:
        mine = of_item.get(it.number)
        if not mine:
            continue
        counted = [f for f, s in mine if s is FindingStatus.COUNTED]
        by_item.append(ItemSummary(item=it, counts=_status_counts(s for _, s in mine),
                                   problems=problem_groups(counted, masker, result.registry)))
    rules: dict[str, list[FindingView]] = {}
    for v in views:
        rules.setdefault(v.rule, []).append(v)
    by_rule = sorted(
        (RuleSummary(rule=code, title=found[0].rule_title, item=found[0].item,
                     counts=_status_counts([v.status for v in found])) for code, found in rules.items()),
        key=lambda r: (-r.count(FindingStatus.COUNTED), -r.total, r.rule),
    )
    counts = result.counts
    records = {"organization": counts.organizations, "member": counts.members, "applicant": counts.applicants}
    return CheckView(
        as_of=result.as_of, ruleset=result.ruleset, editions=tuple(sorted(result.editions.items())),
        counts=(("organizations", "党组织", counts.organizations), ("members", "党员", counts.members),
                ("applicants", "申请入党人", counts.applicants)),
        roster_checked=result.roster_checked, preview_rules=tuple(sorted(result.preview)),
        findings=tuple(views),
        waiver_reports=tuple(reports),
        by_item=tuple(by_item), by_rule=tuple(by_rule), patterns=column_patterns(views, records),
    )


def _status_counts(statuses: Iterable[FindingStatus]) -> tuple[tuple[FindingStatus, int], ...]:
    listed = list(statuses)
    return tuple((s, listed.count(s)) for s in FindingStatus if s in listed)


def check_view(result: CheckResult, *, mask_ids: bool = True) -> CheckView:
    """The view of a whole-database check."""
    return _check_view(result, Masker(_all_findings(result), enabled=mask_ids), result.status)


def audit_view(result: AuditResult, *, mask_ids: bool = True) -> AuditView:
    """The view of an audit."""
    masker = Masker(_all_findings(result.check, result.counted), enabled=mask_ids)
    check = _check_view(result.check, masker, result.status)
    # The audit's own rule set and editions win over the check's (they are the same when run by audit()).
    check = attrs.evolve(check, ruleset=result.ruleset or check.ruleset,
                         editions=tuple(sorted(result.editions.items())) or check.editions,
                         roster_checked=result.roster_checked)
    samples = tuple(sample_view(name, getattr(result.samples, name), masker)
                    for name in ("branches", "members", "applicants"))
    return AuditView(unit=masker.optional(result.unit), as_of=result.as_of,
                     seed=result.seed if isinstance(result.seed, int) else masker.text(result.seed),
                     sheet=sheet_view(result.sheet, masker, as_of=result.as_of, unit=result.unit,
                                      rules=result.check.registry),
                     samples=samples, check=check)


def plain_sheet_view(sheet: ScoreSheet, *, mask_ids: bool = True) -> SheetView:
    """The view of a score sheet alone (no date)."""
    return sheet_view(sheet, Masker(sheet.findings, enabled=mask_ids))


def roster_note(roster_checked: bool) -> str:
    """How items 5 and 6 were checked."""
    if roster_checked:
        return "已提供实际党组织名单，第5、6项与实际情况比对"
    return "未提供实际党组织名单，第5、6项只检查了党组织树自身的错误"


def count_text(population: str, n: int) -> str:
    """「党组织 3个」「党员 2人」."""
    unit = "个" if population in ("organizations", "branches") else "人"
    return f"{n}{unit}"
