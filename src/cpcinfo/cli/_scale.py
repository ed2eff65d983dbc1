"""The options of ``check`` and ``audit`` for big databases: several workers, a Dask cluster, streamed input."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

STREAM_ABOVE = 64 << 20
"""A JSON document larger than this is read record by record (cpcinfo.stream) rather than whole."""
WORKBOOK_STREAM_ABOVE = 16 << 20
"""A workbook larger than this is read row by row. An .xlsx is compressed: a generated province's takes
7.4 MiB for 50,000 members, so 16 MiB is about 100,000 members, as 64 MiB of JSON is."""
CSV_STREAM_ABOVE = 24 << 20
"""A CSV file, or a folder of them, larger than this in all is read row by row: 10.6 MiB for 50,000
members, so about 100,000 members, as 64 MiB of JSON is."""


def add_scale_options(p: argparse.ArgumentParser) -> None:
    from cpcinfo.cli._help import tr

    p.add_argument("--workers", type=int, metavar="N",
                   help=tr("用 N 个本机进程分块检查（按基层党委分块；结果与单进程相同）",
                           "check in parts on N local processes (by base-level committee; same result)"))
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help=tr("在 Dask 集群上分块检查（调度器地址，如 tcp://10.0.0.1:8786；需要 cpcinfo[dask]）",
                           "check in parts on a Dask cluster (scheduler address; needs cpcinfo[dask])"))


def parts_folder(path: str) -> bool:
    """Whether the input is a folder of JSON Lines parts (``organizations.jsonl`` in it), not of CSV."""
    return (Path(path) / "organizations.jsonl").is_file()


def streamed_database(roster: Any, waivers: Any) -> Any:
    """What the report writers are given for a database read record by record in parts: no record is kept,
    so findings are named by record and field, without a place in a sheet."""
    from cpcinfo.infobase import InfoBase
    from cpcinfo.tabular import Database

    return Database(infobase=InfoBase(), inputs=(), roster=roster, waivers=tuple(waivers))


def streams(path: str) -> bool:
    """Whether the input is read record by record: JSON Lines, a folder of parts, or a big JSON document,
    workbook, CSV file or folder of CSV files."""
    from cpcinfo.stream import tabular

    where = Path(path)
    if parts_folder(path) or where.suffix.lower() in (".jsonl", ".ndjson"):
        return True
    try:
        if where.is_dir():
            return tabular(where) and sum(p.stat().st_size for p in where.iterdir()
                                          if p.suffix.lower() == ".csv") > CSV_STREAM_ABOVE
        above = {".json": STREAM_ABOVE, ".xlsx": WORKBOOK_STREAM_ABOVE, ".xlsm": WORKBOOK_STREAM_ABOVE,
                 ".csv": CSV_STREAM_ABOVE}.get(where.suffix.lower())
        return above is not None and where.stat().st_size > above
    except OSError:
        return False  # the loader names the problem


def open_streamed(args: argparse.Namespace) -> Any:
    """The database named on the command line, opened to be read record by record (a table's roster and
    waivers and its organizations read)."""
    from cpcinfo.cli._common import column_map
    from cpcinfo.stream import open_source

    return open_source(args.data, allow_unknown=args.allow_unknown, encoding=getattr(args, "encoding", None),
                       column_map=column_map(args))


def parallel(args: argparse.Namespace) -> bool:
    """Whether the check runs in parts (more than one worker, or a cluster)."""
    from cpcinfo.cli._common import Usage

    if args.workers is not None and args.workers < 1:
        raise Usage(f"--workers 应为正整数，而不是 {args.workers}")
    return bool(args.workers and args.workers > 1) or args.scheduler is not None


def check_in_parts(source: Any, args: argparse.Namespace, **settings: Any) -> Any:
    """The check of a database in memory or a folder of parts on the workers or the cluster asked for."""
    from cpcinfo.cli._common import Usage
    from cpcinfo.parallel import check_parallel

    try:
        return check_parallel(source, workers=args.workers, scheduler=args.scheduler, **settings)
    except ImportError as exc:
        raise Usage(str(exc)) from None
    except OSError as exc:
        raise Usage(f"无法连接 Dask 调度器 {args.scheduler}：{exc}") from None


def check_streamed(source: Any, path: str, **settings: Any) -> Any:
    """The streaming check of a database read record by record, with the collector set for reading."""
    from cpcinfo.checking import check_stream
    from cpcinfo.cli._common import progress
    from cpcinfo.infobase import InfoBase
    from cpcinfo.io import refuse_empty
    from cpcinfo.stream import collector_for_reading

    with collector_for_reading():
        result = check_stream(source.organizations, progress(source.members, "党员", sys.stderr),
                              progress(source.applicants, "申请入党人", sys.stderr), **settings)
    if not (result.counts.organizations or result.counts.members or result.counts.applicants):
        refuse_empty(InfoBase(), path)
    return result
