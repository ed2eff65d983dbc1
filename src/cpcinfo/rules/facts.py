"""What several system rules read from one member or applicant, worked out once per record.

The check engine builds one :class:`Facts` per record (``ctx.facts``) before it runs the system rules on it,
so that each value is read, cleaned and judged once rather than once per rule, and so that the quiet tests
of the compiled pass (see :class:`~cpcinfo.rules.model.Quiet`) can decide from plain attributes that a rule
has nothing to say. A fact is ``None`` whenever its own field rule rejects the value: relations between
fields are judged on nothing else, which keeps one defect one finding.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import attrs
from stdnum.cn import ric

from cpcinfo.codes import clean
from cpcinfo.rules.checks import ID_FORM, is_person_name
from cpcinfo.rules.dates import add_years
from cpcinfo.rules.reading import is_blank, usable_date

if TYPE_CHECKING:
    from cpcinfo.rules.context import SystemContext


@attrs.define(slots=True)
class Facts:
    """The facts of one member or applicant (see the module's documentation)."""

    branch: str | None = None
    """The branch as text, ``None`` when blank."""
    id_number: str | None = None
    """The identity number in compact form, ``None`` when not of the 18-character form."""
    id_checked: str | None = None
    """The same when its check digit is right."""
    born: datetime.date | None = None
    """出生日期 when its own rule accepts it and the person is of age on the date of the check."""
    joined: datetime.date | None = None
    full: datetime.date | None = None
    entered: datetime.date | None = None
    applied: datetime.date | None = None
    name: str | None = None
    """姓名 when it is a name in the standard form (the names the cross-record rules can skip quickly)."""


def id_number(record: Any) -> str | None:
    """The identity number in its compact form, when it has the 18-character form; else None."""
    value = record.basic.id_number if record.basic is not None else None
    if value is None or is_blank(value):
        return None
    compact = clean(str(value)).upper()
    if not ID_FORM.fullmatch(compact):
        return None  # its form is MEM107's finding
    return compact


def _branch(value: Any) -> str | None:
    if type(value) is str and value.isalnum() and value.isascii():
        return value  # a code as written (even 「NULL」: whether it names an organization is MEM901's question)
    return None if is_blank(value) else str(value)


def _adult(born: datetime.date | None, ctx: SystemContext) -> datetime.date | None:
    """The birth date, when the person is of age on the date of the check (else it is no usable fact)."""
    if born is None or add_years(born, ctx.ruleset.min_age_years) > ctx.as_of:
        return None
    return born


# The builders below are called for every member of a province: the common case of each fact (a compact
# identity number, a plain branch code, a birth date more than the minimum age in calendar years ago, a
# name in the standard form) is settled in line, and the helpers above see only the rest.


def member_facts(member: Any, ctx: SystemContext) -> Facts:
    """The facts of a member (basic information, party standing, branch relation)."""
    as_of = ctx.as_of
    usable = usable_date
    relation, standing, basic = member.relation, member.standing, member.basic
    if basic is not None:
        number = basic.id_number
        if not (type(number) is str and len(number) == 18 and number.isascii() and number[:17].isdigit()
                and (number[17].isdigit() or number[17] == "X")):
            number = id_number(member)
        born = usable(basic.born_on, as_of)
        if born is not None and as_of.year - born.year <= ctx.ruleset.min_age_years:
            born = _adult(born, ctx)
        name = basic.name
        if not (type(name) is str and is_person_name(name)):
            name = None
    else:
        number = born = name = None
    if relation is not None:
        branch = relation.branch
        if not (type(branch) is str and branch.isalnum() and branch.isascii()):
            branch = _branch(branch)
        entered = usable(relation.entered_on, as_of)
    else:
        branch = entered = None
    if standing is not None:
        joined, full = usable(standing.joined_on, as_of), usable(standing.full_member_on, as_of)
    else:
        joined = full = None
    checked = number if number is not None and ric.calc_check_digit(number) == number[17] else None
    return Facts(branch, number, checked, born, joined, full, entered, None, name)


def applicant_facts(applicant: Any, ctx: SystemContext) -> Facts:
    """The facts of an applicant (basic information, development): made like a member's, less often."""
    as_of = ctx.as_of
    development, basic = applicant.development, applicant.basic
    number = id_number(applicant)
    name = basic.name if basic is not None else None
    return Facts(
        branch=_branch(development.branch) if development is not None else None,
        id_number=number,
        id_checked=number if number is not None and ric.calc_check_digit(number) == number[17] else None,
        born=_adult(usable_date(basic.born_on, as_of), ctx) if basic is not None else None,
        applied=usable_date(development.applied_on, as_of) if development is not None else None,
        name=name if type(name) is str and is_person_name(name) else None,
    )
