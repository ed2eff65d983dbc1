"""What every report format shares: the views of a result, masking, the 存在问题 of an item, display width.

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
import enum
import functools
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs

from cpcinfo.acceptance.audit import AuditResult
from cpcinfo.acceptance.grades import Grade
from cpcinfo.acceptance.items import ITEMS, Item, Part
from cpcinfo.acceptance.sampling import SampleManifest
from cpcinfo.acceptance.sheet import ScoreSheet
from cpcinfo.checking.result import CheckResult
from cpcinfo.checking.waivers import EXPIRED_WAIVER, UNUSED_WAIVER, Waiver
from cpcinfo.fields import glossary
from cpcinfo.findings import DefectKind, Finding
from cpcinfo.masking import Masker, is_id_field
from cpcinfo.report._patterns import ColumnPattern, column_patterns
from cpcinfo.rules.model import RuleScope
from cpcinfo.rules.registry import Registry, registry
from cpcinfo.sanitize import one_line

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


# ------------------------------------------------------------------------------------------ display width


@functools.lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """The columns one character takes in a terminal: 2 for East Asian wide and full-width characters
    (``W``, ``F``), 0 for combining marks and invisible format characters, else 1."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """The columns ``text`` takes in a terminal (Chinese characters count 2).

    >>> display_width("abc"), display_width("党员"), display_width("（M1）")
    (3, 4, 6)
    """
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` display columns (on the left when ``right``).

    >>> pad("党员", 6) + "|", pad("12", 4, right=True) + "|"
    ('党员  |', '  12|')
    """
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


_NO_LINE_START: Final = frozenset("、，。：；！？）」』》〉】,.;:!?)]%")
_NO_LINE_END: Final = frozenset("（「『《〈【([")


_MEASURE_WORDS: Final = frozenset("处条项分人个名年月日")


def _tokens(text: str) -> list[str]:
    """Break opportunities: each space, each wide character, and each run of narrow non-space characters
    (with the measure word that follows a number: 「3处」)."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch in _MEASURE_WORDS and word[-1:].isdigit():  # 「3处」「1分」 stay on one line
            tokens.append(word + ch)
            word = ""
        elif ch.isspace() or char_width(ch) == 2 or ch in _NO_LINE_START or ch in _NO_LINE_END:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` display columns.

    Chinese text breaks between any two characters, except that closing punctuation does not start a line
    and opening punctuation does not end one; a run of narrow characters (a record key, a code, a date)
    is kept whole unless it is wider than the line. Line feeds in ``text`` start a new line.

    >>> wrap("每存在一处未填写、填写错误或不规范的扣1分，扣完为止", 20)
    ['每存在一处未填写、填', '写错误或不规范的扣', '1分，扣完为止']
    >>> wrap("M0001、M0002、M0003", 12)
    ['M0001、', 'M0002、M0003']
    """
    if width < 4:
        raise ValueError(f"wrap width must be at least 4, not {width}")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width))
    return lines


def _wrap_paragraph(text: str, width: int) -> list[str]:
    if display_width(text) <= width:
        return [text]
    lines: list[list[str]] = []
    line: list[str] = []
    used = 0  # the display width of ``line``

    def flush() -> None:
        nonlocal line, used
        while line and line[-1].isspace():
            line.pop()
        carried: list[str] = []
        while len(line) > 1 and line[-1] in _NO_LINE_END:
            carried.insert(0, line.pop())
        lines.append(line)
        line = carried
        used = sum(display_width(t) for t in line)

    def add(token: str, w: int) -> None:
        nonlocal used
        line.append(token)
        used += w

    def start(token: str, w: int) -> None:
        """Begin a new line with ``token`` (after what the last line carried over, if that still fits)."""
        nonlocal line, used
        flush()
        if line and used + w > width:
            lines.append(line)
            line, used = [], 0
        add(token, w)

    for token in _tokens(text):
        w = display_width(token)
        if token.isspace() and not line and lines:  # a line break swallows the spaces at it
            continue
        if used + w <= width:
            add(token, w)
            continue
        if token.isspace():
            flush()
            continue
        if w > width:  # a narrow run wider than the line: fill the line, then break it by characters
            for ch in token:
                cw = char_width(ch)
                if used + cw > width:
                    start(ch, cw)
                else:
                    add(ch, cw)
            continue
        if (token in _NO_LINE_START and len(line) > 1 and not line[-1].isspace()
                and display_width(line[-1]) + w <= width):
            # closing punctuation does not start a line: it takes the last token of this line along
            moved = line.pop()
            used -= display_width(moved)
            start(moved, display_width(moved))
            if used + w > width:  # what the line carried over leaves no room: break before the token
                start(token, w)
            else:
                add(token, w)
            continue
        start(token, w)
    if line or not lines:
        lines.append(line)
    return ["".join(tokens) for tokens in lines]


printable = one_line
"""``text`` with control characters shown as escapes (``\\t``, ``\\n``, ``\\x07``), for one-line cells."""


# ------------------------------------------------------------------------------------------------ statuses


class Status(enum.Enum):
    """What became of a finding."""

    COUNTED = "counted"
    NOT_SAMPLED = "not_sampled"
    WAIVED = "waived"
    PREVIEW = "preview"
    WAIVER_REPORT = "waiver_report"

    @property
    def label(self) -> str:
        """The Chinese label: 计入, 未抽中不计分, 已豁免不计分, 试行规则不计分, 豁免报告不计分."""
        return _STATUS_LABELS[self]


_STATUS_LABELS: Final = {
    Status.COUNTED: "计入",
    Status.NOT_SAMPLED: "未抽中不计分",
    Status.WAIVED: "已豁免不计分",
    Status.PREVIEW: "试行规则不计分",
    Status.WAIVER_REPORT: "豁免报告不计分",
}


def rule_title(code: str, rules: Registry | None = None) -> str:
    """The Chinese title of a rule (of ``rules`` — a result's, with the user's rules — else of the built-in
    registry, or of a waiver report); the code when unknown."""
    if code in _WAIVER_REPORT_TITLES:
        return _WAIVER_REPORT_TITLES[code]
    try:
        return (rules if rules is not None else registry())[code].title
    except KeyError:
        return code


def _is_field_rule(code: str, rules: Registry | None = None) -> bool:
    """Whether the rule's title names a field rather than a problem (a rule over one value: 「性别」), so
    that the kind of defect is added to it in reports (「性别不规范」)."""
    try:
        rule = (rules if rules is not None else registry())[code]
    except KeyError:
        return False
    if rule.scope is not RuleScope.FIELD:
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
    status: Status
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
    counts: tuple[tuple[Status, int], ...]
    problems: tuple[ProblemGroup, ...]

    def count(self, status: Status) -> int:
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
    counts: tuple[tuple[Status, int], ...]

    def count(self, status: Status) -> int:
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

    def count(self, status: Status) -> int:
        return sum(1 for f in self.findings if f.status is status)

    @property
    def listed(self) -> tuple[FindingView, ...]:
        """The findings the report lists one by one (see :data:`LISTINGS`); the counts cover them all."""
        if self.listing == "none":
            return ()
        if self.listing == "counted":
            return tuple(f for f in self.findings if f.status is Status.COUNTED)
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


def finding_view(finding: Finding, status: Status, masker: Masker, waiver: Waiver | None = None,
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


def _check_view(result: CheckResult, masker: Masker, counted_ids: frozenset[int] | None) -> CheckView:
    waivers = {id(f): w for f, w in result.waived}
    views: list[FindingView] = []
    for finding in result.findings:
        if id(finding) in waivers:
            status = Status.WAIVED
        elif finding.rule in result.preview:
            status = Status.PREVIEW
        elif counted_ids is None or id(finding) in counted_ids:
            status = Status.COUNTED
        else:
            status = Status.NOT_SAMPLED
        views.append(finding_view(finding, status, masker, waivers.get(id(finding)), result.registry))
    statuses = [v.status for v in views]
    by_item = []
    for it in ITEMS:
        mine = [s for v, s in zip(views, statuses, strict=True) if v.item == it.number]
        if not mine:
            continue
        counted = [f for f, s in zip(result.findings, statuses, strict=True)
                   if f.item == it.number and s is Status.COUNTED]
        by_item.append(ItemSummary(item=it, counts=_status_counts(mine),
                                   problems=problem_groups(counted, masker, result.registry)))
    rules: dict[str, list[FindingView]] = {}
    for v in views:
        rules.setdefault(v.rule, []).append(v)
    by_rule = sorted(
        (RuleSummary(rule=code, title=found[0].rule_title, item=found[0].item,
                     counts=_status_counts([v.status for v in found])) for code, found in rules.items()),
        key=lambda r: (-r.count(Status.COUNTED), -r.total, r.rule),
    )
    counts = result.counts
    records = {"organization": counts.organizations, "member": counts.members, "applicant": counts.applicants}
    return CheckView(
        as_of=result.as_of, ruleset=result.ruleset, editions=tuple(sorted(result.editions.items())),
        counts=(("organizations", "党组织", counts.organizations), ("members", "党员", counts.members),
                ("applicants", "申请入党人", counts.applicants)),
        roster_checked=result.roster_checked, preview_rules=tuple(sorted(result.preview)),
        findings=tuple(views),
        waiver_reports=tuple(finding_view(f, Status.WAIVER_REPORT, masker) for f in result.waiver_reports),
        by_item=tuple(by_item), by_rule=tuple(by_rule), patterns=column_patterns(views, records),
    )


def _status_counts(statuses: Iterable[Status]) -> tuple[tuple[Status, int], ...]:
    listed = list(statuses)
    return tuple((s, listed.count(s)) for s in Status if s in listed)


def check_view(result: CheckResult, *, mask_ids: bool = True) -> CheckView:
    """The view of a whole-database check."""
    return _check_view(result, Masker(_all_findings(result), enabled=mask_ids), None)


def audit_view(result: AuditResult, *, mask_ids: bool = True) -> AuditView:
    """The view of an audit."""
    masker = Masker(_all_findings(result.check, result.counted), enabled=mask_ids)
    check = _check_view(result.check, masker, frozenset(id(f) for f in result.counted))
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
