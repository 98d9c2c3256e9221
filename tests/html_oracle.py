"""The HTML reader that parse used before lxml (the standard library's parser behind the
same bounds), kept as the oracle the lxml reader is compared with on well-formed pages."""

from __future__ import annotations

import html.parser
import re
from typing import ClassVar

from zfxxgk.published.source import SourceError, TextRow

MAX_SPAN = 100
MAX_GRID_CELLS = 200_000


class _GridBudget:
    """Counts the grid cells a document's tables lay out, and refuses too many."""

    def __init__(self) -> None:
        self.used = 0

    def charge(self, cells: int) -> None:
        self.used += cells
        if self.used > MAX_GRID_CELLS:
            raise SourceError(
                f"表格展开后超过 {MAX_GRID_CELLS} 个单元格（合并单元格过大），拒绝读取",
                f"the tables lay out to more than {MAX_GRID_CELLS} cells (spans too large); "
                "refusing the document",
            )


class _HtmlTables(html.parser.HTMLParser):
    """Tables (with rowspan and colspan laid out on a grid) and the text between them."""

    BLOCKS: ClassVar[frozenset[str]] = frozenset(
        (
            "p",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "li",
            "br",
            "tr",
            "title",
            "section",
            "article",
            "header",
            "footer",
        )
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[TextRow] = []
        self.text: list[str] = []
        self._skip = 0
        self._depth = 0  # table nesting
        self._grid: dict[tuple[int, int], str] = {}
        self._starts: dict[int, list[int]] = {}  # row -> where its written cells begin
        self._row = -1
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._col = 0
        self._line: list[str] = []
        self._count = 0
        self._budget = _GridBudget()

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
            return
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._flush_line()
                self._grid, self._starts, self._row = {}, {}, -1
            return
        if self._depth != 1:
            if tag in self.BLOCKS and self._depth == 0:
                self._flush_line()
            return
        if tag == "tr":
            self._row += 1
            self._col = 0
        elif tag in ("td", "th"):
            a = dict(attrs_)
            self._cell = []
            self._span = (_span(a.get("rowspan")), _span(a.get("colspan")))
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
            return
        if tag == "table":
            if self._depth == 1:
                self._emit_table()
            self._depth = max(0, self._depth - 1)
            return
        if self._depth == 1 and tag in ("td", "th") and self._cell is not None:
            self._place("".join(self._cell))
            self._cell = None
        elif self._depth == 0 and tag in self.BLOCKS:
            self._flush_line()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._depth >= 1:
            if self._cell is not None:
                self._cell.append(data)
        else:
            self._line.append(data)

    def _place(self, text: str) -> None:
        if self._row < 0:
            self._row = 0
        while (self._row, self._col) in self._grid:
            self._col += 1
        rs, cs = self._span
        self._budget.charge(rs * cs)
        self._starts.setdefault(self._row, []).append(self._col)
        for dr in range(rs):
            for dc in range(cs):
                self._grid[(self._row + dr, self._col + dc)] = text if dr == dc == 0 else ""
        self._col += cs

    def _emit_table(self) -> None:
        if not self._grid:
            return
        n_rows = max(r for r, _ in self._grid) + 1
        n_cols = max(c for _, c in self._grid) + 1
        self._budget.charge(n_rows * n_cols)
        table = self._count  # a table is numbered by the rows before it
        for r in range(n_rows):
            self._count += 1
            cells = tuple(self._grid.get((r, c), "") for c in range(n_cols))
            starts = tuple(self._starts.get(r, ()))
            self.rows.append(TextRow(cells, True, self._count, starts=starts, table=table))

    def _flush_line(self) -> None:
        line = "".join(self._line).strip()
        self._line = []
        if line:
            self._count += 1
            self.rows.append(TextRow((line,), False, self._count))

    def close(self) -> None:
        super().close()
        if self._depth:
            self._emit_table()
        self._flush_line()


def _span(value: str | None) -> int:
    text = (value or "1").strip()
    if not text.isdigit() or len(text) > 6:
        return 1
    return max(1, min(int(text), MAX_SPAN))


#: a "<" that starts no complete tag, declaration (<!DOCTYPE …>, and Word's <![if …]> and
#: <![endif]>) or processing instruction, and no comment or CDATA section (whether those
#: close is decided separately)
_BROKEN_LT = re.compile(
    r"<(?!/?[A-Za-z][^<>]{0,4096}>|![^<>]{0,4096}>|\?[^<>]{0,4096}>|!--|!\[CDATA\[)"
)


def complete_markup(text: str) -> str:
    """The page with every ``<`` that starts no complete tag, comment or CDATA section
    written as ``&lt;``: text to any parser, as a browser shows it.

    Python's HTML parser (before 3.12.12/3.13.6) goes back over the rest of the page for
    each unclosed tag, comment or quote, so a crafted page took minutes; after this pass
    it meets only complete markup, in linear time. A tag is looked for at most 4096
    characters ahead and never past the next ``<``; a comment or CDATA section opened
    after the last end of its kind is unclosed.
    """
    text = _BROKEN_LT.sub("&lt;", text)
    for opener, closer in (("<!--", "-->"), ("<![CDATA[", "]]>")):
        k = text.rfind(closer)
        k = 0 if k < 0 else k + len(closer)
        if opener in text[k:]:
            text = text[:k] + text[k:].replace(opener, "&lt;" + opener[1:])
    return text


def oracle_rows(text: str) -> tuple[list[TextRow], str]:
    """Rows of an HTML page as the standard parser reads it."""
    p = _HtmlTables()
    p.feed(complete_markup(text))
    p.close()
    return p.rows, "".join(p.text)
