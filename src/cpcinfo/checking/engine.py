"""The whole-database check: every field rule on every record, and every system and tree rule.

:func:`check_stream` is the engine: it takes the organizations whole (the tree needs them all) and the
members and applicants as iterables, and holds in memory only the tree and what the cross-record rules
collect — never the members. :func:`check` runs it over an :class:`~cpcinfo.infobase.InfoBase`; both give the
same result for the same data. Applicants are read before members, because the rules that relate the two
(an applicant who is already a member, a mentor who must be a full member) index the applicants, which are
few, and let the members stream past.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from cpcinfo.applicant import Applicant
from cpcinfo.checking.registry import registry
from cpcinfo.checking.result import CheckResult
from cpcinfo.checking.validation import validator_for
from cpcinfo.checking.waivers import Waiver, apply_waivers
from cpcinfo.codes import CodeTables
from cpcinfo.engine.driver import RuleDriver
from cpcinfo.engine.runner import Validator
from cpcinfo.entity import Entity
from cpcinfo.findings import Finding
from cpcinfo.infobase import Counts, InfoBase
from cpcinfo.member import Member
from cpcinfo.org import Organization
from cpcinfo.org.roster import Roster
from cpcinfo.org.tree import OrgTree
from cpcinfo.rules.model import Rule, SystemCheck
from cpcinfo.rules.options import DEFAULT_OPTIONS, CheckOptions
from cpcinfo.rules.ruleset import RuleSet


def check(
    infobase: InfoBase,
    *,
    as_of: datetime.date,
    tables: CodeTables | None = None,
    ruleset: RuleSet | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    waivers: Sequence[Waiver] = (),
    roster: Roster | None = None,
    rules: Iterable[Rule] | None = None,
    options: CheckOptions | None = None,
) -> CheckResult:
    """Check a whole database: field rules on every record, system rules over all of it, waivers applied.

    What runs is ``options`` (a :class:`~cpcinfo.rules.CheckOptions`), or its shorthand, the keyword
    arguments ``tables``, ``ruleset``, ``select``, ``ignore`` and ``rules`` — users' own rules
    (:func:`~cpcinfo.rules.field_rule`, :func:`~cpcinfo.rules.system_rule`), run beside the built-in ones,
    ``select``/``ignore`` choosing among both.
    """
    return check_stream(infobase.organizations, infobase.members, infobase.applicants, as_of=as_of,
                        tables=tables, ruleset=ruleset, select=select, ignore=ignore, waivers=waivers,
                        roster=roster, rules=rules, options=options)


def check_stream(
    organizations: Sequence[Organization],
    members: Iterable[Member],
    applicants: Iterable[Applicant],
    *,
    as_of: datetime.date,
    tables: CodeTables | None = None,
    ruleset: RuleSet | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    waivers: Sequence[Waiver] = (),
    roster: Roster | None = None,
    rules: Iterable[Rule] | None = None,
    options: CheckOptions | None = None,
    _quiet: bool = True,
) -> CheckResult:
    """The streaming form of :func:`check`: members and applicants are read once, one at a time.

    (``_quiet=False`` calls every system rule's hook on every record, skipping none: the tests' oracle.)
    """
    chosen = CheckOptions.of(options, tables=tables, ruleset=ruleset, select=select, ignore=ignore, rules=rules)
    setup = CheckSetup(organizations, as_of=as_of, options=chosen, waivers=waivers, roster=roster, quiet=_quiet)
    ctx = setup.context()
    found: list[Finding] = []
    setup.tree_findings(ctx, found)
    setup.record_pass(Entity.ORGANIZATION, ctx, found, setup.organizations)
    applicant_count = setup.record_pass(Entity.APPLICANT, ctx, found, applicants)
    member_count = setup.record_pass(Entity.MEMBER, ctx, found, members)
    setup.finish_findings(ctx, found)
    return setup.result(found, Counts(len(setup.organizations), member_count, applicant_count))


class CheckSetup(RuleDriver):
    """What one check is prepared with — the settings, the rules of the registry they select, the whole
    tree — and its steps (:class:`~cpcinfo.engine.driver.RuleDriver`), so that one process can run them all
    (:func:`check_stream`) or several can each run a part of the records (:mod:`cpcinfo.checking.partition`).
    It holds no state of a run: each run has its own context."""

    def __init__(self, organizations: Iterable[Organization], *, as_of: datetime.date,
                 options: CheckOptions = DEFAULT_OPTIONS, waivers: Sequence[Waiver] = (),
                 roster: Roster | None = None, quiet: bool = True) -> None:
        if type(as_of) is not datetime.date:
            raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
        self.options = options
        tables, ruleset = options.code_tables, options.rule_set
        self.known = options.registry(registry())  # the built-in rules and the user's
        rules = self.known.select(options.select, options.ignore)
        self.waivers = tuple(waivers)
        for waiver in self.waivers:
            if waiver.rule not in self.known:
                from cpcinfo.checking.waivers import WaiverError

                raise WaiverError(f"豁免指明的规则「{waiver.rule}」不存在")
        self.organizations = tuple(organizations)
        super().__init__(rules, tree=OrgTree.build(self.organizations, tables=tables), as_of=as_of, tables=tables,
                         ruleset=ruleset, roster=roster, quiet=quiet)

    def field_validator(self, entity: Entity) -> Validator:
        """The memoised validator of these settings (shared by every check made with them); with users'
        rules, one compiled for this check."""
        if self.options.rules:
            return super().field_validator(entity)
        return validator_for(entity, self.options)

    def result(self, found: list[Finding], counts: Counts) -> CheckResult:
        """The result of these findings (in the order found), sorted and with the waivers applied."""
        found.sort(key=Finding.sort_key)
        entity_of = {r.code: (r.entity, r.item) for r in self.known}
        outcome = apply_waivers(found, self.waivers, as_of=self.as_of, entity_of=entity_of)
        return CheckResult(
            as_of=self.as_of,
            findings=tuple(found),
            waived=outcome.waived,
            waiver_reports=outcome.reports,
            counts=counts,
            preview=frozenset(r.code for r in self.rules if r.is_preview),
            roster_checked=self.roster is not None,
            ruleset=self.ruleset.name,
            editions={name: self.tables[name].edition for name in sorted(self.tables)},
            rules=self.known,
            tree=self.tree,
        )


__all__ = ["CheckSetup", "SystemCheck", "check", "check_stream"]
