"""A set of code tables by name, loaded lazily; and the bundled set.

``default_tables()`` lists the JSON files under ``cpcinfo/codes/data`` but reads a file only when
its table is first asked for. A table whose file is meta-only names a ``provider`` (region:
python-stdnum's GB/T 2260 table) that fills in the entries.
"""

from __future__ import annotations

import functools
import json
import threading
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources

import attrs

from cpcinfo.codes._errors import InvalidTable, UnknownTable
from cpcinfo.codes._model import CodeEntry
from cpcinfo.codes._region import PROVIDER as REGION_PROVIDER
from cpcinfo.codes._region import region_entries
from cpcinfo.codes._table import CodeTable
from cpcinfo.errors import InvalidArgumentError

__all__ = ["PROVIDERS", "CodeTables", "default_tables", "load_packaged", "packaged_names"]

PROVIDERS: Mapping[str, Callable[[], tuple[tuple[CodeEntry, ...], str]]] = types.MappingProxyType(
    {REGION_PROVIDER: region_entries}
)
"""Entry providers for meta-only table files: name -> () -> (entries, edition note)."""

_DATA = "data"


class CodeTables(Mapping[str, CodeTable]):
    """An immutable mapping of table name to :class:`CodeTable`, loading each table on first access.

    ``name in tables``, ``len`` and iteration never load a table; ``tables[name]`` loads that one.
    The memo of loaded tables is the only state, and it is not exposed (see :attr:`loaded`).
    """

    __slots__ = ("_loaded", "_lock", "_sources")

    def __init__(self, sources: Mapping[str, Callable[[], CodeTable]]) -> None:
        self._sources: Mapping[str, Callable[[], CodeTable]] = types.MappingProxyType(dict(sources))
        self._loaded: dict[str, CodeTable] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_tables(cls, tables: Iterable[CodeTable]) -> CodeTables:
        """A set of ready tables; raises ValueError when two tables share a name."""
        by_name: dict[str, CodeTable] = {}
        for table in tables:
            if table.name in by_name:
                raise InvalidArgumentError(f"two code tables are named {table.name!r}")
            by_name[table.name] = table
        result = cls({name: functools.partial(_same, table) for name, table in by_name.items()})
        result._loaded.update(by_name)
        return result

    def replace(self, *tables: CodeTable) -> CodeTables:
        """A copy with these tables swapped in by name (e.g. a province's official table).

        Raises :class:`UnknownTable` for a name the set does not hold.
        """
        sources = dict(self._sources)
        replaced: dict[str, CodeTable] = {}
        for table in tables:
            if table.name not in sources:
                raise UnknownTable(table.name, tuple(sources))
            sources[table.name] = functools.partial(_same, table)
            replaced[table.name] = table
        result = CodeTables(sources)
        with self._lock:
            result._loaded.update({k: v for k, v in self._loaded.items() if k not in replaced})
        result._loaded.update(replaced)
        return result

    def __hash__(self) -> int:
        # Equal mappings hold the same names, so hashing the names keeps the hash contract; it lets a set of
        # tables key the memo of prepared validators without loading any table.
        return hash(frozenset(self._sources))

    def __getitem__(self, name: str) -> CodeTable:
        table = self._loaded.get(name)
        if table is not None:
            return table
        source = self._sources.get(name)
        if source is None:
            raise UnknownTable(name, tuple(self._sources))
        with self._lock:
            table = self._loaded.get(name)
            if table is None:
                table = source()
                if table.name != name:
                    raise InvalidTable(name, f"the source of {name!r} produced table {table.name!r}")
                self._loaded[name] = table
        return table

    def __contains__(self, name: object) -> bool:
        return name in self._sources

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    @property
    def loaded(self) -> frozenset[str]:
        """The names of the tables loaded so far (for tests and diagnostics)."""
        return frozenset(self._loaded)

    @property
    def editions(self) -> Mapping[str, str]:
        """Table name -> edition, for reports (loads every table)."""
        return types.MappingProxyType({name: self[name].edition for name in self})

    def __repr__(self) -> str:
        return f"CodeTables({sorted(self._sources)}, loaded={sorted(self._loaded)})"


def _same(table: CodeTable) -> CodeTable:
    return table


def load_packaged(name: str) -> CodeTable:
    """Read ``cpcinfo/codes/data/<name>.json`` and build its table (filling provider entries)."""
    path = resources.files("cpcinfo.codes").joinpath(_DATA, f"{name}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidTable(name, f"cannot read packaged data: {exc}") from None
    meta = data.get("meta") if isinstance(data, dict) else None
    provider_name = meta.get("provider") if isinstance(meta, dict) else None
    if provider_name is None:
        return CodeTable.from_json(data)
    provider = PROVIDERS.get(provider_name)
    if provider is None:
        raise InvalidTable(name, f"unknown entry provider {provider_name!r}")
    if "entries" in data:
        raise InvalidTable(name, f"a table of provider {provider_name!r} must not list entries")
    table = CodeTable.from_json({"meta": meta, "entries": []})
    entries, edition_note = provider()
    return attrs.evolve(table, entries=entries, edition=f"{table.edition}; {edition_note}")


def packaged_names() -> tuple[str, ...]:
    """The names of the bundled tables (the JSON files present), sorted; reads no file."""
    folder = resources.files("cpcinfo.codes").joinpath(_DATA)
    return tuple(sorted(item.name[: -len(".json")] for item in folder.iterdir() if item.name.endswith(".json")))


@functools.cache
def default_tables() -> CodeTables:
    """The bundled tables. Nothing is read until a table is first used; the set is memoised."""
    return CodeTables({name: functools.partial(load_packaged, name) for name in packaged_names()})
