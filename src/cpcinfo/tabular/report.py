"""The JSON report with where each finding is (``location``) and the files read (``inputs``).

Both keys are added to the ``cpcinfo.check/1`` and ``cpcinfo.audit/1`` documents (an addition, as the
schema's add-only policy allows): ``location`` is ``{"file", "sheet", "row", "column", "path", "cell"}`` —
``cell`` is ``党员!F17`` for a workbook or CSV, the JSON path for a JSON document — or ``null`` for a finding
on no record read; ``inputs`` lists each file with its format and the encoding it was read in.
"""

from __future__ import annotations

import json
from typing import Any

from cpcinfo.acceptance.audit import AuditResult
from cpcinfo.checking.result import CheckResult
from cpcinfo.infobase import InfoBase
from cpcinfo.report import audit_to_dict, check_to_dict
from cpcinfo.tabular._database import Database


def located_dict(result: CheckResult | AuditResult, database: Database | InfoBase | None, *,
                 mask_ids: bool = True) -> dict[str, Any]:
    """The JSON report of a check or an audit, each finding with its ``location``."""
    if isinstance(result, AuditResult):
        data = audit_to_dict(result, mask_ids=mask_ids)
        check = result.check
    else:
        data = check_to_dict(result, mask_ids=mask_ids)
        check = result
    located = database if isinstance(database, Database) else None
    for key, findings in (("findings", check.findings), ("waiver_reports", check.waiver_reports)):
        for entry, finding in zip(data[key], findings, strict=True):
            where = located.locate(finding) if located is not None else None
            entry["location"] = where.to_dict() if where is not None else None
    data["inputs"] = [f.to_dict() for f in located.inputs] if located is not None else []
    return data


def located_json(result: CheckResult | AuditResult, database: Database | InfoBase | None, *,
                 mask_ids: bool = True) -> str:
    """:func:`located_dict` as JSON text."""
    return json.dumps(located_dict(result, database, mask_ids=mask_ids), ensure_ascii=False, indent=2,
                      allow_nan=False) + "\n"
