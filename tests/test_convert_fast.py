"""The compiled structure functions (cpcinfo.convert._fast) read exactly what cattrs's functions read.

The compiled path is the fast path of every record read; cattrs's path is the exact one (and the one that
names every shape error). For any record-shaped value — right, junk, or of the wrong shape — both give the
same record, or both refuse it.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo.convert import Keys, unstructure_applicant, unstructure_member, unstructure_organization
from cpcinfo.convert._codec import _structure_names, codec
from cpcinfo.convert._fast import compile_structure
from cpcinfo.entity import Entity
from cpcinfo.fields import RECORD_CLASSES, glossary
from cpcinfo.testing.strategies import applicants, json_values, junk_values, members, organizations
from cpcinfo.values import Unparsed

KEYS: list[Keys] = ["en", "zh"]
UNSTRUCTURE = {Entity.MEMBER: unstructure_member, Entity.ORGANIZATION: unstructure_organization,
               Entity.APPLICANT: unstructure_applicant}
RECORDS = {Entity.MEMBER: members, Entity.ORGANIZATION: organizations, Entity.APPLICANT: applicants}


def _both(keys: Keys, entity: Entity, value: Any) -> tuple[Any, Any]:
    """(compiled, cattrs) results of one value: a record, or the class of the exception raised."""
    c = codec(keys)
    cls = RECORD_CLASSES[entity]
    fast, _ = compile_structure(c.layouts, _structure_names)
    out = []
    for structure in (fast[cls], lambda v: c.converter.structure(v, cls)):
        try:
            out.append(structure(value))
        except Exception:  # a refusal, whatever its text: only cattrs's errors name paths
            out.append("refused")
    return out[0], out[1]


def _same(a: Any, b: Any) -> bool:
    """Equal, and equal in kind too: ``Unparsed(1) == Unparsed(True)`` must not hide a changed value."""
    return repr(a) == repr(b) and (a == b or "nan" in repr(a))  # NaN equals nothing, not even itself


def _junk_in(keys: Keys, entity: Entity) -> st.SearchStrategy[Any]:
    """Records whose keys are mostly the glossary's and whose values are anything."""
    zh = keys == "zh"
    g = glossary()
    names = sorted({f.label if zh else f.name for f in g.of(entity)}
                   | {gr.label if zh else gr.name for gr in g.groups(entity)})
    known = st.sampled_from(names)
    groups = st.dictionaries(known, json_values() | junk_values(), max_size=5)
    values = json_values() | junk_values() | groups | st.lists(groups | json_values(), max_size=3)
    return st.dictionaries(known | st.text(max_size=3), values, max_size=8) | json_values()


@pytest.mark.parametrize("keys", KEYS)
@pytest.mark.parametrize("entity", list(Entity))
@given(data=st.data())
def test_a_written_record_reads_the_same_both_ways(keys: Keys, entity: Entity, data: st.DataObject) -> None:
    record = data.draw(RECORDS[entity]())
    fast, exact = _both(keys, entity, UNSTRUCTURE[entity](record, keys=keys))
    assert _same(fast, exact)
    assert fast == record


@pytest.mark.parametrize("keys", KEYS)
@pytest.mark.parametrize("entity", list(Entity))
@given(data=st.data())
def test_any_record_shaped_value_reads_the_same_both_ways(keys: Keys, entity: Entity, data: st.DataObject) -> None:
    fast, exact = _both(keys, entity, data.draw(_junk_in(keys, entity)))
    assert _same(fast, exact)


@pytest.mark.parametrize(("raw", "expected"), [
    ("1985.06.01", datetime.date(1985, 6, 1)), ("2010-02-30", Unparsed("2010-02-30")), (19850601, Unparsed(19850601)),
    (True, Unparsed(True)), (None, None), (datetime.date(1990, 1, 2), datetime.date(1990, 1, 2)),
])
def test_a_date_reads_as_the_value_hooks_read_it(raw: Any, expected: Any) -> None:
    fast, exact = _both("en", Entity.MEMBER, {"id": "M1", "basic": {"born_on": raw}})
    assert _same(fast, exact)
    assert _same(fast.basic.born_on, expected)


def test_unknown_keys_are_kept_in_order_at_every_level() -> None:
    value = {"id": "M1", "备注": 1, "basic": {"name": "王芳", "x": [1], "a": None},
             "education": [{"level": "21", "z": {}}], "extras": "kept too"}
    fast, exact = _both("en", Entity.MEMBER, value)
    assert _same(fast, exact)
    assert fast.extras == (("备注", 1), ("extras", "kept too"))
    assert fast.basic.extras == (("x", [1]), ("a", None))
    assert fast.education[0].extras == (("z", {}),)


@pytest.mark.parametrize("value", [
    [], "M1", {"id": "M1", "basic": []}, {"id": "M1", "education": {}}, {"id": "M1", "education": [None]},
    {"id": ["M1"]}, {"id": "M1", "basic": {"name": {"a": 1}}},
])
def test_a_wrong_shape_is_refused_both_ways(value: Any) -> None:
    fast, exact = _both("en", Entity.MEMBER, value)
    assert fast == exact == "refused"


class _Blind(dict):  # type: ignore[type-arg]
    """A dict whose ``get`` disagrees with its ``[]``."""

    def get(self, key: Any, default: Any = None) -> Any:
        return None


class _Shouting(dict):  # type: ignore[type-arg]
    def __getitem__(self, key: Any) -> Any:
        value = super().__getitem__(key)
        return value.upper() if isinstance(value, str) else value


class _Text(str):
    pass


def _python_values() -> list[Any]:
    import types
    from collections import OrderedDict, defaultdict

    return [
        _Blind({"id": "m1", "basic": {"name": "王芳"}}),
        _Shouting({"id": "m1", "basic": _Shouting({"name": "abc"})}),
        types.MappingProxyType({"id": "m1", "basic": types.MappingProxyType({"name": "王芳"})}),
        OrderedDict(id="m1", education=({"level": "21"}, {"level": "31"})),
        defaultdict(list, {"id": "m1"}),
        {"id": _Text("m1"), "basic": {"born_on": _Text("1985-06-01"), "gender": _Text("1")}},
        {"id": "m1", "basic": {"born_on": datetime.datetime(1985, 6, 1, 12, 0)}},
        {"id": "m1", "basic": {"born_on": float("nan"), "gender": 1, "ethnicity": True}},
        {"id": "m1", "hardship": {"veteran_without_work": 1, "special_care_subsidy": "是"}},
        {"id": "m1", 7: "a non-text key", "extras": [1]},
        {"id": "m1", "education": ({"level": "21"},), "awards": []},
    ]


@pytest.mark.parametrize("value", _python_values(), ids=lambda v: type(v).__name__)
def test_python_callers_values_read_the_same_as_through_cattrs(value: Any) -> None:
    c = codec("en")
    cls = RECORD_CLASSES[Entity.MEMBER]
    try:
        exact = c.converter.structure(value, cls)
    except Exception:
        exact = "refused"
    try:
        fast = c.record_hooks[Entity.MEMBER](value)
    except Exception:
        fast = "refused"
    assert _same(fast, exact)


def test_a_type_that_validates_in_init_is_not_built_behind_its_back() -> None:
    import attrs

    from cpcinfo.convert._codec import Layout, Slot
    from cpcinfo.fields import FieldKind

    @attrs.frozen(kw_only=True)
    class Checked:
        name: str | None = attrs.field(default=None, validator=attrs.validators.instance_of(str))
        extras: tuple[Any, ...] = ()

    @attrs.frozen(kw_only=True)
    class Defaulted:  # an absent key would read as None, not "1"
        name: str | None = "1"
        extras: tuple[Any, ...] = ()

    @attrs.frozen(kw_only=True, cache_hash=True)
    class Cached:  # only __init__ sets the hidden hash slot
        name: str | None = None
        extras: tuple[Any, ...] = ()

    for cls in (Checked, Defaulted, Cached):
        layout = Layout(cls, (Slot("name", "name", FieldKind.TEXT),))
        with pytest.raises(RuntimeError, match="does more in __init__"):
            compile_structure({cls: layout}, lambda v: v)
