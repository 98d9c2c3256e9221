"""Reading published reports (text, Markdown, HTML, Word) into the same objects.

The document's rows are laid out as one sheet and the tables are found by their labels
with the same discovery and label normaliser as workbooks. Then every row is aligned:
its values go to the table's columns by position only where positions are certain (HTML
and Word cells; tab-separated text whose values stand under their headers), else by
count when a row carries exactly one value per column. A row with fewer values than
columns is never left-aligned: its cells stay absent and a warning names the row.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any

import attrs

from zfxxgk.core.cellread import read_cell, unit_from_suffix
from zfxxgk.core.cellvalue import unmarked
from zfxxgk.core.check import CheckResult, check
from zfxxgk.core.discover import Found, Place, discover, looks_like_value
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.labels import normalize
from zfxxgk.core.layout import Column, Edition, FieldPath, Kind, block_parts
from zfxxgk.core.model import AnnualReport, CellSource, Provenance
from zfxxgk.core.recordbase import is_typed, set_typed
from zfxxgk.errors import CellValueError, LayoutError, ReportValueError
from zfxxgk.noteparams import Setting, Term
from zfxxgk.notes import Note, without_code
from zfxxgk.published.copies import differing
from zfxxgk.published.footmarks import rows_unmarked
from zfxxgk.published.header_scope import HeaderScope
from zfxxgk.published.narrative import narrative_notes
from zfxxgk.published.other_years import this_years_rows
from zfxxgk.published.raised import unraised
from zfxxgk.published.source import Source, TextRow
from zfxxgk.published.textsource import load_source
from zfxxgk.xlsx.cells import Sheet
from zfxxgk.xlsx.files import check_input
from zfxxgk.xlsx.refs import cell_ref, parse_ref

SHEET = "正文"
#: The name of the one sheet the document's rows are laid out on while it is read: no
#: workbook's sheet (a name with a slash, which Excel and Calc refuse and no file's stem
#: holds), so that a note of a workbook whose sheet is named 正文 keeps its sheet.
_GRID = "正文/"


@attrs.frozen
class ParseResult:
    """A parsed report, what had to be interpreted, and its check result."""

    report: AnnualReport
    notes: tuple[Note, ...]
    warnings: tuple[Note, ...]
    check: CheckResult
    kind: str  #: txt, md, html, docx or pdf

    def to_dict(self) -> dict[str, Any]:
        """The canonical report with the parse notes and warnings in ``meta.notes``."""
        data = self.report.to_dict()
        meta = data.setdefault("meta", {})
        meta["notes"] = [*meta.get("notes", []), *map(str, self.warnings), *map(str, self.notes)]
        return data


# ---------------------------------------------------------------------- metadata

_TITLE = re.compile(
    r"(?P<agency>[^\s，。、：:]{2,60}?)\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*"
    r"(?:[^\s]{0,10}?)政府信息公开(?:工作)?年度?报告"
)
_YEAR_ONLY = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年度?\s*政府信息公开(?:工作)?年度?报告")
_LABEL_PREFIX = re.compile(r"^(?:标题|题目|title)\s*[:：]\s*", re.I)


def title_metadata(rows: Iterable[TextRow]) -> tuple[str | None, int | None]:
    """The agency and year from the title in the first lines of a report."""
    # a title is short: the first 1000 characters of a line are enough, and bound the
    # search on a page whose text is one long line
    lines = [
        _LABEL_PREFIX.sub("", " ".join(c for c in r.cells if c).strip()[:1000])
        for r in list(rows)[:12]
    ]
    lines = [x for x in lines if x]
    for i, line in enumerate(lines):
        tight = line.replace(" ", "")
        m = _YEAR_ONLY.match(tight)
        if m and _LISTED.search(tight, m.end()):
            continue
        if m and i > 0 and len(lines[i - 1]) <= 40:
            return lines[i - 1].strip(), int(m.group("year"))
        m = _TITLE.search(tight)
        if m and not _LISTED.search(tight, m.end()):
            return m.group("agency").strip(), int(m.group("year"))
    return None, None


#: What follows a title in a list of articles (a sidebar's, related articles): its date,
#: its clicks; such a line is a link to a report, not the report's title.
_LISTED = re.compile(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|点击|浏览|阅读")


# ---------------------------------------------------------------------- rows → sheet


def as_sheet(source: Source) -> tuple[Sheet, dict[int, TextRow]]:
    """The document's rows as one sheet (row i, cell j), and which source row each is
    (a label's footnote marks dropped: :mod:`~zfxxgk.published.footmarks`)."""
    rows = dict(enumerate(rows_unmarked(source.rows)))
    blank = "\u00a0\u3000 \t\r\n"
    cells = {
        (i, j): cell
        for i, row in rows.items()
        for j, cell in enumerate(row.cells)
        if cell and cell.strip(blank)
    }
    return Sheet(_GRID, cells=cells), rows


@functools.cache
def _part_columns(edition_id: str) -> dict[tuple[str, str], tuple[Column, ...]]:
    out: dict[tuple[str, str], tuple[Column, ...]] = {}
    for table in EDITIONS[edition_id].tables:
        for block in table.blocks:
            for part, cols, _row in block_parts(block):
                out[(table.key, part)] = cols
    return out


def _row_columns(edition_id: str) -> dict[tuple[str, str], tuple[Column, ...]]:
    """The columns of each row part, as ``align`` tells rows of one shape by them (a
    test makes it tell none, to hold the judgements kept per shape to those per row)."""
    return _part_columns(edition_id)


@functools.cache
def _part_fields(edition_id: str) -> dict[tuple[str, str], tuple[FieldPath, ...]]:
    """The fields of each row part, in the order of its columns."""
    return {
        (t, part): tuple((t, part, c.key) for c in cols)
        for (t, part), cols in _part_columns(edition_id).items()
    }


@functools.cache
def _column_groups(edition_id: str) -> dict[FieldPath, str]:
    """The group label over each field's column (法人或其他组织 over 商业企业), or ""."""
    return {
        (t, part, c.key): c.path[-2] if len(c.path) > 1 else ""
        for (t, part), cols in _part_columns(edition_id).items()
        for c in cols
    }


@functools.cache
def _groups_over(edition_id: str, parts: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The normal group labels over a row's columns, in the table's order (行政复议,
    行政诉讼, 未经复议直接起诉, 复议后起诉)."""
    columns = _part_columns(edition_id)
    labels = [g for key in parts for c in columns.get(key, ()) for g in c.path[:-1]]
    return tuple(normalize(g) for g in dict.fromkeys(labels))


def align(
    found: Found, sheet: Sheet, rows: dict[int, TextRow]
) -> tuple[set[FieldPath], list[Note]]:
    """Check each located row's values against its columns; fix or blank what is unsure.

    A value goes to a column only where one reading proves it: the geometry (the row's
    cells stand under the columns' headers, each header in a column of its own) or the
    order (the row's cells after its label are as many as the columns, or its values are
    one unbroken run as long, and no header found contradicts the table's order). Where
    no reading holds, or two disagree, the row is left blank with a warning naming it.

    Returns the fields to read as absent, and the warnings.
    """
    official = _part_fields(found.edition.id)
    official_sets = _part_field_sets(found.edition.id)
    by_row: dict[int, list[tuple[str, str]]] = {}
    for key, place in found.rows.items():
        by_row.setdefault(place.row, []).append(key)
    blank: set[FieldPath] = set()
    warnings: list[Note] = []
    # the located cells of each row part, and the cells of each sheet row, indexed once
    of_part: dict[tuple[str, str], list[FieldPath]] = {}
    for p in found.cells:
        of_part.setdefault(p[:2], []).append(p)
    in_row: dict[int, list[tuple[int, Any]]] = {}
    for (rr, c), v in sheet.cells.items():
        if rr in by_row:
            in_row.setdefault(rr, []).append((c, v))
    heads = found.heads
    group_of = _column_groups(found.edition.id)
    grouped: dict[Hashable, bool] = {}  # by the row's signature
    wider: dict[Hashable, int | None] = {}  # the same
    wider_of: dict[tuple[int, frozenset[str]], int | None] = {}  # by header
    reordered: set[Hashable] = set()  # the same
    under = _Groups(rows)
    scope = HeaderScope(rows, sheet.cells)
    is_value = _Looks().__getitem__  # the few cell texts of a table, judged once each
    value_or_blank = _Judged().__getitem__  # the same, of value or blank

    made: dict[tuple[tuple[str, str], ...], list[FieldPath]] = {}  # each row's, once

    def expected_of(parts: list[tuple[str, str]]) -> list[FieldPath]:
        key_parts = tuple(parts)
        if key_parts not in made:
            made[key_parts] = _expected(parts)
        return made[key_parts]

    def _expected(parts: list[tuple[str, str]]) -> list[FieldPath]:
        expected: list[FieldPath] = []
        for key in parts:
            expected += official[key]
            # the part's other located cells (its optional columns): a field of a part
            # is never another part's
            # (one located on a row of its own, as a template's 采购总金额的单位, is that
            # row's cell: not a column of this one)
            mine, row = official_sets[key], found.rows[key].row
            expected += [
                p for p in of_part.get(key, ()) if p not in mine and found.cells[p].row == row
            ]
        return expected

    # the rows under one header where a row's values stand past its headers' last column
    # (not under a header of their own): its labels or spans moved the values right, in
    # that row and maybe in the others, whose blanks hide it; the headers' geometry
    # proves no row under that header
    # (the headers found over each row's fields: see _HeadsFound)
    found_heads = _HeadsFound(heads, expected_of)
    heads_over = found_heads.over
    header_of = found_heads.rows
    in_table_order = found_heads.ordered

    columns_of = _row_columns(found.edition.id)

    def signature(part_set: tuple[tuple[str, str], ...], n: int, hid: int) -> Hashable:
        # what the judgements of a row below see besides its own cells: its headers, its
        # columns and how many fields it has (its part's optional ones after them); the
        # rows of a block share it (their parts' one tuple of columns, kept with the
        # editions, told by identity); a row of several parts is its own
        cols = columns_of.get(part_set[0]) if len(part_set) == 1 else None
        return part_set if cols is None else (hid, id(cols), n)

    def wider_for(
        part_set: tuple[tuple[str, str], ...], expected: list[FieldPath], sig: Hashable
    ) -> int | None:
        # rows under one header share its answer: judged once per header and labels
        if sig not in wider:
            known_labels = _labels_of(found.edition.id, part_set)
            head_key = (heads_over(part_set), known_labels)
            if head_key not in wider_of:
                wider_of[head_key] = _wider_header(expected, heads, rows, known_labels)
            wider[sig] = wider_of[head_key]
        return wider[sig]

    held_of: dict[tuple[int, tuple[str | None, ...]], bool] = {}

    def groups_hold(expected: list[FieldPath], hs: dict[FieldPath, Place]) -> bool:
        # only a header found under a group's label is judged
        judged = [(h, g) for p in expected if (h := hs.get(p)) and (g := group_of.get(p))]
        return all(under.holds(h, g) for h, g in judged)

    def groups_hold_at(expected: list[FieldPath], hid: int) -> bool:
        # groups_hold of the headers found, once per headers and their groups
        key = (hid, tuple(map(group_of.get, expected)))
        if key not in held_of:
            held_of[key] = groups_hold(expected, heads)
        return held_of[key]

    # the value cells of each row past its label (by column), found once for both passes
    row_values: dict[int, list[tuple[int, Any]]] = {}

    def values_of(r: int, label_col: int) -> list[tuple[int, Any]]:
        if r not in row_values:
            row_values[r] = sorted(
                (c, v) for c, v in in_row.get(r, ()) if c > label_col and is_value(v)
            )
        return row_values[r]

    extents: dict[tuple[int, ...], tuple[int, int] | None] = {}  # by header rows
    leading: dict[tuple[Any, ...], Any] = {}
    unknown_at: dict[tuple[int, int, frozenset[str]], tuple[int, ...]] = {}  # the same
    slid: set[tuple[int, ...]] = set()
    spans_of: dict[Hashable, _Spans] = {}  # by the row's signature: see _in_own_spans
    doubled: set[tuple[int, ...]] = set()  # headers a row holds two values under one of
    # each row's label column, fields, parts and headers, for both passes
    plan: dict[int, tuple[int, list[FieldPath], tuple[tuple[str, str], ...], int, Hashable]] = {}
    for r, parts in by_row.items():
        label_col = max(found.rows[k].col for k in parts)
        expected = expected_of(parts)
        part_set = tuple(parts)
        hid = heads_over(part_set)
        sig = signature(part_set, len(expected), hid)
        plan[r] = (label_col, expected, part_set, hid, sig)
        header = header_of(hid)
        cols = {spot.col for p in expected if (spot := found.cells.get(p)) is not None}
        if len(cols) < len(expected) or header in slid:
            continue
        mine = values_of(r, label_col)  # by their columns: the first and last tell
        if sig not in spans_of:
            spans_of[sig] = _spans_of(expected, heads, rows, header)
        if _two_under_one(mine, spans_of[sig][0]) and groups_hold_at(expected, hid):
            doubled.add(header)
        if mine and mine[-1][0] > max(cols):
            if wider_for(part_set, expected, sig) is None:
                slid.add(header)
        elif mine and mine[0][0] < min(cols) and r in rows:
            # values left of the headers: a row as wide as its headers' rows was moved
            # left (a row too short, a merged label written once, is not)
            widths = [rows[h].end() for h in header if h in rows]
            if widths and rows[r].end() >= max(widths):
                slid.add(header)
    for r, parts in sorted(by_row.items()):
        label_col, expected, part_set, hid, sig = plan[r]
        row = rows.get(r)
        glued = _glued_value(found, sheet, parts)
        by_position = False  # a glued number in a row whose cells stand by their x
        if row is not None and glued is not None:
            names = [f"{t}.{p}" for t, p in parts]
            at_data = {"page": row.page, "table": parts[0][0], "line": row.line}
            held = {"label": glued[0], "value": glued[1], "rows": names, **at_data}
            on, at = _row_place(row, found.edition, parts[0][0])
            if row.reach is None:
                # a number set into the label's cell (a tab stop, a cramped column):
                # which column it was is lost, and the row's other values (in order)
                # are no proof without it
                blank.update(expected)
                warnings.append(Note("label-holds-value", on, at, held))
                continue
            # an unruled PDF row: each other value stands under its header by its x
            # position, and the glued number in a column before the row's first value
            by_position = True
        if row is None:  # the document ends below the headers, before a row of values
            blank.update(expected)
            names = [f"{t}.{p}" for t, p in parts]
            title = found.edition.table(parts[0][0]).title
            ends = {"title": title, "table": parts[0][0], "rows": names}
            warnings.append(Note("ends-after-headers", params=ends))
            continue
        values = values_of(r, label_col)
        located = found.cells
        placed = {p: spot.col for p in expected if (spot := located.get(p)) is not None}
        header = header_of(hid)
        ordered = in_table_order(hid)
        # the row is in another table than its headers: read against its own table's
        local = scope.local(r, expected, heads) if scope.apart(r, header) else None
        if sig not in grouped:
            grouped[sig] = groups_hold_at(expected, hid)
            # group labels in another order than the table's (行政诉讼 before 行政复议):
            # the columns moved with them, and their order proves nothing either
            # (nor where any label over the columns, a footnote mark glued to it or
            # not, stands before one the table has left of it: 总计 before 法人或其他组织)
            if header and not (
                under.in_order(_groups_over(found.edition.id, part_set), header[0] - 3, header[-1])
                and under.spans_in_order(
                    _label_spans(found.edition.id, part_set), header[0] - 3, header[-1]
                )
            ):
                reordered.add(sig)
        in_groups, row_wider = grouped[sig], wider_for(part_set, expected, sig)
        if local is not None:  # judged against the header of the row's own table
            # (a table part keeps the columns of the table it continues: where those
            # stand in another order than the fields', so do its own; a part with no
            # header of its own has the 备注 or 占比 column the table has past its own)
            ordered = _in_order(expected, local) and ordered
            placed = {p: h.col for p, h in local.items()}
            in_groups = groups_hold(expected, local)
            own_wider = _wider_header(expected, local, rows, _labels_of(found.edition.id, part_set))
            row_wider = own_wider if local or own_wider is not None else row_wider
        own = header if local is None else tuple(sorted({h.row for h in local.values()}))
        if own not in extents:
            extents[own] = _header_extent([rows[h] for h in own if h in rows])
        past, merged_once = _off_headers(row, extents[own])
        moved = (bool(slid) and header in slid) or merged_once or (past and row.starts is None)
        readings = _readings(
            row,
            label_col,
            expected,
            placed,
            values,
            ordered,
            in_groups,
            value_or_blank,
            row_wider,
            moved,
            sig in reordered,
            past,
        )
        # a label of a column of its own (备注, 占比) on a header row before its first
        # header found: that column moved before the fields', and may be any column up
        # to its own: no reading that gives a field one of them proves it
        # (rows under the same headers found, of the same labels, share the answer)
        labels = _labels_of(found.edition.id, part_set)
        key_own = (own, part_set) if local is not None else (own, hid, labels)
        if key_own not in leading:
            hs = local if local is not None else heads
            leading[key_own] = _leading_unknown(expected, hs, rows, labels, unknown_at)
        for unknown, before in leading[key_own]:
            past_label = [c for c in unknown if c > label_col]
            if len(past_label) > before:
                readings = [x for x in readings if min(x) > past_label[-1]]
        if row.starts is not None and _short_of(row, extents[own]):
            # a grid row shorter than its headers' rows: a span one row too short above
            # it left its cells one column left of theirs (its last, a layout cell, under
            # 总计): the headers' geometry proves none of its columns
            geometry = [placed.get(p, -1) for p in expected]
            readings = [x for x in readings if list(x) != geometry]
        under_one = False  # (no reading for two values under one header: said so)
        unsure: list[tuple[int, ...]] = []
        if header in doubled and header not in slid:  # none proven: see _two_under_one
            under_one, readings = bool(readings), []
        elif in_groups and not moved and sig not in reordered:  # (their geometry holds)
            span_key = sig if local is None else None  # (a header's rows share its spans)
            if span_key not in spans_of:
                hs = heads if local is None else local
                spans_of[span_key] = _spans_of(expected, hs, rows, own)
            spanned = _in_own_spans(readings, spans_of[span_key], row, label_col)
            under_one, readings = bool(readings) and not spanned, spanned
            spans_of.pop(None, None)
        elif row.starts is not None and row.origin is None and row_wider is None:
            runs = _no_short_runs(readings, row, label_col)
            # (readings that disagreed, none proven now: still said as the two they were)
            unsure = [] if runs else list(dict.fromkeys(tuple(x) for x in readings))
            readings = runs
        distinct = list(dict.fromkeys(tuple(x) for x in readings))
        if by_position and glued is not None:
            at_cols = tuple(placed.get(p, -1) for p in expected)
            if distinct != [at_cols]:  # only the headers' geometry places such a row
                blank.update(expected)
                warnings.append(Note("label-holds-value", on, at, held))
                continue
            first = min((c for c, _ in values), default=row.end())
            lost = [p for p, c in zip(expected, at_cols, strict=True) if c < first]
            blank.update(lost)
            fields = [".".join(p) for p in lost]
            warnings.append(Note("label-holds-value-cells", on, at, {**held, "fields": fields}))
        if len(distinct) > 1 and len({_texts(row, cols) for cols in distinct}) == 1:
            distinct = distinct[:1]  # the readings differ in columns, not in any value
        if len(distinct) == 1 and values and not set(distinct[0]) & {c for c, _ in values}:
            distinct = []  # a reading of none of the row's values: they stand elsewhere
        stray = (
            _stray_text(
                row,
                label_col,
                distinct[0],
                _own_headed(rows, own, labels),
            )
            if len(distinct) == 1
            else None
        )
        if stray is not None:
            # a cell of the row no reading takes holds digits but no value (-47 6.18E+11:
            # two numbers a print ran together, one of them shown rounded): the row's
            # values may stand in it, and no column of the row is proven
            blank.update(expected)
            on, at = _row_place(row, found.edition, parts[0][0])
            names = [f"{t}.{p}" for t, p in parts]
            stray_at: dict[str, Any] = {"label": _row_label(row, found, parts), "text": stray}
            stray_at |= {"rows": names, "page": row.page, "table": parts[0][0], "line": row.line}
            warnings.append(Note("row-stray-text", on, at, stray_at))
            continue
        if len(distinct) == 1:
            cells = found.cells
            for p, c in zip(expected, distinct[0], strict=True):
                old = cells.get(p)
                if old is None or old.col != c or old.row != r or old.sheet != _GRID:
                    cells[p] = Place(_GRID, r, c)
            continue
        blank.update(expected)
        names = [f"{t}.{p}" for t, p in parts]
        label = _row_label(row, found, parts)
        on, at = _row_place(row, found.edition, parts[0][0])
        at_data = {"page": row.page, "table": parts[0][0], "line": row.line}  # ``at`` as data
        if len(distinct) > 1 or len(unsure) > 1:
            shown = [
                _shown(expected, cols, row, found.edition) for cols in (distinct or unsure)[:2]
            ]
            two = {"label": label, "first": shown[0], "second": shown[1], "rows": names, **at_data}
            warnings.append(Note("ambiguous-row", on, at, two))
            continue
        shown_values = [unmarked(str(v)).strip() for _, v in values]
        params = {
            "label": label,
            "count": len(values),
            "values": shown_values,
            "expected": len(expected),
            "rows": names,
            **at_data,
        }
        if under_one:  # (its values as many as its columns, two under one header)
            warnings.append(Note("row-values-one-header", on, at, params))
            continue
        warnings.append(Note("short-row", on, at, params))
    return blank, warnings


class _HeadsFound:
    """The headers found over the expected fields of each row part, told by a number: the
    rows of a block share them, so what they prove (their rows, their order) is judged
    once per header, and a tuple of places is hashed once per row part."""

    def __init__(
        self,
        heads: dict[FieldPath, Place],
        expected_of: Callable[[list[tuple[str, str]]], list[FieldPath]],
    ) -> None:
        self.heads = heads
        self.expected_of = expected_of
        self.ids: dict[tuple[int, ...], int] = {}
        self.of_part: dict[tuple[tuple[str, str], ...], int] = {}
        self.places: list[tuple[Place | None, ...]] = []
        self.rows_of: dict[int, tuple[int, ...]] = {}
        self.ordered_of: dict[int, bool] = {}

    def over(self, part_set: tuple[tuple[str, str], ...]) -> int:
        """The number of the headers over the fields of a row's parts."""
        hid = self.of_part.get(part_set)
        if hid is None:
            at = tuple(map(self.heads.get, self.expected_of(list(part_set))))
            # told by the places' identity (a header found is one object for every
            # row under it; equal places of two objects are only judged twice)
            key = tuple(map(id, at))
            hid = self.of_part[part_set] = self.ids.setdefault(key, len(self.ids))
            if hid == len(self.places):
                self.places.append(at)
        return hid

    def rows(self, hid: int) -> tuple[int, ...]:
        """The rows the headers stand in, top first."""
        rows = self.rows_of.get(hid)
        if rows is None:
            at = self.places[hid]
            rows = self.rows_of[hid] = tuple(sorted({h.row for h in at if h is not None}))
        return rows

    def ordered(self, hid: int) -> bool:
        """:func:`_in_order` of the headers."""
        if hid not in self.ordered_of:
            self.ordered_of[hid] = _heads_in_order(self.places[hid])
        return self.ordered_of[hid]


#: A label cell's text that ends in a number set after the label: no label of the
#: editions ends in a digit (a test holds this), so a trailing number is a value.
_GLUED = re.compile(r"(?<=[^\d.,，．\s])\s*([+-]?\d[\d,]*(?:\.\d+)?)$")


def _glued_value(
    found: Found, sheet: Sheet, parts: list[tuple[str, str]]
) -> tuple[str, str] | None:
    """The label and the number glued to its end, of the first of ``parts`` whose label
    cell ends in one; else ``None``."""
    for key in parts:
        place = found.rows[key]
        if place.col < 0:
            continue
        text = sheet.cells.get((place.row, place.col))
        if not isinstance(text, str):
            continue
        glued = _short_glued(text) if len(text) <= 256 else _glued_in(text)
        if glued is not None:
            return glued
    return None


def _glued_in(text: str) -> tuple[str, str] | None:
    """A label cell's normal form and the number glued to its end, or None (a raised
    footnote mark, 数量¹, is no number)."""
    label = normalize(unraised(text))
    m = _GLUED.search(label)
    return None if m is None else (label, m.group(1))


#: the same for a label's length: a report's label cells are met in every report
_short_glued = functools.lru_cache(maxsize=8192)(_glued_in)


@functools.cache
def _part_field_sets(edition_id: str) -> dict[tuple[str, str], frozenset[FieldPath]]:
    """The fields of each row part, as a set."""
    return {key: frozenset(paths) for key, paths in _part_fields(edition_id).items()}


class _Looks(dict[Any, bool]):
    """Whether each cell text looks like a value, judged once per document (looked up in
    C where judged)."""

    def __missing__(self, text: Any) -> bool:
        judged = self[text] = looks_like_value(text)
        return judged


class _Judged(dict[str, bool]):
    """Whether each cell text is a value or blank, judged once per document (looked up
    in C: a row's cells are judged by ``all(map(…))``)."""

    def __missing__(self, text: str) -> bool:
        judged = self[text] = _is_value_or_blank(text)
        return judged


def _is_value_or_blank(text: str) -> bool:
    # a table's cells are a few texts met again and again ("0", "", "12")
    return _short_value_or_blank(text) if len(text) <= 64 else _value_or_blank(text)


#: A number too wide for its column, as a spreadsheet prints it (####): a cell of the
#: row (its column is known), whose value is then refused with a warning naming it.
_HIDDEN = re.compile(r"#{2,}")


def _value_or_blank(text: str) -> bool:
    cell = text.strip("\u00a0\u3000 \t\r\n")
    return not cell or looks_like_value(text) or _HIDDEN.fullmatch(cell) is not None


_short_value_or_blank = functools.lru_cache(maxsize=8192)(_value_or_blank)


def _readings(
    row: TextRow,
    label_col: int,
    expected: list[FieldPath],
    placed: dict[FieldPath, int],
    values: list[tuple[int, Any]],
    ordered: bool,
    grouped: bool = True,
    value_or_blank: Any = _is_value_or_blank,
    wider: int | None = None,
    slid: bool = False,
    reordered: bool = False,
    pushed: bool = False,
) -> list[list[int]]:
    """The column of each expected field under every reading that proves one
    (``ordered``: the headers found agree with the table's order of the columns, as
    :func:`_in_order` judges; ``value_or_blank``: :func:`_is_value_or_blank`, or a memo
    of it)."""
    out: list[list[int]] = []
    cells = row.cells
    cell = cells.__getitem__
    if not row.positional:
        # one cell a line: every cell after the label, blank ones included, is a column;
        # else the values alone where they are as many as the columns
        after = [j for j in range(len(cells)) if j > label_col]
        for cols in (after, [c for c, _ in values]):
            if len(cols) == len(expected) and all(map(value_or_blank, map(cell, cols))):
                return [cols]
        return []
    written = row.written()
    end = row.reach if row.reach is not None else (max(written) + 1 if written else 0)
    # geometry: each column's header over a column of its own, past the label, which the
    # row reaches; the row's values stand under those headers
    cols_of = list(map(placed.get, expected))
    foreign: set[int] = set()  # columns under a header of the table's own past its columns
    if grouped and None not in cols_of:
        columns: list[int] = cols_of  # type: ignore[assignment]  # no None among them
        distinct = set(columns)
        if (
            len(distinct) == len(columns)
            and min(columns) > label_col
            and max(columns) < end
            and all(map(value_or_blank, map(cell, columns)))
            and not _under_label(row, written, label_col, min(columns))
        ):
            outside = {c for c, _ in values} - distinct
            # another row under the same headers shows its values moved: the geometry
            # proves nothing; nor where a value stands outside the headers' columns,
            # unless past them under a header of its own (备注, 占比): then no reading of
            # the order takes it
            # (nor where the row also writes past its headers' labels: pushed there)
            # (in an unruled row, whose columns are where its texts start, only a value
            # at or past that column's own label: one centred under the last header
            # may start a column or two right of it)
            if not slid and (
                not outside
                or (
                    wider is not None
                    and not pushed
                    and min(outside) > max(columns)
                    and (row.reach is None or min(outside) >= wider)
                )
            ):
                out.append(columns)
                foreign = outside
    # order: where the headers found agree with the table's own order of its columns
    if not reordered and ordered:
        tail = [j for j in written if j > label_col]
        if len(tail) == len(expected) and all(map(value_or_blank, map(cell, tail))):
            out.append(tail)
        else:
            # the values one unbroken run of the row's cells (blank ones before or after
            # it are cells a label spans, or padding)
            run = [c for c, _ in values]
            at = [tail.index(c) for c in run if c in tail]
            if (
                len(run) == len(expected)
                and len(at) == len(run)
                and at == list(range(at[0], at[0] + len(at)))
                and all(map(value_or_blank, map(cell, tail)))
            ):
                confirmed = run in out  # the geometry read the same
                out.append(run)
                out += _shifted_runs(tail, run, cells, confirmed or wider is None, pushed or slid)
    # a header found over a column of a reading, each in a column of its own, names the
    # field that column holds: a reading that gives it another field is no proof (the
    # 总计 column moved first, its header found where 自然人's was not)
    if grouped and not slid and any(r != cols_of for r in out):
        found_at = {c: p for p, c in zip(expected, cols_of, strict=True) if c is not None}
        if len(found_at) == len(cols_of) - cols_of.count(None):
            # (the headers' own columns, each a header's, give each header its own field)
            out = [
                r
                for r in out
                if r == cols_of
                or all(found_at.get(c, p) == p for p, c in zip(expected, r, strict=True))
            ]
    if not foreign:
        return out
    return [reading for reading in out if not foreign.intersection(reading)]


@functools.cache
def _labels_of(edition_id: str, parts: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """The normal forms of every label over the columns of a row's parts."""
    columns = _part_columns(edition_id)
    return frozenset(normalize(x) for key in parts for c in columns.get(key, ()) for x in c.path)


def _stray_text(
    row: TextRow, label_col: int, reading: tuple[int, ...], headed: Callable[[int], bool]
) -> str | None:
    """The first cell past the row's label, in no column of ``reading`` and under no
    header of a column of the table's own (``headed``: 备注 over it), whose text holds a
    digit but is no value; None where there is none."""
    taken = set(reading)
    for c, text in enumerate(row.cells):
        if (
            c <= label_col
            or c in taken
            or not text
            or not _HAS_DIGIT.search(text)
            or looks_like_value(text)
            or headed(c)
        ):
            continue
        return unmarked(text).strip()
    return None


def _own_headed(
    rows: dict[int, TextRow], header: tuple[int, ...], known: frozenset[str]
) -> Callable[[int], bool]:
    """Whether a column stands under a label of the header's rows (and the three above
    them, where a group's label stands; rows of values are none) that is none of the
    row's columns' (``known``):
    a column of the table's own (备注, 说明), whose text is no value of the row."""

    def headed(col: int) -> bool:
        if not header:
            return False
        for r in range(max(0, header[0] - 3), header[-1] + 1):
            row = rows.get(r)
            if row is None or col >= len(row.cells) or any(map(looks_like_value, row.cells)):
                continue  # (a row of values is no header: its 备注 text is no label)
            text = row.cells[col]
            if text.strip() and not looks_like_value(text) and normalize(text) not in known:
                return True
        return False

    return headed


#: A digit, as a number's text holds one (full-width ones too; a raised mark is no digit).
_HAS_DIGIT = re.compile(r"[0-9０-９]")


def _wider_header(
    expected: list[FieldPath],
    heads: dict[FieldPath, Place],
    rows: dict[int, TextRow],
    known: frozenset[str] = frozenset(),
) -> int | None:
    """Where a header row of these fields holds a label right of their last header there
    that is none of their columns' labels (``known``): the table has a column of its own
    past them (备注, 占比, 单位). The least column of such a label, or None for none."""
    last: dict[int, int] = {}
    for p in expected:
        h = heads.get(p)
        if h is not None and h.col >= last.get(h.row, -1):
            last[h.row] = h.col
    found: int | None = None
    for r, col in last.items():
        row = rows.get(r)
        if row is None:
            continue
        at = next(
            (
                i
                for i, c in enumerate(row.cells[col + 1 :], col + 1)
                if c.strip() and normalize(c) not in known
            ),
            None,
        )
        if at is not None and (found is None or at < found):
            found = at
    return found


def _leading_unknown(
    expected: list[FieldPath],
    heads: dict[FieldPath, Place],
    rows: dict[int, TextRow],
    known: frozenset[str],
    memo: dict[tuple[int, int, frozenset[str]], tuple[int, ...]] | None = None,
) -> tuple[tuple[tuple[int, ...], int], ...]:
    """Each header row's labels that are none of ``known`` (a known label with a footnote
    mark glued to it is known) left of the first header found there, by their columns,
    with how many of the fields come before that header's: where the labels are more
    than those fields past the row's label, one is a column of the table's own (备注,
    占比) moved before the fields' (generic labels 数据1 … 数据6 before 总计 are not).
    ``memo``: the unknown labels of a header row up to a column, kept for the rows of
    one header (each row of a block asks the same)."""
    first: dict[int, tuple[int, int]] = {}  # each header row → its first header, field
    for i, p in enumerate(expected):
        h = heads.get(p)
        if h is not None and (h.row not in first or h.col < first[h.row][0]):
            first[h.row] = (h.col, i)
    out = []
    for r, (col, before) in first.items():
        key = (r, col, known)
        unknown = memo.get(key) if memo is not None else None
        if unknown is None:
            row = rows.get(r)
            unknown = tuple(
                c
                for c, text in enumerate(row.cells[:col] if row is not None else ())
                if (normal := normalize(text))
                and normal not in known
                and _unmarked(normal) not in known
            )
            if memo is not None:
                memo[key] = unknown
        if len(unknown) > before:
            out.append((unknown, before))
    return tuple(out)


def _header_extent(header_rows: list[TextRow]) -> tuple[int, int] | None:
    """How far a row's headers' rows reach, and the last column they label; None where
    the headers' rows are not known."""
    if not header_rows:
        return None
    last = max(
        max((i for i, t in enumerate(h.cells) if t.strip()), default=-1) for h in header_rows
    )
    return max(h.end() for h in header_rows), last


def _short_of(row: TextRow, extent: tuple[int, int] | None) -> bool:
    """Whether a row (not an unruled PDF's) reaches fewer columns than its headers' rows."""
    return extent is not None and row.reach is None and row.end() < extent[0]


def _off_headers(row: TextRow, extent: tuple[int, int] | None) -> tuple[bool, bool]:
    """Whether a grid row stands off its headers' grid: (past, merged once).

    Past: it writes something past the last column its headers' rows label. A span too
    long may have pushed its cells right, its last value into a 备注 or 占比 column and
    what that column held past it. Where the source says where its cells start, a
    label's span that covers a header's column shows it (:func:`_under_label`); where
    not (tab text, a pipe table), the headers' geometry places none of its cells.

    Merged once: it is shorter than its headers' rows in a source that writes a merged
    cell once (no cell starts known): a label merged across columns left its cells
    short of the grid's columns, and the headers' geometry places none."""
    if extent is None or row.reach is not None:
        return False, False
    width, last = extent
    past = any(t.strip() for t in row.cells[last + 1 :])
    return past, row.starts is None and row.end() < width


def _under_label(row: TextRow, written: tuple[int, ...], label_col: int, first: int) -> bool:
    """The headers' first column is covered by the row's label cell (a grid row whose
    label spans into it: a span too long pushes the row's values one column on, where
    a 备注 column past the headers takes its last)."""
    if row.starts is None or row.reach is not None or first in written:
        return False
    return not any(label_col < c < first for c in written)


def _shifted_runs(
    tail: list[int],
    run: list[int],
    cells: tuple[str, ...],
    confirmed: bool,
    pushed: bool = False,
) -> list[list[int]]:
    """The other runs of the row's cells as long as ``run``, each a reading as good as
    it: one that holds every value with a digit (a word value at the run's end, 无 or -,
    may be a 备注 column's); and, unless the run is ``confirmed`` (by the headers'
    geometry, or by a header with no column past the table's), one that starts at a
    blank cell before it (a blank value, the run's last value then a 备注 column's);
    and every one where the row is ``pushed`` (it writes past its headers' labels: a
    number at either end of the run may be a 备注 column's, moved first or last)."""
    digits = {c for c in run if any(ch.isdigit() for ch in cells[c])}
    n = len(run)
    return [
        window
        for i in range(len(tail) - n + 1)
        if (window := tail[i : i + n]) != run
        and (pushed or digits <= set(window) or (not confirmed and window[0] < run[0]))
    ]


class _Groups:
    """Whether each column's header stands under its group's header (自然人 | 法人或其他组织
    over 商业企业 … 其他 | 总计): in the nearest row above holding the group's label, the
    nearest filled cell at or left of the header's column is that label. A table whose
    spans were dropped puts 科研机构 under 总计, and its header geometry proves nothing.
    Each row's labels are normalised once, each header judged once."""

    def __init__(self, rows: dict[int, TextRow]) -> None:
        self.rows = rows
        self.normal: dict[int, tuple[str, ...] | None] = {}
        self.judged: dict[tuple[int, int, str], bool] = {}
        self.ordered: dict[tuple[tuple[str, ...], int, int], bool] = {}
        self.spanned: dict[tuple[tuple[tuple[str, tuple[int, int]], ...], int, int], bool] = {}

    def _normal(self, r: int) -> tuple[str, ...] | None:
        if r not in self.normal:
            row = self.rows.get(r)
            self.normal[r] = None if row is None else tuple(map(normalize, row.cells))
        return self.normal[r]

    def holds(self, head: Place | None, group: str) -> bool:
        if head is None or not group:
            return True
        key = (head.row, head.col, group)
        if key not in self.judged:
            self.judged[key] = self._judge(head, group)
        return self.judged[key]

    def in_order(self, labels: tuple[str, ...], first: int, last: int) -> bool:
        """Whether on each row from ``first`` to ``last`` the normal ``labels`` found
        stand left to right in their order (judged once for each rows and labels)."""
        key = (labels, first, last)
        if key not in self.ordered:
            self.ordered[key] = self._in_order(labels, first, last)
        return self.ordered[key]

    def _in_order(self, labels: tuple[str, ...], first: int, last: int) -> bool:
        for r in range(max(0, first), last + 1):
            cells = self._normal(r)
            if not cells:
                continue
            cols = [cells.index(g) for g in labels if g in cells]
            if any(a >= b for a, b in itertools.pairwise(cols)):
                return False
        return True

    def spans_in_order(self, spans: dict[str, tuple[int, int]], first: int, last: int) -> bool:
        """Whether on each row from ``first`` to ``last`` no label of ``spans`` (the
        columns each label stands over, :func:`_label_spans`) stands left of a label
        whose columns all come before its own (judged once for each rows and labels)."""
        key = (tuple(spans.items()), first, last)
        if key not in self.spanned:
            self.spanned[key] = self._spans_in_order(spans, first, last)
        return self.spanned[key]

    def _spans_in_order(self, spans: dict[str, tuple[int, int]], first: int, last: int) -> bool:
        for r in range(max(0, first), last + 1):
            cells = self._normal(r)
            if not cells:
                continue
            seen = [s for c in cells if c and (s := spans.get(c, spans.get(_unmarked(c))))]
            if any(b[1] < a[0] for a, b in itertools.combinations(seen, 2)):
                return False
        return True

    def _judge(self, head: Place, group: str) -> bool:
        want = normalize(group)
        for r in range(head.row - 1, max(-1, head.row - 4), -1):
            above = self._normal(r)
            if above is None or want not in above:
                continue
            left = next((c for c in reversed(above[: head.col + 1]) if c), "")
            return left == want
        return True


#: A footnote mark glued to a label's end (自然人1, 总计注, 其他*): no label of the
#: editions ends in a digit (a test holds this), 注 or *.
_MARK = re.compile(r"(?:\d+|注|\*+|※)$")


def _unmarked(normal: str) -> str:
    """A normal label without a footnote mark glued to its end."""
    return _MARK.sub("", normal)


@functools.cache
def _label_spans(edition_id: str, parts: tuple[tuple[str, str], ...]) -> dict[str, tuple[int, int]]:
    """The first and last of a row's columns each normal label over them stands over,
    of the labels over one unbroken range of them (结果维持, over a column of each
    group of table 四, is none)."""
    columns = _part_columns(edition_id)
    at: dict[str, list[int]] = {}
    paths = [c.path for key in parts for c in columns.get(key, ())]
    for i, path in enumerate(paths):
        for label in dict.fromkeys(map(normalize, path)):
            at.setdefault(label, []).append(i)
    return {
        label: (cols[0], cols[-1]) for label, cols in at.items() if cols[-1] - cols[0] < len(cols)
    }


def _in_order(expected: list[FieldPath], heads: dict[FieldPath, Place]) -> bool:
    """Whether no two headers found on one row stand in the reverse of the table's order
    of their columns (a header that moved a column proves the order wrong): on each row,
    the columns of its headers rise strictly, taken in the table's order."""
    return _heads_in_order([heads.get(p) for p in expected])


def _heads_in_order(at: Iterable[Place | None]) -> bool:
    """:func:`_in_order` of the header found over each field (None: not found)."""
    last: dict[int, int] = {}  # the column of the latest header found on each row
    for a in at:
        if a is None:
            continue
        if a.row in last and last[a.row] >= a.col:
            return False
        last[a.row] = a.col
    return True


#: The columns of the headers found over a row's fields that cover more than one
#: (:func:`_header_span`); the field (its place in the row's) each column is under (None:
#: two fields' headers cover it); and how many cells the headers' rows write at most.
_Spans = tuple[tuple[range, ...], dict[int, int | None], int]


def _spans_of(
    expected: list[FieldPath],
    heads: dict[FieldPath, Place],
    rows: dict[int, TextRow],
    header: tuple[int, ...],
) -> _Spans:
    """The spans of the headers found over ``expected`` (its header rows: ``header``)."""
    spans: list[range] = []
    owner: dict[int, int | None] = {}
    for i, p in enumerate(expected):
        h = heads.get(p)
        if h is None or not header:
            continue
        span = _header_span(h, rows, header[0])
        spans.append(span)
        for c in span:
            owner[c] = i if owner.get(c, i) == i else None
    width = max((len(rows[r].cells) for r in header if r in rows), default=0)
    return tuple(s for s in spans if len(s) > 1), owner, width


def _in_own_spans(
    readings: list[list[int]], spans: _Spans, row: TextRow, label_col: int
) -> list[list[int]]:
    """The readings that give no field a column under another field's header: a header
    merged across columns (its cell's span, where the source says where cells start)
    names the field of every column it covers (two numbers under 上一年项目数量 are
    not it and the next field, whose header stands in another column). Where the row
    has two cells under one header, none: either may be the field's (last year's
    number and this year's), a blank as well as a number.

    Where the source writes a merged cell once (tab text: no cell starts known, rows of
    as many cells as they have), a row of more cells past its label than its fields that
    writes more than its headers' rows, none either: its cells past them are no padding
    of the headers' grid, and a run of its values as many as the fields is no proof."""
    wide, owner, width = spans
    if not readings or not owner or row.reach is not None:
        return readings
    if (
        row.starts is None
        and row.origin is None
        and len(row.cells) > width
        and len(row.cells) - label_col - 1 > len(readings[0])
    ):
        return []
    if wide and (row.starts is not None or row.origin is not None):
        # (a workbook's row: every cell one; Markdown's, a CSV's: its values tell, in
        # _two_under_one, a blank cell may be a merged one's)
        starts = set(row.written())
        if any(len(starts.intersection(span)) > 1 for span in wide):
            return []
    return [x for x in readings if all(owner.get(c, i) in (i, None) for i, c in enumerate(x))]


def _no_short_runs(readings: list[list[int]], row: TextRow, label_col: int) -> list[list[int]]:
    """Where the headers' geometry proves nothing (their groups or order off, a span
    dropped), the readings of a grid row whose cells past its label are more than its
    fields: none. Its cells are the source's own (no padding: no cell it writes is
    one another spans), so its blanks beside a run of its values are columns too: two
    numbers under one header, one blank, make a run as long as the fields. (Not a
    workbook's row: its sheet's empty cells past the table are cells too.)"""
    tail = sum(1 for c in row.written() if c > label_col)
    return [] if readings and tail > len(readings[0]) else readings


def _two_under_one(values: list[tuple[int, Any]], wide: tuple[range, ...]) -> bool:
    """Whether a row holds two values under one header (``wide``: the headers' spans
    of more than one column): last year's number and this year's, say, in columns the
    headers do not tell apart; no row under such headers is proven, the ones whose
    other cell is blank neither (which one is blank is not known)."""
    return any(sum(1 for c, _ in values if c in span) > 1 for span in wide)


def _header_span(head: Place, rows: dict[int, TextRow], top: int) -> range:
    """The columns a header's cell covers: to the next cell that starts on its row, or
    on a header row above it (a cell merged down from above covers the columns after
    it). Where the source does not say where cells start: in a grid whose header rows
    are as wide (Markdown, a CSV: a merged cell's text in its first cell, blank cells
    after it), to the next cell with text; else (tab text: a merged cell written once)
    its own column alone."""
    row = rows.get(head.row)
    if row is None or row.reach is not None:
        return range(head.col, head.col + 1)
    above_rows = [rows[r] for r in range(top, head.row + 1) if r in rows]
    if row.starts is None and (
        not row.positional
        or row.origin is not None
        or any(len(a.cells) != len(row.cells) for a in above_rows)
    ):
        return range(head.col, head.col + 1)  # (every cell one: the header's alone)
    end = len(row.cells)  # (the last cell spans to the grid's end)
    for above in above_rows:
        after = (
            [s for s in above.written() if s > head.col]
            if row.starts is not None
            else [c for c, t in enumerate(above.cells) if c > head.col and t.strip()]
        )
        if after:
            end = min(end, after[0])
    return range(head.col, max(end, head.col + 1))


def _texts(row: TextRow, cols: tuple[int, ...]) -> tuple[str, ...]:
    """What a reading gives each of its fields: the text of the cell at its column."""
    cells = row.cells
    return tuple(cells[c].strip() if 0 <= c < len(cells) else "" for c in cols)


def _shown(
    expected: list[FieldPath], cols: tuple[int, ...], row: TextRow, edition: Edition
) -> list[Setting]:
    """A reading as data: each column's label with the value it would get (None: blank)."""
    fields = edition.field_map
    return [
        Setting(fields[p].labels[-1], unmarked(row.cells[c]).strip() or None)
        for p, c in zip(expected, cols, strict=True)
    ]


def _row_place(row: TextRow, edition: Edition, table: str) -> tuple[str | None, str]:
    """Where a row stands, as a note names it: a workbook's sheet and row (``7:7``, as a
    spreadsheet names a whole row), or no sheet and :func:`_where`."""
    if row.origin is not None:
        return row.origin[0], f"{row.line}:{row.line}"
    return None, _where(row, edition, table)


def _cell_place(row: TextRow, where: str, col: int) -> tuple[str | None, str]:
    """Where a cell of a row stands: a workbook's sheet and A1 cell (the sheet's own
    column, hidden ones counted), or no sheet and the row's place with the cell's
    number (``where``: the row's :func:`_where`)."""
    if row.origin is not None and col < len(row.origin[1]):
        return row.origin[0], cell_ref(row.line - 1, row.origin[1][col])
    return None, f"{where}第{col + 1}格"


def _where(row: TextRow, edition: Edition, table: str) -> str:
    """Where a row stands: its line, or in a PDF its page, table and row."""
    if row.page is None:
        return f"第{row.line}行"
    number = edition.table(table).title.split("、", 1)[0]
    return f"第{row.page}页 表{number} 第{row.line}行"


def _row_label(row: TextRow, found: Found, parts: list[tuple[str, str]]) -> str | list[str]:
    """The row's own label, or (a row without one) the keys of the rows it stands for."""
    texts = [t for c in row.cells if c and not looks_like_value(c) if (t := normalize(c))]
    if texts:
        return texts[-1]
    return [p for _, p in parts]


# ---------------------------------------------------------------------- parse


def parse(source: str | os.PathLike[str], *, data: bytes | None = None) -> ParseResult:
    """Read a published report (.txt, .md, .html/.htm, .docx, .pdf) into an AnnualReport.

    Args:
        source: the document's path (a name when ``data`` is given, e.g. "-" for stdin).
        data: the document's bytes, when it does not come from a file.

    Returns:
        The report, the notes on what was interpreted, warnings (short rows, an edition
        that disagrees with the year, narrative figures that differ) and its check result.

    Raises:
        ZfxxgkError: the document is unreadable or holds none of the report's tables.
    """
    path = Path(source)
    if data is None:
        path = check_input(source)
    doc = load_source(path, data)
    agency, year = title_metadata(doc.rows)
    kept, others, year, title = this_years_rows(doc.rows, year)
    if others:
        doc = attrs.evolve(doc, rows=kept)
    if title is not None:  # the title over the report's tables (the first read: a link's?)
        agency = title_metadata((title,))[0] or agency
    sheet, rows = as_sheet(doc)
    try:
        found = discover({_GRID: sheet.cells}, year=year, fast=False)
    except LayoutError as exc:
        if doc.unread:  # the tables are on pages without text
            from zfxxgk.published.pdfsource import scanned

            raise scanned(str(source)) from None
        raise exc.located(file=str(source)) from None
    if doc.unread and {t.key for t in found.edition.tables} - {k[0] for k in found.rows}:
        from zfxxgk.published.pdfsource import scanned

        raise scanned(str(source))
    blank, warnings = align(found, sheet, rows)
    warnings[:0] = others
    for p in blank:
        found.cells.pop(p, None)
    found.cover.clear()

    def values(f: Found, s: Sheet) -> dict[FieldPath, object]:
        if f is not found:  # a second copy of the tables: aligned as the first was
            for p in align(f, s, rows)[0]:
                f.cells.pop(p, None)
            f.cover.clear()
        read = _report(f, s, rows, str(source), [])
        return {p: read.get(p) for p in f.cells}

    # a table the page prints twice, the copies' values differing: neither is read
    differ, said = differing(found, sheet, rows, year, values)
    for p in differ:
        found.cells.pop(p, None)
    warnings += said
    report = _report(found, sheet, rows, str(source), warnings)
    report.agency = agency
    report.year = year
    prov = report.provenance
    assert prov is not None
    notes = without_code(prov.notes, "no-cover", "located-by-labels")
    # what locating the tables warns of (a table or fields not found) is a warning
    warnings += [n for n in notes if n.code in _LOCATING]
    notes = without_code(notes, *_LOCATING)
    # an edition that disagrees with the year is the check's RX-EDITION-YEAR: said once
    if agency is None or year is None:
        warnings.append(Note("no-title-metadata"))
    told = narrative_notes(doc.text, report)  # warnings, and notes of a known scope
    warnings += [n for n in told if n.severity == "warning"]
    notes += [n for n in told if n.severity != "warning"]
    warnings += [n for n in doc.notes if n.severity == "warning"]  # OCR's unsure digits
    notes += [n for n in doc.notes if n.severity != "warning"]  # OCR used
    prov.notes = [*warnings, *notes]
    return ParseResult(report, tuple(notes), tuple(warnings), check(report), doc.kind)


#: the warnings of locating the tables, said among the parse's warnings
_LOCATING = frozenset({"table-not-found", "fields-without-cell"})


def _report(
    found: Found, sheet: Sheet, rows: dict[int, TextRow], file: str, warnings: list[Note]
) -> AnnualReport:
    """The report the located cells hold. A cell whose text is no value of its field
    (1.5 for a count, "1,2") is left blank with a warning in ``warnings``: one typo does
    not cost the whole document."""
    edition = found.edition
    report = AnnualReport(edition=edition.id)
    prov = Provenance(file=file, kind="document")
    prov.notes.extend(found.notes)
    report.provenance = prov
    fields = edition.field_map
    whole = _whole_kinds(edition.id)
    lines: dict[tuple[int, str], str] = {}  # where each row of each table stands
    grid = sheet.cells
    sources = prov.cells
    exact = _exact_fields(edition.id)
    short_count = _short_plain_count
    records: dict[tuple[str, str], Any] = {}  # the record of each row part, looked up once
    for path, place in found.cells.items():
        r, c = place.row, place.col
        raw = grid.get((r, c))
        # a count written plainly ("95") is that number: read at once, with no "text read
        # as a number" note (every cell of a text is text)
        kind = whole.get(path)
        plain = (
            short_count(raw)
            if kind is not None and type(raw) is str and len(raw) <= 15
            else _plain_count(raw)
            if kind is not None
            else None
        )
        unit = None
        refused: CellValueError | None = None
        try:
            if raw is None or (plain is not None and kind is not None and path in exact):
                # a blank cell leaves its field absent, as read_cell sets it; a plain
                # count is in range (is_typed: fewer than 16 digits)
                part = path[:2]
                record = records.get(part)
                if record is None:
                    record = records[part] = getattr(getattr(report, path[0]), path[1])
                set_typed(record, path[2], plain)
            elif plain is None or kind is None:
                unit = read_cell(report, fields[path], grid, _GRID, r, c, prov)
            elif not _set_plain(report, path, plain):
                unit = read_cell(report, fields[path], {(r, c): plain}, _GRID, r, c, prov)
        except CellValueError as exc:
            refused = exc
        row = rows[r]
        table = path[0]
        line = lines.get((r, table))
        if line is None:
            line = lines[(r, table)] = _where(row, edition, table)
        on, where = _cell_place(row, line, c)
        if refused is not None:
            # a number the page does not show whole, or as this cell's alone (run together
            # with its neighbour's, cut at the page's edge, wrapped beside another row's
            # label): any part on its line or the lines beside may have lost a value to it
            parts = _parts_on(found, r, path[0]) if refused.code == "cell-wrapped-unsure" else None
            warnings.append(_left_blank(refused, raw, path, (on, where), row, parts))
        conf = row.confidence[c] if row.confidence else None  # read by OCR
        sources[path] = CellSource(
            on or SHEET, where, raw, None, conf, row.page, table, row.line, c + 1
        )
        if unit is not None:
            unit_from_suffix(report, fields[path], unit, on or _GRID, where, prov)
    # every cell of a text is text: that a number was read from it is no news; other
    # notes name the cell by its line in the document
    kept = without_code(prov.notes, "text-number")
    places: dict[str, CellSource] = {}
    if any(n.cell is not None for n in kept):  # only a note naming a cell needs them
        places = {src.cell: src for src in prov.cells.values() if isinstance(src, CellSource)}
    prov.notes = [_text_placed(n, rows, places) for n in kept]
    return report


def _parts_on(found: Found, r: int, table: str) -> list[str]:
    """The row parts (``table.part``) of ``table`` whose cells or label stand on row ``r``,
    and on the nearest rows above and below that hold one (a number wrapped in its cell
    may be either neighbour's: a wrapped label's values printed beside a group's label)."""
    on: dict[int, dict[str, None]] = {}
    for p, at in found.cells.items():
        if p[0] == table:
            on.setdefault(at.row, {})[f"{p[0]}.{p[1]}"] = None
    for (t, part), at in found.rows.items():
        if t == table:
            on.setdefault(at.row, {})[f"{t}.{part}"] = None
    parts = dict(on.get(r, {}))
    above = [k for k in on if k < r]
    below = [k for k in on if k > r]
    for k in ([max(above)] if above else []) + ([min(below)] if below else []):
        parts.update(on[k])
    return list(parts)


def _left_blank(
    exc: CellValueError,
    raw: Any,
    path: FieldPath,
    where: tuple[str | None, str],
    row: TextRow,
    parts: list[str] | None = None,
) -> Note:
    """The warning for a cell left blank because its text is no value of its field; it
    names the cell's row part, or ``parts``."""
    reason = Term(exc.code, exc.zh, exc.en)  # the refusal, in each language
    params = {
        "raw": unmarked(str(raw)),
        "reason": reason,
        "rows": parts or [f"{path[0]}.{path[1]}"],
        "field": ".".join(path),
        "page": row.page,
        "table": path[0],
        "line": row.line,
    }
    return Note("cell-left-blank", where[0], where[1], params)


@functools.cache
def _whole_kinds(edition_id: str) -> dict[FieldPath, Kind]:
    """The kind of each field of an edition that holds a whole number."""
    return {f.path: f.kind for f in EDITIONS[edition_id].fields() if f.kind.accepts.whole}


@functools.cache
def _exact_fields(edition_id: str) -> frozenset[FieldPath]:
    """The whole-number fields whose plain counts are stored as they are (a count or a
    signed number: :func:`~zfxxgk.core.recordbase.is_typed` holds for every int of fewer
    than 16 digits, as :func:`_plain_count` reads them)."""
    return frozenset(
        path
        for path, kind in _whole_kinds(edition_id).items()
        if is_typed(kind, 10**15 - 1) and is_typed(kind, 0)
    )


def _set_plain(report: AnnualReport, path: FieldPath, value: int) -> bool:
    """Set a plain count as :func:`read_cell` sets a whole number (its cell source is the
    caller's); False where the report refuses it, for read_cell to say so at its cell."""
    try:
        report.set(path, value)
    except ReportValueError:
        return False
    return True


def _plain_count(raw: Any) -> int | None:
    """The number a text is where it is written as a program writes a whole number
    (digits, no leading zero, fewer than 16), else None."""
    return _short_plain_count(raw) if isinstance(raw, str) and len(raw) <= 15 else None


@functools.lru_cache(maxsize=8192)
def _short_plain_count(raw: str) -> int | None:
    if raw.isascii() and raw.isdigit() and (raw == "0" or raw[0] != "0"):
        return int(raw)
    return None


def _text_placed(note: Note, rows: dict[int, TextRow], places: dict[str, CellSource]) -> Note:
    """A note that names an A1 cell of the document's sheet, naming it as the document
    does: a workbook's sheet and cell, else its line and cell in the document."""
    if note.sheet != _GRID:
        return note  # (placed already: a workbook's sheet, or none)
    if note.cell is None or note.cell in places:
        return attrs.evolve(note, sheet=None)
    at = parse_ref(note.cell)
    if at is None or at[0] not in rows:
        return attrs.evolve(note, sheet=None)
    row = rows[at[0]]
    on, cell = _cell_place(row, f"第{row.line}行", at[1])
    return attrs.evolve(note, sheet=on, cell=cell)
