"""Findings as a table: one row of plain values per finding, the same for CSV, pandas and the workbook."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from cpcinfo.acceptance.audit import AuditResult
from cpcinfo.checking.result import CheckResult
from cpcinfo.entity import Entity
from cpcinfo.findings import Finding
from cpcinfo.infobase import InfoBase
from cpcinfo.report.views import FindingView, finding_views
from cpcinfo.tabular._database import Database

FINDINGS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("rule", "规则"),
    ("title", "规则名称"),
    ("item", "评分项"),
    ("entity", "对象"),
    ("key", "记录"),
    ("branch", "所在党支部"),
    ("field", "字段"),
    ("label", "字段名称"),
    ("value", "填写值"),
    ("kind", "问题类型"),
    ("message", "说明"),
    ("suggestion", "建议"),
    ("status", "状态"),
    ("cell", "位置"),
    ("file", "文件"),
    ("sheet", "工作表"),
    ("row", "行"),
    ("column", "列"),
)
"""The columns of :func:`findings_table`: (name, Chinese header)."""


def _record(infobase: InfoBase, entity: Entity, key: str | None) -> Any:
    if key is None:
        return None
    records = {Entity.ORGANIZATION: infobase.organizations, Entity.MEMBER: infobase.members,
               Entity.APPLICANT: infobase.applicants}[entity]
    if key.startswith("#") and key[1:].isdigit():
        index = int(key[1:]) - 1
        return records[index] if 0 <= index < len(records) else None
    lookup = {Entity.ORGANIZATION: infobase.organization, Entity.MEMBER: infobase.member,
              Entity.APPLICANT: infobase.applicant}[entity]
    return lookup(key)


def branch_of(infobase: InfoBase, finding: Finding) -> str | None:
    """The organization a finding goes back to: the member's or applicant's 所在党支部, or the organization
    itself (a 党委 or 党总支 keeps its own findings)."""
    if finding.entity is Entity.ORGANIZATION:
        return finding.key if finding.key is not None and not finding.key.startswith("#") else None
    record = _record(infobase, finding.entity, finding.key)
    if record is None:
        return None
    group = record.relation if finding.entity is Entity.MEMBER else record.development
    branch = getattr(group, "branch", None) if group is not None else None
    return branch if isinstance(branch, str) and branch else None


def listed_findings(result: CheckResult | AuditResult) -> list[Finding]:
    """The findings of :func:`findings_table`, one a row, in its order: the check's, then its waiver reports."""
    check = result.check if isinstance(result, AuditResult) else result
    return [*check.findings, *check.waiver_reports]


def _views(result: CheckResult | AuditResult, mask_ids: bool) -> list[tuple[Finding, FindingView]]:
    if isinstance(result, AuditResult):
        return finding_views(result.check, status=result.status, mask_ids=mask_ids)
    return finding_views(result, mask_ids=mask_ids)


def findings_table(result: CheckResult | AuditResult, database: Database | InfoBase | None = None, *,
                   mask_ids: bool = True) -> list[dict[str, Any]]:
    """One dict per finding (keys :data:`FINDINGS_COLUMNS`), in the order of the result, waiver reports last.

    ``database`` gives the branch column (from the records) and the location columns (from where a file
    put each record); without it they are empty. Identity numbers are masked unless ``mask_ids=False``.
    """
    infobase = database.infobase if isinstance(database, Database) else database
    rows = []
    for finding, view in _views(result, mask_ids):
        location = database.locate(finding) if isinstance(database, Database) else None
        rows.append({
            "rule": view.rule, "title": view.rule_title, "item": view.item, "entity": view.entity_label,
            "key": view.key, "branch": branch_of(infobase, finding) if infobase is not None else None,
            "field": view.field, "label": view.label, "value": view.value_text, "kind": view.kind.label,
            "message": view.message, "suggestion": view.suggestion_text or None, "status": view.status_text,
            "cell": location.cell if location else None, "file": location.file if location else None,
            "sheet": location.sheet if location else None, "row": location.row if location else None,
            "column": location.column if location else None,
        })
    return rows


def findings_frame(result: CheckResult | AuditResult, database: Database | InfoBase | None = None, *,
                   mask_ids: bool = True, chinese_headers: bool = False) -> Any:
    """:func:`findings_table` as a pandas DataFrame (the ``pandas`` extra)."""
    from cpcinfo.tabular._extras import require

    pandas = require("pandas", "pandas")
    rows = findings_table(result, database, mask_ids=mask_ids)
    names = [name for name, _ in FINDINGS_COLUMNS]
    frame = pandas.DataFrame(rows, columns=names)
    if chinese_headers:
        frame.columns = [label for _, label in FINDINGS_COLUMNS]
    return frame


def findings_csv(rows: Sequence[dict[str, Any]]) -> str:
    """The table as CSV text with Chinese headers (formula-like text quoted with an apostrophe)."""
    from cpcinfo.tabular._write import safe_csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _, label in FINDINGS_COLUMNS])
    for row in rows:
        writer.writerow(["" if row[name] is None else safe_csv(row[name]) for name, _ in FINDINGS_COLUMNS])
    return out.getvalue()
