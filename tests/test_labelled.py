"""The labelled-enum idiom, written once (cpcinfo.labelled): every labelled enum keeps its values and labels."""

from __future__ import annotations

import pickle

import pytest

from cpcinfo.acceptance.grades import Grade
from cpcinfo.acceptance.region import RegionStatus
from cpcinfo.acceptance.regional import UnitStatus
from cpcinfo.entity import Entity
from cpcinfo.findings import DefectKind, FindingStatus
from cpcinfo.labelled import LabelledEnum

# The values and labels as they were before the idiom was written once: reports print them, documents store them.
PINNED: dict[type[LabelledEnum], dict[str, str]] = {
    Entity: {"organization": "党组织", "member": "党员", "applicant": "申请入党人"},
    DefectKind: {"missing": "未填写", "wrong": "填写错误", "nonstandard": "不规范"},
    FindingStatus: {"counted": "计入", "not_sampled": "未抽中不计分", "waived": "已豁免不计分",
                    "preview": "试行规则不计分", "waiver_report": "豁免报告不计分"},
    Grade: {"excellent": "优秀", "pass": "合格", "fail": "不合格"},
    RegionStatus: {"passed": "合格", "failed": "不合格", "undetermined": "无法判定"},
    UnitStatus: {"inspected": "已审核", "not_built": "未建库", "not_submitted": "已建库，未提交信息库",
                 "unreadable": "无法审核"},
}


@pytest.mark.parametrize("enum_class", list(PINNED), ids=lambda c: c.__name__)
def test_values_and_labels_are_what_they_were(enum_class: type[LabelledEnum]) -> None:
    assert {member.value: member.label for member in enum_class} == PINNED[enum_class]
    for member in enum_class:
        assert enum_class(member.value) is member
        assert pickle.loads(pickle.dumps(member)) is member
        assert repr(member) == f"<{enum_class.__name__}.{member.name}: {member.value!r}>"


def test_a_member_without_a_label_is_refused() -> None:
    with pytest.raises(TypeError, match="value and its label"):
        class Unlabelled(LabelledEnum):
            ONLY = "only"


def test_an_unknown_value_is_still_a_value_error() -> None:
    with pytest.raises(ValueError):
        Entity("党员")
