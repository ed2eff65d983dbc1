"""The fast paths of the system rules' record hooks: for each built-in rule that has one, the quick test
(a :class:`~cpcinfo.rules.model.Quiet`) that a record gives the rule's hook nothing to do, keyed by the rule's
code and the entity whose records the hook reads.

The rules themselves say only what they check (:mod:`cpcinfo.member.system_rules` and its siblings); how to
skip a hook quickly is the engine's business, kept here in one place for whoever tunes the record pass
(:mod:`cpcinfo.engine.record_pass`, which writes each test in place before its hook). Each test restates
the early returns of its rule's hook; the property ``tests/test_record_pass.py`` holds each entry to it (a
record the test calls quiet gets no defect from the hook and leaves the scratch as the test's ``keep``
says), and the check with ``_quiet=False`` (every hook on every record) is the oracle of the whole pass. A
rule without an entry — any user's rule — runs on every record.

A test's values that depend on the check (the rule set's minimum age, the code tables, the tree, what an
earlier entity's records left in the scratch) are ``per_run``: computed from the context when the entity's
records begin. One object under several codes (the branch test, the age test of MEM903/904) is judged once
per record for all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from cpcinfo.engine.context import SystemContext
from cpcinfo.entity import Entity
from cpcinfo.rules.model import Quiet
from cpcinfo.rules.system import branch_codes, leader_names, mentor_names

MEMBER, APPLICANT = Entity.MEMBER, Entity.APPLICANT


def _min_age(ctx: SystemContext) -> int:
    return ctx.ruleset.min_age_years


def _of_age(later: str) -> Quiet:
    """Whether the later date is on or after the birthday of the minimum age, compared as (year, month, day)
    without building a date (a 29 February birthday in the year itself is left to the hook)."""
    return Quiet(f"facts.{later} is None or facts.born is None"
                 f" or facts.{later}.year - facts.born.year > {{min_age}}"
                 f" or facts.{later}.year - facts.born.year == {{min_age}}"
                 f" and (facts.{later}.month, facts.{later}.day) >= (facts.born.month, facts.born.day)",
                 per_run={"min_age": _min_age})


def _not_new_entry_types(ctx: SystemContext) -> frozenset[str | None]:
    """The exact codes of the entry types other than 新发展 (and no entry type at all)."""
    table = ctx.tables["entry_type"]
    return ctx.once("not-new-entry-types",
                    lambda: frozenset(entry.code for entry in table.entries) - table.with_tag("new") | {None})


def _address_codes(ctx: SystemContext) -> frozenset[str]:
    """The GB/T 2260 codes that existed at some time up to the date of the check."""
    year = ctx.as_of.year
    return ctx.once("address-codes", lambda: frozenset(
        e.code for e in ctx.tables["region"].entries if e.valid_from is None or e.valid_from <= year))


def _applicant_names(ctx: SystemContext) -> frozenset[str]:
    """The names APP904 indexed the applicants by (its ``APP904-index``, made by its applicant hook)."""
    return frozenset(value[0] for of, value in ctx.scratch.get("APP904-index", {}) if of == "person")


def _applicant_ids(ctx: SystemContext) -> frozenset[str]:
    """The identity numbers APP904 indexed the applicants by."""
    return frozenset(value for of, value in ctx.scratch.get("APP904-index", {}) if of == "id")


def _none_of(names: Callable[[SystemContext], frozenset[str]]) -> Quiet:
    """A member whose name is readable and is none of the names a rule looks for (leaders, mentors): the rule
    has nothing to note. Each rule has its own test, so that a member who shares a leader's name costs only
    the leaders' rule a call."""
    return Quiet("facts.name is not None and facts.name not in {names}", per_run={"names": names})


IN_A_BRANCH = Quiet("facts.branch is None or facts.branch in {branches}", per_run={"branches": branch_codes})
"""A member or applicant of an existing branch-type organization (or with no branch: the field rule's case)."""

JOINED_OF_AGE = _of_age("joined")
"""MEM903 and MEM904 share one test (each hook then tells the dates before and after 1949 apart)."""


def _record_key(keys: str) -> Quiet:
    """A key recorded as text is its own locator: the record is noted by reference, nothing computed."""
    return Quiet("usable and record.id is locator", keep={keys: "locator"})


def _id_address(fact: str) -> Quiet:
    return Quiet(f"facts.{fact} is None or facts.{fact}[:6] in {{address_codes}}",
                 per_run={"address_codes": _address_codes})


FAST_PATHS: Mapping[tuple[str, Entity], Quiet] = {
    ("ORG701", MEMBER): _none_of(leader_names),
    ("MEM901", MEMBER): IN_A_BRANCH,
    ("MEM902", MEMBER): IN_A_BRANCH,
    ("MEM903", MEMBER): JOINED_OF_AGE,
    ("MEM904", MEMBER): JOINED_OF_AGE,
    ("MEM905", MEMBER): Quiet("record.hardship is None or record.hardship.veteran_without_work is not True"),
    # Quiet on the same day, or when the entry type is written as the exact code of another type (or not at all).
    ("MEM906", MEMBER): Quiet("facts.entered is None or facts.joined is None or facts.entered == facts.joined"
                              " or record.relation.entry_type in {others}", per_run={"others": _not_new_entry_types}),
    ("MEM907", MEMBER): Quiet("facts.entered is None or facts.joined is None or facts.entered >= facts.joined"),
    ("MEM908", MEMBER): Quiet("facts.id_number is None or facts.id_checked is not None"),
    # The eight digits read as one number equal the birth date's: the same real date, without building one.
    ("MEM909", MEMBER): Quiet("facts.id_checked is None or facts.born is not None and int(facts.id_checked[6:14])"
                              " == facts.born.year * 10000 + facts.born.month * 100 + facts.born.day"),
    # The usual case: the gender written as its exact code (1 男, 2 女) and agreeing with the 17th digit.
    ("MEM910", MEMBER): Quiet("facts.id_checked is None"
                              " or record.basic.gender == ('1' if facts.id_checked[16] in '13579' else '2')"),
    ("MEM911", MEMBER): Quiet("facts.id_number is None or facts.id_number is record.basic.id_number",
                              keep={"MEM911-ids": "facts.id_number", "MEM911-keys": "locator"}),
    ("MEM912", MEMBER): _record_key("MEM912-keys"),
    # A member's number is judged once its check digit is right (MEM908 reports the one defect otherwise).
    ("MEM913", MEMBER): _id_address("id_checked"),
    ("APP901", APPLICANT): IN_A_BRANCH,
    ("APP902", APPLICANT): IN_A_BRANCH,
    ("APP903", APPLICANT): _of_age("applied"),
    # Before the member hook: a member who is none of the applicants indexed, by name or by number.
    ("APP904", MEMBER): Quiet("facts.name is not None and facts.name not in {names}"
                              " and (facts.id_number is None or facts.id_number not in {ids})",
                              per_run={"names": _applicant_names, "ids": _applicant_ids}),
    ("APP905", APPLICANT): Quiet("record.development is None or record.development.approved_on is None"),
    ("APP906", MEMBER): _none_of(mentor_names("APP906-mentors")),
    ("APP907", APPLICANT): _record_key("APP907-keys"),
    ("APP908", APPLICANT): _id_address("id_number"),
    ("APP909", MEMBER): _none_of(mentor_names("APP909-mentors")),
}
"""The quiet test before the record hook of each rule (by code) over each entity's records (the hook's)."""


def fast_path(code: str, entity: Entity) -> Quiet | None:
    """The quiet test before the hook of the rule ``code`` over ``entity``'s records, if it has one."""
    return FAST_PATHS.get((code, entity))


__all__ = ["FAST_PATHS", "IN_A_BRANCH", "JOINED_OF_AGE", "fast_path"]
