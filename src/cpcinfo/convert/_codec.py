"""The converter of one key language, built from the glossary (private; see :mod:`cpcinfo.convert`).

A :class:`Codec` holds a ``cattrs.Converter`` whose hooks were generated with
``cattrs.gen.make_dict_structure_fn`` / ``make_dict_unstructure_fn``: every attribute is renamed to its key
in the document (the attribute name, or the glossary's Chinese label) and given the hook of its field kind.
Each generated class hook is wrapped to check that it was given an object and to keep unknown keys in
``extras``. A record is structured first by the compiled functions of :mod:`cpcinfo.convert._fast` (the same
reading, written out straight: 1.6× faster); the cattrs functions take over on a record they cannot read,
for their errors. Structuring runs cattrs in detailed-validation mode, so one pass collects every shape error;
:meth:`Codec.problems` turns cattrs's exception tree (attribute names, list indices) back into paths in the
document's own keys.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from cpcinfo.convert._fast import compile_structure
from cpcinfo.convert._values import (
    ShapeError,
    as_list,
    as_object,
    structure_date,
    structure_flag,
    structure_name,
    structure_text,
    unstructure_date,
    unstructure_flag_en,
    unstructure_flag_zh,
    unstructure_text,
)
from cpcinfo.entity import Entity
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.fields import RECORD_CLASSES, FieldKind, glossary
from cpcinfo.values import Unparsed

__all__ = ["ENTITY_ATTRIBUTES", "KEY_LANGUAGES", "Codec", "Keys", "codec", "join"]

Keys = Literal["en", "zh"]
KEY_LANGUAGES: tuple[Keys, ...] = ("en", "zh")

ENTITY_ATTRIBUTES: Mapping[Entity, str] = MappingProxyType(
    {Entity.ORGANIZATION: "organizations", Entity.MEMBER: "members", Entity.APPLICANT: "applicants"}
)
"""The :class:`~cpcinfo.infobase.InfoBase` attribute (and English document key) of each entity."""

StructureHook = Callable[..., Any]
UnstructureHook = Callable[[Any], Any]

_STRUCTURE: Mapping[FieldKind, StructureHook] = {
    FieldKind.TEXT: structure_text,
    FieldKind.CODE: structure_text,
    FieldKind.KEY: structure_text,
    FieldKind.ORG_CODE: structure_text,
    FieldKind.ID_NUMBER: structure_text,
    FieldKind.DATE: structure_date,
    FieldKind.FLAG: structure_flag,
}


def _unstructure_hooks(keys: Keys) -> Mapping[FieldKind, UnstructureHook]:
    flag = unstructure_flag_zh if keys == "zh" else unstructure_flag_en
    hooks: dict[FieldKind, UnstructureHook] = {kind: unstructure_text for kind in _STRUCTURE}
    hooks[FieldKind.DATE] = unstructure_date
    hooks[FieldKind.FLAG] = flag
    hooks[FieldKind.NAMES] = _unstructure_names
    return hooks


@attrs.frozen
class Slot:
    """One attribute of a class and how the document writes it."""

    attribute: str
    key: str
    kind: FieldKind | Literal["group", "repeated"]
    cls: type[Any] | None = None  # the class of a group


@attrs.frozen
class Layout:
    """The keys of one class in one key language."""

    cls: type[Any]
    slots: tuple[Slot, ...]
    known: frozenset[str] = attrs.field(init=False)
    key_of: Mapping[str, str] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "known", frozenset(s.key for s in self.slots))
        object.__setattr__(self, "key_of", MappingProxyType({s.attribute: s.key for s in self.slots}))
        if len(self.known) != len(self.slots):
            raise RuntimeError(f"duplicate keys in the layout of {self.cls.__name__}: {self.slots}")
        attributes = {a.name for a in attrs.fields(self.cls)} - {"extras"}
        if attributes != set(self.key_of):
            raise RuntimeError(
                f"{self.cls.__name__} and the glossary disagree: {sorted(attributes ^ set(self.key_of))}"
            )


def _layouts(keys: Keys) -> dict[type[Any], Layout]:
    """Every record and group class, laid out from the glossary (groups before the records using them)."""
    zh = keys == "zh"
    g = glossary()
    layouts: dict[type[Any], Layout] = {}

    def add(layout: Layout) -> None:
        seen = layouts.setdefault(layout.cls, layout)
        if seen.slots != layout.slots:
            raise RuntimeError(f"{layout.cls.__name__} is laid out differently in two places of the glossary")

    records = []
    for entity in Entity:
        slots = [Slot(f.name, f.label if zh else f.name, f.kind) for f in g.record_fields(entity)]
        for group in g.groups(entity):
            add(Layout(group.cls, tuple(Slot(f.name, f.label if zh else f.name, f.kind) for f in group.fields)))
            kind: Literal["group", "repeated"] = "repeated" if group.repeated else "group"
            slots.append(Slot(group.name, group.label if zh else group.name, kind, group.cls))
        records.append(Layout(RECORD_CLASSES[entity], tuple(slots)))
    for layout in records:
        add(layout)
    return layouts


def _note(exc: BaseException, cls: type[Any]) -> Any:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, cls):
            return note
    return None


def _collect(items: list[Any] | tuple[Any, ...], element: StructureHook, cls: Any) -> tuple[Any, ...]:
    """Structure every element, or raise one cattrs IterableValidationError naming each bad index."""
    try:
        return tuple([element(item) for item in items])
    except Exception:
        pass  # redone below, one element at a time, to name every bad one
    out: list[Any] = []
    errors: list[Exception] = []
    for index, item in enumerate(items):
        try:
            out.append(element(item))
        except Exception as exc:
            exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote("", index, cls)]
            errors.append(exc)
    if errors:
        raise IterableValidationError("While structuring a list", errors, tuple)
    return tuple(out)  # pragma: no cover - the first attempt would have succeeded


def _structure_names(value: Any, _type: object = None) -> Any:
    if value is None:
        return None
    return _collect(value if value.__class__ is list else as_list(value), structure_name, str)


def _unstructure_names(value: Any) -> Any:
    return [unstructure_text(v) for v in value]


def _text_key(value: Any) -> str | None:
    """A record key as :attr:`Member.key` would give it, from the raw JSON value."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(Unparsed(value))
    return None


def join(path: str, key: str) -> str:
    """``path.key``, or ``key`` at the start."""
    return f"{path}.{key}" if path else key


class Codec:
    """Everything needed to convert documents written in one key language."""

    def __init__(self, keys: Keys) -> None:
        self.keys: Keys = keys
        self.converter = cattrs.Converter(detailed_validation=True)
        self.layouts: Mapping[type[Any], Layout] = MappingProxyType(_layouts(keys))
        self.top: Mapping[Entity, str] = MappingProxyType(
            {e: e.label if keys == "zh" else ENTITY_ATTRIBUTES[e] for e in Entity}
        )
        self.top_known = frozenset(self.top.values())
        g = glossary()
        key_paths: dict[Entity, tuple[str, ...]] = {}
        for entity in Entity:
            field = g.field(entity, "basic.code" if entity is Entity.ORGANIZATION else "id")
            path = (field.name,) if field.group is None else (field.group, field.name)
            record = self.layouts[RECORD_CLASSES[entity]]
            if len(path) == 1:
                key_paths[entity] = (record.key_of[path[0]],)
            else:
                group = next(s for s in record.slots if s.attribute == path[0])
                assert group.cls is not None
                key_paths[entity] = (group.key, self.layouts[group.cls].key_of[path[1]])
        self._key_paths = MappingProxyType(key_paths)
        self.structure_hooks: dict[type[Any], StructureHook] = {}
        self.unstructure_hooks: dict[type[Any], UnstructureHook] = {}
        self._optional_hooks: dict[type[Any], StructureHook] = {}
        unstructure_kinds = _unstructure_hooks(keys)
        for layout in self.layouts.values():  # groups come before the records that use them
            self._build(layout, unstructure_kinds)
        exact = {cls: self.structure_hooks[cls] for cls in RECORD_CLASSES.values()}
        fast, self.structure_source = compile_structure(self.layouts, _structure_names, exact)
        self.structure_hooks.update({cls: fast[cls] for cls in exact})
        self.record_hooks: Mapping[Entity, StructureHook] = MappingProxyType(
            {entity: fast[cls] for entity, cls in RECORD_CLASSES.items()})
        """Each entity's record structure function: the compiled one, which falls back to cattrs's."""

    def _build(self, layout: Layout, unstructure_kinds: Mapping[FieldKind, UnstructureHook]) -> None:
        cls = layout.cls
        # dict[str, Any]: mypy cannot match ``**overrides`` with the generators' keyword-only flags.
        structure_overrides: dict[str, Any] = {"extras": override(omit=True)}
        unstructure_overrides: dict[str, Any] = {"extras": override(omit=True)}
        for slot in layout.slots:
            s_hook: StructureHook
            u_hook: UnstructureHook
            if slot.kind == "group" or slot.kind == "repeated":
                assert slot.cls is not None
                s_hook, u_hook = self._group_hooks(slot.cls, repeated=slot.kind == "repeated")
            elif slot.kind is FieldKind.NAMES:
                s_hook, u_hook = _structure_names, unstructure_kinds[FieldKind.NAMES]
            else:
                s_hook, u_hook = _STRUCTURE[slot.kind], unstructure_kinds[slot.kind]
            structure_overrides[slot.attribute] = override(rename=slot.key, struct_hook=s_hook)
            unstructure_overrides[slot.attribute] = override(rename=slot.key, unstruct_hook=u_hook)
        generated_s = make_dict_structure_fn(cls, self.converter, **structure_overrides)
        generated_u = make_dict_unstructure_fn(
            cls, self.converter, _cattrs_omit_if_default=True, **unstructure_overrides
        )
        known = layout.known
        evolve = attrs.evolve

        def structure(value: Any, _type: object = cls) -> Any:
            if value.__class__ is not dict:
                value = as_object(value)
            record = generated_s(value, cls)
            if not known.issuperset(value):
                record = evolve(record, extras=tuple((k, v) for k, v in value.items() if k not in known))
            return record

        def structure_optional(value: Any, _type: object = cls) -> Any:
            # The same as ``structure`` for a group, where null means "not recorded" (one call less).
            if value is None:
                return None
            if value.__class__ is not dict:
                value = as_object(value)
            record = generated_s(value, cls)
            if not known.issuperset(value):
                record = evolve(record, extras=tuple((k, v) for k, v in value.items() if k not in known))
            return record

        def unstructure(record: Any) -> dict[str, Any]:
            out = generated_u(record)
            for key, value in record.extras:
                # A key the document's language already uses for a field cannot also be an extra.
                out.setdefault(key, value)
            return out

        self.structure_hooks[cls] = structure
        self._optional_hooks[cls] = structure_optional
        self.unstructure_hooks[cls] = unstructure
        self.converter.register_structure_hook(cls, structure)
        self.converter.register_unstructure_hook(cls, unstructure)

    def _group_hooks(self, cls: type[Any], *, repeated: bool) -> tuple[StructureHook, UnstructureHook]:
        structure_one = self.structure_hooks[cls]
        unstructure_one = self.unstructure_hooks[cls]
        if repeated:

            def structure_many(value: Any, _type: object = None) -> Any:
                if value is None:
                    return None
                return _collect(value if value.__class__ is list else as_list(value), structure_one, cls)

            def unstructure_many(value: Any) -> Any:
                return [unstructure_one(v) for v in value]

            return structure_many, unstructure_many

        return self._optional_hooks[cls], unstructure_one

    # -- errors -------------------------------------------------------------------------------------------

    def problems(self, exc: BaseException, path: str) -> Iterator[tuple[str, str]]:
        """``(path, message)`` for every shape error in a cattrs exception tree; other errors are re-raised."""
        if isinstance(exc, ClassValidationError):
            key_of = self.layouts[exc.cl].key_of
            for sub in exc.exceptions:
                note = _note(sub, AttributeValidationNote)
                yield from self.problems(sub, path if note is None else join(path, key_of[note.name]))
        elif isinstance(exc, IterableValidationError):
            for sub in exc.exceptions:
                note = _note(sub, IterableValidationNote)
                yield from self.problems(sub, path if note is None else f"{path}[{note.index}]")
        elif isinstance(exc, ShapeError):
            yield path, exc.message
        else:
            raise exc

    def raw_record_key(self, entity: Entity, data: Any) -> str | None:
        """The record key of a raw record, if it recorded one that can be read."""
        value = data
        for key in self._key_paths[entity]:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return _text_key(value)

    # -- unknown keys -------------------------------------------------------------------------------------

    def unknown_keys(self, record: Any, path: str) -> Iterator[tuple[str, str]]:
        """``(path, key)`` for every unknown key kept in a record, its groups and its subrecords."""
        for key, _ in record.extras:
            yield join(path, str(key)), key
        for slot in self.layouts[record.__class__].slots:
            if slot.kind == "group":
                group = getattr(record, slot.attribute)
                if group is not None:
                    yield from self.unknown_keys(group, join(path, slot.key))
            elif slot.kind == "repeated":
                for index, sub in enumerate(getattr(record, slot.attribute) or ()):
                    yield from self.unknown_keys(sub, f"{join(path, slot.key)}[{index}]")


@functools.cache
def codec(keys: Keys) -> Codec:
    """The converter of one key language, built on first use."""
    if keys not in KEY_LANGUAGES:
        raise InvalidArgumentError(f"keys must be 'en' or 'zh', not {keys!r}")
    return Codec(keys)
