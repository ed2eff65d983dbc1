"""Shared test configuration: hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) makes property tests reproducible: derandomized, no deadline,
a failure printed with its reproduction blob. The default ``dev`` profile keeps hypothesis's random search
and drops only the deadline (the first examples pay for loading the code tables).
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True, max_examples=50)
settings.register_profile("dev", deadline=None)
# The long run of the robustness suite (scripts/robustness.sh): many examples, new ones each run.
settings.register_profile("long", deadline=None, print_blob=True,
                          max_examples=int(os.environ.get("ROBUSTNESS_EXAMPLES", "5000")))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
