"""A spreadsheet printed wider than its page: the columns past the page's width are printed
on pages of their own, after the pages of the rows (a spreadsheet's default page order:
down, then over). Such a page holds no row label, only numbers and column headers, each
line at the height of its row on the page of the same rows before it. Its lines are
joined to theirs, right of them, so that a row's values are read whole under their
headers.

The pages are those of :mod:`zfxxgk.published.pdf`'s page format. Only pages of lines
of text (no ruled table) are joined, and only where every line of a run of such pages
stands at the height of a line of the pages just before it, page for page: else they
are read as they are (their rows left blank with a warning, as short).
"""

from __future__ import annotations

from typing import Any

from zfxxgk.core.discover import looks_like_value
from zfxxgk.core.labels import core as label_core
from zfxxgk.core.labels import normalize
from zfxxgk.notes import Note
from zfxxgk.published.other_years import row_labels
from zfxxgk.published.pdf_columns import header_labels

#: How far (points) a line's top may stand from the top of its row's line on the page
#: before: digits and Chinese characters of one printed row have tops about 2 points apart.
_ROW_APART = 4.0
#: The gap (points) put between a page's rightmost text and the columns joined right of it.
_GAP = 20.0


def _text_only(page: dict[str, Any]) -> bool:
    items = page["items"]
    return bool(items) and all(it[0] == "text" for it in items)


def _labelled(text: str, labels: frozenset[str]) -> bool:
    """Whether a text (normalised, or its core) is one of ``labels``."""
    n = normalize(text)
    return n in labels or label_core(n) in labels


def _is_column_text(text: str) -> bool:
    """A number, or a column header of the editions (其他, 总计, 复议后起诉)."""
    t = text.strip()
    return not t or looks_like_value(t) or _labelled(t, header_labels())


def _left_margin(page: dict[str, Any]) -> float:
    return float(min(run[0] for it in page["items"] for run in it[2]))


def _overflow(item: tuple[Any, ...], left: float) -> bool:
    """Whether a line's first run is the rest of a long label the page before cut at its
    edge: text standing at the page's left margin ``left``, no row label of the editions."""
    x0, _, text = item[2][0]
    return x0 <= left + 2.0 and not _is_column_text(text) and not _labelled(text, row_labels())


def _columns_only(page: dict[str, Any]) -> bool:
    """Whether a page's lines hold numbers and column headers only (a label's rest at the
    left margin beside them), two lines or more."""
    if len(page["items"]) < 2 or not _text_only(page):
        return False
    left = _left_margin(page)
    for item in page["items"]:
        runs = item[2][1:] if _overflow(item, left) else item[2]
        if not all(_is_column_text(text) for _, _, text in runs):
            return False
    return True


def _kind(item: tuple[Any, ...]) -> str:
    """A line's kind: ``values`` (it holds a number), ``head`` (a column header and no
    number) or ``text``."""
    texts = [t for _, _, text in item[2] if (t := text.strip())]
    if any(looks_like_value(t) for t in texts):
        return "values"
    if any(_labelled(t, header_labels()) for t in texts):
        return "head"
    return "text"


#: The kinds of line of the page before a line of each kind of a page of columns may
#: continue: a header's a header's, values a row's (its label alone, its values all past
#: the page's edge, is text), the rest of a label cut at the page's edge a label's
_CONTINUES = {"head": ("head",), "values": ("values", "text"), "text": ("text", "values")}


def _rows_of(right: dict[str, Any], left: dict[str, Any]) -> list[int] | None:
    """For each line of ``right``, the line of ``left`` at its height (each a different
    one), a header's beside a header's and values beside a row (a page of a table's last
    rows after a page of text or of another table's rows joins none); None where a line
    has none."""
    tops = [it[1] for it in left["items"]]
    out: list[int] = []
    for item in right["items"]:
        near = [k for k, top in enumerate(tops) if abs(top - item[1]) <= _ROW_APART]
        if len(near) != 1 or near[0] in out:
            return None
        if _kind(left["items"][near[0]]) not in _CONTINUES.get(_kind(item), ()):
            return None
        out.append(near[0])
    return out


def _shift(lefts: list[dict[str, Any]], rights: list[dict[str, Any]]) -> float:
    """How far the runs of the pages of columns move right: past the text of every page
    they join, by one distance for all (their columns are the same on each)."""
    edge = max(run[1] for page in lefts for it in page["items"] for run in it[2])
    start = min(run[0] for page in rights for it in page["items"] for run in it[2])
    return float(edge + _GAP - start)


def _joined(
    left: dict[str, Any], right: dict[str, Any], rows: list[int], shift: float
) -> dict[str, Any]:
    """``left`` with the runs of each line of ``right`` moved ``shift`` right and put
    right of its line's (the rest of a label cut at the page's edge joined to the label)."""
    items = list(left["items"])
    margin = _left_margin(right)
    for item, k in zip(right["items"], rows, strict=True):
        kind, top, runs = items[k][:3]
        runs = list(runs)
        more = list(item[2])
        if _overflow(item, margin):
            rest, more = more[0], more[1:]
            x0, x1, text = runs[-1]
            runs[-1] = (x0, x1, text + rest[2])
        runs += [(x0 + shift, x1 + shift, text) for x0, x1, text in more]
        items[k] = (kind, top, runs, *items[k][3:])
    return {**left, "items": items}


def join_column_pages(pages: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[Note]]:
    """The pages with each run of pages of columns only joined, page for page, to the run
    of pages just before it (their lines at the same heights), and a note for each page
    joined; a joined page is left without items."""
    out = list(pages)
    notes: list[Note] = []
    columns = [_columns_only(page) for page in pages]
    p = 1
    while p < len(out):
        if not columns[p]:
            p += 1
            continue
        end = p
        while end < len(out) and columns[end]:
            end += 1
        n = end - p
        lefts = range(p - n, p)
        if p - n >= 0 and all(_text_only(out[q]) and not columns[q] for q in lefts):
            matches = [_rows_of(out[p + k], out[q]) for k, q in enumerate(lefts)]
            if all(m is not None for m in matches):
                shift = _shift([out[q] for q in lefts], out[p:end])
                for k, q in enumerate(lefts):
                    rows = matches[k]
                    assert rows is not None
                    out[q] = _joined(out[q], out[p + k], rows, shift)
                    out[p + k] = {**out[p + k], "items": []}
                    notes.append(
                        Note("columns-continued", params={"page": p + k + 1, "onto": q + 1})
                    )
        p = end
    return out, notes
