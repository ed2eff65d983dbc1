"""The base database the examples of the system rules are made from.

Every rule documents itself with examples the tests run: a field rule's are its entity's base record with
one change (``BASE_ORGANIZATION`` in :mod:`cpcinfo.org.rules`, ``BASE_MEMBER`` in :mod:`cpcinfo.member.rules`,
``BASE_APPLICANT`` in :mod:`cpcinfo.applicant.rules`); a system rule's are this database, which holds those
records, with changes (:func:`doc`).
"""

from __future__ import annotations

import datetime
from typing import Any

from cpcinfo.applicant.rules import BASE_APPLICANT
from cpcinfo.member.rules import BASE_MEMBER
from cpcinfo.org.rules import BASE_ORGANIZATION
from cpcinfo.rules.builders import example, with_value
from cpcinfo.rules.model import Example

BASE_DOCUMENT: dict[str, Any] = {
    "organizations": [
        {"basic": {"code": "001", "name": "中共西北大学委员会", "category": "611", "locality": "1",
                   "elected_on": "2008-06-01", "term_ends_on": "2013-06-01"},
         "leaders": [{"name": "王建国", "title": "001A"}],
         "unit": {"name": "西北大学", "affiliation": "20", "nature": "9", "industry": "84", "legal_entity": True,
                  "party_setup": "11", "grassroots_type": "9"}},
        {"parent": "001",
         "basic": {"code": "001001", "name": "中共西北大学化学系总支部委员会", "category": "621", "locality": "1",
                   "elected_on": "2010-06-01", "term_ends_on": "2013-06-01", "unit_relation": "1"},
         "leaders": [{"name": "张伟", "title": "001A"}]},
        with_value(with_value(BASE_ORGANIZATION, "unit", ...), "basic.unit_relation", "1"),
    ],
    "members": [
        BASE_MEMBER,
        with_value(with_value(with_value(BASE_MEMBER, "id", "M0002"), "basic.name", "张伟"),
                   "basic.born_on", "1978-11-02"),
    ],
    "applicants": [BASE_APPLICANT],
}
"""A valid database: a 党委, a 党总支 and a 党支部 with two members and one applicant."""


def doc(note: str = "", as_of: datetime.date | None = None, **changes: Any) -> Example:
    """An example database: the base database with changes at paths like ``members__0__basic__born_on``."""
    return example(BASE_DOCUMENT, note, as_of, **changes)


__all__ = ["BASE_DOCUMENT", "doc"]
