"""The code tables (代码表) of the 党员信息库, as data with lookups.

Model
-----
Each coded field of the glossary (``code_table`` column) names one :class:`CodeTable`: a meta block
(name, Chinese title, the standard and edition the codes follow, the source, a
:class:`Confidence` mark and notes on what is uncertain or invented) and a tuple of
:class:`CodeEntry` (code, label, optional parent, aliases, tags and validity years).
Hierarchical tables link entries by ``parent`` (组织类别 611 -> 6); ``leaf_required`` says the
field wants a leaf code; ``open_below`` says deeper codes under a known entry are accepted
(行业 8321 under division 83).

A raw value from the database is matched by :meth:`CodeTable.resolve`, which reports *how* it
matched (:class:`Match`): exactly a code, a code after :func:`clean` (全角、空格), a label, an
alias or cleaned name, or a deeper code. The validation layer turns the weaker matches into
不规范 findings. :meth:`CodeTable.lookup` is the raising form (:class:`UnknownCode`,
:class:`AmbiguousLabel`).

The bundled tables live in ``cpcinfo/codes/data/<name>.json`` and are read lazily by
:func:`default_tables`; a province that has the official table swaps it in with
:meth:`CodeTables.replace`.

>>> tables = default_tables()
>>> tables["gender"].lookup("男") == tables["gender"].lookup("1")
True
>>> tables["ethnicity"].resolve("０１").match
<Match.CODE_UNCLEAN: 'code-unclean'>
"""

from __future__ import annotations

from cpcinfo.codes._clean import clean, clean_code
from cpcinfo.codes._errors import AmbiguousLabel, CodeError, InvalidTable, UnknownCode, UnknownTable
from cpcinfo.codes._json import format_json
from cpcinfo.codes._model import CodeEntry, Confidence, Match, Resolution
from cpcinfo.codes._table import CodeTable
from cpcinfo.codes._tables import CodeTables, default_tables, load_packaged, packaged_names

__all__ = [
    "AmbiguousLabel",
    "CodeEntry",
    "CodeError",
    "CodeTable",
    "CodeTables",
    "Confidence",
    "InvalidTable",
    "Match",
    "Resolution",
    "UnknownCode",
    "UnknownTable",
    "clean",
    "clean_code",
    "default_tables",
    "format_json",
    "load_packaged",
    "packaged_names",
]
