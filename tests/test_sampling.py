"""Sample sizes (docs/domain/acceptance.md#sampling) and the reproducible draw."""

from __future__ import annotations

import doctest
import hashlib
import random
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo.acceptance import sampling
from cpcinfo.acceptance.sampling import (
    SAMPLE_SIZE_BANDS,
    SAMPLE_SIZE_OVER_LAST_BAND,
    SampleManifest,
    committee_sample_size,
    draw_sample,
    minimum_sample,
    population_sha256,
    required_sample_size,
)


def test_doctests() -> None:
    assert doctest.testmod(sampling).failed == 0


# --- sample sizes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "size"),
    [
        (0, 0),
        (1, 1),  # fewer records than the minimum: every record is checked
        (4, 4),
        (5, 5),
        (6, 5),
        (50, 5),  # 「50以内」 includes 50
        (51, 10),
        (100, 10),  # 「100以内」 includes 100
        (101, 15),
        (200, 15),  # 「200以内」 includes 200
        (201, 20),  # 「200以上」
        (10_000, 20),
    ],
)
def test_required_sample_size_at_every_bound(population: int, size: int) -> None:
    assert required_sample_size(population) == size


def test_bands_are_the_documents_bands() -> None:
    assert SAMPLE_SIZE_BANDS == ((50, 5), (100, 10), (200, 15))
    assert SAMPLE_SIZE_OVER_LAST_BAND == 20


@pytest.mark.parametrize(("committees", "size"), [(0, 0), (1, 1), (20, 1), (21, 2), (40, 2), (100, 5), (101, 6)])
def test_committee_sample_is_five_percent_rounded_up(committees: int, size: int) -> None:
    assert committee_sample_size(committees) == size


@pytest.mark.parametrize("function", [required_sample_size, committee_sample_size])
@pytest.mark.parametrize("bad", [True, False, 50.0, "50", None])
def test_sizes_take_integers_only(function: Callable[..., int], bad: object) -> None:
    with pytest.raises(TypeError, match="须为整数"):
        function(bad)


@pytest.mark.parametrize("function", [required_sample_size, committee_sample_size])
def test_negative_counts_are_refused(function: Callable[..., int]) -> None:
    with pytest.raises(ValueError, match="不能为负数：-1"):
        function(-1)


@given(st.integers(min_value=0, max_value=5_000))
def test_sample_size_is_monotone_and_bounded(n: int) -> None:
    size = required_sample_size(n)
    assert required_sample_size(n + 1) >= size
    assert size <= n
    assert size >= min(n, 5)
    assert size <= SAMPLE_SIZE_OVER_LAST_BAND


@given(st.integers(min_value=0, max_value=100_000))
def test_committee_sample_is_the_least_count_reaching_five_percent(n: int) -> None:
    size = committee_sample_size(n)
    assert size * 100 >= n * 5  # at least 5%
    assert size == 0 or (size - 1) * 100 < n * 5  # and no more than needed
    assert size <= n
    assert committee_sample_size(n + 1) >= size


# --- the draw -------------------------------------------------------------------------------------------

MEMBERS = [f"M{i:03d}" for i in range(1, 61)]


def test_worked_example_is_pinned() -> None:
    # Pinned once, so that any change of algorithm (ours or Python's) shows. An inspector re-draws it with
    # random.Random("2011-07 省委组织部抽查").sample(sorted(keys), 10) and re-hashes it with
    # `LC_ALL=C sort -u keys.txt | head -c -1 | sha256sum`.
    manifest = minimum_sample(reversed(MEMBERS), seed="2011-07 省委组织部抽查")
    assert manifest == SampleManifest(
        seed="2011-07 省委组织部抽查",
        population_size=60,
        population_sha256="fb6a77a872681aef82a2920081a5c293714f60f99e45e9df8905917f4127ab34",
        required=10,
        drawn=("M058", "M039", "M010", "M034", "M054", "M005", "M006", "M023", "M021", "M035"),
    )


def test_worked_example_with_chinese_keys_and_an_int_seed() -> None:
    branches = ["党支部甲", "党支部乙", "党支部丙", "党支部丁", "党支部戊", "党支部己", "党支部庚"]
    manifest = draw_sample(branches, 5, seed=20110701)
    assert manifest.population_sha256 == "b9da05ffa457e3aab5bd596801eec2215b3b7493bfda076ab0b938972c64316e"
    assert manifest.drawn == ("党支部己", "党支部庚", "党支部乙", "党支部甲", "党支部戊")
    assert manifest.required == 5


def test_the_hash_recipe_is_the_documented_one() -> None:
    manifest = draw_sample(["b", "a", "c"], 3, seed=0)
    assert manifest.population_sha256 == hashlib.sha256(b"a\nb\nc").hexdigest()
    assert population_sha256(["a", "b", "c"]) == manifest.population_sha256


def test_the_draw_is_random_sample_over_sorted_keys() -> None:
    manifest = draw_sample(MEMBERS[::-1], 12, seed="x")
    assert list(manifest.drawn) == random.Random("x").sample(sorted(MEMBERS), 12)


def test_the_hash_changes_with_the_population() -> None:
    base = draw_sample(MEMBERS, 10, seed=1).population_sha256
    assert draw_sample(MEMBERS[:-1], 10, seed=1).population_sha256 != base
    assert draw_sample([*MEMBERS[:-1], "M999"], 10, seed=1).population_sha256 != base


keys_strategy = st.lists(
    st.text(alphabet=st.characters(exclude_characters="\n", exclude_categories=["Cs"]), min_size=1, max_size=8),
    unique=True,
    max_size=300,
)


@given(keys=keys_strategy, seed=st.integers() | st.text(), data=st.data())
def test_draw_is_deterministic_and_a_subset(keys: list[str], seed: int | str, data: st.DataObject) -> None:
    k = data.draw(st.integers(min_value=required_sample_size(len(keys)), max_value=len(keys)))
    manifest = draw_sample(keys, k, seed=seed)
    assert manifest == draw_sample(keys, k, seed=seed)
    assert len(manifest.drawn) == manifest.size == k
    assert len(set(manifest.drawn)) == k
    assert set(manifest.drawn) <= set(keys)
    assert all(manifest.contains(key) for key in manifest.drawn)
    assert manifest.population_size == len(keys)
    assert manifest.required == required_sample_size(len(keys))


@given(keys=keys_strategy, seed=st.integers(), data=st.data())
def test_input_order_does_not_matter(keys: list[str], seed: int, data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(keys))
    assert minimum_sample(keys, seed=seed) == minimum_sample(shuffled, seed=seed)


def test_contains() -> None:
    manifest = draw_sample(["A", "B", "C"], 3, seed=0)
    assert manifest.contains("B")
    assert not manifest.contains("D")


def test_empty_population() -> None:
    manifest = minimum_sample([], seed=0)
    assert manifest.drawn == ()
    assert manifest.population_sha256 == hashlib.sha256(b"").hexdigest()


def test_fewer_than_the_minimum_is_refused() -> None:
    with pytest.raises(ValueError, match=r"抽样数量不得少于10（总数60），实际为9"):
        draw_sample(MEMBERS, 9, seed=1)


def test_more_than_the_minimum_is_allowed() -> None:
    assert draw_sample(MEMBERS, 25, seed=1).required == 10


def test_more_than_the_population_is_refused() -> None:
    with pytest.raises(ValueError, match="超过总数3"):
        draw_sample(["A", "B", "C"], 4, seed=1)


def test_duplicate_keys_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"记录键重复.*M1、M2"):
        draw_sample(["M2", "M1", "M3", "M1", "M2"], 3, seed=1)


@pytest.mark.parametrize(("key", "error"), [("", "不能为空"), ("M1\nM2", "不能含换行符"), ("M\ud800", "UTF-8")])
def test_keys_that_break_the_hash_recipe_are_refused(key: str, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        draw_sample([key, "M3"], 2, seed=1)


@pytest.mark.parametrize("seed", [1.5, True, None, b"x"])
def test_seed_is_int_or_str(seed: object) -> None:
    with pytest.raises(TypeError, match="随机种子"):
        draw_sample(["A"], 1, seed=seed)  # type: ignore[arg-type]


@pytest.mark.parametrize("keys", ["ABC", [1, 2, 3]])
def test_keys_are_strings(keys: object) -> None:
    with pytest.raises(TypeError):
        draw_sample(keys, 3, seed=1)  # type: ignore[arg-type]


@pytest.mark.parametrize("k", [5.0, True])
def test_k_is_an_integer(k: object) -> None:
    with pytest.raises(TypeError, match="抽样数量须为整数"):
        draw_sample(["A", "B", "C", "D", "E"], k, seed=1)  # type: ignore[arg-type]
