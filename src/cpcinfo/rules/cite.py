"""Where the rules' and code tables' sources are written down: the project's own pages under ``docs/domain/``.

A rule or table cites a reading as ``docs/domain/<page>.md#<anchor>``; each page gives the reading with its
own sources (official texts, standards, third-party copies) and a confidence mark. A test resolves every
citation to an existing page and anchor (``tests/test_citations.py``).
"""

from __future__ import annotations

import re

GENERAL = "docs/domain/general.md"
ORGANIZATION = "docs/domain/organization.md"
UNIT = "docs/domain/unit.md"
PERSON = "docs/domain/person.md"
EDUCATION = "docs/domain/education.md"
MEMBER = "docs/domain/member.md"
MEMBERSHIP = "docs/domain/membership.md"
APPLICANT = "docs/domain/applicant.md"
ACCEPTANCE = "docs/domain/acceptance.md"

CITATION = re.compile(r"docs/domain/(?P<page>[a-z0-9-]+)\.md#(?P<anchor>[a-z0-9-]+)")
"""A citation of a reading: a page of ``docs/domain/`` and an anchor on it."""
