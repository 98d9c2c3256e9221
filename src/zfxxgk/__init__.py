"""zfxxgk: 政府信息公开工作年度报告统计表 — official templates, fill, read, checks.

The public API::

    import zfxxgk
    report = zfxxgk.AnnualReport(edition="2021", agency="某某局", year=2024)
    zfxxgk.fill(report, "out.xlsx")
    again = zfxxgk.read("out.xlsx")
"""

from .aggregate import aggregate
from .check import CheckResult, Finding, check
from .editions import EDITIONS, edition_for_year, get_edition
from .errors import ZfxxgkError
from .fill import fill
from .frame import to_frame
from .layout import Edition, Field, Kind
from .model import AnnualReport, CellSource, Provenance, empty_report
from .parse import ParseResult, parse
from .read import read
from .template import template_path

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
