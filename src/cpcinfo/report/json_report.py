"""JSON reports with a versioned schema (``cpcinfo.audit/1``, ``cpcinfo.check/1``, ``cpcinfo.sheet/1``).

:func:`audit_to_dict` and :func:`check_to_dict` return plain, JSON-ready dicts; :func:`audit_json` and
:func:`check_json` dump them with ``ensure_ascii=False, indent=2``. Every key is documented in
``docs/report-schema.md``. A schema's version changes only when a key is removed or changes meaning; new keys
may be added within a version.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from cpcinfo.findings import FindingStatus
from cpcinfo.report.views import (
    AuditView,
    CheckView,
    FindingView,
    ItemSummary,
    ProblemGroup,
    RuleSummary,
    SampleView,
    SheetRow,
    SheetView,
    audit_view,
    check_view,
    plain_sheet_view,
)

if TYPE_CHECKING:
    from cpcinfo.acceptance.audit import AuditResult
    from cpcinfo.acceptance.sheet import ScoreSheet
    from cpcinfo.checking.result import CheckResult

AUDIT_SCHEMA: Final = "cpcinfo.audit/1"
CHECK_SCHEMA: Final = "cpcinfo.check/1"
SHEET_SCHEMA: Final = "cpcinfo.sheet/1"

JsonDict = dict[str, Any]


def _problem(group: ProblemGroup) -> JsonDict:
    return {
        "rule": group.rule,
        "title": group.title,
        "kind": group.kind.value if group.kind is not None else None,
        "kind_label": group.kind.label if group.kind is not None else None,
        "count": group.count,
        "keys": list(group.keys),
        "text": group.text(),
    }


def _item(row: SheetRow) -> JsonDict:
    return {
        "number": row.item.number,
        "part": row.item.part.value,
        "part_title": row.item.part.title,
        "title": row.item.title,
        "method": row.item.method,
        "maximum": row.item.maximum,
        "per_defect": row.item.per_defect,
        "defects": row.defects,
        "deducted": row.deducted,
        "kept": row.kept,
        "problems": [_problem(g) for g in row.problems],
        "problems_text": row.problems_text,
    }


def _sheet(view: SheetView) -> JsonDict:
    return {
        "unit": view.unit,
        "total": view.total,
        "maximum": view.maximum,
        "deducted": view.deductions,
        "grade": view.grade.value,
        "grade_label": view.grade.label,
        "parts": [{"part": part.value, "title": part.title, "maximum": part.maximum, "kept": kept}
                  for part, kept in view.part_totals],
        "items": [_item(row) for row in view.rows],
        "notes": list(view.notes),
    }


def _finding(finding: FindingView) -> JsonDict:
    waiver = finding.waiver
    return {
        "item": finding.item,
        "entity": finding.entity,
        "entity_label": finding.entity_label,
        "rule": finding.rule,
        "rule_title": finding.rule_title,
        "key": finding.key,
        "field": finding.field,
        "label": finding.label,
        "value": finding.value,
        "value_text": finding.value_text,
        "kind": finding.kind.value,
        "kind_label": finding.kind.label,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "status": finding.status.value,
        "status_label": finding.status.label,
        "waiver": None if waiver is None else {
            "rule": waiver.rule,
            "key": waiver.key,
            "field": waiver.field,
            "reason": waiver.reason,
            "approved_by": waiver.approved_by,
            "expires_on": waiver.expires_on.isoformat() if waiver.expires_on is not None else None,
        },
    }


def _statuses(counts: ItemSummary | RuleSummary) -> JsonDict:
    return {status.value: counts.count(status) for status in FindingStatus if status is not FindingStatus.WAIVER_REPORT}


def _sample(sample: SampleView) -> JsonDict:
    return {
        "label": sample.label,
        "seed": sample.seed,
        "population_size": sample.population_size,
        "population_sha256": sample.population_sha256,
        "required": sample.required,
        "size": len(sample.drawn),
        "drawn": list(sample.drawn),
    }


def _check_body(view: CheckView) -> JsonDict:
    return {
        "as_of": view.as_of.isoformat(),
        "ruleset": view.ruleset,
        "editions": dict(view.editions),
        "preview_rules": list(view.preview_rules),
        "roster_checked": view.roster_checked,
        "counts": {name: n for name, _, n in view.counts},
        "summary": {"findings": len(view.findings),
                    **{s.value: view.count(s) for s in FindingStatus if s is not FindingStatus.WAIVER_REPORT},
                    "waiver_reports": len(view.waiver_reports)},
        "by_item": [{"item": s.item.number, "title": s.item.title, "total": s.total, **_statuses(s),
                     "problems": [_problem(g) for g in s.problems], "problems_text": s.problems_text}
                    for s in view.by_item],
        "by_rule": [{"rule": r.rule, "title": r.title, "item": r.item, "total": r.total, **_statuses(r)}
                    for r in view.by_rule],
        "findings": [_finding(f) for f in view.findings],
        "waiver_reports": [_finding(f) for f in view.waiver_reports],
    }


def audit_view_to_dict(view: AuditView, *, masked: bool) -> JsonDict:
    """The ``cpcinfo.audit/1`` dict of an audit view."""
    check = _check_body(view.check)
    return {
        "schema": AUDIT_SCHEMA,
        "masked_ids": masked,
        "unit": view.unit,
        "as_of": view.as_of.isoformat(),
        "seed": view.seed,
        "ruleset": check.pop("ruleset"),
        "editions": check.pop("editions"),
        "preview_rules": check.pop("preview_rules"),
        "roster_checked": check.pop("roster_checked"),
        "total": view.sheet.total,
        "grade": view.sheet.grade.value,
        "grade_label": view.sheet.grade.label,
        "sheet": _sheet(view.sheet),
        "samples": {sample.population: _sample(sample) for sample in view.samples},
        **{key: check[key] for key in ("counts", "summary", "by_item", "by_rule", "findings", "waiver_reports")},
    }


def audit_to_dict(result: AuditResult, *, mask_ids: bool = True) -> JsonDict:
    """An audit as a JSON-ready dict of schema ``cpcinfo.audit/1`` (see docs/report-schema.md)."""
    return audit_view_to_dict(audit_view(result, mask_ids=mask_ids), masked=mask_ids)


def check_to_dict(result: CheckResult, *, mask_ids: bool = True) -> JsonDict:
    """A whole-database check as a JSON-ready dict of schema ``cpcinfo.check/1``."""
    return {"schema": CHECK_SCHEMA, "masked_ids": mask_ids, **_check_body(check_view(result, mask_ids=mask_ids))}


def sheet_to_dict(sheet: ScoreSheet, *, mask_ids: bool = True) -> JsonDict:
    """A score sheet alone as a JSON-ready dict of schema ``cpcinfo.sheet/1`` (the ``sheet`` of an audit)."""
    return {"schema": SHEET_SCHEMA, "masked_ids": mask_ids, **_sheet(plain_sheet_view(sheet, mask_ids=mask_ids))}


def _dumps(data: JsonDict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def audit_json(result: AuditResult, *, mask_ids: bool = True) -> str:
    """:func:`audit_to_dict` as JSON text."""
    return _dumps(audit_to_dict(result, mask_ids=mask_ids))


def check_json(result: CheckResult, *, mask_ids: bool = True) -> str:
    """:func:`check_to_dict` as JSON text."""
    return _dumps(check_to_dict(result, mask_ids=mask_ids))


def sheet_json(sheet: ScoreSheet, *, mask_ids: bool = True) -> str:
    """:func:`sheet_to_dict` as JSON text."""
    return _dumps(sheet_to_dict(sheet, mask_ids=mask_ids))
