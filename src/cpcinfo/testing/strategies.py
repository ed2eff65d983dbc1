"""Hypothesis strategies for cpcinfo's records, databases and documents.

The package never imports this module; tests do. It needs ``hypothesis``, which the ``testing`` extra brings
(``pip install 'cpcinfo[testing]'``)::

    from hypothesis import given
    from cpcinfo.testing.strategies import documents, members

    @given(members())
    def test_something(member): ...

Every strategy generates what a careful clerk would record under the Shaanxi 2010–2011 rules, so a
generated record is *valid* and a test can break exactly one thing in it:

- codes are leaf codes of :func:`cpcinfo.codes.default_tables`, written as the code (never the label);
- names are 2–4 common Chinese characters; unit names are Chinese unit names (「西北大学化学系」);
- a person is 20–75 years old (members) or at least 18 at application (applicants); 籍贯 is a county-level
  region code in force both on ``as_of`` and today; the optional 公民身份号码 is a valid GB 11643 number that
  agrees with 籍贯, the birth date and the gender;
- education, standing, organization relation, awards and the applicant's development chain are in date
  order, and no generated date is after ``as_of`` (the date the database is looked at; :data:`DEFAULT_AS_OF`
  unless given, and no earlier than 1980) — except 本届届满日期, the end of a term that is still running;
- :func:`infobases` builds one organization tree (a 党委, its 党总支 and 党支部) whose members sit in
  its branches, whose leaders are its members and whose applicants' mentors are full members of the
  applicant's branch.

Strategies shrink toward small, early, plain records: the fewest subrecords, the earliest dates allowed,
the first code of each table, no optional fields.

:func:`documents` turns a database into a document dict (see :mod:`cpcinfo.convert`); with ``junk=True``
it also writes junk into random fields and unknown keys into random objects, in ways that
:func:`cpcinfo.convert.structure` keeps and :func:`cpcinfo.convert.unstructure` writes back exactly.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs
from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from cpcinfo.applicant import Applicant, Development
from cpcinfo.codes import CodeTable, default_tables
from cpcinfo.convert import Keys, entity_key, parse_date, unstructure
from cpcinfo.entity import Entity
from cpcinfo.fields import FieldKind, glossary
from cpcinfo.ids import ric
from cpcinfo.infobase import InfoBase
from cpcinfo.member import Floating, Hardship, Member, MemberAward, Relation, Standing, Work
from cpcinfo.org import Leader, Organization, OrgAward, OrgBasic, Unit
from cpcinfo.person import Education, Person
from cpcinfo.rules.reading import SENTINEL_DATES
from cpcinfo.rules.ruleset import SHAANXI_2011
from cpcinfo.values import Unparsed

__all__ = [
    "DEFAULT_AS_OF",
    "applicants",
    "documents",
    "id_number_holds",
    "infobases",
    "json_values",
    "junk_values",
    "members",
    "organizations",
]

_T = TypeVar("_T")

DEFAULT_AS_OF = datetime.date(2011, 6, 30)
"""The default date the generated database is looked at (the Shaanxi acceptance check of 2011)."""

_FOUNDING = datetime.date(1949, 10, 1)
_EARLIEST_AS_OF = datetime.date(1980, 1, 1)

# -- vocabulary -----------------------------------------------------------------------------------------------

_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶"
    "余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "皇甫", "令狐")
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力晓燕鹏飞宁波斌宇浩凯亮琳欣雪梅林海峰志永春"

# Units by the tag of their 单位性质类别: (unit name, nature tag).
_INSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("西北大学", "public-institution"),
    ("陕西师范大学", "public-institution"),
    ("长安大学", "public-institution"),
    ("西安市第一医院", "public-institution"),
    ("陕西省农业科学院", "public-institution"),
    ("陕西重型汽车有限公司", "enterprise"),
    ("宝鸡机床集团有限公司", "enterprise"),
    ("延长石油集团有限公司", "enterprise"),
    ("西安市雁塔区人民政府", "government"),
    ("陕西省统计局", "government"),
)
_DEPARTMENTS = (
    "化学系", "物理系", "历史系", "办公室", "财务处", "第一车间", "第二车间", "技术中心", "后勤处", "信息科",
)
_ORDINALS = ("第一", "第二", "第三", "第四", "学生第一", "学生第二", "教工", "离退休")

_SUFFIXES = {"committee": "委员会", "general-branch": "总支部委员会", "branch": "支部委员会"}
# The org_category code of each kind: the base-level 党委 / 党总支部 / 党支部 (the brief's 611/621/631);
# checked against the table's tags when the codes are prepared.
_CATEGORIES = {"committee": "611", "general-branch": "621", "branch": "631"}
_PARTY_SETUP_TAGS = {"committee": "committee", "general-branch": "general-branch", "branch": "branch"}
_TERM_YEARS = {"committee": 5, "general-branch": 3, "branch": 3}

_JUNK_TEXT = (
    "不详",
    "1985年6月",
    "2010-02-30",
    "1985.6.1",
    "无",
    "",
    " ",
    "男",
    "女",
    "汉族",
    "大学",
    "是",
    "否",
    "Y",
    "N/A",
    "——",
    "１９８５",
    "待定",
)


# -- the code tables, prepared once ---------------------------------------------------------------------------


@attrs.frozen
class _Codes:
    """The leaf codes each strategy draws from."""

    gender: tuple[str, ...]
    male: str
    ethnicity: tuple[str, ...]
    education: tuple[str, ...]
    regions: tuple[tuple[str, int | None], ...]  # (code, valid_from) of county-level codes in force today
    join_probationary: tuple[str, ...]
    on_time: tuple[str, ...]
    in_probation: tuple[str, ...]
    entry_new: tuple[str, ...]
    entry_transfer: tuple[str, ...]
    work_post: tuple[str, ...]
    frontline: tuple[str, ...]
    member_award: tuple[str, ...]
    authority_level: tuple[str, ...]
    flow_type: tuple[str, ...]
    category: dict[str, str]
    locality: tuple[str, ...]
    secretary: tuple[str, ...]
    other_titles: tuple[str, ...]
    org_award: tuple[str, ...]
    affiliation: tuple[str, ...]
    nature: dict[str, tuple[str, ...]]  # by nature tag
    industry: tuple[str, ...]
    party_setup: dict[str, tuple[str, ...]]  # by kind
    grassroots_none: tuple[str, ...]
    same_as_parent: str
    legal_entity: str
    labels: tuple[str, ...]  # labels of every small table, for junk


@functools.cache
def _codes() -> _Codes:
    tables = default_tables()

    def leaves(name: str, *, tags: Sequence[str] = (), without: Sequence[str] = ()) -> tuple[str, ...]:
        table = tables[name]
        codes = [e.code for e in table.entries if table.is_leaf(e.code)]
        for tag in tags:
            codes = [c for c in codes if c in table.with_tag(tag)]
        for tag in without:
            codes = [c for c in codes if c not in table.with_tag(tag)]
        if not codes:
            raise RuntimeError(f"code table {name} has no leaf tagged {list(tags)} without {list(without)}")
        return tuple(codes)

    def one(name: str, tag: str) -> str:
        return leaves(name, tags=[tag])[0]

    categories = tables["org_category"]
    for kind, code in _CATEGORIES.items():
        plain = code in categories.with_tag(kind) and code not in categories.with_tag("joint")
        if not (plain and categories.is_leaf(code)):
            raise RuntimeError(f"org_category {code} is no longer the leaf code of a plain {kind}")
    gender = tables["gender"]
    male = next(e.code for e in gender.entries if e.label == "男")
    region = tables["region"]
    regions = tuple(
        (e.code, e.valid_from)
        for e in region.entries
        if region.is_leaf(e.code)
        and e.valid_to is None
        and e.label != "市辖区"
        and e.code[:2] not in ("71", "81", "82")  # Taiwan, Hong Kong and Macao have no such ID numbers
    )
    # 转正情况 while the probation year is still running: pending and not extended. 「预备期满尚未讨论或审批」
    # is pending too but only fits once the year is over, and no tag tells it apart, so its label does.
    outcomes = tables["probation_outcome"]
    pending = leaves("probation_outcome", tags=["pending"], without=["extended"])
    in_probation = tuple(c for c in pending if "期满" not in _label(outcomes, c)) or pending
    natures = {
        tag: leaves("unit_nature", tags=[tag]) for tag in ("public-institution", "enterprise", "government")
    }
    small = ("gender", "ethnicity", "education", "join_type", "probation_outcome", "entry_type", "work_post",
             "frontline", "member_award", "org_category", "leader_title", "unit_nature", "party_setup")
    labels = tuple(sorted({e.label for name in small for e in tables[name].entries}))
    return _Codes(
        gender=leaves("gender"),
        male=male,
        ethnicity=leaves("ethnicity"),
        education=leaves("education"),
        regions=regions,
        join_probationary=leaves("join_type", tags=["probationary"]),
        on_time=leaves("probation_outcome", tags=["on-time"]),
        in_probation=in_probation,
        entry_new=leaves("entry_type", tags=["new"]),
        entry_transfer=leaves("entry_type", tags=["transfer"]),
        work_post=leaves("work_post"),
        frontline=leaves("frontline"),
        member_award=leaves("member_award", without=["exit"]),
        authority_level=leaves("authority_level"),
        flow_type=leaves("flow_type"),
        category=dict(_CATEGORIES),
        locality=leaves("org_locality"),
        secretary=leaves("leader_title", tags=["secretary"]),
        other_titles=leaves("leader_title", tags=["deputy-secretary"]) + leaves("leader_title", tags=["member"]),
        org_award=leaves("org_award", tags=["award"]),
        affiliation=leaves("unit_affiliation"),
        nature=natures,
        industry=leaves(SHAANXI_2011.table("industry")),  # the edition of the default rule set
        party_setup={kind: leaves("party_setup", tags=[tag]) for kind, tag in _PARTY_SETUP_TAGS.items()},
        grassroots_none=leaves("grassroots_type", tags=["none"]),
        same_as_parent=one("unit_relation", "same-as-parent"),
        legal_entity=one("unit_relation", "legal-entity"),
        labels=labels,
    )


def _label(table: CodeTable, code: str) -> str:
    entry = table.get(code)
    return "" if entry is None else entry.label


@functools.cache
def _regions_in(year: int) -> tuple[str, ...]:
    return tuple(code for code, since in _codes().regions if since is None or since <= year)


# -- small helpers --------------------------------------------------------------------------------------------


def _check_as_of(as_of: datetime.date) -> None:
    if type(as_of) is not datetime.date:
        raise InvalidArgument(f"as_of must be a datetime.date, not {as_of!r}")
    if as_of < _EARLIEST_AS_OF:
        raise InvalidArgument(f"as_of must be on or after {_EARLIEST_AS_OF}, not {as_of}")


def _check_bound(name: str, value: int, least: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InvalidArgument(f"{name} must be an int >= {least}, not {value!r}")


def _years(n: int) -> relativedelta:
    return relativedelta(years=n)


@functools.lru_cache(maxsize=1 << 13)
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    # Building a strategy is costly next to drawing from it: build each range once.
    return st.integers(low, high)


def _int(draw: st.DrawFn, low: int, high: int) -> int:
    """An int from ``low`` to ``high`` inclusive, shrinking toward ``low``."""
    return draw(_integers(low, high))


def _pick(draw: st.DrawFn, choices: Sequence[_T]) -> _T:
    """One of ``choices``, shrinking toward the first (``sampled_from`` without rebuilding a strategy)."""
    return choices[draw(_integers(0, len(choices) - 1))]


def _day(draw: st.DrawFn, low: datetime.date, high: datetime.date) -> datetime.date:
    """A day from ``low`` to ``high`` inclusive, shrinking toward ``low``; never a sentinel date such as
    1970-01-01, which the rules read as 未填写."""
    day = low + datetime.timedelta(days=_int(draw, 0, (high - low).days))
    if day in SENTINEL_DATES:
        day += datetime.timedelta(days=1) if day < high else -datetime.timedelta(days=1)
    return day


@functools.cache
def _person_names() -> st.SearchStrategy[str]:
    surname = st.sampled_from(_SURNAMES) | st.sampled_from(_COMPOUND_SURNAMES)
    given = st.text(alphabet=_GIVEN, min_size=1, max_size=2)
    return st.builds(lambda s, g: s + g, surname, given)


@functools.cache
def _unit_names() -> st.SearchStrategy[str]:
    return st.builds(lambda u, d: u[0] + d, st.sampled_from(_INSTITUTIONS), st.sampled_from(_DEPARTMENTS))


@functools.cache
def _branch_codes() -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=3, max_size=12)


def _id_number(draw: st.DrawFn, place: str, born: datetime.date, gender: str) -> str:
    codes = _codes()
    sequence = _int(draw, 0, 99)
    sex = _pick(draw, "13579" if gender == codes.male else "02468")
    body = f"{place}{born.year:04d}{born.month:02d}{born.day:02d}{sequence:02d}{sex}"
    return body + ric.check_character(body)


def id_number_holds(number: str, as_of: datetime.date = DEFAULT_AS_OF) -> bool:
    """Whether an 18-digit 公民身份号码 is one a card could carry on ``as_of``: right check digit, a real birth
    date, and an address code that existed at some time up to ``as_of`` (docs/domain/person.md#id-address).

    Not ``stdnum.cn.ric.is_valid``: that wants the code in force in the birth year, which refuses real numbers
    (and can raise ``KeyError``).
    """
    if not ric.FORM.fullmatch(number) or not ric.is_valid(number):  # the check character, a real birth date
        return False
    entry = default_tables()["region"].get(number[:6])
    return entry is not None and (entry.valid_from is None or entry.valid_from <= as_of.year)


# -- persons --------------------------------------------------------------------------------------------------


def _draw_person(
    draw: st.DrawFn,
    as_of: datetime.date,
    *,
    youngest: int,
    oldest: int,
    name: str | None = None,
    unit_name: str | None = None,
    used_ids: set[str] | None = None,
) -> Person:
    codes = _codes()
    born = _day(draw, as_of - _years(oldest), as_of - _years(youngest))
    gender = _pick(draw, codes.gender)
    place = _pick(draw, _regions_in(as_of.year))
    id_number = None
    if draw(st.booleans()):
        # GB 11643 takes the code of the county when the number was given out (at sixteen, from 1984 on), not
        # in the birth year (docs/domain/person.md#id-address): a county created later lends the number the
        # code of a county that existed then.
        issued = min(as_of.year, max(1984, born.year + 16))
        id_place = place
        if place not in _regions_in(issued):
            id_place = _pick(draw, _regions_in(issued))
        id_number = _id_number(draw, id_place, born, gender)
    if id_number is not None and used_ids is not None:
        if id_number in used_ids:
            id_number = None  # optional; two people cannot share one
        else:
            used_ids.add(id_number)
    return Person(
        name=draw(_person_names()) if name is None else name,
        gender=gender,
        ethnicity=_pick(draw, codes.ethnicity),
        born_on=born,
        native_place=place,
        unit_name=draw(_unit_names()) if unit_name is None else unit_name,
        id_number=id_number,
    )


def _draw_education(draw: st.DrawFn, born: datetime.date, as_of: datetime.date) -> tuple[Education, ...]:
    out: list[Education] = []
    earliest = born + _years(6)
    for _ in range(_int(draw, 1, 2)):
        latest = as_of - _years(2)
        if earliest > latest:
            break
        enrolled = _day(draw, earliest, latest)
        graduated = _day(draw, enrolled + _years(2), min(enrolled + _years(5), as_of))
        out.append(Education(level=_pick(draw, _codes().education), enrolled_on=enrolled,
                             graduated_on=graduated))
        earliest = graduated
    return tuple(out)


# -- members --------------------------------------------------------------------------------------------------


@st.composite
def _members(
    draw: st.DrawFn,
    as_of: datetime.date,
    *,
    member_id: str | None = None,
    name: str | None = None,
    branch: str | None = None,
    unit_name: str | None = None,
    used_ids: set[str] | None = None,
) -> Member:
    codes = _codes()
    person = _draw_person(draw, as_of, youngest=20, oldest=75, name=name, unit_name=unit_name, used_ids=used_ids)
    born = person.born_on
    assert isinstance(born, datetime.date)
    joined = _day(draw, max(born + _years(18), _FOUNDING + datetime.timedelta(days=1)), as_of)
    due = joined + _years(1)
    if due <= as_of:
        full_member_on: datetime.date | None = due
        outcome = _pick(draw, codes.on_time)
    else:
        full_member_on = None
        outcome = _pick(draw, codes.in_probation)
    standing = Standing(
        joined_on=joined,
        join_type=_pick(draw, codes.join_probationary),
        full_member_on=full_member_on,
        probation_outcome=outcome,
    )
    if joined < as_of and draw(st.booleans()):
        entry_type, entered_on = _pick(draw, codes.entry_transfer), _day(
            draw, joined + datetime.timedelta(days=1), as_of
        )
    else:
        entry_type, entered_on = _pick(draw, codes.entry_new), joined
    relation = Relation(
        branch=draw(_branch_codes()) if branch is None else branch, entered_on=entered_on, entry_type=entry_type
    )
    awards = tuple(
        MemberAward(
            name=_pick(draw, codes.member_award),
            authority_level=_pick(draw, codes.authority_level),
            approved_on=_day(draw, joined, as_of),
        )
        for _ in range(_int(draw, 0, 2))
    )
    floating = Floating(flow_type=_pick(draw, codes.flow_type)) if _int(draw, 0, 4) == 4 else None
    return Member(
        id=draw(st.from_regex(r"M[0-9]{6}", fullmatch=True)) if member_id is None else member_id,
        basic=person,
        education=_draw_education(draw, born, as_of),
        work=Work(post=_pick(draw, codes.work_post), frontline=_pick(draw, codes.frontline)),
        awards=awards,
        standing=standing,
        relation=relation,
        floating=floating,
        hardship=Hardship(veteran_without_work=False, special_care_subsidy=draw(st.booleans())),
    )


def members(*, as_of: datetime.date = DEFAULT_AS_OF) -> st.SearchStrategy[Member]:
    """Valid member records (党员); the branch (所在党支部) is any digit string."""
    _check_as_of(as_of)
    return _members(as_of)


# -- applicants -----------------------------------------------------------------------------------------------


@st.composite
def _applicants(
    draw: st.DrawFn,
    as_of: datetime.date,
    *,
    applicant_id: str | None = None,
    name: str | None = None,
    branch: str | None = None,
    unit_name: str | None = None,
    mentor_pool: Sequence[str] | None = None,
    used_ids: set[str] | None = None,
) -> Applicant:
    person = _draw_person(draw, as_of, youngest=18, oldest=60, name=name, unit_name=unit_name, used_ids=used_ids)
    born = person.born_on
    assert isinstance(born, datetime.date)
    applied = _day(draw, born + _years(18), as_of)
    stage = _int(draw, 0, 3) if mentor_pool is None or mentor_pool else 0
    activist = candidate = meeting = None
    if stage >= 1:
        activist = _day(draw, applied, as_of)
    if stage >= 2 and activist is not None and activist + _years(1) <= as_of:
        candidate = _day(draw, activist + _years(1), as_of)
    if stage >= 3 and candidate is not None:
        meeting = _day(draw, candidate, as_of)
    mentors: tuple[str, ...] | None = None
    if activist is not None:
        pool = st.sampled_from(tuple(mentor_pool)) if mentor_pool is not None else _person_names()
        mentors = tuple(draw(st.lists(pool, min_size=1, max_size=2, unique=True)))
    development = Development(
        branch=draw(_branch_codes()) if branch is None else branch,
        applied_on=applied,
        mentors=mentors,
        activist_on=activist,
        candidate_on=candidate,
        branch_meeting_on=meeting,
        approved_on=None,  # an approved applicant is a member: never both a meeting and an approval
    )
    return Applicant(
        id=draw(st.from_regex(r"A[0-9]{6}", fullmatch=True)) if applicant_id is None else applicant_id,
        basic=person,
        education=_draw_education(draw, born, as_of),
        development=development,
    )


def applicants(*, as_of: datetime.date = DEFAULT_AS_OF) -> st.SearchStrategy[Applicant]:
    """Valid applicant records (申请入党人), their development chain filled up to a random stage.

    The chain never goes past 支部大会通过日期 (上级组织批准日期 stays empty: an approved applicant is a
    member). Mentors (1–2 names) are recorded once the applicant is an activist.
    """
    _check_as_of(as_of)
    return _applicants(as_of)


# -- organizations --------------------------------------------------------------------------------------------


def _draw_unit(draw: st.DrawFn, *, name: str, nature_tag: str, kind: str) -> Unit:
    codes = _codes()
    return Unit(
        name=name,
        affiliation=_pick(draw, codes.affiliation),
        nature=_pick(draw, codes.nature[nature_tag]),
        industry=_pick(draw, codes.industry),
        legal_entity=True,
        party_setup=_pick(draw, codes.party_setup[kind]),
        grassroots_type=_pick(draw, codes.grassroots_none),
    )


def _draw_organization(
    draw: st.DrawFn,
    as_of: datetime.date,
    *,
    code: str,
    parent: str | None,
    kind: str,
    stem: str,
    unit: tuple[str, str] | None,
    leader_pool: Sequence[str] | None,
    with_founding: bool = False,
) -> Organization:
    """One organization; ``stem`` is what goes between 「中共」 and the suffix, ``unit`` the (name, nature
    tag) of a full unit or ``None`` for 「与上级党组织相同」; ``leader_pool`` the names leaders come from."""
    codes = _codes()
    elected = _day(draw, as_of - _years(3), as_of)
    if unit is None:
        unit_relation: str | None = codes.same_as_parent
        unit_record = None
    else:
        unit_relation = codes.legal_entity if draw(st.booleans()) else None
        unit_record = _draw_unit(draw, name=unit[0], nature_tag=unit[1], kind=kind)
    # 建立党组织日期 only on a standalone record: in a tree it would have to precede every member's entry.
    founded = None
    if with_founding and draw(st.booleans()):
        founded = _day(draw, max(_FOUNDING, elected - _years(30)), elected)
    basic = OrgBasic(
        code=code,
        name=f"中共{stem}{_SUFFIXES[kind]}",
        category=codes.category[kind],
        locality=_pick(draw, codes.locality),
        elected_on=elected,
        term_ends_on=elected + _years(_TERM_YEARS[kind]),
        founded_on=founded,
        unit_relation=unit_relation,
    )
    pool = st.sampled_from(tuple(leader_pool)) if leader_pool is not None else _person_names()
    most = 4 if leader_pool is None else min(4, len(set(leader_pool)))
    names = draw(st.lists(pool, min_size=1, max_size=most, unique=True))
    titles = draw(st.lists(st.sampled_from(codes.other_titles), min_size=len(names) - 1,
                           max_size=len(names) - 1, unique=True))
    leaders = (
        Leader(name=names[0], title=_pick(draw, codes.secretary)),
        *(Leader(name=n, title=t) for n, t in zip(names[1:], titles, strict=True)),
    )
    earliest_award = max(_FOUNDING, elected - _years(10), founded or _FOUNDING)
    awards = tuple(
        OrgAward(name=_pick(draw, codes.org_award), date=_day(draw, earliest_award, as_of))
        for _ in range(_int(draw, 0, 2))
    )
    return Organization(parent=parent, basic=basic, leaders=leaders, awards=awards, unit=unit_record)


@st.composite
def _organizations(draw: st.DrawFn, as_of: datetime.date) -> Organization:
    kind = _pick(draw, tuple(_SUFFIXES))
    depth = _int(draw, 0, 2)
    code = "".join(f"{_int(draw, 1, 999):03d}" for _ in range(depth + 1))
    institution = _pick(draw, _INSTITUTIONS)
    department = _pick(draw, _DEPARTMENTS)
    unit_name = institution[0] if depth == 0 else institution[0] + department
    same_as_parent = depth >= 2 and draw(st.booleans())
    return _draw_organization(
        draw,
        as_of,
        code=code,
        parent=code[:-3] or None,
        kind=kind,
        stem=unit_name if kind != "branch" or depth == 0 else unit_name + _pick(draw, _ORDINALS),
        unit=None if same_as_parent else (unit_name, institution[1]),
        leader_pool=None,
        with_founding=True,
    )


def organizations(*, as_of: datetime.date = DEFAULT_AS_OF) -> st.SearchStrategy[Organization]:
    """Valid organization records (党组织) of a random kind (党委, 党总支, 党支部) and depth.

    The code is a digit string of 3, 6 or 9 digits and ``parent`` its first digits less three (``None`` for
    a 3-digit root); leaders have random names.
    """
    _check_as_of(as_of)
    return _organizations(as_of)


# -- databases ------------------------------------------------------------------------------------------------


@attrs.frozen
class _Node:
    code: str
    parent: str | None
    kind: str
    stem: str
    unit: tuple[str, str] | None
    unit_name: str  # the name members of this organization record as 组织关系所在单位


@st.composite
def _infobases(
    draw: st.DrawFn, as_of: datetime.date, max_branches: int, max_members: int, max_applicants: int
) -> InfoBase:
    institution, nature_tag = _pick(draw, _INSTITUTIONS)
    root_code = f"{_int(draw, 1, 999):03d}"
    budget = min(max_branches, max_members)
    direct = _int(draw, 1, min(3, budget))
    remaining = budget - direct
    general_sizes: list[int] = []
    for _ in range(_int(draw, 0, 3)):
        if remaining < 1:
            break
        size = _int(draw, 1, min(3, remaining))
        general_sizes.append(size)
        remaining -= size
    departments = draw(st.permutations(_DEPARTMENTS))
    nodes = [_Node(root_code, None, "committee", institution, (institution, nature_tag), institution)]
    branches: list[_Node] = []
    first_level = [("general-branch", size) for size in general_sizes] + [("branch", 0)] * direct
    for index, (kind, size) in enumerate(first_level):
        code = f"{root_code}{index + 1:03d}"
        unit_name = institution + departments[index % len(departments)]
        node = _Node(code, root_code, kind, unit_name, (unit_name, nature_tag), unit_name)
        nodes.append(node)
        if kind == "branch":
            branches.append(node)
        for sub in range(size):
            same = draw(st.booleans())
            child = _Node(
                f"{code}{sub + 1:03d}",
                code,
                "branch",
                unit_name + _ORDINALS[sub % len(_ORDINALS)],
                None if same else (unit_name, nature_tag),
                unit_name,
            )
            nodes.append(child)
            branches.append(child)

    # Members: at least one per branch (leaders are members), then the rest anywhere.
    member_branches = list(range(len(branches)))
    for _ in range(_int(draw, 0, max_members - len(branches))):
        member_branches.append(_int(draw, 0, len(branches) - 1))
    applicant_count = _int(draw, 0, max_applicants)
    people = len(member_branches) + applicant_count
    names = draw(st.lists(_person_names(), min_size=people, max_size=people, unique=True))
    used_ids: set[str] = set()
    member_records: list[Member] = []
    for number, branch_index in enumerate(member_branches, start=1):
        node = branches[branch_index]
        member_records.append(
            draw(_members(as_of, member_id=f"M{number:06d}", name=names[number - 1], branch=node.code,
                          unit_name=node.unit_name, used_ids=used_ids))
        )

    def names_under(code: str) -> list[str]:
        return [str(m.basic.name) for m in member_records
                if m.basic is not None and m.relation is not None and str(m.relation.branch).startswith(code)]

    organizations = tuple(
        _draw_organization(draw, as_of, code=n.code, parent=n.parent, kind=n.kind, stem=n.stem, unit=n.unit,
                           leader_pool=names_under(n.code))
        for n in nodes
    )

    full_members: dict[str, list[str]] = {}
    for m in member_records:
        if m.standing is not None and m.standing.full_member_on is not None and m.relation is not None:
            full_members.setdefault(str(m.relation.branch), []).append(str(m.basic.name if m.basic else ""))
    applicant_records: list[Applicant] = []
    for number in range(1, applicant_count + 1):
        node = _pick(draw, branches)
        if not full_members.get(node.code) and full_members and draw(st.booleans()):
            node = next(b for b in branches if full_members.get(b.code))
        applicant_records.append(
            draw(_applicants(as_of, applicant_id=f"A{number:06d}", name=names[len(member_branches) + number - 1],
                             branch=node.code, unit_name=node.unit_name,
                             mentor_pool=full_members.get(node.code, []), used_ids=used_ids))
        )
    records: dict[str, Any] = {"organizations": organizations, "members": tuple(member_records),
                               "applicants": tuple(applicant_records)}
    return InfoBase(**records)


def infobases(
    *,
    max_branches: int = 4,
    max_members: int = 6,
    max_applicants: int = 3,
    as_of: datetime.date = DEFAULT_AS_OF,
) -> st.SearchStrategy[InfoBase]:
    """Valid databases of one organization tree.

    The root is a 党委; under it 0–3 党总支 with 1–3 党支部 each, and 1–3 党支部 directly (at most
    ``max_branches`` branches in all, and no more than ``max_members``: every branch has a member). Codes
    grow by three digits per level. Members sit in branches; every organization's leaders are members of
    its subtree; member ids (M000001 ...) and applicant ids (A000001 ...) are unique, as are names and
    公民身份号码; an applicant's branch is a real branch and the mentors are full members of it.
    """
    _check_as_of(as_of)
    _check_bound("max_branches", max_branches, 1)
    _check_bound("max_members", max_members, 1)
    _check_bound("max_applicants", max_applicants, 0)
    return _infobases(as_of, max_branches, max_members, max_applicants)


# -- junk and documents ---------------------------------------------------------------------------------------


@functools.cache
def json_values() -> st.SearchStrategy[Any]:
    """Arbitrary JSON-like values: null, booleans, numbers, text, and lists and objects of them."""
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
    return st.recursive(
        scalars,
        lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
        max_leaves=6,
    )


@functools.cache
def junk_values() -> st.SearchStrategy[str | int | float | bool]:
    """Scalars a clerk writes where a value does not belong: 「不详」, 「1985年6月」, labels instead of codes,
    numbers, booleans, arbitrary text."""
    return st.one_of(
        st.sampled_from(_JUNK_TEXT),
        st.sampled_from(_codes().labels),
        st.integers(min_value=-10, max_value=99_999_999),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.text(max_size=12),
    )


def _keeps_round_trip(kind: FieldKind, keys: Keys, value: object) -> bool:
    """Whether a junk value in a field of this kind is written back exactly as it was read."""
    if kind is FieldKind.DATE and isinstance(value, str):
        parsed = parse_date(value)
        return isinstance(parsed, Unparsed) or parsed.isoformat() == value
    if kind is FieldKind.FLAG:
        return not isinstance(value, bool) if keys == "zh" else value not in ("是", "否")
    return True


@functools.cache
def _junk_for(kind: FieldKind, keys: Keys) -> st.SearchStrategy[Any]:
    return junk_values().filter(functools.partial(_keeps_round_trip, kind, keys))


@functools.cache
def _new_keys() -> st.SearchStrategy[str]:
    return st.sampled_from(_EXTRA_KEYS) | st.text(min_size=1, max_size=6)


def _places(document: dict[str, Any], keys: Keys) -> tuple[list[tuple[dict[str, Any], str, FieldKind]],
                                                            list[tuple[dict[str, Any], frozenset[str]]]]:
    """The scalar fields (object, key, kind) and the objects (object, known keys) of a document."""
    zh = keys == "zh"
    g = glossary()
    fields: list[tuple[dict[str, Any], str, FieldKind]] = []
    objects: list[tuple[dict[str, Any], frozenset[str]]] = [
        (document, frozenset(entity_key(e, keys=keys) for e in Entity))
    ]
    for entity in Entity:
        groups = g.groups(entity)
        record_fields = g.record_fields(entity)
        record_known = frozenset(
            [f.label if zh else f.name for f in record_fields] + [gr.label if zh else gr.name for gr in groups]
        )
        for record in document.get(entity_key(entity, keys=keys), []):
            objects.append((record, record_known))
            fields.extend((record, f.label if zh else f.name, f.kind) for f in record_fields)
            for group in groups:
                value = record.get(group.label if zh else group.name)
                if value is None:
                    continue
                known = frozenset(f.label if zh else f.name for f in group.fields)
                for obj in value if group.repeated else [value]:
                    objects.append((obj, known))
                    fields.extend(
                        (obj, f.label if zh else f.name, f.kind) for f in group.fields if f.kind is not FieldKind.NAMES
                    )
    return fields, objects


def _is_unknown(known: frozenset[str], key: str) -> bool:
    return key not in known


_EXTRA_KEYS = ("备注", "remark", "联系电话", "来源", "note", "x-origin", "录入人")


@st.composite
def _documents(draw: st.DrawFn, keys: Keys, junk: bool, as_of: datetime.date) -> dict[str, Any]:
    document = unstructure(draw(_infobases(as_of, 3, 5, 2)), keys=keys)
    if not junk:
        return document
    fields, objects = _places(document, keys)
    for _ in range(_int(draw, 0, 6)):
        obj, key, kind = _pick(draw, fields)
        obj[key] = draw(_junk_for(kind, keys))
    for _ in range(_int(draw, 0, 4)):
        obj, known = _pick(draw, objects)
        extra = draw(_new_keys().filter(functools.partial(_is_unknown, known)))
        obj[extra] = draw(json_values())
    return document


def documents(
    *, keys: Keys = "en", junk: bool = False, as_of: datetime.date = DEFAULT_AS_OF
) -> st.SearchStrategy[dict[str, Any]]:
    """Whole documents (see :mod:`cpcinfo.convert`) in the canonical form, keyed in ``keys``.

    With ``junk=True``, junk values (:func:`junk_values`) replace random scalar fields and unknown keys with
    arbitrary JSON values are added to random objects (the top, records, groups, subrecords). Junk is
    chosen so that the document still round-trips exactly: no date text other than the canonical one that
    reads as a date, and no flag value that the key language writes differently (是/否 in an English
    document, true/false in a Chinese one).
    """
    _check_as_of(as_of)
    if keys not in ("en", "zh"):
        raise InvalidArgument(f"keys must be 'en' or 'zh', not {keys!r}")
    return _documents(keys, junk, as_of)
