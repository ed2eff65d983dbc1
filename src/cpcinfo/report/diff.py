"""The report of ``cpcinfo diff``: what changed between two versions of a unit's database — records,
findings fixed, new and persisting (by rule and by branch), and the score then and now — as text, Markdown,
HTML or JSON. Identity numbers are masked unless ``mask_ids=False``."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any, Final

from cpcinfo.entity import Entity
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.fields import glossary
from cpcinfo.findings import Finding
from cpcinfo.history.databases import DatabaseDiff
from cpcinfo.history.records import FieldChange
from cpcinfo.masking import Masker, is_id_field
from cpcinfo.report._blocks import Block, Bullets, Heading, Paragraph, Table, to_html, to_markdown, to_text
from cpcinfo.report.region import item_label
from cpcinfo.report.views import rule_title

DIFF_SCHEMA: Final = "cpcinfo-diff/1"
MAX_LISTED: Final = 200
"""How many records, field changes or findings each list shows (the JSON has them all)."""


def field_label(entity: Entity, path: str) -> str:
    """The Chinese label of a field path (indices dropped), or the path itself."""
    try:
        return glossary().field(entity, re.sub(r"\[\d+\]", "", path)).label
    except KeyError:
        return path


def _value(masker: Masker, change: FieldChange, side: Any) -> str:
    if side is None:
        return "（无）"
    return masker.value_text(side, id_field=is_id_field(change.path))


def _more(total: int, shown: int) -> list[Block]:
    return [Paragraph(f"……另有 {total - shown} 条，见 JSON 报告。")] if total > shown else []


def _record_blocks(diff: DatabaseDiff, masker: Masker) -> list[Block]:
    r = diff.records
    rows = tuple((e.label, *(str(n) for n in r.counts(e))) for e in Entity)
    blocks: list[Block] = [Heading(2, "一、记录变化"), Table(("", "新增", "删除", "修改"), rows, frozenset({1, 2, 3}))]
    if r.added:
        blocks += [Heading(3, "新增的记录"), Bullets(tuple(masker.text(str(x)) for x in r.added[:MAX_LISTED])),
                   *_more(len(r.added), MAX_LISTED)]
    if r.removed:
        blocks += [Heading(3, "删除的记录"), Bullets(tuple(masker.text(str(x)) for x in r.removed[:MAX_LISTED])),
                   *_more(len(r.removed), MAX_LISTED)]
    changes = [(c.record, f) for c in r.changed for f in c.fields]
    if changes:
        blocks += [Heading(3, "修改的字段"),
                   Table(("记录", "字段", "原值", "新值"), tuple(
                       (masker.text(str(rec)), field_label(rec.entity, f.path), _value(masker, f, f.old),
                        _value(masker, f, f.new)) for rec, f in changes[:MAX_LISTED])),
                   *_more(len(changes), MAX_LISTED)]
    return blocks


def _finding_row(masker: Masker, f: Finding) -> tuple[str, ...]:
    return (f.rule, f"{f.entity.label} {masker.text(f.key or '')}", f.label or "—", masker.text(f.message))


def _finding_blocks(diff: DatabaseDiff, masker: Masker) -> list[Block]:
    d = diff.findings
    blocks: list[Block] = [
        Heading(2, "二、问题的整改情况"),
        Paragraph(f"已整改 {len(d.fixed)} 处，新出现 {len(d.new)} 处，仍存在 {len(d.persisting)} 处"
                  "（全库检查中计入的问题，同一规则、同一记录、同一字段视为同一问题）。")]
    by_rule = d.by_rule()
    if by_rule:
        blocks += [Heading(3, "按规则"), Table(("规则", "问题", "已整改", "新出现", "仍存在"), tuple(
            (t.key, rule_title(t.key), str(t.fixed), str(t.new), str(t.persisting)) for t in by_rule),
            frozenset({2, 3, 4}))]
        blocks += [Heading(3, "按支部"), Table(("支部", "已整改", "新出现", "仍存在"), tuple(
            (t.key, str(t.fixed), str(t.new), str(t.persisting)) for t in d.by_branch()), frozenset({1, 2, 3}))]
    for title, findings in (("新出现的问题", d.new), ("已整改的问题", d.fixed)):
        if findings:
            blocks += [Heading(3, title), Table(("规则", "记录", "字段", "问题"), tuple(
                _finding_row(masker, f) for f in findings[:MAX_LISTED])), *_more(len(findings), MAX_LISTED)]
    return blocks


def _audit_blocks(diff: DatabaseDiff) -> list[Block]:
    old, new = diff.old_audit, diff.new_audit
    if old is None or new is None:
        return []
    rows = [("验收得分", str(old.total), str(new.total)), ("等次", old.sheet.grade.label, new.sheet.grade.label)]
    rows += [(item_label(a.item.number), f"−{a.deducted}", f"−{b.deducted}")
             for a, b in zip(old.sheet, new.sheet, strict=True) if a.deducted != b.deducted]
    return [Heading(2, "三、验收得分"),
            Paragraph(f"两版均以种子 {old.seed} 抽样；记录有增删时样本随之不同。"),
            Table(("", "旧版", "新版"), tuple(rows))]


def diff_blocks(diff: DatabaseDiff, *, old_name: str = "旧版", new_name: str = "新版",
                mask_ids: bool = True) -> list[Block]:
    masker = Masker([*diff.old_check.findings, *diff.new_check.findings], enabled=mask_ids)
    return [Heading(1, "信息库变化对比"),
            Paragraph(f"旧版：{old_name}；新版：{new_name}；检查日期：{diff.as_of}。"),
            *_record_blocks(diff, masker), *_finding_blocks(diff, masker), *_audit_blocks(diff)]


def _finding_dict(masker: Masker, f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "entity": f.entity.value, "key": masker.optional(f.key), "field": f.field,
            "label": f.label, "item": f.item, "message": masker.text(f.message)}


def diff_to_dict(diff: DatabaseDiff, *, mask_ids: bool = True) -> dict[str, Any]:
    masker = Masker([*diff.old_check.findings, *diff.new_check.findings], enabled=mask_ids)
    r, d = diff.records, diff.findings
    data: dict[str, Any] = {
        "schema": DIFF_SCHEMA, "as_of": diff.as_of.isoformat(),
        "records": {
            "added": [{"entity": x.entity.value, "key": masker.text(x.key)} for x in r.added],
            "removed": [{"entity": x.entity.value, "key": masker.text(x.key)} for x in r.removed],
            "changed": [{"entity": c.record.entity.value, "key": masker.text(c.record.key), "fields": [
                {"path": f.path, "old": masker.value(f.old, id_field=is_id_field(f.path)),
                 "new": masker.value(f.new, id_field=is_id_field(f.path))} for f in c.fields]} for c in r.changed]},
        "findings": {
            "fixed": [_finding_dict(masker, f) for f in d.fixed], "new": [_finding_dict(masker, f) for f in d.new],
            "persisting": [_finding_dict(masker, n) for _, n in d.persisting],
            "by_rule": [{"rule": t.key, "fixed": t.fixed, "new": t.new, "persisting": t.persisting}
                        for t in d.by_rule()],
            "by_branch": [{"branch": t.key, "fixed": t.fixed, "new": t.new, "persisting": t.persisting}
                          for t in d.by_branch()]},
    }
    if diff.old_audit is not None and diff.new_audit is not None:
        data["audit"] = {side: {"score": a.total, "grade": a.sheet.grade.value, "seed": a.seed}
                         for side, a in (("old", diff.old_audit), ("new", diff.new_audit))}
    return data


def render_diff(diff: DatabaseDiff, format: str = "text", *, old_name: str = "旧版", new_name: str = "新版",
                mask_ids: bool = True) -> str:
    """The diff in one of text, markdown, html, json."""
    if format == "json":
        return json.dumps(diff_to_dict(diff, mask_ids=mask_ids), ensure_ascii=False, indent=2) + "\n"
    blocks: Sequence[Block] = diff_blocks(diff, old_name=old_name, new_name=new_name, mask_ids=mask_ids)
    if format == "text":
        return to_text(blocks)
    if format == "markdown":
        return to_markdown(blocks)
    if format == "html":
        return to_html(blocks, title="信息库变化对比")
    raise InvalidArgumentError(f"未知的报告格式「{format}」")
