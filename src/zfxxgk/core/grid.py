"""Where every label and value of an edition sits in its workbook, computed from the data.

The template builder, the filler and the reader all take cell positions from here, so a
table's look follows from its description: header labels merge across the columns that
share them, row labels merge down the rows that share them, the last label of a path
fills the remaining depth. Rows and columns are zero-based here; :meth:`Span.ref` gives
the A1 form.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from zfxxgk.core.layout import Block, Edition, FieldPath, FrozenValue, Table, block_parts
from zfxxgk.xlsx.refs import cell_ref

#: The sheet title sits in the first row; each table starts on the row below.
TABLE_TOP = 1


class Span(FrozenValue):
    """A rectangle of cells, zero-based and inclusive; one cell when both ends agree."""

    __slots__ = ("_hash", "col", "last_col", "last_row", "row")
    _fields = ("row", "col", "last_row", "last_col")

    row: int
    col: int
    last_row: int
    last_col: int

    def __init__(self, row: int, col: int, last_row: int, last_col: int) -> None:
        _set = object.__setattr__
        _set(self, "row", row)
        _set(self, "col", col)
        _set(self, "last_row", last_row)
        _set(self, "last_col", last_col)

    @property
    def merged(self) -> bool:
        return self.last_row > self.row or self.last_col > self.col

    def ref(self) -> str:
        """The A1 reference of the top-left cell (the one that holds the value)."""
        return cell_ref(self.row, self.col)

    def range_ref(self) -> str:
        return f"{self.ref()}:{cell_ref(self.last_row, self.last_col)}"


class Label(FrozenValue):
    """A printed label: its text, where it sits, and its role (title, header, row, …)."""

    __slots__ = ("_hash", "role", "span", "text")
    _fields = ("text", "span", "role")

    text: str
    span: Span
    role: str

    def __init__(self, text: str, span: Span, role: str) -> None:
        _set = object.__setattr__
        _set(self, "text", text)
        _set(self, "span", span)
        _set(self, "role", role)


class Placement(FrozenValue):
    """The labels and value cells of one sheet."""

    __slots__ = ("_hash", "fields", "height", "labels", "sheet", "width")
    _fields = ("sheet", "labels", "fields", "width", "height")

    sheet: str
    labels: tuple[Label, ...]
    fields: dict[FieldPath, Span]
    width: int
    height: int

    def __init__(
        self,
        sheet: str,
        labels: tuple[Label, ...],
        fields: dict[FieldPath, Span],
        width: int,
        height: int,
    ) -> None:
        _set = object.__setattr__
        _set(self, "sheet", sheet)
        _set(self, "labels", labels)
        _set(self, "fields", fields)
        _set(self, "width", width)
        _set(self, "height", height)


def _path_spans(
    items: Sequence[tuple[tuple[str, ...], int, int]], depth: int
) -> list[tuple[str, int, int, int, int]]:
    """Lay label paths out along one axis.

    ``items`` are ``(path, start, size)`` along the axis. Returns ``(text, level,
    last_level, start, end)``: group labels merge along the axis over consecutive items
    that share the path up to them; an item's own (last) label fills the remaining levels.
    """
    out: list[tuple[str, int, int, int, int]] = []
    for level in range(depth):
        i = 0
        while i < len(items):
            path, start, size = items[i]
            if len(path) <= level:
                i += 1
                continue
            if level == len(path) - 1:
                out.append((path[level], level, depth - 1, start, start + size - 1))
                i += 1
                continue
            j = i
            end = start + size - 1
            while (
                j + 1 < len(items)
                and len(items[j + 1][0]) > level + 1
                and items[j + 1][0][: level + 1] == path[: level + 1]
            ):
                j += 1
                end = items[j][1] + items[j][2] - 1
            out.append((path[level], level, level, start, end))
            i = j + 1
    return out


def _place_block(
    block: Block, top: int, width: int
) -> tuple[list[Label], dict[FieldPath, Span], int]:
    labels: list[Label] = []
    fields: dict[FieldPath, Span] = {}
    r = top
    if block.title:
        labels.append(Label(block.title, Span(r, 0, r, width - 1), "title"))
        r += 1
    h = block.header_height
    if block.label_width and block.corner is not None:
        labels.append(Label(block.corner, Span(r, 0, r + h - 1, block.label_width - 1), "corner"))
    col_items = []
    c = block.label_width
    col_pos = []
    for col in block.columns:
        col_items.append((col.path, c, col.span))
        col_pos.append((c, c + col.span - 1))
        c += col.span
    for text, level, last, start, end in _path_spans(col_items, h):
        labels.append(Label(text, Span(r + level, start, r + last, end), "header"))
    r += h
    row_items = [(row.path, r + i, 1) for i, row in enumerate(block.rows)]
    for text, level, last, start, end in _path_spans(row_items, block.label_width):
        labels.append(Label(text, Span(start, level, end, last), "row"))
    for i, row in enumerate(block.rows):
        for col, (c0, c1) in zip(block.columns, col_pos, strict=True):
            part = col.part if row.key is None else row.key
            assert part is not None
            fields[(_table_key_placeholder, part, col.key)] = Span(r + i, c0, r + i, c1)
    return labels, fields, r + len(block.rows)


_table_key_placeholder = "\u0000"


@cache
def place_table(table: Table) -> Placement:
    """The labels and value cells of a table's sheet."""
    labels = [Label(table.title, Span(0, 0, 0, table.width - 1), "sheet-title")]
    fields: dict[FieldPath, Span] = {}
    r = TABLE_TOP
    for block in table.blocks:
        if block.width != table.width:
            raise ValueError(f"block {block.title or block.record} is not {table.width} wide")
        block_labels, block_fields, r = _place_block(block, r, table.width)
        labels.extend(block_labels)
        for (_, part, key), span in block_fields.items():
            fields[(table.key, part, key)] = span
        # every official part of the block must have a cell
        for part, cols, _row in block_parts(block):
            if not any(r2.key == part for r2 in block.optional_rows):
                for col in cols:
                    assert (table.key, part, col.key) in fields
    if table.extras:
        r += 1
        for extra in table.extras:
            labels.append(Label(extra.label, Span(r, 0, r, 0), "extra"))
            fields[(table.key, extra.part, extra.key)] = Span(r, 1, r, 1)
            if extra.note:
                labels.append(Label(extra.note, Span(r, 2, r, table.width - 1), "note"))
            r += 1
    return Placement(table.sheet, tuple(labels), fields, table.width, r)


#: Cover sheet: label in column A, value in B (merged to D).
COVER_TOP = 2
COVER_WIDTH = 4


@cache
def place_cover(edition: Edition) -> Placement:
    """The cover sheet: a title, then one row for each cover field."""
    labels = [Label(cover_title(edition), Span(0, 0, 0, COVER_WIDTH - 1), "sheet-title")]
    fields: dict[FieldPath, Span] = {}
    r = COVER_TOP
    for cf in edition.cover:
        labels.append(Label(cf.label, Span(r, 0, r, 0), "extra"))
        fields[("cover", cf.key, "")] = Span(r, 1, r, COVER_WIDTH - 1)
        r += 1
    r += 1
    labels.append(Label("版式", Span(r, 0, r, 0), "extra"))
    labels.append(Label(edition_caption(edition), Span(r, 1, r, COVER_WIDTH - 1), "edition"))
    return Placement(edition.cover_sheet, tuple(labels), fields, COVER_WIDTH, r + 1)


def cover_title(edition: Edition) -> str:
    return "政府信息公开工作年度报告统计表"


def edition_caption(edition: Edition) -> str:
    """The text naming the edition on the cover, e.g. 国办公开办函〔2021〕30号（2021年版）."""
    return f"{edition.document}《{edition.title}》（{edition.id}年版）"


def all_fields(edition: Edition) -> dict[FieldPath, tuple[str, Span]]:
    """Every field with a cell: its sheet and span."""
    out: dict[FieldPath, tuple[str, Span]] = {}
    for table in edition.tables:
        placement = place_table(table)
        for path, span in placement.fields.items():
            out[path] = (placement.sheet, span)
    return out
