"""Reports as a pandas DataFrame in long form: one row per value.

pandas is an optional dependency (``pip install 'zfxxgk[pandas]'``); nothing else in
zfxxgk needs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from zfxxgk.core.model import AnnualReport

COLUMNS = (
    "agency",
    "year",
    "edition",
    "table",
    "row",
    "column",
    "value",
    "row_label",
    "column_label",
)


def long_rows(reports: Iterable[AnnualReport]) -> Iterator[dict[str, Any]]:
    """One dict per value of each report: every official field (absent ones as None) and
    the optional subtotals a report states."""
    for report in reports:
        for f, value in report.items():
            if value is None and not f.official:
                continue
            table, part, key = f.path
            yield {
                "agency": report.agency,
                "year": report.year,
                "edition": report.edition,
                "table": table,
                "row": part,
                "column": key,
                "value": value,
                "row_label": f.short.split("·")[0],
                "column_label": f.labels[-1],
            }


def to_frame(reports: Iterable[AnnualReport]) -> Any:
    """A long-format DataFrame: agency, year, edition, table, row, column, value, labels.

    Raises:
        ImportError: pandas is not installed.
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_frame needs pandas: pip install 'zfxxgk[pandas]'") from exc
    return pd.DataFrame.from_records(list(long_rows(reports)), columns=list(COLUMNS))
