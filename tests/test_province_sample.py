"""The province's spot check of a region's committees (「抽查比例不少于基层党委总数的5%」) and manifests."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo.acceptance.sampling import (
    committee_sample_size,
    draw_committee_sample,
    minimum_sample,
    verify_manifest,
)


def codes(n: int) -> list[str]:
    return [f"6103{i:05d}" for i in range(n)]


@pytest.mark.parametrize(("committees", "size"), [
    (1, 1), (19, 1), (20, 1), (21, 2), (39, 2), (40, 2), (41, 3), (100, 5), (101, 6), (200, 10), (201, 11)])
def test_the_size_at_every_bound_of_the_5_percent_rule(committees: int, size: int) -> None:
    manifest = draw_committee_sample(codes(committees), committees=committees, seed=1)
    assert manifest.required == size == manifest.size == committee_sample_size(committees)


def test_no_committee_draws_nothing() -> None:
    manifest = draw_committee_sample([], committees=0, seed=1)
    assert (manifest.required, manifest.drawn) == (0, ())


def test_the_minimum_counts_every_committee_but_draws_from_those_with_a_database() -> None:
    manifest = draw_committee_sample(codes(20), committees=21, seed=1)
    assert manifest.required == 2 and manifest.size == 2 and manifest.population_size == 20
    few = draw_committee_sample(codes(1), committees=40, seed=1)
    assert few.required == 1 and few.drawn == ("610300000",)  # never more than there are


def test_more_than_the_minimum_is_allowed_fewer_is_not() -> None:
    assert draw_committee_sample(codes(20), 5, committees=20, seed=1).size == 5
    with pytest.raises(ValueError, match="不得少于2"):
        draw_committee_sample(codes(21), 1, committees=21, seed=1)
    with pytest.raises(ValueError, match="超过"):
        draw_committee_sample(codes(3), 4, committees=3, seed=1)
    with pytest.raises(ValueError, match="少于可抽查的单位数"):
        draw_committee_sample(codes(3), committees=2, seed=1)


@given(st.integers(min_value=1, max_value=300), st.integers() | st.text(max_size=8), st.randoms())
def test_reproducible_by_seed_whatever_the_order(n: int, seed: int | str, rnd: object) -> None:
    population = codes(n)
    shuffled = population[:]
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    first = draw_committee_sample(population, committees=n, seed=seed)
    assert draw_committee_sample(shuffled, committees=n, seed=seed) == first
    assert verify_manifest(first, shuffled) == ()


def test_a_manifest_that_was_tampered_with_does_not_verify() -> None:
    population = codes(60)
    manifest = draw_committee_sample(population, 5, committees=60, seed="2011")
    other = next(c for c in population if c not in manifest.drawn)
    swapped = attrs.evolve(manifest, drawn=(other, *manifest.drawn[1:]))
    assert verify_manifest(swapped, population) == ("以种子 '2011' 重新抽样得到的记录与清单不同",)
    assert verify_manifest(attrs.evolve(manifest, seed="2012"), population) != ()
    assert "总体人数不符" in verify_manifest(manifest, population[:-1])[0]


def test_unit_manifests_verify_the_same_way() -> None:
    keys = [f"M{i:04d}" for i in range(250)]
    assert verify_manifest(minimum_sample(keys, seed=3), keys) == ()
