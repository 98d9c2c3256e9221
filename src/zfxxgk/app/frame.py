"""Reports as a pandas DataFrame in long form: one row per value, with numeric columns.

- ``count``: the count as a nullable ``Int64`` (blank stays ``<NA>``, never 0);
- ``amount_wan``: a money amount as ``float64`` in 万元, converted from the unit the report
  states (the 2019 采购总金额 may be in 元);
- ``text``: the exact value as text, for those who need every digit; ``unit`` its unit.

``to_frame(reports, harmonise=True)`` puts reports of both editions on common rows where
their meaning is the same (the mapping kept beside the editions, as ``compare`` uses it);
rows of one edition only are kept apart with ``common`` False.

pandas is an optional dependency (``pip install 'zfxxgk[pandas]'``); nothing else in
zfxxgk needs it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from zfxxgk.app.amounts import field_sum, in_wan, unit_of
from zfxxgk.core.layout import Edition, Kind
from zfxxgk.core.model import AnnualReport
from zfxxgk.core.values import number_text

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
    "count",
    "amount_wan",
    "text",
    "unit",
)

HARMONISED_COLUMNS = (
    "agency",
    "year",
    "edition",
    "key",
    "label",
    "common",
    "exact",
    "count",
    "amount_wan",
    "text",
    "unit",
)


#: The columns ``checked=True`` adds: each report's check status (ok | errors) and counts.
CHECK_COLUMNS = ("check_status", "check_errors", "check_warnings")


def check_columns(report: AnnualReport) -> dict[str, Any]:
    """The check columns of one report: ``ok`` when its check finds no error."""
    from zfxxgk.core.check import check

    result = check(report)
    counts = result.counts
    return {
        "check_status": "ok" if result.ok else "errors",
        "check_errors": counts["error"],
        "check_warnings": counts["warning"],
    }


def _with_checks(
    reports: Iterable[AnnualReport], rows: Any, checked: bool
) -> Iterator[dict[str, Any]]:
    """The rows of each report, with its check columns when ``checked``."""
    for report in reports:
        extra = check_columns(report) if checked else {}
        for row in rows([report]):
            yield {**row, **extra}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return number_text(value) if isinstance(value, int | Decimal) else str(value)


def long_rows(reports: Iterable[AnnualReport]) -> Iterator[dict[str, Any]]:
    """One dict per value of each report: every official field (absent ones as None) and
    the optional subtotals a report states."""
    for report in reports:
        for f, value in report.items():
            if value is None and not f.official:
                continue
            table, part, key = f.path
            money = f.kind is Kind.MONEY
            amount = in_wan(report, f) if money else None
            unit = unit_of(report, f) if money else (None if f.kind is Kind.UNIT else "件")
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
                "count": value if f.kind.accepts.whole else None,
                "amount_wan": None if amount is None else float(amount),
                "text": _text(value),
                "unit": unit,
            }


def _mapping_for(edition: Edition) -> tuple[Edition, Edition] | None:
    """The (older, newer) editions of the mapping that names ``edition``."""
    from zfxxgk.core.editions import get_edition
    from zfxxgk.core.editions.mapping import MAPPINGS

    for old, new in MAPPINGS:
        if edition.id in (old, new):
            return get_edition(old), get_edition(new)
    return None


def harmonised_rows(reports: Iterable[AnnualReport]) -> Iterator[dict[str, Any]]:
    """One dict per common row of each report (the newer edition's names), then the
    report's rows that have no counterpart (``common`` False)."""
    from zfxxgk.core.editions.mapping import field_pairs

    for report in reports:
        edition = report.layout
        editions = _mapping_for(edition)
        pairs = field_pairs(*editions) if editions else field_pairs(edition, edition)
        older = editions is not None and edition.id == editions[0].id
        covered: set[tuple[str, str, str]] = set()
        head = {"agency": report.agency, "year": report.year, "edition": report.edition}
        for pair in pairs:
            paths = pair.old if older else pair.new
            subtotal = pair.old_subtotal if older else pair.new_subtotal
            if len(paths) == 1:
                covered.update(paths)
            elif subtotal is not None:
                covered.add(subtotal)
            f = edition.field_map[paths[0]]
            if f.kind is Kind.UNIT:
                continue
            value = field_sum(report, paths, subtotal)
            if value is None and not any(edition.field_map[p].official for p in paths):
                continue
            money = f.kind is Kind.MONEY
            yield {
                **head,
                "key": pair.key,
                "label": pair.label,
                "common": True,
                "exact": pair.exact,
                "count": None if money else value,
                "amount_wan": float(value) if money and value is not None else None,
                "text": _text(value),
                "unit": "万元" if money else "件",
            }
        for f, stated in report.items():
            if f.path in covered or f.kind is Kind.UNIT or (stated is None and not f.official):
                continue
            money = f.kind is Kind.MONEY
            amount = in_wan(report, f) if money else None
            yield {
                **head,
                "key": ".".join(f.path),
                "label": f.label,
                "common": False,
                "exact": True,
                "count": None if money else stated,
                "amount_wan": None if amount is None else float(amount),
                "text": _text(stated),
                "unit": unit_of(report, f) if money else "件",
            }


def _reports(items: Iterable[AnnualReport | str | os.PathLike[str]]) -> Iterator[AnnualReport]:
    """Each item as a report: a path is loaded as ``render`` and ``compare`` load it."""
    if isinstance(items, str | os.PathLike):  # one path, not its characters
        items = [items]
    for item in items:
        if isinstance(item, AnnualReport):
            yield item
        elif isinstance(item, str | os.PathLike):
            from zfxxgk.app.load import load_any

            yield load_any(os.fspath(item))
        else:
            raise TypeError(
                f"to_frame takes reports or paths, not {type(item).__name__}: {item!r:.60}"
            )


def to_frame(
    reports: Iterable[AnnualReport | str | os.PathLike[str]],
    *,
    harmonise: bool = False,
    checked: bool = False,
) -> Any:
    """A long-format DataFrame, one row per value.

    ``reports`` holds reports or paths (a workbook, canonical JSON or a published
    document, loaded as ``render`` and ``compare`` load them).

    Columns: agency, year, edition, table, row, column, value (as stated), labels, then
    ``count`` (Int64), ``amount_wan`` (float64, 万元), ``text`` (exact) and ``unit``. With
    ``harmonise``: agency, year, edition, key and label of the common row, ``common``
    (False for a row of one edition only), ``exact`` (False for a rough proxy), count,
    amount_wan, text, unit. With ``checked``, each row also carries its report's
    ``check_status`` (``ok`` or ``errors``), ``check_errors`` and ``check_warnings``.

    Raises:
        ImportError: pandas is not installed.
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_frame needs pandas: pip install 'zfxxgk[pandas]'") from exc
    columns: tuple[str, ...]
    rows = harmonised_rows if harmonise else long_rows
    columns = HARMONISED_COLUMNS if harmonise else COLUMNS
    if checked:
        columns = (*columns, *CHECK_COLUMNS)
    records = list(_with_checks(_reports(reports), rows, checked))
    df = pd.DataFrame.from_records(records, columns=list(columns))
    df["year"] = df["year"].astype("Int64")
    df["count"] = df["count"].astype("Int64")
    df["amount_wan"] = df["amount_wan"].astype("float64")
    df["text"] = df["text"].astype("string")
    if checked:
        df["check_errors"] = df["check_errors"].astype("Int64")
        df["check_warnings"] = df["check_warnings"].astype("Int64")
        df["check_status"] = df["check_status"].astype("string")
    if harmonise:
        df["common"] = df["common"].astype(bool)
        df["exact"] = df["exact"].astype(bool)
    return df
