"""Reading a filled workbook back into an AnnualReport.

The edition is told from the labels in the workbook (section 二 decides), each value is
taken from the cell the edition's layout puts it in, and the report carries, outside its
equality, where each value came from and what had to be interpreted.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from zfxxgk.core.cellread import read_cell, unit_from_suffix
from zfxxgk.core.discover import Found, discover
from zfxxgk.core.editions.common import ADDED_SHEETS, DATA_SHEET
from zfxxgk.core.labels import normalize
from zfxxgk.core.layout import Edition, Field, FieldPath
from zfxxgk.core.model import AnnualReport, CellSource, Provenance, cover_text, set_cover
from zfxxgk.core.recordbase import is_typed
from zfxxgk.errors import CellValueError, LayoutError, WorkbookFormatError
from zfxxgk.noteparams import Setting, cut
from zfxxgk.notes import Note
from zfxxgk.workbook.store import MARKER, digest, from_chunks, in_field_order
from zfxxgk.xlsx.blankformula import shows_blank
from zfxxgk.xlsx.cells import MAX_COLS, MAX_ROWS, Sheet, read_sheets
from zfxxgk.xlsx.files import OLE_MAGIC, check_input
from zfxxgk.xlsx.numbers import MAX_EXACT_INT
from zfxxgk.xlsx.refs import cell_ref

Grid = dict[tuple[int, int], Any]


def load_sheets(path: Path, head: bytes | None = None) -> dict[str, Sheet]:
    """The sheets of a workbook file: .xlsx/.xlsm read directly, .xls/.ods by calamine
    (``head``: the file's first 8 bytes, when the caller has read them)."""
    if head is None:
        with open(path, "rb") as fh:
            head = fh.read(8)
    if not head:
        raise WorkbookFormatError.of("file-empty", file=str(path))
    if head.startswith(b"PK"):
        return read_sheets(path, other=lambda: _calamine(path, "ods"), skip=ADDED_SHEETS)
    if head.startswith(OLE_MAGIC):
        return _calamine(path, "xls")
    raise WorkbookFormatError.of("not-a-spreadsheet", file=str(path))


def read(path: str | os.PathLike[str]) -> AnnualReport:
    """Read a filled workbook (.xlsx, .xlsm, .xls or .ods) into an AnnualReport.

    Blank cells read as None. The tables are found by their labels, wherever they are;
    the report's ``provenance`` names the file, the sheet and cell of every value and
    the notes on anything interpreted. The file is not modified.

    Raises:
        ZfxxgkError: the file is missing, not a workbook, holds no report tables, or a
            cell holds something that is not a value of its field (naming the cell).
    """
    p = check_input(path)
    with open(p, "rb") as fh:
        head = fh.read(8)
    sheets = load_sheets(p, head)
    return report_from_sheets(sheets, str(path), xls=head.startswith(OLE_MAGIC))


def _xls_blank_totals(report: AnnualReport, found: Found, sheets: dict[str, Sheet]) -> None:
    """A total that our template computes shows "" while its parts are blank; an .xls
    stores that result in a way its reader gives as 0. Such a 0 over blank parts is read
    as the blank it shows, with a note (a cell the fill wrote as a plain 0 is no formula,
    but an .xls keeps no formula to tell them apart)."""
    prov = report.provenance
    if prov is None or not found.known:
        return
    from zfxxgk.core.evaluate import evaluate, report_getter  # an .xls only

    get = report_getter(report)
    cells: list[str] = []
    for eq in report.layout.equations:
        path = eq.total
        place = found.cells.get(path)
        if not eq.formula or place is None or report.get(path) != 0:
            continue
        if not evaluate(eq, get).stated_addends:
            report.set(path, None)
            sheets[place.sheet].cells.pop((place.row, place.col), None)  # shown: blank
            cells.append(cell_ref(place.row, place.col))
    if cells:
        shown = cut(cells, 10)
        prov.notes.append(Note("xls-blank-total", params={"count": len(cells), "cells": shown}))


def _naming_sheets(exc: LayoutError, sheets: Mapping[str, Sheet]) -> LayoutError:
    """``exc`` with the workbook's sheets among its parameters (``sheets``: the layout
    errors of the catalogue name them in a clause)."""
    note = exc.note
    params = {**note.params, "sheets": list(sheets)}
    return LayoutError(note=attrs.evolve(note, params=params))


def _calamine(path: Path, kind: str) -> dict[str, Sheet]:
    """An .ods or .xls, read by python-calamine in its helper process (imported here only:
    most files are .xlsx, and a command that reads one starts faster without it)."""
    from zfxxgk.xlsx.calamine import read_other

    return read_other(path, kind)


def report_from_sheets(
    sheets: dict[str, Sheet], file: str, *, fast: bool = True, xls: bool = False
) -> AnnualReport:
    """The report that these sheets hold (``xls``: the sheets come from an .xls file).

    ``fast=False``: the general tolerant reader alone, for comparison: the tables found
    by their labels (not as our template places them), and every cell read by
    :func:`read_cell` (no shortcut for the blank cells and whole counts of a filled
    template, nor the layout's kept slots). tests/test_readfast.py holds the two to the
    same report, provenance and notes (but ``located-by-labels``).
    """
    cells = {name: s.cells for name, s in sheets.items() if name not in ADDED_SHEETS}
    try:
        found = discover(cells, fast=fast)
    except LayoutError as exc:
        raise _naming_sheets(exc, sheets).located(file=file) from None
    return report_from_found(sheets, file, found, shortcuts=fast, xls=xls)


def report_from_found(
    sheets: dict[str, Sheet], file: str, found: Found, *, shortcuts: bool = True, xls: bool = False
) -> AnnualReport:
    """The report that these sheets hold where ``found`` places its fields
    (``shortcuts=False``: every cell read by :func:`read_cell`, nothing kept)."""
    fast = shortcuts
    cells = {name: s.cells for name, s in sheets.items() if name not in ADDED_SHEETS}
    edition = found.edition
    prov = Provenance(file=file)
    prov.notes.extend(found.notes)
    if not found.known:
        prov.notes.append(Note("located-by-labels"))
    report = AnnualReport(edition=edition.id)
    report.provenance = prov
    suffixes: list[tuple[Field, str, str, str]] = []
    unknown_formulas: list[FieldPath] = []
    slots, parts = _slots(found) if fast else _make_slots(found)
    records = [getattr(getattr(report, table), part) for table, part in parts]
    given = prov.cells
    place = object.__setattr__  # set_typed's body: the typed fast path, without a call
    source, high = CellSource, MAX_EXACT_INT
    low = -high
    last_name: str | None = None
    sheet = _NO_SHEET
    cells_of, formulas = sheet.cells, sheet.formulas
    for path, field, sheet_name, at, ref, typed, record_at in slots:
        if sheet_name != last_name:  # the slots of one table follow each other
            sheet = sheets[sheet_name]
            cells_of, formulas, last_name = sheet.cells, sheet.formulas, sheet_name
        raw = cells_of.get(at)
        if fast:  # the commonest cells of a filled template, as read_cell reads them
            if raw is None:
                if at not in formulas:  # blank
                    given[path] = source(sheet_name, ref)
                    continue
            elif typed and type(raw) is int and low <= raw <= high:
                # a count: the int in range is its value (is_typed), not converted again
                given[path] = source(sheet_name, ref, raw, formulas.get(at))
                place(records[record_at], path[2], raw)
                continue
        if at in formulas and at not in cells_of:
            formula = formulas[at]
            given[path] = CellSource(sheet_name, ref, "=" + formula, formula)
            if at not in sheet.blank_results or not shows_blank(formula, cells_of, formulas):
                # no stored result, or a stored "" that the formula's own test does not
                # confirm (a total our fill left blank is confirmed: none of its cells
                # holds a number, so it shows "" as evaluating it would say)
                unknown_formulas.append(path)
            continue
        unit = read_cell(report, field, cells_of, sheet_name, at[0], at[1], prov)
        if at in formulas:
            given[path] = attrs.evolve(given[path], formula=formulas[at])
        if unit is not None:
            suffixes.append((field, unit, sheet_name, ref))
    for field, unit, sheet_name, ref in suffixes:
        unit_from_suffix(report, field, unit, sheet_name, ref, prov)
    _formulas_without_values(report, sheets, found, unknown_formulas, prov)
    if xls:
        _xls_blank_totals(report, found, sheets)
    _read_cover(report, edition, found, sheets, prov)
    shown = [_cover_raw(found, sheets, cf.key) for cf in edition.cover if cf.meta_key is None]
    runs = _shown_runs(found)
    for name, places in runs:
        shown += map(sheets[name].cells.get, places)
    # a formula showing "" (a blank total) shows nothing, as a blank cell does
    _read_hidden(report, edition, cells, digest(shown, blank_text=True), found, prov)
    for name in sorted({name for name, _ in runs}):
        if sheets[name].truncated:
            params = {"rows": MAX_ROWS, "cols": MAX_COLS}
            prov.notes.append(Note("sheet-truncated", name, None, params))
    prov.notes = gather_number_notes(prov.notes)
    return report


_NO_SHEET = Sheet("")

#: a located field: its path, field, sheet, cell and A1 reference, whether a whole number
#: (in range) is already its value (a count: :func:`is_typed`), and the index of its
#: record in the parts' list
Slot = tuple[FieldPath, Field, str, tuple[int, int], str, bool, int]
Slots = tuple[list[Slot], list[tuple[str, str]]]


def _slots(found: Found) -> Slots:
    """Each located field's slot, and the (table, part) of each record they fill: kept
    per layout of our template."""
    if found.layout_key is not None:
        slots = _SLOTS.get(found.layout_key)
        if slots is None:
            if len(_SLOTS) > 64:
                _SLOTS.clear()
            slots = _SLOTS[found.layout_key] = _make_slots(found)
        return slots
    return _make_slots(found)


_SLOTS: dict[tuple[str, ...], Slots] = {}


def _shown_runs(found: Found) -> list[tuple[str, list[tuple[int, int]]]]:
    """The cell of each located field in the edition's field order (what the fill's
    digest lists), in runs of one sheet: kept per layout of our template, as the slots
    are."""
    key = None if found.layout_key is None else ("shown", *found.layout_key)
    runs = _SHOWN.get(key) if key is not None else None
    if runs is None:
        runs = []
        for path in in_field_order(found.edition, found.cells):
            p = found.cells[path]
            if not runs or runs[-1][0] != p.sheet:
                runs.append((p.sheet, []))
            runs[-1][1].append((p.row, p.col))
        if key is not None:
            if len(_SHOWN) > 64:
                _SHOWN.clear()
            _SHOWN[key] = runs
    return runs


_SHOWN: dict[tuple[str, ...], list[tuple[str, list[tuple[int, int]]]]] = {}


def _make_slots(found: Found) -> Slots:
    fields = found.edition.field_map
    parts: dict[tuple[str, str], int] = {}
    slots = [
        (
            path,
            fields[path],
            place.sheet,
            (place.row, place.col),
            cell_ref(place.row, place.col),
            is_typed(fields[path].kind, 0),
            parts.setdefault(path[:2], len(parts)),
        )
        for path, place in found.cells.items()
    ]
    return slots, list(parts)


def gather_number_notes(notes: list[Note]) -> list[Note]:
    """One note per sheet for the cells whose plain text was read as a number (a sheet
    typed by hand can have hundreds); every other note stays as it is."""
    by_sheet: dict[str | None, list[Note]] = {}
    out: list[Note] = []
    for note in notes:
        plain = not any(note.params.get(k) for k in ("sign", "grouped", "exponent"))
        if note.code == "text-number" and plain:
            by_sheet.setdefault(note.sheet, []).append(note)
        else:
            out.append(note)
    for sheet, group in by_sheet.items():
        if len(group) == 1:
            out.append(group[0])
            continue
        refs = [n.cell or "" for n in group]
        shown = cut(refs, 10)
        out.append(Note("text-numbers", sheet, None, {"count": len(refs), "cells": shown}))
    return out


def _cover_raw(found: Found, sheets: dict[str, Sheet], key: str) -> Any:
    place = found.cover.get(key)
    return None if place is None else sheets[place.sheet].cells.get((place.row, place.col))


def _formulas_without_values(
    report: AnnualReport,
    sheets: dict[str, Sheet],
    found: Found,
    paths: list[FieldPath],
    prov: Provenance,
) -> None:
    """A field whose cell holds a formula with no stored result gets the value that the
    formula itself shows in a spreadsheet (never the edition's equation in its place);
    a formula this cannot evaluate leaves the field absent, with a note."""
    if not paths:
        return
    # the evaluator, imported only here: a filled template stores every formula's result
    from zfxxgk.xlsx.formula import Sheet as FormulaSheet
    from zfxxgk.xlsx.formula import Unsupported

    fields = report.layout.field_map
    standins = _standin_values(report.layout, sheets)
    getters: dict[str, FormulaSheet] = {}
    done: dict[str, list[Setting]] = {}
    for path in paths:
        place = found.cells[path]
        sheet = sheets[place.sheet]
        get = getters.get(place.sheet)
        if get is None:
            own = {at: _with_standins(f, standins) for at, f in sheet.formulas.items()}
            get = getters[place.sheet] = FormulaSheet(sheet.cells, own)
        src = prov.cells[path]
        formula = sheet.formulas[(place.row, place.col)]
        try:
            value = get.get(place.row, place.col)
        except Unsupported as exc:
            text: dict[str, Any] = {"formula": formula[:200]}
            if exc.bound is not None:  # which bound the formula's work hit
                text |= {"bound": exc.bound, "limit": exc.limit}
            prov.notes.append(Note("formula-unsupported", src.sheet, src.cell, text))
            continue
        grid = {(place.row, place.col): None if value == "" else value}
        read_cell(report, fields[path], grid, place.sheet, place.row, place.col, prov)
        prov.cells[path] = src  # the formula, not the value it gave, is what the cell holds
        if report.get(path) is not None:  # a formula that shows nothing needs no word
            done.setdefault(place.sheet, []).append(Setting(src.cell, report.get(path)))
    for sheet_name, computed in done.items():
        params: dict[str, Any] = {"count": len(computed), "cells": cut(computed, 8)}
        prov.notes.append(Note("formula-evaluated", sheet_name, None, params))


def _standin_values(edition: Edition, sheets: dict[str, Sheet]) -> dict[int, str]:
    """The formula text of each stand-in subtotal, by its row in the hidden data sheet:
    the number held there, or ``""`` (what a blank gives N() and COUNT())."""
    from zfxxgk.workbook.formulas import standin_cells

    data = sheets.get(edition.data_sheet)
    grid = data.cells if data is not None else {}
    out: dict[int, str] = {}
    for at in standin_cells(edition).values():
        v = grid.get(at)
        ok = isinstance(v, int | float | Decimal) and not isinstance(v, bool)
        out[at[0]] = str(v) if ok else '""'
    return out


_STANDIN_REF = re.compile(rf"'?{re.escape(DATA_SHEET)}'?!\$?B\$?([1-9]\d{{0,3}})\b")


def _with_standins(formula: str, standins: Mapping[int, str]) -> str:
    """A formula with its references to the hidden data sheet's stand-in subtotals
    replaced by their values (the formula evaluator reads one sheet); a reference to any
    other cell there is left for the evaluator to refuse."""
    if DATA_SHEET not in formula:
        return formula
    return _STANDIN_REF.sub(lambda m: standins.get(int(m.group(1)) - 1, m.group(0)), formula)


def _text(raw: Any) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = str(raw).strip()
    return text or None


def _read_cover(
    report: AnnualReport, edition: Edition, found: Found, sheets: dict[str, Sheet], prov: Provenance
) -> None:
    if not found.cover:
        prov.notes.append(Note("no-cover"))
        return
    for cf in edition.cover:
        place = found.cover.get(cf.key)
        if place is None:
            continue
        raw = sheets[place.sheet].cells.get((place.row, place.col))
        ref = cell_ref(place.row, place.col)
        prov.cells[cf.key] = CellSource(place.sheet, ref, raw)
        text = _text(raw)
        year = cf.kind == "year"
        set_cover(report, cf, _year(text, prov.file, place.sheet, ref, prov) if year else text)


def _year(text: str | None, file: str | None, sheet: str, ref: str, prov: Provenance) -> int | None:
    if text is None:
        return None
    digits = normalize(text).removesuffix("年度").removesuffix("年")
    if digits.isdigit() and len(digits) == 4:
        if digits != text:
            prov.notes.append(Note("year-text", sheet, ref, {"text": text, "year": digits}))
        return int(digits)
    raise CellValueError(
        "year", text, code="year-not-four-digits", file=file, sheet=sheet, cell=ref
    )


def _read_hidden(
    report: AnnualReport,
    edition: Edition,
    grids: Mapping[str, Grid],
    visible: str,
    found: Found,
    prov: Provenance,
) -> None:
    """Take from the hidden data sheet what has no visible cell (stated subtotals, meta).

    A field that has a visible cell is never taken from it: the cell always wins, whatever
    the hidden data says (it is not signed, so anyone can edit it).
    """
    grid = grids.get(edition.data_sheet)
    if not grid or grid.get((0, 0)) != MARKER:
        return
    chunks = [grid.get((r, 0)) for r in range(1, 1 + max(r for r, _ in grid))]
    if not any(chunks):
        return  # a blank template: nothing was filled through zfxxgk
    payload = from_chunks(chunks)
    if payload is None:
        prov.notes.append(Note("hidden-unreadable", params={"sheet": edition.data_sheet}))
        return
    if payload.get("edition") != edition.id:
        prov.notes.append(Note("hidden-other-edition"))
        return
    visible_meta = dict(report.meta)
    meta = payload.get("meta") if isinstance(payload.get("meta"), dict) else {}
    assert isinstance(meta, dict)
    for cf in edition.cover:
        key = cf.meta_key
        if key is None:
            continue
        shown = visible_meta.get(key)
        kept = meta.get(key)
        if shown != cover_text(kept):
            if shown is None:
                meta.pop(key, None)
            else:
                meta[key] = shown
            prov.notes.append(Note("hidden-cover-differs", params={"label": cf.label, "key": key}))
    report.meta = meta
    values = payload.get("values")
    fields = edition.dotted_field_map
    edited = payload.get("visible") != visible
    members = _subtotal_members(edition)
    for dotted, value in values.items() if isinstance(values, dict) else ():
        f = fields.get(dotted)
        if f is None:
            prov.notes.append(Note("hidden-unknown-field", params={"field": dotted[:80]}))
            continue
        if f.path in found.cells:
            if value != report.get(f.path):
                prov.notes.append(Note("hidden-visible-field", params={"field": dotted}))
            continue
        if edited and _stale(report, members.get(f.path, ()), value):
            # its rows, edited in sight of the clerk, no longer add up to it
            prov.notes.append(Note("hidden-stale-subtotal", params={"field": dotted}))
            continue
        try:
            report.set(f.path, value)
        except ValueError:
            prov.notes.append(Note("hidden-invalid-value", params={"field": dotted}))
    if edited:
        prov.notes.append(Note("visible-edited"))


def _subtotal_members(edition: Edition) -> dict[FieldPath, tuple[FieldPath, ...]]:
    """Each subtotal of the edition's equations with its members (kept per edition)."""
    kept = _MEMBERS.get(edition.id)
    if kept is None or kept[0] is not edition:
        members = {g.subtotal: g.members for eq in edition.equations for g in eq.groups}
        kept = _MEMBERS[edition.id] = (edition, members)
    return kept[1]


_MEMBERS: dict[str, tuple[Edition, dict[FieldPath, tuple[FieldPath, ...]]]] = {}


def _stale(report: AnnualReport, rows: tuple[FieldPath, ...], subtotal: Any) -> bool:
    """Whether the visible rows of a hidden subtotal are stated and add up to another
    number (a subtotal kept from before an edit that no cell shows)."""
    stated = [v for m in rows if isinstance(v := report.get(m), int | Decimal)]
    return bool(stated) and isinstance(subtotal, int | float) and sum(stated) != subtotal
