"""Which totals of a filled workbook stay live formulas, and what every cell then shows.

A total that the template computes (blue, 蓝色单元格为自动合计) keeps its formula, so that
a clerk who fills part of a report in Python and finishes it in Excel, WPS or LibreOffice
sees the totals follow; the fill stores the formula's result beside it, so that programs
that do not calculate (pandas, python-calamine) see the same number.

What the report states is never lost for this:

- a stated total equal to what its formula gives keeps the formula;
- a stated total that differs from its parts (a *stated total*, as published reports
  often have), or that has no stated part, is written as the plain number the report
  states: the file records what the report says, the check area shows ✗ (or ？) and the
  total is marked in red, and that one cell no longer follows its parts;
- a total the report leaves blank keeps its formula: blank while its parts are, else
  their sum, which is then what the workbook shows and what :func:`zfxxgk.read` reads
  (a sum beyond what a spreadsheet holds exactly, ±2^53−1, is left a blank cell).

Only the template's own formulas are kept (up to spellings programs change on saving);
a template laid out otherwise gets plain values, as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from zfxxgk.core.discover import Found
from zfxxgk.core.evaluate import sums
from zfxxgk.core.grid import place_table
from zfxxgk.core.layout import Edition, Equation, FieldPath
from zfxxgk.core.model import AnnualReport
from zfxxgk.workbook.formulas import standin_cells, standin_refs
from zfxxgk.workbook.template import formula_cells, sum_formula
from zfxxgk.xlsx.cells import Sheet
from zfxxgk.xlsx.numbers import MAX_EXACT_INT

Number = int | Decimal


def live_totals(
    edition: Edition, found: Found, sheets: Mapping[str, Sheet]
) -> dict[FieldPath, Equation]:
    """The totals whose cell holds the template's own formula, with their equation."""
    if not found.known:
        return {}
    spans = {}
    for table in edition.tables:
        spans.update(place_table(table).fields)
    out: dict[FieldPath, Equation] = {}
    standins = standin_refs(edition)
    for path, eq in formula_cells(edition).items():
        place = found.cells.get(path)
        sheet = sheets.get(place.sheet) if place is not None else None
        if place is None or sheet is None:
            continue
        theirs = sheet.formulas.get((place.row, place.col))
        if formula_key(theirs) == formula_key(sum_formula(eq, spans, standins)):
            out[path] = eq
    return out


def shown_values(
    report: AnnualReport,
    cells: Mapping[FieldPath, Any],
    live: Mapping[FieldPath, Equation],
    every: Mapping[FieldPath, Any] | None = None,
) -> tuple[dict[FieldPath, Any], dict[FieldPath, Any]]:
    """What each cell of the filled workbook shows, and the results the live formulas
    store (None: the formula is dropped and the stated value written instead).

    ``cells`` are the fields with a cell; the stand-in subtotals of the hidden data sheet
    count too (``every``: the report's values, by ``store.field_values``). Returns
    (values by field, {live total: its stored result or ""}).
    """
    get = report.get if every is None else every.__getitem__
    values: dict[FieldPath, Any] = {p: get(p) for p in [*cells, *standin_cells(report.layout)]}

    kept: dict[FieldPath, Any] = {}
    stated_of = {path: values.get(path) for path in live}
    # a total may sum totals (（七）总计's 总计): a few passes reach every one
    for _ in range(4):
        changed = False
        for path, eq in live.items():
            stated = stated_of[path]
            _, computed, any_stated = sums(eq, values)
            gives: Any = computed if any_stated else None
            exact = gives is None or abs(gives) <= MAX_EXACT_INT  # a spreadsheet's double
            if exact and (stated is None or stated == gives):
                result = "" if gives is None else gives
                if kept.get(path, object()) != result:
                    kept[path] = result
                    values[path] = gives
                    changed = True
            elif path in kept:
                del kept[path]
                values[path] = stated
                changed = True
        if not changed:
            break
    return values, kept


_SPELLINGS = re.compile(r"\s+|\$|'|_xlfn\.|(?<=TRUE)\(\)|(?<=FALSE)\(\)")


@functools.lru_cache(maxsize=512)
def formula_key(formula: str | None) -> str | None:
    """A formula as compared with ours: spellings that programs write when they save a
    workbook (LibreOffice's FALSE(), absolute references, quotes around a sheet name,
    Excel's _xlfn. prefixes, spaces, letter case) do not count."""
    if formula is None:
        return None
    return _SPELLINGS.sub("", formula.removeprefix("=").upper())
