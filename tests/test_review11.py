"""Worked examples from the review of issue 11 (domain fidelity): each pins one defect found there."""

from __future__ import annotations

import datetime

from cpcinfo import convert
from cpcinfo.checking import check
from cpcinfo.examples import BASE_DOCUMENT
from cpcinfo.findings import DefectKind
from cpcinfo.rules.builders import with_value
from cpcinfo.rules.checks import id_number_form_check

AS_OF = datetime.date(2011, 6, 30)


def _findings(data: dict) -> list[tuple[str, str, str]]:
    result = check(convert.structure(data), as_of=AS_OF)
    return [(f.rule, f.field, f.kind.name) for f in result.findings]


def _numbered(entity: str, number: str) -> dict:
    data = with_value(BASE_DOCUMENT, f"{entity}.0.basic.born_on", "1980-05-12")
    data = with_value(data, f"{entity}.0.basic.gender", "1")
    return with_value(data, f"{entity}.0.basic.id_number", number)


def test_a_mistyped_address_digit_is_one_finding_the_check_digit() -> None:
    """610102… mistyped as 619102… breaks both the address code and the check digit: one defect, and the
    check digit (MEM908) is the finding, as for the birth date (MEM909) and the gender (MEM910)."""
    assert _findings(_numbered("members", "610102198005120019")) == []
    assert _findings(_numbered("members", "619102198005120019")) == [("MEM908", "basic.id_number", "WRONG")]


def test_an_applicants_mistyped_address_digit_is_still_one_finding() -> None:
    """Applicants have no check-digit rule: APP908 reads the number whatever its check digit, so a mistyped
    address digit is reported once rather than not at all."""
    assert _findings(_numbered("applicants", "610102198005120019")) == []
    assert _findings(_numbered("applicants", "619102198005120019")) == [("APP908", "basic.id_number", "WRONG")]


def test_a_pending_outcome_with_a_full_date_long_after_joining_is_one_finding() -> None:
    """转正情况 「预备期未满」 with a 转正日期, ten years after joining: MEM505 reports the contradiction; MEM506
    (a probation that never ends) is for a pending outcome without a 转正日期."""
    data = with_value(BASE_DOCUMENT, "members.0.standing.probation_outcome", "6")
    assert _findings(data) == [("MEM505", "standing.full_member_on", "WRONG")]
    without_date = with_value(data, "members.0.standing.full_member_on", ...)
    assert _findings(without_date) == [("MEM506", "standing.probation_outcome", "WRONG")]


def test_a_15_digit_number_with_no_real_birth_date_is_wrong_not_an_18_digit_suggestion() -> None:
    """Its 18-digit form would carry the impossible date 1980-13-40: 填写错误, with no suggestion."""
    check_form = id_number_form_check("id_number", "公民身份号码")
    defect = check_form("610102801340001", AS_OF)
    assert defect is not None and defect.kind is DefectKind.WRONG and defect.suggestion is None
    assert "出生日期" in defect.message
    good = check_form("610102800512001", AS_OF)
    assert good is not None and good.kind is DefectKind.NONSTANDARD and good.suggestion == "610102198005120019"


def test_a_county_name_created_after_the_check_is_wrong_not_a_suggested_code() -> None:
    """鄠邑区 (610118, from 2016) written by name in a 2011 check: suggesting 610118 would suggest a defect."""
    findings = _findings(with_value(BASE_DOCUMENT, "members.0.basic.native_place", "鄠邑区"))
    assert findings == [("MEM105", "basic.native_place", "WRONG")]
    assert _findings(with_value(BASE_DOCUMENT, "members.0.basic.native_place", "碑林区")) == [
        ("MEM105", "basic.native_place", "NONSTANDARD")]
