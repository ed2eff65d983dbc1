"""cpcinfo's load + check of member dicts against a pydantic v2 model with the same fields and ~20 checks.

Run by hand (``pip install pydantic`` first): ``python benchmarks/bench_pydantic.py [MEMBERS] [--rounds=N]``
(default 50,000 members, 3 rounds). The member dicts are generated once (the English-keyed JSON form that
``cpcinfo check`` reads); each round times, side by side, pydantic's ``model_validate`` over every dict and
cpcinfo's ``structure_member`` + the member field validator (``cpcinfo.member.validate``'s compiled run)
over the same dicts — with every member field rule, and with the rules that make the model's checks — then
prints the ratios cpcinfo / pydantic per member, and their medians over the rounds (many short rounds
resist this machine's drift better than a few long ones). The target is ≤ 1.0.

The pydantic model is what a team would write for the same job: the same groups and fields, the code
fields checked against the same code tables, dates parsed and bounded, the identity number's form and check
digit, the dates in order — about twenty checks, each a ``field_validator`` or ``model_validator``. It does
less than cpcinfo (no standard-form suggestions, no label resolution, no kept unknown keys, it stops at the
first error of a field): the comparison is generous to pydantic.
"""

from __future__ import annotations

import datetime
import gc
import statistics
import sys
import time
from typing import Any

try:
    import pydantic
    from pydantic import BaseModel, field_validator, model_validator
except ImportError:  # pragma: no cover - a benchmark run by hand
    sys.exit("this benchmark needs pydantic v2: pip install pydantic")

from stdnum.cn import ric

from cpcinfo import convert
from cpcinfo.checking.validation import validator
from cpcinfo.codes import default_tables
from cpcinfo.demo import province_members, province_organizations
from cpcinfo.entity import Entity

AS_OF = datetime.date(2011, 6, 30)
TABLES = default_tables()


def _codes(name: str) -> frozenset[str]:
    return frozenset(entry.code for entry in TABLES[name].entries)


ETHNICITY, EDUCATION, JOIN_TYPE, OUTCOME = _codes("ethnicity"), _codes("education"), _codes("join_type"), \
    _codes("probation_outcome")
ENTRY_TYPE, POST, FRONTLINE = _codes("entry_type"), _codes("work_post"), _codes("frontline")


def _date(value: Any) -> datetime.date:
    day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    if not datetime.date(1900, 1, 1) <= day <= AS_OF:
        raise ValueError("date out of range")
    return day


class Basic(BaseModel):
    name: str
    gender: str
    ethnicity: str
    born_on: datetime.date
    native_place: str | None = None
    unit_name: str | None = None
    id_number: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:  # 1
        if not v.strip() or len(v) > 30 or " " in v:
            raise ValueError("bad name")
        return v

    @field_validator("gender")
    @classmethod
    def _gender(cls, v: str) -> str:  # 2
        if v not in ("1", "2"):
            raise ValueError("bad gender")
        return v

    @field_validator("ethnicity")
    @classmethod
    def _ethnicity(cls, v: str) -> str:  # 3
        if v not in ETHNICITY:
            raise ValueError("bad ethnicity")
        return v

    @field_validator("born_on", mode="before")
    @classmethod
    def _born(cls, v: Any) -> datetime.date:  # 4
        return _date(v)

    @field_validator("native_place")
    @classmethod
    def _native(cls, v: str | None) -> str | None:  # 5
        if v is not None and not (len(v) == 6 and v.isdigit()):
            raise ValueError("bad native place")
        return v

    @field_validator("id_number")
    @classmethod
    def _id(cls, v: str | None) -> str | None:  # 6, 7
        # The form and the check digit (GB 11643; stdnum reads the first 17 digits), as cpcinfo checks them.
        # (stdnum's is_valid also looks the region up in a data file: 1 ms a call, which would make this
        # comparison meaningless.)
        if v is not None and (len(v) != 18 or not v[:17].isdigit() or ric.calc_check_digit(v) != v[17]):
            raise ValueError("bad identity number")
        return v

    @model_validator(mode="after")
    def _id_agrees(self) -> Basic:  # 8, 9: the birth date and the gender in the identity number
        if self.id_number is not None:
            if self.id_number[6:14] != self.born_on.strftime("%Y%m%d"):
                raise ValueError("birth date differs")
            if (int(self.id_number[16]) % 2 == 1) != (self.gender == "1"):
                raise ValueError("gender differs")
        return self


class Education(BaseModel):
    level: str
    enrolled_on: datetime.date | None = None
    graduated_on: datetime.date | None = None

    @field_validator("level")
    @classmethod
    def _level(cls, v: str) -> str:  # 10
        if v not in EDUCATION:
            raise ValueError("bad level")
        return v

    @model_validator(mode="after")
    def _order(self) -> Education:  # 11
        if self.enrolled_on and self.graduated_on and self.graduated_on < self.enrolled_on:
            raise ValueError("graduated before enrolling")
        return self


class Work(BaseModel):
    post: str
    frontline: str | None = None

    @field_validator("post")
    @classmethod
    def _post(cls, v: str) -> str:  # 12
        if v not in POST:
            raise ValueError("bad post")
        return v

    @field_validator("frontline")
    @classmethod
    def _frontline(cls, v: str | None) -> str | None:  # 13
        if v is not None and v not in FRONTLINE:
            raise ValueError("bad frontline")
        return v


class Standing(BaseModel):
    joined_on: datetime.date
    join_type: str
    full_member_on: datetime.date | None = None
    probation_outcome: str | None = None

    @field_validator("join_type")
    @classmethod
    def _join_type(cls, v: str) -> str:  # 14
        if v not in JOIN_TYPE:
            raise ValueError("bad join type")
        return v

    @field_validator("probation_outcome")
    @classmethod
    def _outcome(cls, v: str | None) -> str | None:  # 15
        if v is not None and v not in OUTCOME:
            raise ValueError("bad outcome")
        return v

    @model_validator(mode="after")
    def _probation(self) -> Standing:  # 16
        if self.full_member_on is not None and self.full_member_on < self.joined_on:
            raise ValueError("full member before joining")
        return self


class Relation(BaseModel):
    branch: str
    entered_on: datetime.date | None = None
    entry_type: str | None = None

    @field_validator("branch")
    @classmethod
    def _branch(cls, v: str) -> str:  # 17
        if not v.isalnum() or len(v) % 3:
            raise ValueError("bad branch code")
        return v

    @field_validator("entry_type")
    @classmethod
    def _entry_type(cls, v: str | None) -> str | None:  # 18
        if v is not None and v not in ENTRY_TYPE:
            raise ValueError("bad entry type")
        return v


class Hardship(BaseModel):
    veteran_without_work: bool | None = None
    special_care_subsidy: bool | None = None


class Member(BaseModel):
    id: str
    basic: Basic
    education: list[Education] = []
    work: Work | None = None
    awards: list[dict[str, Any]] = []
    standing: Standing
    relation: Relation
    hardship: Hardship | None = None

    @field_validator("id")
    @classmethod
    def _key(cls, v: str) -> str:  # 19
        if not v.strip():
            raise ValueError("no key")
        return v

    @model_validator(mode="after")
    def _adult(self) -> Member:  # 20: joined at 18 or later
        born = self.basic.born_on
        if (self.standing.joined_on.year - born.year) * 12 + self.standing.joined_on.month - born.month < 216:
            raise ValueError("joined under 18")
        return self


def pydantic_run(dicts: list[dict[str, Any]]) -> int:
    errors = 0
    validate = Member.model_validate
    for d in dicts:
        try:
            validate(d)
        except pydantic.ValidationError:
            errors += 1
    return errors


# The member field rules that make the model's checks 1-18 (19, the key, and 20, the age at joining, are
# system rules in cpcinfo: the check over the whole database runs them, field validation does not).
SAME_CHECKS = ("MEM101", "MEM102", "MEM103", "MEM104", "MEM105", "MEM107", "MEM202", "MEM205", "MEM301", "MEM302",
               "MEM501", "MEM502", "MEM504", "MEM505", "MEM601", "MEM603")


def cpcinfo_run(dicts: list[dict[str, Any]], select: tuple[str, ...] | None = None) -> int:
    structure = convert.structure_member
    run = validator(Entity.MEMBER, select=select).run
    findings = 0
    for d in dicts:
        findings += len(run(structure(d), AS_OF))
    return findings


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if not a.startswith("--")), 50_000))
    rounds = int(next((a.split("=")[1] for a in sys.argv[1:] if a.startswith("--rounds=")), 3))
    organizations = province_organizations(n=max(100, n // 20))
    dicts = [convert.unstructure_member(m) for m in province_members(organizations, n=n)]
    pydantic_run(dicts[:100]), cpcinfo_run(dicts[:100]), cpcinfo_run(dicts[:100], SAME_CHECKS)  # compile
    print(f"pydantic {pydantic.VERSION}, {n:,} member dicts, {rounds} rounds (side by side); cpcinfo with every "
          f"member field rule (29), and with the {len(SAME_CHECKS)} that make the model's checks")
    ratios: list[tuple[float, float]] = []
    for r in range(rounds):
        times = {}
        for name, run in (("pydantic", pydantic_run), ("cpcinfo", cpcinfo_run),
                          ("same", lambda d: cpcinfo_run(d, SAME_CHECKS))):
            gc.collect()
            start = time.perf_counter()
            run(dicts)
            times[name] = (time.perf_counter() - start) / n * 1e6
        p, c, s = times["pydantic"], times["cpcinfo"], times["same"]
        ratios.append((c / p, s / p))
        print(f"round {r + 1}: pydantic {p:6.2f} µs/member   cpcinfo load+check {c:6.2f} µs: {c / p:4.2f}   "
              f"the same checks {s:6.2f} µs: {s / p:4.2f}")
    print(f"median cpcinfo/pydantic: every rule {statistics.median(a for a, _ in ratios):.2f}, "
          f"the same checks {statistics.median(b for _, b in ratios):.2f} "
          f"(pydantic rejects {pydantic_run(dicts):,}; cpcinfo finds {cpcinfo_run(dicts):,} findings, "
          f"{cpcinfo_run(dicts, SAME_CHECKS):,} with the same checks)")


if __name__ == "__main__":
    main()
