"""A workbook that is not our template, read as the rows of a published report.

Staff paste a report's tables from a web page into Excel or WPS, or type them: a table
per sheet or all on one, their own column order, merges kept or undone, numbers as text,
hidden junk. Each visible sheet's grid becomes rows for the published reader (one table
of columns per sheet), as a person sees it: the value a formula shows (its cached
result where its own formula gives it; computed where the workbook asks for that on
opening; else no number, said), a number as its format displays it (no number where
the format rounds it to another), a merged range as one cell spanning its
columns (the cells it covers are no cell's start), and hidden sheets, rows and columns
not read at all. An .xls, .et or .ods is converted to .xlsx by LibreOffice first (which
keeps what is hidden and merged); a CSV is read as positional rows. A figure no one sees
(a white font on no fill, a font of its fill's colour: :mod:`zfxxgk.xlsx.inks`) is
marked :data:`~zfxxgk.core.cellvalue.UNSEEN`, as the HTML reader marks a white value: a
blank said, never a number; a format that shows nothing (``;;;``) shows no text either.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from zfxxgk.core.cellvalue import ROUNDED, STALE, UNSEEN
from zfxxgk.core.discover import looks_like_value
from zfxxgk.errors import ZfxxgkError
from zfxxgk.noteparams import cut
from zfxxgk.notes import Note
from zfxxgk.published.grid import MAX_GRID_CELLS, MAX_ROW_CELLS, check_bound
from zfxxgk.published.source import Source, SourceError, TextRow
from zfxxgk.published.struck import seen, struck
from zfxxgk.xlsx.display import general, shown, shown_text
from zfxxgk.xlsx.files import OLE_MAGIC
from zfxxgk.xlsx.sheetview import SheetView, sheet_views


def is_workbook(data: bytes, zip_names: frozenset[str] | None = None) -> bool:
    """Whether ``data`` is a spreadsheet: an OLE2 file without a Word stream (Excel 97,
    WPS .et), or a zip holding a workbook part or an OpenDocument spreadsheet."""
    from zfxxgk.published.signatures import WORD_STREAM

    if data.startswith(OLE_MAGIC):
        return WORD_STREAM not in data
    if not data.startswith(b"PK"):
        return False
    names = zip_names if zip_names is not None else _zip_names(data)
    if "xl/workbook.xml" in names:
        return True
    return "content.xml" in names and "word/document.xml" not in names and _ods(data)


def _zip_names(data: bytes) -> frozenset[str]:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return frozenset(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return frozenset()


def _ods(data: bytes) -> bool:
    """An OpenDocument spreadsheet (its mimetype says so; a text document is Writer's)."""
    return b"opendocument.spreadsheet" in data[:200]


def workbook_source(path: Path | None, data: bytes, name: str) -> Source:
    """The visible sheets of a workbook as rows (``data``: its bytes; ``path``: its
    file, or None where the bytes come from no file).

    Raises:
        ZfxxgkError: the workbook is unreadable, or LibreOffice is needed and missing.
    """
    from zfxxgk.published import legacy

    kind = "xlsx"
    if data.startswith(OLE_MAGIC) or not _has_workbook_part(data):
        from zfxxgk.xlsx.soffice import convert

        kind = "xls" if data.startswith(OLE_MAGIC) else "ods"
        data, path = convert(data, name, kind, "xlsx"), None
    try:
        if path is None:
            with legacy.as_file(data, ".xlsx") as copy:
                views = sheet_views(copy)
        else:
            views = sheet_views(path)
    except ZfxxgkError as exc:
        exc.file = None
        raise exc.located(file=name) from None
    return _source(views, kind)


def _has_workbook_part(data: bytes) -> bool:
    return "xl/workbook.xml" in _zip_names(data)


def _source(views: list[SheetView], kind: str) -> Source:
    shown_views = [v for v in views if v.visible]
    many = len(shown_views) > 1
    rows: list[TextRow] = []
    cells = 0
    computed: list[str] = []
    unknown: list[str] = []
    recomputed: list[str] = []
    stale: list[str] = []
    otherwise: list[str] = []  # numbers shown otherwise by their format, read as held
    book = _formula_book(views) if any(v.sheet.formulas for v in views) else {}
    for number, view in enumerate(shown_views, 1):
        _stored_results(view, book, recomputed, stale)
        _formula_results(view, book, computed, unknown)
        grid, columns = _grid(view, otherwise)
        origin = (view.sheet.name, columns)
        for r, (texts, starts) in grid:
            cells += len(texts)
            check_bound("grid cells", cells, MAX_GRID_CELLS)
            rows.append(
                TextRow(
                    texts,
                    True,
                    r + 1,
                    page=number if many else None,
                    starts=starts,
                    table=number,
                    origin=origin,
                )
            )
    text = "\n".join("\t".join(row.cells) for row in rows)
    if UNSEEN in text:  # a figure no one sees: a cell's, not the text's
        text = _UNSEEN_TEXT.sub("", text)
    notes: tuple[Note, ...] = ()
    if many:
        names = [v.sheet.name for v in shown_views]
        notes = (Note("workbook-sheets-as-pages", params={"sheets": names}),)
    if computed:
        shown_cells = cut(computed, 10)
        notes += (
            Note(
                "workbook-formula-computed", params={"count": len(computed), "cells": shown_cells}
            ),
        )
    if unknown:
        shown_cells = cut(unknown, 10)
        notes += (
            Note("workbook-formula-unknown", params={"count": len(unknown), "cells": shown_cells}),
        )
    if recomputed:
        notes += (
            Note(
                "workbook-formula-recomputed",
                params={"count": len(recomputed), "cells": cut(recomputed, 10)},
            ),
        )
    if stale:
        notes += (
            Note("workbook-formula-stale", params={"count": len(stale), "cells": cut(stale, 10)}),
        )
    if otherwise:
        notes += (
            Note(
                "workbook-shown-otherwise",
                params={"count": len(otherwise), "cells": cut(otherwise, 10)},
            ),
        )
    if not rows:
        raise SourceError.of("document-empty")
    return Source(kind, tuple(rows), text, notes=notes)


_UNSEEN_TEXT = re.compile(f"{UNSEEN}[^{UNSEEN}]*{UNSEEN}")


def _number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _agree(stored: Any, computed: Any) -> bool:
    """Whether a formula's stored result is the number its formula gives."""
    if not (_number(stored) and _number(computed)):
        return False
    try:
        a, b = Decimal(str(stored)), Decimal(str(computed))
    except ArithmeticError:
        return False
    # float noise only (a spreadsheet keeps 15 digits); whole numbers exactly
    return a == b or abs(a - b) <= abs(b) * Decimal("1e-13")


def _formula_book(views: list[SheetView]) -> dict[str, Any]:
    """Every sheet (hidden ones too) by its casefolded name, as a formula reads it: the
    stored values of the cells without a formula (or with none written out: a shared
    formula's other cells), formulas computed on demand, one budget for all."""
    from zfxxgk.xlsx.formula import Budget
    from zfxxgk.xlsx.formula import Sheet as FormulaSheet

    budget = Budget()
    book: dict[str, Any] = {}
    for view in views:
        sheet = view.sheet
        formulas = {at: f for at, f in sheet.formulas.items() if f.strip()}
        values = {at: v for at, v in sheet.cells.items() if at not in formulas}
        book[sheet.name.casefold()] = FormulaSheet(values, formulas, budget, book)
    return book


def _stored_results(
    view: SheetView, book: dict[str, Any], recomputed: list[str], stale: list[str]
) -> None:
    """A formula's stored number checked against its own formula. Where the workbook
    asks to compute every formula on opening (XlsxWriter stores 0 for each unless told
    the result), a spreadsheet shows the computed number: read that (``recomputed``);
    a formula not computed here (a function not evaluated) keeps its stored result, but
    a stored 0 is a writer's placeholder, unproved. Elsewhere a stored
    number its formula does not give (a script's stale result) is unproved too: shown,
    or computed again by a program that recalculates on opening. An unproved number is
    marked :data:`~zfxxgk.core.cellvalue.STALE` (``stale``): no number, a warning
    naming its row. Hidden cells are not shown, not read."""
    from zfxxgk.xlsx.formula import Unsupported
    from zfxxgk.xlsx.refs import cell_ref

    sheet = view.sheet
    todo = [
        at
        for at, formula in sorted(sheet.formulas.items())
        if formula.strip() and _number(sheet.cells.get(at)) and _visible(view, at)
    ]
    if not todo:
        return
    get = book[sheet.name.casefold()]
    for at in todo:
        where = f"{sheet.name}!{cell_ref(*at)}"
        try:
            value = get.get(*at)
        except Unsupported:
            if view.recalculated and sheet.cells[at] == 0:
                sheet.cells[at] = general(sheet.cells[at]) + STALE
                stale.append(where)
            continue
        if _agree(sheet.cells[at], value):
            continue
        if view.recalculated:
            if value is None or value == "":
                del sheet.cells[at]
            else:
                sheet.cells[at] = value
            recomputed.append(where)
        else:
            sheet.cells[at] = general(sheet.cells[at]) + STALE
            stale.append(where)


def _visible(view: SheetView, at: tuple[int, int]) -> bool:
    """Whether a cell of the sheet is shown (its row and its column not hidden)."""
    return not view.row_hidden(at[0]) and at[1] not in view.hidden_cols


def _formula_results(
    view: SheetView, book: dict[str, Any], computed: list[str], unknown: list[str]
) -> None:
    """A formula saved without its result (openpyxl writes none) shows what the
    spreadsheet computes: computed from the cell's own formula where it can be, else the
    cell is marked :data:`~zfxxgk.core.cellvalue.STALE` (blank, a warning naming its
    row). Hidden cells are not shown, not read."""
    from zfxxgk.xlsx.formula import Unsupported, evaluate
    from zfxxgk.xlsx.refs import cell_ref

    sheet = view.sheet
    todo = [
        at
        for at in sorted(sheet.formulas)
        if at not in sheet.cells and at not in sheet.blank_results and _visible(view, at)
    ]
    if not todo:
        return
    get = book[sheet.name.casefold()]
    for at in todo:
        where = f"{sheet.name}!{cell_ref(*at)}"
        try:
            # (a shared formula's other cell, its formula not written out: unsupported)
            value = get.get(*at) if at in get.formulas else evaluate(sheet.formulas[at], get)
        except Unsupported:
            sheet.cells[at] = STALE  # no number shown that the reader knows: said
            unknown.append(where)
            continue
        if value is not None and value != "":
            sheet.cells[at] = value
            computed.append(where)


def _grid(
    view: SheetView, otherwise: list[str]
) -> tuple[list[tuple[int, tuple[tuple[str, ...], tuple[int, ...] | None]]], tuple[int, ...]]:
    """The shown rows of a sheet: (row, (cell texts by shown column, where cells start));
    and the sheet's column of each shown column. ``otherwise`` gets each cell whose format
    shows another number than the one it holds, and how it shows it."""
    from zfxxgk.xlsx.refs import cell_ref

    sheet = view.sheet
    texts: dict[tuple[int, int], str] = {}
    for (r, c), value in sheet.cells.items():
        if view.row_hidden(r) or c in view.hidden_cols:
            continue
        said: list[str] = []
        text = _struck(_text(value, view.formats.get((r, c)), said), (r, c) in view.struck)
        if said:
            otherwise.append(f"{sheet.name}!{cell_ref(r, c)} {said[0]}")
        if text.strip():
            texts[(r, c)] = _inked(text, (r, c) in view.unseen)
    covered: set[tuple[int, int]] = set()
    # a merged range counts only within the cells the sheet holds (a merge over whole
    # rows or columns), and all of them within the grid's bound
    last_row = max((r for r, _ in sheet.cells), default=-1)
    last_col = max((c for _, c in sheet.cells), default=-1)
    spent = 0
    for r0, c0, r1, c1 in view.merges:
        r1, c1 = min(r1, last_row), min(c1, last_col)
        if r0 > r1 or c0 > c1:
            continue
        spent += (r1 - r0 + 1) * (c1 - c0 + 1)
        check_bound("grid cells", spent, MAX_GRID_CELLS)
        at = [
            (r, c)
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
            if not view.row_hidden(r) and c not in view.hidden_cols
        ]
        if not at:
            continue
        # the merged cell's value (its top left cell's) shows in its first shown cell
        value = sheet.cells.get((r0, c0))
        for p in at:
            texts.pop(p, None)
        if value is not None:
            said = []
            text = _struck(_text(value, view.formats.get((r0, c0)), said), (r0, c0) in view.struck)
            # (named already where its top left cell is shown: the pass over the cells)
            if said and (view.row_hidden(r0) or c0 in view.hidden_cols):
                otherwise.append(f"{sheet.name}!{cell_ref(r0, c0)} {said[0]}")
            if text.strip():
                texts[at[0]] = _inked(text, (r0, c0) in view.unseen)
        covered.update(at[1:])
    if not texts:
        return [], ()
    used_cols = {c for _, c in texts} | {c for _, c in covered}
    width_cols = [c for c in range(max(used_cols) + 1) if c not in view.hidden_cols]
    check_bound("cells in one row", len(width_cols), MAX_ROW_CELLS)
    position = {c: i for i, c in enumerate(width_cols)}
    out = []
    for r in sorted({r for r, _ in texts}):
        row = tuple(texts.get((r, c), "") for c in width_cols)
        starts = None
        if any((r, c) in covered for c in width_cols):
            starts = tuple(position[c] for c in width_cols if (r, c) not in covered)
        out.append((r, (row, starts)))
    return out, tuple(width_cols)


def _struck(text: str, cell: bool) -> str:
    """What a person reads in a cell whose text may be struck out (its font, ``cell``,
    or some of its rich text runs, marked as read): the text not struck out, else the
    struck text marked (no value, no label: :func:`~zfxxgk.published.struck.seen`)."""
    return seen(struck(text) if cell else text)


def _inked(text: str, unseen: bool) -> str:
    """A cell's text, marked where no one sees it and it is a figure (junk in a blank
    cell, or a value no one sees: no value, said); a label no one sees is read."""
    if unseen and looks_like_value(text) and any(c.isdigit() for c in text):
        return UNSEEN + text + UNSEEN
    return text


def _scaled(code: str) -> bool:
    """Whether a number format scales its number by thousands (``#,##0,``, ``0.0,,"M"``):
    a comma after its last digit placeholder, outside quotes."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code.split(";")[0])
    return re.search(r"[0#?][.0#?]*,+(?![0#?])", bare) is not None


#: what shows a number negative in its text: a minus sign, brackets
_NEGATIVE = re.compile("[-−－–—(（]")
_SHOWN_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")


def _rounded(text: str, value: int | float | Decimal) -> bool:
    """Whether ``text``, a number's as its format shows it, shows another number (the
    format keeps fewer decimal places than the number has: ``0`` shows 1234.5 as 1235).
    A percentage, or a text of no number or of several, is not judged."""
    numbers = _SHOWN_NUMBER.findall(text)
    if len(numbers) != 1 or "%" in text:
        return False
    try:
        held = abs(Decimal(str(value)))
        return abs(Decimal(numbers[0].replace(",", "")) - held) > held * Decimal("1e-14")
    except ArithmeticError:
        return False  # (a float's noise, 0.30000000000000004 shown 0.3, is no rounding)


def _text(value: Any, code: str | None, otherwise: list[str] | None = None) -> str:
    """A cell's value as the sheet shows it (a number whose format shows another, read
    as the number it holds, is said: ``otherwise`` gets how the sheet shows it)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        if code:
            text = shown(value, code)
            if text is not None and value < 0 and not _NEGATIVE.search(text):
                # the sign in colour alone (Excel's "1234 in red", ``0;[Red]0``): the
                # number the cell holds, not the unsigned one the text shows
                if otherwise is not None:
                    otherwise.append(f"{general(value)} ({text})")
                return general(value)
            if text is None and otherwise is not None and value != 0 and _scaled(code):
                otherwise.append(f"{general(value)} ({code})")
            if text is not None:
                return text + ROUNDED if _rounded(text, value) else text
        return general(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if code:
        return shown_text(str(value), code)
    return str(value)


_DELIMITERS = ",;\t"


def _splitting(sample: str) -> Any:
    """The dialect whose delimiter splits the sample into the most fields (where the
    sniffer finds none consistent: a ``;`` file whose numbers hold thousands commas, rows
    of several widths); the comma where none splits more."""
    best, most = ",", 0
    for d in _DELIMITERS:
        splits = sum(len(f) - 1 for f in csv.reader(io.StringIO(sample), delimiter=d))
        if splits > most:
            best, most = d, splits

    class Chosen(csv.excel):
        delimiter = best

    return Chosen


def csv_dialect(sample: str) -> Any:
    """The dialect a CSV's head (``sample``) is written in: the sniffer's, else the one
    whose delimiter splits it most (:func:`_splitting`)."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        return _splitting(sample)


def csv_source(text: str, sheet: str) -> Source:
    """A CSV file (a sheet exported as comma-separated values) as positional rows, each
    cell named as the spreadsheet that opens it names it (``sheet``: the file's name
    without its suffix, as Excel and Calc title its one sheet)."""
    rows: list[TextRow] = []
    dialect = csv_dialect(text[:65536])
    cells = 0
    for i, fields in enumerate(csv.reader(io.StringIO(text), dialect)):
        check_bound("cells in one row", len(fields), MAX_ROW_CELLS)
        cells += len(fields)
        check_bound("grid cells", cells, MAX_GRID_CELLS)
        if any(f.strip() for f in fields):
            rows.append(TextRow(tuple(f.strip() for f in fields), True, i + 1, table=0))
    if not rows:
        raise SourceError.of("document-empty")
    width = max(len(r.cells) for r in rows)
    origin = (sheet, tuple(range(width)))
    rows = [
        TextRow((*r.cells, *[""] * (width - len(r.cells))), True, r.line, table=0, origin=origin)
        for r in rows
    ]
    return Source("csv", tuple(rows), text)
