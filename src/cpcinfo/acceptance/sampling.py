"""Sample sizes and the reproducible random draw (审核验收比例、随机抽样).

陕组办字〔2011〕10号 附1 §3 fixes the minimum sample of each population of a unit — its branches (党支部),
its members, its applicants — by the size of that population:

>>> [required_sample_size(n) for n in (0, 3, 50, 51, 100, 101, 200, 201)]
[0, 3, 5, 10, 10, 15, 15, 20]

and the province samples 「不少于基层党委总数的5%」 of the base-level committees:

>>> [committee_sample_size(n) for n in (0, 1, 20, 21, 100, 101)]
[0, 1, 1, 2, 5, 6]

The draw itself takes an explicit seed and reports a :class:`SampleManifest`, so that the inspector and the
inspected unit can both re-draw the same sample and check that they drew from the same population.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Iterable
from typing import Final

import attrs

from cpcinfo.errors import InvalidArgumentError

SAMPLE_SIZE_BANDS: Final[tuple[tuple[int, int], ...]] = (
    (50, 5),  # 「50以内的，抽查数量不少于5」
    (100, 10),  # 「100以内的，不少于10」
    (200, 15),  # 「200以内的，不少于15」
)
"""(upper bound, minimum sample) for each 「N以内」 band, in increasing order.

「以内」 includes its bound: a population of exactly 50 is 「50以内」 and needs 5, 51 needs 10.
"""

SAMPLE_SIZE_OVER_LAST_BAND: Final = 20
"""The minimum sample of a population 「200以上」, i.e. above the last bound of :data:`SAMPLE_SIZE_BANDS`."""

COMMITTEE_SAMPLE_PERCENT: Final = 5
"""「抽查比例不少于基层党委总数的5%」: the province's minimum, as a whole percentage, rounded up."""


class SampleSizeError(InvalidArgumentError):
    """A sample size asked for is below the minimum of its population or above the population."""


def _require_count(value: object, what: str) -> int:
    # bool is an int in Python, but True committees is a mistake, not a count.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what}须为整数，得到 {type(value).__name__}: {value!r}")
    if value < 0:
        raise InvalidArgumentError(f"{what}不能为负数：{value}")
    return value


def required_sample_size(population: int) -> int:
    """The minimum number of records to check in a population of ``population`` records.

    The bands are :data:`SAMPLE_SIZE_BANDS` (「以内」 includes its bound) and, above the last one,
    :data:`SAMPLE_SIZE_OVER_LAST_BAND`. The sample never exceeds the population: a unit with 3 members has
    all 3 checked. An empty population needs no sample.

    >>> required_sample_size(50), required_sample_size(51), required_sample_size(10_000)
    (5, 10, 20)
    >>> required_sample_size(2)
    2
    >>> required_sample_size(-1)
    Traceback (most recent call last):
    ...
    cpcinfo.errors.InvalidArgumentError: 总数不能为负数：-1
    """
    n = _require_count(population, "总数")
    size = SAMPLE_SIZE_OVER_LAST_BAND
    for upper, band_size in SAMPLE_SIZE_BANDS:
        if n <= upper:
            size = band_size
            break
    return min(n, size)


def committee_sample_size(committees: int) -> int:
    """The minimum number of base-level committees the province inspects: ⌈5% × ``committees``⌉.

    Computed in integers, so that no float rounding can move a bound: 20 committees → 1, 21 → 2.

    >>> committee_sample_size(20), committee_sample_size(21), committee_sample_size(101)
    (1, 2, 6)
    """
    n = _require_count(committees, "基层党委总数")
    return (n * COMMITTEE_SAMPLE_PERCENT + 99) // 100


def population_sha256(ordered_keys: Iterable[str]) -> str:
    """The hex SHA-256 of keys already in canonical order, as recorded in :class:`SampleManifest`.

    The recipe, so that anyone can recompute it: join the keys, sorted by Unicode code point (Python's
    ``sorted`` on ``str``), with a single line feed ``"\\n"`` between them (none after the last), encode the
    result as UTF-8, and take its SHA-256 as lowercase hex. In a shell, for a file with one key a line::

        LC_ALL=C sort -u keys.txt | head -c -1 | sha256sum

    (``LC_ALL=C sort`` orders UTF-8 by code point; ``head -c -1`` drops the last line feed.)

    >>> population_sha256(["M1", "M2"]) == hashlib.sha256(b"M1\\nM2").hexdigest()
    True
    """
    return hashlib.sha256("\n".join(ordered_keys).encode("utf-8")).hexdigest()


@attrs.frozen(kw_only=True)
class SampleManifest:
    """The record of one draw: enough to re-draw it and to check that both sides drew from one population.

    ``population_sha256`` is :func:`population_sha256` of the sorted keys; ``required`` is the minimum
    sample of the population; ``drawn`` holds the keys drawn, in draw order.
    """

    seed: int | str
    population_size: int
    population_sha256: str
    required: int
    drawn: tuple[str, ...]

    @property
    def size(self) -> int:
        """How many keys were drawn."""
        return len(self.drawn)

    def __repr__(self) -> str:
        # The drawn keys may be identity numbers (some units key members by them): not in the repr.
        return (f"<SampleManifest seed={self.seed!r}: {self.size} of {self.population_size} drawn "
                f"(required {self.required}), population SHA-256 {self.population_sha256[:12]}…>")

    def contains(self, key: str) -> bool:
        """Whether the record ``key`` is in the sample (its field findings count on the score sheet)."""
        return key in self.drawn


def _canonical(keys: Iterable[str]) -> list[str]:
    if isinstance(keys, str):
        raise TypeError("总体须为记录键的集合，而不是单个字符串")
    listed = list(keys)
    for key in listed:
        if not isinstance(key, str):
            raise TypeError(f"记录键须为字符串，得到 {type(key).__name__}: {key!r}")
        if not key or "\n" in key:
            raise InvalidArgumentError(f"记录键不能为空，也不能含换行符：{key!r}")
        try:
            key.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidArgumentError(f"记录键含无法以 UTF-8 编码的字符：{key!r}") from None
    repeated = sorted(key for key, count in Counter(listed).items() if count > 1)
    if repeated:
        raise InvalidArgumentError(f"记录键重复，总体须为不同记录键的集合：{'、'.join(repeated)}")
    return sorted(listed)


def draw_sample(keys: Iterable[str], k: int, *, seed: int | str) -> SampleManifest:
    """Draw ``k`` records at random from the population ``keys``, reproducibly.

    The population is put in canonical order — its keys sorted by Unicode code point — so that the order in
    which a database lists its records does not change the draw. The draw is
    ``random.Random(seed).sample(sorted_keys, k)`` from the standard library, and ``drawn`` keeps the draw
    order. An inspector re-draws it with exactly that line.

    On stability: Python promises only that ``Random.random()`` stays the same for a seed across versions.
    ``Random.sample`` and the seeding of ``str`` seeds (version 2: the seed's UTF-8 bytes followed by their
    SHA-512, stable since Python 3.2) were checked to draw identical samples on every Python from 3.6 to
    3.13; the tests pin a worked example, so a change in a future Python shows at once. Seeds are
    ``int`` or ``str`` only (``str`` seeds such as 「2011-07 省委组织部抽查」 are easy to write in a report).

    ``k`` may exceed the minimum (「不少于」) but not fall below :func:`required_sample_size` of the
    population, nor exceed the population. Keys must be distinct, non-empty, free of line feeds and valid
    Unicode (no lone surrogates), so that the hash of :func:`population_sha256` names one population.

    >>> m = draw_sample(["M3", "M1", "M2"], 3, seed=1)
    >>> sorted(m.drawn), m.population_size, m.required
    (['M1', 'M2', 'M3'], 3, 3)
    >>> draw_sample([f"M{i}" for i in range(60)], 5, seed=1)
    Traceback (most recent call last):
    ...
    cpcinfo.acceptance.sampling.SampleSizeError: 抽样数量不得少于10（总数60），实际为5
    """
    if isinstance(seed, bool) or not isinstance(seed, int | str):
        raise TypeError(f"随机种子须为整数或字符串，得到 {type(seed).__name__}: {seed!r}")
    ordered = _canonical(keys)
    k = _require_count(k, "抽样数量")
    population = len(ordered)
    required = required_sample_size(population)
    if k < required:
        raise SampleSizeError(f"抽样数量不得少于{required}（总数{population}），实际为{k}")
    if k > population:
        raise SampleSizeError(f"抽样数量{k}超过总数{population}")
    drawn = random.Random(seed).sample(ordered, k)
    return SampleManifest(
        seed=seed,
        population_size=population,
        population_sha256=population_sha256(ordered),
        required=required,
        drawn=tuple(drawn),
    )


def minimum_sample(keys: Iterable[str], *, seed: int | str) -> SampleManifest:
    """:func:`draw_sample` of exactly the minimum number of records.

    >>> m = minimum_sample([f"B{i:02d}" for i in range(51)], seed="示例")
    >>> m.required, len(m.drawn)
    (10, 10)
    """
    ordered = _canonical(keys)
    return draw_sample(ordered, required_sample_size(len(ordered)), seed=seed)


def draw_committee_sample(codes: Iterable[str], k: int | None = None, *, committees: int,
                          seed: int | str) -> SampleManifest:
    """The province's spot check of a region: ``k`` of the committees ``codes`` (default the minimum).

    ``committees`` is the number of base-level committees of the region, built or not: the minimum is
    :func:`committee_sample_size` of it (「不少于基层党委总数的5%」), drawn from ``codes`` — the committees that
    have a database to check — and never more than there are. The recipe is :func:`draw_sample`'s, so the
    manifest re-draws the same way (:func:`verify_manifest`).

    >>> m = draw_committee_sample([f"U{i:02d}" for i in range(21)], committees=21, seed="2011")
    >>> m.required, m.size, m.population_size
    (2, 2, 21)
    """
    if isinstance(seed, bool) or not isinstance(seed, int | str):
        raise TypeError(f"随机种子须为整数或字符串，得到 {type(seed).__name__}: {seed!r}")
    ordered = _canonical(codes)
    total = _require_count(committees, "基层党委总数")
    if total < len(ordered):
        raise InvalidArgumentError(f"基层党委总数{total}少于可抽查的单位数{len(ordered)}")
    required = min(committee_sample_size(total), len(ordered))
    k = required if k is None else _require_count(k, "抽查数量")
    if k < required:
        raise InvalidArgumentError(f"抽查数量不得少于{required}（基层党委总数{total}的5%），实际为{k}")
    if k > len(ordered):
        raise InvalidArgumentError(f"抽查数量{k}超过可抽查的单位数{len(ordered)}")
    return SampleManifest(seed=seed, population_size=len(ordered), population_sha256=population_sha256(ordered),
                          required=required, drawn=tuple(random.Random(seed).sample(ordered, k)))


def verify_manifest(manifest: SampleManifest, keys: Iterable[str]) -> tuple[str, ...]:
    """What does not agree between ``manifest`` and a re-draw from the population ``keys``; empty when the
    manifest is exactly what its seed draws from that population.

    >>> keys = [f"M{i}" for i in range(30)]
    >>> m = minimum_sample(keys, seed=7)
    >>> verify_manifest(m, keys)
    ()
    >>> verify_manifest(m, keys[1:])
    ('总体人数不符：清单为30，实际为29', '总体哈希不符：抽样所用的总体与此总体不同')
    """
    ordered = _canonical(keys)
    problems = []
    if manifest.population_size != len(ordered):
        problems.append(f"总体人数不符：清单为{manifest.population_size}，实际为{len(ordered)}")
    if manifest.population_sha256 != population_sha256(ordered):
        problems.append("总体哈希不符：抽样所用的总体与此总体不同")
    elif random.Random(manifest.seed).sample(ordered, manifest.size) != list(manifest.drawn):
        problems.append(f"以种子 {manifest.seed!r} 重新抽样得到的记录与清单不同")
    return tuple(problems)
