"""Tables drawn without rules in PDF: the header's columns, and each value under its own.

A PDF printed from a borderless table has no rules to say where a column is; its header
labels do. Two steps on the lines of text, before they are laid out on columns:

- a run that is several header labels the editions print, glued because their columns
  are narrow (本年制发件数本年废止件数现行有效件数, or the first lines of wrapped ones:
  自然人商业企科研机…), is split into one run per label, each given its share of the
  run's width by its characters;
- a number goes to the column of the header it sits under: its x-centre against the
  extents of the header labels of the last header line above it, and then starts where
  that label starts (so a value centred in its cell and one set flush left both stand in
  the header's column). A number under no label, or under two, stays where it is; its
  row is then read only if it is laid out otherwise, else left blank with a warning.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs

from zfxxgk.core.discover import looks_like_value
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.grid import place_table
from zfxxgk.core.labels import normalize
from zfxxgk.published.source import TextRow

Run = tuple[float, float, str]
#: A number's centre may lie this far (points) outside its header label's extent.
PAD = 3.0
#: Runs longer than this (characters) are never split into header labels.
LONGEST = 80


@functools.cache
def header_leaves() -> frozenset[str]:
    """Every one-column header label of the editions' tables, normalised."""
    out: set[str] = set()
    for edition in EDITIONS.values():
        for table in edition.tables:
            for label in place_table(table).labels:
                if label.role == "header" and label.span.col == label.span.last_col:
                    out.add(normalize(label.text))
    return frozenset(out)


@functools.cache
def header_labels() -> frozenset[str]:
    """Every header label of the editions' tables, over one column or several."""
    return frozenset(
        normalize(label.text)
        for edition in EDITIONS.values()
        for table in edition.tables
        for label in place_table(table).labels
        if label.role in ("header", "corner")
    )


@functools.cache
def _leaf_starts() -> frozenset[str]:
    """Beginnings (two characters or more) of the one-column header labels."""
    return frozenset(x[:n] for x in header_leaves() for n in range(2, len(x) + 1))


def _piece(text: str) -> bool:
    n = normalize(text)
    return n in header_leaves() or n in _leaf_starts()


def split_headers(run: Run) -> list[Run]:
    """A run that is two or more header labels (or their first lines), one run each;
    any other run as it is."""
    x0, x1, text = run
    if len(text) > LONGEST or len(text) < 4 or not _piece(text[:2]) or _piece(text):
        return [run]
    if normalize(text) in header_labels():  # one label over several columns (本年处理决定数量)
        return [run]
    n = len(text)
    best: list[list[int] | None] = [None] * (n + 1)  # fewest pieces ending at i
    best[0] = []
    for i in range(n):
        cut = best[i]
        if cut is None:
            continue
        for j in range(i + 2, n + 1):
            done = best[j]
            if _piece(text[i:j]) and (done is None or len(done) > len(cut) + 1):
                best[j] = [*cut, j]
    cuts = best[n]
    if not cuts or len(cuts) < 2:
        return [run]
    width = (x1 - x0) / n
    out: list[Run] = []
    start = 0
    for end in cuts:
        out.append((x0 + start * width, x0 + end * width, text[start:end]))
        start = end
    return out


@functools.cache
def _titles() -> frozenset[str]:
    """The editions' table titles, normalised: where one table ends and the next begins."""
    return frozenset(normalize(t.title) for e in EDITIONS.values() for t in e.tables)


def _column(run: Run, columns: list[Run]) -> Run | None:
    """The header label a number sits under, where exactly one holds its centre."""
    centre = (run[0] + run[1]) / 2
    under = [c for c in columns if c[0] - PAD <= centre <= c[1] + PAD]
    return under[0] if len(under) == 1 else None


def _under(run: Run, column: list[Any]) -> bool:
    centre = (run[0] + run[1]) / 2
    return bool(column[0] - PAD <= centre <= column[1] + PAD)


def _consolidate(lines: list[list[Run]]) -> tuple[list[list[Run]], list[Run]]:
    """A header's lines without its column labels, and the column labels whole: a label
    wrapped over lines (自然 / 人, 商业企 / 业) joined where each line's part sits under
    the part above and together they begin a label."""
    columns: list[list[Any]] = []
    rest: list[list[Run]] = []
    for runs in lines:
        keep = []
        for run in runs:
            above = next((c for c in columns if _under(run, c)), None)
            whole = above is not None and normalize(above[2]) in header_leaves()
            if above is not None and not whole and _piece(above[2] + run[2]):
                above[:] = [min(above[0], run[0]), max(above[1], run[1]), above[2] + run[2]]
                continue
            if above is None and _piece(run[2]):
                columns.append([run[0], run[1], run[2]])
                continue
            keep.append(run)
        rest.append(keep)
    return rest, sorted((c[0], c[1], c[2]) for c in columns)


def place_under_headers(pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pages with their lines of text's runs split at header labels, the header's
    column labels gathered on one line, and numbers moved under the column label they sit
    under (tables and other lines unchanged).

    The header is the lines without numbers since the table's title or the last line
    with numbers; a label over several columns (法人或其他组织) is no column label.
    """
    out: list[dict[str, Any]] = []
    columns: list[Run] = []
    block: list[tuple[int, int]] = []  # (page, item) of the header's lines
    pages_items: list[list[Any]] = [[] for _ in pages]

    def close() -> list[Run]:
        """Gather the header's column labels on a line of their own."""
        lines = [pages_items[p][k][2] for p, k in block]
        if not any(sum(_piece(r[2]) for r in runs) >= 2 for runs in lines):
            return []  # labels side by side make a header; a row's wrapped label does not
        rest, heads = _consolidate(lines)
        if len(heads) < 2:
            return []
        for (p, k), runs in zip(block, rest, strict=True):
            pages_items[p][k] = ("text", pages_items[p][k][1], runs)
        last = max(n for n, runs in enumerate(lines) if any(_piece(r[2]) for r in runs))
        p, k = block[last]  # a line of their own after the header's last
        pages_items[p].insert(k + 1, ("text", pages_items[p][k][1], heads))
        return heads

    for p, page in enumerate(pages):
        items = pages_items[p]
        for item in page["items"]:
            if item[0] != "text":
                items.append(item)
                columns, block = [], []
                continue
            runs = [piece for run in item[2] for piece in split_headers(run)]
            values = [looks_like_value(r[2]) for r in runs]
            if len(runs) == 1 and normalize(runs[0][2]) in _titles():
                columns, block = [], []
            elif not any(values):
                block.append((p, len(items)))
            else:
                if block:
                    columns = close() or columns
                    block = []
                moved = []
                for run, value in zip(runs, values, strict=True):
                    head = _column(run, columns) if value else None
                    if head is not None:
                        run = (head[0], head[0] + run[1] - run[0], run[2])
                    moved.append(run)
                runs = moved
            items.append(("text", item[1], runs))
    for page, items in zip(pages, pages_items, strict=True):
        kept = [it for it in items if it[0] != "text" or it[2]]
        out.append({**page, "items": kept})
    return out


@functools.cache
def group_children() -> dict[str, frozenset[frozenset[str]]]:
    """Each header label over several columns (法人或其他组织, 行政复议), normalised, with
    the sets of labels that stand under it in the editions' tables (商业企业 … 其他)."""
    out: dict[str, set[frozenset[str]]] = {}
    for edition in EDITIONS.values():
        for table in edition.tables:
            heads = [x for x in place_table(table).labels if x.role == "header"]
            for group in heads:
                g = group.span
                if g.last_col == g.col:
                    continue
                under = frozenset(
                    normalize(x.text)
                    for x in heads
                    if x.span.row == g.last_row + 1 and g.col <= x.span.col <= g.last_col
                )
                if under:
                    out.setdefault(normalize(group.text), set()).add(under)
    return {k: frozenset(v) for k, v in out.items()}


#: A group's header stands this many rows above the labels under it at most.
REACH = 3


def groups_over_children(rows: list[TextRow]) -> None:
    """Move each group header of an unruled table, printed centred over its columns, to
    the first of them (where a merged cell's text stands in a ruled table): in the
    nearest row of text columns below (within ``REACH`` rows), the labels under it stand
    on both sides of it or under it, and nothing else of its row lies between."""
    groups = group_children()
    for i, row in enumerate(rows):
        if row.starts is None or not row.positional:
            continue
        for g in row.starts:
            kids = groups.get(normalize(row.cells[g]))
            if kids is None:
                continue
            below = next(
                (
                    r
                    for r in rows[i + 1 : i + 1 + REACH]
                    if r.positional and r.starts is not None and len(r.cells) == len(row.cells)
                ),
                None,
            )
            if below is None:
                continue
            cols = [c for c in below.written() if any(normalize(below.cells[c]) in k for k in kids)]
            if not cols or not cols[0] < g <= cols[-1]:
                continue
            if any(row.cells[c] for c in range(cols[0], g)):
                continue
            cells = list(row.cells)
            cells[cols[0]], cells[g] = cells[g], ""
            starts = tuple(sorted({*row.starts, cols[0]} - {g}))
            row = rows[i] = attrs.evolve(row, cells=tuple(cells), starts=starts)
