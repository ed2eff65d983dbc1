"""Realistic demo data, generated from a seed: a university to audit, and a province to benchmark.

Everything here is deterministic: the same arguments give the same records on any machine (each step draws
from its own ``random.Random`` seeded with a string; no clock, no I/O, no set or hash order, no state kept
between calls).

The demo unit
=============

:func:`university` is the database of a university party committee, 「中共西北某大学委员会」 (code 001,
组织类别 611, a provincial 事业单位 in education that has set up a 党委). Under it: eight 党总支 (621), one
per 院系 (化学系、物理系、数学系、文学院 …), each with five to nine 党支部 (631) — 教工支部, 本科生支部,
研究生支部, 离退休教工支部 — and seven branches directly under the 党委: 机关, 后勤, 图书馆 and three with a
legal entity of their own (附属中学、附属小学、出版社). About 1,500 members and 300 applicants, with
common Chinese names, and lives that fit their branch: students born 1987–1993 whose last completed
schooling is the one before university, teachers with degrees earned in order, retirees born 1930–1950 and
two 离休干部 who joined before 1949-10-01; 籍贯 and identity-number counties of Shaanxi and its neighbours in
force in the year of birth; valid and unique 18-digit 公民身份号码 for most; leaders who are members of the
organization's subtree with a name no other member has; mentors who are full members of the applicant's
branch. With ``defects=False`` every record passes the field rules and the system rules; the roster lists
exactly the organizations of the database.

What is planted (``defects=True``)
==================================

The same unit, with defects recorded one by one in :attr:`DemoUnit.planted` (entity, record key, field
path, what, and the score-sheet item it counts under), so that an audit of 20 branches, 20 members and
20 applicants scores in the seventies:

- Field defects (items 1–4, 8–15, 17–19) in 15 % of branches, members and applicants, one per record, the
  kinds handed out in turn: labels instead of codes (「男」, 「汉」, 「党支部」, 「书记」, 「大学」,
  「新发展」, 「流出」), dates written to the month (「1985年6月」), a name with a space, a missing 毕业日期,
  按期转正 a year not completed, unknown codes, a floating member without 流动类型, 「Y」/「N」 for a yes/no,
  a branch name ending 「委员会」, a unit missing where the branch is not 「与上级党组织相同」, two 书记 …
- Item 5: a branch in the roster but not in the database; a 党总支 (继续教育学院) with no branch (and no
  leaders: an item-2 defect as well). Item 6: a branch under the wrong 党总支.
- Item 7: a leader who is a member of another 院系; a branch's unit recorded as 「建立党委的」.
- Item 16: a member whose branch does not exist; one who joined at 16; two records of one person (same
  公民身份号码); a wrong check digit; a post-1949 member flagged 建国前入党老党员.
- Item 20: an applicant who already is a member; one approved but not moved to the members; a mentor who
  is a probationary member.

Province-scale generators
=========================

:func:`province_organizations` draws a province's tree (省委, 市委, 县委, base-level 党委 of towns,
enterprises, schools and hospitals, their 党总支 and branches; ``n`` organizations exactly);
:func:`province_members` and :func:`province_applicants` stream members and applicants of its branches one
at a time, so that two million members never sit in memory together.

:func:`nation` makes provinces of that kind under one root (中共中央委员会), province by province and, in
each, part by part (the rest, then each base-level committee), with identity numbers and keys unique in
the nation but for a planted share of members found again in the next province;
:func:`cpcinfo.parallel.write_nation` writes it as a folder of parts.
"""

from cpcinfo.demo._model import DEFAULT_AS_OF, FIELD_ITEMS, DemoUnit, PlantedDefect
from cpcinfo.demo._nation import NationPart, NationProvince, nation
from cpcinfo.demo._province_applicants import province_applicants
from cpcinfo.demo._province_members import province_members
from cpcinfo.demo._province_orgs import province_organizations
from cpcinfo.demo._university import DEFAULT_SEED, university

__all__ = [
    "DEFAULT_AS_OF",
    "DEFAULT_SEED",
    "FIELD_ITEMS",
    "DemoUnit",
    "NationPart",
    "NationProvince",
    "PlantedDefect",
    "nation",
    "province_applicants",
    "province_members",
    "province_organizations",
    "university",
]
