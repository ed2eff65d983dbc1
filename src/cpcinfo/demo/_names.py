"""Chinese personal names: common surnames by frequency, given names by generation and gender.

Three kinds of name are drawn from pools whose **last** characters do not overlap, so that two kinds can
never produce the same name: ordinary members (``MEMBER``), applicants (``APPLICANT``) and the members the
province generator makes leaders and mentors (``ANCHOR``). That is how the generators keep, without looking
at the records they have already made, the rules that no applicant has a member's name and birth date and
that a leader's or mentor's name points at one member.
"""

from __future__ import annotations

import enum
import random
from typing import Final

# Surnames with their approximate share of the population (per mille), most common first.
_SURNAME_WEIGHTS: Final = (
    ("王", 71), ("李", 70), ("张", 66), ("刘", 54), ("陈", 45), ("杨", 31), ("赵", 23), ("黄", 22), ("周", 19),
    ("吴", 20), ("徐", 13), ("孙", 15), ("马", 12), ("朱", 13), ("胡", 13), ("郭", 12), ("何", 11), ("高", 12),
    ("林", 10), ("罗", 9), ("郑", 9), ("梁", 9), ("谢", 8), ("宋", 8), ("唐", 8), ("许", 7), ("韩", 7), ("冯", 7),
    ("邓", 6), ("曹", 6), ("彭", 6), ("曾", 6), ("肖", 6), ("田", 6), ("董", 5), ("袁", 5), ("潘", 5), ("于", 5),
    ("蒋", 5), ("蔡", 5), ("余", 5), ("杜", 5), ("叶", 5), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4),
    ("任", 4), ("沈", 4), ("姚", 4), ("卢", 4), ("姜", 4), ("崔", 3), ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3),
    ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3), ("韦", 2), ("付", 2), ("方", 2), ("白", 2),
    ("邹", 2), ("孟", 2), ("熊", 2), ("秦", 2), ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2), ("段", 2),
    ("雷", 2), ("侯", 2), ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2),
    ("龚", 2), ("邵", 2), ("万", 2), ("钱", 2), ("严", 1), ("武", 1), ("戴", 1), ("孔", 1), ("常", 1), ("康", 1),
    ("乔", 1), ("樊", 1), ("党", 1), ("屈", 1), ("寇", 1), ("欧阳", 1), ("司马", 1), ("上官", 1),
)

SURNAMES: Final[tuple[str, ...]] = tuple(s for s, weight in _SURNAME_WEIGHTS for _ in range(weight))
"""Surnames repeated by weight: an index drawn uniformly gives a surname by frequency."""


class NameKind(enum.Enum):
    """Whose name: the pools of last characters of the three kinds are disjoint."""

    MEMBER = "member"
    APPLICANT = "applicant"
    ANCHOR = "anchor"


# First characters of two-character given names.
_MALE_FIRST: Final = "建志国文明永海晓俊宏振立新世学德家亚春金子嘉天浩鹏思卫红向军兴长庆保宝"
_FEMALE_FIRST: Final = "秀玉丽晓春海雪佳文淑桂美金雅静思小彩艳红慧丹晶素月翠爱美亚巧"

# Last characters (and one-character given names), one pool per kind and gender; the pools are disjoint.
_LAST: Final[tuple[tuple[NameKind, bool, str], ...]] = (
    (NameKind.MEMBER, True, "伟强磊军勇杰涛明超刚平辉华飞斌宇凯健峰林波龙鑫博亮东江成国庆生忠良"),
    (NameKind.MEMBER, False, "芳娜敏静丽艳娟霞燕玲萍红梅琳雪婷倩颖慧洁莉欣丹蓉英兰珍荣凤琴"),
    (NameKind.APPLICANT, True, "轩晨然睿豪阳航昊哲翔帆驰楠铭泽"),
    (NameKind.APPLICANT, False, "涵萱琪怡妍璇璐瑶蕾菲薇莹悦彤"),
    (NameKind.ANCHOR, True, "栋彬锋坤岩骏岭森毅钧恒诚达胜升"),
    (NameKind.ANCHOR, False, "珊蕊菁婕瑾茜芸苗姗媛嫣黛"),
)

# Given names typical of people born before 1955, as whole names (their last characters are member pool).
_OLD_MALE: Final = ("建国", "建军", "国庆", "卫国", "志刚", "振华", "保国", "兴国", "庆生", "长江", "援朝", "树林")
_OLD_FEMALE: Final = ("秀英", "桂兰", "淑珍", "玉兰", "凤英", "秀兰", "桂芳", "玉珍", "秀珍", "桂英", "淑兰", "玉英")

SINGLE_CHARACTER_SHARE: Final = 0.3
"""The share of members whose given name has one character (王伟); applicants and anchors always have two."""

OLD_NAME_SHARE: Final = 0.35
"""Among members born before :data:`OLD_NAME_BEFORE`, the share with a name of that generation (建国, 秀英)."""

OLD_NAME_BEFORE: Final = 1955

UYGHUR_NAMES: Final = ("阿依古丽·买买提", "艾力·吐尔逊", "古丽娜尔·阿不都", "买买提·艾力", "热依汗·阿木提",
                       "努尔兰·沙吾提", "帕提古丽·依明")
"""Names with 「·」 between the parts, for members of 维吾尔族."""


class NameMaker:
    """Draws names from one random stream; every pool is a string or tuple built once."""

    def __init__(self, rng: random.Random) -> None:
        self._random = rng.random
        self._last = {(kind, male): pool for kind, male, pool in _LAST}
        self._member_last = (self._last[(NameKind.MEMBER, False)], self._last[(NameKind.MEMBER, True)])

    def name(self, kind: NameKind, male: bool, born_year: int = 1980) -> str:
        """A full name: surname and a given name of one or two characters."""
        if kind is NameKind.MEMBER:
            return self.member(male, born_year)
        r = self._random
        last = self._last[(kind, male)]
        first = _MALE_FIRST if male else _FEMALE_FIRST
        return (SURNAMES[int(r() * len(SURNAMES))] + first[int(r() * len(first))]
                + last[int(r() * len(last))])

    def member(self, male: bool, born_year: int) -> str:
        """An ordinary member's name (the fast path of :meth:`name`)."""
        r = self._random
        surname = SURNAMES[int(r() * len(SURNAMES))]
        if born_year < OLD_NAME_BEFORE and r() < OLD_NAME_SHARE:
            old = _OLD_MALE if male else _OLD_FEMALE
            return surname + old[int(r() * len(old))]
        last = self._member_last[male]
        if r() < SINGLE_CHARACTER_SHARE:
            return surname + last[int(r() * len(last))]
        first = _MALE_FIRST if male else _FEMALE_FIRST
        return surname + first[int(r() * len(first))] + last[int(r() * len(last))]


def last_characters(kind: NameKind) -> frozenset[str]:
    """The last characters names of ``kind`` may end with (for tests of disjointness)."""
    chars = {c for k, _, pool in _LAST if k is kind for c in pool}
    if kind is NameKind.MEMBER:
        chars.update(n[-1] for n in _OLD_MALE + _OLD_FEMALE)
    return frozenset(chars)


_ANCHOR_MEN: Final = frozenset(next(pool for kind, male, pool in _LAST if kind is NameKind.ANCHOR and male))


def is_anchor_male(name: str) -> bool:
    """Whether an anchor's name is a man's (its last character is from the men's anchor pool)."""
    return name[-1] in _ANCHOR_MEN


def _split_firsts(pool: str) -> tuple[str, str]:
    """A pool of first characters in two disjoint halves (every other character; a repeat stays on one side)."""
    unique = "".join(dict.fromkeys(pool))
    return unique[0::2], unique[1::2]


_LENDING_FIRST: Final = {True: _split_firsts(_MALE_FIRST)[0], False: _split_firsts(_FEMALE_FIRST)[0]}
_LOCAL_FIRST: Final = {True: _split_firsts(_MALE_FIRST)[1], False: _split_firsts(_FEMALE_FIRST)[1]}
_DISTINCT_SURNAMES: Final = tuple(dict.fromkeys(SURNAMES))


class AnchorNames:
    """Leaders' names for the province generator, in two disjoint kinds, made without a set of names used.

    - :meth:`unique`: a name no other call returns (a branch that lends its leaders to the organizations above
      it). The surname is drawn by frequency; the given name is the next one of that surname's own sequence
      — two characters, then three — whose first character is from one half of the first characters.
    - :meth:`local`: a name drawn at random with a first character from the other half, so it never equals a
      :meth:`unique` one (a branch's own leaders, distinct within the branch only).

    Both end with an anchor's last character, so neither is ever an ordinary member's or an applicant's name.
    """

    def __init__(self, rng: random.Random) -> None:
        self._random = rng.random
        self._last = {male: self._pool(NameKind.ANCHOR, male) for male in (True, False)}
        self._given: dict[bool, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._next: dict[tuple[str, bool], int] = {}
        self._offset: dict[tuple[str, bool], int] = {}

    @staticmethod
    def _pool(kind: NameKind, male: bool) -> str:
        return next(pool for k, m, pool in _LAST if k is kind and m is male)

    def _givens(self, male: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The given names of a lending leader: (two characters, three characters)."""
        given = self._given.get(male)
        if given is None:
            last, firsts = self._last[male], _LENDING_FIRST[male]
            middles = "".join(dict.fromkeys(_MALE_FIRST if male else _FEMALE_FIRST))
            given = self._given[male] = (tuple(f + z for f in firsts for z in last),
                                         tuple(f + m + z for f in firsts for m in middles for z in last))
        return given

    def unique(self, male: bool) -> str:
        """A name no other call of this maker returns: the surname's two-character given names first (in an
        order of its own), then its three-character ones."""
        two, three = self._givens(male)
        capacity = len(two) + len(three)
        r = self._random
        for _ in range(len(_DISTINCT_SURNAMES) * 4):
            surname = SURNAMES[int(r() * len(SURNAMES))]
            count = self._next.get((surname, male), 0)
            if count < capacity:
                break
        else:  # the surnames drawn were used up: the first with given names left, in order
            surname = next((s for s in _DISTINCT_SURNAMES if self._next.get((s, male), 0) < capacity), "")
            if not surname:
                raise ValueError("the leaders' names are used up")
            count = self._next.get((surname, male), 0)
        key = (surname, male)
        self._next[key] = count + 1
        offset = self._offset.get(key)
        if offset is None:
            offset = self._offset[key] = int(r() * len(two) * len(three))
        if count < len(two):
            return surname + two[(count + offset) % len(two)]
        return surname + three[(count - len(two) + offset) % len(three)]

    def local(self, male: bool) -> str:
        """A name drawn at random that no :meth:`unique` call returns."""
        r = self._random
        first, last = _LOCAL_FIRST[male], self._last[male]
        return SURNAMES[int(r() * len(SURNAMES))] + first[int(r() * len(first))] + last[int(r() * len(last))]
