"""The GB/T 2260 行政区划代码 entries, built from python-stdnum's ``cn/loc`` table.

cpcinfo does not ship its own copy of GB/T 2260: python-stdnum (a dependency already, for
公民身份号码) carries the county table with the years each name was in force, e.g.::

    61 province="陕西省"
      0100 county="西安市"
      0125 county="[1983-2016]户县"
      0202 county="[1983-1999]城区,[2000-]王益区"

Each line becomes a 6-digit entry: province ``xx0000``, prefecture ``xxyy00`` (parent ``xx0000``),
county ``xxyyzz`` (parent ``xxyy00``, or ``xx0000`` when there is no such prefecture). The label
is the latest name; the aliases are the older names and the written forms 「省+县」 and
「省+地市+县」 (陕西省户县, 陕西省西安市户县) that 籍贯 is usually filled in with. Abolished codes
stay in the table with ``valid_to`` set, because 籍贯 may name a place as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from cpcinfo.codes._errors import InvalidTable
from cpcinfo.codes._model import CodeEntry

__all__ = ["PROVIDER", "region_entries"]

PROVIDER = "stdnum.cn.loc"
"""The provider name a meta-only ``region.json`` refers to."""

STDNUM_FLOOR = "2.2"
"""The first python-stdnum whose ``cn/loc.dat`` has per-province blocks with the years of each code."""

_NAME = re.compile(r"^(?:\[(?P<start>\d{4})?-(?P<end>\d{4})?\])?(?P<name>.+)$")


def _placeholder(label: str) -> bool:
    """Prefecture-level rows that are groupings, not places: 市辖区, 县, 省直辖县级行政单位 ..."""
    return label in ("市辖区", "县") or "直辖" in label


def _parse_names(text: str) -> tuple[list[str], int | None, int | None]:
    """``[1983-1999]城区,[2000-]王益区`` -> (['城区', '王益区'], 1983, None)."""
    names: list[str] = []
    starts: list[int | None] = []
    ends: list[int | None] = []
    for part in text.split(","):
        match = _NAME.match(part.strip())
        if match is None:  # pragma: no cover - the pattern accepts any non-empty text
            continue
        names.append(match["name"].strip())
        starts.append(int(match["start"]) if match["start"] else None)
        ends.append(int(match["end"]) if match["end"] else None)
    return names, starts[0], ends[-1]


def _rows() -> Iterator[tuple[str, str, str]]:
    """(6-digit code, names text, province-line name) for every line, in file order."""
    from stdnum import numdb

    for _length, low, _high, props, children in numdb.get("cn/loc").prefixes:
        province_name = props.get("province", "")
        rests = [rest for _l, rest, _h, _p, _c in children]
        if "0000" not in rests:
            yield low + "0000", province_name, province_name
        for _clength, rest, _chigh, cprops, _grandchildren in children:
            yield low + rest, cprops.get("county", ""), province_name


def _dedupe(names: list[str], label: str) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        if name and name != label and name not in out:
            out.append(name)
    return tuple(out)


def _parent(code: str, parsed: Mapping[str, object]) -> str | None:
    province, prefecture = code[:2] + "0000", code[:4] + "00"
    if code == province:
        return None
    if code == prefecture or prefecture not in parsed:
        return province
    return prefecture


def _aliases(
    code: str,
    parsed: Mapping[str, tuple[list[str], int | None, int | None]],
    labels: Mapping[str, str],
    province_names: Mapping[str, str],
) -> tuple[str, ...]:
    """Written forms (省+县, 省+地市+县) for every name, latest first, then the older names."""
    names = parsed[code][0]
    province, prefecture = code[:2] + "0000", code[:4] + "00"
    out: list[str] = []
    if code == province:
        out.append(province_names[province])  # 香港特別行政區 in the province line
    else:
        full = code != prefecture and prefecture in parsed and not _placeholder(labels[prefecture])
        for name in reversed(names):
            if full:
                out.append(labels[province] + labels[prefecture] + name)
            out.append(labels[province] + name)
    out += names[-2::-1]
    return _dedupe(out, names[-1])


def _most_recent_owners(
    aliases: Mapping[str, tuple[str, ...]],
    parsed: Mapping[str, tuple[list[str], int | None, int | None]],
) -> dict[str, set[str]]:
    """For each alias, the codes that keep it: those in force most recently.

    A county that moved to another prefecture got a new code, and both codes carry 「陕西省户县」;
    the written form then names the most recent code (610125, not the pre-1983 612223). Codes in force
    equally recently (different places of one name) all keep it, so the name stays ambiguous.
    """
    owners: dict[str, list[str]] = {}
    for code, names in aliases.items():
        for alias in names:
            owners.setdefault(alias, []).append(code)

    def recency(code: str) -> int:
        end = parsed[code][2]
        return 9999 if end is None else end

    keep: dict[str, set[str]] = {}
    for alias, codes in owners.items():
        latest = max(recency(code) for code in codes)
        keep[alias] = {code for code in codes if recency(code) == latest}
    return keep


def region_entries() -> tuple[tuple[CodeEntry, ...], str]:
    """All entries in code order, and an edition note naming the python-stdnum version."""
    import stdnum

    parsed: dict[str, tuple[list[str], int | None, int | None]] = {}
    province_names: dict[str, str] = {}
    for code, text, province_name in _rows():
        parsed[code] = _parse_names(text)
        province_names[code[:2] + "0000"] = province_name
    labels = {code: names[-1] for code, (names, _start, _end) in parsed.items()}
    try:
        aliases = {code: _aliases(code, parsed, labels, province_names) for code in parsed}
    except KeyError:
        # python-stdnum 2.1 and older ship a flat table without provinces or years (KeyError: '110000').
        needed = f"python-stdnum>={STDNUM_FLOOR}"
        raise InvalidTable("region", f"python-stdnum {stdnum.__version__} 的 cn/loc 表没有行政区划代码的历年变更，"
                                     f"需要 {needed}（pip install '{needed}'）") from None
    keep = _most_recent_owners(aliases, parsed)
    entries = [
        CodeEntry(
            code=code,
            label=labels[code],
            parent=_parent(code, parsed),
            aliases=tuple(alias for alias in aliases[code] if code in keep[alias]),
            valid_from=parsed[code][1],
            valid_to=parsed[code][2],
        )
        for code in sorted(parsed)
    ]
    return tuple(entries), f"python-stdnum {stdnum.__version__}"
