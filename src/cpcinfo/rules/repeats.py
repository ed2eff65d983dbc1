"""Finding the values that repeat in a long list: the keys and identity numbers of a province.

The rules that must see every record (no two members share a key or an identity number) note the values
in a list as the records stream past, and look for repeats once at the end. Looking each value up in a dict
of millions of entries as it comes costs a cache miss per record; appending to a list costs next to nothing.
At the end, the usual case (nothing repeats) takes one or two passes of C code over the list — an order
check, then a set — several times cheaper than the lookups they replace; only when something does repeat
are the values counted and the list walked once more in Python to name each repeat and its first occurrence.
"""

from __future__ import annotations

import collections
import itertools
import operator
from collections.abc import Hashable, Iterator, Sequence
from typing import Any


def repeats(values: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """``(position, position of its first occurrence)`` for each value equal to an earlier one, in order;
    ``None`` (nothing to compare) never repeats."""
    if all_distinct(values):
        return
    repeated = {value for value, n in collections.Counter(values).items() if n > 1 and value is not None}
    first: dict[Hashable, int] = {}
    for i, value in enumerate(values):
        if value in repeated:
            j = first.setdefault(value, i)
            if j != i:
                yield i, j


def all_distinct(values: Sequence[Any]) -> bool:
    """Whether no value (``None`` aside) occurs twice."""
    try:  # records are often exported in key order: strictly increasing values are distinct, no hashing
        if all(map(operator.lt, values, itertools.islice(values, 1, None))):
            return True
    except TypeError:  # values that do not compare (None among text): the general case below
        pass
    distinct = set(values)
    distinct.discard(None)
    return len(distinct) == len(values) - values.count(None)


__all__ = ["all_distinct", "repeats"]
