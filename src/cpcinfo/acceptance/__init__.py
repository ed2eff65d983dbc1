"""The Shaanxi acceptance check (陕组办字〔2011〕10号): sampling, the 20-item score sheet, grades, the
inspection file (建库情况) and the inspection of a region with its verdict.

Every reading of the provincial text is a named constant of the module that applies it; see
``acceptance.md`` in the project's shared spec for the readings themselves.
"""

from cpcinfo.acceptance.audit import AuditResult, Samples, audit
from cpcinfo.acceptance.grades import (
    EXCELLENT_MIN_SCORE,
    PASS_MIN_SCORE,
    Grade,
    Scored,
    grade,
    mean_score,
)
from cpcinfo.acceptance.inspection import (
    INSPECTION_RULES,
    PRESCRIBED_SOFTWARE,
    PRESCRIBED_VERSION,
    Equipment,
    InspectionFinding,
    InspectionRule,
    MaintenanceRules,
    ResponsiblePerson,
    Software,
    UnitInspection,
    inspection_findings,
)
from cpcinfo.acceptance.inspection_doc import InspectionDocumentError, inspection_from_dict, inspection_to_dict
from cpcinfo.acceptance.items import ITEMS, Item, Part, item
from cpcinfo.acceptance.region import (
    MIN_BUILDING_RATE,
    MIN_PASS_RATE,
    RegionStatus,
    RegionVerdict,
    UnitState,
    region_verdict,
)
from cpcinfo.acceptance.regional import (
    RegionChanges,
    RegionResult,
    UnitStatus,
    UnitSummary,
    compare_regions,
    region_result,
    summarize_unit,
    unit_not_inspected,
    unit_seed,
)
from cpcinfo.acceptance.sampling import (
    COMMITTEE_SAMPLE_PERCENT,
    SAMPLE_SIZE_BANDS,
    SAMPLE_SIZE_OVER_LAST_BAND,
    SampleManifest,
    committee_sample_size,
    draw_committee_sample,
    draw_sample,
    minimum_sample,
    population_sha256,
    required_sample_size,
    verify_manifest,
)
from cpcinfo.acceptance.sheet import ItemScore, ScoreSheet

__all__ = [
    "COMMITTEE_SAMPLE_PERCENT",
    "EXCELLENT_MIN_SCORE",
    "INSPECTION_RULES",
    "ITEMS",
    "MIN_BUILDING_RATE",
    "MIN_PASS_RATE",
    "PASS_MIN_SCORE",
    "PRESCRIBED_SOFTWARE",
    "PRESCRIBED_VERSION",
    "SAMPLE_SIZE_BANDS",
    "SAMPLE_SIZE_OVER_LAST_BAND",
    "AuditResult",
    "Equipment",
    "Grade",
    "InspectionDocumentError",
    "InspectionFinding",
    "InspectionRule",
    "Item",
    "ItemScore",
    "MaintenanceRules",
    "Part",
    "RegionChanges",
    "RegionResult",
    "RegionStatus",
    "RegionVerdict",
    "ResponsiblePerson",
    "SampleManifest",
    "Samples",
    "ScoreSheet",
    "Scored",
    "Software",
    "UnitInspection",
    "UnitState",
    "UnitStatus",
    "UnitSummary",
    "audit",
    "committee_sample_size",
    "compare_regions",
    "draw_committee_sample",
    "draw_sample",
    "grade",
    "inspection_findings",
    "inspection_from_dict",
    "inspection_to_dict",
    "item",
    "mean_score",
    "minimum_sample",
    "population_sha256",
    "region_result",
    "region_verdict",
    "required_sample_size",
    "summarize_unit",
    "unit_not_inspected",
    "unit_seed",
    "verify_manifest",
]
