"""Reading files: the edge of cpcinfo (the core never touches a file).

Every loader raises :class:`InputError`, whose message names the file and the place — a missing file, broken
JSON with its line and column, a document of the wrong shape with every problem listed — so that a command
line or a notebook can show one clear message instead of a traceback.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cpcinfo.checking.waivers import Waiver, WaiverError, waivers_from_json
from cpcinfo.codes import CodeError, CodeTable, CodeTables, default_tables
from cpcinfo.convert import Loaded, read_document
from cpcinfo.errors import DocumentError
from cpcinfo.org.roster import Roster, RosterEntry


class InputError(Exception):
    """A file that cannot be read as what it should be. ``str()`` names the file and the place."""

    def __init__(self, path: str | os.PathLike[str], message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


def load_json(path: str | os.PathLike[str]) -> Any:
    """The parsed JSON of a UTF-8 file (a byte-order mark is allowed)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "文件不存在") from None
    except IsADirectoryError:
        raise InputError(path, "是目录，不是文件") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"不是 UTF-8 编码的文本（第 {exc.start} 字节）") from None
    except OSError as exc:
        raise InputError(path, f"无法读取：{exc.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"JSON 格式错误，第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}") from None
    except (ValueError, RecursionError) as exc:  # an integer too long to read, nesting too deep
        raise InputError(path, f"JSON 无法读取：{exc}") from None


def load_infobase(path: str | os.PathLike[str], *, keys: str | None = None) -> Loaded:
    """A database document in either key language (detected unless ``keys`` is given)."""
    data = load_json(path)
    try:
        return read_document(data, keys=keys)  # type: ignore[arg-type]
    except DocumentError as exc:
        raise InputError(path, str(exc)) from None


_ROSTER_KEYS = {"code": "code", "党组织代码": "code", "name": "name", "党组织名称": "name",
                "category": "category", "组织类别": "category", "parent": "parent", "上级党组织代码": "parent"}


def load_roster(path: str | os.PathLike[str]) -> Roster:
    """The roster of organizations that really exist: a list (or ``{"roster": [...]}``) of objects with
    ``code``, ``name``, ``category``, ``parent`` (or 党组织代码, 党组织名称, 组织类别, 上级党组织代码)."""
    data = load_json(path)
    if isinstance(data, Mapping):
        data = data.get("roster", data.get("党组织名单"))
    if not isinstance(data, list):
        raise InputError(path, "党组织名单应为列表，或含有「roster」列表的对象")
    entries = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, Mapping):
            raise InputError(path, f"第{number}个党组织应为对象")
        values = {_ROSTER_KEYS.get(str(k), str(k)): v for k, v in item.items()}
        unknown = set(values) - set(_ROSTER_KEYS.values())
        if unknown:
            raise InputError(path, f"第{number}个党组织有未知的键：{', '.join(sorted(unknown))}")
        if any(v is not None and not isinstance(v, str) for v in values.values()):
            raise InputError(path, f"第{number}个党组织的值应为文本")
        try:
            entries.append(RosterEntry(**values))
        except (TypeError, ValueError) as exc:
            raise InputError(path, f"第{number}个党组织：{exc}") from None
    codes = [e.code for e in entries]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise InputError(path, f"党组织名单中的代码重复：{'、'.join(repeated)}")
    return Roster(entries)


def load_waivers(path: str | os.PathLike[str]) -> tuple[Waiver, ...]:
    """Waivers from a JSON file (see :func:`cpcinfo.checking.waivers_from_json`)."""
    try:
        return waivers_from_json(load_json(path))
    except WaiverError as exc:
        raise InputError(path, str(exc)) from None


def load_code_tables(*paths: str | os.PathLike[str], base: CodeTables | None = None) -> CodeTables:
    """The bundled tables with the tables in these JSON files swapped in by name (a province's official
    tables, in the same shape as the bundled ones)."""
    tables = []
    for path in paths:
        try:
            tables.append(CodeTable.from_json(load_json(path)))
        except (CodeError, ValueError) as exc:
            raise InputError(path, str(exc)) from None
    try:
        return (base or default_tables()).replace(*tables)
    except CodeError as exc:
        raise InputError(paths[0] if paths else "", str(exc)) from None


def load_database(path: str | os.PathLike[str], *, encoding: str | None = None,
                  column_map: Mapping[str, str | None] | None = None, keys: str | None = None) -> Any:
    """A database from a path, by its extension: ``.json``, ``.xlsx`` (the 采集表 layout), ``.csv`` or a
    folder of CSV files. Returns a :class:`cpcinfo.tabular.Database` (records, the roster and waivers a
    workbook carries, the files read with their encodings, and where each record came from).

    Raises :class:`InputError` naming the file, the sheet and the row; a missing optional library is an
    :class:`InputError` that names the extra to install.
    """
    from cpcinfo.tabular import Database, JsonSources, MissingExtra, TabularError, read_csv, read_workbook
    from cpcinfo.tabular._read import InputFile

    file = Path(path)
    suffix = file.suffix.lower()
    try:
        if suffix == ".xlsx" or suffix == ".xlsm":
            return read_workbook(file, column_map=column_map)
        if suffix == ".csv" or file.is_dir():
            return read_csv(file, encoding=encoding, column_map=column_map)
        if suffix in (".xls", ".ods", ".et"):
            raise InputError(path, f"不支持 {suffix} 格式：请在 Excel 中另存为 .xlsx 工作簿")
    except TabularError as exc:
        raise InputError(exc.file, str(exc).removeprefix(f"{exc.file}：")) from None
    except MissingExtra as exc:
        raise InputError(path, str(exc)) from None
    loaded = load_infobase(path, keys=keys)
    return Database(infobase=loaded.infobase, inputs=(InputFile(path=str(path), format="json", encoding="utf-8"),),
                    sources=JsonSources.of(str(path), loaded.infobase, loaded.keys),
                    unknown_keys=loaded.unknown_keys)
