"""zfxxgk: 政府信息公开工作年度报告统计表 — official templates, fill, read, checks.

The public API::

    import zfxxgk
    report = zfxxgk.AnnualReport(edition="2021", agency="某某局", year=2024)
    zfxxgk.fill(report, "out.xlsx")
    again = zfxxgk.read("out.xlsx")

Names are imported when first used (``import zfxxgk`` loads none of the modules behind
them), so that the command line and a program that needs one function start fast.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a fast start)
if TYPE_CHECKING:  # what type checkers and IDEs see; at run time see __getattr__
    from typing import Any

    from zfxxgk.app.aggregate import aggregate
    from zfxxgk.app.compare import Comparison, compare
    from zfxxgk.app.frame import to_frame
    from zfxxgk.app.render import render
    from zfxxgk.core.check import CheckResult, Finding, check
    from zfxxgk.core.editions import EDITIONS, edition_for_year, get_edition
    from zfxxgk.core.layout import Edition, Field, Kind
    from zfxxgk.core.model import AnnualReport, CellSource, Provenance, empty_report
    from zfxxgk.errors import ZfxxgkError
    from zfxxgk.published.parse import ParseResult, parse
    from zfxxgk.workbook.fill import fill
    from zfxxgk.workbook.read import read
    from zfxxgk.workbook.template import template_path

#: Each public name and the module that defines it.
_EXPORTS = {
    "aggregate": "zfxxgk.app.aggregate",
    "Comparison": "zfxxgk.app.compare",
    "compare": "zfxxgk.app.compare",
    "to_frame": "zfxxgk.app.frame",
    "render": "zfxxgk.app.render",
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
    "Comparison",
    "Edition",
    "Field",
    "Finding",
    "Kind",
    "ParseResult",
    "Provenance",
    "ZfxxgkError",
    "aggregate",
    "check",
    "compare",
    "edition_for_year",
    "empty_report",
    "fill",
    "get_edition",
    "parse",
    "read",
    "render",
    "template_path",
    "to_frame",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``zfxxgk.X``: the public name X, imported from its module on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'zfxxgk' has no attribute {name!r}")
    __import__(module)  # importlib would cost its own import
    value = getattr(sys.modules[module], name)
    globals()[name] = value  # later uses skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
