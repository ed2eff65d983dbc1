"""Reading CSV: one file per sheet (named after the sheet: ``党员.csv``), or a folder of them.

The encoding is detected — a byte-order mark, else strict UTF-8, else GB18030 (what Excel on a Chinese
Windows writes; a superset of GBK) — and named in the result; ``encoding=`` overrides the detection.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

from cpcinfo.tabular._layout import ROSTER_SHEET, WAIVER_SHEET, sheet_by_name
from cpcinfo.tabular._read import InputFile, RawSheet, TabularError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def detect_encoding(data: bytes) -> str:
    """``utf-8-sig`` / ``utf-16`` by the byte-order mark, else ``utf-8`` when the bytes are valid UTF-8,
    else ``gb18030``.

    >>> detect_encoding("党员".encode("gbk")), detect_encoding("党员".encode()), detect_encoding(b"a")
    ('gb18030', 'utf-8', 'utf-8')
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def read_csv_file(path: str | os.PathLike[str], *, encoding: str | None = None,
                  sheet: str | None = None) -> tuple[RawSheet, InputFile]:
    """One CSV file as the sheet named by its file name (or ``sheet``)."""
    file = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        why = {FileNotFoundError: "文件不存在", IsADirectoryError: "是目录，不是文件"}.get(type(exc))
        raise TabularError(file, why or f"无法读取：{exc.strerror}") from None
    chosen = encoding or detect_encoding(data)
    try:
        text = data.decode(chosen)
    except LookupError:
        raise TabularError(file, f"未知的编码「{chosen}」") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TabularError(file, f"不是 {chosen} 编码的文本（第 {line} 行，第 {exc.start} 字节）；"
                                 "可用 --encoding 指定文件的编码", row=line) from None
    if "\x00" in text:
        raise TabularError(file, f"含有 NUL 字符，不是 {chosen} 编码的 CSV 文本")
    text = text.removeprefix("\ufeff")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise TabularError(file, f"CSV 格式错误：{exc}") from None
    name = sheet or Path(path).stem
    if not rows:
        rows = [[]]
    return RawSheet(name=name, file=file, header=rows[0], rows=rows[1:]), InputFile(path=file, format="csv",
                                                                                     encoding=chosen)


def csv_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The CSV files of a folder that are sheets of the layout (others are an error named by the caller)."""
    return sorted(p for p in Path(folder).iterdir() if p.suffix.lower() == ".csv")


def sheet_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The CSV files of a folder, each named as a sheet of the layout; a folder without one, or a file
    named otherwise, is a :class:`TabularError`."""
    files = csv_files(folder)
    if not files:
        raise TabularError(str(folder), "目录中没有 CSV 文件")
    for file in files:
        if sheet_by_name(file.stem) is None and file.stem not in (ROSTER_SHEET, WAIVER_SHEET):
            raise TabularError(str(file), "文件名不是采集表的工作表名（如 党员.csv、党员-学历学位信息.csv）")
    return files


def read_csv_folder(folder: str | os.PathLike[str], *, encoding: str | None = None
                    ) -> Iterator[tuple[RawSheet, InputFile]]:
    for file in sheet_files(folder):
        yield read_csv_file(file, encoding=encoding)
