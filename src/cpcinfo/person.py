"""The person group shared by members and applicants (基本信息)."""

from __future__ import annotations

import attrs

from cpcinfo.extras import Extras, extras_field
from cpcinfo.values import DateValue, Text


@attrs.frozen(kw_only=True)
class Person:
    """基本信息: who the member or applicant is.

    Every attribute holds the value as recorded (see :mod:`cpcinfo.values`); ``id_number`` is an optional
    extra beyond the seed's collected items.
    """

    name: Text | None = None
    gender: Text | None = None
    ethnicity: Text | None = None
    born_on: DateValue | None = None
    native_place: Text | None = None
    unit_name: Text | None = None
    id_number: Text | None = None
    extras: Extras = extras_field()


@attrs.frozen(kw_only=True)
class Education:
    """学历学位信息: one education record (a member or applicant may have several)."""

    level: Text | None = None
    enrolled_on: DateValue | None = None
    graduated_on: DateValue | None = None
    extras: Extras = extras_field()
