"""What the demo generators return: the demo unit and the record of each defect planted in it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Final

import attrs

from cpcinfo.entity import Entity
from cpcinfo.infobase import InfoBase
from cpcinfo.org.roster import Roster

if TYPE_CHECKING:
    from cpcinfo.checking import Waiver

DEFAULT_AS_OF: Final = datetime.date(2011, 6, 30)
"""The date the demo databases are looked at: the Shaanxi acceptance check of 2011."""

FIELD_ITEMS: Final = frozenset({1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19})
"""The items counted on the sampled records only (field rules)."""


@attrs.frozen(kw_only=True)
class PlantedDefect:
    """One defect planted in the demo unit, and where the score sheet should count it.

    ``key`` is the record key (organization code, member or applicant id; for an organization missing
    from the database, its code in the roster); ``field`` is the path in glossary attribute names as a
    finding names it (``basic.gender``, ``education[0].graduated_on``, ``leaders[2].title``), or ``""`` for
    the whole record; ``rule`` is the code of the field rule that finds it (``None`` for the system, tree
    and roster items 5, 6, 7, 16 and 20).
    """

    entity: Entity
    key: str
    field: str
    what: str
    item: int
    rule: str | None = None

    @property
    def is_field(self) -> bool:
        """Whether a field rule finds it (it counts only when its record is sampled)."""
        return self.item in FIELD_ITEMS


@attrs.frozen(kw_only=True)
class DemoUnit:
    """A generated unit: its database, the organizations that really exist, and what was planted.

    ``roster`` lists the organizations that really exist (「实际情况」, items 5 and 6). ``waivers`` is
    always empty: the demo plants no situation that is allowed to exist. ``planted`` is empty for a clean
    unit.
    """

    infobase: InfoBase
    roster: Roster
    waivers: tuple[Waiver, ...]
    planted: tuple[PlantedDefect, ...]
    as_of: datetime.date
    seed: int
