"""HTML pages, read with lxml (libxml2): tables on their grids, the text between as lines.

The page is parsed by libxml2's HTML parser with the network off, comments and processing
instructions dropped and its depth and size limits on (no ``huge_tree``); entities are the
parser's own, so nothing external is ever fetched. The bytes and tags of a page are
bounded before it is parsed, its grid cells and rows while it is laid out.
"""

from __future__ import annotations

from typing import Any

from zfxxgk.published.grid import MAX_TAGS, Budget, Grid, check_bound, span
from zfxxgk.published.source import TextRow

#: Tags that end a line of text outside tables.
BLOCKS = frozenset(
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
_PARSER: Any = None


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        from lxml import etree

        # etree's parser, not lxml.html's: its elements need no Python class lookup
        _PARSER = etree.HTMLParser(
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            huge_tree=False,
            default_doctype=False,
            collect_ids=False,
        )
    return _PARSER


def _drop(el: Any) -> None:
    """Remove an element and what it holds, keeping the text after it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        before = el.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _document(text: str) -> Any:
    """The page's element tree, without scripts and style sheets; None where it is empty."""
    from lxml import etree

    try:
        root = etree.fromstring(text.encode("utf-8", "surrogatepass"), _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    for el in list(root.iter("script", "style", "noscript", "template")):
        _drop(el)
    return root


class _Page:
    """The rows of a page as its elements are walked: lines, and the top-level tables."""

    def __init__(self) -> None:
        self.rows: list[TextRow] = []
        self.line: list[str] = []
        self.budget = Budget()
        self.grid: Grid | None = None
        self.depth = 0  # table nesting

    def flush(self) -> None:
        line = "".join(self.line).strip()
        self.line = []
        if line:
            self.budget.charge(0, 1)
            self.rows.append(TextRow((line,), False, len(self.rows) + 1))

    def end_table(self) -> None:
        if self.grid is not None:
            self.rows += self.grid.rows(len(self.rows))
        self.grid = None


def html_rows(text: str) -> tuple[list[TextRow], str]:
    """Rows of an HTML page: every table on its grid, the text between as single cells;
    and the page's text."""
    from lxml import etree

    check_bound("tags", text.count("<"), MAX_TAGS)
    root = _document(text)
    if root is None:
        return [], ""
    plain = "".join(root.itertext())
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    page = _Page()
    walk = etree.iterwalk(root, events=("start", "end"))
    for event, el in walk:
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if tag == "table":
                page.depth += 1
                if page.depth == 1:
                    page.flush()
                    page.grid = Grid(page.budget)
            elif page.depth == 1 and page.grid is not None:
                if tag == "tr":
                    page.grid.new_row()
                elif tag in ("td", "th"):
                    page.grid.add(
                        "".join(el.itertext()), span(el.get("rowspan")), span(el.get("colspan"))
                    )
                    walk.skip_subtree()
            elif page.depth == 0:
                if tag in BLOCKS:
                    page.flush()
                if el.text and tag != "br":
                    page.line.append(el.text)
        else:
            if tag == "table":
                if page.depth == 1:
                    page.end_table()
                page.depth = max(0, page.depth - 1)
            elif page.depth == 0 and tag in BLOCKS and tag != "br":
                page.flush()
            if page.depth == 0 and el.tail:
                if tag == "br":
                    page.flush()
                    page.line.append(el.tail[1:])
                else:
                    page.line.append(el.tail)
    page.end_table()
    page.flush()
    return page.rows, plain
