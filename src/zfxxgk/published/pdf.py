"""Published reports in PDF: the cells from the page geometry, in a helper process.

The pages are read by pdfium (pypdfium2, the optional extra ``zfxxgk[pdf]``) in a helper
process bounded in time and memory (see :mod:`zfxxgk.xlsx.helper`): characters with their
boxes and the drawn rules (:mod:`zfxxgk.published._pdf_read`, which bounds the work as it
reads), each ruled table laid out on its grid (:mod:`zfxxgk.published._pdf_layout`).
Here the pages become the rows of a :class:`~zfxxgk.published.textsource.Source`, as HTML
and Word tables do: a table's rows are positional (each cell is its column), a line of
text is one row. A table that opens a page right after a table that closed the previous
one continues it: its columns are mapped onto the previous table's by their rules, and
where a column has no counterpart its rows lose their positions (they are then read only
where they carry one value per column). Rows over a page break are joined by their
labels, as anywhere else.

The page format (what :func:`source_from_pages` reads; other page readers, OCR of page
images for one, produce it too): a list of pages, each a dict

``{"items": [item, ...], "chars": int, "images": int}``

where ``chars`` counts the page's characters and ``images`` its images (a page with
fewer than :data:`MIN_CHARS` characters and an image has no text layer), an optional
``"links"`` the tops of the lines of text all of links' text (a list of other pages:
:attr:`TextRow.link`), and ``items``
are the page's contents top to bottom, each one of

- ``("text", top, [(x0, x1, text), ...])``: one line of text, its runs of characters
  split where the gap is wider than a character (``x0``/``x1`` the run's left and right
  edge in points from the page's left, ``top`` the line's top from the page's top);
- ``("table", top, rows, xs)``: a ruled table, ``rows`` its rows of cell texts on the grid
  of its rules (a merged cell's text in its top-left grid cell, ``""`` in the others, as
  HTML lays out spans), ``xs`` the x positions of its column rules (``len(xs)`` is one more
  than the number of columns; continued tables are matched by them); a fifth member,
  where given, is each row's columns where a cell of its own begins (the others are
  covered by a merged cell), as ``TextRow.starts``.

Characters and numbers are plain Python values (the pages are pickled across processes).
"""

from __future__ import annotations

import atexit
import bisect
import functools
import importlib.util
import itertools
import os
from pathlib import Path
from typing import Any

import attrs

from zfxxgk.core.cellvalue import UNSURE
from zfxxgk.core.discover import looks_like_value
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.grid import place_table
from zfxxgk.core.labels import core as label_core
from zfxxgk.core.labels import normalize
from zfxxgk.published._pdf_layout import SNAP
from zfxxgk.published._pdf_read import read_pdf
from zfxxgk.published.pdf_columns import (
    groups_over_children,
    header_labels,
    place_under_headers,
)
from zfxxgk.published.source import PAGE_FOOTER, Source, SourceError, TextRow
from zfxxgk.xlsx.helper import HelperDied, HelperProcess, HelperUnavailable, Settings, command

#: Seconds one PDF may take before its helper is stopped.
TIMEOUT = 60.0
#: Seconds the helper may take to start and say it is ready.
STARTUP_TIMEOUT = 30.0
#: The helper's address-space cap (bytes), where the system supports one.
MEMORY_CAP = 1024**3
#: How the helper is started.
HELPER_COMMAND = command(Path(__file__).with_name("_pdf_read.py"), "read_pdf")
#: A page with fewer characters than this, and an image, has no text layer.
MIN_CHARS = 10
#: The table number of a document's unruled rows (ruled tables are numbered from 0).
UNRULED = -1

INSTALL = "pip install 'zfxxgk[pdf]'"
OCR_INSTALL = "pip install 'zfxxgk[ocr]'"


class ScannedPdfError(SourceError):
    """A PDF whose table pages are images without a text layer."""

    slug = "scanned-pdf"


class PdfBoundError(SourceError):
    """A PDF that asks for more work than a bound allows (characters, objects, inflated
    bytes, time, memory): the error names the bound."""

    slug = "pdf-bound"


class _Helper(HelperProcess):
    def settings(self) -> Settings:
        return Settings(HELPER_COMMAND, TIMEOUT, STARTUP_TIMEOUT, MEMORY_CAP)


_HELPER_PROCESS = _Helper()
atexit.register(_HELPER_PROCESS.stop)


def have_pdfium() -> bool:
    """Whether the PDF extra (pypdfium2) is installed."""
    return importlib.util.find_spec("pypdfium2") is not None


def _missing_extra(name: str) -> SourceError:
    return SourceError.of("pdf-extra-missing", file=name, install=INSTALL)


def _stopped(why: str, name: str) -> SourceError:
    """The error for a helper stopped by its bounds (time, memory) or by a crash."""
    if why.startswith("still reading"):
        return PdfBoundError.of("pdf-timeout", file=name, seconds=TIMEOUT)
    if why in ("exit status -6", "exit status -9") or "MemoryError" in why:
        return PdfBoundError.of("pdf-memory", file=name, gib=MEMORY_CAP / 1024**3)
    return SourceError.of("pdf-crashed", file=name, why=why)


def read_pages(path: Path, name: str) -> list[dict[str, Any]]:
    """The pages of a PDF file as plain data (see ``_pdf_layout``), read in the helper.

    Raises:
        SourceError: pypdfium2 is missing, or the file is encrypted, damaged, too large,
            or its reading crashed or took too long.
    """
    if not have_pdfium():
        raise _missing_extra(name)
    try:
        answer = _HELPER_PROCESS.call(os.path.abspath(path))
    except HelperUnavailable:  # no processes here: read in this one, unbounded
        answer = read_pdf(os.path.abspath(path))
    except HelperDied as exc:
        raise _stopped(str(exc), name) from None
    if answer[0] == "ok":
        pages: list[dict[str, Any]] = answer[1]["pages"]
        return pages
    kind, detail = answer[1], answer[2]
    bound = answer[3] if len(answer) > 3 else {}  # what a bound counts, the bound, the count
    if kind == "no-pdfium":
        raise _missing_extra(name)
    if kind == "encrypted":
        raise SourceError.of("pdf-encrypted", file=name)
    if kind == "too-large" and bound:
        raise PdfBoundError.of("pdf-too-large", file=name, **bound)
    if kind == "too-large":  # out of memory
        raise PdfBoundError.of("pdf-memory", file=name, gib=MEMORY_CAP / 1024**3)
    raise SourceError.of("pdf-damaged", file=name, detail=detail)


def _clusters(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _relay(
    rows: list[list[str]],
    xs: tuple[float, ...],
    grid: list[float],
    starts: list[tuple[int, ...]] | None = None,
) -> list[tuple[tuple[str, ...], tuple[int, ...] | None]]:
    """A table's rows on a finer grid of column rules: each cell at the grid column where
    its left rule stands, the columns it now spans empty (as HTML lays out a colspan);
    with each row the grid columns where its own cells begin (``None``: not known)."""
    at = [min(range(len(grid)), key=lambda i: abs(grid[i] - x)) for x in xs[:-1]]
    out: list[tuple[tuple[str, ...], tuple[int, ...] | None]] = []
    for r, row in enumerate(rows):
        cells = [""] * (len(grid) - 1)
        for c, cell in enumerate(row):
            cells[at[c]] = cell
        own = None if starts is None or r >= len(starts) else tuple(at[c] for c in starts[r])
        out.append((tuple(cells), own))
    return out


def _chains(pages: list[dict[str, Any]]) -> dict[tuple[int, int], int]:
    """Which tables continue one another over page breaks: (page, item) → chain number.

    A table that comes first on its page (page footers aside) continues the table that
    came last on the previous page.
    """
    chain: dict[tuple[int, int], int] = {}
    last: tuple[int, int] | None = None
    for p, page in enumerate(pages):
        first = True
        here: tuple[int, int] | None = None
        for i, item in enumerate(page["items"]):
            if item[0] == "text":
                if not PAGE_FOOTER.match(" ".join(run[2] for run in item[2])):
                    first, here = False, None
                continue
            chain[(p, i)] = chain[last] if first and last is not None else len(chain)
            first, here = False, (p, i)
        last = here
    return chain


@functools.cache
def known_labels() -> frozenset[str]:
    """Every label the editions print, normalised, with and without their notes."""
    out: set[str] = set()
    for edition in EDITIONS.values():
        for table in edition.tables:
            out.add(normalize(table.title))
            for label in place_table(table).labels:
                out.add(normalize(label.text))
                out.add(label_core(normalize(label.text)))
    return frozenset(out)


def join_cut_cells(
    above: tuple[str, ...], below: tuple[str, ...], values: bool = True
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Cells cut in two by a page break, joined by their labels.

    Where the last row above the break and the first below both have text in a column,
    and together the two make a label of the report (结 + 果维持, 5.要求行政机关确认或 +
    重新出具已获取信息), or the beginning of one that wraps on (三、 + 本年), the label goes
    into the cell above, as a merged cell's text stands in its first row. With ``values``
    (the rows are of one table, continued), the row so proven cut, its value cells cut
    with it are its own: the part of a value below the break goes to the cell above,
    apart from the part above it (a number wrapped in its cell and cut, 661052 | 140705,
    is then no number the reader takes, never the 661052 above alone). ``None`` where
    nothing was cut.
    """
    if len(above) != len(below):
        return None
    labels = known_labels()
    up, down = list(above), list(below)
    for c, (a, b) in enumerate(zip(above, below, strict=True)):
        if not a.strip() or not b.strip() or looks_like_value(a) or looks_like_value(b):
            continue
        whole = normalize(a + b)
        if whole in labels or label_core(whole) in labels:
            up[c], down[c] = a + b, ""
        elif normalize(a) not in labels and whole in label_prefixes():
            up[c], down[c] = a + b, ""  # a label still wrapping on (三、 + 本年 + 度…)
    if up == list(above):
        return None
    if values:
        for c, (a, b) in enumerate(zip(above, below, strict=True)):
            if down[c] and looks_like_value(b) and (not a.strip() or looks_like_value(a)):
                up[c], down[c] = f"{a} {b}".strip(), ""
    return tuple(up), tuple(down)


def _head_labels_only(texts: list[str]) -> bool:
    """Whether the (normal) texts are some, each a header label of the editions."""
    heads = header_labels()
    return bool(texts) and all(t in heads or label_core(t) in heads for t in texts)


def _header_row(cells: tuple[str, ...]) -> bool:
    """Whether a row holds header labels and nothing else."""
    return _head_labels_only([normalize(c) for c in cells if c.strip()])


def _cut_values(
    above: tuple[str, ...], laid: list[tuple[tuple[str, ...], tuple[int, ...] | None]]
) -> tuple[tuple[str, ...], list[tuple[tuple[str, ...], tuple[int, ...] | None]]]:
    """A table's row above a page break, and the rows of the table's next part, with the
    parts of values the break cut joined apart in the cells above.

    A number wrapped in its cell and cut by the break (661052 | 140705) leaves its rest
    in a row of values only past the head the new page repeats. Where that row holds a
    value under a value of the row above, the two are that row's one cell: joined apart
    (661052 140705), so no number is read from the part above alone. (Digits the head's
    cells hold are not taken: a browser sets stray digits there on every page.) A value
    wholly below the break, under an empty cell of a row with a label, goes up into it."""
    up = list(above)
    out = list(laid)
    # a row with a label of its own (no header) above the break: a value wholly below it
    # in a row without a label is the cut row's (no row of the tables is values alone
    # but table 四's one, below its header)
    labelled = not _header_row(above) and any(t.strip() and not looks_like_value(t) for t in above)
    for j, (cells, own) in enumerate(laid):
        words = [normalize(t) for t in cells if t.strip() and not looks_like_value(t)]
        if _head_labels_only(words):
            continue  # the head the page repeats (its stray digits aside)
        if words:
            break  # a row with a label of its own: the break is above it
        down = list(cells)
        for c, (a, b) in enumerate(zip(above, cells, strict=False)):
            if looks_like_value(a) and looks_like_value(b):
                up[c], down[c] = f"{a} {b}", ""
            elif labelled and not a.strip() and looks_like_value(b):
                up[c], down[c] = b, ""
        out[j] = (tuple(down), own)
        if not any(t.strip() for t in down):
            del out[j]
        break  # the one row the break cut
    return tuple(up), out


#: Tab stops are this far apart at least and at most (points).
TAB_STEPS = (15.0, 60.0)
#: Lines of several runs at least, for a document's runs to be found at tab stops.
TAB_LINES = 8


def on_tab_stops(pages: list[dict[str, Any]]) -> bool:
    """Whether the lines of text of several runs (a table drawn without rules) start
    every run at a regular tab stop: the left margin and whole steps from it, six stops
    or more used. Text pasted from a table and printed (tab-separated cells in a word
    processor) is set so: a field longer than a step pushes the fields after it on to
    later stops, so a value stands under another header than its own and the header's
    labels are no column's extent."""
    lines = [
        [run[0] for run in it[2]]
        for page in pages
        for it in page["items"]
        if it[0] == "text" and len(it[2]) > 1
    ]
    if len(lines) < TAB_LINES:
        return False
    stops = _clusters([x for line in lines for x in line])
    steps = sorted(b - a for a, b in itertools.pairwise(stops))
    if len(stops) < 6:
        return False
    step = steps[len(steps) // 4]  # the common step (wider gaps skip unused stops)
    if not TAB_STEPS[0] <= step <= TAB_STEPS[1]:
        return False
    left = stops[0]
    return all(abs((x - left) / step - round((x - left) / step)) * step <= SNAP for x in stops)


def _column_of(x0: float, starts: list[float]) -> int | None:
    k = bisect.bisect_left(starts, x0 - SNAP)
    return k if k < len(starts) and abs(starts[k] - x0) <= SNAP else None


def _on_columns(
    runs: list[tuple[float, float, str]], starts: list[float]
) -> tuple[str, ...] | None:
    """A line of runs on the columns of unruled tables, where each run starts at a column
    of its own; else ``None`` (the line stays a row of text without positions)."""
    cells = [""] * len(starts)
    for x0, _x1, run in runs:
        k = _column_of(x0, starts)
        if k is None or cells[k]:
            return None
        cells[k] = run
    return tuple(cells)


@functools.cache
def label_prefixes() -> frozenset[str]:
    """Every beginning of a label the editions print, normalised."""
    return frozenset(label[:n] for label in known_labels() for n in range(1, len(label) + 1))


def _continue_labels(
    rows: list[TextRow],
    recent: list[int],
    runs: list[tuple[float, float, str]],
    starts: list[float],
) -> list[tuple[float, float, str]] | None:
    """Join to the recent unruled rows the runs of a line that continue their wrapped
    labels: a run continues the nearest label above it in its column when together they
    begin a label of the report (1.属 + 于国 + 家秘 + 密; 自然 + 人). Returns the runs left
    over (a row of their own), or ``None`` where no run continues a label."""
    prefixes = label_prefixes()
    rest: list[tuple[float, float, str]] = []
    for x0, x1, run in runs:
        k = _column_of(x0, starts)
        above = next((i for i in reversed(recent) if k is not None and rows[i].cells[k]), None)
        if k is not None and above is not None:
            cell = rows[above].cells[k]
            if (
                not looks_like_value(cell)
                and not looks_like_value(run)
                and normalize(cell + run) in prefixes
            ):
                cells = list(rows[above].cells)
                cells[k] += run
                rows[above] = attrs.evolve(rows[above], cells=tuple(cells))
                continue
        rest.append((x0, x1, run))
    return None if len(rest) == len(runs) else rest


def _wrapping(text: str) -> bool:
    """Whether a line's one run is the first line of a label that wraps on."""
    n = normalize(text)
    return n in label_prefixes() and n not in known_labels()


def _values_of_wrapped(rows: list[TextRow], above: int, cells: tuple[str, ...]) -> bool:
    """Join a line of values alone to the unruled row above where that row's label is
    not yet whole (it wraps on below the values, as a label vertically centred beside
    them does: 2.其他法律行政法规 / 0 0 0 / 禁止公开) and has no values yet. Returns
    whether the values were joined."""
    if not all(not c or looks_like_value(c) for c in cells) or not any(cells):
        return False
    row = rows[above].cells
    if len(row) != len(cells) or any(looks_like_value(c) for c in row if c):
        return False
    labels, prefixes = known_labels(), label_prefixes()
    texts = [normalize(c) for c in row if c]
    if not texts or not any(t in prefixes and t not in labels for t in texts[-1:]):
        return False
    if any(a and b for a, b in zip(row, cells, strict=True)):
        return False
    joined = tuple(a or b for a, b in zip(row, cells, strict=True))
    drawn = tuple(k for k, c in enumerate(joined) if c)
    rows[above] = attrs.evolve(rows[above], cells=joined, starts=drawn)
    return True


def _heads_beside(
    rows: list[TextRow], recent: list[int], cells: tuple[str, ...] | None
) -> tuple[str, ...] | None:
    """A line's labels left of the label of the unruled row above (its group's label
    beside a row's values: （五） | 0 0 0), where the rest are values; else ``None``."""
    if cells is None or not recent:
        return None
    above = rows[recent[-1]].cells
    if len(above) != len(cells):
        return None
    first = next((k for k, c in enumerate(above) if c), None)
    heads = tuple(
        c if k < (first or 0) and not looks_like_value(c) else "" for k, c in enumerate(cells)
    )
    rest = [c for h, c in zip(heads, cells, strict=True) if not h and c]
    if not any(heads) or not rest or not all(looks_like_value(c) for c in rest):
        return None
    # a group's label, or a piece of one: never the whole label of a row of its own,
    # whose values these would be (（六）其他处理 of 2019)
    groups, labels = group_labels(), known_labels()
    if any((n := normalize(h)) in labels and n not in groups for h in heads if h):
        return None
    return heads


@functools.cache
def group_labels() -> frozenset[str]:
    """The row labels over several rows in every edition that prints them (（五）不予处理;
    not （六）其他处理, a row of its own in 2019), normalised."""
    spans: dict[str, set[bool]] = {}
    for edition in EDITIONS.values():
        for table in edition.tables:
            for label in place_table(table).labels:
                if label.role == "row":
                    several = label.span.last_row > label.span.row
                    spans.setdefault(normalize(label.text), set()).add(several)
    return frozenset(n for n, kinds in spans.items() if kinds == {True})


def _values_alone(cells: tuple[str, ...]) -> bool:
    """Whether a row's written cells are all values (a line of numbers, no label)."""
    written = [c for c in cells if c]
    return bool(written) and all(looks_like_value(c) for c in written)


def _more_pieces(rows: list[TextRow], at: int, cells: tuple[str, ...] | None) -> bool:
    """Join to a line of pieces of wrapped numbers (``rows[at]``) the next such line,
    where its values stand in the columns of theirs (57423 / 47683 / 15); returns
    whether they were joined."""
    row = rows[at]
    if cells is None or not _values_alone(cells) or len(cells) != len(row.cells):
        return False
    if not all(row.cells[k] for k, c in enumerate(cells) if c):
        return False
    joined = tuple(f"{a}\n{b}" if b else a for a, b in zip(row.cells, cells, strict=True))
    rows[at] = attrs.evolve(row, cells=joined)
    return True


def _piece_below(rows: list[TextRow], recent: list[int], cells: tuple[str, ...] | None) -> bool:
    """Whether a line of values alone stands under values of the unruled row above, in
    their columns (pieces of numbers wrapped in their cells)."""
    if cells is None or not recent or not _values_alone(cells):
        return False
    above = rows[recent[-1]]
    return (
        _labelled(above)
        and len(above.cells) == len(cells)
        and all(above.cells[k] for k, c in enumerate(cells) if c)
    )


def _labelled(row: TextRow) -> bool:
    """An unruled row with a label and values, on the document's columns."""
    cells = row.cells
    return (
        row.table == UNRULED
        and any(c and not looks_like_value(c) and not _fragment_text(c) for c in cells)
        and any(c and looks_like_value(c) for c in cells)
    )


def _join_pieces(
    rows: list[TextRow],
    lines: tuple[dict[int, float], dict[int, float]],
    pieces: tuple[int, int | None],
    after: int | None,
) -> None:
    """A line of values alone between two rows of values (``pieces``: its index and the
    row above's; ``after``: the row below, where one came; ``lines``: the tops of the
    rows' lines, and of the last line joined to a row of pieces): where its values stand in
    a column where the nearer of the two has one too, they are pieces of numbers wrapped
    in their cells (574234768315 as 57423 / 47683 / 15 in a narrow column): joined to
    that row's value by a line break, which no reader takes for a number (the cell is
    then left blank with a warning), never read as a number of their own."""
    at, above = pieces
    if after == at:
        return
    near: list[int] = []
    for k in (above, after):
        if k is not None and _labelled(rows[k]) and len(rows[k].cells) == len(rows[at].cells):
            near.append(k)
    if not near:
        return
    tops, lows = lines  # the first and last line of the pieces
    first, last = tops.get(at, 0.0), lows.get(at, tops.get(at, 0.0))
    far = float("inf")
    gap = {k: first - tops.get(k, -far) if k == above else tops.get(k, far) - last for k in near}
    nearest = min(gap.values())
    # the nearer row, where it is clearly nearer; else both (a number centred on its row's
    # label prints pieces above and below it, as near to the rows around as to its own)
    targets = [k for k in near if gap[k] <= max(2 * nearest, nearest + 1.0)]
    mine = list(rows[at].cells)
    taken = [False] * len(mine)
    for target in targets:
        theirs = list(rows[target].cells)
        for c, (a, b) in enumerate(zip(mine, theirs, strict=True)):
            if a and b and looks_like_value(b):
                theirs[c] = f"{b}\n{a}" if target == above else f"{a}\n{b}"
                taken[c] = True
        rows[target] = attrs.evolve(rows[target], cells=tuple(theirs))
    mine = ["" if t else a for a, t in zip(mine, taken, strict=True)]
    rows[at] = attrs.evolve(rows[at], cells=tuple(mine))


def _digits_alone(cells: tuple[str, ...]) -> bool:
    """Whether a row's written cells are all values, some with digits (not only dashes)."""
    return _values_alone(cells) and any(any(ch.isdigit() for ch in c) for c in cells)


def _label_alone(row: TextRow, pieces: TextRow) -> bool:
    """An unruled row of labels and no values, left of the pieces' columns (a row's
    label, a group's before it): a row's label wrapped, its values on its next line (not
    a header over the columns)."""
    written = [k for k, c in enumerate(row.cells) if c]
    valued = [k for k, c in enumerate(pieces.cells) if c and looks_like_value(c)]
    if row.table != UNRULED or not written or not valued or written[-1] >= min(valued):
        return False
    texts = [row.cells[k] for k in written]
    return not any(looks_like_value(t) for t in texts) and not _fragment_text(texts[-1])


def _dashes_alone(row: TextRow) -> bool:
    """An unruled row of values without digits (— / 0-free marks), no label."""
    return row.table == UNRULED and _values_alone(row.cells)


def _fragment_text(text: str) -> bool:
    """A few characters without digits that are no label of their own: a line of a label
    standing across rows (三、本年度办理结果 printed 三、 / 度办 / 理结 / 果)."""
    return (
        0 < len(text) <= 4
        and not any(ch.isdigit() for ch in text)
        and normalize(text) not in known_labels()
    )


def _fragment(row: TextRow) -> bool:
    """A line of text that is a fragment of a label standing across rows."""
    return row.table is None and _fragment_text("".join(row.cells))


def _pieces_row(row: TextRow) -> bool:
    """An unruled row of values with digits and no label of its own: values alone, or
    beside fragments of a label standing across rows (度办 | 69)."""
    if row.table != UNRULED:
        return False
    values = [c for c in row.cells if c and looks_like_value(c)]
    others = [c for c in row.cells if c and not looks_like_value(c)]
    return any(any(ch.isdigit() for ch in c) for c in values) and all(
        _fragment_text(c) for c in others
    )


def _stranded_pieces(rows: list[TextRow]) -> None:
    """Pieces of wrapped numbers that no row took (a line of values alone, where the rows
    around it do not hold values in its columns, or where a label's next line stands
    between): joined, by a line break, to the cell of their column in the labelled rows
    both above and below them, for either may be the number's row. No reader takes a
    cell so joined (and marked :data:`~zfxxgk.core.cellvalue.UNSURE`) for a number: it is
    left blank with a warning naming its row, never read from a piece (574234768315
    printed 57423 / 47683 / 15 beside a label that wraps: 47683 is not the row's number)."""
    extra: dict[tuple[int, int], list[str]] = {}
    pairs: list[tuple[int, int]] = []  # rows that took the same pieces, above and below
    for at, row in enumerate(rows):
        if not _pieces_row(row):
            continue
        owners = []  # the labelled rows above and below, across pieces and fragments
        for step in (-1, 1):
            k = at + step
            while 0 <= k < len(rows) and rows[k].page == row.page:
                near = rows[k]
                if _labelled(near) or _label_alone(near, row):
                    if len(near.cells) == len(row.cells):
                        owners.append(k)
                    break
                if not _between_pieces(near):
                    break
                k += step
        if not owners:  # values of no labelled row (table 四's row of values): as they are
            continue
        if len(owners) == 2:
            pairs.append((min(owners), max(owners)))
        for k in owners:
            for c, piece in enumerate(row.cells):
                if piece and looks_like_value(piece):
                    extra.setdefault((k, c), []).append(piece)
        kept = tuple("" if c and looks_like_value(c) else c for c in row.cells)
        rows[at] = attrs.evolve(row, cells=kept)
    for (k, c), found in sorted(extra.items()):
        cells = list(rows[k].cells)
        lines = [cells[c], *found] if cells[c] else found
        cells[c] = "\n".join(lines).replace(UNSURE, "") + UNSURE
        rows[k] = attrs.evolve(rows[k], cells=tuple(cells))
    _wrapped_label_rows(rows, pairs + _unknown_neighbours(rows))
    _beside_pieces(rows)


def _unknown_neighbours(rows: list[TextRow]) -> list[tuple[int, int]]:
    """Neighbouring labelled rows whose labels the editions both do not know: lines of
    one wrapped label, or a wrapped label's line run into a group label's fragment
    (4.保护第三方合法权 above （三）不益): its numbers may wrap over both lines
    (9547674 / 02956), though no line of pieces stands between them. Unruled rows only:
    a ruled table keeps a wrapped label in its cell."""
    labelled = [k for k, row in enumerate(rows) if row.table == UNRULED and _labelled(row)]
    out = []
    for a, b in itertools.pairwise(labelled):
        one, two = rows[a], rows[b]
        if one.page != two.page or one.table != two.table:
            continue
        if all(_between_pieces(r) for r in rows[a + 1 : b]) and (
            _unknown_label(one) and _unknown_label(two)
        ):
            out.append((a, b))
    return out


def _unknown_label(row: TextRow) -> bool:
    """Whether a row's label (its last text that is no value) is none the editions know:
    a line of a label wrapped in its cell (4.保护第三方合法权 / 益)."""
    texts = [c for c in row.cells if c and not looks_like_value(c)]
    return bool(texts) and normalize(texts[-1]) not in known_labels()


def _wrapped_label_rows(rows: list[TextRow], pairs: list[tuple[int, int]]) -> None:
    """Two labelled rows that took the same pieces between them, one of them a wrapped
    label's line, may be one row whose numbers wrap over both lines (374558584116
    printed 3745585 beside 4.保护第三方合法权 and 84116 beside 益, its short numbers
    centred between): a number in a column both hold, neither of them joined to pieces,
    may be a piece too: both are marked :data:`~zfxxgk.core.cellvalue.UNSURE`."""
    for a, b in pairs:
        one, two = rows[a], rows[b]
        if len(one.cells) != len(two.cells) or not (_unknown_label(one) or _unknown_label(two)):
            continue
        doubtful = [
            c
            for c, (x, y) in enumerate(zip(one.cells, two.cells, strict=True))
            if x
            and y
            and looks_like_value(x)
            and looks_like_value(y)
            and not _took_pieces(x)
            and not _took_pieces(y)
        ]
        for k in (a, b):
            cells = list(rows[k].cells)
            for c in doubtful:
                cells[c] += UNSURE
            rows[k] = attrs.evolve(rows[k], cells=tuple(cells))


def _between_pieces(row: TextRow) -> bool:
    """A row that may stand between a wrapped number's pieces and its row: another line of
    pieces, of a label's fragment, of dashes, or a row left empty."""
    return _fragment(row) or _pieces_row(row) or _dashes_alone(row) or not any(row.cells)


def _took_pieces(cell: str) -> bool:
    """Whether a cell holds pieces of a wrapped number (joined by a line break, or marked
    for a piece no row proves its own)."""
    return "\n" in cell or UNSURE in cell


def _beside_pieces(rows: list[TextRow]) -> None:
    """A number in the column of a cell that took pieces of a wrapped number, in the
    labelled row just above or below it: doubtful, for the pieces may have been its own
    (printed as evenly apart from the rows around as from its label: 58856 / 38604 / 93
    beside 2.重复申请, 58856 taken by the row above, 38604 left alone): it gets a second
    mark (:data:`~zfxxgk.core.cellvalue.UNSURE`), and is left blank with a warning naming
    its row."""
    labelled = [k for k, row in enumerate(rows) if _labelled(row)]
    doubtful: set[tuple[int, int]] = set()
    for a, b in itertools.pairwise(labelled):
        one, two = rows[a], rows[b]
        if one.page != two.page or len(one.cells) != len(two.cells):
            continue
        if not all(_between_pieces(r) for r in rows[a + 1 : b]):
            continue  # not neighbours: something else stands between
        for c, (x, y) in enumerate(zip(one.cells, two.cells, strict=True)):
            if _took_pieces(x) and y and not _took_pieces(y) and looks_like_value(y):
                doubtful.add((b, c))
            elif _took_pieces(y) and x and not _took_pieces(x) and looks_like_value(x):
                doubtful.add((a, c))
    for k, c in sorted(doubtful):
        cells = list(rows[k].cells)
        cells[c] += UNSURE
        rows[k] = attrs.evolve(rows[k], cells=tuple(cells))


def _text_row(
    laid_out: tuple[str, ...] | None, cells: tuple[str, ...], line: int, page: int
) -> TextRow:
    """A line as a row: on the unruled columns, where only the columns something was
    drawn in are written cells (no box says a blank column is a cell of this row); else
    its runs, each a cell."""
    if laid_out is None:
        return TextRow(cells, False, line, page=page)
    drawn = tuple(k for k, c in enumerate(laid_out) if c)
    # the unruled rows of a document stand on one set of columns: one table
    return TextRow(
        laid_out, True, line, page=page, starts=drawn, reach=len(laid_out), table=UNRULED
    )


def source_from_pages(pages: list[dict[str, Any]], name: str) -> Source:
    """The rows of a PDF's pages: tables positional, lines of text as single rows.

    A table continued over page breaks is laid out, all its parts, on one grid: every
    column rule of any part, so that a value stands in the column of its header exactly
    where their rules coincide (and in a column of its own where they do not).

    Raises:
        ScannedPdfError: no page has a text layer, and some page is an image.
    """
    rows: list[TextRow] = []
    text: list[str] = []
    ends: dict[int, int] = {}  # chain → index in rows of its last row so far
    unread = [
        n for n, page in enumerate(pages, 1) if page["chars"] < MIN_CHARS and page["images"] > 0
    ]
    if unread and all(page["chars"] < MIN_CHARS for page in pages):
        # OCR, where installed, reads such pages first (and says so where it cannot)
        raise ScannedPdfError.of("scanned-pdf-needs-ocr", file=name, install=OCR_INSTALL)
    tabbed = on_tab_stops(pages)
    if not tabbed:
        pages = place_under_headers(pages)
    chains = _chains(pages)
    grids: dict[int, list[float]] = {}
    for (p, i), c in chains.items():
        grids.setdefault(c, []).extend(pages[p]["items"][i][3])
    for c, xs in grids.items():
        grids[c] = _clusters(xs)
    # text aligned in columns (a table drawn without rules): the left edges of the runs
    # of the lines with several runs are the columns of the whole document
    starts = _clusters(
        [
            run[0]
            for page in pages
            for it in page["items"]
            if it[0] == "text" and len(it[2]) > 1
            for run in it[2]
        ]
    )
    if tabbed:  # text set at tab stops: its runs stand in no column a header proves
        starts = []
    recent: list[int] = []  # the last unruled rows, whose labels may wrap onto next lines
    tops: dict[int, float] = {}  # index in rows → top of its line, of the lines of text
    lows: dict[int, float] = {}  # the same, of the last line joined to a row of pieces
    pieces: tuple[int, int | None] | None = None  # a line of values alone, the row above
    last_of_page: dict[int, int] = {}  # page → index in rows of its last table row
    for p, page in enumerate(pages):
        line = 0
        first_table = True
        for i, item in enumerate(page["items"]):
            if item[0] == "text":
                cells = tuple(run[2] for run in item[2])
                joined = " ".join(cells)
                if PAGE_FOOTER.match(joined):
                    continue
                first_table = False  # a table below a line of text continues no other
                text.append(joined)
                runs = item[2]
                rest = _continue_labels(rows, recent, runs, starts) if recent else None
                if rest is not None:  # the rest of labels that wrapped joined above
                    if not rest:
                        continue
                    runs = rest
                    cells = tuple(run[2] for run in runs)
                laid_out = _on_columns(runs, starts) if runs else None
                if (
                    laid_out is not None
                    and recent
                    and _values_of_wrapped(rows, recent[-1], laid_out)
                ):
                    continue  # the values of a label wrapped around them, joined above
                heads = _heads_beside(rows, recent, laid_out)
                if heads is not None and laid_out is not None:
                    # the values of a label wrapped around them, beside a label of the
                    # rows' group (（五） of （五）不予处理, centred on its rows): the values
                    # joined above, the group's label a row of its own
                    values = tuple("" if h else c for h, c in zip(heads, laid_out, strict=True))
                    if _values_of_wrapped(rows, recent[-1], values):
                        line += 1
                        rows.append(_text_row(heads, cells, line, p + 1))
                        recent = [*recent[-7:], len(rows) - 1]
                        continue
                if pieces is not None and _more_pieces(rows, pieces[0], laid_out):
                    lows[pieces[0]] = item[1]
                    continue  # the next piece of the same wrapped numbers, joined to them
                line += 1
                piece = _piece_below(rows, recent, laid_out)
                # a number alone on its line amid the unruled rows: a piece of a number
                # wrapped in its cell, laid out in its column (see _stranded_pieces)
                stray = bool(recent) and laid_out is not None and _digits_alone(laid_out)
                if len(cells) == 1 and not _wrapping(cells[0]) and not piece and not stray:
                    laid_out = None  # a line of text, not a row
                row = _text_row(laid_out, cells, line, p + 1)
                if laid_out is None and item[1] in page.get("links", ()):
                    row = attrs.evolve(row, link=True)  # a line all of a link's text
                rows.append(row)
                tops[len(rows) - 1] = item[1]
                if pieces is not None:  # a line of values alone above: to which row?
                    _join_pieces(rows, (tops, lows), pieces, len(rows) - 1)
                    pieces = None
                if laid_out is not None and (
                    piece or stray or (_values_alone(laid_out) and len(cells) > 1)
                ):
                    pieces = (len(rows) - 1, recent[-1] if recent else None)
                if laid_out is not None:
                    recent = [*recent[-7:], len(rows) - 1]
                elif rest is None:
                    recent = []
                continue
            recent = []
            if pieces is not None:
                _join_pieces(rows, (tops, lows), pieces, None)
                pieces = None
            chain = chains[(p, i)]
            laid = _relay(item[2], item[3], grids[chain], item[4] if len(item) > 4 else None)
            # the row above a page break: the table's own, or (a table whose parts were
            # not matched, their column rules differing) the last table row of the page
            # before, where this is its page's first table
            above = ends.get(chain)
            if above is None and first_table:
                above = last_of_page.get(p - 1)
            first_table = False
            if above is not None and laid:
                last = rows[above]
                # the first row past a header the new page repeats (a browser prints a
                # table's head on every page) is the one a page break cut
                k = next((k for k, (c, _) in enumerate(laid) if not _header_row(c)), 0)
                same = chain in ends  # the same table continued: values may be cut too
                cut = join_cut_cells(last.cells, laid[k][0], values=same)
                if cut is not None:  # cells cut by the page break
                    rows[above] = attrs.evolve(last, cells=cut[0])
                    below = [(cut[1], laid[k][1])] if any(cut[1]) else []
                    laid = [*laid[:k], *below, *laid[k + 1 :]]
                if same:  # the same table: values cut by the break
                    up, laid = _cut_values(rows[above].cells, laid)
                    rows[above] = attrs.evolve(rows[above], cells=up)
            for k, (cells, own) in enumerate(laid, 1):
                text.append("\t".join(cells))
                rows.append(TextRow(cells, True, k, page=p + 1, starts=own, table=chain))
            if laid:
                ends[chain] = last_of_page[p] = len(rows) - 1
    if pieces is not None:
        _join_pieces(rows, (tops, lows), pieces, None)
    _stranded_pieces(rows)
    groups_over_children(rows)
    return Source("pdf", tuple(rows), "\n".join(text), unread=tuple(unread))
