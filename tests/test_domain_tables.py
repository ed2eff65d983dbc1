"""What the external sources changed in the code tables (docs/domain/): each reading, judged by its rule."""

from __future__ import annotations

import datetime

import pytest

from cpcinfo import convert
from cpcinfo.codes import default_tables
from cpcinfo.entity import Entity
from cpcinfo.findings import DefectKind
from cpcinfo.member.rules import BASE_MEMBER
from cpcinfo.org.rules import BASE_ORGANIZATION
from cpcinfo.rules import CURRENT, SHAANXI_2011, validate
from cpcinfo.rules.builders import with_value

AS_OF = datetime.date(2011, 6, 30)


def _member(path: str, value: object, rule: str) -> tuple:
    record = convert.structure_member(with_value(BASE_MEMBER, path, value))
    return validate(Entity.MEMBER, record, as_of=AS_OF, select=[rule])


def _unit_industry(code: str, ruleset) -> tuple:
    record = convert.structure_organization(with_value(BASE_ORGANIZATION, "unit.industry", code))
    return validate(Entity.ORGANIZATION, record, as_of=AS_OF, select=["ORG405"], ruleset=ruleset)


@pytest.mark.parametrize(("old", "current"), [("毛难族", "36"), ("崩龙族", "46")])
def test_old_ethnic_names_are_nonstandard_with_the_current_code(old: str, current: str) -> None:
    (finding,) = _member("basic.ethnicity", old, "MEM103")
    assert finding.kind is DefectKind.NONSTANDARD and finding.suggestion == current


@pytest.mark.parametrize("code", ["97", "98", "91", "92", "99"])
def test_both_ethnicity_tails_are_codes(code: str) -> None:
    assert _member("basic.ethnicity", code, "MEM103") == ()


def test_industry_is_read_in_the_edition_of_the_rule_set() -> None:
    # 84 is 教育 in 2002 and 社会工作 in 2011; 97/98 exist only in 2002, 12 and 38 only in 2011.
    assert default_tables()["industry_2002"].get("84").label == "教育"
    assert default_tables()["industry"].get("82").label == "教育"
    assert _unit_industry("98", SHAANXI_2011) == () and _unit_industry("98", CURRENT) != ()
    assert _unit_industry("12", SHAANXI_2011) != () and _unit_industry("12", CURRENT) == ()
    assert SHAANXI_2011.table("industry") == "industry_2002" and CURRENT.table("industry") == "industry"


def test_the_zzb_codes_are_adopted_and_names_point_to_them() -> None:
    (finding,) = _member("awards.0.authority_level", "中央，国家级", "MEM402")
    assert finding.suggestion == "101"
    (finding,) = _member("awards.0.name", "留党察看", "MEM401")
    assert finding.suggestion == "02258"
    assert _member("awards.0.authority_level", "3", "MEM402") == ()  # the older cpcinfo codes stay valid
    assert default_tables()["leader_title"].resolve("委员").entry.code == "002A"


def test_the_education_table_accepts_the_zb64_college_codes_and_says_it_is_not_zb64() -> None:
    table = default_tables()["education"]
    assert "不是中组部 ZB64" in table.standard
    assert _member("education.0.level", "31", "MEM202") == ()


@pytest.mark.parametrize("name", sorted(default_tables()))
def test_every_table_says_in_chinese_what_was_compared(name: str) -> None:
    notes = default_tables()[name].notes
    assert notes.startswith("比对："), f"{name}: the notes do not open with the comparison in Chinese"
