"""DataFrames in and out (the ``pandas`` extra): pandas' own types are read for what they say."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

from cpcinfo.checking import check  # noqa: E402
from cpcinfo.member import validate  # noqa: E402
from cpcinfo.tabular import FINDINGS_COLUMNS, findings_frame, from_frames  # noqa: E402

AS_OF = datetime.date(2011, 6, 30)


def _born(value: Any) -> tuple[Any, list[tuple[str, Any]]]:
    frame = pd.DataFrame({"人员编号": ["M1"], "姓名": ["王芳"], "出生日期": pd.Series([value], dtype=object)})
    member = from_frames({"党员": frame}).infobase.members[0]
    found = [(f.kind.label, f.suggestion) for f in validate(member, as_of=AS_OF) if f.field == "basic.born_on"]
    return member.basic.born_on, found


def test_a_timestamp_at_midnight_is_a_date() -> None:
    assert _born(pd.Timestamp("1980-05-12")) == (datetime.date(1980, 5, 12), [])


def test_a_timestamp_with_a_time_is_nonstandard() -> None:
    value, found = _born(pd.Timestamp("1980-05-12 08:00"))
    assert value == datetime.datetime(1980, 5, 12, 8, 0)
    assert found == [("不规范", datetime.date(1980, 5, 12))]


def test_nat_nan_and_none_are_not_filled_in_and_never_crash() -> None:
    for blank in (pd.NaT, float("nan"), np.nan, None, pd.NA, np.datetime64("NaT")):
        value, found = _born(blank)
        assert value is None, blank
        assert found == [("未填写", None)], blank


def test_numpy_datetime64_is_a_date() -> None:
    assert _born(np.datetime64("1980-05-12")) == (datetime.date(1980, 5, 12), [])
    assert _born(np.datetime64("1980-05-12T00:00:00.000000000")) == (datetime.date(1980, 5, 12), [])


def test_pandas_defaults_int_codes_and_nan_read_as_the_source_meant() -> None:
    """What ``pd.read_excel`` makes of a sheet by default: int64 codes, float64 with NaN where blanks are."""
    frame = pd.DataFrame({"人员编号": ["M1", "M2"], "姓名": ["王芳", "李强"], "性别": [2, 1],
                          "民族": [1.0, np.nan], "出生日期": pd.to_datetime(["1980-05-12", None])})
    base = from_frames({"党员": frame}).infobase
    first, second = base.members
    assert (first.basic.gender, first.basic.ethnicity, first.basic.born_on) == ("2", "1", datetime.date(1980, 5, 12))
    assert (second.basic.ethnicity, second.basic.born_on) == (None, None)
    kinds = {f.field: f.kind.label for f in validate(first, as_of=AS_OF)}
    assert kinds["basic.ethnicity"] == "不规范"  # 1 for 01: a lost leading zero, not 填写错误
    assert "basic.gender" not in kinds and "basic.born_on" not in kinds


def test_findings_go_back_to_a_dataframe_row_per_finding_with_the_cell() -> None:
    frame = pd.DataFrame({"人员编号": ["M1"], "姓名": ["王 芳"], "出生日期": ["1980/5/12"]})
    database = from_frames({"党员": frame})
    result = check(database.infobase, as_of=AS_OF)
    out = findings_frame(result, database)
    assert list(out.columns) == [name for name, _ in FINDINGS_COLUMNS]
    assert len(out) == len(result.findings)
    born = out[out["field"] == "basic.born_on"].iloc[0]
    assert (born["sheet"], born["row"], born["column"], born["suggestion"]) == ("党员", 2, "C", "1980-05-12")
    chinese = findings_frame(result, database, chinese_headers=True)
    assert list(chinese.columns)[:3] == ["规则", "规则名称", "评分项"]


def test_nat_given_straight_to_the_converter_is_not_filled_in_rather_than_a_crash() -> None:
    from cpcinfo.convert import structure

    doc = {"党组织": [{"基本信息": {"党组织代码": "1", "党组织名称": "中共某委员会", "组织类别": "611"}}],
           "党员": [{"人员编号": "M1", "基本信息": {"姓名": "王芳", "出生日期": pd.NaT}}]}
    base = structure(doc, keys="zh")
    assert base.members[0].basic.born_on is None
    found = [f for f in check(base, as_of=AS_OF).findings if f.field == "basic.born_on"]
    assert [f.kind.label for f in found] == ["未填写"]
