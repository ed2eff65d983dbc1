"""The check of a database in parts on several processes: a local process pool, or a Dask cluster.

The edge of :mod:`cpcinfo.checking.partition`: the parts are base-level committees (基层党委, see
:func:`~cpcinfo.checking.partition.base_committees`) with their members and applicants, checked on workers;
their partial results are merged — on Dask by its own tree reduction (``Bag.reduction`` with
``split_every``) — and the merged state is finished in this process. The result equals
:func:`~cpcinfo.checking.check` exactly.

A part is either records this process holds (an :class:`~cpcinfo.infobase.InfoBase` split here and sent to
the workers) or a folder the worker reads itself, so that no process need hold the whole (see
:func:`write_parts`)::

    DIR/organizations.jsonl          every organization (each worker reads the whole tree)
    DIR/members.jsonl, applicants.jsonl   the part of the rest (optional)
    DIR/<code>/members.jsonl, applicants.jsonl   one folder per part, named by its root organization's code

Records are numbered (for ``#n``) in the order the parts are listed: the rest, then the folders by name.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import attrs

from cpcinfo.checking.partition import Part, Partial, PartitionedCheck, base_committees, merge, split
from cpcinfo.checking.result import CheckResult
from cpcinfo.entity import Entity
from cpcinfo.errors import CpcinfoError
from cpcinfo.infobase import InfoBase
from cpcinfo.org import Organization
from cpcinfo.org.tree import OrgTree
from cpcinfo.rules.options import CheckOptions

ORGANIZATIONS_FILE = "organizations.jsonl"
MEMBERS_FILE = "members.jsonl"
APPLICANTS_FILE = "applicants.jsonl"


@attrs.frozen(kw_only=True)
class PartFiles:
    """A part a worker reads itself: its folder, where its records begin in the whole (for ``#n``) and
    the positions of its organizations."""

    folder: str
    applicant_start: int
    applicant_count: int
    member_start: int
    member_count: int
    organizations: tuple[int, ...]


@attrs.frozen(kw_only=True)
class _Job:
    """What every worker prepares once: the organizations (or the file that holds them) and the settings."""

    token: str
    organizations: tuple[Organization, ...] | str
    as_of: datetime.date
    settings: dict[str, Any]


def check_parallel(source: InfoBase | str | os.PathLike[str], *, as_of: datetime.date, workers: int | None = None,
                   scheduler: str | Any | None = None, parts_per_task: int | None = None,
                   **settings: Any) -> CheckResult:
    """Check a database in parts on ``workers`` local processes, or on the Dask cluster at ``scheduler``
    (an address such as ``tcp://10.0.0.1:8786``, or a ``distributed.Client``). ``source`` is a database in
    memory, split by base-level committee here, or a folder of parts (:func:`write_parts`).
    ``settings`` are those of :func:`~cpcinfo.checking.check` (``options`` or its shorthand — tables,
    ruleset, select, ignore, rules — waivers, roster). Users' rules go to the workers pickled: their
    functions must be a module's own (not a lambda or a function made inside another)."""
    from cpcinfo.io import InputError

    waivers = settings.pop("waivers", ())
    job, parts, organizations = _job_and_parts(source, as_of, settings)
    try:
        if scheduler is not None:
            merged = _on_dask(job, parts, scheduler, parts_per_task)
        else:
            merged = _on_pool(job, parts, workers or os.cpu_count() or 1, parts_per_task)
    except PartError as exc:
        raise InputError(exc.path, exc.message) from None
    # The organizations read to split the parts serve the finish too: the driver reads them once.
    return PartitionedCheck(organizations, as_of=as_of, waivers=waivers, **_received(job.settings)).finish(merged)


def write_parts(infobase: InfoBase, folder: str | os.PathLike[str], *, roots: Iterable[str] | None = None) -> int:
    """Write a database as a folder of parts (by base-level committee unless ``roots`` are given), in
    JSON Lines with English keys; how many parts (the rest included) were written."""
    from cpcinfo.stream import write_jsonl

    tree = OrgTree.build(infobase.organizations)
    chosen = tuple(roots) if roots is not None else base_committees(tree)
    parts = split(infobase, chosen, tree=tree)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / ORGANIZATIONS_FILE, infobase.organizations, entity=Entity.ORGANIZATION)
    names = ["", *[root for root in dict.fromkeys(chosen) if root in tree]]
    for name, part in zip(names, parts, strict=True):
        here = out / name if name else out
        if name:
            here.mkdir(exist_ok=True)
        write_jsonl(here / MEMBERS_FILE, part.members, entity=Entity.MEMBER)
        write_jsonl(here / APPLICANTS_FILE, part.applicants, entity=Entity.APPLICANT)
    return len(parts)


@attrs.frozen(kw_only=True)
class NationWritten:
    """What :func:`write_nation` wrote: how many organizations, members, applicants and parts (the rest
    included)."""

    organizations: int
    members: int
    applicants: int
    parts: int


def write_nation(folder: str | os.PathLike[str], **nation: Any) -> NationWritten:
    """Write a generated nation (:func:`cpcinfo.demo.nation`, whose keyword arguments ``nation`` are) as a
    folder of parts that :func:`check_parallel` and ``cpcinfo check`` read: the layout of
    :func:`write_parts`, a folder per base-level committee named by its code — a province's committees are
    the folders whose names begin with its code (``001001…``). Streaming: one province's organizations and
    one part's records are held at a time; the organizations and the rest's records of each province are
    appended to the top files as it is made. ``folder`` must be new or empty."""
    from cpcinfo.demo import nation as make_nation
    from cpcinfo.stream import write_jsonl

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise CpcinfoError(f"{out}: the folder for a nation must be new or empty")
    top = {name: out / name for name in (ORGANIZATIONS_FILE, MEMBERS_FILE, APPLICANTS_FILE)}
    for path in top.values():
        path.touch()
    organizations = members = applicants = 0
    parts = 1
    for province in make_nation(**nation):
        organizations += _append(top[ORGANIZATIONS_FILE], province.organizations, Entity.ORGANIZATION)
        for part in province.parts:
            if part.root is None:
                members += _append(top[MEMBERS_FILE], part.members, Entity.MEMBER)
                applicants += _append(top[APPLICANTS_FILE], part.applicants, Entity.APPLICANT)
                continue
            here = out / part.root
            here.mkdir()
            members += write_jsonl(here / MEMBERS_FILE, part.members, entity=Entity.MEMBER)
            applicants += write_jsonl(here / APPLICANTS_FILE, part.applicants, entity=Entity.APPLICANT)
            parts += 1
    return NationWritten(organizations=organizations, members=members, applicants=applicants, parts=parts)


def _append(path: Path, records: Iterable[Any], entity: Entity) -> int:
    """Append records to a JSON Lines file as :func:`cpcinfo.stream.write_jsonl` writes them (through a
    file beside it, copied onto the end); how many."""
    import shutil

    from cpcinfo.stream import write_jsonl

    scratch = path.with_name(f".{path.name}.appending")
    try:
        count = write_jsonl(scratch, records, entity=entity)
        with open(scratch, "rb") as piece, open(path, "ab") as whole:
            shutil.copyfileobj(piece, whole, 1 << 20)
    finally:
        scratch.unlink(missing_ok=True)
    return count


# -- the parts ------------------------------------------------------------------------------------------------


def _job_and_parts(source: InfoBase | str | os.PathLike[str], as_of: datetime.date, settings: dict[str, Any]
                   ) -> tuple[_Job, Sequence[Part | PartFiles], tuple[Organization, ...]]:
    """The job the workers are sent, its parts, and the organizations (which a folder's workers read
    themselves, from the path in the job)."""
    token = uuid.uuid4().hex
    settings = _sendable(settings)
    if isinstance(source, InfoBase):
        tree = OrgTree.build(source.organizations)
        parts = split(source, base_committees(tree), tree=tree)
        organizations = tuple(source.organizations)
        return _Job(token=token, organizations=organizations, as_of=as_of, settings=settings), parts, organizations
    folder = Path(source)
    organizations = tuple(_read_organizations(str(folder / ORGANIZATIONS_FILE)))
    tree = OrgTree.build(organizations)
    from cpcinfo.stream import count_lines, part_folders

    folders = part_folders(folder, tree)
    placed = split(InfoBase(organizations=organizations), [p.name for p in folders[1:]],  # type: ignore[arg-type]
                   tree=tree)
    files: list[PartFiles] = []
    applicant_start = member_start = 1
    for here, part in zip(folders, placed, strict=True):
        applicants, members = count_lines(here / APPLICANTS_FILE), count_lines(here / MEMBERS_FILE)
        files.append(PartFiles(folder=str(here), applicant_start=applicant_start, applicant_count=applicants,
                               member_start=member_start, member_count=members, organizations=part.organizations))
        applicant_start += applicants
        member_start += members
    return (_Job(token=token, organizations=str(folder / ORGANIZATIONS_FILE), as_of=as_of, settings=settings), files,
            organizations)


_OPTION_NAMES = ("tables", "ruleset", "select", "ignore", "rules")
"""The keyword arguments that are a shorthand for the check's options (``options=``)."""


def _sendable(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings as they cross to another process: the options with their rule set by its name and their
    code tables as their JSON (what they are read from; a table's indexes are built again where it is used);
    users' rules are pickled (by the names of their modules' functions)."""
    sent = dict(settings)
    options = CheckOptions.of(sent.pop("options", None), **{name: sent.pop(name, None) for name in _OPTION_NAMES})
    tables = options.tables
    sent["options"] = {
        "tables": None if tables is None else tuple(tables[name].to_json() for name in sorted(tables)),
        "ruleset": None if options.ruleset is None else options.ruleset.name,
        "select": options.select, "ignore": options.ignore, "rules": options.rules,
    }
    return sent


def _received(settings: dict[str, Any]) -> dict[str, Any]:
    from cpcinfo.codes import CodeTable, CodeTables
    from cpcinfo.rules.ruleset import RULESETS

    got = dict(settings)
    sent = got.pop("options")
    tables = None if sent["tables"] is None else \
        CodeTables.from_tables(CodeTable.from_json(table) for table in sent["tables"])
    ruleset = None if sent["ruleset"] is None else RULESETS[sent["ruleset"]]
    got["options"] = CheckOptions(tables=tables, ruleset=ruleset, select=sent["select"], ignore=sent["ignore"],
                                  rules=sent["rules"])
    return got


def _read_organizations(path: str) -> Iterable[Organization]:
    from cpcinfo.stream import read_jsonl

    return (record for entity, record in read_jsonl(path, entity=Entity.ORGANIZATION))


# -- the work on a worker (module level: sent by name to other processes) -----------------------------------

_PREPARED: dict[str, PartitionedCheck] = {}


def _prepared(job: _Job) -> PartitionedCheck:
    """The check prepared once per process (the tree built once, however many parts it checks)."""
    whole = _PREPARED.get(job.token)
    if whole is None:
        organizations = job.organizations if not isinstance(job.organizations, str) \
            else tuple(_read_organizations(job.organizations))
        _PREPARED.clear()  # one job at a time per process: the tree of an earlier one is let go
        whole = _PREPARED[job.token] = PartitionedCheck(organizations, as_of=job.as_of, **_received(job.settings))
    return whole


class PartError(CpcinfoError):
    """A part's file that cannot be read, as a worker reports it (an InputError made to cross processes)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(path, message)
        self.path, self.message = path, message


def _reported(work: Callable[..., Partial]) -> Callable[..., Partial]:
    @functools.wraps(work)  # sent to workers by its name, as the function it wraps
    def run(*args: Any) -> Partial:
        from cpcinfo.io import InputError

        try:
            return work(*args)
        except InputError as exc:
            raise PartError(exc.path, exc.message) from None

    return run


# A worker checks its run of parts as one part: the records keep their positions in the whole, so the
# result is the same, and the fixed cost of a part (its record passes, its partial) is paid once per run.


@_reported
def _first(job: _Job, parts: Sequence[Part | PartFiles]) -> Partial:
    applicants = itertools.chain.from_iterable(
        p.applicants if isinstance(p, Part) else _records(p.folder, APPLICANTS_FILE) for p in parts)
    positions = itertools.chain.from_iterable(
        p.applicant_positions if isinstance(p, Part)
        else range(p.applicant_start, p.applicant_start + p.applicant_count) for p in parts)
    organizations = itertools.chain.from_iterable(p.organizations for p in parts)
    return _prepared(job).applicant_part(applicants, positions=positions, organizations=organizations)


@_reported
def _second(job: _Job, given: Partial, parts: Sequence[Part | PartFiles]) -> Partial:
    members = itertools.chain.from_iterable(
        p.members if isinstance(p, Part) else _records(p.folder, MEMBERS_FILE) for p in parts)
    positions = itertools.chain.from_iterable(
        p.member_positions if isinstance(p, Part) else range(p.member_start, p.member_start + p.member_count)
        for p in parts)
    return _prepared(job).member_part(members, positions=positions, given=given)


def _records(folder: str, name: str) -> Iterable[Any]:
    from cpcinfo.stream import read_jsonl

    path = Path(folder) / name
    if not path.exists():
        return ()
    entity = Entity.MEMBER if name == MEMBERS_FILE else Entity.APPLICANT
    return (record for _, record in read_jsonl(path, entity=entity))


def _only_state(partial: Partial) -> Partial:
    """The applicants' state the members are checked against (their findings stay with the merge)."""
    return Partial(state=partial.state)


def _weight(part: Part | PartFiles) -> int:
    """How many records a part holds: what its check costs, near enough."""
    if isinstance(part, PartFiles):
        return part.member_count + part.applicant_count + len(part.organizations)
    return len(part.members) + len(part.applicants) + len(part.organizations)


def _chunks(parts: Sequence[Any], n: int) -> list[Sequence[Any]]:
    """``parts`` in ``n`` runs of consecutive parts holding about as many records each (a worker checks a
    run). Runs of as many parts each left a worker idle while the other checked a big committee: the
    committees of a province differ in size by orders of magnitude."""
    n = max(1, min(n, len(parts)))
    weights = [_weight(part) for part in parts]
    total = sum(weights)
    runs: list[Sequence[Any]] = []
    start, held = 0, 0  # the records before ``start``
    for index, weight in enumerate(weights):
        if len(runs) == n - 1:
            break
        target = total * (len(runs) + 1) / n  # where the next cut belongs, in records
        if held + weight >= target and index > start:
            # Cut before or after this part, whichever lands nearer the target.
            cut = index if target - held <= held + weight - target else index + 1
            runs.append(parts[start:cut])
            start = cut
        held += weight
    runs.append(parts[start:])
    return [run for run in runs if run]


def _on_pool(job: _Job, parts: Sequence[Part | PartFiles], workers: int, parts_per_task: int | None) -> Partial:
    if workers <= 1:
        firsts = _first(job, parts)
        return merge(firsts, _second(job, _only_state(firsts), parts))
    tasks = _chunks(parts, len(parts) // parts_per_task if parts_per_task else workers * 4)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        firsts = merge(*pool.map(_first, [job] * len(tasks), tasks))
        given = _only_state(firsts)
        seconds = list(pool.map(_second, [job] * len(tasks), [given] * len(tasks), tasks))
    return merge(firsts, *seconds)


def _on_dask(job: _Job, parts: Sequence[Part | PartFiles], scheduler: str | Any,
             parts_per_task: int | None) -> Partial:
    try:
        import dask.bag
        from dask.delayed import delayed
        from distributed import Client
    except ImportError:
        raise ImportError("checking on a Dask cluster needs the dask extra: pip install 'cpcinfo[dask]'") from None
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)  # type: ignore[no-untyped-call]
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        tasks = _chunks(parts, len(parts) // parts_per_task if parts_per_task else workers * 4)
        job_in_graph = delayed(job, traverse=False)
        bag = dask.bag.from_sequence(tasks, npartitions=len(tasks))  # type: ignore[no-untyped-call]

        def reduced(partials: Any) -> Partial:
            tree: Callable[[Iterable[Partial]], Partial] = _merge_all
            result: Partial = partials.reduction(tree, tree, split_every=8).compute()
            return result

        firsts = reduced(bag.map(_first_of, job_in_graph))
        given = delayed(_only_state(firsts), traverse=False)
        seconds = reduced(bag.map(_second_of, job_in_graph, given))
        return merge(firsts, seconds)
    finally:
        if client is not scheduler:
            client.close()  # type: ignore[no-untyped-call]


def _merge_all(partials: Iterable[Partial]) -> Partial:
    return merge(*partials)


def _first_of(parts: Sequence[Any], job: _Job) -> Partial:
    return _first(job, parts)


def _second_of(parts: Sequence[Any], job: _Job, given: Partial) -> Partial:
    return _second(job, given, parts)


__all__ = ["NationWritten", "PartError", "PartFiles", "check_parallel", "write_nation", "write_parts"]
