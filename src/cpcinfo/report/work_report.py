"""The draft of a region's 建库工作总结 (work report), with every figure filled in from the region's result.

「各地区、各系统形成本地区、本系统建库工作报告，认真总结建库工作完成情况，客观分析存在问题，提出下一步工作设想和
努力方向。」 The draft follows that order: 基本情况 (counts of committees, organizations, members and applicants,
the rates and the grades), 主要做法 (left for the region to write, marked 【请填写】), 存在的问题 (the most
frequent problems by rule and item and the gaps of the inspection files), 需要整改的单位, and 下一步工作. It is
a draft for the region to edit, as Markdown or HTML; :func:`work_report_figures` lists every figure it states,
so a test can check each against the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from cpcinfo.acceptance.grades import Grade
from cpcinfo.acceptance.inspection import inspection_rule
from cpcinfo.acceptance.regional import RegionResult, UnitStatus
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.report._blocks import Block, Bullets, Heading, Paragraph, to_html, to_markdown
from cpcinfo.report.region import item_label, rate_or_none, score_text
from cpcinfo.report.views import rule_title

TO_FILL: Final = "【请填写】"
"""Marks what the draft cannot know and the region must write."""

COMMON_PROBLEMS: Final = 5
"""How many rules and items the draft names as the common problems."""


def work_report_figures(result: RegionResult) -> dict[str, str]:
    """Every figure of the draft, by what it counts, as the draft writes it."""
    v = result.verdict
    grades = result.grade_counts()
    organizations, members, applicants = result.records
    return {
        "基层党委总数": str(v.committees), "已建库": str(v.built), "未建库": str(v.committees - v.built),
        "建库率": rate_or_none(v.built, v.committees), "已审核": str(v.inspected), "合格（含优秀）": str(v.passed),
        "建库合格率": rate_or_none(v.passed, v.inspected), "优秀": str(grades[Grade.EXCELLENT]),
        "合格": str(grades[Grade.PASS]), "不合格": str(grades[Grade.FAIL]), "平均得分": score_text(result.mean_score),
        "党组织": str(organizations), "党员": str(members), "申请入党人": str(applicants),
        "已建库未提交": str(len(result.by_status(UnitStatus.NOT_SUBMITTED))),
        "无法审核": str(len(result.by_status(UnitStatus.UNREADABLE))),
        "省抽查": str(result.province_sample.size), "省抽查最低数": str(v.required_committee_sample),
        "需要整改": str(len(result.rectifications())),
    }


def _basic(result: RegionResult) -> list[Block]:
    f = work_report_figures(result)
    region = result.region or "本地区"
    sampled = "、".join(result.unit(code).label for code in result.province_sample.drawn) or "无"
    return [
        Heading(2, "一、建库工作完成情况"),
        Paragraph(f"截至{result.as_of.year}年{result.as_of.month}月{result.as_of.day}日，{region}共有基层党委"
                  f"{f['基层党委总数']}个，已建立党员信息库的{f['已建库']}个，未建库的{f['未建库']}个，"
                  f"建库率为{f['建库率']}。"),
        Paragraph(f"按照陕组办字〔2011〕10号规定的信息采集范围、考核验收办法和评分标准，对{f['已审核']}个已建库单位的"
                  f"信息库进行了检查验收，库中共有党组织{f['党组织']}个、党员{f['党员']}名、申请入党人{f['申请入党人']}名。"
                  f"验收结果：优秀{f['优秀']}个、合格{f['合格']}个、不合格{f['不合格']}个，合格（含优秀）{f['合格（含优秀）']}个，"
                  f"建库合格率为{f['建库合格率']}，平均得分{f['平均得分']}分。"
                  f"已建库但未提交信息库的{f['已建库未提交']}个，信息库无法审核的{f['无法审核']}个。"),
        Paragraph(f"按不少于基层党委总数5%的比例（至少{f['省抽查最低数']}个），随机确定省委组织部抽查单位"
                  f"{f['省抽查']}个：{sampled}。"),
        Paragraph(f"验收结论：{result.verdict.status.label}" +
                  (f"（{'；'.join(result.verdict.reasons)}）。" if result.verdict.reasons else "。")),
    ]


def _problems(result: RegionResult) -> list[Block]:
    rules = result.problems_by_rule()[:COMMON_PROBLEMS]
    items = result.problems_by_item()[:COMMON_PROBLEMS]
    gaps = result.inspection_problems()
    blocks: list[Block] = [Heading(2, "三、存在的问题")]
    if rules:
        blocks.append(Paragraph("信息录入方面，全库检查中出现最多的问题是："))
        blocks.append(Bullets(tuple(f"{rule_title(p.key)}（{p.key}），共{p.findings}处，涉及{p.units}个单位"
                                    for p in rules)))
        blocks.append(Paragraph("按评分项，问题集中在："))
        blocks.append(Bullets(tuple(f"{item_label(int(p.key))}，共{p.findings}处，涉及{p.units}个单位" for p in items)))
    else:
        blocks.append(Paragraph("信息录入方面，已审核单位的信息库在全库检查中没有发现计分问题。"))
    if gaps:
        blocks.append(Paragraph("软硬件、专人和制度方面："))
        blocks.append(Bullets(tuple(f"{inspection_rule(p.key).title}的单位{p.units}个" for p in gaps)))
    else:
        blocks.append(Paragraph("软硬件、专人和制度方面，各单位的建库情况齐全。"))
    blocks.append(Paragraph(f"{TO_FILL}对问题原因的分析。"))
    return blocks


def _rectify(result: RegionResult) -> list[Block]:
    rect = result.rectifications()
    blocks: list[Block] = [Heading(2, "四、需要整改的单位")]
    if not rect:
        return [*blocks, Paragraph("没有需要整改的单位。")]
    return [*blocks, Paragraph(f"以下{len(rect)}个单位需要限期整改："),
            Bullets(tuple(f"{r.unit.label}：{'；'.join(r.reasons)}" for r in rect))]


def work_report_blocks(result: RegionResult) -> list[Block]:
    region = result.region or "本地区"
    return [
        Heading(1, f"{region}党员信息库建库工作总结（草稿）"),
        Paragraph(f"本草稿由 cpcinfo 根据{result.as_of}的检查验收结果生成，数字均取自验收结果；"
                  f"{TO_FILL}处请补充后报送。"),
        *_basic(result),
        Heading(2, "二、主要做法"),
        Paragraph(f"{TO_FILL}组织领导、人员培训、信息采集录入和审核把关等方面的做法。"),
        *_problems(result),
        *_rectify(result),
        Heading(2, "五、下一步工作"),
        Bullets(("督促需要整改的单位限期整改，整改后重新检查验收；",
                 "坚持动态更新，党员、党组织信息发生变化的及时录入，定期用 cpcinfo diff 核对新旧两版信息库；",
                 f"{TO_FILL}其他工作设想。")),
    ]


def render_work_report(result: RegionResult, format: str = "markdown") -> str:
    """The draft as ``markdown`` or ``html``."""
    blocks: Sequence[Block] = work_report_blocks(result)
    if format == "markdown":
        return to_markdown(blocks)
    if format == "html":
        return to_html(blocks, title=f"{result.region or '本地区'}党员信息库建库工作总结（草稿）")
    raise InvalidArgumentError(f"建库工作总结只有 markdown 和 html 两种格式，不支持「{format}」")
