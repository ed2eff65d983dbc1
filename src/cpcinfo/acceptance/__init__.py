"""The Shaanxi acceptance check (陕组办字〔2011〕10号): sampling, the 20-item score sheet, grades and the
verdict on a region.

Every reading of the provincial text is a named constant of the module that applies it; see
``docs/domain/acceptance.md`` for the readings themselves.
"""

from cpcinfo.acceptance.audit import AuditResult, EmptyInfoBaseError, Samples, audit
from cpcinfo.acceptance.grades import (
    EXCELLENT_MIN_SCORE,
    PASS_MIN_SCORE,
    Grade,
    Scored,
    grade,
    mean_score,
)
from cpcinfo.acceptance.items import ITEMS, Item, Part, item
from cpcinfo.acceptance.region import (
    MIN_BUILDING_RATE,
    MIN_PASS_RATE,
    RegionStatus,
    RegionVerdict,
    UnitState,
    region_verdict,
)
from cpcinfo.acceptance.sampling import (
    COMMITTEE_SAMPLE_PERCENT,
    SAMPLE_SIZE_BANDS,
    SAMPLE_SIZE_OVER_LAST_BAND,
    SampleManifest,
    SampleSizeError,
    committee_sample_size,
    draw_sample,
    minimum_sample,
    population_sha256,
    required_sample_size,
)
from cpcinfo.acceptance.sheet import ItemScore, ScoreSheet

__all__ = [
    "COMMITTEE_SAMPLE_PERCENT",
    "EXCELLENT_MIN_SCORE",
    "ITEMS",
    "MIN_BUILDING_RATE",
    "MIN_PASS_RATE",
    "PASS_MIN_SCORE",
    "SAMPLE_SIZE_BANDS",
    "SAMPLE_SIZE_OVER_LAST_BAND",
    "AuditResult",
    "EmptyInfoBaseError",
    "Grade",
    "Item",
    "ItemScore",
    "Part",
    "RegionStatus",
    "RegionVerdict",
    "SampleManifest",
    "SampleSizeError",
    "Samples",
    "ScoreSheet",
    "Scored",
    "UnitState",
    "audit",
    "committee_sample_size",
    "draw_sample",
    "grade",
    "item",
    "mean_score",
    "minimum_sample",
    "population_sha256",
    "region_verdict",
    "required_sample_size",
]
