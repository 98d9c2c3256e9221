"""A worksheet part's cells: values (zero-based ``(row, col)``) and formulas.

Two readers, one cell decoder (:func:`store`):

- the byte scanner (:func:`_fast_cells`), one regex pass over a *plain* part (see
  :func:`zfxxgk.xlsx.xmltext.is_plain`: no CDATA, comment, processing instruction or
  DTD) whose cells all have the shape every common writer uses (``<c r="A1" s="1"
  t="s">``, unprefixed, with their reference). In such a part every ``<`` starts a tag
  and the pattern matches whole start tags, so it finds what a parser finds; cells
  whose content is not a lone ``<v>``, a plain formula or a one-run inline string are
  decoded by expat;
- expat (:class:`_ExpatSheet`) for every other part.

Both agree on every well-formed part (tests/test_hostile_xlsx.py compares them, and
openpyxl, on generated parts). Only the first rows and columns are kept.

Measured (benchmarks/bench_parsers.py): the byte scanner is 4.6–7.4× faster than expat
per sheet on our templates, a filled workbook and LibreOffice re-saves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from operator import itemgetter
from typing import Any, NamedTuple

import attrs

from zfxxgk.xlsx.refs import column_index
from zfxxgk.xlsx.richruns import TAGS as RUN_TAGS
from zfxxgk.xlsx.richruns import RunAlign, plain_chars, unescaped
from zfxxgk.xlsx.safezip import SafeZip
from zfxxgk.xlsx.xmltext import is_plain, local, parse, xml_unescape

#: The tables sit at the top left; cells further out are not looked at.
MAX_ROWS = 1000
MAX_COLS = 80

#: Whole numbers of more digits than this are read as floats (inf when huge): Python
#: refuses to convert more than 4300 digits, and no report's count has 20.
_MAX_DIGITS = 300

_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")


@attrs.define
class Sheet:
    """One worksheet's values (zero-based ``(row, col)``) and its formula cells.

    ``blank_results``: the formula cells whose stored result is the empty string (``t="str"``
    with ``<v></v>`` or ``<v/>``), told apart from those with no stored result (no
    ``<v>``, or an empty one of another type: what openpyxl writes, never computed).
    Neither kind has a value in ``cells``.
    """

    name: str
    state: str = "visible"
    cells: dict[tuple[int, int], Any] = attrs.field(factory=dict)
    formulas: dict[tuple[int, int], str] = attrs.field(factory=dict)
    truncated: bool = False
    blank_results: set[tuple[int, int]] = attrs.field(factory=set)


@attrs.frozen
class CellErrorValue:
    """A spreadsheet error shown in a cell, such as #DIV/0! or #REF!."""

    code: str

    def __str__(self) -> str:
        return self.code


class Context(NamedTuple):
    """What a cell's value needs besides the cell: the shared strings, the date styles
    (a tuple: one is made for every sheet read)."""

    strings: Sequence[str]
    dates: frozenset[bytes]
    date1904: bool
    z: SafeZip
    part: str


def number(text: str) -> int | float:
    try:
        if text.lstrip("-").isdigit() and len(text) <= _MAX_DIGITS:
            return int(text)
        return float(text)
    except ValueError:
        return float("nan")


def serial_date(value: float, date1904: bool) -> dt.datetime | float:
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    try:
        return base + dt.timedelta(days=value)
    except (OverflowError, ValueError):
        return value


def row_number(digits: str | bytes) -> int:
    """A row number; one of more than nine digits is beyond any sheet (and than the
    digits Python converts), so it counts as far out."""
    return int(digits) if len(digits) <= 9 else 10**9


def _missing_string(sheet: Sheet, z: SafeZip) -> Exception:
    return z.error("shared-string-missing", sheet=sheet.name)


def store(
    sheet: Sheet,
    at: tuple[int, int],
    a: dict[str, str],
    formula: str | None,
    v: str | None,
    inline: str | None,
    context: Context,
) -> None:
    """The one cell decoder: keep a cell's formula and value; its type (``t``) and style
    (``s``) decide what the stored text means."""
    if formula is not None:
        sheet.formulas[at] = formula
    t = a.get("t", "n")
    value: Any = None
    if t == "inlineStr":
        value = inline
    else:
        if v is None:
            return
        if v == "" and t not in ("s", "str", "inlineStr"):
            return  # <v></v>: a formula whose result was never stored
        if v == "" and t == "str" and formula is not None:
            sheet.blank_results.add(at)  # a stored result: the empty string
            return
        if t == "s":
            try:
                value = context.strings[_index(v)]
            except (ValueError, IndexError):
                raise _missing_string(sheet, context.z) from None
        elif t in ("str", "d"):
            value = v
        elif t == "b":
            value = v.strip() in ("1", "true")
        elif t == "e":
            value = CellErrorValue(v)
        else:
            value = number(v.strip())
            s = a.get("s", "")
            if (
                s.isdigit()
                and len(s) <= 9
                and str(int(s)).encode() in context.dates
                and isinstance(value, int | float)
            ):
                value = serial_date(float(value), context.date1904)
    if value is not None and value != "":
        sheet.cells[at] = value


class _CellText:
    """Collects a cell's ``<v>``, ``<f>`` and inline string text from expat events
    (only local names count; phonetic runs are a reading aid, not the text)."""

    def __init__(self) -> None:
        self.text: dict[str, list[str]] = {}
        self.into: list[str] | None = None
        self.phonetic = 0
        self.run = RunAlign()  #: a rich text run raised (a mark) or white (junk)

    def start(self, tag: str, a: dict[str, str] | None = None) -> None:
        if tag == "rPh":
            self.phonetic += 1
        elif tag in ("v", "f") or (tag == "t" and not self.phonetic):
            self.into = self.text.setdefault("is" if tag == "t" else tag, [])
        elif tag in RUN_TAGS:
            self.run.start(tag, a or {})

    def end(self, tag: str) -> None:
        if tag == "rPh":
            self.phonetic -= 1
        elif tag in ("v", "f", "t"):
            self.into = None
        elif tag == "r":
            self.run.end(tag)

    def chars(self, data: str) -> None:
        if self.into is not None:
            run = self.run
            data = plain_chars(data)
            self.into.append(run.text(data) if run.align or run.white or run.strike else data)

    def parts(self) -> tuple[str | None, str | None, str | None]:
        """(formula, value, inline string)."""
        got = {k: "".join(v) for k, v in self.text.items()}
        inline = got.get("is")
        if inline is not None:
            inline = unescaped(inline)  # (white runs marked: richruns)
        return got.get("f"), got.get("v"), inline


class _ExpatSheet:
    """A sheet part parsed by expat. Positions as openpyxl reads them: a cell with a
    reference sits there; one without follows the previous cell of its row."""

    def __init__(self, sheet: Sheet, context: Context) -> None:
        self.sheet, self.context = sheet, context
        self.r = 0  #: the current row, one-based as in the file
        self.c = 0  #: the current column, one-based
        self.cell: dict[str, str] | None = None
        self.at = (0, 0)
        self.collect = _CellText()

    def read(self, data: bytes) -> None:
        parse(self.context.z, self.context.part, data, self.start, self.end, self.chars)

    def start(self, name: str, a: dict[str, str]) -> None:
        tag = local(name)
        if tag == "row":
            rv = a.get("r", "")
            self.r = row_number(rv) if rv.isdigit() else self.r + 1
            self.c = 0
        elif tag == "c":
            ref = _CELL_REF.fullmatch(a.get("r", ""))
            if ref:
                self.c = column_index(ref.group(1)) + 1
                at = (row_number(ref.group(2)) - 1, self.c - 1)
            else:
                self.c += 1
                at = (self.r - 1, self.c - 1)
            self.cell, self.at, self.collect = a, at, _CellText()
        elif self.cell is not None:
            self.collect.start(tag, a)

    def end(self, name: str) -> None:
        tag = local(name)
        if tag == "c" and self.cell is not None:
            formula, v, inline = self.collect.parts()
            r, c = self.at
            if 0 <= r < MAX_ROWS and c < MAX_COLS:
                store(self.sheet, self.at, self.cell, formula, v, inline, self.context)
            elif v is not None or inline is not None:
                self.sheet.truncated = True  # a value is left out
            self.cell = None
        elif self.cell is not None:
            self.collect.end(tag)

    def chars(self, data: str) -> None:
        self.collect.chars(data)


def _inner(context: Context, inner: bytes) -> tuple[str | None, str | None, str | None]:
    """A cell's content (from the byte scanner) decoded by expat, as :class:`_ExpatSheet`
    decodes it."""
    collect = _CellText()
    parse(
        context.z,
        context.part,
        b"<c>" + inner + b"</c>",
        lambda name, a: collect.start(local(name), a),
        lambda name: collect.end(local(name)),
        collect.chars,
    )
    return collect.parts()


#: The shape every common writer uses: r first, then s, then t (Excel, LibreOffice, WPS,
#: openpyxl, xlsxwriter), and nothing else. A lone value is its own group:
#: (ref, s, t, value, inner). The content runs to the first ``</c>``, spelt as runs of
#: non-``<`` bytes (a lazy ``.*?`` costs a test at every byte: twice the time). Every
#: repeat is possessive: giving back what one took could never make a match (each is
#: followed by a byte it cannot hold), and a self-closing ``<c …/>`` then fails at once
#: instead of after backtracking (a third of the time). Python 3.10 has no possessive
#: repeats: it gets the same pattern with plain ones (the same matches).
_CELL_PATTERN = (
    rb'<c r="([A-Z]{1,3}+\d++)"(?: s="(\d++)")?+(?: t="(\w++)")?+\s*+>'
    rb"(?:<v>([^<]++)</v></c>|([^<]*+(?:<(?!/c>)[^<]*+)*+)</c>)"
)


def plain_repeats(pattern: bytes) -> bytes:
    """The pattern with its possessive repeats made plain (for Python 3.10)."""
    return (
        pattern.replace(b"++", b"+").replace(b"*+", b"*").replace(b"?+", b"?").replace(b"}+", b"}")
    )


try:
    _ORDERED_CELL = re.compile(_CELL_PATTERN, re.S)
except re.error:  # pragma: no cover - Python 3.10
    _ORDERED_CELL = re.compile(plain_repeats(_CELL_PATTERN), re.S)
_PREFIXED = re.compile(rb"<[\w.-]+:c\b")
_COLON_C = re.compile(rb":c")  #: the rare pair a prefixed cell needs (re: faster than "in")
_PLAIN_FORMULA = re.compile(rb"<f>([^<]*)</f>(?:<v>([^<]*)</v>)?")
#: An inline string of one run, as openpyxl and our fill write it.
_PLAIN_INLINE = re.compile(rb'<is><t(?: xml:space="preserve")?>([^<]*)</t></is>')

#: formula bytes → text: the same formulas recur in every workbook filled from one
#: template (a pure function of the bytes, as the places are)
_FORMULAS: dict[bytes, str] = {}

#: cell reference → zero-based (row, col): the same few hundred references recur in
#: every workbook filled from one template (a pure function of the reference)
_PLACES: dict[bytes, tuple[int, int]] = {}


def _place(ref: bytes) -> tuple[int, int]:
    """A reference's zero-based (row, col); kept for the next time when it is read."""
    digits = ref.lstrip(_LETTERS)
    letters = ref[: len(ref) - len(digits)]
    row = row_number(digits) - 1
    if row >= MAX_ROWS or len(letters) > 2:
        return (row, MAX_COLS)  # far out: not worth a place in the table
    at = (row, column_index(letters.decode()))
    if row >= 0 and at[1] < MAX_COLS:  # only places inside the bounds are kept
        _PLACES[ref] = at
    return at


_LETTERS = bytes(range(ord("A"), ord("Z") + 1))


def _index(v: str | bytes) -> int:
    """A shared string's index: a whole number from 0 (-1 is no index from the end)."""
    i = int(v)
    if i < 0:
        raise IndexError(i)
    return i


def _text(context: Context, data: bytes) -> str:
    try:
        return xml_unescape(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise context.z.error("part-not-utf8", part=context.part) from None


def _fast_cells(data: bytes, sheet: Sheet, context: Context) -> bool:
    """Every cell of a plain part in one regex pass over its bytes.

    Returns False (having changed nothing) when the part needs expat.
    """
    end = data.rfind(b"</c>")
    if end < 0 or not is_plain(data) or (_COLON_C.search(data) and _PREFIXED.search(data)):
        return False
    cells: dict[tuple[int, int], Any] = {}
    out = Sheet(sheet.name, sheet.state, cells)
    places = _PLACES
    if len(places) > 200_000:
        places.clear()
    # only cells with content matter; each ends with </c>, so all are found when the
    # matches are as many as the closing tags (a cell in a cell makes them fewer). The
    # part is scanned in windows that end just after a </c> (no cell straddles two),
    # so a large sheet costs no list of all its cells.
    seen = 0
    pos = 0
    while pos < end + 4:
        stop = data.find(b"</c>", pos + _WINDOW)
        stop = end + 4 if stop < 0 else stop + 4
        found = _ORDERED_CELL.findall(data, pos, stop)
        pos = stop
        seen += len(found)
        # an element named like a cell inside a cell: the contents are searched at once,
        # joined by a byte that no name holds (prefixed cells were looked for above)
        if b"<c" in b"\0".join(map(_INNER, found)):
            return False
        _decode(found, out, context)
    if seen != data.count(b"</c>"):
        return False
    sheet.cells, sheet.formulas, sheet.truncated = cells, out.formulas, out.truncated
    sheet.blank_results = out.blank_results
    return True


_INNER = itemgetter(4)

#: Bytes of a sheet part scanned at a time.
_WINDOW = 1 << 20


def _decode(found: list[tuple[bytes, ...]], out: Sheet, context: Context) -> None:
    """The cells the byte scanner found, decoded into ``out``."""
    cells = out.cells
    places = _PLACES
    dates = context.dates
    strings = context.strings
    for ref, s, t, v, inner in found:
        at = places.get(ref)  # a kept place is inside the bounds
        if at is None:
            at = _place(ref)
            if not (0 <= at[0] < MAX_ROWS and at[1] < MAX_COLS):
                if not out.truncated and (v or inner):  # a value is left out
                    out.truncated = bool(v) or any(
                        x is not None for x in _inner(context, inner)[1:]
                    )
                continue
        if v and v.isdigit():  # digits (no reference): the commonest two kinds first
            if not t:
                if len(v) <= _MAX_DIGITS and (not dates or s not in dates):
                    cells[at] = int(v)
                    continue
            elif t == b"s":
                try:
                    text_value = strings[int(v)]
                except (ValueError, IndexError):
                    raise _missing_string(out, context.z) from None
                if text_value:
                    cells[at] = text_value
                continue
        if v and b"&" not in v:
            if not t or t == b"n":
                if not dates or s not in dates:
                    cells[at] = (
                        int(v)
                        if v.isdigit() and len(v) <= _MAX_DIGITS
                        else number(v.decode("ascii", "replace"))
                    )
                    continue
            elif t == b"s":
                try:
                    text_value = context.strings[_index(v)]
                except (ValueError, IndexError):
                    raise _missing_string(out, context.z) from None
                if text_value:
                    cells[at] = text_value
                continue
        if v:
            store(out, at, _attrs(ref, s, t), None, _text(context, v), None, context)
        elif inner[:3] == b"<f>" and (f := _PLAIN_FORMULA.fullmatch(inner)) is not None:
            raw, result = f.group(1, 2)
            formula = _FORMULAS.get(raw)
            if formula is None:
                formula = _text(context, raw)
                if len(_FORMULAS) < 4096:
                    _FORMULAS[raw] = formula
            if t == b"str" and result is not None:  # a text result (or ""), as store()
                out.formulas[at] = formula
                if result:
                    if value := _text(context, result):
                        cells[at] = value
                else:
                    out.blank_results.add(at)
            elif not t and result and result.isdigit() and len(result) <= _MAX_DIGITS and not dates:
                out.formulas[at] = formula  # a whole number, as store() reads it
                cells[at] = int(result)
            else:
                result_text = None if result is None else _text(context, result)
                store(out, at, _attrs(ref, s, t), formula, result_text, None, context)
        elif t == b"inlineStr" and (m := _PLAIN_INLINE.fullmatch(inner)) is not None:
            if value := plain_chars(unescaped(_text(context, m.group(1)))):  # as store()
                cells[at] = value
        else:
            store(out, at, _attrs(ref, s, t), *_inner(context, inner), context)


def _attrs(ref: bytes, s: bytes, t: bytes) -> dict[str, str]:
    """A scanned cell's attributes, as expat gives them to :func:`store`."""
    a = {"r": ref.decode()}
    if t:
        a["t"] = t.decode()
    if s:
        a["s"] = s.decode()
    return a


def read_sheet(data: bytes, sheet: Sheet, context: Context) -> Sheet:
    """Fill ``sheet`` from its part's UTF-8 bytes (DTDs refused before)."""
    if not _fast_cells(data, sheet, context):
        _ExpatSheet(sheet, context).read(data)
    return sheet
