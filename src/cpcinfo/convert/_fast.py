"""The structure functions of one key language, written out from the glossary and compiled (private).

Reading a province means structuring millions of records, and the cattrs functions of
:class:`~cpcinfo.convert._codec.Codec` pay, for every attribute, a hook call through cattrs's detailed
validation (a ``try`` and a note per attribute, a wrapper per class, an ``attrs.evolve`` for unknown keys):
about twice the cost of validating the record it makes. Here the same reading is written out as one
straight-line function per class — read each key once, test the common case (a ``str``, a ``None``) in line,
call the value hook only for anything else, fill the record's slots through their descriptors — and compiled
once per key language, as the engine compiles the field validator.

It is the fast path only. Every value goes through the same hooks (:mod:`cpcinfo.convert._values`) as the
cattrs path, so what it returns is what that path returns (``tests/test_convert_fast.py`` checks this on
arbitrary JSON-shaped input); and on anything it does not expect — a shape error anywhere in the record —
the record's function throws its work away and structures the record again through cattrs, whose detailed
errors name every bad path. Bad input is rare and pays twice; good input pays once, at 0.6 of what cattrs
costs (measured on generated members, side by side: 21–24 µs against 34–40 µs a member).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from cpcinfo.convert._values import (
    as_list,
    parse_date_cached,
    structure_date,
    structure_flag,
    structure_text,
)
from cpcinfo.errors import CpcinfoError
from cpcinfo.fields import FieldKind

__all__ = ["compile_structure"]

_TEXT_KINDS = frozenset({FieldKind.TEXT, FieldKind.CODE, FieldKind.KEY, FieldKind.ORG_CODE, FieldKind.ID_NUMBER})


def _value_lines(name: str, slot: Any, function_of: Mapping[type[Any], str]) -> list[str]:
    """The lines that read one attribute into the local ``name``."""
    read = [f"    {name} = get({slot.key!r})"]
    kind = slot.kind
    if kind == "group":
        return [*read, f"    if {name} is not None:", f"        {name} = {function_of[slot.cls]}({name})"]
    if kind == "repeated":
        return [*read, f"    if {name} is not None:",
                f"        {name} = tuple([{function_of[slot.cls]}(item) for item in "
                f"({name} if {name}.__class__ is list else as_list({name}))])"]
    if kind in _TEXT_KINDS:
        return [*read, f"    if {name} is not None and {name}.__class__ is not str:",
                f"        {name} = structure_text({name})"]
    if kind is FieldKind.DATE:
        return [*read, f"    if {name} is not None:",
                f"        {name} = parse_date({name}) if {name}.__class__ is str else structure_date({name})"]
    if kind is FieldKind.FLAG:
        return [*read, f"    if {name} is not None and {name} is not True and {name} is not False:",
                f"        {name} = structure_flag({name})"]
    if kind is FieldKind.NAMES:
        return [*read, f"    {name} = structure_names({name})"]
    raise RuntimeError(f"no structure function for the field kind {kind!r}")  # pragma: no cover - glossary kinds


def structure_source(layouts: Mapping[type[Any], Any], records: Iterable[type[Any]] = ()) -> str:
    """The Python source of every class's structure function, groups before the records using them.

    The function of a class in ``records`` falls back, on any exception, to ``exact_<class>`` (the cattrs
    path) with the value it was given: one ``try`` around the whole record rather than a call more.
    """
    function_of = {cls: f"structure_{cls.__name__}" for cls in layouts}
    falls_back = frozenset(records)
    lines: list[str] = []
    for cls, layout in layouts.items():
        c = cls.__name__
        # Only a plain dict is read here: a Mapping or a dict subclass (whose ``get`` need not agree with its
        # ``[]``, which cattrs reads) goes to the exact path, as the whole record.
        body = ["if value.__class__ is not dict:",
                "    raise not_plain",
                "get = value.get"]
        for index, slot in enumerate(layout.slots):
            body += [line[4:] for line in _value_lines(f"v{index}", slot, function_of)]
        body.append(f"record = new({c})")
        body += [f"set_{c}_{slot.attribute}(record, v{index})" for index, slot in enumerate(layout.slots)]
        body += [f"set_{c}_extras(record, () if known_{c}.issuperset(value) else "
                 f"tuple([(k, v) for k, v in value.items() if k not in known_{c}]))",
                 "return record"]
        lines.append(f"def {function_of[cls]}(value, _type=None):")
        if cls in falls_back:
            lines += ["    given = value", "    try:", *(f"        {line}" for line in body),
                      "    except Exception:", f"        return exact_{c}(given)"]
        else:
            lines += [f"    {line}" for line in body]
        lines.append("")
    return "\n".join(lines)


class _NotPlain(CpcinfoError):
    """A value the compiled functions leave to the exact path (not a plain dict); never leaves a record's
    function."""


def _check_plain(cls: type[Any], layout: Any) -> None:
    """Refuse a class whose ``__init__`` does more than store its arguments.

    The compiled functions fill a record's slots without calling ``__init__`` (that call, through attrs's
    frozen ``object.__setattr__``, is half the cost of reading a record); a validator, a converter or a
    post-init hook added to a type later must not be skipped without a word.
    """
    fields = attrs.fields(cls)
    names = {f.name for f in fields}
    # An absent key reads as None and the record is never given to __init__: every default must be what
    # the compiled function writes, and nothing may be set that only __init__ sets (a cached hash).
    plain = all(f.validator is None and f.converter is None and f.init for f in fields) and all(
        (f.default == () if f.name == "extras" else f.default is None) for f in fields)
    made_by_attrs = getattr(cls.__init__, "__code__", None) is not None \
        and cls.__init__.__code__.co_filename.startswith("<attrs generated")
    if not plain or not made_by_attrs or hasattr(cls, "__attrs_post_init__") \
            or hasattr(cls, "__attrs_pre_init__") or "_attrs_cached_hash" in getattr(cls, "__slots__", ()) \
            or names != {s.attribute for s in layout.slots} | {"extras"}:
        raise RuntimeError(f"{cls.__name__} does more in __init__ than store its fields; "
                           "cpcinfo.convert._fast cannot build it without calling __init__")


def compile_structure(
    layouts: Mapping[type[Any], Any], structure_names: Callable[[Any], Any],
    exact: Mapping[type[Any], Callable[[Any], Any]] | None = None,
) -> tuple[dict[type[Any], Callable[[Any], Any]], str]:
    """Each class's compiled structure function, and the source they were compiled from.

    ``layouts`` are the codec's :class:`~cpcinfo.convert._codec.Layout` of each class (groups first);
    ``structure_names`` reads a list of names (培养人) as the codec does; the function of each class in
    ``exact`` hands a value it cannot read to that class's function there (and so never raises itself).
    """
    exact = exact or {}
    source = structure_source(layouts, exact)
    namespace: dict[str, Any] = {
        **{f"exact_{cls.__name__}": hook for cls, hook in exact.items()},
        "new": object.__new__, "not_plain": _NotPlain(), "as_list": as_list, "structure_text": structure_text,
        "structure_date": structure_date, "parse_date": parse_date_cached, "structure_flag": structure_flag,
        "structure_names": structure_names,
    }
    for cls, layout in layouts.items():
        _check_plain(cls, layout)
        c = cls.__name__
        namespace[c] = cls
        namespace[f"known_{c}"] = layout.known
        for name in (*(slot.attribute for slot in layout.slots), "extras"):
            namespace[f"set_{c}_{name}"] = cls.__dict__[name].__set__  # the slot's own descriptor
    if len({cls.__name__ for cls in layouts}) != len(layouts):
        raise RuntimeError("two record or group classes share a name")  # pragma: no cover - the types
    exec(compile(source, "<cpcinfo structure>", "exec"), namespace)
    return {cls: namespace[f"structure_{cls.__name__}"] for cls in layouts}, source
