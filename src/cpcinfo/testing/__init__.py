"""Helpers for tests: :func:`check_rule_examples` (a rule's worked examples, built-in or a user's) and, in
:mod:`cpcinfo.testing.strategies`, hypothesis strategies (which need ``hypothesis``)."""

from cpcinfo.testing.examples import check_rule_examples

__all__ = ["check_rule_examples"]
