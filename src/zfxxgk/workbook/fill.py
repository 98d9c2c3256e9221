"""Filling a template with a report, cell by cell.

A filled workbook is the record of the report's *stated* numbers and stays a live
workbook: every input is written as a plain value (absent → empty cell); a total the
template computes keeps its formula, with its result stored beside it, unless the report
states another number there, which is then written as it is (:mod:`zfxxgk.workbook.live`).
The check area's formulas stay and store their ✓/✗. The template's styles, merges,
validations and protection are kept; the output is written atomically and never over
the template.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from zfxxgk.core.discover import Found, discover
from zfxxgk.core.editions import get_edition
from zfxxgk.core.layout import Edition, Equation, FieldPath, table_fields
from zfxxgk.core.model import AnnualReport, cover_value
from zfxxgk.errors import LayoutError
from zfxxgk.notes import sheet_cell
from zfxxgk.workbook.checkarea import check_area_top, check_rows, row_result
from zfxxgk.workbook.formulas import standin_cells
from zfxxgk.workbook.live import formula_key, live_totals, shown_values
from zfxxgk.workbook.read import load_sheets
from zfxxgk.workbook.store import MARKER, field_values, hidden_payload, to_chunks, written
from zfxxgk.workbook.template import template_path
from zfxxgk.xlsx.atomic import atomic_path
from zfxxgk.xlsx.cells import Sheet
from zfxxgk.xlsx.files import check_input, load
from zfxxgk.xlsx.patch import FastFillUnsupported, fill_xml
from zfxxgk.xlsx.refs import cell_ref
from zfxxgk.xlsx.suffix import XLSM, XLSX, require_suffix


def as_report(report: AnnualReport | Mapping[str, Any]) -> AnnualReport:
    """An AnnualReport from a report or its canonical dict."""
    if isinstance(report, AnnualReport):
        return report
    return AnnualReport.from_dict(report)


def _put(ws: Any, ref: str, value: Any, *, text: bool = False) -> None:
    cell = ws[ref]
    cell.value = written(value)
    if text and isinstance(value, str):
        # A name such as "=某局" must stay text: openpyxl would take it for a formula.
        cell.data_type = "s"


@attrs.frozen
class FillPlan:
    """Where a fill puts each field in a template, and what it cannot place."""

    template: Path
    found: Found
    sheets: dict[str, Sheet] = attrs.field(eq=False, repr=False, factory=dict)
    #: the totals whose cell holds the template's own formula
    live: dict[FieldPath, Equation] = attrs.field(eq=False, repr=False, factory=dict)

    @property
    def unplaced(self) -> list[FieldPath]:
        """Official fields the template has no cell for."""
        return self.found.missing()

    @property
    def unmatched(self) -> list[str]:
        """Input-like cells of the template that no field goes into (A1 references)."""
        return [sheet_cell(p.sheet, cell_ref(p.row, p.col)) for p in self.found.unmatched]

    def text(self) -> str:
        """The plan in Chinese and English, for ``fill --dry-run``."""
        lines = [
            f"模板 | template: {self.template}（{self.found.edition.id} 版式，"
            f"{'本工具的模板' if self.found.known else '按标签定位'}）",
            f"可放置字段 | fields placed: {len(self.found.cells)}",
        ]
        if self.unplaced:
            lines.append(f"无处放置的字段 | fields with no cell: {len(self.unplaced)}")
            lines += [f"  {'.'.join(p)}" for p in self.unplaced]
        if self.unmatched:
            lines.append(
                f"没有对应字段的填报单元格 | input cells with no field: {len(self.unmatched)}"
            )
            lines += [f"  {ref}" for ref in self.unmatched]
        return "\n".join(lines) + "\n"


def plan_fill(edition: str | Edition, template: str | os.PathLike[str] | None = None) -> FillPlan:
    """Find where a fill of ``edition`` would put each value in ``template``.

    Raises:
        ZfxxgkError: the template is unreadable or of another edition.
    """
    e = get_edition(edition)
    tpl = check_input(template) if template is not None else template_path(e)
    st = tpl.stat()
    # ctime and inode too: a copy that keeps the old time (cp -p, unzip) still changes them
    return _plan(e.id, str(tpl), (st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_size))


@functools.lru_cache(maxsize=32)
def _plan(edition_id: str, template: str, stamp: tuple[int, int, int, int]) -> FillPlan:
    """The plan of a template file as it is now (cached while it is unchanged)."""
    tpl = Path(template)
    sheets = load_sheets(tpl)
    try:
        found = discover({n: s.cells for n, s in sheets.items()})
    except LayoutError as exc:
        raise exc.located(file=str(tpl)) from None
    if found.edition.id != edition_id:
        raise LayoutError.of(
            "template-edition-mismatch",
            file=str(tpl),
            template_edition=found.edition.id,
            edition=edition_id,
        )
    return FillPlan(tpl, found, sheets, live_totals(found.edition, found, sheets))


ENGINES = ("auto", "fast", "openpyxl")


def fill(
    report: AnnualReport | Mapping[str, Any],
    out_path: str | os.PathLike[str],
    template: str | os.PathLike[str] | None = None,
    *,
    engine: str = "auto",
) -> Path:
    """Write ``report`` into a template of its edition and save it as ``out_path``.

    The template may be ours (the default) or any workbook that carries the official
    labels, such as a province's own variant: each value goes where its row and column
    labels cross. Values the template has no cell for are kept in the workbook's hidden
    data, so reading the output gives the report back.

    Args:
        report: an AnnualReport or its canonical dict.
        out_path: the .xlsx to write; replaced atomically, never half-written.
        template: a template of the report's edition (default: the installed one).
        engine: ``fast`` edits the cells' XML and keeps every other part byte for byte;
            ``openpyxl`` rewrites the workbook through openpyxl; ``auto`` (the default)
            takes the fast path wherever the template allows it.

    Returns:
        The output path.

    Raises:
        ZfxxgkError: the template is unreadable or of another edition, or the output
            cannot be written (it may not be the template itself, and its extension must
            be the template's kind: .xlsx, or .xlsm for a macro-enabled template).
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}")
    rep = as_report(report)
    plan = plan_fill(rep.layout, template)
    require_suffix(out_path, (XLSM,) if plan.template.suffix.lower() == XLSM else (XLSX,))
    if engine != "openpyxl":
        try:
            every = field_values(rep)
            shown, kept = shown_values(rep, plan.found.cells, plan.live, every)
            writes = _writes(rep, plan, shown, kept, every)
            results = _results(rep, plan, shown, kept)
            with atomic_path(out_path, protect=(plan.template,)) as tmp:
                fill_xml(plan.template, tmp, writes, results)
            return Path(out_path)
        except FastFillUnsupported as exc:
            if engine == "fast":
                raise LayoutError.of(
                    "fast-fill-unsupported", file=str(plan.template), reason=str(exc)
                ) from None
    return _fill_openpyxl(rep, plan, out_path)


def as_filled(
    report: AnnualReport | Mapping[str, Any], template: str | os.PathLike[str] | None = None
) -> AnnualReport:
    """The report as a workbook filled with it shows it, and as :func:`zfxxgk.read` reads
    it back: every stated value, and each total it leaves blank that a live formula of
    the template computes from stated parts (:mod:`zfxxgk.workbook.live`)."""
    rep = as_report(report)
    plan = plan_fill(rep.layout, template)
    shown, kept = shown_values(rep, plan.found.cells, plan.live)
    out = rep.copy()
    for path in kept:
        out.set(path, shown[path])
    return out


def _writes(
    rep: AnnualReport,
    plan: FillPlan,
    shown: Mapping[FieldPath, Any],
    kept: Mapping[FieldPath, Any],
    every: Mapping[FieldPath, Any] | None = None,
) -> dict[str, dict[tuple[int, int], Any]]:
    """Every cell the fast path writes, by sheet: values, cover, hidden data (the live
    totals in ``kept`` keep their formula and are not written; ``every``: the report's
    values, by ``store.field_values``)."""
    edition = rep.layout
    found = plan.found
    writes: dict[str, dict[tuple[int, int], Any]] = {}
    for path, place in found.cells.items():
        if path not in kept:  # what the cell shows is the stated value
            writes.setdefault(place.sheet, {})[(place.row, place.col)] = shown[path]
    for cf in edition.cover:
        spot = found.cover.get(cf.key)
        if spot is not None:
            writes.setdefault(spot.sheet, {})[(spot.row, spot.col)] = cover_value(rep, cf)
    data = plan.sheets.get(edition.data_sheet)
    if data is None:
        raise FastFillUnsupported("no hidden data sheet")
    cells: dict[tuple[int, int], Any] = {(r, 0): None for (r, c) in data.cells if c == 0 and r > 0}
    cells.update(_data_cells(rep, plan, shown, every))
    writes[edition.data_sheet] = cells
    return writes


def _data_cells(
    rep: AnnualReport,
    plan: FillPlan,
    shown: Mapping[FieldPath, Any],
    every: Mapping[FieldPath, Any] | None = None,
) -> dict[tuple[int, int], Any]:
    """The hidden data sheet's cells: the marker, the payload in pieces (its digest over
    what the cells show), the stand-in subtotals in column B (``every``: the report's
    values, by ``store.field_values``)."""
    found = plan.found
    values = field_values(rep) if every is None else every
    derived = [p for p in found.cells if shown[p] is not None and values[p] is None]
    seen_values = dict(values)
    for p in derived:
        # a blank total that its live formula computes: a sum of counts in a double's
        # exact range (live.shown_values), already an int as the record would hold it
        seen_values[p] = shown[p]
    payload = hidden_payload(rep, found.cells, seen_values)
    cells: dict[tuple[int, int], Any] = {(0, 0): MARKER}
    for i, chunk in enumerate(to_chunks(payload), start=1):
        cells[(i, 0)] = chunk
    for path, at in standin_cells(rep.layout).items():
        cells[at] = values[path]
    return cells


def _results(
    rep: AnnualReport,
    plan: FillPlan,
    shown: Mapping[FieldPath, Any],
    kept: Mapping[FieldPath, Any],
) -> dict[str, dict[tuple[int, int], Any]]:
    """The stored result of every formula the fill keeps: live totals and the check area."""
    out: dict[str, dict[tuple[int, int], Any]] = {
        s: dict(v) for s, v in check_results(rep, plan, shown).items()
    }
    for path, result in kept.items():
        place = plan.found.cells[path]
        out.setdefault(place.sheet, {})[(place.row, place.col)] = result
    return out


def check_results(
    rep: AnnualReport, plan: FillPlan, shown: Mapping[FieldPath, Any] | None = None
) -> dict[str, dict[tuple[int, int], str]]:
    """The ✓/✗ that each check-area formula of the template shows once filled, by sheet
    (``shown``: what each cell shows, live totals included; default: the report's values).

    Only formulas that are the check area's own, up to the spellings programs change on
    saving, get a result (an edited or a foreign template's formulas are left to be
    computed on opening).
    """
    found = plan.found
    edition = rep.layout
    values = (
        shown
        if shown is not None
        else {path: rep.get(path) for path in [*found.cells, *standin_cells(edition)]}
    )
    out: dict[str, dict[tuple[int, int], str]] = {}
    for table in edition.tables:
        first = next(
            (found.cells[f.path] for f in table_fields(table) if f.path in found.cells), None
        )
        if first is None or first.sheet not in plan.sheets:
            continue
        formulas = plan.sheets[first.sheet].formulas
        for row in check_rows(edition, table, check_area_top(table)):
            at = (row.result.row, row.result.col)
            if formula_key(formulas.get(at)) == formula_key(row.formula):
                out.setdefault(first.sheet, {})[at] = row_result(edition, table, row, values)
    return out


def _fill_openpyxl(rep: AnnualReport, plan: FillPlan, out_path: str | os.PathLike[str]) -> Path:
    edition = rep.layout
    tpl, found = plan.template, plan.found
    shown, kept = shown_values(rep, found.cells, plan.live)
    wb = load(tpl, keep_vba=tpl.suffix.lower() == ".xlsm")
    for path, place in found.cells.items():
        if path not in kept:
            _put(wb[place.sheet], cell_ref(place.row, place.col), rep.get(path), text=True)
    for cf in edition.cover:
        spot = found.cover.get(cf.key)
        if spot is None:
            continue
        _put(wb[spot.sheet], cell_ref(spot.row, spot.col), cover_value(rep, cf), text=True)
    if edition.data_sheet in wb.sheetnames:
        ds = wb[edition.data_sheet]
    else:
        ds = wb.create_sheet(edition.data_sheet)
        ds.sheet_state = "veryHidden"
    for row in ds.iter_rows(min_col=1, max_col=1):
        for cell in row:
            cell.value = None
    for (r, c), value in _data_cells(rep, plan, shown).items():
        _put(ds, cell_ref(r, c), value, text=True)
    wb.calculation.fullCalcOnLoad = True
    results = _results(rep, plan, shown, kept)
    with atomic_path(out_path, protect=(tpl,)) as tmp:
        if not results:
            wb.save(tmp)
        else:
            # openpyxl stores no formula results: they are added to its output
            saved = tmp.with_name(tmp.name + ".openpyxl" + tmp.suffix)
            try:
                wb.save(saved)
                fill_xml(saved, tmp, {}, results)
            finally:
                saved.unlink(missing_ok=True)
    return Path(out_path)
