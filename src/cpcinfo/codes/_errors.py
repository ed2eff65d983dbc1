"""The exceptions of :mod:`cpcinfo.codes`.

One tree under :class:`cpcinfo.errors.CpcinfoError`, so that a caller can catch the family or one member::

    CodeError(CpcinfoError, LookupError)
    ├── UnknownCode            a value that names no entry of a table
    │   └── AmbiguousLabel     a label or alias that names several entries
    ├── UnknownTable(KeyError) a table name that is not in a CodeTables set
    └── InvalidTable(ValueError) malformed table data
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cpcinfo.errors import CpcinfoError

if TYPE_CHECKING:
    from cpcinfo.codes._model import CodeEntry

__all__ = ["AmbiguousLabel", "CodeError", "InvalidTable", "UnknownCode", "UnknownTable"]


class CodeError(CpcinfoError, LookupError):
    """Base class of the errors raised by :mod:`cpcinfo.codes`."""


class UnknownCode(CodeError):
    """A value that is neither a code nor a label nor an alias of the table.

    The message names the table, its edition and the value, e.g.
    ``代码表「gender」(GB/T 2261.1-2003) 中没有「7」``.
    """

    def __init__(self, table: str, citation: str, value: str, message: str | None = None) -> None:
        self.table = table
        self.citation = citation
        self.value = value
        super().__init__(message or f"代码表「{table}」({citation}) 中没有「{value}」")


class AmbiguousLabel(UnknownCode):
    """A label or alias that names several entries (region: 「市辖区」); see :attr:`candidates`."""

    def __init__(self, table: str, citation: str, value: str, candidates: tuple[CodeEntry, ...]) -> None:
        self.candidates = candidates
        codes = "、".join(entry.code for entry in candidates[:10])
        more = f" 等 {len(candidates)} 项" if len(candidates) > 10 else ""
        super().__init__(
            table,
            citation,
            value,
            f"代码表「{table}」({citation}) 中「{value}」不唯一，可能是 {codes}{more}",
        )


class UnknownTable(CodeError, KeyError):
    """A code table name that a :class:`~cpcinfo.codes.CodeTables` set does not hold."""

    def __init__(self, name: str, known: tuple[str, ...] = ()) -> None:
        self.name = name
        hint = f"; known tables: {', '.join(known)}" if known else ""
        super().__init__(f"no code table named {name!r}{hint}")

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class InvalidTable(CodeError, ValueError):
    """Table data that cannot make a valid table; the message names the table and the problem."""

    def __init__(self, table: str, problem: str) -> None:
        self.table = table
        self.problem = problem
        super().__init__(f"code table {table!r}: {problem}")
