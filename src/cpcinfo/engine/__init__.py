"""The engine: it runs the rules it is given.

The field validator of each entity (:mod:`~cpcinfo.engine.runner`), the pass over each entity's records
that runs it and the system rules' record hooks (:mod:`~cpcinfo.engine.record_pass`), the facts several
rules read of a record (:mod:`~cpcinfo.engine.facts`), the per-run context the hooks read and write
(:mod:`~cpcinfo.engine.context`), the lists in which repeats are found (:mod:`~cpcinfo.engine.repeats`),
the driver of the whole run (:mod:`~cpcinfo.engine.driver`), the one function that turns a rule's defects into
findings (:func:`add_findings`) and the generated source printed for a reader (:func:`generated_source`,
``cpcinfo rules --explain-engine``). It imports no rule of an entity and no
registry: which rules run is the caller's choice (the built-in check's is ``cpcinfo.checking``).
"""

from cpcinfo.engine.context import SystemContext
from cpcinfo.engine.driver import RuleDriver
from cpcinfo.engine.facts import APPLICANT_FACTS, MEMBER_FACTS, Facts, FactsCode
from cpcinfo.engine.record_pass import record_pass
from cpcinfo.engine.repeats import Noted, noted, repeats
from cpcinfo.engine.reporting import add_findings
from cpcinfo.engine.runner import Validator
from cpcinfo.engine.source import generated_source

__all__ = [
    "APPLICANT_FACTS",
    "MEMBER_FACTS",
    "Facts",
    "FactsCode",
    "Noted",
    "RuleDriver",
    "SystemContext",
    "Validator",
    "add_findings",
    "generated_source",
    "noted",
    "record_pass",
    "repeats",
]
