"""Reading a database record by record, in bounded memory: JSON Lines, and a JSON document parsed as it is read.

The whole-document loader (:func:`cpcinfo.io.load_infobase`) holds the text, the parsed document and every
record at once — about 3.7 KB a member, 8 GiB for a province of two million. Here no process holds more
than one record's text: the organizations are read first (the tree needs them all), then the applicants and
the members stream into :func:`~cpcinfo.checking.check_stream` one at a time.

JSON Lines
    One JSON object per line, UTF-8. Either a file per entity (``members.jsonl``: each line a member record)
    or one file of every entity, each line saying which (``{"entity": "member", "id": …}``; 党组织/党员/
    申请入党人 are accepted too), organizations before the others. Blank lines are no records.

A JSON document
    The usual ``{"organizations": […], "members": […], "applicants": […]}`` (or Chinese keys), parsed
    one record at a time in three passes over the file: organizations, applicants, members.

Bad input is refused as the whole-document loader (:mod:`cpcinfo.io`, whose parse and hooks are used here)
refuses it, with the file and the line (or the byte): a key twice in one object, ``NaN``/``Infinity``, text
that is not UTF-8, a record of the wrong shape, an unknown entity, a top-level key that holds records or
misspells a known key (unless ``allow_unknown``), a database without any record; and a record longer than
:data:`MAX_RECORD_BYTES` (the size limit of a stream is per record: the whole is never held). A lone
surrogate is kept as recorded, as there, for the rules to judge. Every record read is counted by the check.

Parser choice (measured on generated members, ``benchmarks/bench_stream.py``): the standard library's
scanner, a record at a time — ``json.loads`` per line, ``JSONDecoder.raw_decode`` over a window of a
document — with a hook that refuses a key twice. orjson and msgspec parse a record 2–3× faster but keep
the last of two equal keys silently, and need the whole text of a document in memory; ijson (yajl2_c)
parses a document incrementally but turns an escaped lone surrogate into 「?」 without a word and stops
at an integer beyond 64 bits, which the whole-document loader reads. Parsing is not where the time goes:
structuring a record costs about three times parsing it.
"""

from __future__ import annotations

import codecs
import gc
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from cpcinfo.applicant import Applicant
from cpcinfo.checking.waivers import Waiver
from cpcinfo.convert import (
    Keys,
    misplaced_records,
    structure_applicant,
    structure_member,
    structure_organization,
    unstructure_applicant,
    unstructure_member,
    unstructure_organization,
)
from cpcinfo.entity import Entity
from cpcinfo.errors import CpcinfoError, DocumentError
from cpcinfo.io import InputError, StrictReader, _strictness_problems, parse_json
from cpcinfo.member import Member
from cpcinfo.org import Organization
from cpcinfo.org.roster import Roster

MAX_RECORD_BYTES = 1 << 20
"""No record of the database is anywhere near a megabyte; a longer line is not a record."""

_ENTITY_KEYS = ("entity", "实体")
_ENTITY_NAMES = {**{e.value: e for e in Entity}, **{e.label: e for e in Entity}}
_STRUCTURE = {Entity.ORGANIZATION: structure_organization, Entity.MEMBER: structure_member,
              Entity.APPLICANT: structure_applicant}
_UNSTRUCTURE: dict[Entity, Any] = {Entity.ORGANIZATION: unstructure_organization, Entity.MEMBER: unstructure_member,
                                   Entity.APPLICANT: unstructure_applicant}
_LEADING_ENTITY = re.compile(rb'\s*\{\s*"(?:entity|\xe5\xae\x9e\xe4\xbd\x93)"\s*:\s*"([^"\\]{1,32})"')
_ZH_RECORD_KEYS = frozenset({"人员编号", "上级党组织代码", "基本信息"})


class _Refused(CpcinfoError, ValueError):
    pass


def _no_constant(token: str) -> Any:
    raise _Refused(f"值 {token} 不是 JSON 的数（NaN、Infinity 不能用）")


def _lines(file: BinaryIO, path: str | os.PathLike[str]) -> Iterator[tuple[int, bytes]]:
    """The file's lines with their numbers, none longer than a record can be, the byte-order mark dropped."""
    number = 0
    while True:
        raw = file.readline(MAX_RECORD_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
            raise InputError(path, f"第 {number} 行超过 {MAX_RECORD_BYTES:,} 字节，不是一条记录")
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        yield number, raw


def read_jsonl(path: str | os.PathLike[str], *, entity: Entity | None = None, keys: Keys | None = None,
               only: frozenset[Entity] | None = None) -> Iterator[tuple[Entity, Any]]:
    """``(entity, record)`` for each line of a JSON Lines file, read one line at a time.

    ``entity`` says what every line is (a file per entity); without it each line names its entity.
    ``keys`` is the key language (detected from the first record unless given). ``only`` reads the records
    of these entities: a line that begins by naming another (``{"entity": "member", …``) is passed over
    unparsed — a pass that reads it judges it.
    """
    language = keys
    reader = StrictReader()  # one decoder for the file, not one a line
    with _opened(path) as file:
        for number, raw in _lines(file, path):
            if not raw.strip():
                continue
            if only is not None and (named := _LEADING_ENTITY.match(raw)) is not None:
                kind = _ENTITY_NAMES.get(named.group(1).decode("utf-8", "replace"))
                if kind is not None and kind not in only:
                    continue
            try:
                value = parse_json(raw, path, reader=reader)  # the whole-document loader's own parse, a line at a time
                if type(value) is not dict:
                    raise _Refused("每行应为一个 JSON 对象（一条记录）")
                kind = entity if entity is not None else _entity_of(value)
                if language is None:
                    language = "zh" if _ZH_RECORD_KEYS & value.keys() else "en"
                record = _STRUCTURE[kind](value, keys=language)
            except InputError as exc:
                raise InputError(path, f"第 {number} 行：{exc.message}") from None
            except _Refused as exc:
                raise InputError(path, f"第 {number} 行：{exc}") from None
            except DocumentError as exc:
                raise InputError(path, f"第 {number} 行：{exc}") from None
            yield kind, record


def _entity_of(value: dict[str, Any]) -> Entity:
    for key in _ENTITY_KEYS:
        if key in value:
            name = value.pop(key)
            kind = _ENTITY_NAMES.get(name) if isinstance(name, str) else None
            if kind is None:
                raise _Refused(f"「{key}」应为 organization、member、applicant（或 党组织、党员、申请入党人），"
                               f"而不是 {name!r}")
            return kind
    raise _Refused("没有说明记录类别的「entity」键（或按类别分文件并指明类别）")


@contextmanager
def _opened(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    try:
        with open(path, "rb") as file:
            yield file
    except FileNotFoundError:
        raise InputError(path, "文件不存在") from None
    except IsADirectoryError:
        raise InputError(path, "是目录，不是文件") from None
    except PermissionError:
        raise InputError(path, "没有读取权限") from None


def count_lines(path: str | os.PathLike[str]) -> int:
    """How many records a JSON Lines file holds (its lines that are not blank), without parsing it; 0 for
    a file that does not exist."""
    if not Path(path).exists():
        return 0
    count = 0
    with _opened(path) as file:
        for _, raw in _lines(file, path):
            count += bool(raw.strip())
    return count


def write_jsonl(path: str | os.PathLike[str], records: Iterable[Any], *, entity: Entity | None = None,
                keys: Keys = "en") -> int:
    """Write records one per line: all of ``entity`` (a file per entity), or each with its ``entity`` when
    none is named (a file of every entity); how many were written."""
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            kind = entity or _kind_of(record)
            data = _UNSTRUCTURE[kind](record, keys=keys)
            if entity is None:
                data = {"entity": kind.value, **data}
            out.write(json.dumps(data, ensure_ascii=False, default=str))
            out.write("\n")
            count += 1
    return count


def _kind_of(record: Any) -> Entity:
    if isinstance(record, Organization):
        return Entity.ORGANIZATION
    if isinstance(record, Member):
        return Entity.MEMBER
    if isinstance(record, Applicant):
        return Entity.APPLICANT
    raise TypeError(f"not a record: {type(record).__name__}")


# -- the collector while reading -------------------------------------------------------------------------------


@contextmanager
def collector_for_reading() -> Iterator[None]:
    """The cyclic collector set for a long read, put back afterwards.

    Reading makes and drops millions of small dicts, lists and attrs objects, none of them in a cycle; the
    collector's young generation fills every 700 allocations and each full collection walks every object
    still alive — the tree, the code tables and what the cross-record rules keep, growing with the input —
    so that collecting costs a third of the whole check while finding nothing to free. What lives for the
    whole check is frozen first (moved out of the collector's sight), and the threshold raised so that a
    collection runs every 100,000 allocations instead: garbage in cycles, if any, is still collected.
    """
    thresholds = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


# -- a source of records for the check ----------------------------------------------------------------------


class Source:
    """A database on disk read for one streaming check: the organizations whole, then the applicants and
    the members as iterators (each may be iterated once); and the roster and waivers the file carries."""

    roster: Roster | None = None
    waivers: tuple[Waiver, ...] = ()

    def __init__(self, organizations: tuple[Organization, ...], applicants: Iterable[Applicant],
                 members: Iterable[Member]) -> None:
        self.organizations, self.applicants, self.members = organizations, applicants, members

    def database(self, roster: Roster | None, waivers: Iterable[Waiver]) -> Any:
        """What the report writers are given after the check: no record is kept, so findings are named by
        record and field, without a place in a sheet."""
        from cpcinfo.infobase import InfoBase
        from cpcinfo.tabular import Database

        return Database(infobase=InfoBase(), inputs=(), roster=roster, waivers=tuple(waivers))


class TabularSource(Source):
    """A 采集表 workbook or CSV read one row at a time (:mod:`cpcinfo.tabular._stream`): the roster and the
    waivers of its sheets, and where each record was read, so that findings name their cells as after a
    whole read."""

    def __init__(self, opened: Any) -> None:
        self.stream = opened
        organizations = tuple(_tabular(opened.records(Entity.ORGANIZATION)))
        super().__init__(organizations, _tabular(opened.records(Entity.APPLICANT)),
                         _tabular(opened.records(Entity.MEMBER)))
        self.roster, self.waivers = opened.roster, opened.waivers

    def database(self, roster: Roster | None, waivers: Iterable[Waiver]) -> Any:
        from cpcinfo.infobase import InfoBase
        from cpcinfo.tabular import Database

        return Database(infobase=InfoBase(), inputs=self.stream.inputs, sources=self.stream.sources, roster=roster,
                        waivers=tuple(waivers), normalised=dict(self.stream.counts))


def _tabular(records: Iterator[Any]) -> Iterator[Any]:
    """The records, a table's error raised as the whole loader raises it (an :class:`InputError` naming the
    file, the sheet and the row)."""
    from cpcinfo.tabular import TabularError

    try:
        yield from records
    except TabularError as exc:
        raise _table_error(exc) from None


def _table_error(exc: Any) -> InputError:
    return InputError(exc.file, str(exc).removeprefix(f"{exc.file}："))


def tabular(path: str | os.PathLike[str]) -> bool:
    """Whether a path is a 采集表 read by :mod:`cpcinfo.tabular`: a workbook, a CSV file, or a folder of CSV
    files that is not a folder of JSON Lines parts."""
    where = Path(path)
    if where.is_dir():
        return not (where / "organizations.jsonl").exists() and any(
            p.suffix.lower() == ".csv" for p in where.iterdir())
    return where.suffix.lower() in (".xlsx", ".xlsm", ".csv")


def open_source(path: str | os.PathLike[str], *, keys: Keys | None = None, allow_unknown: bool = False,
                encoding: str | None = None, column_map: Mapping[str, str | None] | None = None) -> Source:
    """A JSON Lines file of every entity (``.jsonl``/``.ndjson``), a folder with ``organizations.jsonl``,
    ``members.jsonl`` and ``applicants.jsonl`` (each optional but the first) and sub-folders of parts with
    theirs (see :mod:`cpcinfo.parallel`), a JSON document (read one record at a time), or a 采集表 — an
    ``.xlsx`` workbook, a CSV file or a folder of CSV files (read one row at a time; ``encoding`` and
    ``column_map`` as :func:`cpcinfo.tabular.read_csv` takes them)."""
    where = Path(path)
    if tabular(where):
        return _table(where, encoding, column_map)
    if where.is_dir():
        organizations = tuple(r for _, r in read_jsonl(where / "organizations.jsonl", entity=Entity.ORGANIZATION,
                                                        keys=keys))
        folders = part_folders(where, {o.key for o in organizations})

        def entity_files(name: str, entity: Entity) -> Iterator[Any]:
            for folder in folders:
                if (folder / name).exists():
                    yield from (r for _, r in read_jsonl(folder / name, entity=entity, keys=keys))

        return Source(organizations, entity_files("applicants.jsonl", Entity.APPLICANT),
                      entity_files("members.jsonl", Entity.MEMBER))
    if where.suffix.lower() in (".jsonl", ".ndjson"):
        return _mixed_lines(path, keys)
    return _document(path, keys, allow_unknown)


def _table(where: Path, encoding: str | None, column_map: Mapping[str, str | None] | None) -> TabularSource:
    from cpcinfo.tabular import MissingExtra, TabularError, csv_stream, workbook_stream

    try:
        if where.suffix.lower() in (".xlsx", ".xlsm"):
            return TabularSource(workbook_stream(where, column_map=column_map))
        return TabularSource(csv_stream(where, encoding=encoding, column_map=column_map))
    except TabularError as exc:
        raise _table_error(exc) from None
    except MissingExtra as exc:
        raise InputError(where, str(exc)) from None


def part_folders(folder: Path, codes: Iterable[str | None]) -> list[Path]:
    """The folders of a database in parts, in the order its records are numbered: the folder itself (the
    rest), then its sub-folders named by an organization's code, by name."""
    known = set(codes)
    return [folder, *sorted((p for p in folder.iterdir() if p.is_dir() and p.name in known), key=lambda p: p.name)]


def _mixed_lines(path: str | os.PathLike[str], keys: Keys | None) -> Source:
    """One file of every entity, in three passes: the organizations are kept (the tree needs them all), the
    applicants stream, then the members. (Keeping the applicants from the first pass held a tenth of the
    database for the whole check: 1,094 MiB at its peak for a province of two million members.)"""

    def only(entity: Entity) -> Iterator[Any]:
        return (record for kind, record in read_jsonl(path, keys=keys, only=frozenset({entity})) if kind is entity)

    return Source(tuple(only(Entity.ORGANIZATION)), only(Entity.APPLICANT), only(Entity.MEMBER))


def _document(path: str | os.PathLike[str], keys: Keys | None, allow_unknown: bool) -> Source:
    """A JSON document read in three passes: the organizations (kept), the applicants, the members (each
    streamed)."""
    language = keys or _DocumentReader.keys_of(path)
    first = _DocumentReader(path, language, allow_unknown=True)
    organizations = tuple(record for _, record in first.records({Entity.ORGANIZATION}, stop_when_read=True))
    applicants = (record for _, record in _DocumentReader(path, language, allow_unknown=True).records(
        {Entity.APPLICANT}, stop_when_read=True))
    # The last pass reads the whole document and judges its top level (as the whole-document loader does):
    # the first two stop where their list ends, so that the members — nine tenths of the text — are parsed
    # once, not three times (measured on 500,000 members: 106 s with three full passes).
    members = (record for _, record in _DocumentReader(path, language, allow_unknown=allow_unknown).records(
        {Entity.MEMBER}))
    return Source(organizations, applicants, members)


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_PLAIN = json.JSONDecoder(parse_constant=_no_constant)  # for what a pass skips: the other pass judges it
CHUNK_BYTES = 1 << 16


class _DocumentReader:
    """A JSON document ``{"organizations": [...], "members": [...], ...}`` read one record at a time.

    The standard library's own scanner (``raw_decode``) parses each record from a window of the text that
    holds a few chunks at most, so that a record is refused for exactly what the whole-document loader
    refuses (a key twice, NaN, a lone surrogate); a record cut by the end of the window is parsed again
    when the next chunk is in.
    """

    def __init__(self, path: str | os.PathLike[str], keys: Keys, *, allow_unknown: bool = False) -> None:
        self.path, self.keys, self.allow_unknown = path, keys, allow_unknown
        self.text, self.at, self.done = "", 0, False
        self.decode = codecs.getincrementaldecoder("utf-8-sig")().decode
        self.read_bytes = 0

    @classmethod
    def keys_of(cls, path: str | os.PathLike[str]) -> Keys:
        """The key language, by the first top-level key that names an entity's list."""
        tops = {e.label: "zh" for e in Entity} | {_EN_TOPS[e]: "en" for e in Entity}
        reader = cls(path, "en")
        with _opened(path) as file:
            reader.file = file
            for key in reader._top_keys():
                if key in tops:
                    return tops[key]  # type: ignore[return-value]
                reader.value(_PLAIN)
        return "en"

    def records(self, wanted: set[Entity], *, stop_when_read: bool = False) -> Iterator[tuple[Entity, Any]]:
        """The wanted entities' records; ``stop_when_read`` ends the pass as soon as their lists are read
        (the rest of the document is left to a later pass, which judges it: every record of a list not
        wanted is parsed to be passed over)."""
        from cpcinfo.convert import entity_key

        tops = {entity_key(e, keys=self.keys): e for e in Entity}
        other = {entity_key(e, keys="zh" if self.keys == "en" else "en") for e in Entity}
        seen: set[str] = set()
        read: set[Entity] = set()
        with _opened(self.path) as file:
            self.file = file
            for key in self._top_keys():
                if key in seen:
                    raise self.refused(f"顶层键「{key}」出现了两次")
                seen.add(key)
                if key in other:
                    raise self.refused(f"文档的键是{'英文' if self.keys == 'en' else '中文'}，这里却用了「{key}」")
                entity = tops.get(key)
                if entity is None:  # an extra: refused where the whole-document loader refuses it
                    value = self.value(_PLAIN)
                    problems = [] if self.allow_unknown else list(misplaced_records({key: value}, keys=self.keys))
                    if problems:
                        raise InputError(self.path, "；".join(problem.message for problem in problems))
                    continue
                if self.peek() != "[":
                    raise self.refused(f"「{key}」应为记录的列表")
                self.at += 1
                index = 0
                while self.peek() != "]":
                    if index:
                        self.expect(",")
                    if entity in wanted:
                        value = self.value(None)
                        try:
                            record = _STRUCTURE[entity](value, keys=self.keys)
                        except DocumentError as exc:
                            raise InputError(self.path, f"{key}[{index}]：{exc}") from None
                        yield entity, record
                    else:
                        self.value(_PLAIN)
                    index += 1
                self.at += 1
                read.add(entity)
                if stop_when_read and wanted <= read:
                    return

    def _top_keys(self) -> Iterator[str]:
        self.expect("{")
        first = True
        while self.peek() != "}":
            if not first:
                self.expect(",")
            first = False
            key = self.value(_PLAIN)
            if not isinstance(key, str):
                raise self.refused("顶层的键应为文本")
            self.expect(":")
            yield key
        self.at += 1

    def _more(self) -> bool:
        if self.done:
            return False
        chunk = self.file.read(CHUNK_BYTES)
        self.read_bytes += len(chunk)
        try:
            text = self.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            where = self.read_bytes - len(chunk) + exc.start + 1
            raise InputError(self.path, f"不是 UTF-8 编码的文本（第 {where} 字节）") from None
        self.done = not chunk
        self.text, self.at = self.text[self.at:] + text, 0
        return True

    def peek(self) -> str:
        while True:
            match = _WHITESPACE.match(self.text, self.at)
            assert match is not None
            self.at = match.end()
            if self.at < len(self.text) or not self._more():
                return self.text[self.at:self.at + 1]

    def expect(self, char: str) -> None:
        found = self.peek()
        if found != char:
            raise self.refused(f"JSON 格式错误：应为「{char}」，却是「{found or '文件结束'}」")
        self.at += 1

    def value(self, decoder: json.JSONDecoder | None) -> Any:
        """The next value; ``None`` reads it as the whole-document loader does (issue 10's hooks)."""
        self.peek()
        strict = None
        while True:
            if decoder is None or strict is not None:
                strict = StrictReader()
                decoder = strict.decoder
            try:
                value, end = decoder.raw_decode(self.text, self.at)
            except json.JSONDecodeError as exc:
                if self._room() and self._more():
                    continue  # the value may go on in the next chunk
                raise self.refused(f"JSON 格式错误：{exc.msg}") from None
            except _Refused as exc:
                raise self.refused(str(exc)) from None
            except RecursionError:
                raise self.refused("JSON 嵌套过深") from None
            except ValueError as exc:
                raise self.refused(str(exc)) from None
            if end == len(self.text) and not self.done and self._more():
                continue  # a number cut at the end of the window
            if strict is not None and strict.suspect:  # a key twice, NaN: named as the whole loader names them
                raise self.refused("；".join(_strictness_problems(value)[:10]))
            self.at = end
            return value

    def _room(self) -> bool:
        if len(self.text) - self.at > MAX_RECORD_BYTES:
            raise self.refused(f"一条记录超过 {MAX_RECORD_BYTES:,} 字节")
        return True

    def refused(self, message: str) -> InputError:
        return InputError(self.path, f"{message}（约第 {self.read_bytes:,} 字节处）")


_EN_TOPS = {Entity.ORGANIZATION: "organizations", Entity.MEMBER: "members", Entity.APPLICANT: "applicants"}


__all__ = ["MAX_RECORD_BYTES", "Source", "TabularSource", "collector_for_reading", "count_lines", "open_source",
           "part_folders", "read_jsonl", "tabular", "write_jsonl"]
