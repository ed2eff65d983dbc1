"""The generated documentation is in step with the registry and the code tables, and the CLI renders it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpcinfo.codes import default_tables
from cpcinfo.reference import code_table_listing, explain_rule, generated_docs, rule_table
from cpcinfo.rules import registry

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("name", sorted(generated_docs()))
def test_committed_docs_equal_what_the_data_generates(name: str) -> None:
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == generated_docs()[name], f"docs/{name} is stale: run `python -m cpcinfo.reference docs`"


def test_every_rule_is_listed_and_explained() -> None:
    listing = rule_table(registry())
    for rule in registry():
        assert rule.code in listing
        text = explain_rule(rule)
        assert rule.explanation.what in text and all(e.note in text for e in rule.explanation.fails)


def test_a_table_listing_names_its_edition_and_every_code() -> None:
    table = default_tables()["gender"]
    text = code_table_listing(table)
    assert table.edition in text and all(e.code in text for e in table.entries)


def test_the_documented_changes_make_each_example_from_its_base_record() -> None:
    """The docs show an example as its base record plus the changes it names: that must be the data the
    tests run."""
    from cpcinfo.reference import base_records
    from cpcinfo.rules import RuleScope
    from cpcinfo.rules.builders import with_value

    bases = base_records()
    for rule in registry():
        name = "基准数据库" if rule.scope is RuleScope.SYSTEM else f"基准{rule.entity.label}记录"
        for example in (*rule.explanation.fails, *rule.explanation.passes):
            data = bases[name]
            for path, value in example.changes:
                data = with_value(data, path, value)
            assert data == example.data, (rule.code, example.note)
