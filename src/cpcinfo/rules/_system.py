"""System rules (系统查找): rules over more than one group, record, or the tree. Filled in by the system check."""

from __future__ import annotations

from cpcinfo.rules.model import Rule


def system_rules() -> list[Rule]:
    return []
