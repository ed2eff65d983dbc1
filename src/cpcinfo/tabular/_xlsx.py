"""Reading an ``.xlsx`` 采集表 with python-calamine (the ``excel`` extra).

calamine (Rust) reads a 200,000-row sheet several times faster than openpyxl's read-only mode and gives the
cells already typed (a date cell at midnight as a ``date``); see ``benchmarks/tabular.py``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cpcinfo.tabular._extras import require
from cpcinfo.tabular._read import RawSheet, TabularError


def open_workbook(path: str | os.PathLike[str]) -> Any:
    """A workbook opened with python-calamine (the ``excel`` extra), or a :class:`TabularError` that says why
    it cannot be: no such file, a folder, not a workbook."""
    calamine = require("python_calamine", "excel")
    file = str(path)
    if not Path(file).exists():
        raise TabularError(file, "文件不存在")
    if Path(file).is_dir():
        raise TabularError(file, "是目录，不是文件")
    try:
        return calamine.CalamineWorkbook.from_path(file)
    except Exception as exc:  # calamine raises its own error types for every kind of broken file
        raise TabularError(file, f"不是可读取的 Excel 工作簿（.xlsx）：{short_error(exc)}") from None


def read_xlsx(path: str | os.PathLike[str]) -> Iterator[RawSheet]:
    """Every sheet of a workbook, the first row as its header (empty sheets left out)."""
    file = str(path)
    workbook = open_workbook(file)
    try:
        for name in workbook.sheet_names:
            try:
                rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except Exception as exc:
                raise TabularError(file, f"工作表无法读取：{short_error(exc)}", sheet=name) from None
            if not rows:
                continue
            yield RawSheet(name=name, file=file, header=rows[0], rows=rows[1:])
    finally:
        workbook.close()


def short_error(exc: BaseException) -> str:
    """The first line of a reader's error, at most 200 characters: what a message quotes of it."""
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
