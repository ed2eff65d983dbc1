"""A unit's database over time (动态更新): what changed between two versions, which problems were fixed,
and the quality of a sequence of snapshots.

The core of ``cpcinfo diff``, free of I/O: :func:`diff_records` compares the records of two versions by
key, field by field; :func:`diff_findings` sorts the findings of two checks into fixed, new and persisting;
:func:`diff_databases` does both; :func:`quality_over_time` makes a table of a sequence of audits.
"""

from cpcinfo.history.databases import DatabaseDiff, diff_databases
from cpcinfo.history.findings import FindingDiff, FindingTally, diff_findings, finding_identity
from cpcinfo.history.records import FieldChange, RecordChange, RecordDiff, RecordRef, diff_records, flatten
from cpcinfo.history.timeline import QualityRow, QualityTimeline, quality_over_time

__all__ = [
    "DatabaseDiff",
    "FieldChange",
    "FindingDiff",
    "FindingTally",
    "QualityRow",
    "QualityTimeline",
    "RecordChange",
    "RecordDiff",
    "RecordRef",
    "diff_databases",
    "diff_findings",
    "diff_records",
    "finding_identity",
    "flatten",
    "quality_over_time",
]
