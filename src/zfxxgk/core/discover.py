"""Finding the report's tables in any workbook by their labels.

Our own templates are recognised at once (every label where the edition's layout puts
it). Anything else — rows or columns inserted, tables moved to other sheets or all on one,
renamed sheets, label variants, extra rows, a 小计 column, subtotal rows — is read by
locating each block's row labels and, above them, its column labels; a value sits where
its row and its column cross. Labels are compared through :mod:`zfxxgk.core.labels`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from zfxxgk.core.cellvalue import COUNT_SUFFIXES, STALE, is_absent_token, unmarked
from zfxxgk.core.editions import EDITIONS, edition_for_year, markers, row_markers
from zfxxgk.core.editions.common import ADDED_SHEETS
from zfxxgk.core.grid import Label, Placement, place_cover, place_table
from zfxxgk.core.labels import MAX_LABEL, core, normalize
from zfxxgk.core.layout import (
    Block,
    Column,
    Edition,
    FieldPath,
    FrozenValue,
    Row,
    Table,
    block_parts,
)
from zfxxgk.errors import LayoutError
from zfxxgk.noteparams import cut
from zfxxgk.notes import Note

Cells = Mapping[tuple[int, int], Any]
#: How far above a block's first row its column headers may stand.
HEADER_REACH = 8
FUZZY = 0.8


class Place(FrozenValue):
    """A cell of a workbook: sheet and zero-based row and column."""

    __slots__ = ("_hash", "col", "row", "sheet")
    _fields = ("sheet", "row", "col")

    sheet: str
    row: int
    col: int

    def __init__(self, sheet: str, row: int, col: int) -> None:
        # each slot's own setter (a report's tables make a few hundred places)
        _SET_SHEET(self, sheet)
        _SET_ROW(self, row)
        _SET_COL(self, col)


_SET_SHEET: Callable[[Place, str], None] = Place.__dict__["sheet"].__set__
_SET_ROW: Callable[[Place, int], None] = Place.__dict__["row"].__set__
_SET_COL: Callable[[Place, int], None] = Place.__dict__["col"].__set__


@attrs.define
class Found:
    """Where a workbook holds each field of a report, and how that was decided."""

    edition: Edition
    cells: dict[FieldPath, Place] = attrs.field(factory=dict)
    cover: dict[str, Place] = attrs.field(factory=dict)
    notes: list[Note] = attrs.field(factory=list)
    known: bool = False  #: the workbook is laid out exactly as our template
    unmatched: list[Place] = attrs.field(factory=list)  #: input-like cells of no field
    #: the label cell of each located part (for a keyless row: its first value cell)
    rows: dict[tuple[str, str], Place] = attrs.field(factory=dict)
    #: for our own layout: the edition and each table's sheet, which fix every place
    layout_key: tuple[str, ...] | None = None
    #: the header cell each located field's column was found under
    heads: dict[FieldPath, Place] = attrs.field(factory=dict)
    #: a row label (or section 四's group label over its headers) matched in more than one
    #: place: the page may hold a table twice (see :mod:`zfxxgk.published.copies`)
    repeated: bool = False

    def missing(self) -> list[FieldPath]:
        """Official table fields the workbook has no cell for."""
        cells = self.cells
        return [p for p in _official_numbers(self.edition.id) if p not in cells]


@functools.cache
def _official_numbers(edition_id: str) -> tuple[FieldPath, ...]:
    """The official table fields of an edition that hold a number, in its order."""
    return tuple(
        f.path for f in EDITIONS[edition_id].fields() if f.official and f.kind.accepts.number
    )


def _known_table(sheets: Mapping[str, Cells], placement: Placement) -> str | None:
    """The sheet on which every label of ``placement`` stands where the template puts it."""
    names = [placement.sheet] if placement.sheet in sheets else []
    names += [n for n in sheets if n != placement.sheet]
    expected = _expected_labels(placement.labels)
    ats, texts = _label_cells(expected)
    for name in names:
        cells = sheets[name]
        if ats and cells.get(ats[0]) == texts[0] and list(map(cells.get, ats)) == texts:
            return name  # every label as the template spells it (a filled template's)
        if all(
            # the template's own text (as a filled template has it) needs no normal form
            (raw := cells.get(at)) == text or normalize(raw) == normal
            for at, text, normal in expected
        ):
            return name
    return None


def _label_cells(
    expected: tuple[tuple[tuple[int, int], str, str], ...],
) -> tuple[tuple[tuple[int, int], ...], list[str]]:
    """The cells and texts of ``expected`` apart (kept by its identity, as it is)."""
    kept = _CELLS.get(id(expected))
    if kept is None or kept[0] is not expected:
        kept = (expected, tuple(e[0] for e in expected), [e[1] for e in expected])
        if len(_CELLS) > 64:
            _CELLS.clear()
        _CELLS[id(expected)] = kept
    return kept[1], kept[2]


_CELLS: dict[
    int,
    tuple[tuple[tuple[tuple[int, int], str, str], ...], tuple[tuple[int, int], ...], list[str]],
] = {}


def _expected_labels(
    labels: tuple[Label, ...], roles: tuple[str, ...] = ("header", "row", "title")
) -> tuple[tuple[tuple[int, int], str, str], ...]:
    """The cell, text and normal form of each label of these roles (by default those
    that identify a known table), kept per placement (placements are made once: looked
    up by identity, not by a hash of every label)."""
    kept = _EXPECTED.get((id(labels), roles))
    if kept is not None and kept[0] is labels:
        return kept[1]
    expected = tuple(
        ((lab.span.row, lab.span.col), lab.text, normalize(lab.text))
        for lab in labels
        if lab.role in roles
    )
    if len(_EXPECTED) > 64:
        _EXPECTED.clear()
    _EXPECTED[(id(labels), roles)] = (labels, expected)
    return expected


_EXPECTED: dict[
    tuple[int, tuple[str, ...]],
    tuple[tuple[Label, ...], tuple[tuple[tuple[int, int], str, str], ...]],
] = {}


def _cover_places(edition: Edition, cover: Placement) -> dict[str, Place]:
    """The place of each cover field on our template's cover (kept per edition)."""
    kept = _COVERS.get(edition.id)
    if kept is None or kept[0] is not cover:
        places = {
            name: Place(cover.sheet, span.row, span.col)
            for (_, name, _), span in cover.fields.items()
        }
        kept = _COVERS[edition.id] = (cover, places)
    return kept[1]


_COVERS: dict[str, tuple[Placement, dict[str, Place]]] = {}


def _known_places(table: Table, sheet: str) -> tuple[Placement, dict[FieldPath, Place]]:
    """A table's placement and its fields' places on ``sheet``, kept by the table's
    identity: the editions' tables live as long as the program, and two editions can
    have equal tables (their reviews), which a cache keyed by value compares field by
    field on every read."""
    kept = _PLACES.get((id(table), sheet))
    if kept is not None and kept[0] is table:
        return kept[1], kept[2]
    placement = place_table(table)
    places = {path: Place(sheet, span.row, span.col) for path, span in placement.fields.items()}
    if len(_PLACES) > 64:
        _PLACES.clear()
    _PLACES[(id(table), sheet)] = (table, placement, places)
    return placement, places


_PLACES: dict[tuple[int, str], tuple[Table, Placement, dict[FieldPath, Place]]] = {}


def known_layout(sheets: Mapping[str, Cells]) -> Found | None:
    """The layout of a workbook that is one of our templates (filled or not), else None."""
    for edition in EDITIONS.values():
        found = Found(edition, known=True)
        key = [edition.id]
        for table in edition.tables:
            placement = _known_places(table, table.sheet)[0]
            sheet = _known_table(sheets, placement)
            if sheet is None:
                break
            found.cells.update(_known_places(table, sheet)[1])
            key.append(sheet)
        else:
            cover = place_cover(edition)
            if cover.sheet in sheets and all(
                # the template's own text needs no normal form, as for the tables
                (raw := sheets[cover.sheet].get(at)) == text or normalize(raw) == normal
                for at, text, normal in _expected_labels(cover.labels, ("extra",))
            ):
                found.cover.update(_cover_places(edition, cover))
            else:
                # a cover of another version of our template (or edited): by its labels
                mine = {cover.sheet: sheets[cover.sheet]} if cover.sheet in sheets else sheets
                _cover(_Index(mine), edition, found)
            found.layout_key = tuple(key)
            return found
    return None


# ---------------------------------------------------------------------- matching labels

_NUMBERED = re.compile(r"^\d+\.")


def _variants(label: str) -> tuple[str, str, str]:
    """A label's normal form, its core (no bracketed note) and its core without numbering."""
    # labels are short and met again and again: cached (paragraphs are not kept)
    return _short_variants(label) if len(label) <= 256 else _short_variants.__wrapped__(label)


@functools.lru_cache(maxsize=16384)
def _short_variants(label: str) -> tuple[str, str, str]:
    n = normalize(label)
    c = core(n)
    return n, c, _NUMBERED.sub("", c)


def match_score(text: str, label: str) -> float:
    """How well a cell's normalised text matches a label: 1 exact … 0 not at all."""
    if not text:
        return 0.0
    t = _variants(text)
    lab = _variants(label)
    if t[0] == lab[0]:
        return 1.0
    if t[1] == lab[1] and lab[1]:
        return 0.97
    if t[2] == lab[2] and len(lab[2]) >= 4:
        return 0.95
    if len(lab[1]) >= 4 and len(t[1]) >= 4:
        # the length bound first (what real_quick_ratio computes, without building the
        # matcher): texts whose lengths differ much can never be similar enough
        a_len, b_len = len(t[1]), len(lab[1])
        if 2 * min(a_len, b_len) < FUZZY * (a_len + b_len):
            return 0.0
        if a_len <= 256 and b_len <= 256:
            return _fuzzy(t[1], lab[1])
        return _fuzzy.__wrapped__(t[1], lab[1])
    return 0.0


@functools.lru_cache(maxsize=65536)
def _fuzzy(text: str, label: str) -> float:
    """The fuzzy score of two label cores of similar length (a report repeats its labels,
    and a hostile text repeats them thousands of times: each pair is compared once)."""
    import difflib  # only where a label is not found as printed

    sm = difflib.SequenceMatcher(None, text, label)
    # the quick upper bound first: ratio() is quadratic
    if sm.quick_ratio() >= FUZZY:
        ratio = sm.ratio()
        if ratio >= FUZZY:
            return 0.5 + ratio / 4
    return 0.0


def _best(candidates: Iterable[tuple[float, Place]]) -> Place | None:
    best: tuple[float, Place] | None = None
    for score, place in candidates:
        if score > 0 and (best is None or score > best[0]):
            best = (score, place)
    return best[1] if best else None


@functools.lru_cache(maxsize=16384)
def _label_forms(value: str) -> tuple[str, tuple[str, str, str]] | None:
    """A cell text's normal form and its three label forms; None for no label (blank, a
    number)."""
    norm = normalize(value)
    return None if not norm or _is_number_text(norm) else (norm, _variants(norm))


def _long_label_forms(value: str) -> tuple[str, tuple[str, str, str]] | None:
    return _label_forms.__wrapped__(value)


@functools.cache
def longest_label() -> int:
    """The longest normal form of a label the index is asked for: of every row, column
    and group label, section marker, cover and extra field of the editions."""
    labels: set[str] = set()
    for eid, edition in EDITIONS.items():
        labels.update(markers(eid))
        labels.update(row_markers(eid))
        labels.update(cf.label for cf in edition.cover)
        for table in edition.tables:
            labels.update(x.label for x in table.extras)
            for block in table.blocks:
                for row in block.rows:
                    labels.update((row.label, *row.path))
                for col in (*block.columns, *block.optional_columns):
                    labels.update((col.label, *col.path))
    return max(len(normalize(x)) for x in labels)


#: Han ideographs: a text's normal form keeps each (NFKC, the traditional forms and the
#: variants map them to as many), so their count is a floor of its length.
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _no_label(text: str) -> bool:
    """A text (a paragraph) whose every label form is longer than half as much again as
    any label's: it equals none, and :func:`match_score`'s length bound scores it 0
    against every label. Its last character a Han one or 。, no bracketed note ends its
    normal form (its core is the whole); its Han characters count its forms' floor."""
    if len(text) <= 96 or not ("\u4e00" <= text[-1] <= "\u9fff" or text[-1] == "。"):
        return False
    return sum(map(len, _HAN.findall(text))) * 2 > 3 * longest_label()


class _Index:
    """The text cells of a workbook, normalised once and looked up by each label form.

    Each text cell is kept as its normal form and (sheet, row, column); its :class:`Place`
    is made when a look-up returns it (most cells of a document, its narrative's lines
    among them, are never returned)."""

    def __init__(self, sheets: Mapping[str, Cells]) -> None:
        self.sheets = sheets
        #: the normal form of each text cell, and where it stands
        self.texts: list[str] = []
        self._at: list[tuple[str, int, int]] = []
        self._places: dict[int, Place] = {}
        self._forms: list[dict[str, list[int]]] = [{}, {}, {}]
        self._rows: dict[tuple[str, int], list[int]] = {}
        #: a label was matched well in more than one place (:attr:`Found.repeated`)
        self.repeated = False
        # each distinct text is normalised once (one shared string fills many cells, and a
        # report's labels are met in every report), and a text too long to be a label is
        # not looked at: linear in the input
        texts, at, rows, (exact, cores, bare) = self.texts, self._at, self._rows, self._forms
        for name, cells in sheets.items():
            for (r, c), value in sorted(cells.items()):
                if not isinstance(value, str) or len(value) > MAX_LABEL:
                    continue
                if _no_label(value):  # (a paragraph: a text of its row that no label finds)
                    forms: tuple[str, tuple[str, str, str]] | None = ("", ("", "", ""))
                elif len(value) <= 256:
                    forms = _label_forms(value)
                else:
                    forms = _long_label_forms(value)
                if forms is not None:
                    i = len(texts)
                    texts.append(forms[0])
                    at.append((name, r, c))
                    in_row = rows.get((name, r))
                    if in_row is None:
                        rows[(name, r)] = [i]
                    else:
                        in_row.append(i)
                    a, b, d = forms[1]
                    if a:
                        exact.setdefault(a, []).append(i)
                    if b:
                        cores.setdefault(b, []).append(i)
                    if d:
                        bare.setdefault(d, []).append(i)

    def place(self, i: int) -> Place:
        """The place of the ``i``-th text cell (made once)."""
        place = self._places.get(i)
        if place is None:
            place = self._places[i] = Place(*self._at[i])
        return place

    def find(
        self,
        label: str,
        sheet: str | None = None,
        rows: tuple[int, int] | None = None,
        fuzzy: bool = True,
    ) -> list[tuple[float, Place]]:
        """Cells matching ``label``: exact, by core, without numbering; fuzzy if none."""
        at = self._at

        def keep(i: int) -> bool:
            name, row, _ = at[i]
            return (sheet is None or name == sheet) and (rows is None or rows[0] <= row <= rows[1])

        forms = _variants(label)
        # a text whose normal form is the label's matches it exactly (match_score's
        # first test: the index keeps no empty text)
        hits: dict[int, float] = dict.fromkeys(self._forms[0].get(forms[0], ()), 1.0)
        scores: dict[str, float] = {}  # a text repeated in many cells is scored once
        texts = self.texts
        for form, key in zip(self._forms[1:], forms[1:], strict=True):
            for i in form.get(key, ()) if key else ():
                if i not in hits:
                    text = texts[i]
                    if text not in scores:
                        scores[text] = match_score(text, label)
                    hits[i] = scores[text]
        place = self.place
        if sheet is None and rows is None:
            out = [(score, place(i)) for i, score in hits.items() if score]
        else:
            out = [(score, place(i)) for i, score in hits.items() if score and keep(i)]
        if out or not fuzzy or len(forms[1]) < 4:
            # (a label's core under 4 characters matches no text fuzzily: match_score)
            return out
        if rows is not None and sheet is not None:
            # only the rows asked for: a document of many rows is not scanned whole for
            # each header label
            indices: Iterable[int] = (
                i for r in range(rows[0], rows[1] + 1) for i in self._rows.get((sheet, r), ())
            )
        else:
            indices = range(len(texts))
        for i in indices:
            if keep(i):
                score = match_score(texts[i], label)
                if score:
                    out.append((score, self.place(i)))
        return out

    def texts_in_row(self, sheet: str, row: int) -> list[tuple[str, Place]]:
        return [(self.texts[i], self.place(i)) for i in self._rows.get((sheet, row), ())]


def looks_like_value(value: Any) -> bool:
    """A number, or text a person types for one (12, 1,234, 减4, —)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    if isinstance(value, str):
        if len(value) > MAX_LABEL:
            return False
        if len(value) <= 64:  # the cells of a table: a few hundred texts, met again and again
            return _short_value_text(value)
        return _is_number_text(normalize(value)) or is_absent_token(value)
    return False


@functools.lru_cache(maxsize=8192)
def _short_value_text(value: str) -> bool:
    return (
        _is_number_text(normalize(value))
        or is_absent_token(value)
        or _struck_number(value)
        or value == STALE  # a formula's result the reader cannot compute
        or (value != unmarked(value) and _short_value_text(unmarked(value)))
    )


def _struck_number(value: str) -> bool:
    """A number struck out (each character marked with U+0336): it stands where a value
    does, though it is none (the value reader refuses it)."""
    return "\u0336" in value and _is_number_text(normalize(value.replace("\u0336", "")))


_NUMBER_TEXT = re.compile(
    rf"[+\-]?[\d,.]+([eE][+\-]?\d{{1,4}})?(元|万元|[{''.join(COUNT_SUFFIXES)}])?"
    rf"|[增减]\d+[{''.join(COUNT_SUFFIXES)}]?"
)


def _is_number_text(text: str) -> bool:
    return bool(_NUMBER_TEXT.fullmatch(text))


# ---------------------------------------------------------------------- blocks


def _row_places(index: _Index, block: Block, after: Place | None) -> dict[str, Place]:
    """The row of each data row of a block, by its own label."""
    official_labels = _official_labels(block)
    out: dict[str, Place] = {}
    for row, optional in _rows_optional(block):
        if row.key is None:
            continue
        found = index.find(row.label)
        if after is not None:
            found = [
                (s, p)
                for s, p in found
                if (p.sheet, p.row) >= (after.sheet, after.row) or p.sheet != after.sheet
            ]
        if optional:
            # a group label spans its rows in the official layout; it is a subtotal row only
            # where no row of the group stands beside it
            found = [
                (s, p)
                for s, p in found
                if not any(t in official_labels for t, _ in index.texts_in_row(p.sheet, p.row))
            ]
            found = [(s, p) for s, p in found if s == 1.0 or s >= 0.95]
        place = _best(found)
        if place is not None:
            out[row.key] = place
            if not index.repeated and sum(1 for sc, _ in found if sc >= 0.95) > 1:
                index.repeated = True
    return out


@functools.lru_cache(maxsize=256)
def _rows_optional(block: Block) -> tuple[tuple[Row, bool], ...]:
    """A block's rows, then its optional rows, each with whether it is one of the optional
    rows (an equal row among them: compared once per block, not at every look-up)."""
    return tuple((row, row in block.optional_rows) for row in (*block.rows, *block.optional_rows))


@functools.lru_cache(maxsize=256)
def _official_labels(block: Block) -> frozenset[str]:
    """The normal forms of a block's keyed row labels."""
    return frozenset(normalize(r.label) for r in block.rows if r.key)


@functools.lru_cache(maxsize=512)
def _by_label(block: Block, optional: bool) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The positions of a block's columns (and, with ``optional``, its optional columns
    after them) grouped by their labels' normal form (first seen first), each group with
    the label of its first column."""
    cols = (*block.columns, *block.optional_columns) if optional else block.columns
    groups: dict[str, list[int]] = {}
    for i, col in enumerate(cols):
        groups.setdefault(normalize(col.label), []).append(i)
    return tuple((cols[positions[0]].label, tuple(positions)) for positions in groups.values())


def _header_places(
    index: _Index,
    block: Block,
    optional: bool,
    sheet: str,
    first_row: int,
    reach: int = HEADER_REACH,
) -> dict[int, Place]:
    """The header cell of each column of ``block`` (by position among its columns and,
    with ``optional``, its optional columns after them), above ``first_row``.

    Columns that share a label (section 四's three 结果维持) take the matches left to right.
    """
    rows = (max(0, first_row - reach), first_row - 1)
    out: dict[int, Place] = {}
    taken: set[Place] = set()
    for label, positions in _by_label(block, optional):
        hits = index.find(label, sheet, rows)
        found = [(s, p) for s, p in hits if s >= 0.95] or hits  # (searched once)
        if len(positions) == 1:
            # the nearest good match above the data
            found.sort(key=lambda sp: (-sp[0], first_row - sp[1].row, sp[1].col))
            for _, place in found:
                if place not in taken:
                    out[positions[0]] = place
                    taken.add(place)
                    break
        else:
            places = sorted((p for s, p in found if s >= 0.95), key=lambda p: (p.col, p.row))
            for i, place in zip(positions, places, strict=False):
                out[i] = place
                taken.add(place)
    return out


@functools.lru_cache(maxsize=256)
def _part_positions(block: Block) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """Each row part of a block with the key of each of its columns (then the block's
    optional columns) and where that column stands among the block's columns and
    optional columns (the first of equal ones, as ``tuple.index`` finds it)."""
    first: dict[Column, int] = {}
    for i, col in enumerate((*block.columns, *block.optional_columns)):
        first.setdefault(col, i)
    return tuple(
        (part, tuple((col.key, first[col]) for col in (*cols, *block.optional_columns)))
        for part, cols, _row in block_parts(block)
    )


def _locate_block(
    index: _Index, table: Table, block: Block, found: Found, after: Place | None
) -> Place | None:
    """Find one block's cells; return its last row (blocks follow each other)."""
    keyed = any(r.key for r in block.rows)
    if keyed:
        rows = _row_places(index, block, after)
        if not rows:
            return None
        sheet = max(
            {p.sheet for p in rows.values()}, key=lambda s: sum(p.sheet == s for p in rows.values())
        )
        rows = {k: p for k, p in rows.items() if p.sheet == sheet}
        first = min(p.row for p in rows.values())
        heads = _header_places(index, block, True, sheet, first)
        tkey, located, heads_of = table.key, found.cells, found.heads
        for part, columns in _part_positions(block):
            label = rows.get(part)
            if label is None:
                continue
            found.rows[(tkey, part)] = label
            for key, i in columns:
                head = heads.get(i)
                if head is not None:
                    path = (tkey, part, key)
                    located[path] = Place(sheet, label.row, head.col)
                    heads_of[path] = head
        last = max(p.row for p in rows.values())
        _unmatched(index, block, sheet, first, last, rows, heads, found)
        return Place(sheet, last, 0)
    # a single keyless row (section 四): headers first, then the row of values below them
    placed = _keyless_heads(index, block)
    if placed is None:
        return None
    anchor, heads = placed
    top = max(p.row for p in heads.values())
    cells = index.sheets[anchor.sheet]
    data_row = next(
        (
            r
            for r in range(top + 1, top + 5)
            if any(looks_like_value(cells.get((r, p.col))) for p in heads.values())
        ),
        top + 1,
    )
    for i, col in enumerate(block.columns):
        assert col.part is not None
        found.cells[(table.key, col.part, col.key)] = Place(anchor.sheet, data_row, heads[i].col)
        found.heads[(table.key, col.part, col.key)] = heads[i]
        found.rows.setdefault((table.key, col.part), Place(anchor.sheet, data_row, -1))
    return Place(anchor.sheet, data_row, 0)


def _keyless_heads(index: _Index, block: Block) -> tuple[Place, dict[int, Place]] | None:
    """The group label a keyless block's headers stand under (行政复议) and its headers:
    each place of that label in turn (best match first, then in order), its headers
    those between it and the first row of values below it (:func:`_first_values`), the
    first place that has all of them (a sidebar's 行政复议 | 行政诉讼 over two numbers is
    no table 四, and the headers of a table below the report's are not its own); else,
    as any place's rows may hold them, those near the first place."""
    found = [sp for sp in index.find(block.columns[0].path[0]) if sp[0] > 0]
    found.sort(key=lambda sp: -sp[0])  # (stable: the document's order among equals)
    for _, anchor in found:
        below = _first_values(index, block, anchor)
        heads = _header_places(index, block, False, anchor.sheet, below, below - anchor.row)
        if len(heads) == len(block.columns):
            index.repeated = index.repeated or len(found) > 1
            return anchor, heads
    if not found:
        return None
    anchor = found[0][1]
    heads = _header_places(
        index, block, False, anchor.sheet, anchor.row + HEADER_REACH, reach=HEADER_REACH
    )
    return (anchor, heads) if len(heads) == len(block.columns) else None


def _first_values(index: _Index, block: Block, anchor: Place) -> int:
    """The first row below ``anchor`` within :data:`HEADER_REACH` that holds a value under
    a header label of ``block`` found there (else the row past that reach)."""
    window = (anchor.row, anchor.row + HEADER_REACH)
    cols = {
        p.col
        for label, _ in _by_label(block, False)
        for _, p in index.find(label, anchor.sheet, window)
    }
    cells = index.sheets[anchor.sheet]
    return next(
        (
            r
            for r in range(anchor.row + 1, window[1] + 1)
            if any(looks_like_value(cells.get((r, c))) for c in cols)
        ),
        window[1] + 1,
    )


def _unmatched(
    index: _Index,
    block: Block,
    sheet: str,
    first: int,
    last: int,
    rows: Mapping[str, Place],
    heads: Mapping[int, Place],
    found: Found,
) -> None:
    """Rows inside a block that carry a label no field has (e.g. 其他主动公开文件)."""
    known_rows = {p.row for p in rows.values()}
    label_col = min(p.col for p in rows.values())
    for r in range(first, last + 1):
        if r in known_rows:
            continue
        texts = [t for t, p in index.texts_in_row(sheet, r) if p.col <= label_col + 2]
        if not texts:
            continue
        if any(match_score(t, lab) for t in texts for lab in _group_labels(block)):
            continue
        for p in heads.values():
            found.unmatched.append(Place(sheet, r, p.col))


@functools.lru_cache(maxsize=256)
def _group_labels(block: Block) -> frozenset[str]:
    return frozenset(x for row in block.rows for x in row.path[:-1])


# ---------------------------------------------------------------------- edition


def _edition_by_rows(index: _Index) -> tuple[Edition, str] | None:
    """The one edition whose own section-三 row labels the text holds, and one of them."""
    hits: dict[str, str] = {}
    for eid in EDITIONS:
        wanted = {core(normalize(m)): m for m in row_markers(eid)}
        label = next((wanted[core(t)] for t in index.texts if core(t) in wanted), None)
        if label is not None:
            hits[eid] = label
    if len(hits) != 1:
        return None
    ((eid, label),) = hits.items()
    return EDITIONS[eid], label


@functools.lru_cache(maxsize=16384)
def _short_core(text: str) -> str:
    return core(text)


def _core(text: str) -> str:
    """:func:`core` of a normalised text, kept for the texts of labels' length."""
    return _short_core(text) if len(text) <= 256 else core(text)


@functools.cache
def _marker_forms(edition_id: str) -> tuple[frozenset[str], frozenset[str]]:
    """An edition's section-二 markers normalised, and their cores."""
    wanted = frozenset(normalize(m) for m in markers(edition_id))
    return wanted, frozenset(core(w) for w in wanted)


def detect_edition(index: _Index, year: int | None) -> tuple[Edition, list[Note]]:
    """The edition of a workbook from the labels of section 二 (formats.md §8.4)."""
    counts: dict[str, int] = {}
    texts = set(index.texts)
    of = {t: _core(t) for t in texts}
    for eid in EDITIONS:
        wanted, cores = _marker_forms(eid)
        counts[eid] = sum(1 for t in texts if t in wanted or of[t] in cores)
    notes: list[Note] = []
    ranked = sorted(counts, key=lambda e: counts[e], reverse=True)
    if counts[ranked[0]] == 0:
        by_rows = _edition_by_rows(index)
        if by_rows is not None:
            edition, label = by_rows
            return edition, [
                Note("edition-by-rows", params={"edition": edition.id, "label": label})
            ]
        year = year if year is not None else _cover_year(index)
        if year is not None:
            e = edition_for_year(year)
            return e, [Note("edition-by-year", params={"year": year, "edition": e.id})]
        raise LayoutError.of("tables-not-found", editions=list(EDITIONS))
    if len(ranked) > 1 and counts[ranked[1]] > 0:
        params = {
            "first": ranked[0],
            "first_count": counts[ranked[0]],
            "second": ranked[1],
            "second_count": counts[ranked[1]],
        }
        notes.append(Note("edition-both", params=params))
    return EDITIONS[ranked[0]], notes


def _cover_place(index: _Index, label: str) -> Place | None:
    """The cell of a cover field: the next filled cell right of its label."""
    place = _best((s, p) for s, p in index.find(label, fuzzy=False) if s >= 0.95)
    if place is None:
        return None
    cells = index.sheets[place.sheet]
    col = next(
        (
            c
            for c in range(place.col + 1, place.col + 8)
            if cells.get((place.row, c)) not in (None, "")
        ),
        place.col + 1,
    )
    return Place(place.sheet, place.row, col)


def _cover(index: _Index, edition: Edition, found: Found) -> None:
    """Cover fields by their labels; the value is the next cell to the right."""
    for cf in edition.cover:
        place = _cover_place(index, cf.label)
        if place is not None:
            found.cover[cf.key] = place


def _cover_year(index: _Index) -> int | None:
    """The year a cover states (for telling the edition where section 二 is missing)."""
    for edition in EDITIONS.values():
        for cf in edition.cover:
            place = _cover_place(index, cf.label) if cf.kind == "year" else None
            value = index.sheets[place.sheet].get((place.row, place.col)) if place else None
            m = re.match(r"\s*((?:19|20)\d{2})", str(value)) if value is not None else None
            if m:
                return int(m.group(1))
    return None


def discover(sheets: Mapping[str, Cells], year: int | None = None, *, fast: bool = True) -> Found:
    """Where each field of the report sits in these sheets.

    With ``fast`` (the default) our own template layout is recognised first; the label
    search that follows gives the same places for it (a test holds the two to that).

    Raises:
        LayoutError: no table of the report can be found, or the edition cannot be told.
    """
    sheets = {name: cells for name, cells in sheets.items() if name not in ADDED_SHEETS}
    known = known_layout(sheets) if fast else None
    if known is not None:
        return known
    index = _Index(sheets)
    edition, notes = detect_edition(index, year)
    found = Found(edition, notes=notes)
    for table in edition.tables:
        after: Place | None = None
        located = False
        for block in table.blocks:
            last = _locate_block(index, table, block, found, after)
            if last is not None:
                after = last
                located = True
        if not located:
            found.notes.append(
                Note("table-not-found", params={"title": table.title, "table": table.key})
            )
    if not found.cells:
        raise LayoutError.of("tables-not-found")
    extras = [(t, x) for t in edition.tables for x in t.extras]
    for table, extra in extras:
        place = _best((s, p) for s, p in index.find(extra.label, fuzzy=False) if s >= 0.95)
        if place is not None:
            found.cells[(table.key, extra.part, extra.key)] = Place(
                place.sheet, place.row, place.col + 1
            )
    _cover(index, edition, found)
    found.repeated = index.repeated
    missing = found.missing()
    if missing:
        shown = cut((".".join(p) for p in missing), 5)
        rows = list(dict.fromkeys(f"{p[0]}.{p[1]}" for p in missing))  # every row, as data
        found.notes.append(
            Note(
                "fields-without-cell",
                params={"fields": shown, "count": len(missing), "rows": rows},
            )
        )
    return found
