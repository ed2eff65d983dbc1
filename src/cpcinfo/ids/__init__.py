"""Identifiers, one module each in the style of python-stdnum: :mod:`cpcinfo.ids.ric` (公民身份号码, GB 11643)
and :mod:`cpcinfo.ids.org_code` (党组织代码). Each has ``compact``, ``validate`` and ``is_valid``; ``validate``
raises an :class:`~cpcinfo.errors.InvalidIdentifier` that says how the value is wrong (the exceptions have
python-stdnum's names), and no input makes any of them raise anything else.

Here is what an identifier *is*; what a record's identifier must be on the date of a check (an address code
that existed, agreement with 出生日期 and 性别, uniqueness) is for the rules.
"""

from cpcinfo.errors import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidIdentifier, InvalidLength
from cpcinfo.ids import org_code, ric

__all__ = [
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidIdentifier",
    "InvalidLength",
    "org_code",
    "ric",
]
