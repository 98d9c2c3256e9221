"""Filling a template with a report, cell by cell, with openpyxl.

A filled workbook is the record of the report's *stated* numbers: every value, totals
included, is written as a plain value (absent → empty cell), so every program sees every
number even when the totals do not add up. The template's styles, merges, validations and
protection are kept; the output is written atomically and never over the template.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from .atomic import atomic_path
from .errors import LayoutError, ZfxxgkError
from .grid import place_cover, place_table
from .model import CONTROL, AnnualReport
from .store import MARKER, hidden_payload, to_chunks
from .template import template_path
from .values import to_number
from .workbook import check_input, check_xlsx, load


def as_report(report: AnnualReport | Mapping[str, Any]) -> AnnualReport:
    """An AnnualReport from a report or its canonical dict."""
    if isinstance(report, AnnualReport):
        return report
    return AnnualReport.from_dict(report)


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return to_number(value)
    return value


def cover_text(value: Any) -> str | None:
    """How a ``meta`` value shows on the cover: text without control characters."""
    if value is None:
        return None
    return CONTROL.sub("", str(value)).strip() or None


def _put(ws: Any, ref: str, value: Any, *, text: bool = False) -> None:
    cell = ws[ref]
    cell.value = _cell_value(value)
    if text and isinstance(value, str):
        # A name such as "=某局" must stay text: openpyxl would take it for a formula.
        cell.data_type = "s"


def fill(
    report: AnnualReport | Mapping[str, Any],
    out_path: str | os.PathLike[str],
    template: str | os.PathLike[str] | None = None,
) -> Path:
    """Write ``report`` into the template of its edition and save it as ``out_path``.

    Args:
        report: an AnnualReport or its canonical dict.
        out_path: the .xlsx to write; replaced atomically, never half-written.
        template: a template of the report's edition (default: the installed one).

    Returns:
        The output path.

    Raises:
        ZfxxgkError: the template is unreadable or of another edition, or the output
            cannot be written (it may not be the template itself).
    """
    rep = as_report(report)
    edition = rep.layout
    tpl = check_input(template) if template is not None else template_path(edition)
    check_xlsx(tpl)
    wb = load(tpl)
    sheets = set(wb.sheetnames)
    for table in edition.tables:
        if table.sheet not in sheets:
            raise LayoutError(
                f"模板中没有工作表“{table.sheet}”，不是 {edition.id} 版式的模板",
                f"the template has no sheet {table.sheet!r}; not an edition {edition.id} template",
                file=str(tpl),
            )
        ws = wb[table.sheet]
        placement = place_table(table)
        _expect_labels(ws, placement, str(tpl), edition.id)
        for path, span in placement.fields.items():
            _put(ws, span.ref(), rep.get(path), text=True)
    if edition.cover_sheet in sheets:
        ws = wb[edition.cover_sheet]
        cover = place_cover(edition)
        for cf in edition.cover:
            ref = cover.fields[("cover", cf.key, "")].ref()
            if cf.key == "agency":
                value: Any = rep.agency
            elif cf.key == "year":
                value = rep.year
            else:
                value = cover_text(rep.meta.get(cf.key.removeprefix("meta.")))
            _put(ws, ref, value, text=True)
    if edition.data_sheet in sheets:
        ds = wb[edition.data_sheet]
    else:
        ds = wb.create_sheet(edition.data_sheet)
        ds.sheet_state = "veryHidden"
    for row in ds.iter_rows(min_col=1, max_col=1):
        for cell in row:
            cell.value = None
    ds["A1"] = MARKER
    for i, chunk in enumerate(to_chunks(hidden_payload(rep)), start=2):
        _put(ds, f"A{i}", chunk, text=True)
    wb.calculation.fullCalcOnLoad = True
    try:
        with atomic_path(out_path, protect=(tpl,)) as tmp:
            wb.save(tmp)
    except ZfxxgkError:
        raise
    return Path(out_path)


def _expect_labels(ws: Any, placement: Any, file: str, edition: str) -> None:
    """Refuse a template whose table labels are not where this edition puts them."""
    from .labels import same_label

    for label in placement.labels:
        if label.role not in ("header", "row"):
            continue
        got = ws.cell(label.span.row + 1, label.span.col + 1).value
        if not same_label(got, label.text):
            raise LayoutError(
                f"模板与 {edition} 版式不符：应为“{label.text}”，实为“{got}”",
                f"the template does not match edition {edition}: expected {label.text!r}, "
                f"found {got!r}",
                file=file,
                sheet=placement.sheet,
                cell=label.span.ref(),
            )
