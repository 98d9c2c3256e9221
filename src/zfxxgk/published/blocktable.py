"""Tables a page builds of blocks, as a browser shows them: made ``<table>`` elements.

Web CMSs write tables without ``<table>``: divs styled ``display:table-row`` and
``table-cell``, rows of ``display:flex`` (a ``<ul>`` or ``<dl>`` a row), Bootstrap's
``<div class="row">`` of ``col-*`` divs, or one ``display:grid`` container whose cells
are placed by ``grid-column`` and ``grid-row``. A person sees a table; read as lines of
text, its rows lose their columns (table 三's rows left blank). Each such structure is
rewritten as the table it shows, before the page is walked:

- a run of two or more sibling rows (each a ``table-row``, a flex row or a Bootstrap row
  of two or more elements and no text of its own, none holding a row or a table) is a
  table, a row's element children its cells (no spans: a block cannot span rows, and
  the reader handles a table whose spans were dropped as it does a CMS's);
- a grid container of a known number of columns is a table of its cells, each with the
  spans its placement gives; where the placement is not plain (an overlap, a track count
  it cannot know), the grid is left as it is (read as lines: blank, never guessed).

Styles are read inline (without their comments: ``display:/**/table-row`` is a row to a
browser) and from the page's style sheets for a selector whose last part names one class
(``.tr``, ``ul.row``); a sheet's other selectors are not matched.

A row or grid whose cells a style may show in another order than they are written (the
``order`` of a flex or grid item, ``row-reverse``, right-to-left, Bootstrap's ``order-*``,
``push``/``pull``/``offset`` classes, a grid item placed by ``grid-area`` or the long
``grid-column-start`` forms, or by a class; dense or column auto-placement; any such
style whose selector names no one class) is left as it is: its numbers would be read in
another cell than the one shown under their header.
"""

from __future__ import annotations

import functools
import re
from typing import Any

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")
_LAST_CLASS = re.compile(r"(?:^|[\s>+~])[a-z0-9]*\.([\w-]+)$", re.I)
_DISPLAY = re.compile(r"(?:^|;|\s)display\s*:\s*([\w-]+)", re.I)
_COLUMN_FLOW = re.compile(r"flex-direction\s*:\s*column|flex-flow\s*:\s*column", re.I)
#: What makes a page worth the search, after ``display``: a row or grid display; after
#: ``col-``: a Bootstrap column's number.
_SHOWN_AS = re.compile(r"\s*:\s*(?:table-row|flex|inline-flex|grid|inline-grid)\b", re.I)
_COLUMN_NUMBER = re.compile(r"(?:[a-z]+-)?\d")
_BOOTSTRAP_COL = re.compile(r"^col(?:-[a-z]+)?(?:-\d+)?$")
_ROW_DISPLAYS = frozenset(("table-row", "flex", "inline-flex"))
#: A declaration that shows an element's cells in another order or place than written.
_REORDERS = re.compile(
    r"(?:^|[;{\s])(?:order\s*:|grid-(?:area|column|row)(?:-start|-end)?\s*:"
    r"|grid-auto-flow\s*:\s*[\w\s]*(?:dense|column)"
    r"|flex-(?:direction|flow)\s*:\s*[\w\s-]*reverse|direction\s*:\s*rtl)",
    re.I,
)
#: Bootstrap's classes that move a column from where it is written.
_BOOTSTRAP_MOVES = re.compile(
    r"^(?:col-(?:[a-z]+-)?(?:push|pull|offset)-\d+|offset-(?:[a-z]+-)?\d+"
    r"|order-(?:[a-z]+-)?(?:\d+|first|last)|flex-(?:[a-z]+-)?(?:row|column)-reverse)$"
)
_GRID_DISPLAYS = frozenset(("grid", "inline-grid"))
#: The most cells a grid laid out here may have (a report's table has a few hundred).
_MAX_GRID_CELLS = 5000


def may_hold(text: str, styles: str) -> bool:
    """Whether a page may build a table of blocks: cheap, before the search. Its
    ``styles`` (style sheets and inline styles:
    :func:`~zfxxgk.published.pagestyles.page_styles`), in lower case, name a row or grid
    display, or its text a Bootstrap column's class (each literal's hits matched on)."""
    for word, after, where in (
        ("display", _SHOWN_AS, styles.lower()),
        ("col-", _COLUMN_NUMBER, text),
    ):
        at = where.find(word)
        while at >= 0:
            at += len(word)
            if after.match(where, at) is not None:
                return True
            at = where.find(word, at)
    return False


def _display_classes(sheets: list[str]) -> tuple[dict[str, str], set[str] | None]:
    """Class → its display (``row`` for a flex row laid out as a column: none); and the
    classes whose rules may move an element from where it is written (None: such a rule
    whose selector names no one class, so any element may be moved)."""
    out: dict[str, str] = {}
    moving: set[str] | None = set()
    for sheet in sheets:
        for m in _RULE.finditer(_COMMENT.sub("", sheet)):
            body = m.group(2)
            if moving is not None and _REORDERS.search(body):
                for selector in m.group(1).split(","):
                    name = _LAST_CLASS.search(selector.strip())
                    if name is None:
                        moving = None
                        break
                    moving.add(name.group(1))
            shown = _DISPLAY.search(body)
            if shown is None:
                continue
            display = shown.group(1).lower()
            if _COLUMN_FLOW.search(body):
                display = "column-flex"
            for selector in m.group(1).split(","):
                name = _LAST_CLASS.search(selector.strip())
                if name is not None:
                    out[name.group(1)] = display
    return out, moving


class _Styles:
    """The display of an element: its inline style's, else its classes' last one."""

    def __init__(self, classes: dict[str, str], moving: set[str] | None) -> None:
        self.classes = classes
        self.moving = moving

    def moves(self, el: Any) -> bool:
        """Whether a style may show the element elsewhere than written, or its children
        in another order (see the module)."""
        style = el.get("style")
        if style and _REORDERS.search(style):
            return True
        if (el.get("dir") or "").strip().lower() == "rtl":
            return True
        names = (el.get("class") or "").split()
        if self.moving is None:
            return True
        return any(c in self.moving or _BOOTSTRAP_MOVES.match(c) for c in names)

    def display(self, el: Any) -> str | None:
        style = el.get("style")
        if style:
            m = _DISPLAY.search(style)
            if m is not None:
                return "column-flex" if _COLUMN_FLOW.search(style) else m.group(1).lower()
        names = (el.get("class") or "").split()
        found = [self.classes[c] for c in names if c in self.classes]
        return found[-1] if found else None


def _elements(el: Any) -> list[Any]:
    return [c for c in el if isinstance(c.tag, str)]


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _is_row(el: Any, styles: _Styles) -> bool:
    """An element shown as a row of two or more cells and no text of its own."""
    if el.tag in ("table", "tr", "td", "th", "tbody", "thead"):
        return False
    cells = _elements(el)
    if len(cells) < 2 or not _blank(el.text) or not all(_blank(c.tail) for c in cells):
        return False
    display = styles.display(el)
    if display not in _ROW_DISPLAYS:
        classes = (el.get("class") or "").split()
        bootstrap = "row" in classes and all(
            any(_BOOTSTRAP_COL.match(k) for k in (c.get("class") or "").split()) for c in cells
        )
        if not bootstrap:
            return False
    return True


def _plain_cells(row: Any, styles: _Styles) -> bool:
    """Cells that hold no table and no row (a nested structure is not this row's), each
    shown where it is written."""
    if styles.moves(row):
        return False
    for cell in _elements(row):
        if styles.moves(cell):
            return False
        for d in cell.iter():
            if d.tag == "table" or (
                isinstance(d.tag, str) and d is not cell and _is_row(d, styles)
            ):
                return False
        if styles.display(cell) in _GRID_DISPLAYS:
            return False
    return True


def _as_table(rows: list[Any]) -> None:
    """The run of rows made a table where they stand: rows ``tr``, cells ``td``."""
    from lxml import etree

    first = rows[0]
    parent = first.getparent()
    table = etree.Element("table")
    table.tail = rows[-1].tail
    parent.insert(parent.index(first), table)
    for row in rows:
        row.tag = "tr"
        row.attrib.clear()
        row.tail = None
        for cell in _elements(row):
            cell.tag = "td"
            cell.attrib.clear()
        table.append(row)


def _runs(parent: Any, styles: _Styles) -> list[list[Any]]:
    """The runs of two or more sibling rows among a parent's children."""
    out: list[list[Any]] = []
    run: list[Any] = []
    for child in parent:
        is_row = isinstance(child.tag, str) and _is_row(child, styles)
        if is_row and _plain_cells(child, styles):
            run.append(child)
            if not _blank(child.tail):
                out.append(run)
                run = []
            continue
        if isinstance(child.tag, str) or not _blank(child.tail):
            out.append(run)
            run = []
    out.append(run)
    return [r for r in out if len(r) >= 2]


_SPAN = re.compile(r"^span\s+(\d{1,3})$")
_LINE = re.compile(r"^-?\d{1,3}$")


def _placement(value: str | None) -> tuple[int | None, int] | None:
    """``grid-column``/``grid-row``: (start line or None for auto, span); None where it
    names lines by name or counts from the end (not laid out here)."""
    if value is None:
        return (None, 1)
    parts = [p.strip() for p in value.split("/")]
    start: int | None = None
    span = 1
    if len(parts) > 2:
        return None
    first = parts[0]
    if _LINE.match(first):
        start = int(first)
        if start < 1:
            return None
    elif (m := _SPAN.match(first)) is not None:
        span = int(m.group(1))
    elif first != "auto":
        return None
    if len(parts) == 2:
        end = parts[1]
        if (m := _SPAN.match(end)) is not None:
            span = int(m.group(1))
        elif _LINE.match(end) and start is not None and int(end) > start:
            span = int(end) - start
        elif end != "auto":
            return None
    return (start, max(1, span))


def _declaration(style: str | None, name: str) -> str | None:
    if not style:
        return None
    m = re.search(rf"(?:^|;)\s*{name}\s*:\s*([^;]+)", style, re.I)
    return m.group(1).strip() if m is not None else None


_REPEAT = re.compile(r"^repeat\(\s*(\d{1,3})\s*,\s*([^()]*(?:\([^()]*\)[^()]*)*)\)$")
_TRACK = re.compile(r"(?:minmax|fit-content)\([^()]*\)|[^\s()]+")


def _tracks(template: str | None) -> int | None:
    """How many columns ``grid-template-columns`` makes; None where the page's width
    decides (``auto-fill``) or it is not given."""
    if not template or "auto-fi" in template:
        return None
    count = 0
    for m in re.finditer(r"repeat\([^()]*(?:\([^()]*\)[^()]*)*\)|" + _TRACK.pattern, template):
        token = m.group(0)
        rep = _REPEAT.match(token)
        if rep is not None:
            count += int(rep.group(1)) * len(_TRACK.findall(rep.group(2)))
        elif not token.startswith("["):
            count += 1
    return count or None


def _grid_table(container: Any, styles: _Styles) -> bool:
    """The grid container made a table of its items on the grid their placement gives;
    False (left alone) where the placement is not plain."""
    from lxml import etree

    width = _tracks(_declaration(container.get("style"), "grid-template-columns"))
    items = _elements(container)
    if width is None or len(items) < 2 or not _blank(container.text):
        return False
    if styles.moves(container) or any(_moved(item, styles) for item in items):
        return False  # (placed otherwise than its grid-column and grid-row say)
    spans: list[tuple[tuple[int | None, int], tuple[int | None, int], Any]] = []
    for item in items:
        if not _blank(item.tail) or item.find(".//table") is not None:
            return False
        style = item.get("style")
        col = _placement(_declaration(style, "grid-column"))
        row = _placement(_declaration(style, "grid-row"))
        if col is None or row is None or col[1] > width:
            return False
        (c0, cs), (r0, rs) = col, row
        if cs * rs > _MAX_GRID_CELLS or (r0 or 1) * width > _MAX_GRID_CELLS:
            return False
        if c0 is not None and c0 + cs - 1 > width:
            return False
        spans.append((col, row, item))
    # as the grid places them: those of a given row and column, then those locked to a
    # row, then the others by the cursor, each group in document order
    spans.sort(
        key=lambda s: (
            0 if s[1][0] is not None and s[0][0] is not None else 1 if s[1][0] is not None else 2
        )
    )
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, int, int, Any]] = []
    cursor = (1, 1)
    locked: dict[int, int] = {}  # row → the column after the last item locked to it
    for (c0, cs), (r0, rs), item in spans:
        if r0 is not None and c0 is None:
            spot = _place(taken, (r0, locked.get(r0, 1)), (r0, c0), (rs, cs), width)
        else:
            spot = _place(taken, cursor, (r0, c0), (rs, cs), width)
        if spot is None:
            return False
        r, c = spot
        if (r + rs - 1) * width > _MAX_GRID_CELLS:
            return False  # (a grid that large is no report's table)
        cells = {(r + i, c + j) for i in range(rs) for j in range(cs)}
        if cells & taken or len(taken) + len(cells) > _MAX_GRID_CELLS:
            return False
        taken |= cells
        placed.append((r, c, rs, cs, item))
        if r0 is None:
            cursor = (r, c + cs)
        elif c0 is None:
            locked[r0] = c + cs
    last = max(r + rs - 1 for r, _, rs, _, _ in placed)
    for item in items:
        container.remove(item)
    container.tag = "table"
    tail = container.tail
    container.attrib.clear()
    container.text = None
    container.tail = tail
    for r in range(1, last + 1):
        tr = etree.SubElement(container, "tr")
        starts = {c: (rs, cs, el) for rr, c, rs, cs, el in placed if rr == r}
        for c in range(1, width + 1):
            if c in starts:
                rs, cs, el = starts[c]
                el.tag = "td"
                el.attrib.clear()
                el.tail = None
                if rs > 1:
                    el.set("rowspan", str(rs))
                if cs > 1:
                    el.set("colspan", str(cs))
                tr.append(el)
            elif (r, c) not in taken:
                etree.SubElement(tr, "td")  # an empty slot keeps the columns after it
    return True


def _place(
    taken: set[tuple[int, int]],
    cursor: tuple[int, int],
    start: tuple[int | None, int | None],
    size: tuple[int, int],
    width: int,
) -> tuple[int, int] | None:
    """Where an item goes: its start lines; else the first free place of its row from
    the cursor's column (a row given), of its column (a column given, from the cursor's
    row down), or from the cursor on, row by row (the grid's sparse auto-placement)."""
    (r0, c0), (rs, cs) = start, size

    def free(r: int, c: int) -> bool:
        return c + cs - 1 <= width and all(
            (r + i, c + j) not in taken for i in range(rs) for j in range(cs)
        )

    if r0 is not None and c0 is not None:
        return (r0, c0)
    if r0 is not None:  # (locked to a row: past the items locked to it before)
        return next(((r0, c) for c in range(cursor[1], width + 1) if free(r0, c)), None)
    r, c = cursor
    while (r + rs - 1) * width <= _MAX_GRID_CELLS:
        if c0 is not None:
            if free(r, c0) and (r, c0) >= cursor:
                return (r, c0)
            r += 1
            continue
        if c > width:
            r, c = r + 1, 1
            continue
        if free(r, c):
            return (r, c)
        c += 1
    return None


def _moved(item: Any, styles: _Styles) -> bool:
    """A grid item placed otherwise than by its inline grid-column and grid-row (which
    are read), or shown out of its order."""
    style = item.get("style") or ""
    plain = re.sub(r"(?:^|;)\s*grid-(?:column|row)\s*:[^;]*", ";", style, flags=re.I)
    if _REORDERS.search(plain) or (item.get("dir") or "").strip().lower() == "rtl":
        return True
    names = (item.get("class") or "").split()
    return styles.moving is None or any(
        c in styles.moving or _BOOTSTRAP_MOVES.match(c) for c in names
    )


@functools.cache
def _commented() -> Any:
    """The elements whose inline style holds a comment."""
    from lxml import etree

    return etree.XPath("//*[contains(@style, '/*')]")


def tables_of_blocks(root: Any, sheets: list[str]) -> int:
    """Rewrite the page's tables of blocks as ``<table>`` elements (see the module);
    how many were made."""
    styles = _Styles(*_display_classes(sheets))
    for el in _commented()(root):  # (a comment is nothing to a browser: display:/**/flex)
        el.set("style", _COMMENT.sub("", el.get("style")))
    made = 0
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag == "table":
            continue
        if styles.display(el) in _GRID_DISPLAYS and next(el.iterancestors("table"), None) is None:
            made += _grid_table(el, styles)
    parents = [row.getparent() for row in root.iter() if _candidate(row, styles)]
    for parent in dict.fromkeys(parents):
        if parent is None or next(parent.iterancestors("table"), None) is not None:
            continue
        for run in _runs(parent, styles):
            _as_table(run)
            made += 1
    return made


def _candidate(el: Any, styles: _Styles) -> bool:
    return isinstance(el.tag, str) and el.tag != "table" and _is_row(el, styles)
