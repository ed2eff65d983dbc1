"""The engine: it runs the rules it is given.

The field validator of each entity (:mod:`~cpcinfo.engine.runner`), the pass over each entity's records
that runs it and the system rules' record hooks (:mod:`~cpcinfo.engine.record_pass`), the facts several
rules read of a record (:mod:`~cpcinfo.engine.facts`), the per-run context the hooks read and write
(:mod:`~cpcinfo.engine.context`), the lists in which repeats are found (:mod:`~cpcinfo.engine.repeats`), and
the driver of the whole run (:mod:`~cpcinfo.engine.driver`). It imports no rule of an entity and no
registry: which rules run is the caller's choice (the built-in check's is ``cpcinfo.checking``).
"""

from cpcinfo.engine.context import SystemContext
from cpcinfo.engine.driver import RuleDriver
from cpcinfo.engine.facts import APPLICANT_FACTS, MEMBER_FACTS, Facts, FactsCode
from cpcinfo.engine.record_pass import record_pass
from cpcinfo.engine.repeats import Noted, noted, repeats
from cpcinfo.engine.runner import Validator

__all__ = [
    "APPLICANT_FACTS",
    "MEMBER_FACTS",
    "Facts",
    "FactsCode",
    "Noted",
    "RuleDriver",
    "SystemContext",
    "Validator",
    "noted",
    "record_pass",
    "repeats",
]
