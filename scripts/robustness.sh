#!/usr/bin/env bash
# The long run of the robustness suite (tests/test_robustness.py): the same properties as in CI, with many
# more examples (ROBUSTNESS_EXAMPLES, default 5000 a test) and a fresh random seed each run. A failure prints
# the reproducing blob (@reproduce_failure); add it to the test as an explicit example before fixing.
set -euo pipefail
cd "$(dirname "$0")/.."
export HYPOTHESIS_PROFILE=long
exec .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_robustness.py tests/test_hostile_input.py "$@"
