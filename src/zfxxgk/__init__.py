"""zfxxgk: 政府信息公开工作年度报告统计表 — official templates, fill, read, checks.

The public API::

    import zfxxgk
    report = zfxxgk.AnnualReport(edition="2021", agency="某某局", year=2024)
    zfxxgk.fill(report, "out.xlsx")
    again = zfxxgk.read("out.xlsx")
"""

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
