"""The errors of cpcinfo: one root, and the errors about documents.

Every error cpcinfo raises on purpose derives from :class:`CpcinfoError`, so a caller can catch the library's
failures with one ``except``. Each keeps the standard-library base its callers already catch: a document of
the wrong shape is still a ``ValueError``, an unknown code or rule still a ``LookupError``::

    CpcinfoError
    ├── InvalidArgumentError(ValueError)   a value the library refuses (a format, a sample size, a score …)
    │   ├── InvalidIdentifier              an identity number or organization code (cpcinfo.ids), as python-stdnum:
    │   │   ├── InvalidFormat              … not of the form (InvalidLength: not of the length)
    │   │   ├── InvalidChecksum            … its check character is wrong
    │   │   └── InvalidComponent           … a part is impossible (a birth date that is no date)
    │   ├── SelectionError                 a rule selector that selects nothing (cpcinfo.rules.registry)
    │   ├── SampleSizeError                a sample size below the minimum (cpcinfo.acceptance.sampling)
    │   └── EmptyInfoBaseError             a database without organizations or members (cpcinfo.acceptance.audit)
    ├── NotFoundError(KeyError)            a lookup of a name or code that is not there (a field, an organization)
    │   └── UnknownRuleError               a rule code that names no rule
    ├── DocumentError(ValueError)          a document of the wrong shape (below)
    ├── CodeError(LookupError)             the code tables' family (cpcinfo.codes)
    ├── WaiverError(ValueError)            a waiver that cannot be accepted (cpcinfo.checking.waivers)
    ├── InputError                         a file that cannot be read (cpcinfo.io), TabularError, PartError …
    └── MissingExtra(ImportError), PdfUnavailable(RuntimeError)   an optional library that is not there

A ``TypeError`` for an argument of the wrong type stays a plain ``TypeError`` (a mistake in the calling code,
as in the standard library), and an exception that means cpcinfo itself is inconsistent (``RuntimeError``
about the glossary's layout, a quiet test that reads no fact) is a bug, not a failure mode, so it is not a
``CpcinfoError`` either.

Documents
=========

cpcinfo keeps every *value* a user recorded, however wrong (see :mod:`cpcinfo.values`), so the only thing a
document can get wrong in a way the library refuses is its *shape*: a list where an object belongs, a number
where a group belongs, an object where a single value belongs, and so on. Reading such a document raises one
:class:`DocumentError` that lists every :class:`Problem` found, not just the first.

A problem names the place in the words the user wrote: the path uses the document's own keys (English
attribute names or the glossary's Chinese labels) and 0-based list indices, e.g. ``党员[3].基本信息.出生日期``
or ``members[3].basic.born_on``.

>>> from cpcinfo.entity import Entity
>>> p = Problem(entity=Entity.MEMBER, index=3, record_key="M000004",
...             path="党员[3].基本信息.出生日期", message="应为单个值，实际为列表")
>>> print(DocumentError([p]))
文档结构有 1 处错误：
党员[3].基本信息.出生日期（M000004）：应为单个值，实际为列表
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from cpcinfo.entity import Entity

__all__ = [
    "CpcinfoError",
    "DocumentError",
    "InvalidArgumentError",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidIdentifier",
    "InvalidLength",
    "NotFoundError",
    "Problem",
    "UnknownRuleError",
]


class CpcinfoError(Exception):
    """The root of every error cpcinfo raises on purpose."""


class InvalidArgumentError(CpcinfoError, ValueError):
    """A value given to cpcinfo that it refuses: an unknown report format, a sample size below the minimum, a
    score outside 0–100 … ``str()`` says what was given and what is allowed."""


class InvalidIdentifier(InvalidArgumentError):
    """An identifier that is not valid (:mod:`cpcinfo.ids`); the subclasses say how, as python-stdnum's
    exceptions of the same names do."""


class InvalidFormat(InvalidIdentifier):
    """An identifier that does not have the form of its kind (characters that do not belong)."""


class InvalidLength(InvalidFormat):
    """An identifier of the wrong length."""


class InvalidChecksum(InvalidIdentifier):
    """An identifier whose check character is not the one its other characters give."""


class InvalidComponent(InvalidIdentifier):
    """An identifier with an impossible part: a birth date that is no real date."""


class NotFoundError(CpcinfoError, KeyError):
    """A lookup by name or code of something that is not there: a glossary field, an organization of a tree
    or a roster, a unit of a region. Like any ``KeyError``, ``str()`` is the repr of the message."""


class UnknownRuleError(NotFoundError):
    """A rule code that names no rule (``registry()["XYZ999"]``)."""


@attrs.frozen(kw_only=True)
class Problem:
    """One shape problem of a document.

    - ``entity``: the kind of record it is in, or ``None`` for the document's top level;
    - ``index``: the 0-based position of the record in its list, or ``None`` (top level, or a record
      converted on its own);
    - ``record_key``: the record's key (organization code or 人员编号) when the record recorded one that
      could be read, else ``None``;
    - ``path``: where, in the document's own key language; empty for the document itself;
    - ``message``: what is wrong, in Chinese.
    """

    entity: Entity | None
    index: int | None
    record_key: str | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.path or ("文档" if self.entity is None else self.entity.label)
        if self.record_key is not None:
            where = f"{where}（{self.record_key}）"
        return f"{where}：{self.message}"


class DocumentError(CpcinfoError, ValueError):
    """A document (or one record) does not have the shape of a 党员信息库 document.

    ``problems`` holds every problem found, in document order; ``str()`` lists them one per line after a
    summary line.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        problems = tuple(problems)
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        lines = [f"文档结构有 {len(self.problems)} 处错误："]
        lines.extend(str(p) for p in self.problems)
        return "\n".join(lines)
