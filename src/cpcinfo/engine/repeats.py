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
from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cpcinfo.engine.context import SystemContext


class Noted:
    """The values a rule notes record by record, in order: an append-only sequence.

    A list of millions of values would be walked item by item at every full collection of the cyclic
    collector, each item a cache miss. Here the values are held in tuples of a few thousand (:meth:`seal`),
    which the collector stops looking into once it has seen that they hold only text (or ``None``). ``adder`` appends
    (a bound method of the list being filled, for compiled code); whoever appends calls :meth:`seal` every
    few thousand values, or lets the next :meth:`append` do it.
    """

    __slots__ = ("_ctx", "_open", "_sealed", "_sealed_length", "adder", "positions")
    CHUNK = 4096  # a power of two: compiled code seals when ``count & (CHUNK - 1)`` is 0

    def __init__(self, values: Iterable[Any] = (), *, positioned_by: SystemContext | None = None) -> None:
        self._open: list[Any] = list(values)
        self._sealed: list[tuple[Any, ...]] = []
        self._sealed_length = 0
        self.adder = self._open.append
        # In a part of a partitioned check, the position of the record each value was noted for (the
        # context's ``record_position`` when appended), in step with the values; otherwise None.
        self._ctx = positioned_by
        self.positions: list[int] | None = None if positioned_by is None else []

    def append(self, value: Any) -> None:
        if len(self._open) >= self.CHUNK:
            self.seal()
        self.adder(value)
        if self.positions is not None:
            assert self._ctx is not None
            self.positions.append(self._ctx.record_position)

    def seal(self) -> None:
        """Move the values appended since the last seal into a tuple of their own."""
        if self._open:
            self._sealed.append(tuple(self._open))
            self._sealed_length += len(self._open)
            self._open.clear()

    def __len__(self) -> int:
        return self._sealed_length + len(self._open)

    def __iter__(self) -> Iterator[Any]:
        return itertools.chain(*self._sealed, self._open)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Noted) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[Noted], tuple[list[Any]]]:
        # Copied or pickled as its values: ``adder`` must be bound to the copy's own list.
        return Noted, (list(self),)

    def __repr__(self) -> str:
        return f"Noted({list(self)!r})"


def noted(ctx: SystemContext, name: str) -> Noted:
    """The values noted under this name in the check's scratch (where a ``Quiet`` test's ``keep`` appends)."""
    values: Noted | None = ctx.scratch.get(name)
    if values is None:
        values = ctx.scratch[name] = Noted(positioned_by=ctx if ctx.note_positions else None)
    return values


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


__all__ = ["Noted", "all_distinct", "noted", "repeats"]
