"""A check in parts, merged in any order and grouping, equals the single-process check exactly."""

from __future__ import annotations

import datetime
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpcinfo import InfoBase, convert
from cpcinfo.checking import Waiver, check
from cpcinfo.checking.partition import (
    Part,
    Partial,
    PartitionedCheck,
    base_committees,
    check_in_parts,
    merge,
    split,
)
from cpcinfo.examples import BASE_DOCUMENT
from cpcinfo.org.tree import OrgTree
from cpcinfo.testing import strategies as s
from test_tree import shape

AS_OF = datetime.date(2011, 6, 30)
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]


@st.composite
def databases(draw: st.DrawFn) -> InfoBase:
    """Databases with defects of every kind that crosses records: junk values, then records repeated
    (same key, same identity number), keys blanked (``#n``), applicants who are members, members moved."""
    base = convert.structure(draw(s.documents(junk=draw(st.booleans()))))
    members, applicants = list(base.members), list(base.applicants)
    for copy in range(draw(st.integers(0, 3))):  # a person twice: the same key, or another (the same number)
        if members:
            twin = draw(st.sampled_from(members))
            if draw(st.booleans()):
                twin = attrs.evolve(twin, id=f"M9{copy:05d}")
            members.insert(draw(st.integers(0, len(members))), twin)
    for _ in range(draw(st.integers(0, 2))):
        if members:
            i = draw(st.integers(0, len(members) - 1))
            members[i] = attrs.evolve(members[i], id=draw(st.sampled_from(["", " ", None, "M\x01"])))
    for _ in range(draw(st.integers(0, 2))):
        if applicants:
            i = draw(st.integers(0, len(applicants) - 1))
            applicants[i] = attrs.evolve(applicants[i], id=draw(st.sampled_from(["", None, applicants[0].id])))
    if members and draw(st.booleans()):  # an applicant who is already a member (same identity number, name)
        m = draw(st.sampled_from(members))
        if m.basic is not None:
            applicants.append(s_applicant_like(draw, m, base))
    if len(members) > 1 and draw(st.booleans()):  # a member in another branch than the one generated
        i, j = draw(st.integers(0, len(members) - 1)), draw(st.integers(0, len(members) - 1))
        if members[i].relation is not None and members[j].relation is not None:
            members[i] = attrs.evolve(members[i], relation=attrs.evolve(members[i].relation,
                                                                         branch=members[j].relation.branch))
    return InfoBase(organizations=base.organizations, members=tuple(members), applicants=tuple(applicants))


def s_applicant_like(draw: st.DrawFn, member: Any, base: InfoBase) -> Any:
    if base.applicants:
        template = draw(st.sampled_from(base.applicants))
        return attrs.evolve(template, id="A9", basic=attrs.evolve(template.basic, name=member.basic.name,
                                                                  id_number=member.basic.id_number,
                                                                  born_on=member.basic.born_on))
    return convert.structure({"applicants": [BASE_DOCUMENT["applicants"][0]]}).applicants[0]


@st.composite
def subtree_parts(draw: st.DrawFn, base: InfoBase) -> list[Part]:
    tree = OrgTree.build(base.organizations)
    codes = list(tree)
    roots = draw(st.lists(st.sampled_from(codes), max_size=len(codes), unique=True)) if codes else []
    return split(base, roots, tree=tree)


@st.composite
def any_parts(draw: st.DrawFn, base: InfoBase) -> list[Part]:
    """Records dealt into parts at random, each part in any order: exactness rests neither on the parts being
    subtrees nor on their records being in the order of the whole."""
    n = draw(st.integers(1, 4))

    def deal(records: tuple[Any, ...]) -> list[list[int]]:
        chosen: list[list[int]] = [[] for _ in range(n)]
        for position in range(1, len(records) + 1):
            chosen[draw(st.integers(0, n - 1))].append(position)
        return [draw(st.permutations(part)) for part in chosen]  # a part may read its records in any order

    orgs, apps, mems = deal(base.organizations), deal(base.applicants), deal(base.members)
    return [Part(organizations=tuple(orgs[i]),
                 applicants=tuple(base.applicants[p - 1] for p in apps[i]), applicant_positions=tuple(apps[i]),
                 members=tuple(base.members[p - 1] for p in mems[i]), member_positions=tuple(mems[i]))
            for i in range(n)]


def merged_in_any_order(draw: st.DrawFn, partials: list[Partial]) -> Partial:
    """The partials merged pairwise in a drawn order and grouping."""
    pending = draw(st.permutations(partials))
    pending = list(pending)
    while len(pending) > 1:
        i = draw(st.integers(0, len(pending) - 2))
        pending[i:i + 2] = [merge(pending[i], pending[i + 1])]
    return pending[0] if pending else merge()


def in_parts(draw: st.DrawFn, base: InfoBase, parts: list[Part], **settings: Any) -> Any:
    whole = PartitionedCheck(base.organizations, as_of=AS_OF, **settings)
    firsts = [whole.applicant_part(p.applicants, positions=p.applicant_positions, organizations=p.organizations)
              for p in parts]
    applicants = merged_in_any_order(draw, firsts)
    seconds = [whole.member_part(p.members, positions=p.member_positions, given=applicants) for p in parts]
    return whole.finish(merged_in_any_order(draw, [applicants, *seconds]))


def _waivers(draw: st.DrawFn, result: Any) -> tuple[Waiver, ...]:
    chosen = draw(st.lists(st.sampled_from(result.findings), max_size=3)) if result.findings else []
    return tuple(Waiver(rule=f.rule, key=f.key, reason="已核实") for f in chosen)


@settings(max_examples=60, suppress_health_check=SLOW, deadline=None)
@given(data=st.data(), base=databases())
def test_a_check_in_subtrees_merged_in_any_order_equals_the_single_check(data: st.DataObject, base: InfoBase) -> None:
    single = check(base, as_of=AS_OF)
    waivers = _waivers(data.draw, single)
    if waivers:
        single = check(base, as_of=AS_OF, waivers=waivers)
    parts = data.draw(subtree_parts(base))
    assert in_parts(data.draw, base, parts, waivers=waivers) == single


@settings(max_examples=40, suppress_health_check=SLOW, deadline=None)
@given(data=st.data(), base=databases())
def test_a_check_in_any_parts_equals_the_single_check(data: st.DataObject, base: InfoBase) -> None:
    single = check(base, as_of=AS_OF)
    parts = data.draw(any_parts(base))
    result = in_parts(data.draw, base, parts)
    assert result == single
    assert result.tree is not None and single.tree is not None
    assert shape(result.tree) == shape(single.tree)  # the tree the audit reads is the single check's
    assert [f.key for f in result.findings] == [f.key for f in single.findings]  # the #n of the whole


def test_the_parts_of_a_defective_document_find_what_the_single_check_finds() -> None:
    # Two members share a key and an identity number in different branches: the repeat names the first.
    document = convert.structure(BASE_DOCUMENT)
    first = attrs.evolve(document.members[0], basic=attrs.evolve(document.members[0].basic,
                                                                 id_number="610102198005120019"))
    twin = attrs.evolve(document.members[1], id=first.id,
                        basic=attrs.evolve(document.members[1].basic, id_number="610102198005120019"))
    base = InfoBase(organizations=document.organizations, members=(first, twin),
                    applicants=document.applicants)
    single = check(base, as_of=AS_OF)
    assert {"MEM911", "MEM912"} <= {f.rule for f in single.findings}
    parts = [Part(organizations=(1, 2, 3), members=(twin,), member_positions=(2,)),
             Part(members=(first,), member_positions=(1,), applicants=base.applicants,
                  applicant_positions=(1,))]
    assert check_in_parts(base, parts, as_of=AS_OF) == single


def test_an_organization_in_no_part_is_refused() -> None:
    base = convert.structure(BASE_DOCUMENT)
    with pytest.raises(ValueError, match="organizations"):
        check_in_parts(base, [Part(organizations=(1, 2))], as_of=AS_OF)


def test_a_state_without_a_merge_is_refused() -> None:
    with pytest.raises(ValueError, match="SCRATCH_CROSSING"):
        merge(Partial(state={"XYZ": 1}), Partial(state={"XYZ": 2}))


def test_base_committees_are_the_committees_with_no_committee_below() -> None:
    base = convert.structure(BASE_DOCUMENT)
    tree = OrgTree.build(base.organizations)
    assert base_committees(tree) == ("001",)
    parts = split(base, base_committees(tree), tree=tree)
    assert [len(p.members) for p in parts] == [0, 2]


def test_the_tree_of_a_partitioned_result_is_the_single_checks_and_crosses_processes() -> None:
    base = convert.structure(BASE_DOCUMENT)
    result = check_in_parts(base, split(base, ("001001",)), as_of=AS_OF)
    single = check(base, as_of=AS_OF)
    assert result.tree is not None and single.tree is not None and shape(result.tree) == shape(single.tree)
    assert shape(pickle.loads(pickle.dumps(result.tree))) == shape(single.tree)
