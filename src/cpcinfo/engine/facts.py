"""What several system rules read from one member or applicant, worked out once per record.

A fact is ``None`` whenever its own field rule rejects the value: relations between fields are judged on
nothing else, which keeps one defect one finding.

The facts of each entity are written once, as code (:class:`FactsCode`): statements that set one local
``f_<name>`` per field of :class:`Facts`. From that code come both the function that builds a record's
:class:`Facts` (:func:`member_facts`, :func:`applicant_facts`: what the hooks read as ``ctx.facts``) and the
lines the compiled record pass (``cpcinfo.engine.record_pass``) writes in line, where the quiet tests read
the locals and the object is built only when a hook is called. A valid member of a province thus costs no
call and no object for its facts.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from cpcinfo.ids import ric
from cpcinfo.ids.ric import CHECK_CHARACTERS
from cpcinfo.rules.checks import MAX_NAME_LENGTH, person_name_form, person_name_test
from cpcinfo.rules.dates import add_years
from cpcinfo.rules.reading import SENTINEL_DATES, is_blank, usable_date_test

if TYPE_CHECKING:
    from cpcinfo.engine.context import SystemContext


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


FACT_NAMES = tuple(field.name for field in attrs.fields(Facts))


def id_number(record: Any) -> str | None:
    """The identity number in its compact form, when it has the 18-character form; else None."""
    value = record.basic.id_number if record.basic is not None else None
    if value is None or is_blank(value):
        return None
    compact = ric.compact(str(value))
    if not ric.FORM.fullmatch(compact):
        return None  # its form is MEM107's finding
    return compact


def plain_branch(value: Any) -> str | None:
    """The branch as text (``None`` when blank)."""
    if type(value) is str and value.isalnum() and value.isascii():
        return value  # a code as written (even 「NULL」: whether it names an organization is MEM901's question)
    return None if is_blank(value) else str(value)


def adult(born: datetime.date | None, as_of: datetime.date, min_age: int) -> datetime.date | None:
    """The birth date, when the person is of age on the date of the check (else it is no usable fact)."""
    if born is None or add_years(born, min_age) > as_of:
        return None
    return born


@attrs.frozen
class FactsCode:
    """How the facts of one entity are worked out, as Python statements.

    ``body`` reads ``record``, ``as_of`` (the date of the check) and ``min_age`` (the rule set's minimum age)
    and the names of ``namespace``, and sets ``f_<name>`` for every field of :class:`Facts`; locals of its own
    begin with ``f_`` too, so that the statements can stand inside another function.
    """

    body: str
    namespace: Mapping[str, Any]

    def function(self) -> Callable[[Any, SystemContext], Facts]:
        """The facts of one record, as an object: ``facts_of(record, ctx)``."""
        lines = ["def facts_of(record, ctx):", "    as_of, min_age = ctx.as_of, ctx.ruleset.min_age_years",
                 *("    " + line for line in self.body.splitlines()),
                 f"    return Facts({', '.join(f'f_{name}' for name in FACT_NAMES)})"]
        namespace = dict(self.namespace)
        exec(compile("\n".join(lines), "<cpcinfo facts>", "exec"), namespace)
        built: Callable[[Any, SystemContext], Facts] = namespace["facts_of"]
        return built


_NAMESPACE = {"Facts": Facts, "date": datetime.date, "SENTINEL_DATES": SENTINEL_DATES, "id_number": id_number,
              "plain_branch": plain_branch, "adult": adult, "person_name_form": person_name_form,
              "MAX_NAME_LENGTH": MAX_NAME_LENGTH, "CHECK_CHARACTERS": CHECK_CHARACTERS}


def _usable(name: str, value: str) -> str:
    """``f_<name>`` set to a date field's value when ``usable_date`` accepts it, else ``None``: in line."""
    return f"f_{name} = {value}\nif not ({usable_date_test(f'f_{name}')}):\n    f_{name} = None\n"


def _indented(text: str) -> str:
    return "".join("    " + line + "\n" for line in text.splitlines())


# The common case of each fact (a compact identity number, a plain branch code, a birth date more than the
# minimum age in calendar years ago, a name in the standard form) is settled in line; the helpers above see
# only the rest.
_PERSON = f"""\
if f_basic is not None:
    f_id_number = f_basic.id_number
    if not (type(f_id_number) is str and len(f_id_number) == 18 and f_id_number.isascii()
            and f_id_number[:17].isdigit() and (f_id_number[17].isdigit() or f_id_number[17] == "X")):
        f_id_number = id_number(record)
{_indented(_usable("born", "f_basic.born_on"))}\
    if f_born is not None and as_of.year - f_born.year <= min_age:
        f_born = adult(f_born, as_of, min_age)
    f_name = f_basic.name
    if not (type(f_name) is str and {person_name_test("f_name")}):
        f_name = None
else:
    f_id_number = f_born = f_name = None
"""
_CHECKED = "f_id_checked = f_id_number if f_id_number is not None" \
           " and CHECK_CHARACTERS[int(f_id_number[:17], 13) % 11] == f_id_number[17] else None\n"


MEMBER_FACTS = FactsCode(body=f"""\
f_basic, f_relation, f_standing = record.basic, record.relation, record.standing
{_PERSON}if f_relation is not None:
    f_branch = f_relation.branch
    if not (type(f_branch) is str and f_branch.isalnum() and f_branch.isascii()):
        f_branch = plain_branch(f_branch)
{_indented(_usable("entered", "f_relation.entered_on"))}else:
    f_branch = f_entered = None
if f_standing is not None:
{_indented(_usable("joined", "f_standing.joined_on"))}{_indented(_usable("full", "f_standing.full_member_on"))}else:
    f_joined = f_full = None
{_CHECKED}f_applied = None
""", namespace=_NAMESPACE)
"""The facts of a member (basic information, party standing, branch relation)."""

APPLICANT_FACTS = FactsCode(body=f"""\
f_basic, f_development = record.basic, record.development
{_PERSON}if f_development is not None:
    f_branch = plain_branch(f_development.branch)
{_indented(_usable("applied", "f_development.applied_on"))}else:
    f_branch = f_applied = None
{_CHECKED}f_joined = f_full = f_entered = None
""", namespace=_NAMESPACE)
"""The facts of an applicant (basic information, development)."""

member_facts = MEMBER_FACTS.function()
applicant_facts = APPLICANT_FACTS.function()
