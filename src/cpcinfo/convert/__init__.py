"""Converting 党员信息库 documents to and from the cpcinfo types.

The converters take data that is already parsed (``json.load`` output or the equivalent Python values) and
give it back the same way; they do no I/O.

Document format
===============

A document is one JSON object with a list of records per entity::

    {"organizations": [...], "members": [...], "applicants": [...]}

Every record is an object. Its record-level fields (``parent`` for an organization, ``id`` for a member or
an applicant) sit beside its groups (``basic``, ``leaders``, ``education`` ...). A group is an object of
fields; a repeated group (班子成员, 组织奖惩, 学历学位信息, 奖惩信息) is a list of such objects; the
applicant's ``mentors`` (培养人) is a list of names::

    {"id": "M000001",
     "basic": {"name": "王建国", "gender": "1", "born_on": "1975-03-02", ...},
     "education": [{"level": "21", "enrolled_on": "1993-09-01", "graduated_on": "1997-07-01"}],
     "standing": {"joined_on": "1998-06-20", ...}, ...}

Key languages
-------------
A document is written either with English keys (``keys="en"``: the attribute names of the types, as above)
or with Chinese keys (``keys="zh"``): 「党组织」「党员」「申请入党人」 at the top, a group's Chinese name
(「基本信息」「班子成员」...) for each group, a field's Chinese label (「姓名」「出生日期」...) inside a group,
and 「上级党组织代码」 / 「人员编号」 for the record-level fields. Every name and label comes from the
glossary (:func:`cpcinfo.fields.glossary`). :func:`detect_keys` tells the two apart by the top-level keys,
and :func:`read_document` uses it when no language is given.

Values are kept as recorded
---------------------------
Nothing a user gave is thrown away; whether it is *right* is for the validation rules to say.

- Text, code, key, organization-code and 公民身份号码 fields keep a string exactly (「男」 stays 「男」,
  ``""`` stays ``""``); a number or boolean is kept as :class:`~cpcinfo.values.Unparsed`.
- Date fields read a ``datetime.date`` as is, and a string in ``YYYY-MM-DD``, ``YYYYMMDD`` or
  ``YYYY.MM.DD`` (ASCII digits) that is a real calendar date as a ``datetime.date``. Anything else
  (「1985年6月」, 「2010-02-30」, the number ``19850601``) is kept verbatim as ``Unparsed``. No fuzzy
  parsing happens here.
- Flags (法人单位标识 and the two 困难党员 flags) read JSON ``true``/``false`` and the text 「是」/「否」 as
  a bool; anything else is ``Unparsed``.
- ``null`` and an absent key both read as ``None``. A group recorded as ``{}`` is a group with every field
  ``None``; a repeated group recorded as ``[]`` is the empty tuple.
- Keys the glossary does not know, at any level (the top, a record, a group, a subrecord), are kept in
  that object's ``extras`` in the order read, each value exactly as given. :func:`read_document` reports
  them.

Writing: the canonical form
---------------------------
:func:`unstructure` writes the canonical form of a document, so ``unstructure(structure(doc))`` gives back
``doc`` when ``doc`` is canonical:

- a date is written ``YYYY-MM-DD`` (a ``19850601`` or ``1985.06.01`` that was read as a date comes back as
  ``1985-06-01``); an ``Unparsed`` value is written as its raw scalar;
- a flag is written ``true``/``false`` with English keys and 「是」/「否」 with Chinese keys;
- a ``None`` field or group is left out (the canonical form has no ``null``), while ``[]`` stays ``[]``;
- all three top-level lists are always written, empty or not;
- unknown keys are written back verbatim after the known ones, in either key language (a known key of the
  output language wins over an unknown key of the same name).

Errors
------
The only error is a document of the wrong shape: a list where an object belongs, a number or a string
where a group belongs, an object where a list belongs, a list or an object where a single value belongs, a
document that is not an object. The whole document is checked and one
:class:`~cpcinfo.errors.DocumentError` lists every :class:`~cpcinfo.errors.Problem`, each with its record
key and its path in the document's own keys (``党员[3].基本信息.出生日期``, ``members[3].basic.born_on``;
indices are 0-based). ``null`` inside a list is a problem too: a list holds subrecords or names, not gaps.

>>> doc = {"党员": [{"人员编号": "M1", "基本信息": {"姓名": "王芳", "性别": "女",
...                                               "出生日期": "1985.06.01", "备注": "调入"}}]}
>>> loaded = read_document(doc)
>>> loaded.keys
'zh'
>>> person = loaded.infobase.members[0].basic
>>> person.gender, person.born_on, person.extras
('女', datetime.date(1985, 6, 1), (('备注', '调入'),))
>>> [u.path for u in loaded.unknown_keys]
['党员[0].基本信息.备注']
>>> unstructure(loaded.infobase, keys="zh")["党员"][0]["基本信息"]["出生日期"]
'1985-06-01'

Performance: each key language has one ``cattrs.Converter``, generated once from the glossary on first use
(:func:`functools.cache`) and never changed afterwards.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
from cattrs.errors import ClassValidationError

from cpcinfo.applicant import Applicant
from cpcinfo.convert._codec import ENTITY_ATTRIBUTES, Codec, Keys, codec
from cpcinfo.convert._values import ShapeError, as_object, expected, parse_date
from cpcinfo.entity import Entity
from cpcinfo.errors import DocumentError, Problem
from cpcinfo.fields import RECORD_CLASSES
from cpcinfo.infobase import InfoBase
from cpcinfo.member import Member
from cpcinfo.org import Organization
from cpcinfo.sanitize import one_line

__all__ = [
    "DocumentError",
    "Keys",
    "Loaded",
    "Problem",
    "UnknownKey",
    "detect_keys",
    "entity_key",
    "misplaced_records",
    "parse_date",
    "read_document",
    "structure",
    "structure_applicant",
    "structure_member",
    "structure_organization",
    "unstructure",
    "unstructure_applicant",
    "unstructure_member",
    "unstructure_organization",
]


@attrs.frozen(kw_only=True)
class UnknownKey:
    """A key the glossary does not know, kept in ``extras`` where it was found.

    ``entity`` is ``None`` for a key at the document's top level; ``index`` and ``record_key`` name the
    record (as in :class:`~cpcinfo.errors.Problem`); ``path`` is the full path of the key in the document's
    own key language (``党员[0].基本信息.备注``); ``key`` is the key itself.
    """

    entity: Entity | None
    index: int | None
    record_key: str | None
    path: str
    key: str


@attrs.frozen(kw_only=True)
class Loaded:
    """What :func:`read_document` read: the database, the key language and the unknown keys it kept."""

    infobase: InfoBase
    keys: Keys
    unknown_keys: tuple[UnknownKey, ...] = ()


def entity_key(entity: Entity, *, keys: Keys = "en") -> str:
    """The top-level key of an entity's list: ``members`` or 「党员」.

    >>> entity_key(Entity.APPLICANT), entity_key(Entity.APPLICANT, keys="zh")
    ('applicants', '申请入党人')
    """
    return codec(keys).top[entity]


def detect_keys(data: object) -> Keys:
    """The key language of a document, by its top-level keys.

    ``"zh"`` when more of 「党组织」「党员」「申请入党人」 than of ``organizations``, ``members``,
    ``applicants`` are present; ``"en"`` otherwise (also for a document that is not an object).

    >>> detect_keys({"党员": []}), detect_keys({"members": []}), detect_keys({})
    ('zh', 'en', 'en')
    """
    if not isinstance(data, Mapping):
        return "en"
    zh = sum(1 for e in Entity if e.label in data)
    en = sum(1 for e in Entity if ENTITY_ATTRIBUTES[e] in data)
    return "zh" if zh > en else "en"


# -- whole documents -----------------------------------------------------------------------------------------


def structure(data: object, *, keys: Keys = "en") -> InfoBase:
    """Read a whole document (see the module docs) into an :class:`~cpcinfo.infobase.InfoBase`.

    Raises :class:`~cpcinfo.errors.DocumentError`, listing every shape problem, when the document has the
    wrong shape; never anything else for JSON-like data.
    """
    c = codec(keys)
    try:
        document = data if data.__class__ is dict else as_object(data)
    except ShapeError as exc:
        raise DocumentError([Problem(entity=None, index=None, record_key=None, path="", message=exc.message)]) from None
    assert isinstance(document, dict)
    problems: list[Problem] = []
    other = codec("zh" if keys == "en" else "en")
    for entity in Entity:
        # Records under the other language's key would be kept as an unknown key, unchecked and uncounted:
        # a silent drop. A document speaks one key language.
        if other.top[entity] in document:
            problems.append(Problem(entity=entity, index=None, record_key=None, path=other.top[entity],
                                    message=f"文档的键是{'英文' if keys == 'en' else '中文'}，这里却用了"
                                            f"「{other.top[entity]}」；请整个文档只用一种键（应为「{c.top[entity]}」）"))
    records: dict[str, tuple[Any, ...]] = {}
    for entity in Entity:
        top = c.top[entity]
        raw = document.get(top)
        if raw is None:
            records[ENTITY_ATTRIBUTES[entity]] = ()
            continue
        if not isinstance(raw, list | tuple):
            message = expected("列表", raw).message
            problems.append(Problem(entity=entity, index=None, record_key=None, path=top, message=message))
            continue
        hook = c.structure_hooks[RECORD_CLASSES[entity]]
        out = []
        for index, item in enumerate(raw):
            try:
                out.append(hook(item))
            except (ClassValidationError, ShapeError) as exc:
                problems.extend(_problems(c, entity, index, item, exc, f"{top}[{index}]"))
        records[ENTITY_ATTRIBUTES[entity]] = tuple(out)
    if problems:
        raise DocumentError(problems)
    extras = tuple((k, v) for k, v in document.items() if k not in c.top_known)
    return InfoBase(**records, extras=extras)


def unstructure(infobase: InfoBase, *, keys: Keys = "en") -> dict[str, Any]:
    """Write a whole database as a document in its canonical form (see the module docs)."""
    c = codec(keys)
    out: dict[str, Any] = {}
    for entity in Entity:
        hook = c.unstructure_hooks[RECORD_CLASSES[entity]]
        out[c.top[entity]] = [hook(r) for r in getattr(infobase, ENTITY_ATTRIBUTES[entity])]
    for key, value in infobase.extras:
        out.setdefault(key, value)
    return out


def read_document(data: object, *, keys: Keys | None = None, allow_unknown: bool = False) -> Loaded:
    """Read a whole document, detecting its key language unless given, and report its unknown keys.

    Raises :class:`~cpcinfo.errors.DocumentError` like :func:`structure`, and also — unless
    ``allow_unknown`` — for a top-level key the glossary does not know that holds a list of records or is a
    misspelling of a known key (:func:`misplaced_records`): its records would be kept aside, never checked.

    >>> read_document({"Members": [{"id": "M1"}]})
    Traceback (most recent call last):
    ...
    cpcinfo.errors.DocumentError: 文档结构有 1 处错误：
    Members：顶层键「Members」未知，其中 1 条记录不会被检查；是否应为「members」？（附加数据请用 --allow-unknown）
    """
    language: Keys = detect_keys(data) if keys is None else keys
    if not allow_unknown:
        misplaced = list(misplaced_records(data, keys=language))
        if misplaced:
            raise DocumentError(misplaced)
    infobase = structure(data, keys=language)
    return Loaded(infobase=infobase, keys=language, unknown_keys=tuple(_unknown_keys(infobase, codec(language))))


def misplaced_records(data: object, *, keys: Keys = "en") -> Iterator[Problem]:
    """The top-level keys of a document that the glossary does not know but that look like records: a list
    holding objects, or a key that is a known key once case, spaces and width are ignored. Each problem names
    the nearest known key."""
    if not isinstance(data, Mapping):
        return
    c = codec(keys)
    known = sorted(codec("en").top_known | codec("zh").top_known)
    folded = {_fold_key(k): k for k in known}
    for key, value in data.items():
        if not isinstance(key, str) or key in known:
            continue
        records = isinstance(value, list | tuple) and any(isinstance(v, Mapping) for v in value)
        nearest = folded.get(_fold_key(key))
        if nearest is None and not records:
            continue
        if nearest is None:
            close = difflib.get_close_matches(_fold_key(key), list(folded), n=1, cutoff=0.5)
            nearest = folded[close[0]] if close else None
        count = sum(1 for v in value if isinstance(v, Mapping)) if records else 0
        what = f"其中 {count} 条记录不会被检查" if records else "其中的内容不会被检查"
        hint = (f"是否应为「{nearest}」？" if nearest is not None
                else f"已知的顶层键为 {'、'.join(c.top[e] for e in Entity)}；")
        yield Problem(entity=None, index=None, record_key=None, path=one_line(key),
                      message=f"顶层键「{one_line(key)}」未知，{what}；{hint}（附加数据请用 --allow-unknown）")


def _fold_key(key: str) -> str:
    return "".join(unicodedata.normalize("NFKC", key).split()).casefold().replace("_", "").replace("-", "")


# -- one record ----------------------------------------------------------------------------------------------


def structure_organization(data: object, *, keys: Keys = "en") -> Organization:
    """Read one organization record (an object, as in a document's list)."""
    result: Organization = _structure_record(Entity.ORGANIZATION, data, keys)
    return result


def structure_member(data: object, *, keys: Keys = "en") -> Member:
    """Read one member record (an object, as in a document's list)."""
    result: Member = _structure_record(Entity.MEMBER, data, keys)
    return result


def structure_applicant(data: object, *, keys: Keys = "en") -> Applicant:
    """Read one applicant record (an object, as in a document's list)."""
    result: Applicant = _structure_record(Entity.APPLICANT, data, keys)
    return result


def unstructure_organization(record: Organization, *, keys: Keys = "en") -> dict[str, Any]:
    """Write one organization record in its canonical form."""
    return _unstructure_record(Entity.ORGANIZATION, record, keys)


def unstructure_member(record: Member, *, keys: Keys = "en") -> dict[str, Any]:
    """Write one member record in its canonical form."""
    return _unstructure_record(Entity.MEMBER, record, keys)


def unstructure_applicant(record: Applicant, *, keys: Keys = "en") -> dict[str, Any]:
    """Write one applicant record in its canonical form."""
    return _unstructure_record(Entity.APPLICANT, record, keys)


# -- helpers -------------------------------------------------------------------------------------------------


def _structure_record(entity: Entity, data: object, keys: Keys) -> Any:
    c = codec(keys)
    try:
        return c.record_hooks[entity](data)
    except (ClassValidationError, ShapeError) as exc:
        raise DocumentError(_problems(c, entity, None, data, exc, "")) from None


def _unstructure_record(entity: Entity, record: Any, keys: Keys) -> dict[str, Any]:
    result: dict[str, Any] = codec(keys).unstructure_hooks[RECORD_CLASSES[entity]](record)
    return result


def _problems(
    c: Codec, entity: Entity, index: int | None, data: object, exc: BaseException, path: str
) -> Iterator[Problem]:
    record_key = c.raw_record_key(entity, data)
    for where, message in c.problems(exc, path):
        yield Problem(entity=entity, index=index, record_key=record_key, path=where, message=message)


def _unknown_keys(infobase: InfoBase, c: Codec) -> Iterator[UnknownKey]:
    for key, _ in infobase.extras:
        yield UnknownKey(entity=None, index=None, record_key=None, path=str(key), key=key)
    for entity in Entity:
        top = c.top[entity]
        for index, record in enumerate(getattr(infobase, ENTITY_ATTRIBUTES[entity])):
            for path, key in c.unknown_keys(record, f"{top}[{index}]"):
                yield UnknownKey(entity=entity, index=index, record_key=record.key, path=path, key=key)

