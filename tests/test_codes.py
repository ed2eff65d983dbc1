"""Tests of cpcinfo.codes: data lint over the bundled tables, worked examples, properties."""

from __future__ import annotations

import csv
import functools
import json
import os
import re
import subprocess
import sys
import textwrap
from importlib import resources
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpcinfo.codes import (
    AmbiguousLabel,
    CodeEntry,
    CodeError,
    CodeTable,
    CodeTables,
    Confidence,
    InvalidTable,
    Match,
    Resolution,
    UnknownCode,
    UnknownTable,
    clean,
    clean_code,
    default_tables,
    format_json,
    packaged_names,
)

NAMES = packaged_names()
SMALL = tuple(name for name in NAMES if name != "region")  # region has ~7000 entries
REQUIRED_META = (
    "name",
    "title",
    "standard",
    "edition",
    "source",
    "confidence",
    "notes",
    "leaf_required",
    "open_below",
)


def raw(name: str) -> dict[str, Any]:
    path = resources.files("cpcinfo.codes").joinpath("data", f"{name}.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def table(name: str) -> CodeTable:
    return default_tables()[name]


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def is_chain(entries: list[CodeEntry], t: CodeTable) -> CodeEntry | None:
    """The deepest entry when all lie on one ancestor chain (the documented tie-break), else None."""
    deepest = max(entries, key=lambda e: len(t.ancestors(e.code)))
    chain = {deepest.code, *(a.code for a in t.ancestors(deepest.code))}
    return deepest if all(e.code in chain for e in entries) else None


# -- data lint ---------------------------------------------------------------------------------------


def test_every_glossary_code_table_is_shipped() -> None:
    text = (resources.files("cpcinfo") / "glossary.tsv").read_text(encoding="utf-8")
    wanted = {row["code_table"] for row in csv.DictReader(text.splitlines(), delimiter="\t")} - {"-", ""}
    assert wanted, "the glossary names no code table"
    # ... and the other editions a rule set reads instead (单位所属行业 GB/T 4754-2002 for SHAANXI_2011)
    from cpcinfo.rules.ruleset import RULESETS

    editions = {table for ruleset in RULESETS.values() for table in ruleset.editions.values()}
    assert editions and all(ruleset.table(name) in NAMES for ruleset in RULESETS.values() for name in wanted)
    assert wanted | editions == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_meta_is_present_and_complete(name: str) -> None:
    meta = raw(name)["meta"]
    assert list(meta)[: len(REQUIRED_META)] == list(REQUIRED_META)
    assert meta["name"] == name
    for key in ("title", "standard", "edition", "source", "notes"):
        assert isinstance(meta[key], str) and meta[key].strip(), key
    assert meta["confidence"] in {mark.value for mark in Confidence}
    assert isinstance(meta["leaf_required"], bool) and isinstance(meta["open_below"], bool)
    if meta["confidence"] != "C":
        assert len(meta["notes"]) > 80, "a table that is not confirmed says what is uncertain"


@pytest.mark.parametrize("name", NAMES)
def test_file_is_canonical(name: str) -> None:
    path = resources.files("cpcinfo.codes").joinpath("data", f"{name}.json")
    assert path.read_text(encoding="utf-8") == format_json(raw(name))


@pytest.mark.parametrize("name", NAMES)
def test_codes_unique_and_parents_exist(name: str) -> None:
    entries = table(name).to_json()["entries"]
    assert entries
    codes = [e["code"] for e in entries]
    assert len(codes) == len(set(codes))
    assert len({clean_code(c) for c in codes}) == len(codes)
    for entry in entries:
        assert list(entry)[:2] == ["code", "label"]
        assert entry.get("parent", codes[0]) in codes
        for tag in entry.get("tags", []):
            assert tag.isascii() and tag == tag.lower() and " " not in tag


@pytest.mark.parametrize("name", NAMES)
def test_no_name_collides_with_another_entry(name: str) -> None:
    t = table(name)
    codes = {clean_code(e.code): e for e in t}
    owners: dict[str, list[CodeEntry]] = {}
    for entry in t:
        for n in entry.names:
            other = codes.get(clean_code(n))
            assert other is None or other is entry, f"{n!r} of {entry.code} is the code of {other}"
            owners.setdefault(clean(n), []).append(entry)
    shared = {n: es for n, es in owners.items() if len(es) > 1 and is_chain(es, t) is None}
    if t.unique_labels:
        assert not shared, shared
    else:
        assert name == "region" and shared  # the declared ambiguity


@pytest.mark.parametrize("name", NAMES)
def test_declared_tags_exist(name: str) -> None:
    t = table(name)
    for tag in t.tags:
        assert t.with_tag(tag) <= {e.code for e in t}


# -- worked examples -----------------------------------------------------------------------------------


def test_gender_label_and_code_are_the_same_entry() -> None:
    gender = table("gender")
    assert gender.lookup("男") is gender.lookup("1")
    assert gender.lookup("男性") is gender.lookup("1")
    assert gender.resolve("男") == Resolution(gender.lookup("1"), Match.LABEL)
    assert gender.resolve("女性") == Resolution(gender.lookup("2"), Match.ALIAS)
    assert gender.get("0") is None and gender.get("9") is None


def test_ethnicity_aliases_and_unclean_codes() -> None:
    eth = table("ethnicity")
    han = eth.resolve("汉")
    assert han is not None and han.entry.code == "01" and han.entry.label == "汉族" and han.match is Match.ALIAS
    assert eth.resolve("０１") == Resolution(han.entry, Match.CODE_UNCLEAN)
    assert eth.resolve(" 01 ") == Resolution(han.entry, Match.CODE_UNCLEAN)
    assert eth.resolve("汉族\u3000") == Resolution(han.entry, Match.ALIAS)
    assert eth.lookup("维族").code == "05" and eth.lookup("蒙族").code == "02" and eth.lookup("哈族").code == "17"
    assert [e.code for e in eth][:56] == [f"{i:02d}" for i in range(1, 57)]
    assert eth.lookup("基诺族").code == "56" and eth.lookup("98").label == "外国血统中国籍人士"


def test_unknown_value_names_table_value_and_edition() -> None:
    with pytest.raises(UnknownCode) as info:
        table("gender").lookup("7")
    assert str(info.value) == "代码表「gender」(GB/T 2261.1-2003) 中没有「7」"
    assert info.value.table == "gender" and info.value.value == "7"
    with pytest.raises(UnknownCode, match=r"org_category.*系统2005.*699"):
        table("org_category").lookup("699")
    assert isinstance(info.value, CodeError) and isinstance(info.value, LookupError)


def test_region_hierarchy_history_and_ambiguity() -> None:
    region = table("region")
    assert region.is_leaf("610102")
    parent = region.parent("610102")
    assert parent is not None and parent.code == "610100" and parent.label == "西安市"
    assert region.parent("610000") is None
    assert not region.is_leaf("610000") and not region.is_leaf("610100")
    huxian = region.resolve("610125")
    assert huxian is not None and huxian.match is Match.CODE
    assert huxian.entry.label == "户县" and huxian.entry.valid_to == 2016 and huxian.entry.valid_in(2010)
    assert not huxian.entry.valid_in(2020)
    assert region.lookup("陕西省户县").code == "610125"
    assert region.lookup("陕西省西安市新城区").code == "610102"
    assert region.resolve("市辖区") is None
    with pytest.raises(AmbiguousLabel) as info:
        region.lookup("市辖区")
    assert len(info.value.candidates) > 100 and "region" in str(info.value)
    assert isinstance(info.value, UnknownCode)
    assert region.lookup("６１０１０２").code == "610102"
    assert region.lookup("香港特別行政區").code == "810000"


def test_industry_is_open_below_divisions() -> None:
    industry = table("industry")
    extended = industry.resolve("8321")
    assert extended is not None and extended.match is Match.EXTENDED and extended.entry.code == "83"
    assert industry.resolve("832") == Resolution(industry.lookup("83"), Match.EXTENDED)
    assert industry.resolve("83211") is None  # deeper than a class
    assert industry.resolve("9999") is None  # no division 99
    assert not industry.is_leaf("P")
    assert [e.code for e in industry.children("P")] == ["82"]
    assert industry.resolve("p") == Resolution(industry.lookup("P"), Match.CODE_UNCLEAN)
    assert industry.lookup("教育").code == "82"  # section P and division 82 share the name
    assert len([e for e in industry if e.parent is None]) == 20
    assert len([e for e in industry if e.parent is not None]) == 96
    with pytest.raises(UnknownCode):
        industry.lookup("8321a")


def test_tags_of_party_tables() -> None:
    assert table("org_category").with_tag("branch") == {"413", "423", "631", "632", "931", "932"}
    assert table("org_category").with_tag("joint") == {"632", "932"}
    assert table("org_category").with_tag("temporary") >= {"911", "921", "931", "932"}
    assert table("org_category").lookup("党总支").code == "621"
    assert table("org_category").lookup("基层党委").code == "611"
    assert table("org_category").parent("611") == table("org_category").lookup("6")
    assert table("leader_title").with_tag("secretary") == {"001A"}
    assert table("leader_title").with_tag("deputy-secretary") == {"001B"}
    join = table("join_type")
    assert {join.get(c).label for c in join.with_tag("probationary")} == {  # type: ignore[union-attr]
        "新吸收为中共预备党员",
        "重新吸收为中共预备党员",
    }
    assert join.lookup("追认").code in join.with_tag("direct-full")
    assert join.lookup("恢复党籍").code in join.with_tag("restored")
    outcome = table("probation_outcome")
    for tag in ("on-time", "extended", "delayed", "pending", "cancelled"):
        assert outcome.with_tag(tag), tag
    assert outcome.lookup("尚未转正").code in outcome.with_tag("pending")
    assert table("entry_type").with_tag("new") == {table("entry_type").lookup("新发展").code}
    assert table("flow_type").lookup("流入").code == "01" and table("flow_type").lookup("02").label == "流出"
    relation = table("unit_relation")
    assert {t for e in relation for t in e.tags} == {"same-as-parent", "legal-entity", "joint"}
    setup = table("party_setup")
    assert setup.lookup("11").label == "建立党委的"
    for tag in ("committee", "general-branch", "branch", "joint-branch", "none"):
        assert setup.with_tag(tag), tag
    post = table("work_post")
    assert post.lookup("退休人员").code in post.with_tag("retired")
    assert post.lookup("高中学生").code in post.with_tag("student")
    assert all(post.is_leaf(code) or code == "3" for code in post.with_tag("student"))
    assert table("education").parent("11") == table("education").lookup("1")
    assert table("education").lookup("本科").code == "21"
    assert table("unit_affiliation").parent("61") == table("unit_affiliation").lookup("60")
    assert table("unit_affiliation").parent("72") == table("unit_affiliation").lookup("70")
    assert table("frontline").with_tag("non-frontline")
    for name in ("org_award", "member_award"):
        assert table(name).with_tag("award") and table(name).with_tag("penalty")


def test_hierarchy_queries_reject_unknown_codes() -> None:
    gender = table("gender")
    for query in (gender.is_leaf, gender.parent, gender.children, gender.ancestors):
        with pytest.raises(UnknownCode):
            query("7")
    assert gender.roots() == gender.entries
    assert "1" in gender and "男" not in gender and 1 not in gender
    assert len(gender) == 2 and list(gender) == list(gender.entries)


# -- properties --------------------------------------------------------------------------------------


@functools.cache
def label_owners(name: str) -> dict[str, list[CodeEntry]]:
    owners: dict[str, list[CodeEntry]] = {}
    for entry in table(name):
        owners.setdefault(entry.label, []).append(entry)
    return owners


@pytest.mark.parametrize("name", NAMES)
def test_every_code_and_label_resolves_to_its_entry(name: str) -> None:
    t = table(name)
    for entry in t:
        assert t.resolve(entry.code) == Resolution(entry, Match.CODE)
        assert t.get(entry.code) is entry
        assert t.resolve(fullwidth(entry.code) + " ") == Resolution(entry, Match.CODE_UNCLEAN)
        by_label = t.resolve(entry.label)
        same = label_owners(name)[entry.label]
        if entry.label == entry.code:
            assert by_label == Resolution(entry, Match.CODE)
        elif len(same) == 1:
            assert by_label == Resolution(entry, Match.LABEL)
        elif (deepest := is_chain(same, t)) is not None:
            assert by_label == Resolution(deepest, Match.LABEL)
        else:
            assert by_label is None and not t.unique_labels


@pytest.mark.parametrize("name", NAMES)
def test_round_trip_every_bundled_table(name: str) -> None:
    t = table(name)
    data = json.loads(json.dumps(t.to_json()))
    assert CodeTable.from_json(data) == t
    assert CodeTable.from_json(json.loads(format_json(data))) == t


def oracle(t: CodeTable, value: str) -> Resolution | None:
    """A brute-force resolve, to check the indexed one against."""
    for entry in t:
        if entry.code == value:
            return Resolution(entry, Match.CODE)
    for entry in t:
        if clean_code(entry.code) == clean_code(value):
            return Resolution(entry, Match.CODE_UNCLEAN)
    for match, hits in (
        (Match.LABEL, [e for e in t if e.label == value]),
        (Match.ALIAS, [e for e in t if any(clean(n) == clean(value) for n in e.names)]),
    ):
        if hits:
            deepest = is_chain(hits, t)
            return None if deepest is None else Resolution(deepest, match)
    code = clean_code(value)
    pattern = t.open_below_pattern or r"[0-9A-Za-z]+"
    if t.open_below and code.isascii() and re.fullmatch(pattern, code):
        prefixes = [e for e in t if code.startswith(e.code) and len(e.code) < len(code)]
        if prefixes:
            return Resolution(max(prefixes, key=lambda e: len(e.code)), Match.EXTENDED)
    return None


@st.composite
def values_for(draw: st.DrawFn, t: CodeTable) -> str:
    names = [n for e in t for n in (e.code, *e.names)]
    base = draw(st.sampled_from(names) | st.text(max_size=6) | st.from_regex(r"[0-9]{1,5}", fullmatch=True))
    if draw(st.booleans()):
        base = fullwidth(base)
    if draw(st.booleans()):
        base = draw(st.sampled_from([" ", "\u3000", "\t"])) + base.lower() + " "
    return base


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_resolve_agrees_with_brute_force(data: st.DataObject) -> None:
    t = table(data.draw(st.sampled_from(SMALL)))
    value = data.draw(values_for(t))
    assert t.resolve(value) == oracle(t, value)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(NAMES), st.text())
def test_resolve_never_raises_and_agrees_with_lookup(name: str, value: str) -> None:
    t = table(name)
    found = t.resolve(value)
    if found is None:
        with pytest.raises(UnknownCode):
            t.lookup(value)
    else:
        assert t.lookup(value) is found.entry


def test_resolve_tolerates_non_text() -> None:
    t = table("gender")
    for junk in (None, 1, b"1", ["1"]):
        assert t.resolve(junk) is None  # type: ignore[arg-type]
        assert t.get(junk) is None  # type: ignore[arg-type]
        with pytest.raises(UnknownCode):
            t.lookup(junk)  # type: ignore[arg-type]


@st.composite
def code_tables(draw: st.DrawFn) -> CodeTable:
    codes = draw(st.lists(st.text("0123456789AB", min_size=1, max_size=4), min_size=1, max_size=8, unique=True))
    entries = []
    for i, code in enumerate(codes):
        start = draw(st.none() | st.integers(1949, 2030))
        end = draw(st.none() | st.integers(start or 1949, 2030))
        entries.append(
            CodeEntry(
                code=code,
                label=f"标签{i}",
                parent=draw(st.none() | st.sampled_from(codes[:i])) if i else None,
                aliases=tuple(draw(st.lists(st.sampled_from([f"别名{i}", f"简称{i}", f"旧称{i}"]), unique=True))),
                tags=draw(st.frozensets(st.sampled_from(["branch", "retired", "x-y"]))),
                valid_from=start,
                valid_to=end,
            )
        )
    open_below = draw(st.booleans())
    return CodeTable(
        name=draw(st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True)),
        title=draw(st.text(min_size=1, max_size=5)),
        standard=draw(st.text(max_size=20)),
        edition=draw(st.text(max_size=8)),
        source="test",
        confidence=draw(st.sampled_from(Confidence)),
        notes=draw(st.text(max_size=20)),
        leaf_required=draw(st.booleans()),
        open_below=open_below,
        open_below_pattern=draw(st.none() | st.just("[0-9]{2,4}")) if open_below else None,
        unique_labels=draw(st.booleans()),
        provider=draw(st.none() | st.just("p")),
        entries=entries,
    )


@settings(max_examples=100, deadline=None)
@given(code_tables())
def test_round_trip_generated_tables(t: CodeTable) -> None:
    assert CodeTable.from_json(json.loads(json.dumps(t.to_json()))) == t
    assert CodeTable.from_json(json.loads(format_json(t.to_json()))) == t
    for entry in t:
        assert t.resolve(entry.code) == Resolution(entry, Match.CODE)
        assert t.resolve(entry.label) == Resolution(entry, Match.LABEL)
        for alias in entry.aliases:
            assert t.resolve(alias) == Resolution(entry, Match.ALIAS)
        for child in t.children(entry.code):
            assert child.parent == entry.code
        assert t.is_leaf(entry.code) == (not t.children(entry.code))


# -- malformed data ----------------------------------------------------------------------------------


def _gender_json() -> dict[str, Any]:
    return table("gender").to_json()


def _break(path: str, value: object) -> dict[str, Any]:
    data = _gender_json()
    where: Any = data
    *parents, last = path.split(".")
    for key in parents:
        where = where[int(key)] if key.isdigit() else where[key]
    if value is KeyError:
        del where[last]
    elif last.isdigit():
        where[int(last)] = value
    else:
        where[last] = value
    return data


def _cycle() -> dict[str, Any]:
    data = _gender_json()
    data["entries"][0]["parent"], data["entries"][1]["parent"] = "2", "1"
    return data


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (_break("meta.edition", KeyError), "meta.edition is missing"),
        (_break("meta.confidence", "B"), "meta.confidence must be one of"),
        (_break("meta.leaf_required", "yes"), "meta.leaf_required must be a bool"),
        (_break("meta.colour", "red"), "unknown meta keys"),
        (_break("entries", {"1": "男"}), "'entries' must be a list"),
        (_break("entries.1.code", "1"), "duplicate code '1'"),
        (_break("entries.1.code", " 1"), "without whitespace"),
        (_break("entries.1.parent", "9"), "unknown parent '9'"),
        (_break("entries.1.label", "男"), "shared by entries 1, 2"),
        (_break("entries.1.aliases", ["1"]), "is the code of another entry"),
        (_break("entries.1.aliases", "女性"), "aliases must be a list of strings"),
        (_break("entries.1.valid_from", "1990"), "valid_from must be a year"),
        (_break("entries.1.extra", 1), "unknown keys"),
        (_cycle(), "form a cycle"),
    ],
)
def test_malformed_data_names_table_and_problem(data: dict[str, Any], problem: str) -> None:
    with pytest.raises(InvalidTable) as info:
        CodeTable.from_json(data)
    assert "gender" in str(info.value) and problem in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, CodeError)


def test_meta_only_file_needs_its_provider() -> None:
    with pytest.raises(InvalidTable, match=r"provider 'stdnum\.cn\.loc'"):
        CodeTable.from_json(raw("region"))
    with pytest.raises(InvalidTable, match="unnamed"):
        CodeTable.from_json([])  # type: ignore[arg-type]


# -- the set of tables -----------------------------------------------------------------------------------


def test_importing_reads_no_data_file() -> None:
    script = textwrap.dedent(
        """
        import sys
        opened = []
        sys.addaudithook(lambda event, args: event == "open" and str(args[0]).endswith(".json")
                         and opened.append(str(args[0])))
        import cpcinfo.codes
        tables = cpcinfo.codes.default_tables()
        assert "gender" in tables and len(tables) > 20 and tables.loaded == frozenset()
        assert opened == [], opened
        assert tables["gender"].lookup("男").code == "1"
        assert [p.rsplit("/", 1)[-1] for p in opened] == ["gender.json"], opened
        assert tables.loaded == {"gender"} and "stdnum.numdb" not in sys.modules
        """
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_default_tables_load_lazily_and_are_memoised() -> None:
    fresh: CodeTables = default_tables.__wrapped__()
    assert fresh.loaded == frozenset() and set(fresh) == set(NAMES)
    assert fresh["flow_type"] is fresh["flow_type"]
    assert fresh.loaded == {"flow_type"}
    assert default_tables() is default_tables()
    with pytest.raises(UnknownTable) as info:
        fresh["no_such_table"]
    assert isinstance(info.value, KeyError) and "no_such_table" in str(info.value)
    assert fresh.get("no_such_table") is None


def test_replace_swaps_one_table() -> None:
    tables = default_tables()
    official = CodeTable.from_json(
        {
            "meta": {**table("gender").to_json()["meta"], "edition": "陕西 2010", "confidence": "C"},
            "entries": [{"code": "1", "label": "男性"}, {"code": "2", "label": "女性"}],
        }
    )
    swapped = tables.replace(official)
    assert swapped["gender"] is official and swapped["gender"].lookup("男性").code == "1"
    assert tables["gender"] is not official and tables["gender"].lookup("男").code == "1"
    assert swapped["ethnicity"] == tables["ethnicity"]
    assert set(swapped) == set(tables)
    assert swapped.editions["gender"] == "陕西 2010"
    renamed = official.to_json()
    renamed["meta"]["name"] = "sex"
    with pytest.raises(UnknownTable):
        tables.replace(CodeTable.from_json(renamed))


def test_from_tables_and_editions() -> None:
    gender, flow = table("gender"), table("flow_type")
    tables = CodeTables.from_tables([gender, flow])
    assert dict(tables) == {"gender": gender, "flow_type": flow}
    assert dict(tables.editions) == {"gender": "2003", "flow_type": flow.edition}
    with pytest.raises(ValueError, match="gender"):
        CodeTables.from_tables([gender, gender])
    editions = default_tables().editions
    assert set(editions) == set(NAMES) and "python-stdnum" in editions["region"]


def test_table_is_immutable_and_readable() -> None:
    gender = table("gender")
    with pytest.raises(AttributeError):
        gender.name = "sex"  # type: ignore[misc]
    assert repr(gender) == "CodeTable(name='gender', edition='2003', entries=2)"
    assert gender.citation == "GB/T 2261.1-2003"
    assert table("region").citation.startswith("GB/T 2260, ")
    assert clean("\u3000０１ ２\t") == "012" and clean_code(" ａｂ") == "AB"


def test_the_stdnum_floor_is_stated_once() -> None:
    """pyproject.toml's floor is the one the region table names in its message (and CI installs)."""
    import re
    from pathlib import Path

    from cpcinfo.codes._region import STDNUM_FLOOR

    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"python-stdnum>=([0-9.]+)"', pyproject)[1] == STDNUM_FLOOR  # type: ignore[index]
