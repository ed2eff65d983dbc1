"""A region on disk: its folder layout, reading it, and running its inspection (the edge of the region run).

The layout
==========

A region is a folder. Each unit (base-level committee) has a folder of its own holding its inspection
file and, when it has built its database, the database::

    宝鸡市/
      region.json              the region index (optional)
      610302001/
        建库情况.json            the inspection file (also: inspection.json, 建库情况.xlsx, 建库情况.csv)
        信息库.json              the database (also: database.json, infobase.json, 信息库.xlsx, 采集表.xlsx, a
                                folder 信息库/ of CSV files, or the one other .json)
        roster.json             optional: the organizations that really exist (items 5 and 6)
        waivers.json            optional: the situations allowed to exist (豁免)
      610302002/
        建库情况.json            a unit that has not built: no database

The region index names the region, its seed and its units; a unit is a folder, or an inspection file and
a database anywhere (paths relative to the index)::

    {"地区": "宝鸡市", "种子": "2011",
     "单位": [{"目录": "610302001"},
              {"建库情况": "files/002.json", "信息库": "data/002.json"}]}

(English keys: ``region``, ``seed``, ``units``, ``folder``, ``inspection``, ``database``.) Without an index,
every sub-folder of the region folder is a unit, in name order, and the region is named after the folder.

Every unit listed or found is counted: a folder with no readable inspection file, a database that cannot be
read, a database of the wrong shape — each is a unit 「无法审核」 with the reason, and the run goes on.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Final

import attrs

from cpcinfo.acceptance.audit import audit
from cpcinfo.acceptance.inspection import UnitInspection
from cpcinfo.acceptance.inspection_doc import InspectionDocumentError, inspection_from_dict, inspection_to_dict
from cpcinfo.acceptance.inspection_sheet import SHEET_NAME, inspection_from_rows
from cpcinfo.acceptance.regional import (
    RegionResult,
    UnitStatus,
    UnitSummary,
    region_result,
    summarize_unit,
    unit_not_inspected,
    unit_seed,
)
from cpcinfo.infobase import InfoBase
from cpcinfo.io import InputError, load_json

INDEX_NAMES: Final = ("region.json", "地区.json")
INSPECTION_NAMES: Final = ("建库情况.json", "inspection.json", "建库情况.xlsx", "建库情况.csv")
DATABASE_NAMES: Final = ("信息库.json", "database.json", "infobase.json", "信息库.xlsx", "采集表.xlsx", "信息库")
ROSTER_NAME: Final = "roster.json"
WAIVERS_NAME: Final = "waivers.json"
_SIDE_FILES: Final = frozenset({*INSPECTION_NAMES, ROSTER_NAME, WAIVERS_NAME})

_INDEX_KEYS: Final = {"region": "region", "地区": "region", "系统": "region", "seed": "seed", "种子": "seed",
                      "units": "units", "单位": "units"}
_UNIT_KEYS: Final = {"folder": "folder", "目录": "folder", "inspection": "inspection", "建库情况": "inspection",
                     "database": "database", "信息库": "database", "code": "code", "代码": "code"}


def load_database(path: str | os.PathLike[str]) -> InfoBase:
    """A unit's database by path, by its extension (``.json``, the 采集表 ``.xlsx``, ``.csv`` or a folder
    of CSV files: :func:`cpcinfo.io.load_database`). The one place the region and ``diff`` read a database."""
    from cpcinfo.io import load_database as load

    database: InfoBase = load(path).infobase
    return database


def load_inspection(path: str | os.PathLike[str]) -> UnitInspection:
    """A unit's inspection file: JSON (:mod:`cpcinfo.acceptance.inspection_doc`), or the 建库情况 sheet of a
    workbook (``.xlsx``, needs ``pip install 'cpcinfo[excel]'``) or a CSV of the same two columns
    (:mod:`cpcinfo.acceptance.inspection_sheet`)."""
    suffix = Path(path).suffix.lower()
    try:
        if suffix == ".csv":
            return inspection_from_rows(_csv_rows(path))
        if suffix in (".xlsx", ".xlsm"):
            return inspection_from_rows(_sheet_rows(path))
        return inspection_from_dict(load_json(path))
    except InspectionDocumentError as exc:
        raise InputError(path, str(exc)) from None


def _csv_rows(path: str | os.PathLike[str]) -> list[list[str]]:
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle))
    except FileNotFoundError:
        raise InputError(path, "文件不存在") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"不是 UTF-8 编码的文本（第 {exc.start} 字节）") from None
    except (OSError, csv.Error) as exc:
        raise InputError(path, f"无法读取：{exc}") from None


def _sheet_rows(path: str | os.PathLike[str]) -> list[tuple[object, ...]]:
    try:
        import openpyxl  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise InputError(path, "读取 .xlsx 需要 openpyxl：pip install 'cpcinfo[excel]'") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(path, "文件不存在") from None
    except Exception as exc:  # openpyxl raises many kinds (zipfile.BadZipFile, KeyError, InvalidFileException …)
        raise InputError(path, f"不是可读取的 xlsx 工作簿：{type(exc).__name__}") from None
    try:
        sheet = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.worksheets[0]
        return [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


@attrs.frozen(kw_only=True)
class UnitFiles:
    """Where one unit's files are. ``inspection`` or ``database`` is ``None`` when there is none; ``problem``
    says why the unit cannot be read at all (then it is counted, not inspected)."""

    name: str
    inspection: Path | None
    database: Path | None = None
    roster: Path | None = None
    waivers: Path | None = None
    code: str | None = None
    problem: str | None = None


@attrs.frozen(kw_only=True)
class RegionLayout:
    """A region folder as read: its name, seed (``None`` when the index gives none) and its units."""

    root: Path
    region: str | None
    seed: int | str | None
    units: tuple[UnitFiles, ...]


def _optional(folder: Path, name: str) -> Path | None:
    path = folder / name
    return path if path.is_file() else None


def _unit_folder(folder: Path, name: str) -> UnitFiles:
    if not folder.is_dir():
        return UnitFiles(name=name, inspection=None, problem=f"单位目录 {folder} 不存在")
    inspection = next((folder / n for n in INSPECTION_NAMES if (folder / n).is_file()), None)
    database = next((folder / n for n in DATABASE_NAMES if (folder / n).exists()), None)
    if database is None:
        others = sorted(p for p in folder.glob("*.json") if p.name not in _SIDE_FILES)
        if len(others) == 1:
            database = others[0]
        elif len(others) > 1:
            shown = "、".join(p.name for p in others)
            return UnitFiles(name=name, inspection=inspection,
                             problem=f"无法确定哪个文件是信息库（{shown}）；请命名为 {DATABASE_NAMES[0]}")
    problem = None if inspection is not None else f"单位目录 {folder} 中没有建库情况文件（{INSPECTION_NAMES[0]}）"
    return UnitFiles(name=name, inspection=inspection, database=database, roster=_optional(folder, ROSTER_NAME),
                     waivers=_optional(folder, WAIVERS_NAME), problem=problem)


def _seed_value(value: object, path: Path) -> int | str | None:
    if value is None or (isinstance(value, int | str) and not isinstance(value, bool)):
        return value
    raise InputError(path, f"种子应为整数或文本，实际为 {value!r}")


def _rename(data: Mapping[str, Any], keys: Mapping[str, str], path: Path, where: str) -> dict[str, Any]:
    renamed = {}
    for key, value in data.items():
        if key not in keys:
            raise InputError(path, f"{where}有未知的键「{key}」（可用：{'、'.join(sorted(keys))}）")
        renamed[keys[key]] = value
    return renamed


def _indexed_unit(root: Path, entry: object, number: int, index: Path) -> UnitFiles:
    name = f"第{number}个单位"
    if not isinstance(entry, Mapping):
        return UnitFiles(name=name, inspection=None, problem=f"地区索引中{name}应为对象")
    try:
        v = _rename(entry, _UNIT_KEYS, index, name)
    except InputError as exc:
        return UnitFiles(name=name, inspection=None, problem=exc.message)
    code = v.get("code") if isinstance(v.get("code"), str) else None
    if "folder" in v:
        folder = root / str(v["folder"])
        return attrs.evolve(_unit_folder(folder, str(v["folder"])), code=code)
    if "inspection" not in v:
        return UnitFiles(name=name, inspection=None, code=code, problem=f"地区索引中{name}没有写明目录或建库情况文件")
    inspection = root / str(v["inspection"])
    database = root / str(v["database"]) if v.get("database") else None
    return UnitFiles(name=str(v["inspection"]), inspection=inspection, database=database, code=code)


def read_region(path: str | os.PathLike[str]) -> RegionLayout:
    """The layout of a region folder: its index if it has one, else every sub-folder as a unit."""
    root = Path(path)
    if not root.is_dir():
        raise InputError(path, "地区目录不存在" if not root.exists() else "应为地区目录，不是文件")
    index = next((root / n for n in INDEX_NAMES if (root / n).is_file()), None)
    if index is None:
        folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
        return RegionLayout(root=root, region=root.resolve().name, seed=None,
                            units=tuple(_unit_folder(f, f.name) for f in folders))
    data = load_json(index)
    if not isinstance(data, Mapping):
        raise InputError(index, "地区索引应为对象（含「单位」列表）")
    v = _rename(data, _INDEX_KEYS, index, "地区索引")
    units = v.get("units")
    if not isinstance(units, list):
        raise InputError(index, "地区索引中「单位」应为列表")
    region = v.get("region")
    return RegionLayout(root=root, region=str(region) if region is not None else root.resolve().name,
                        seed=_seed_value(v.get("seed"), index),
                        units=tuple(_indexed_unit(root, e, n, index) for n, e in enumerate(units, start=1)))


@attrs.frozen(kw_only=True)
class _Job:
    files: UnitFiles
    region_seed: int | str
    as_of: datetime.date
    ruleset: str
    root: str = ""
    table_paths: tuple[str, ...] = ()


def _fallback_code(files: UnitFiles) -> str:
    return files.code or files.name


def _inspect_unit(job: _Job) -> UnitSummary:
    """One unit's part of the run; never raises for the unit's own input (it becomes the reason, with the
    paths shown relative to the region folder)."""
    summary = _inspect_unit_files(job)
    if job.root and summary.reason and job.root in summary.reason:
        summary = attrs.evolve(summary, reason=summary.reason.replace(job.root + os.sep, ""))
    return summary


def _inspect_unit_files(job: _Job) -> UnitSummary:
    files = job.files
    where = str(files.inspection) if files.inspection else files.name
    if files.inspection is None:
        return unit_not_inspected(None, code=_fallback_code(files), status=UnitStatus.UNREADABLE,
                                  reason=files.problem or "没有建库情况文件", as_of=job.as_of, source=where)
    try:
        file = load_inspection(files.inspection)
    except InputError as exc:
        return unit_not_inspected(None, code=_fallback_code(files), status=UnitStatus.UNREADABLE,
                                  reason=f"建库情况无法读取：{exc}", as_of=job.as_of, source=where)
    try:
        return _audit_unit(file, files, job)
    except InputError as exc:
        return unit_not_inspected(file, code=file.unit_code, status=UnitStatus.UNREADABLE,
                                  reason=f"信息库无法读取：{exc}", as_of=job.as_of, source=str(files.database))
    except ValueError as exc:  # an empty database, a bad roster entry …
        return unit_not_inspected(file, code=file.unit_code, status=UnitStatus.UNREADABLE,
                                  reason=f"信息库无法审核：{exc}", as_of=job.as_of, source=str(files.database))


def _audit_unit(file: UnitInspection, files: UnitFiles, job: _Job) -> UnitSummary:
    if files.problem is not None:
        return unit_not_inspected(file, code=file.unit_code, status=UnitStatus.UNREADABLE, reason=files.problem,
                                  as_of=job.as_of, source=str(files.inspection))
    if not file.built:
        return unit_not_inspected(file, code=file.unit_code, status=UnitStatus.NOT_BUILT, reason="建库情况中填写未建库",
                                  as_of=job.as_of, source=str(files.inspection))
    if files.database is None:
        return unit_not_inspected(file, code=file.unit_code, status=UnitStatus.NOT_SUBMITTED,
                                  reason="建库情况中填写已建库，但没有提交信息库文件", as_of=job.as_of,
                                  source=str(files.inspection))
    from cpcinfo.io import load_code_tables, load_roster, load_waivers
    from cpcinfo.rules.ruleset import RULESETS

    infobase = load_database(files.database)
    roster = load_roster(files.roster) if files.roster else None
    waivers = load_waivers(files.waivers) if files.waivers else ()
    tables = load_code_tables(*job.table_paths) if job.table_paths else None
    result = audit(infobase, as_of=job.as_of, seed=unit_seed(job.region_seed, file.unit_code), roster=roster,
                   waivers=waivers, tables=tables, ruleset=RULESETS[job.ruleset])
    return summarize_unit(file, result, region_seed=job.region_seed, source=str(files.database))


def _deduplicated(summaries: Iterable[UnitSummary]) -> Iterator[UnitSummary]:
    """A code seen twice: the later unit is counted as unreadable under a code of its own, never merged."""
    seen: set[str] = set()
    for summary in summaries:
        if summary.code in seen:
            code = f"{summary.code}#{sum(1 for c in seen if c.split('#')[0] == summary.code) + 1}"
            summary = unit_not_inspected(None, code=code, status=UnitStatus.UNREADABLE,
                                         reason=f"单位代码 {summary.code} 与另一单位重复", as_of=datetime.date.min,
                                         source=summary.source)
        seen.add(summary.code)
        yield summary


def inspect_region(path: str | os.PathLike[str], *, as_of: datetime.date, seed: int | str | None = None,
                   workers: int = 1, province_sample_size: int | None = None, ruleset: str = "shaanxi-2011",
                   table_paths: Sequence[str] = ()) -> RegionResult:
    """Inspect a region folder: audit every built unit (``workers`` processes), draw the province's sample,
    and give the verdict. ``seed`` overrides the index's seed (default ``1``)."""
    layout = read_region(path)
    if table_paths:  # a bad table is the caller's input, not one unit's: refuse it once, before any audit
        from cpcinfo.io import load_code_tables

        load_code_tables(*table_paths)
    region_seed: int | str = seed if seed is not None else layout.seed if layout.seed is not None else 1
    jobs = [_Job(files=f, region_seed=region_seed, as_of=as_of, ruleset=ruleset, root=str(layout.root),
                 table_paths=tuple(table_paths))
            for f in layout.units]
    if workers <= 1 or len(jobs) <= 1:
        summaries = [_inspect_unit(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            summaries = list(pool.map(_inspect_unit, jobs, chunksize=1))
    return region_result(_deduplicated(summaries), seed=region_seed, as_of=as_of, region=layout.region,
                         province_sample_size=province_sample_size)


def write_region(path: str | os.PathLike[str], units: Iterable[tuple[UnitInspection, InfoBase | None]], *,
                 region: str, seed: int | str) -> Path:
    """Write a region in the documented layout (a folder per unit and the index); for demos and tests."""
    from cpcinfo.convert import unstructure

    root = Path(path)
    root.mkdir(parents=True, exist_ok=True)
    entries = []
    for file, infobase in units:
        folder = root / file.unit_code
        folder.mkdir(exist_ok=True)
        _dump(folder / INSPECTION_NAMES[0], inspection_to_dict(file))
        if infobase is not None:
            _dump(folder / DATABASE_NAMES[0], unstructure(infobase))
        entries.append({"目录": file.unit_code})
    _dump(root / INDEX_NAMES[0], {"地区": region, "种子": seed, "单位": entries})
    return root


def _dump(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
