"""The optional libraries of the edge, imported only when used, with a message naming the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from cpcinfo.errors import CpcinfoError


class MissingExtra(CpcinfoError, ImportError):
    """An optional library that is not installed; ``str()`` says which extra brings it."""


def require(module: str, extra: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(f"需要可选依赖 {module}：请安装 pip install 'cpcinfo[{extra}]'") from None
