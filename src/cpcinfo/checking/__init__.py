"""The whole-database check (系统查找): field, system and tree rules over every record, with waivers."""

from cpcinfo.checking.engine import check, check_stream
from cpcinfo.checking.result import CheckResult
from cpcinfo.checking.waivers import (
    EXPIRED_WAIVER,
    UNUSED_WAIVER,
    Waiver,
    WaiverError,
    apply_waivers,
    waivers_from_json,
    waivers_to_json,
)

__all__ = [
    "EXPIRED_WAIVER",
    "UNUSED_WAIVER",
    "CheckResult",
    "Waiver",
    "WaiverError",
    "apply_waivers",
    "check",
    "check_stream",
    "waivers_from_json",
    "waivers_to_json",
]
