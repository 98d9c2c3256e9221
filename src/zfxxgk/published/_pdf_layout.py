"""A PDF's pages as plain data: ruled tables laid out on their grids, and lines of text.

This module imports nothing (it runs in the PDF helper process, see
:mod:`zfxxgk.published._pdf_read`, which reads the objects from pdfium). The objects of a
page are plain dicts in pdfplumber's shape, coordinates in points from the page's top
left: ``char`` (``text``, ``x0``, ``x1``, ``top``, ``bottom``), ``line`` (``x0``, ``top``,
``x1``, ``bottom``, ``stroking_color``), ``rect`` (the same and ``fill``, ``stroke``,
``non_stroking_color``) and ``curve`` (``pts``, ``stroke``, ``stroking_color``).

Tables come from the drawn rules only: stroked lines, thin filled rectangles and the edges
of stroked rectangles. Filled boxes without a stroke (WPS paints a white one behind every
cell and every line of body text) are no rules, so a paragraph never becomes a table.
Rules that touch form one table; its grid is every distinct rule position, and two grid
cells are one merged cell where no rule separates them. Each character goes to the cell
that holds its centre; inside a cell, characters are read line by line, left to right.
A table whose vertical rules run below its last horizontal one (cut by a page break) is
closed where they end.

The answer is plain data (tuples, strings, numbers) so that it can be pickled:
``("ok", {"pages": [page, ...]})`` with ``page = {"items": [item, ...], "chars": n,
"images": n}`` (and ``"links"``: the tops of its lines of text all of links' text, where
there are any) and ``item`` either ``("text", top, [(x0, x1, text), ...])`` (one line:
its runs of characters split at wide gaps) or ``("table", top, rows, xs)`` (rows of cells,
a merged cell's text in its top-left grid cell and ``""`` in the rest; xs the column
rules); or
``("error", kind, detail)`` with kind ``encrypted``, ``damaged``, ``too-large`` or
``no-pdfium`` (see :func:`zfxxgk.published._pdf_read.read_pdf`).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import Any

#: Rules closer than this (points) are one rule.
SNAP = 2.0
#: Rules this close (points) are one boundary: cells drawn each with borders of its own
#: (HTML's ``border="1"`` with its 2-pixel cell spacing) share the gap between them.
GAP = 4.0
#: A number starts a run of its own after a gap this wide (times the character's height).
NUMBER_GAP = 0.4
#: Digits this far apart (times the character's height; a digit's own advance leaves
#: none) have a space between them: a number run into the next cell (602559243107 | 11),
#: kept apart so that no reader glues them into one.
DIGITS_APART = 0.15
#: A digit drawn this far over the digit before it (times the character's height; digits
#: of one number touch, their boxes being their advances) is another number's: two
#: numbers overflowing their cells run together (44233550986654 for 442335086654 | 59).
OVERDRAWN = 0.1
#: The mark of a run whose number the page does not show whole (run together with
#: another, cut by its clip): :data:`zfxxgk.core.cellvalue.UNSURE` (a noncharacter; this
#: module imports nothing of zfxxgk), so that the cell reads as a value but never as a
#: number.
UNSURE = "\ufdd0"
#: A filled rectangle at most this thick is a rule.
THIN = 2.5

Seg = tuple[float, float, float]  # position, start, end


def _white(color: Any) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return float(color) >= 0.95
    try:
        values = [float(x) for x in color]
    except (TypeError, ValueError):
        return False
    if len(values) == 4:  # CMYK: white is no ink
        return all(x <= 0.05 for x in values)
    return bool(values) and all(x >= 0.95 for x in values)


def rules(
    objects: dict[str, list[dict[str, Any]]],
) -> tuple[list[Seg], list[Seg], list[tuple[float, float]]]:
    """The horizontal ``(y, x0, x1)`` and vertical ``(x, y0, y1)`` rules of a page, and the
    spans ``(x0, x1)`` of the horizontal rules no wider than :data:`GAP` as drawn, before
    collinear rules are merged: each the edge of a narrow cell of its own (chromium draws
    every cell's borders, and an empty cell of a table with collapsed borders may be 3-4
    points wide), so that its two column rules are two, not one boundary."""
    hs: list[Seg] = []
    vs: list[Seg] = []

    def add(x0: float, top: float, x1: float, bottom: float) -> None:
        if bottom - top <= THIN and x1 - x0 > THIN:
            hs.append(((top + bottom) / 2, x0, x1))
        elif x1 - x0 <= THIN and bottom - top > THIN:
            vs.append(((x0 + x1) / 2, top, bottom))

    for ln in objects.get("line", []):
        if not _white(ln.get("stroking_color")):
            add(ln["x0"], ln["top"], ln["x1"], ln["bottom"])
    for r in objects.get("rect", []):
        x0, top, x1, bottom = r["x0"], r["top"], r["x1"], r["bottom"]
        thin = min(x1 - x0, bottom - top) <= THIN
        if thin and r.get("fill") and not _white(r.get("non_stroking_color")):
            add(x0, top, x1, bottom)
        elif r.get("stroke") and not _white(r.get("stroking_color")):
            add(x0, top, x1, top)
            add(x0, bottom, x1, bottom)
            add(x0, top, x0, bottom)
            add(x1, top, x1, bottom)
    for c in objects.get("curve", []):  # straight paths some producers draw rules with
        pts = c.get("pts") or []
        if c.get("stroke") and not _white(c.get("stroking_color")):
            for (ax, ay), (bx, by) in itertools.pairwise(pts):
                add(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
    narrow = sorted({(round(h[1], 1), round(h[2], 1)) for h in hs if h[2] - h[1] <= GAP})
    return _merge(hs), _merge(vs), narrow


def _merge(segs: list[Seg]) -> list[Seg]:
    """Collinear rules that overlap or nearly touch, as one."""
    lanes: list[list[Seg]] = []
    for seg in sorted(segs):
        if lanes and seg[0] - lanes[-1][0][0] <= 0.5:
            lanes[-1].append(seg)
        else:
            lanes.append([seg])
    out: list[Seg] = []
    for lane in lanes:
        pos = sum(s[0] for s in lane) / len(lane)
        run: list[float] = []
        for _p, a, b in sorted(lane, key=lambda s: s[1]):
            if run and a <= run[1] + GAP:
                run[1] = max(run[1], b)
            else:
                if run:
                    out.append((pos, run[0], run[1]))
                run = [a, b]
        out.append((pos, run[0], run[1]))
    return out


def _clusters(values: list[float], apart: Sequence[tuple[float, float]] = ()) -> list[float]:
    """Positions closer than :data:`GAP` as one (the first of each run), except two that a
    span of ``apart`` joins end to end (a narrow cell's edge runs from one to the other)."""
    out: list[float] = []
    last = -1e9
    for v in sorted(values):
        if out and v - out[-1] <= GAP and not _spanned(apart, last, v):
            last = v
            continue
        out.append(v)
        last = v
    return out


def _spanned(spans: Sequence[tuple[float, float]], a: float, b: float) -> bool:
    """Whether a span runs from about ``a`` to about ``b`` (rule centres against the ends
    of a rule drawn as a rectangle, which stand half its thickness off)."""
    if b - a <= SNAP / 2:
        return False
    i = bisect.bisect_left(spans, (a - 1.0, -1e9))
    for s0, s1 in spans[i:]:
        if s0 > a + 1.0:
            return False
        if abs(s1 - b) <= 1.0:
            return True
    return False


def _components(hs: list[Seg], vs: list[Seg]) -> list[tuple[list[Seg], list[Seg]]]:
    """Rules that touch, grouped: each group is one table's."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - GAP <= x <= x1 + GAP and y0 - GAP <= y <= y1 + GAP:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Seg], list[Seg]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if g[0] and g[1]]


class _Table:
    """One ruled table: its grid lines and which neighbouring grid cells are one cell."""

    def __init__(
        self, hs: list[Seg], vs: list[Seg], narrow: list[tuple[float, float]] | None = None
    ) -> None:
        ys = [h[0] for h in hs] + [v[1] for v in vs] + [v[2] for v in vs]
        xs = [v[0] for v in vs]
        self.ys = _clusters([y for y in ys if self._ruled_y(y, hs, vs)])
        self.xs = _clusters(xs, narrow or [])
        # a column rule's own verticals: those nearer to it than to its neighbours (two
        # rules of a narrow cell stand closer than GAP)
        self.reach = {x: min([GAP] + [abs(x - o) / 2 for o in self.xs if o != x]) for x in self.xs}
        self.hs, self.vs = hs, vs
        self.top, self.bottom = self.ys[0], self.ys[-1]
        self.left, self.right = self.xs[0], self.xs[-1]

    @staticmethod
    def _ruled_y(y: float, hs: list[Seg], vs: list[Seg]) -> bool:
        """A row boundary: a horizontal rule, or the top or bottom end of the verticals
        (a row that a page break left open is closed where its verticals end)."""
        if any(abs(h[0] - y) <= GAP for h in hs):
            return True
        return y <= min(v[1] for v in vs) + GAP or y >= max(v[2] for v in vs) - GAP

    def valid(self) -> bool:
        return len(self.xs) >= 2 and len(self.ys) >= 2

    def _wall_v(self, x: float, y0: float, y1: float) -> bool:
        mid = (y0 + y1) / 2
        near = self.reach[x]
        return any(abs(v[0] - x) <= near and v[1] - GAP <= mid <= v[2] + GAP for v in self.vs)

    def _wall_h(self, y: float, x0: float, x1: float) -> bool:
        mid = (x0 + x1) / 2
        if y <= self.top + GAP or y >= self.bottom - GAP:
            return True
        return any(abs(h[0] - y) <= GAP and h[1] - GAP <= mid <= h[2] + GAP for h in self.hs)

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom

    def layout(self, chars: list[dict[str, Any]]) -> tuple[list[list[str]], list[tuple[int, ...]]]:
        """The table's rows of cells, merged cells laid out as HTML's colspan/rowspan;
        and each row's columns where a cell of its own begins."""
        xs, ys = self.xs, self.ys
        nr, nc = len(ys) - 1, len(xs) - 1
        parent = {(r, c): (r, c) for r in range(nr) for c in range(nc)}

        def find(a: tuple[int, int]) -> tuple[int, int]:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        def union(a: tuple[int, int], b: tuple[int, int]) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        for r in range(nr):
            for c in range(nc):
                if c + 1 < nc and not self._wall_v(xs[c + 1], ys[r], ys[r + 1]):
                    union((r, c), (r, c + 1))
                if r + 1 < nr and not self._wall_h(ys[r + 1], xs[c], xs[c + 1]):
                    union((r, c), (r + 1, c))
        owned: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for ch in chars:
            cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
            c = min(max(bisect.bisect_right(xs, cx) - 1, 0), nc - 1)
            r = min(max(bisect.bisect_right(ys, cy) - 1, 0), nr - 1)
            owned.setdefault(find((r, c)), []).append(ch)
        # where each row's own cells begin: a grid cell merged into one to its left or
        # above is covered by a span (as HTML's colspan/rowspan cover theirs)
        starts = [tuple(c for c in range(nc) if find((r, c)) == (r, c)) for r in range(nr)]
        grid = [[""] * nc for _ in range(nr)]
        for at, cs in owned.items():
            grid[at[0]][at[1]] = "".join(
                "".join(text for _x0, _x1, text in _runs(line, join=True))
                for line in text_lines(cs)
            ).strip()
        return grid, starts


def text_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters as lines, top to bottom, each left to right (by the characters' centres)."""
    lines: list[list[dict[str, Any]]] = []
    last = -1e9
    height = 0.0
    for ch in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        cy = (ch["top"] + ch["bottom"]) / 2
        h = max(ch["bottom"] - ch["top"], 1.0)
        if lines and cy - last <= 0.5 * min(h, height):
            lines[-1].append(ch)
        else:
            lines.append([ch])
            height = h
        last = cy
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _runs(line: list[dict[str, Any]], join: bool = False) -> list[tuple[float, float, str]]:
    """A line's runs of characters, split where the gap is wider than a character, and
    where a number starts after a visible gap (a label's last line and the value of the
    next column: 7.属于行政执法案卷 | 1).

    A run whose digits the page shows run together (a digit drawn over the one before it:
    two numbers overflowing their cells into each other) or cut (a digit its clip path
    cuts: a number overflowing the page's or its cell's edge, its rest not shown) is
    marked :data:`UNSURE`: what it shows is no number of the page's."""
    out: list[list[Any]] = []
    for ch in line:
        text = ch.get("text") or ""
        if not text.strip():
            if join and out:
                out[-1][2] += " "
            continue
        width = max(ch["x1"] - ch["x0"], ch.get("size", 0) * 0.5, 1.0)
        gap = ch["x0"] - out[-1][1] if out else 0.0
        height = ch["bottom"] - ch["top"]
        number = (
            not join
            and text.isdigit()
            and not out[-1][2][-1:].isdigit()
            and out[-1][2][-1:] not in ".-"
            and gap >= NUMBER_GAP * height
            if out
            else False
        )
        if out and not number and (join or gap <= 1.2 * width):
            out[-1][1] = ch["x1"]
            if text.isdigit() and out[-1][2][-1:].isdigit():
                if not join and gap >= DIGITS_APART * height:
                    text = " " + text  # digits a space apart: two numbers, never one
                elif gap < -OVERDRAWN * height:
                    out[-1][3] = True
            out[-1][2] += text
        else:
            out.append([ch["x0"], ch["x1"], text, False])
        if ch.get("cut") and text.strip().isdigit():
            out[-1][3] = True
    return [(a, b, t + UNSURE if doubt else t) for a, b, t, doubt in out]


def _in_link(ch: dict[str, Any], links: Sequence[tuple[float, float, float, float]]) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in links)


#: A line whose characters are this much taller than the page's text is a heading: a link
#: in it is the page's own title linked to its page (a browser's print of <h1><a>).
_HEADING = 1.3


def _height(chars: Sequence[dict[str, Any]]) -> float:
    """The median height of characters."""
    heights = sorted(ch["bottom"] - ch["top"] for ch in chars)
    return heights[len(heights) // 2] if heights else 0.0


def page_items(
    objects: dict[str, list[Any]], links: list[float] | None = None
) -> list[tuple[Any, ...]]:
    """A page's tables and lines of text, top to bottom; ``links``, where given, gets the
    top of each line of text whose every character stands in a link (``objects["link"]``:
    boxes x0, top, x1, bottom), an entry of a list of other pages; a heading's line (its
    characters :data:`_HEADING` times the page's text's height) is none."""
    hs, vs, narrow = rules(objects)
    # a ruled box of one column (around a paragraph, or the frame of a table drawn
    # without inner rules) is no table: its text is read as lines, in runs
    tables = [
        t
        for t in (_Table(h, v, narrow) for h, v in _components(hs, vs))
        if t.valid() and len(t.xs) > 2
    ]
    chars = objects.get("char", [])
    inside: dict[int, list[dict[str, Any]]] = {i: [] for i in range(len(tables))}
    loose: list[dict[str, Any]] = []
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for i, t in enumerate(tables):
            if t.contains(cx, cy):
                inside[i].append(ch)
                break
        else:
            loose.append(ch)
    items: list[tuple[Any, ...]] = []
    for i, t in enumerate(tables):
        rows, starts = t.layout(inside[i])
        items.append(("table", t.top, rows, tuple(t.xs), starts))
    boxes = objects.get("link") if links is not None else None
    body = _height(objects["char"]) if boxes else 0.0  # (the page's text's)
    for line in text_lines(loose):
        runs = _runs(line)
        if runs:
            top = min(c["top"] for c in line)
            items.append(("text", top, runs))
            if (
                boxes
                and links is not None
                and all(_in_link(ch, boxes) for ch in line)
                and _height(line) < _HEADING * body
            ):
                links.append(top)
    items.sort(key=lambda it: it[1])
    return items
