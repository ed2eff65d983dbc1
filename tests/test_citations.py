"""Every citation in the project can be followed inside the project: each ``source`` of a rule, a rule set
and a code table names pages of ``docs/domain/`` and anchors that exist there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cpcinfo.codes import default_tables
from cpcinfo.rules import registry
from cpcinfo.rules.cite import CITATION
from cpcinfo.rules.ruleset import RULESETS

PAGES = Path(__file__).resolve().parent.parent / "docs" / "domain"
_ANCHOR = re.compile(r'<a id="([a-z0-9-]+)"></a>')
# What a citation looked like when the sources lived outside the repository.
_UNFOLLOWABLE = re.compile(r"domain\.md §|(?<!domain/)acceptance\.md §|domain-facts")


def anchors() -> dict[str, set[str]]:
    return {page.stem: set(_ANCHOR.findall(page.read_text(encoding="utf-8"))) for page in PAGES.glob("*.md")}


def _sources() -> list[tuple[str, str]]:
    found = [(f"rule {rule.code}", rule.explanation.source) for rule in registry()]
    found += [(f"rule set {ruleset.name}", ruleset.source) for ruleset in RULESETS.values()]
    tables = default_tables()
    found += [(f"code table {name}", tables[name].source) for name in tables]
    return found


@pytest.mark.parametrize(("owner", "source"), _sources(), ids=lambda value: str(value)[:40])
def test_every_source_cites_existing_pages_and_anchors(owner: str, source: str) -> None:
    known = anchors()
    cited = list(CITATION.finditer(source))
    assert cited, f"{owner} cites no page of docs/domain/: {source!r}"
    for citation in cited:
        page, anchor = citation["page"], citation["anchor"]
        assert page in known, f"{owner} cites docs/domain/{page}.md, which does not exist"
        assert anchor in known[page], f"{owner} cites #{anchor}, which docs/domain/{page}.md does not have"
    assert not _UNFOLLOWABLE.search(source), f"{owner} still cites a file outside the project: {source!r}"


def test_anchors_are_unique_on_each_page() -> None:
    for page in PAGES.glob("*.md"):
        ids = _ANCHOR.findall(page.read_text(encoding="utf-8"))
        assert len(ids) == len(set(ids)), f"{page.name} repeats an anchor"


def test_the_check_finds_a_missing_anchor() -> None:
    """The resolver itself: a citation of an anchor no page has is caught."""
    known = anchors()
    citation = CITATION.search("docs/domain/person.md#no-such-anchor")
    assert citation is not None and citation["anchor"] not in known.get(citation["page"], set())


ROOT = PAGES.parent.parent
_LINK = re.compile(r"\]\((?P<page>[a-z0-9-]+)\.md(?:#(?P<anchor>[a-z0-9-]+))?\)")


def _texts() -> list[Path]:
    return [*ROOT.glob("src/cpcinfo/**/*.py"), *ROOT.glob("src/cpcinfo/**/*.json"), *ROOT.glob("docs/*.md"),
            ROOT / "README.md"]


def test_every_citation_in_code_and_docs_resolves() -> None:
    """Docstrings, comments and the generated docs cite readings the same way; none may dangle."""
    known = anchors()
    for path in _texts():
        for citation in CITATION.finditer(path.read_text(encoding="utf-8")):
            page, anchor = citation["page"], citation["anchor"]
            assert anchor in known.get(page, set()), f"{path.relative_to(ROOT)} cites {citation.group()}"


def test_links_between_the_domain_pages_resolve() -> None:
    known = anchors()
    for page in PAGES.glob("*.md"):
        for link in _LINK.finditer(page.read_text(encoding="utf-8")):
            target, anchor = link["page"], link["anchor"]
            if (PAGES / f"{target}.md").exists():
                assert anchor is None or anchor in known[target], f"{page.name} links to {link.group()}"
            else:
                assert (ROOT / "docs" / f"{target}.md").exists(), f"{page.name} links to {link.group()}"


_DOC_LINK = re.compile(r"\]\(domain/(?P<page>[a-z0-9-]+)\.md(?:#(?P<anchor>[a-z0-9-]+))?\)")


def test_the_generated_docs_link_every_citation_to_an_existing_anchor() -> None:
    known = anchors()
    for name in ("rules.md", "codes.md"):
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        links = list(_DOC_LINK.finditer(text))
        assert links, f"docs/{name} links to no page of docs/domain/"
        for link in links:
            assert link["page"] in known and (link["anchor"] is None or link["anchor"] in known[link["page"]]), \
                f"docs/{name} links to {link.group()}"
