"""Repeats in a long list, found at the end of a pass: the same answer as looking each value up as it comes."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from cpcinfo.engine.repeats import Noted, all_distinct, repeats

values = st.lists(st.one_of(st.none(), st.sampled_from(["M1", "M2", "M10", "m1", "甲"]), st.text(max_size=3)))


def _one_by_one(values: list[str | None]) -> list[tuple[int, int]]:
    first: dict[str, int] = {}
    found = []
    for i, value in enumerate(values):
        if value is None:
            continue
        if value in first:
            found.append((i, first[value]))
        else:
            first[value] = i
    return found


@given(values)
def test_repeats_are_those_a_lookup_per_value_finds(values: list[str | None]) -> None:
    assert list(repeats(values)) == _one_by_one(values)


@given(values)
def test_all_distinct_says_whether_anything_repeats(values: list[str | None]) -> None:
    assert all_distinct(values) == (not _one_by_one(values))


@given(st.lists(st.text(max_size=4), unique=True))
def test_values_in_order_are_distinct_and_so_are_they_shuffled(values: list[str]) -> None:
    assert all_distinct(sorted(values))
    assert all_distinct(sorted(values, reverse=True))


def test_worked_examples() -> None:
    assert list(repeats(["M1", "M2", "M1", None, None, "M1", "M2"])) == [(2, 0), (5, 0), (6, 1)]
    assert all_distinct(["M1", "M2", "M3"])  # in order: no hashing
    assert all_distinct(["M3", None, "M1", None])
    assert not all_distinct(["M1", "M2", "M2"])  # in order, but not strictly
    assert list(repeats([])) == []


@given(st.lists(st.one_of(st.none(), st.text(max_size=3)), max_size=20), st.integers(1, 5))
def test_noted_values_keep_their_order_however_they_are_sealed(values: list[str | None], every: int) -> None:
    noted = Noted()
    for i, value in enumerate(values):
        (noted.append if i % 2 else noted.adder)(value)
        if i % every == 0:
            noted.seal()
    assert list(noted) == values and len(noted) == len(values)
    assert noted == Noted(values)
    copied = copy.deepcopy(noted)
    copied.adder("x")
    assert list(noted) == values and list(copied) == [*values, "x"]  # the copy appends to its own list


def test_noted_seals_itself_when_appended_past_a_chunk() -> None:
    noted = Noted()
    for i in range(Noted.CHUNK * 2 + 1):
        noted.append(i)
    assert list(noted) == list(range(Noted.CHUNK * 2 + 1))
    assert len(noted._open) <= Noted.CHUNK
