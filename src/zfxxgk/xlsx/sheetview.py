"""What a person sees of an .xlsx workbook's sheets: which sheets, rows and columns are
hidden, which cells are merged, and each cell's number format.

:func:`zfxxgk.xlsx.cells.read_sheets` gives the values; this module reads the rest of
the same parts with expat (a pasted report's sheet is small: a few hundred cells), so a
reader can lay out what the spreadsheet shows: hidden rows and columns (``hidden``, a
zero height or width, or one too small for any text to be read: a row squeezed to a
sliver, a column narrower than a digit; ``zeroHeight`` rows by default) left out,
merged ranges as spans, numbers as their format displays them
(:mod:`zfxxgk.xlsx.display`), and the cells whose text no one sees (a white font on no
fill: :mod:`zfxxgk.xlsx.inks`).
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from zfxxgk.xlsx.bounds import STYLES, over
from zfxxgk.xlsx.cells import _targets, _workbook, read_sheets
from zfxxgk.xlsx.inks import unseen_styles
from zfxxgk.xlsx.refs import column_index
from zfxxgk.xlsx.richruns import WHITE, shown_values
from zfxxgk.xlsx.safezip import SafeZip
from zfxxgk.xlsx.sheetxml import MAX_COLS, MAX_ROWS, Sheet, row_number
from zfxxgk.xlsx.styles import number_formats
from zfxxgk.xlsx.xmltext import (
    is_plain,
    local,
    local_attrs,
    parse,
    part_bytes,
    unescape_escapes,
)

_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
#: Merged ranges read at most (a report's three tables have under 100).
MAX_MERGES = 10_000


@attrs.define
class SheetView:
    """One sheet as shown: its values, and what hides, merges or formats its cells.

    ``merges``: zero-based (first row, first column, last row, last column);
    ``formats``: each cell's number format code, where it has one other than General;
    ``unseen``: the cells whose text no one sees (:func:`zfxxgk.xlsx.inks.unseen_styles`).
    """

    sheet: Sheet
    visible: bool = True
    hidden_rows: set[int] = attrs.field(factory=set)
    hidden_cols: set[int] = attrs.field(factory=set)
    merges: list[tuple[int, int, int, int]] = attrs.field(factory=list)
    formats: dict[tuple[int, int], str] = attrs.field(factory=dict)
    unseen: set[tuple[int, int]] = attrs.field(factory=set)
    #: the cells whose white rich text runs are seen as the rest of their text (a dark
    #: fill, a white font: :func:`zfxxgk.xlsx.inks.unseen_styles`)
    coloured: set[tuple[int, int]] = attrs.field(factory=set)
    #: the cells whose font is struck out (their text void as written)
    struck: set[tuple[int, int]] = attrs.field(factory=set)
    #: rows are hidden unless given a height of their own (``sheetFormatPr zeroHeight``)
    rows_hidden_by_default: bool = False
    shown_rows: set[int] = attrs.field(factory=set)
    #: the workbook asks a spreadsheet to compute every formula when it opens the file
    #: (``calcPr fullCalcOnLoad``: XlsxWriter, our filler): a stored result is not shown
    recalculated: bool = False

    def row_hidden(self, r: int) -> bool:
        if self.rows_hidden_by_default and r not in self.shown_rows:
            return True
        return r in self.hidden_rows


#: Excel's built-in number formats (ids) that a cell's number may show differently.
BUILTIN_FORMATS = {
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
    48: "##0.0E+0",
    49: "@",
}


def _style_formats(
    z: SafeZip,
) -> tuple[list[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Each cell style's (cellXfs index) number format code ("" for General), the
    styles whose text no one sees, those whose white runs are seen as the rest, and
    those whose font is struck out."""
    data = part_bytes(z, "xl/styles.xml", shared=True)
    if data is None:
        return [], frozenset(), frozenset(), frozenset()
    if STYLES.count(data) > STYLES.limit:
        raise over(z, STYLES)
    custom, ids = number_formats(z, data)
    out: list[str] = []
    for text in ids:
        fid = int(text) if text.isdigit() and len(text) <= 9 else 0
        out.append(custom.get(fid, BUILTIN_FORMATS.get(fid, "")))
    return out, *unseen_styles(z, data)


def _range(ref: str) -> tuple[int, int, int, int] | None:
    parts = ref.split(":")
    if not 1 <= len(parts) <= 2:
        return None
    found = [_REF.fullmatch(p.strip()) for p in parts]
    if any(m is None for m in found):
        return None
    at = [(row_number(m.group(2)) - 1, column_index(m.group(1))) for m in found if m]
    (r0, c0), (r1, c1) = at[0], at[-1]
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


class _Layout:
    """The expat handler of one sheet part: rows, columns, cells' styles, merges."""

    def __init__(
        self,
        view: SheetView,
        styles: list[str],
        z: SafeZip,
        part: str,
        unseen: frozenset[str],
        coloured: frozenset[str] = frozenset(),
        struck: frozenset[str] = frozenset(),
    ) -> None:
        self.view, self.styles, self.z, self.part = view, styles, z, part
        #: the style indexes (as written) whose text no one sees
        self.unseen = unseen
        #: the style indexes whose white runs are seen as the rest (dark fill, white font)
        self.coloured = coloured
        #: the style indexes whose font is struck out
        self.struck = struck
        #: the style indexes (as written) whose number format is not General
        self.formatted = {
            str(i): code
            for i, code in enumerate(styles)
            if code and code.strip().lower() not in _AS_GENERAL
        }
        self.r = 0  #: the current row, one-based as in the file
        self.ref: str | None = None  #: the last cell reference of the row
        self.after = 0  #: cells since it

    def start(self, name: str, a: dict[str, str]) -> None:
        if name == "c":  # the commonest element first, unprefixed as every writer has it
            self.cell(a)
            return
        tag = local(name)
        view = self.view
        if tag == "c":
            self.cell(a)
        elif tag == "row":
            rv = a.get("r", "")
            self.r = row_number(rv) if rv.isdigit() else self.r + 1
            self.ref, self.after = None, 0
            la = local_attrs(a)
            if _on(la.get("hidden")) or _below(la.get("ht"), MIN_ROW_HEIGHT):
                view.hidden_rows.add(self.r - 1)
            elif la.get("ht") is not None:
                view.shown_rows.add(self.r - 1)  # a height of its own: shown by default
        elif tag == "col":
            la = local_attrs(a)
            lo, hi = la.get("min", ""), la.get("max", "")
            hidden = _on(la.get("hidden")) or _below(la.get("width"), MIN_COLUMN_WIDTH)
            if hidden and lo.isdigit() and hi.isdigit():
                first, last = int(lo[:6]), min(int(hi[:6]), MAX_COLS)
                view.hidden_cols.update(range(first - 1, last))
        elif tag == "mergeCell":
            found = _range(local_attrs(a).get("ref", ""))
            if found is not None:
                if len(view.merges) >= MAX_MERGES:
                    raise self.z.error("sheet-too-many-merges", part=self.part, limit=MAX_MERGES)
                view.merges.append(found)
        elif tag == "sheetFormatPr":
            view.rows_hidden_by_default = _on(local_attrs(a).get("zeroHeight"))

    def cell(self, a: dict[str, str]) -> None:
        """A cell's number format where it has one, and whether no one sees its text. A
        cell without a reference follows the previous cell of its row; the column is
        worked out only where it is needed."""
        ref = a.get("r")
        if ref is not None:
            self.ref, self.after = ref, 0
        else:
            self.after += 1
        style = a.get("s", "0")
        code = self.formatted.get(style)
        unseen = style in self.unseen
        coloured = style in self.coloured
        struck = style in self.struck
        if code is None and not unseen and not coloured and not struck:
            return
        at = self.at(ref)
        if at[0] < MAX_ROWS and at[1] < MAX_COLS:
            if code is not None:
                self.view.formats[at] = code
            if unseen:
                self.view.unseen.add(at)
            if coloured:
                self.view.coloured.add(at)
            if struck:
                self.view.struck.add(at)

    def at(self, ref: str | None) -> tuple[int, int]:
        """The current cell's place (zero-based row and column)."""
        m = _REF.fullmatch(self.ref) if self.ref is not None else None
        if m is not None:
            at = (row_number(m.group(2)) - 1, column_index(m.group(1)) + self.after)
            if ref is None:
                at = (self.r - 1, at[1])
        else:
            at = (self.r - 1, self.after - 1)
        return at


#: number formats that show a number as General does (``@``: text, a typed number shown
#: as it is)
_AS_GENERAL = frozenset({"general", "@", '"general"'})


def _on(value: str | None) -> bool:
    return value is not None and value.strip().lower() in ("1", "true")


#: A row lower than this (points) shows no text a person can read (a row squeezed to a
#: sliver instead of hidden: ``ht="0.75"``, a pixel); a column narrower than this
#: (characters) shows no digit (a number that does not fit shows ``#``, or nothing).
MIN_ROW_HEIGHT = 3.0
MIN_COLUMN_WIDTH = 1.0


def _below(value: str | None, least: float) -> bool:
    try:
        return value is not None and float(value) < least
    except ValueError:
        return False


_DATA_START = re.compile(rb"<(?:[\w.-]+:)?sheetData\b")
_DATA_END = re.compile(rb"</(?:[\w.-]+:)?sheetData\s*>")
_HIDDEN = re.compile(rb"\bhidden\s*=\s*[\"']\s*(?:1|true)", re.I)
#: a height below :data:`MIN_ROW_HEIGHT` (0, 0.75, 2.5; a sign or an exponent: parsed)
_ZERO_HEIGHT = re.compile(
    rb"\bht\s*=\s*[\"']\s*(?:0*[0-2](?:\.\d*)?|\.\d*|[^\"']*[^\d.\"'\s][^\"']*)\s*[\"']"
)
_STYLE = re.compile(rb"\bs\s*=\s*[\"']\s*(\d{1,9})")


def _layout_part(data: bytes, formatted: dict[str, str] | frozenset[str]) -> bytes:
    """What of a sheet part the layout pass needs to parse: all of it where its cells'
    data may hide a row or give a cell one of the ``formatted`` styles (a number format,
    an unseen ink), else the part without its
    ``sheetData`` (columns, merges and the default row height stand outside it), so that
    a sheet of many styled cells costs one byte search, not an expat event a cell. Only
    a plain part (no comment, CDATA, processing instruction) is cut."""
    start = _DATA_START.search(data)
    end = _DATA_END.search(data, start.end()) if start is not None else None
    if start is None or end is None or b"zeroHeight" in data or not is_plain(data):
        return data  # (rows hidden by default: the rows listed are the ones shown)
    body = data[start.end() : end.start()]
    if _HIDDEN.search(body) or _ZERO_HEIGHT.search(body):
        return data
    if "0" in formatted:
        return data  # (the style of a cell that names none)
    if formatted and any(m.decode() in formatted for m in set(_STYLE.findall(body))):
        return data
    return data[: start.start()] + data[end.end() :]


def _white_run(value: object) -> bool:
    """Whether a value is a string with a white rich text run marked in it."""
    return isinstance(value, str) and WHITE in value


_FULL_CALC = re.compile(
    rb"<(?:[\w.-]+:)?calcPr\b[^>]*?\bfullCalcOnLoad\s*=\s*[\"']\s*(?:1|true)\s*[\"']", re.I
)


def _full_calc_on_load(z: SafeZip) -> bool:
    """Whether the workbook asks for every formula to be computed when it is opened."""
    data = part_bytes(z, "xl/workbook.xml", shared=True)
    return data is not None and _FULL_CALC.search(data) is not None


def sheet_views(path: Path) -> list[SheetView]:
    """Every worksheet of an .xlsx/.xlsm file as shown, in workbook order.

    Raises:
        WorkbookFormatError: the file is not such a workbook, is corrupt, or is hostile.
    """
    sheets = read_sheets(path, white_runs=True)
    z = SafeZip(path)
    try:
        _date1904, listed = _workbook(z)
        recalculated = _full_calc_on_load(z)
        targets = _targets(z)
        styles, unseen, coloured, struck = _style_formats(z)
        out: list[SheetView] = []
        for i, a in enumerate(listed):
            name = unescape_escapes(a.get("name", "")) or f"Sheet{i + 1}"
            sheet = sheets.get(name)
            if sheet is None:
                continue  # a chart sheet: no cells
            part = targets.get(a.get("id", "")) or f"xl/worksheets/sheet{i + 1}.xml"
            view = SheetView(
                sheet, visible=a.get("state", "visible") == "visible", recalculated=recalculated
            )
            data = part_bytes(z, part)
            if data is not None and view.visible:
                # (the coloured cells matter only where a white run is marked)
                fills = coloured if any(map(_white_run, sheet.cells.values())) else frozenset()
                layout = _Layout(view, styles, z, part, unseen, fills, struck)
                marked = unseen | fills | struck | layout.formatted.keys()
                parse(z, part, _layout_part(data, frozenset(marked)), layout.start)
            shown_values(sheet.cells, view.coloured)
            out.append(view)
        return out
    finally:
        z.close()
