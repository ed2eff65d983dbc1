"""The plan of the demo university's organizations: codes, names, kinds and how many people each holds.

The plan is drawn before any record is made, so that members, applicants and leaders can be generated
branch by branch and the organization records built last (their leaders are names of members).
"""

from __future__ import annotations

import enum
import random
from types import MappingProxyType
from typing import Final

import attrs

UNIVERSITY: Final = "西北某大学"
"""The unit's name; the 党委 is 「中共西北某大学委员会」."""

ROOT_CODE: Final = "001"
CODE_DIGITS: Final = 3
"""A child's code is its parent's code and this many digits."""

COMMITTEE: Final = "611"
GENERAL_BRANCH: Final = "621"
BRANCH: Final = "631"

DEPARTMENTS: Final = ("化学系", "物理系", "数学系", "文学院", "历史学院", "经济管理学院", "信息科学与技术学院",
                      "生命科学学院")
"""The 院系, each with a 党总支."""

BRANCHES_PER_DEPARTMENT: Final = (5, 9)
"""The number of 党支部 of a 党总支, inclusive range."""

FIRST_DIRECT_BRANCH: Final = 101
"""The 党支部 directly under the 党委 are numbered from here (001101, 001102 …)."""

MEMBER_COUNT: Final = 1500
APPLICANT_COUNT: Final = 300
SIZE_JITTER: Final = (0.7, 1.3)
"""Each branch's share of members and applicants is its kind's weight times a factor in this range."""


class Kind(enum.Enum):
    """What an organization is, which decides who its members are."""

    COMMITTEE = "committee"  # the 党委
    DEPARTMENT = "department"  # a 院系 党总支
    STAFF = "staff"  # 教工支部: teachers and some administrators
    UNDERGRADUATE = "undergraduate"
    GRADUATE = "graduate"
    RETIRED = "retired"
    OFFICE = "office"  # 机关: administrators
    SERVICE = "service"  # 后勤: service staff
    LIBRARY = "library"
    SCHOOL = "school"  # 附属中学/小学: teachers, a unit of its own
    PRESS = "press"  # 出版社: an enterprise of its own


# Relative number of members and applicants of one branch of each kind.
MEMBER_WEIGHTS: Final = MappingProxyType({
    Kind.STAFF: 1.3, Kind.UNDERGRADUATE: 0.8, Kind.GRADUATE: 1.0, Kind.RETIRED: 1.0, Kind.OFFICE: 1.2,
    Kind.SERVICE: 0.8, Kind.LIBRARY: 0.6, Kind.SCHOOL: 0.7, Kind.PRESS: 0.5,
})
APPLICANT_WEIGHTS: Final = MappingProxyType({
    Kind.STAFF: 0.6, Kind.UNDERGRADUATE: 6.0, Kind.GRADUATE: 2.5, Kind.RETIRED: 0.0, Kind.OFFICE: 0.4,
    Kind.SERVICE: 0.4, Kind.LIBRARY: 0.3, Kind.SCHOOL: 0.8, Kind.PRESS: 0.4,
})

# The branches directly under the 党委: (name, kind, the unit its members belong to).
DIRECT_BRANCHES: Final = (
    ("机关第一", Kind.OFFICE, f"{UNIVERSITY}机关"),
    ("机关第二", Kind.OFFICE, f"{UNIVERSITY}机关"),
    ("后勤服务", Kind.SERVICE, f"{UNIVERSITY}后勤服务中心"),
    ("图书馆", Kind.LIBRARY, f"{UNIVERSITY}图书馆"),
    ("附属中学", Kind.SCHOOL, f"{UNIVERSITY}附属中学"),
    ("附属小学", Kind.SCHOOL, f"{UNIVERSITY}附属小学"),
    ("出版社", Kind.PRESS, f"{UNIVERSITY}出版社"),
)
OWN_UNIT_KINDS: Final = frozenset({Kind.SCHOOL, Kind.PRESS})
"""Branches of these kinds are set up in a legal entity of their own and record its unit."""

_ORDINALS: Final = "一二三四五六七八九"


@attrs.frozen(kw_only=True)
class OrgPlan:
    """One organization to be made: its place in the tree and who belongs to it."""

    code: str
    name: str
    category: str
    parent: str | None
    kind: Kind
    unit_name: str  # the 组织关系所在单位 of its members, or the unit's own name
    members: int = 0
    applicants: int = 0


def _numbered(word: str, count: int, index: int) -> str:
    return word if count == 1 else f"{word[:-2]}第{_ORDINALS[index]}{word[-2:]}"


def _department_branches(rng: random.Random) -> list[tuple[str, Kind]]:
    count = rng.randint(*BRANCHES_PER_DEPARTMENT)
    staff = 1 if count <= 6 else 2
    rest = count - staff - 1
    graduate = max(1, rest // 3)
    undergraduate = rest - graduate
    branches = [(_numbered("教工支部", staff, i), Kind.STAFF) for i in range(staff)]
    branches += [(_numbered("本科生支部", undergraduate, i), Kind.UNDERGRADUATE) for i in range(undergraduate)]
    branches += [(_numbered("研究生支部", graduate, i), Kind.GRADUATE) for i in range(graduate)]
    branches.append(("离退休教工支部", Kind.RETIRED))
    return branches


def child_code(parent: str, number: int) -> str:
    """The code of the ``number``-th child of ``parent``."""
    return f"{parent}{number:0{CODE_DIGITS}d}"


def _shares(rng: random.Random, weights: list[float], total: int) -> list[int]:
    """``total`` split in proportion to ``weights`` by largest remainder (ties to the earlier)."""
    jittered = [w * rng.uniform(*SIZE_JITTER) for w in weights]
    whole = sum(jittered)
    exact = [total * w / whole for w in jittered]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def plan_university(rng: random.Random) -> tuple[OrgPlan, ...]:
    """The organizations of the university, parents before children, with their members and applicants."""
    plans = [OrgPlan(code=ROOT_CODE, name=f"中共{UNIVERSITY}委员会", category=COMMITTEE, parent=None,
                     kind=Kind.COMMITTEE, unit_name=UNIVERSITY)]
    branches: list[tuple[str, str, str, Kind, str]] = []  # code, name, parent, kind, unit name
    for number, department in enumerate(DEPARTMENTS, start=1):
        code = child_code(ROOT_CODE, number)
        plans.append(OrgPlan(code=code, name=f"中共{UNIVERSITY}{department}总支部委员会", category=GENERAL_BRANCH,
                             parent=ROOT_CODE, kind=Kind.DEPARTMENT, unit_name=f"{UNIVERSITY}{department}"))
        for index, (name, kind) in enumerate(_department_branches(rng), start=1):
            branches.append((child_code(code, index), f"中共{UNIVERSITY}{department}{name}委员会", code, kind,
                             f"{UNIVERSITY}{department}"))
    for number, (name, kind, unit) in enumerate(DIRECT_BRANCHES, start=FIRST_DIRECT_BRANCH):
        branches.append((child_code(ROOT_CODE, number), f"中共{UNIVERSITY}{name}支部委员会", ROOT_CODE, kind, unit))
    members = _shares(rng, [MEMBER_WEIGHTS[b[3]] for b in branches], MEMBER_COUNT)
    applicants = _shares(rng, [APPLICANT_WEIGHTS[b[3]] for b in branches], APPLICANT_COUNT)
    branch_plans = [
        OrgPlan(code=code, name=name, category=BRANCH, parent=parent, kind=kind, unit_name=unit,
                members=members[i], applicants=applicants[i])
        for i, (code, name, parent, kind, unit) in enumerate(branches)
    ]
    # Parents before children: the 党委, each 党总支 followed by its branches, then the direct branches.
    ordered: list[OrgPlan] = [plans[0]]
    for general in plans[1:]:
        ordered.append(general)
        ordered.extend(b for b in branch_plans if b.parent == general.code)
    ordered.extend(b for b in branch_plans if b.parent == ROOT_CODE)
    return tuple(ordered)
