"""zfxxgk: 政府信息公开工作年度报告统计表 — official templates, fill, read, checks.

The public API::

    import zfxxgk
    report = zfxxgk.AnnualReport(edition="2021", agency="某某局", year=2024)
    zfxxgk.fill(report, "out.xlsx")
    again = zfxxgk.read("out.xlsx")

Each name is imported when first used, so that ``import zfxxgk`` (and the command line,
which installs its Ctrl-C handler before any heavy import) starts at once.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zfxxgk.app.aggregate import aggregate
    from zfxxgk.app.frame import to_frame
    from zfxxgk.core.check import CheckResult, Finding, check
    from zfxxgk.core.editions import EDITIONS, edition_for_year, get_edition
    from zfxxgk.core.layout import Edition, Field, Kind
    from zfxxgk.core.model import AnnualReport, CellSource, Provenance, empty_report
    from zfxxgk.errors import ZfxxgkError
    from zfxxgk.published.parse import ParseResult, parse
    from zfxxgk.workbook.fill import fill
    from zfxxgk.workbook.read import read
    from zfxxgk.workbook.template import template_path

#: public name → the module that defines it
_HOMES = {
    "aggregate": "zfxxgk.app.aggregate",
    "to_frame": "zfxxgk.app.frame",
    "CheckResult": "zfxxgk.core.check",
    "Finding": "zfxxgk.core.check",
    "check": "zfxxgk.core.check",
    "EDITIONS": "zfxxgk.core.editions",
    "edition_for_year": "zfxxgk.core.editions",
    "get_edition": "zfxxgk.core.editions",
    "Edition": "zfxxgk.core.layout",
    "Field": "zfxxgk.core.layout",
    "Kind": "zfxxgk.core.layout",
    "AnnualReport": "zfxxgk.core.model",
    "CellSource": "zfxxgk.core.model",
    "Provenance": "zfxxgk.core.model",
    "empty_report": "zfxxgk.core.model",
    "ZfxxgkError": "zfxxgk.errors",
    "ParseResult": "zfxxgk.published.parse",
    "parse": "zfxxgk.published.parse",
    "fill": "zfxxgk.workbook.fill",
    "read": "zfxxgk.workbook.read",
    "template_path": "zfxxgk.workbook.template",
}

__all__ = [
    "EDITIONS",
    "AnnualReport",
    "CellSource",
    "CheckResult",
    "Edition",
    "Field",
    "Finding",
    "Kind",
    "ParseResult",
    "Provenance",
    "ZfxxgkError",
    "aggregate",
    "check",
    "edition_for_year",
    "empty_report",
    "fill",
    "get_edition",
    "parse",
    "read",
    "template_path",
    "to_frame",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'zfxxgk' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
