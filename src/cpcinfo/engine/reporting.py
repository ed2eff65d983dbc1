"""The one place where a rule's defects become findings.

A check (``rules.model``'s prepared check, value check or system hook) says what is wrong as
:class:`~cpcinfo.rules.model.Defect` values, relative to what it was called with; a
:class:`~cpcinfo.findings.Finding` names the rule, the record and the field's full path and label. The field
validator (:mod:`~cpcinfo.engine.runner`), the record pass's reports (:mod:`~cpcinfo.engine.driver`) and the
rules over the whole tree and at the finish all go through :func:`add_findings`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cpcinfo.findings import Finding
from cpcinfo.rules.model import Defect, Rule


def add_findings(found: list[Finding], rule: Rule, key: str | None, defects: Iterable[Defect],
                 labels: Mapping[str, str], prefix: str = "") -> None:
    """Append to ``found`` one finding of ``rule`` per defect, about the record named ``key``.

    ``prefix`` is the path of what the check was called with (``basic.``, ``awards[2].``; empty for a whole
    record); ``labels`` names the fields the defects name relative to it (a defect's own label wins; a
    subrecord's field ``leaders[1].title`` falls back to the label of ``leaders``, then to its path).

    >>> from cpcinfo.findings import DefectKind
    >>> from cpcinfo.rules import registry
    >>> found: list[Finding] = []
    >>> add_findings(found, registry()["MEM102"], "M001", [Defect("gender", "9", DefectKind.WRONG,
    ...              "不是性别代码")], {"gender": "性别"}, "basic.")
    >>> found[0].rule, found[0].key, found[0].field, found[0].label
    ('MEM102', 'M001', 'basic.gender', '性别')
    """
    for d in defects:
        label = d.label or labels.get(d.field) or labels.get(d.field.split("[")[0]) or d.field
        found.append(Finding(rule=rule.code, entity=rule.entity, key=key, field=prefix + d.field, label=label,
                             value=d.value, kind=d.kind, item=rule.item, message=d.message,
                             suggestion=d.suggestion))


__all__ = ["add_findings"]
