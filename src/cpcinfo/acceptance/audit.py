"""The acceptance check end to end (审核验收): sample, check, count, score, grade.

:func:`audit` draws the three samples (branches, members, applicants) of at least the minimum sizes, runs
the whole-database check once, and counts on the score sheet:

- field findings (items 1–4, 8–15, 17–19) only on the **sampled** records — the inspector checks the sample
  by hand; the organization items are counted on the sampled branches;
- system findings (items 7, 16, 20) and tree and roster findings (items 5, 6) over the **whole** database —
  that is what 「系统查找」 finds;
- never a waived finding, nor one of a preview rule.

Every finding stays in the result (sampled or not, waived or not), so a unit can clean its whole database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from cpcinfo.acceptance.sampling import SampleManifest, SampleSizeError, draw_sample, required_sample_size
from cpcinfo.acceptance.sheet import ScoreSheet
from cpcinfo.checking.engine import check
from cpcinfo.checking.result import CheckResult
from cpcinfo.checking.waivers import Waiver
from cpcinfo.codes import CodeTables
from cpcinfo.entity import Entity
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.findings import Finding, FindingStatus, record_locator
from cpcinfo.infobase import InfoBase
from cpcinfo.org.roster import Roster
from cpcinfo.org.tree import CategoryKind, OrgTree, category_kind
from cpcinfo.rules.model import Rule, RuleScope
from cpcinfo.rules.options import CheckOptions
from cpcinfo.rules.ruleset import RuleSet

POPULATIONS = ("branches", "members", "applicants")
"""The three sampled populations, in the order of the notice: 党支部, 党员, 申请入党人."""

NO_ROSTER_NOTE = "第5、6项未提供实际党组织名单（roster），只检查了党组织树自身的错误，未与实际情况比对"


@attrs.frozen(kw_only=True)
class Samples:
    """The three draws, each with its manifest."""

    branches: SampleManifest
    members: SampleManifest
    applicants: SampleManifest
    keys_of: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    """For a record drawn under a locator that is not the key its findings carry (the second record with a
    key already used, ``M1#5``), that key (``M1``)."""

    def __repr__(self) -> str:
        return (f"<Samples 党支部 {self.branches.size}/{self.branches.population_size}，"
                f"党员 {self.members.size}/{self.members.population_size}，"
                f"申请入党人 {self.applicants.size}/{self.applicants.population_size}>")

    def of(self, entity: Entity) -> SampleManifest:
        """The manifest whose records are scored for field findings of ``entity``."""
        return {Entity.ORGANIZATION: self.branches, Entity.MEMBER: self.members,
                Entity.APPLICANT: self.applicants}[entity]

    def scored_keys(self, entity: Entity) -> frozenset[str]:
        """The keys whose field findings of ``entity`` count: the drawn records' keys."""
        drawn = self.of(entity).drawn
        return frozenset(self.keys_of.get(locator, locator) for locator in drawn)


@attrs.frozen(kw_only=True)
class AuditResult:
    """Everything an audit found and decided.

    ``sheet`` is the score sheet (with its total and grade); ``counted`` the findings behind it;
    ``check`` the whole-database check with every finding, waived or not; ``samples`` the three manifests,
    from which anyone can re-draw the sample; ``roster_checked`` says whether items 5 and 6 were compared
    with a roster of the organizations that really exist.
    """

    unit: str | None
    as_of: datetime.date
    seed: int | str
    samples: Samples
    sheet: ScoreSheet
    counted: tuple[Finding, ...]
    check: CheckResult
    roster_checked: bool
    ruleset: str
    editions: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    _scored: frozenset[int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_scored", frozenset(id(f) for f in self.counted))

    @property
    def total(self) -> int:
        return self.sheet.total

    def status(self, finding: Finding) -> FindingStatus:
        """What became of one of the check's findings (this very object of ``check.findings`` or
        ``check.waiver_reports``) in this audit: the check's status
        (:meth:`~cpcinfo.checking.result.CheckResult.status`), except that a finding the check counts but
        the sheet does not score — a field finding on a record outside the sample — is
        :attr:`~cpcinfo.findings.FindingStatus.NOT_SAMPLED`."""
        status = self.check.status(finding)
        if status is FindingStatus.COUNTED and id(finding) not in self._scored:
            return FindingStatus.NOT_SAMPLED
        return status

    def is_sampled(self, finding: Finding) -> bool:
        """Whether the finding's record is in the sample of its entity."""
        return finding.key is not None and finding.key in self.samples.scored_keys(finding.entity)

    def __repr__(self) -> str:
        # Short and free of record data: Jupyter saves this text in the notebook beside the masked HTML.
        return (f"<AuditResult {self.unit or '（未注明单位）'} {self.as_of.isoformat()}: 验收得分 {self.total}，"
                f"{self.sheet.grade.label}；问题 {len(self.check.findings)} 条，计入 {len(self.counted)} 条>")

    def _repr_html_(self) -> str:
        from cpcinfo.report import notebook_html  # the one link to the reports, lazy: see there

        return notebook_html(self)

    def findings_frame(self, database: Any = None, *, mask_ids: bool = True, chinese_headers: bool = True) -> Any:
        """Every finding as a pandas DataFrame, one row each, identity numbers masked — what a notebook shows
        as a table (the ``pandas`` extra; see :func:`cpcinfo.tabular.findings_frame`). ``database`` (the
        InfoBase or the Database read from a workbook) adds each finding's branch and cell."""
        from cpcinfo.tabular import findings_frame

        return findings_frame(self, database, mask_ids=mask_ids, chinese_headers=chinese_headers)


class EmptyInfoBaseError(InvalidArgumentError):
    """A database without 党组织 or without 党员 records cannot be audited."""


def _sample_seed(seed: int | str, population: str) -> str:
    # One seed for the audit; each population draws from its own derived seed so the draws are independent
    # and each can be re-drawn alone from its manifest.
    return f"{seed}/{population}"


def population_keys(infobase: InfoBase, tables: CodeTables) -> dict[str, list[str]]:
    """The locators of each population — branch-type organizations, members, applicants — one per record:
    a record's key, or ``#n`` for a record without a usable key (see
    :func:`~cpcinfo.findings.record_locator`), so that no record escapes the draw by having no key; a record
    whose key an earlier record already has is ``key#n`` (see :func:`population_locators`), so that the
    population counts records, not distinct keys."""
    return {population: sorted(located) for population, located in population_locators(infobase, tables).items()}


def population_locators(infobase: InfoBase, tables: CodeTables) -> dict[str, dict[str, str]]:
    """For each population, every record's locator mapped to the key its findings carry.

    The two differ only for a record whose key was already used by an earlier record of its list: it is
    drawn as ``key#n`` (``n`` its position, counted from 1; ``#n`` alone in the unlikely case that a record
    really has the key ``key#n``) but its findings, like its twin's, carry ``key``. The repeated key is a
    finding of its own (ORG101, MEM911, APP907).
    """
    categories = tables["org_category"]
    branch_positions = {n for n, o in enumerate(infobase.organizations, start=1)
                        if o.basic is not None and category_kind(o.basic.category, categories) is CategoryKind.BRANCH}
    organizations = _locators(o.key for o in infobase.organizations)
    return {
        "branches": {loc: key for n, (loc, key) in enumerate(organizations.items(), start=1)
                     if n in branch_positions},
        "members": _locators(m.key for m in infobase.members),
        "applicants": _locators(a.key for a in infobase.applicants),
    }


def _locators(keys: Iterable[str | None]) -> dict[str, str]:
    located: dict[str, str] = {}
    for n, key in enumerate(keys, start=1):
        locator = record_locator(key, n)
        if locator in located:
            locator = f"{locator}#{n}"
            if locator in located:
                locator = f"#{n}"
            located[locator] = record_locator(key, n)
        else:
            located[locator] = locator
    return located


def audit(
    infobase: InfoBase,
    *,
    as_of: datetime.date,
    seed: int | str,
    roster: Roster | None = None,
    waivers: Sequence[Waiver] = (),
    sample_sizes: Mapping[str, int] | None = None,
    tables: CodeTables | None = None,
    ruleset: RuleSet | None = None,
    checked: CheckResult | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    rules: Iterable[Rule] | None = None,
    options: CheckOptions | None = None,
) -> AuditResult:
    """Audit one unit's database as the province does and return its score sheet with every finding.

    ``sample_sizes`` may ask for more than the minimum of a population (``{"members": 30}``), never fewer.
    ``checked`` is the check of this database with these settings when it was run already (in parts, on
    several workers: :mod:`cpcinfo.parallel`). The rules, tables and rule set are ``options`` (a
    :class:`~cpcinfo.rules.CheckOptions`) or its shorthand, the keyword arguments ``tables``, ``ruleset``,
    ``select``, ``ignore`` and ``rules`` (users' own rules: their findings count under their items like the
    built-in ones' — a field rule's on the sampled records, a system rule's over the whole database).
    """
    chosen = CheckOptions.of(options, tables=tables, ruleset=ruleset, select=select, ignore=ignore, rules=rules)
    ruleset, tables = chosen.rule_set, chosen.code_tables
    if not infobase.organizations or not infobase.members:
        # An empty list is not a clean database: a unit with no 党组织 or no 党员 recorded cannot be
        # inspected, and scoring it 100 would certify a database that was never built.
        raise EmptyInfoBaseError(
            f"信息库中没有{'党组织' if not infobase.organizations else '党员'}记录，无法审核"
            "（检查文件的顶层键是否为 organizations/members/applicants 或 党组织/党员/申请入党人）"
        )
    result = checked if checked is not None else \
        check(infobase, as_of=as_of, options=chosen, waivers=waivers, roster=roster)
    # The tree the check built names the unit; a result made by hand has none, and it is built here.
    tree = result.tree if result.tree is not None else OrgTree.build(infobase.organizations, tables=tables)
    located = population_locators(infobase, tables)
    keys = {population: sorted(records) for population, records in located.items()}
    sizes = dict(sample_sizes or {})
    unknown = set(sizes) - set(POPULATIONS)
    if unknown:
        raise SampleSizeError(f"unknown sample population(s): {', '.join(sorted(unknown))}; use {POPULATIONS}")
    manifests = {}
    for population in POPULATIONS:
        k = sizes.get(population, required_sample_size(len(keys[population])))
        manifests[population] = draw_sample(keys[population], k, seed=_sample_seed(seed, population))
    keys_of = {loc: key for records in located.values() for loc, key in records.items() if loc != key}
    samples = Samples(**manifests, keys_of=keys_of)
    counted = tuple(_scored(result, samples))
    notes = () if roster is not None else (NO_ROSTER_NOTE,)
    unit = _unit_name(tree)
    sheet = ScoreSheet.from_findings(counted, unit=unit, notes=notes)
    return AuditResult(unit=unit, as_of=as_of, seed=seed, samples=samples, sheet=sheet, counted=counted,
                       check=result, roster_checked=roster is not None, ruleset=ruleset.name,
                       editions=result.editions)


def _scored(result: CheckResult, samples: Samples) -> Iterable[Finding]:
    """The findings the sheet scores: those the check counts, a field rule's only on a sampled record."""
    field_rules = {r.code for r in result.registry if r.scope is RuleScope.FIELD}
    drawn = {entity: samples.scored_keys(entity) for entity in Entity}
    for finding in result.counted:
        if finding.rule not in field_rules or finding.key in drawn[finding.entity]:
            yield finding


def _unit_name(tree: OrgTree) -> str | None:
    for root in tree.roots:
        basic = tree.node(root).record.basic
        if basic is not None and basic.name is not None:
            return str(basic.name)
    return None
