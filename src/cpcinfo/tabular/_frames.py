"""pandas DataFrames as sheets (the ``pandas`` extra): ``from_frames({"党员": members, ...})``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cpcinfo.tabular._read import RawSheet


def frame_sheets(frames: Mapping[str, Any], *, file: str = "<DataFrame>") -> Iterator[RawSheet]:
    """Each DataFrame as the sheet of its name; row numbers count as in a sheet whose row 1 is the header,
    so row ``n`` is the frame's ``n - 2``-th row (by position, whatever the index)."""
    for name, frame in frames.items():
        header = [str(c) for c in frame.columns]
        rows = frame.itertuples(index=False, name=None)
        yield RawSheet(name=str(name), file=f"{file}[{name}]" if file == "<DataFrame>" else file,
                       header=header, rows=rows)
