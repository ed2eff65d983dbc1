"""The generator at scale: a province tree of any size, its leaders' names, and a nation written as a folder
of parts that the parallel check reads as the single check reads the same records."""

from __future__ import annotations

import collections
import datetime
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpcinfo.checking import check
from cpcinfo.demo import nation, province_organizations
from cpcinfo.demo._ids import MEMBER_SEQUENCES, CountyIdIssuer
from cpcinfo.demo._names import AnchorNames, is_anchor_male
from cpcinfo.entity import Entity
from cpcinfo.errors import CpcinfoError
from cpcinfo.infobase import InfoBase
from cpcinfo.org.tree import OrgTree
from cpcinfo.org.tree_checks import tree_faults
from cpcinfo.parallel import APPLICANTS_FILE, MEMBERS_FILE, ORGANIZATIONS_FILE, check_parallel, write_nation
from cpcinfo.stream import part_folders, read_jsonl
from cpcinfo.testing.strategies import id_number_holds

AS_OF = datetime.date(2011, 6, 30)
NATION = {"provinces": 2, "members": 2500, "seed": 5, "moved_rate": 0.004}


@pytest.mark.parametrize("n", [10, 11, 157, 2000, 40_000])
def test_a_tree_of_n_organizations_has_n_unique_codes_and_no_fault(n: int) -> None:
    organizations = province_organizations(n=n, seed=7)
    codes = [str(o.basic.code) for o in organizations if o.basic is not None]
    assert len(organizations) == n and len(set(codes)) == n
    tree = OrgTree.build(organizations)
    assert tree_faults(tree) == () and len(tree) == n
    assert all(o.parent is None or str(o.basic.code)[:-3] == o.parent for o in organizations if o.basic)
    # A name an organization above the branches has (lent by the first branch of its subtree) is the name
    # of a leader of exactly one branch in the province: it points at one member.
    in_branches = collections.Counter(str(leader.name) for o in organizations if str(o.basic.category) == "631"
                                      for leader in o.leaders or ())
    upper = {str(leader.name) for o in organizations if str(o.basic.category) != "631" for leader in o.leaders or ()}
    assert upper and all(in_branches[name] == 1 for name in upper)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 3000))
def test_anchor_names_unique_never_repeat_and_local_never_meets_them(seed: int, count: int) -> None:
    rng = random.Random(seed)
    names = AnchorNames(rng)
    unique = [names.unique(rng.random() < 0.75) for _ in range(count)]
    assert len(set(unique)) == count
    local = {names.local(rng.random() < 0.75) for _ in range(count)}
    assert not local & set(unique)
    assert all(2 <= len(name) <= 5 for name in (*unique, *local))


def test_anchor_names_keep_their_gender_past_the_common_names() -> None:
    names = AnchorNames(random.Random(1))
    men = [names.unique(True) for _ in range(60_000)]  # past every surname's two-character given names
    assert len(set(men)) == len(men) and all(is_anchor_male(name) for name in men)
    assert any(len(name) == 4 for name in men) and all(not is_anchor_male(names.unique(False)) for _ in range(99))


def test_the_county_issuer_is_unique_per_county_and_moves_on_when_a_day_is_full() -> None:
    day = datetime.date(1980, 5, 12).toordinal()
    issuer = CountyIdIssuer(MEMBER_SEQUENCES, datetime.date(1925, 1, 1).toordinal(), AS_OF.toordinal())
    numbers = [issuer.issue(county, day, male) for county in ("610102", "610103") for male in (True, False)
               for _ in range(401)]
    assert len({number for _, number in numbers}) == len(numbers)
    assert all(id_number_holds(number, AS_OF) for _, number in numbers)
    assert collections.Counter(born for born, _ in numbers) == {day: 1600, day + 1: 4}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("nation") / "nation"
    written = write_nation(out, **NATION)
    assert written.organizations == 1 + 2 * 125 and written.parts > 4
    assert written.members > 2 * 2500 and written.applicants == 2 * 250
    return out


def whole(folder: Path) -> InfoBase:
    """The folder's records read in the order the parallel check numbers them."""
    organizations = tuple(r for _, r in read_jsonl(folder / ORGANIZATIONS_FILE, entity=Entity.ORGANIZATION))
    places = part_folders(folder, [str(o.basic.code) for o in organizations if o.basic is not None])
    members = [r for here in places for _, r in read_jsonl(here / MEMBERS_FILE, entity=Entity.MEMBER)]
    applicants = [r for here in places for _, r in read_jsonl(here / APPLICANTS_FILE, entity=Entity.APPLICANT)]
    return InfoBase(organizations=organizations, members=tuple(members), applicants=tuple(applicants))


def test_same_seed_same_bytes_another_seed_other_bytes(folder: Path, tmp_path: Path) -> None:
    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.jsonl"))}

    write_nation(tmp_path / "again", **NATION)
    assert files(tmp_path / "again") == files(folder)
    write_nation(tmp_path / "other", **{**NATION, "seed": 6})
    assert files(tmp_path / "other") != files(folder)
    with pytest.raises(CpcinfoError, match="new or empty"):
        write_nation(tmp_path / "other", **NATION)


def test_the_nation_is_one_tree_with_provinces_of_distinct_codes(folder: Path) -> None:
    base = whole(folder)
    tree = OrgTree.build(base.organizations)
    assert tree_faults(tree) == () and tree.roots == ("001",)
    provinces = [str(o.basic.code) for o in base.organizations if o.parent == "001" and o.basic is not None]
    assert provinces == ["001001", "001002"]
    assert {p.name[:6] for p in folder.iterdir() if p.is_dir()} == {"001001", "001002"}


def test_only_the_planted_moves_repeat_a_key_or_an_identity_number(folder: Path) -> None:
    base = whole(folder)
    keys = collections.Counter(m.key for m in base.members)
    repeated = {key for key, count in keys.items() if count > 1}
    assert repeated and all(keys[key] == 2 for key in repeated)
    assert all(str(key).startswith("M01") for key in repeated)  # moved from the first province to the second
    numbers = collections.Counter(m.basic.id_number for m in base.members if m.basic.id_number is not None)
    assert {n for n, count in numbers.items() if count > 1} == {
        m.basic.id_number for m in base.members if m.key in repeated}
    moved = [m for m in base.members if m.key in repeated]
    assert {str(m.relation.branch)[:6] for m in moved} == {"001001", "001002"}


def test_the_parallel_check_of_the_folder_equals_the_check_of_the_records_loaded_whole(folder: Path) -> None:
    single = check(whole(folder), as_of=AS_OF)
    assert check_parallel(folder, as_of=AS_OF, workers=2) == single
    found = collections.Counter(f.rule for f in single.findings)
    moved = sum(1 for count in collections.Counter(m.key for m in whole(folder).members).values() if count > 1)
    assert found["MEM911"] == found["MEM912"] == moved > 0
    assert not [f for f in single.findings if f.rule.startswith("ORG")]  # the tree and its leaders hold


def test_the_arguments_are_checked_at_once() -> None:
    for wrong in ({"provinces": 0}, {"members": 0}, {"moved_rate": 2.0}, {"provinces": True}):
        with pytest.raises(ValueError):
            nation(**wrong)  # type: ignore[arg-type]


def test_the_keys_of_a_province_run_on_without_a_gap_across_its_parts(folder: Path) -> None:
    base = whole(folder)
    moved = {key for key, count in collections.Counter(m.key for m in base.members).items() if count > 1}
    for province in ("M01", "A01", "M02", "A02"):
        people = base.members if province[0] == "M" else base.applicants
        numbers = sorted({int(str(p.key)[3:]) for p in people if str(p.key).startswith(province)})
        assert numbers == list(range(1, len(numbers) + 1)), province
    assert moved
