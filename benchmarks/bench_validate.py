"""Field validation throughput: records per second for ``cpcinfo.member.validate``.

Run by hand: ``python benchmarks/bench_validate.py [N]``. Builds N valid and N defective members with a seeded
generator and prints records per second for each half and overall (one process, one core).
"""

from __future__ import annotations

import datetime
import random
import sys
import time

import attrs

import cpcinfo.member as member_api
from cpcinfo import convert
from cpcinfo.member.rules import BASE_MEMBER

AS_OF = datetime.date(2011, 6, 30)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"


def valid_members(n: int, rng: random.Random) -> list[member_api.Member]:
    base = convert.structure_member(BASE_MEMBER)
    out = []
    for i in range(n):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        born = datetime.date(rng.randint(1950, 1990), rng.randint(1, 12), rng.randint(1, 28))
        assert base.basic is not None
        out.append(attrs.evolve(base, id=f"M{i:07d}", basic=attrs.evolve(base.basic, name=name, born_on=born)))
    return out


def defective_members(valid: list[member_api.Member], rng: random.Random) -> list[member_api.Member]:
    out = []
    for m in valid:
        assert m.basic is not None and m.standing is not None
        choice = rng.randrange(4)
        if choice == 0:
            m = attrs.evolve(m, basic=attrs.evolve(m.basic, gender="男"))
        elif choice == 1:
            m = attrs.evolve(m, basic=attrs.evolve(m.basic, born_on=convert_unparsed("1985年6月")))
        elif choice == 2:
            m = attrs.evolve(m, standing=attrs.evolve(m.standing, join_type="99"))
        else:
            m = attrs.evolve(m, basic=attrs.evolve(m.basic, name="王 伟"))
        out.append(m)
    return out


def convert_unparsed(text: str) -> object:
    from cpcinfo.values import Unparsed

    return Unparsed(text)


def measure(label: str, records: list[member_api.Member]) -> float:
    member_api.validate(records[0], as_of=AS_OF)  # prepare the validator outside the timing
    start = time.perf_counter()
    findings = 0
    for record in records:
        findings += len(member_api.validate(record, as_of=AS_OF))
    elapsed = time.perf_counter() - start
    rate = len(records) / elapsed
    print(f"{label:>10}: {len(records):>9,} records in {elapsed:6.2f} s = {rate:>10,.0f} records/s "
          f"({findings:,} findings)")
    return rate


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(20110630)
    valid = valid_members(n, rng)
    defective = defective_members(valid, rng)
    measure("valid", valid)
    measure("defective", defective)
    measure("mixed", valid + defective)


if __name__ == "__main__":
    main()
