"""A page that prints a table of the report twice: which copy is the report's?

Sites print a table twice on one page: a screen and a print version, the tables again
in traditional characters, the article's pages concatenated. Discovery reads each row
from the first place its label stands; where a label was found in more than one place
(:attr:`Found.repeated`), the rows of the tables it located are set aside and the
tables are looked for again in the rest. A field read in both copies with the same value
is that value; where the copies give a field two values (a stale copy), nothing on the
page says which is the report's: the field is left blank, with a ``copies-differ``
warning naming its row (unless a line just above the second names another year, 上年度：
or 2023年: that table is another year's, not the report's). A copy that is no table of
the report's (a sidebar's 行政许可 1234, under no header of its column and on a row
narrower than the table's) changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from zfxxgk.core.discover import Found, Place, discover, looks_like_value
from zfxxgk.core.labels import normalize
from zfxxgk.core.layout import FieldPath
from zfxxgk.errors import LayoutError
from zfxxgk.noteparams import cut
from zfxxgk.notes import Note
from zfxxgk.published.source import TextRow
from zfxxgk.xlsx.cells import Sheet

#: What reads the report of the fields a discovery located in a sheet (its alignment
#: first): the fields it left blank are none of the report's.
Reader = Callable[[Found, Sheet], dict[FieldPath, object]]


def _tables_rows(found: Found) -> set[int]:
    """The rows the tables ``found`` located stand on: their header rows, label rows and
    value rows (not the rows between: a copy of some of a table's rows may stand
    inside it, as where the article's pages were joined)."""
    rows = {place.row for place in found.rows.values()}
    for places in (found.heads, found.cells):
        rows.update(place.row for place in places.values())
    return rows


def _starts(found: Found) -> dict[str, int]:
    """The first row of each table ``found`` located (a header's or a label's)."""
    out: dict[str, int] = {}
    for places in (found.rows, found.heads):
        for key, place in places.items():
            out[key[0]] = min(out.get(key[0], place.row), place.row)
    return out


#: How many copies of the tables past the first are looked for.
MAX_COPIES = 4

#: A line that says the table below is another year's: 上年度：, 去年, 2023年 (of no
#: other year than the report's: see :func:`_other_year_above`).
_OTHER_YEAR = re.compile(r"上一?年|去年|往年|((?:19|20)\d{2})\s*年")
#: How many lines of text above a table may say so (its title, a units line).
_ABOVE = 3


def _other_year_above(rows: dict[int, TextRow], start: int, year: int | None) -> bool:
    """Whether one of the few lines of text just above a table (over the header rows
    above its first found header) names another year than the report's (上年度：,
    2023年): the table is that year's, no copy of the report's."""
    lines = 0
    for r in range(start - 1, -1, -1):
        row = rows.get(r)
        if row is None:
            continue
        cells = [c for c in row.cells if c and c.strip()]
        if len(row.cells) > 1:  # a table's row: its header's, else the lines end there
            if lines or any(map(looks_like_value, cells)):
                return False
            continue
        lines += 1
        for m in _OTHER_YEAR.finditer(cells[0] if cells else ""):
            if m.group(1) is None or int(m.group(1)) != year:
                return True
        if lines >= _ABOVE:
            return False
    return False


def _as_wide(rows: dict[int, TextRow], one: Place | None, other: Place | None) -> bool:
    """Whether two fields' cells stand on rows of as many cells (rows of one table's
    copies: a copy's rows need not stand under a header of their own, as a table's part
    after a page break does not; a sidebar's 行政许可 | 1234 is as wide as no row of a
    report's table)."""
    if one is None or other is None or one.row not in rows or other.row not in rows:
        return False
    return len(rows[one.row].cells) == len(rows[other.row].cells)


def _table_start(rows: dict[int, TextRow], r: int) -> int:
    """The first row of the table row ``r`` stands in (its grid's rows above it)."""
    table = rows[r].table
    while table is not None and r - 1 in rows and rows[r - 1].table == table:
        r -= 1
    return r


def _rows_restated(
    found: Found, sheet: Sheet, rows: dict[int, TextRow], year: int | None, seen: set[int]
) -> list[FieldPath]:
    """The fields located on a row whose label the page writes again, on a row as wide
    outside every table located (nor under a line naming another year), that holds
    another text in the field's column: which of the two is the report's, nothing says."""
    cells = sheet.cells
    by_label: dict[tuple[int, str], list[int]] = {}  # the rows outside, by label cell
    label_cols = {place.col for place in found.rows.values() if place.col >= 0}
    for (r, c), text in cells.items():
        if c in label_cols and r not in seen and isinstance(text, str) and r in rows:
            by_label.setdefault((c, normalize(text)), []).append(r)
    located = {  # the located rows' labels, by their column
        (place.col, normalize(label))
        for place in found.rows.values()
        if isinstance(label := cells.get((place.row, place.col)), str)
        and not looks_like_value(label)
    }
    tables = {
        rows[place.row].table
        for places in (found.rows, found.heads, found.cells)
        for place in places.values()
        if place.row in rows
    } - {None}
    report = {_row_shown(row) for row in rows.values() if row.table in tables}
    of_part: dict[tuple[str, str], list[FieldPath]] = {}
    for path in found.cells:
        of_part.setdefault(path[:2], []).append(path)
    out: list[FieldPath] = []
    for key, place in found.rows.items():
        label = cells.get((place.row, place.col))
        if place.row not in rows:
            continue
        if isinstance(label, str) and not looks_like_value(label):
            candidates = by_label.get((place.col, normalize(label)), [])
        else:  # a row of values with no label (table 四's): any such row as wide
            candidates = _value_rows(rows, place.row, seen)
        again = [
            r
            for r in candidates
            if len(rows[r].cells) == len(rows[place.row].cells)
            and not _other_year_above(rows, _table_start(rows, r), year)
            and _headless(rows, cells, r, located, report)
        ]
        for path in of_part.get(key, ()):
            at = found.cells[path]
            mine = _shown(cells.get((at.row, at.col)))
            if any(_shown(cells.get((r, at.col))) != mine for r in again):
                out.append(path)
    return out


def _headless(
    rows: dict[int, TextRow],
    cells: dict[tuple[int, int], object],
    r: int,
    located: set[tuple[int, str]],
    report: set[tuple[str, ...]],
) -> bool:
    """Whether every row above row ``r`` in its grid is one of the report's tables' rows
    again (a located row's label, a row of the tables' grids, or values alone): a part
    of a table after a page break. A sidebar's 双公示 | 行政许可 | 1234 is under a header
    of its own that no table of the report writes: no copy of the report's."""
    for k in range(_table_start(rows, r), r):
        row = rows[k]
        if _row_shown(row) in report or all(
            looks_like_value(c) or not c.strip() for c in row.cells
        ):
            continue
        if any((col, normalize(cells.get((k, col)))) in located for col, _ in located):
            continue
        return False
    return True


def _row_shown(row: TextRow) -> tuple[str, ...]:
    """A row's cells as compared between copies."""
    return tuple(map(_shown, row.cells))


def _value_rows(rows: dict[int, TextRow], r: int, seen: set[int]) -> list[int]:
    """The rows outside ``seen`` as wide as row ``r`` that hold values and nothing else
    (a row of table 四 again, its header rows left before a page break)."""
    width = len(rows[r].cells)
    return [
        other
        for other, row in rows.items()
        if other != r
        and other not in seen
        and len(row.cells) == width
        and any(c.strip() for c in row.cells)
        and all(looks_like_value(c) or not c.strip() for c in row.cells)
    ]


def _shown(text: object) -> str:
    """A cell's text as compared between copies (its white space aside)."""
    return "" if text is None else "".join(str(text).split())


def differing(
    found: Found,
    sheet: Sheet,
    rows: dict[int, TextRow],
    year: int | None,
    read: Reader,
) -> tuple[set[FieldPath], list[Note]]:
    """The fields ``found`` located that another copy on the page gives another value,
    and a ``copies-differ`` warning for each table that has them (see the module): each
    copy is looked for in what the copies before it left, while a label is still met
    twice there (at most :data:`MAX_COPIES`)."""
    if not found.repeated:
        return set(), []
    first = read(found, sheet)
    rest = dict(sheet.cells)
    seen = _tables_rows(found)
    located = found
    differ: dict[str, dict[FieldPath, None]] = {}  # by table, in order
    lines: dict[str, dict[int, None]] = {}
    for _ in range(MAX_COPIES):
        if not located.repeated:
            break
        taken = _tables_rows(located)
        rest = {k: v for k, v in rest.items() if k[0] not in taken}
        try:
            again = discover({sheet.name: rest}, year=year, fast=False)
        except LayoutError:
            break
        if again.edition.id != found.edition.id or not again.cells:
            break
        second = read(again, Sheet(sheet.name, cells=rest))
        starts = _starts(again)
        earlier = {t for t, start in starts.items() if _other_year_above(rows, start, year)}
        for path, value in second.items():
            if path[0] in earlier or path not in first or first[path] == value:
                continue
            if path in again.heads or _as_wide(rows, found.cells.get(path), again.cells.get(path)):
                differ.setdefault(path[0], {})[path] = None
                at = lines.setdefault(path[0], {})
                for place in (found.rows.get(path[:2]), again.rows.get(path[:2])):
                    if place is not None and place.row in rows:
                        at[rows[place.row].line] = None
        located = again
        seen |= _tables_rows(again)
    # a part of a table printed twice with no header of its own (the rows after a page
    # break, a screen and a print copy): no table is found again, its rows are
    for path in _rows_restated(found, sheet, rows, year, seen):
        if path not in differ.get(path[0], {}):
            differ.setdefault(path[0], {})[path] = None
            at = lines.setdefault(path[0], {})
            place = found.rows.get(path[:2])
            if place is not None and place.row in rows:
                at[rows[place.row].line] = None
    notes = [
        Note(
            "copies-differ",
            params={
                "title": found.edition.table(table).title,
                "table": table,
                "count": len(paths),
                "fields": cut((".".join(p) for p in paths), 5),
                "rows": list(dict.fromkeys(f"{p[0]}.{p[1]}" for p in paths)),
                "lines": sorted(lines[table]),
            },
        )
        for table, paths in differ.items()
    ]
    return {p for paths in differ.values() for p in paths}, notes
