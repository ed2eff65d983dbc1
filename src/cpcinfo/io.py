"""Reading files: the edge of cpcinfo (the core never touches a file).

Every loader raises :class:`InputError`, whose message names the file and the place — a missing file, broken
JSON with its line and column, a document of the wrong shape with every problem listed — so that a command
line or a notebook can show one clear message instead of a traceback.

:func:`load_json` is the one reading layer every loader goes through, and it refuses what would otherwise
be read wrongly or not at all:

- more than ``max_bytes`` bytes (default :data:`DEFAULT_MAX_BYTES`, the command's ``--max-bytes``): reading
  stops at the limit, so ``/dev/zero`` or ``/dev/urandom`` end with a message, not with memory exhausted;
- bytes that are not UTF-8 (the byte offset is named);
- a key written twice in one object, at any level (Python's ``json`` keeps the last one silently: a second
  ``"members"`` list would drop every record of the first) — the key and its place are named;
- ``NaN``, ``Infinity`` and ``-Infinity``, which are not JSON — the place is named;
- integers of more than 4,300 digits and nesting deeper than Python can follow.

A lone surrogate (``"\\ud800"``) is valid JSON and is kept, like every value, as recorded: the rules
judge it (:data:`~cpcinfo.rules` TXT901 for free text) and every report writes it as an escape.

:func:`load_infobase` adds the document's own checks: a top-level key the glossary does not know that holds
a list of records, or that is a misspelling of a known key (``"Members"``, ``"党员 "``), is an error naming
the nearest known key — its records would otherwise be kept aside unchecked — unless ``allow_unknown`` is
given; and a document without any record is an error, never a clean bill of health.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from cpcinfo.checking.waivers import Waiver, WaiverError, waivers_from_json
from cpcinfo.codes import CodeError, CodeTable, CodeTables, default_tables
from cpcinfo.convert import Loaded, read_document
from cpcinfo.errors import CpcinfoError, DocumentError
from cpcinfo.infobase import InfoBase
from cpcinfo.org.roster import Roster, RosterEntry
from cpcinfo.sanitize import one_line


class InputError(CpcinfoError):
    """A file that cannot be read as what it should be. ``str()`` names the file and the place."""

    def __init__(self, path: str | os.PathLike[str], message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


DEFAULT_MAX_BYTES: Final = 256 * 2**20
"""The largest input :func:`load_json` reads unless told otherwise (256 MiB: a whole province's database
fits many times over; a file larger than this is almost surely not what was meant)."""

MAX_REPORTED: Final = 10
"""At most this many duplicate keys or non-numbers are named in one message."""


def load_json(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """The parsed JSON of a UTF-8 file (a byte-order mark is allowed), read as the module docs say."""
    return parse_json(read_bytes(path, max_bytes=max_bytes), path)


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file, refusing one of more than ``max_bytes`` bytes without reading past the limit."""
    file = Path(path)
    try:
        with file.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError(path, "是目录，不是文件")
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                raise InputError(path, _too_large(max_bytes, info.st_size))
            data = _read_at_most(handle, max_bytes, info.st_size if stat.S_ISREG(info.st_mode) else 0)
    except FileNotFoundError:
        raise InputError(path, "文件不存在") from None
    except IsADirectoryError:
        raise InputError(path, "是目录，不是文件") from None
    except MemoryError:
        raise InputError(path, f"内存不足，无法读入 {max_bytes:,} 字节；请用 --max-bytes 设一个更小的上限") from None
    except OSError as exc:
        raise InputError(path, f"无法读取：{exc.strerror or type(exc).__name__}") from None
    if len(data) > max_bytes:
        raise InputError(path, _too_large(max_bytes, None))
    return data


_CHUNK: Final = 2**24


def _read_at_most(handle: Any, max_bytes: int, expected: int) -> bytes:
    """At most ``max_bytes + 1`` bytes (one past the limit tells that there is more): a file's size in one
    read, a device or a pipe, which has no size to ask, in chunks — never a buffer of the limit's size."""
    chunks = [handle.read(min(expected, max_bytes) + 1)] if expected else []
    total = len(chunks[0]) if chunks else 0
    while total <= max_bytes and (not chunks or chunks[-1]):
        chunk = handle.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(max_bytes: int, size: int | None) -> str:
    actual = f"（{size:,} 字节）" if size is not None else ""
    return f"文件超过大小上限 {max_bytes:,} 字节{actual}，未读取；确需读取时用 --max-bytes 调高上限"


def parse_json(data: bytes, path: str | os.PathLike[str] = "<input>", *, reader: StrictReader | None = None) -> Any:
    """JSON from UTF-8 bytes, refusing duplicate keys and non-numbers with their place (module docs).

    ``reader`` is reused by a caller that parses many small texts (a JSON Lines file: one per line), which
    then builds the decoder once instead of once a line.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"不是 UTF-8 编码的文本（第 {exc.start} 字节）") from None
    if text.startswith("\ufeff"):  # json.loads says so; the decoder itself would only say "Expecting value"
        raise InputError(path, "JSON 格式错误：开头有多余的字节顺序标记（BOM）")
    if reader is None:
        reader = StrictReader()
    reader.suspect = False
    try:
        value = reader.decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"JSON 格式错误，第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}") from None
    except RecursionError:
        raise InputError(path, "JSON 无法读取：嵌套层数过多") from None
    except ValueError as exc:  # an integer too long to read
        raise InputError(path, f"JSON 无法读取：{one_line(str(exc))}") from None
    if reader.suspect:
        problems = _strictness_problems(value)
        if problems:
            shown = "；".join(problems[:MAX_REPORTED])
            more = f"；等共 {len(problems)} 处" if len(problems) > MAX_REPORTED else ""
            raise InputError(path, shown + more)
    return value


class _Duplicated(dict):  # type: ignore[type-arg]
    """An object in which a key was written more than once (the last value kept, as ``json`` would)."""

    duplicates: list[str]


class _NonNumber:
    """Where ``NaN``, ``Infinity`` or ``-Infinity`` stood."""

    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        self.token = token


class StrictReader:
    """A JSON decoder whose hooks note duplicate keys and non-numbers; the places are found after the parse
    (the hooks see no place), only when something was noted (:func:`parse_json`)."""

    def __init__(self) -> None:
        self.suspect = False
        self.decoder = json.JSONDecoder(object_pairs_hook=self.object, parse_constant=self.constant)

    def object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        seen: set[str] = set()
        repeated = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
        marked = _Duplicated(pairs)
        marked.duplicates = list(dict.fromkeys(repeated))
        self.suspect = True
        return marked

    def constant(self, token: str) -> _NonNumber:
        self.suspect = True
        return _NonNumber(token)


def _strictness_problems(root: Any) -> list[str]:
    problems: list[str] = []
    stack: list[tuple[Any, str]] = [(root, "")]  # not recursive: the document may be deep
    while stack:
        value, where = stack.pop()
        if isinstance(value, _NonNumber):
            problems.append(f"{_place(where)}的值 {value.token} 不是 JSON 的数（NaN、Infinity 不能用）")
        elif isinstance(value, dict):
            if isinstance(value, _Duplicated):
                for key in value.duplicates:
                    problems.append(f"{_place(where)}的键「{one_line(key)}」重复出现（同一对象中一个键只能写一次，"
                                    "否则前面的值会被丢弃）")
            stack.extend((v, f"{where}.{one_line(k)}" if where else one_line(k))
                         for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{i}]") for i, v in reversed(list(enumerate(value))))
    return problems


def _place(where: str) -> str:
    return f"{where} " if where else "文档顶层"


def load_infobase(path: str | os.PathLike[str], *, keys: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  allow_unknown: bool = False) -> Loaded:
    """A database document in either key language (detected unless ``keys`` is given), read as the module
    docs say: ``allow_unknown`` keeps top-level keys the glossary does not know even when they hold
    records; a document without any record is refused."""
    data = load_json(path, max_bytes=max_bytes)
    try:
        loaded = read_document(data, keys=keys, allow_unknown=allow_unknown)  # type: ignore[arg-type]
    except DocumentError as exc:
        raise InputError(path, str(exc)) from None
    refuse_empty(loaded.infobase, path)
    return loaded


def refuse_empty(infobase: InfoBase, path: str | os.PathLike[str]) -> None:
    """Refuse a database without any record: checking it would report a clean database never built."""
    if not (infobase.organizations or infobase.members or infobase.applicants):
        raise InputError(path, "信息库中没有任何记录（党组织、党员、申请入党人都没有），无法检查，也无法审核；"
                               "检查文件的顶层键是否为 organizations/members/applicants 或 党组织/党员/申请入党人")


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
                  column_map: Mapping[str, str | None] | None = None, keys: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, allow_unknown: bool = False) -> Any:
    """A database from a path, by its extension: ``.json``, ``.xlsx`` (the 采集表 layout), ``.csv`` or a
    folder of CSV files. Returns a :class:`cpcinfo.tabular.Database` (records, the roster and waivers a
    workbook carries, the files read with their encodings, and where each record came from).

    Raises :class:`InputError` naming the file, the sheet and the row; a missing optional library is an
    :class:`InputError` that names the extra to install. ``max_bytes`` and ``allow_unknown`` are
    :func:`load_infobase`'s, for JSON; a file without any record is refused whatever its form.
    """
    from cpcinfo.tabular import Database, InputFile, JsonSources, MissingExtra, TabularError, read_csv, read_workbook

    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in (".xls", ".ods", ".et"):
        raise InputError(path, f"不支持 {suffix} 格式：请在 Excel 中另存为 .xlsx 工作簿")
    try:
        database = None
        if suffix in (".xlsx", ".xlsm"):
            database = read_workbook(file, column_map=column_map)
        elif suffix == ".csv" or file.is_dir():
            database = read_csv(file, encoding=encoding, column_map=column_map)
    except TabularError as exc:
        raise InputError(exc.file, str(exc).removeprefix(f"{exc.file}：")) from None
    except MissingExtra as exc:
        raise InputError(path, str(exc)) from None
    if database is not None:
        refuse_empty(database.infobase, path)
        return database
    loaded = load_infobase(path, keys=keys, max_bytes=max_bytes, allow_unknown=allow_unknown)
    return Database(infobase=loaded.infobase, inputs=(InputFile(path=str(path), format="json", encoding="utf-8"),),
                    sources=JsonSources.of(str(path), loaded.infobase, loaded.keys),
                    unknown_keys=loaded.unknown_keys)
