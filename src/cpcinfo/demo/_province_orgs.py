"""The organization tree of a whole province, for benchmarks: 省委, 市委, 县委, base-level committees, branches.

The tree is drawn in depth-first order (a parent, then each child's whole subtree), so that the first branch
after an organization in the list is the first branch of its subtree. Every branch's leaders have names from
the anchor pool (:class:`~cpcinfo.demo._names.NameKind`), which no ordinary member's name can equal; the
leaders of every other organization are the leaders of the first branch of its subtree, and those names are
unique in the province. :func:`~cpcinfo.demo.province_members` makes one member of each leader's name in
its branch, so that every leader is exactly one member of the subtree it leads.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from types import MappingProxyType
from typing import Any, Final

import attrs

from cpcinfo.demo._model import DEFAULT_AS_OF
from cpcinfo.demo._names import AnchorNames
from cpcinfo.demo._regions import shaanxi_counties
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.org import Leader, Organization, OrgAward, OrgBasic, Unit

PROVINCE: Final = "陕西省"
ROOT_CODE: Final = "001"
MAX_CHILDREN: Final = 999
"""A child's code is its parent's code and three digits."""
ORGS_PER_COUNTY: Final = 900
"""About this many organizations under each 县委; the number of counties follows from ``n``."""
COUNTY_SIZE_JITTER: Final = (0.7, 1.3)
"""Each county's share of the organizations is scaled by a factor in this range."""
LEADER_MALE_SHARE: Final = 0.75
MIN_ORGANIZATIONS: Final = 10
COUNTY_OFFICE_SHARE: Final = 0.05
"""The share of a county's organizations that are branches of the county's own offices (县直机关)."""
MAX_COUNTY_OFFICES: Final = 100
"""At most this many office branches per county, so that a large county's 县委 has room for its committees
(a county's children are numbered in three digits)."""
COMMITTEE_SIZE: Final = (10, 80)
"""Organizations of one base-level committee, itself included (inclusive range)."""
BRANCHES_PER_GENERAL: Final = (2, 6)
COMMITTEE_TYPES: Final = (("town", 60), ("enterprise", 20), ("school", 10), ("hospital", 10))
COMMITTEE_TERMS: Final = ((3, 50), (4, 10), (5, 40))
BRANCH_TERMS: Final = ((2, 40), (3, 60))
UPPER_TERM_YEARS: Final = 5
LEADERS_PER_BRANCH: Final = (1, 3)
"""A branch has a 书记 and up to two 委员 (inclusive range of leaders)."""
ORG_AWARD_SHARE: Final = 0.05
SAME: Final = "1"
LEGAL_ENTITY: Final = "2"
BRANCH_TITLES: Final = ("001A", "030U", "031U")
UPPER_TITLES: Final = ("001A", "001B")

COUNTY_OFFICES: Final = ("委办公室", "政府办公室", "纪委", "委组织部", "委宣传部", "发展和改革局", "财政局",
                         "教育局", "公安局", "民政局", "人力资源和社会保障局", "卫生局", "农业局", "水务局",
                         "交通运输局", "统计局", "审计局", "林业局", "文化广电局", "住房和城乡建设局")
"""The county's own offices (县直机关), each with a branch, written after the county's name (岐山县财政局)."""
TOWNS: Final = ("城关", "东关", "西关", "河口", "柳林", "马村", "王家河", "大庄", "新街", "高桥", "石门", "红岩",
                "长兴", "永乐", "太平", "安乐", "兴隆", "双庙", "三合", "五里", "黄龙", "白河", "青山", "金川",
                "杨庄", "赵村", "孙家", "龙门", "凤鸣", "桃园", "清水", "南塬", "北塬", "瓦窑", "铁佛", "鲁桥",
                "草滩", "古城", "槐芽")
_VILLAGE_SURNAMES: Final = "王李张刘陈杨赵黄周吴高马郭孙何"
_VILLAGE_SUFFIXES: Final = ("家庄", "家塬", "家沟", "家堡", "家湾", "家坪", "家寨", "家河")
ENTERPRISES: Final = ("秦川机械", "渭河化工", "华山水泥", "长安电力", "秦岭煤业", "黄河建材", "关中纺织", "汉江药业",
                      "三秦食品", "宝塔石化")
ENTERPRISE_INDUSTRIES: Final = ("35", "26", "31", "44", "06", "31", "17", "27", "14", "25")
"""The GB/T 4754-2002 division of each of :data:`ENTERPRISES` (the edition of 2010–2011 data)."""
HOSPITALS: Final = ("人民医院", "中医医院", "妇幼保健院", "第二人民医院", "精神卫生中心")
SECTIONS: Final = MappingProxyType({
    "enterprise": ("机关", "技术中心", "销售公司", "后勤服务"),
    "school": ("高一年级", "高二年级", "高三年级", "初中部", "行政后勤"),
    "hospital": ("内科", "外科", "妇产科", "儿科", "医技", "护理部", "行政后勤"),
})
"""The sections of a committee's unit that have a 党总支 or 党支部; more are numbered 第N车间/教研组/科室."""
MORE_SECTIONS: Final = MappingProxyType({"enterprise": "车间", "school": "教研组", "hospital": "科室"})
_ORDINALS: Final = "一二三四五六七八九"


@attrs.frozen
class _Node:
    code: str
    name: str
    category: str
    parent: str | None
    locality: str
    unit: Unit | None


def _number(n: int) -> str:
    return _ORDINALS[n - 1] if n <= len(_ORDINALS) else str(n)


def _randint(rng: random.Random, bounds: tuple[int, int]) -> int:
    """An integer of the inclusive range ``bounds`` from one uniform draw (``randint`` is slower)."""
    return bounds[0] + int(rng.random() * (bounds[1] - bounds[0] + 1))


def _village(j: int) -> str:
    per_round = len(_VILLAGE_SURNAMES) * len(_VILLAGE_SUFFIXES)
    base = _VILLAGE_SURNAMES[j % len(_VILLAGE_SURNAMES)] + _VILLAGE_SUFFIXES[j % per_round // len(_VILLAGE_SURNAMES)]
    round_ = j // per_round
    return base if round_ == 0 else f"{base}{_number(round_ + 1)}"


class _TreeBuilder:
    def __init__(self, rng: random.Random, root_code: str, above: str | None) -> None:
        self.rng = rng
        self.root_code = root_code
        self.above = above
        self.nodes: list[_Node] = []
        self.children: dict[str, int] = {}

    def add(self, parent: str | None, name: str, category: str, locality: str, unit: Unit | None = None) -> str:
        if parent is None:
            code = self.root_code
            parent = self.above
        else:
            count = self.children.get(parent, 0) + 1
            if count > MAX_CHILDREN:
                raise InvalidArgumentError(f"党组织「{parent}」的下级超过{MAX_CHILDREN}个，代码无法再延长三位")
            self.children[parent] = count
            code = f"{parent}{count:03d}"
        self.nodes.append(_Node(code, name, category, parent, locality, unit))
        return code

    def committee(self, county_code: str, county: str, size: int, serials: dict[str, int]) -> None:
        """A base-level 党委 of ``size`` organizations in all; ``serials`` counts the county's committees by
        kind, so that no two have the same name."""
        rng = self.rng
        kind = _pick(rng.random, COMMITTEE_TYPES)
        serial = serials[kind] = serials.get(kind, -1) + 1
        if kind == "town":
            town = TOWNS[serial % len(TOWNS)] + ("" if serial < len(TOWNS) else _number(serial // len(TOWNS) + 1))
            place = f"{county}{town}镇"
            unit = Unit(name=f"{place}人民政府", affiliation="62", nature="3", industry="94", legal_entity=True,
                        party_setup="11", grassroots_type="3")
            code = self.add(county_code, f"中共{place}委员会", "611", "6", unit)
            self.add(code, f"中共{place}机关支部委员会", "631", "6")
            for j in range(size - 2):
                self.add(code, f"中共{place}{_village(j)}村支部委员会", "631", "7")
            return
        if kind == "enterprise":
            k = serial % len(ENTERPRISES)
            works = "" if serial < len(ENTERPRISES) else f"第{_number(serial // len(ENTERPRISES) + 1)}分"
            place = f"{county}{ENTERPRISES[k]}{works}有限公司"
            unit = Unit(name=place, affiliation="50", nature="6", industry=ENTERPRISE_INDUSTRIES[k], legal_entity=True,
                        party_setup="11", grassroots_type="9")
        elif kind == "school":
            place = f"{county}第{_number(serial + 1)}中学"
            unit = Unit(name=place, affiliation="50", nature="9", industry="84", legal_entity=True, party_setup="11",
                        grassroots_type="9")
        else:
            place = county + (HOSPITALS[serial] if serial < len(HOSPITALS) else f"第{_number(serial + 1)}医院")
            unit = Unit(name=place, affiliation="50", nature="9", industry="85", legal_entity=True, party_setup="11",
                        grassroots_type="9")
        code = self.add(county_code, f"中共{place}委员会", "611", "2", unit)
        left, section = size - 1, 0
        while left > 0:
            branches = _randint(rng, BRANCHES_PER_GENERAL)
            named = SECTIONS[kind]
            section += 1
            more = section - len(named)
            name = named[section - 1] if more <= 0 else f"第{_number(more)}{MORE_SECTIONS[kind]}"
            if left > branches:
                general = self.add(code, f"中共{place}{name}总支部委员会", "621", "2")
                for b in range(1, branches + 1):
                    self.add(general, f"中共{place}{name}第{_number(b)}支部委员会", "631", "2")
                left -= branches + 1
            else:
                self.add(code, f"中共{place}{name}支部委员会", "631", "2")
                left -= 1

    def county(self, city_code: str, name: str, budget: int) -> None:
        code = self.add(city_code, f"中共{name}委员会", "1", "2",
                        Unit(name=f"{name}委机关", affiliation="50", nature="10", industry="93", legal_entity=True,
                             party_setup="11", grassroots_type="9"))
        offices = max(1, min(budget, MAX_COUNTY_OFFICES, round(budget * COUNTY_OFFICE_SHARE)))
        for k in range(offices):
            office = COUNTY_OFFICES[k % len(COUNTY_OFFICES)]
            suffix = "" if k < len(COUNTY_OFFICES) else f"第{_number(k // len(COUNTY_OFFICES) + 1)}"
            self.add(code, f"中共{name}{office}{suffix}支部委员会", "631", "2")
        left = budget - offices
        serials: dict[str, int] = {}
        while left > 0:
            size = min(left, _randint(self.rng, COMMITTEE_SIZE))
            if size < 2:  # a committee needs a branch: give the last organization to the county's offices
                self.add(code, f"中共{name}机关支部委员会", "631", "2")
                break
            self.committee(code, name, size, serials)
            left -= size


def _layout(n: int, rng: random.Random) -> list[tuple[str, list[tuple[str, int]]]]:
    """(city, [(county, organizations under its 县委)]) for ``n`` organizations in all."""
    by_city: dict[str, list[str]] = {}
    for _, name, city in shaanxi_counties(2011):
        by_city.setdefault(city, []).append(f"{city}{name}" if name.endswith("区") else name)
    cities = list(by_city)
    chosen: list[tuple[str, str]] = []  # round-robin over the cities, so that a small tree spans several
    for k in range(max(len(v) for v in by_city.values())):
        chosen.extend((c, by_city[c][k]) for c in cities if k < len(by_city[c]))
    count = max(1, min(len(chosen), round((n - 1) / ORGS_PER_COUNTY)))
    picked = chosen[:count]
    used_cities = [c for c in cities if any(city == c for city, _ in picked)]
    spare = n - 1 - len(used_cities) - 2 * count  # each county has its 县委 and at least one organization
    if spare < 0:
        raise InvalidArgumentError(f"n={n} is too small for a province tree (at least {MIN_ORGANIZATIONS})")
    weights = [rng.uniform(*COUNTY_SIZE_JITTER) for _ in picked]
    whole = sum(weights)
    budgets = [1 + int(spare * w / whole) for w in weights]
    for i in range(spare + count - sum(budgets)):
        budgets[i % count] += 1
    return [(city, [(county, budgets[i]) for i, (c, county) in enumerate(picked) if c == city])
            for city in used_cities]


_TOTALS: Final[dict[tuple[tuple[Any, int], ...], int]] = {
    weighted: sum(w for _, w in weighted) for weighted in (COMMITTEE_TYPES, COMMITTEE_TERMS, BRANCH_TERMS)}


def _pick(r: Callable[[], float], weighted: tuple[tuple[Any, int], ...]) -> Any:
    """One of ``weighted``'s values, drawn by weight from one uniform draw (``random.choices`` is slower)."""
    x = r() * _TOTALS[weighted]
    for value, weight in weighted:
        x -= weight
        if x < 0:
            return value
    return weighted[-1][0]


class _Terms:
    """The terms of office drawn for the organizations: (elected, ends) for an election day and a term's
    years, made once per pair (a few thousand pairs, whatever ``n``)."""

    def __init__(self, rng: random.Random, as_of: datetime.date) -> None:
        self._random = rng.random
        self._last = as_of.toordinal() - 14
        self._made: dict[tuple[int, int], tuple[datetime.date, datetime.date]] = {}

    def draw(self, terms: tuple[tuple[int, int], ...]) -> tuple[datetime.date, datetime.date]:
        r = self._random
        years = _pick(r, terms) if len(terms) > 1 else terms[0][0]
        first = self._last + 14 - 365 * years + 30
        day = first + int(r() * (self._last - first + 1))
        key = (day, years)
        found = self._made.get(key)
        if found is None:
            elected = datetime.date.fromordinal(day)
            if elected.month == 2 and elected.day == 29:
                elected = elected.replace(day=28)
            found = self._made[key] = (elected, elected.replace(year=elected.year + years))
        return found


def _leaders(nodes: list[_Node], rng: random.Random) -> list[tuple[Leader, ...]]:
    """Each branch's leaders, and every other organization's leaders taken from the first branch after it
    (the first branch of its subtree, the list being depth-first).

    Names come from the anchor pool, which no ordinary member or applicant name can equal. The names of a
    branch that also lends its leaders to the organizations above it are unique in the province
    (:meth:`AnchorNames.unique`); the names of any other branch are distinct within the branch and of another
    kind (:meth:`AnchorNames.local`), so that every leader's name points at one member of the subtree that it
    leads. No name is checked against the names made before it: the time is linear in ``n``.
    """
    names = AnchorNames(rng)
    r = rng.random
    low, high = LEADERS_PER_BRANCH
    leaders: list[tuple[Leader, ...]] = [()] * len(nodes)
    following: tuple[Leader, ...] = ()
    for i in range(len(nodes) - 1, -1, -1):
        if nodes[i].category == "631":
            draw = names.unique if i > 0 and nodes[i - 1].category != "631" else names.local
            mine: list[Leader] = []
            for title in BRANCH_TITLES[: low + int(r() * (high - low + 1))]:
                name = draw(r() < LEADER_MALE_SHARE)
                while any(leader.name == name for leader in mine):
                    name = draw(r() < LEADER_MALE_SHARE)
                mine.append(Leader(name=name, title=title))
            leaders[i] = following = tuple(mine)
        else:
            leaders[i] = tuple(Leader(name=leader.name, title=title)
                               for leader, title in zip(following, UPPER_TITLES, strict=False))
    return leaders


def province_organizations(*, n: int = 100_000, seed: int = 1, as_of: datetime.date = DEFAULT_AS_OF) -> tuple[
        Organization, ...]:
    """A province's organization tree of exactly ``n`` organizations, parents before children.

    The root is the 省委 (code 001), then 市委 and 县委 (组织类别 1, 地方党委), under each 县委 the branches of
    its offices and base-level committees (611) of towns — with a branch per village — enterprises, schools
    and hospitals, which hold 党总支 (621) and 党支部 (631). Each code extends its parent's by three digits.
    Every record passes the field rules on ``as_of``.
    """
    return province_tree(n=n, seed=seed, as_of=as_of)


def province_tree(*, n: int, seed: int, as_of: datetime.date, root_code: str = ROOT_CODE, above: str | None = None,
                  province: str = PROVINCE, stream: str = "organizations") -> tuple[Organization, ...]:
    """:func:`province_organizations` with its root's code, its root's parent (``above``, for a province of
    the nation), the province's name and the name of its random stream."""
    if isinstance(n, bool) or not isinstance(n, int) or n < MIN_ORGANIZATIONS:
        raise InvalidArgumentError(f"n={n!r} is too small for a province tree (at least {MIN_ORGANIZATIONS})")
    rng = random.Random(f"cpcinfo.demo.province:{seed}:{stream}")
    tree = _TreeBuilder(rng, root_code, above)
    root = tree.add(None, f"中共{province}委员会", "1", "1", Unit(
        name=f"{province}委机关", affiliation="20", nature="10", industry="93", legal_entity=True, party_setup="11",
        grassroots_type="9"))
    for city, counties in _layout(n, rng):
        code = tree.add(root, f"中共{city}委员会", "1", "1", Unit(
            name=f"{city}委机关", affiliation="40", nature="10", industry="93", legal_entity=True, party_setup="11",
            grassroots_type="9"))
        for county, budget in counties:
            tree.county(code, county, budget)
    nodes = tree.nodes
    assert len(nodes) == n, (len(nodes), n)
    leaders = _leaders(nodes, rng)
    awards = (OrgAward(name="11", date=datetime.date(as_of.year - 1, 6, 28)),)
    records = []
    term, r, upper = _Terms(rng, as_of).draw, rng.random, ((UPPER_TERM_YEARS, 1),)
    for node, mine in zip(nodes, leaders, strict=True):
        elected, ends = term(upper if node.category == "1" else COMMITTEE_TERMS if node.category == "611"
                             else BRANCH_TERMS)
        records.append(Organization(
            parent=node.parent,
            basic=OrgBasic(code=node.code, name=node.name, category=node.category, locality=node.locality,
                           elected_on=elected, term_ends_on=ends, unit_relation=LEGAL_ENTITY if node.unit else SAME),
            leaders=mine,
            awards=awards if r() < ORG_AWARD_SHARE else (),
            unit=node.unit,
        ))
    return tuple(records)
