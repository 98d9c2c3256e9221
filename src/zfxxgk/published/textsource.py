"""Published reports as rows of cells: plain text, Markdown, HTML and Word (.docx).

Each source becomes a list of rows. A row knows whether the position of each of its cells
is its column (HTML and Word cell structure; tab-separated text that keeps empty fields;
Markdown pipe tables) or only the order of its cells is known (text with one cell a line,
as Word writes it out), so that a reader never assigns a value to a column it cannot be
sure of. Nothing external is ever fetched: HTML entities are resolved by the standard
parser, Word XML is parsed with DTDs and entities forbidden, and inputs are bounded in
size before they are parsed.
"""

from __future__ import annotations

import html.parser
import re
from pathlib import Path
from typing import Any, ClassVar
from xml.etree.ElementTree import Element

from zfxxgk.errors import WorkbookFormatError
from zfxxgk.published.source import PAGE_FOOTER, Source, SourceError, TextRow

__all__ = ["PAGE_FOOTER", "Source", "SourceError", "TextRow", "load_source"]

MAX_BYTES = 20 * 1024 * 1024
#: A cell spans at most this many rows or columns (a report's widest header spans 20).
MAX_SPAN = 100
#: All the tables of a document laid out on their grids hold at most this many cells
#: (a report's three tables hold under 2,000): spans cannot make a small file huge.
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


def decode(data: bytes, name: str) -> str:
    """Text of a document: UTF-8 (with or without BOM), else GB18030 as Chinese sites use."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError(
        "无法识别文本编码（应为 UTF-8 或 GBK）",
        "cannot decode the text (expected UTF-8 or GBK)",
        file=name,
    )


def sniff(data: bytes, name: str) -> str:
    """The kind of a document, by its content first and its name second."""
    if data[:2] == b"PK":
        return "docx"
    if b"%PDF-" in data[:1024] or Path(name).suffix.lower() == ".pdf":
        return "pdf"
    head = data[:4096].lstrip().lower()
    if (
        head.startswith((b"<!doctype html", b"<html", b"<?xml"))
        or b"<table" in data[:200000].lower()
    ):
        return "html"
    suffix = Path(name).suffix.lower()
    if suffix in (".htm", ".html"):
        return "html"
    text = data[:200000].decode("utf-8", errors="ignore")
    if re.search(r"^\s*\|.*\|\s*$", text, re.M) and re.search(r"^\s*\|?\s*:?-{3,}", text, re.M):
        return "md"
    return "md" if suffix == ".md" else "txt"


# ---------------------------------------------------------------------- text


def _clean_lines(text: str) -> list[tuple[int, str]]:
    return [
        (i, line.rstrip("\r"))
        for i, line in enumerate(text.split("\n"), 1)
        if not PAGE_FOOTER.match(line)
    ]


def _cell_per_line(lines: list[tuple[int, str]]) -> bool:
    """Word's text export: table cells one a line, each after a tab, rows between blanks."""
    led = [line for _, line in lines if line.startswith("\t")]
    single = [line for line in led if "\t" not in line[1:]]
    return len(single) >= 20 and len(single) >= 0.8 * len(led)


def text_rows(text: str) -> list[TextRow]:
    """Rows of plain text: tab-separated lines, or one cell a line (Word's export)."""
    lines = _clean_lines(text)
    if not _cell_per_line(lines):
        return [
            TextRow(tuple(line.split("\t")), "\t" in line, n) for n, line in lines if line.strip()
        ]
    rows: list[TextRow] = []
    cells: list[str] = []
    start = 0

    def flush() -> None:
        nonlocal cells
        if cells:
            rows.append(TextRow(tuple(cells), False, start))
        cells = []

    for n, line in lines:
        if not line.strip() and not line.startswith("\t"):
            flush()
        elif line.startswith("\t"):
            if not cells:
                start = n
            cells.append(line[1:])
        elif cells:
            cells[-1] += line  # a label wrapped onto the next line: 科研⏎机构
        else:
            rows.append(TextRow((line,), False, n))
    flush()
    return rows


# ---------------------------------------------------------------------- markdown

_SEPARATOR = re.compile(r"^:?-{2,}:?$")


def markdown_rows(text: str) -> list[TextRow]:
    """Rows of a Markdown document: pipe tables cell by cell, other lines whole."""
    rows: list[TextRow] = []
    for n, line in _clean_lines(text):
        s = line.strip()
        if not s:
            continue
        if s.startswith("|"):
            body = s[1:-1] if s.endswith("|") and len(s) > 1 else s[1:]
            cells = [
                c.replace("\\|", "|").replace("<br>", "").strip()
                for c in re.split(r"(?<!\\)\|", body)
            ]
            if all(_SEPARATOR.match(c.replace(" ", "")) for c in cells if c):
                continue
            rows.append(TextRow(tuple(cells), True, n))
        else:
            rows.append(TextRow((s.lstrip("#").strip(),), False, n))
    return without_restated_labels(rows)


def without_restated_labels(rows: list[TextRow]) -> list[TextRow]:
    """The rows without a label line that the next rows restate with the row's numbers.

    OCR and language models write a row's label as a heading (``### (一)予以公开``) and
    under it a small table whose one row repeats the label with the numbers: the heading
    alone would claim the row with no values, and the numbers be lost.
    """
    from zfxxgk.core.discover import looks_like_value
    from zfxxgk.core.labels import normalize

    out: list[TextRow] = []
    for i, row in enumerate(rows):
        if len(row.cells) == 1 and not row.positional and len(row.cells[0]) <= 200:
            label = normalize(row.cells[0])
            restated = any(
                normalize(next((c for c in later.cells if c.strip()), "")) == label
                and any(looks_like_value(c) for c in later.cells)
                for later in rows[i + 1 : i + 4]
            )
            if label and restated:
                continue
        out.append(row)
    return out


# ---------------------------------------------------------------------- HTML


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
                self._grid, self._row = {}, -1
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
        for r in range(n_rows):
            self._count += 1
            cells = tuple(self._grid.get((r, c), "") for c in range(n_cols))
            self.rows.append(TextRow(cells, True, self._count))

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


def html_rows(text: str) -> tuple[list[TextRow], str]:
    """Rows of an HTML page: every table on its grid, the text between as single cells."""
    page = complete_markup(text)
    p = _HtmlTables()
    if not feed_simple_markup(p, page):
        p = _HtmlTables()
        p.feed(page)
    p.close()
    return p.rows, "".join(p.text)


#: The markup of simple pages: start tags whose attributes are plain (name=value, the
#: value quoted or not, with no entity, quote or angle bracket), end tags, declarations
#: (<!DOCTYPE …>, Word's <![if …]> closed by its first ]>), processing instructions,
#: comments (closed by their first --> as the standard parser closes them) and text.
_SIMPLE_TOKEN = re.compile(
    r"<([A-Za-z][^\t\n\r\f />\x00]*)((?:\s+[A-Za-z_:][-.\w:]*"
    r"(?:\s*=\s*(?:\"[^\"&<>]*\"|'[^'&<>]*'|[^\s\"'=<>`&]+))?)*)\s*(/?)>"
    r"|</([A-Za-z][-.A-Za-z0-9:_]*)\s*>"
    r"|<!--.*?--\s*>|<!\[(?i:if|else|endif)\b[^<>\]]*\]\s*>|<!(?!--|\[)[^<>]*>|<\?[^<>]*>"
    r"|([^<]+)",
    re.S,
)
_SIMPLE_ATTR = re.compile(
    r"""([A-Za-z_:][-.\w:]*)(?:\s*(=)\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?"""
)
_RAW_TEXT = re.compile(r"<(?:script|style|xmp|plaintext|noscript|!\[CDATA\[)", re.I)
_STYLE = re.compile(r"<style\b([^<>]*)>([^<]*)</style\s*>", re.I)
#: a title (text only in newer parsers) is simple where it holds no markup
_TITLE_OPEN = re.compile(r"<(?:title|textarea)\b", re.I)
_TITLE_PLAIN = re.compile(r"<(title|textarea)\b[^<>]*>[^<]*</\1\s*>", re.I)


def _simple_attrs(text: str) -> list[tuple[str, str | None]]:
    """A simple tag's attributes as the standard parser gives them (names lower case)."""
    return [
        (name.lower(), None if not eq else dq or sq or bare)
        for name, eq, dq, sq, bare in _SIMPLE_ATTR.findall(text)
    ]


def simple_markup_events(page: str) -> list[tuple[str, str, str]] | None:
    """The parser's calls for a simple page, as ("start", tag, attributes), ("end", tag,
    "") and ("data", "", text); ``None`` where the page is not simple (elements whose text
    is raw, CDATA, markup these patterns do not cover): the standard parser reads it."""
    events: list[tuple[str, str, str]] = []

    class Recorder:
        def handle_data(self, data: str) -> None:
            events.append(("data", "", data))

        def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
            events.append(("start", tag, repr(attrs_)))

        def handle_endtag(self, tag: str) -> None:
            events.append(("end", tag, ""))

    return events if feed_simple_markup(Recorder(), page) else None


def feed_simple_markup(p: Any, page: str) -> bool:
    """Make on ``p`` the calls the standard parser would make for a simple page; False
    (some calls made) where the page is not simple (elements whose text is raw, CDATA,
    markup these patterns do not cover), for the standard parser to read afresh."""
    # a style sheet with no markup in it is raw text, passed on as it stands (as the
    # standard parser does); every other raw-text element goes to the standard parser
    plain = _STYLE.sub("", page)
    if _RAW_TEXT.search(plain) or len(_TITLE_OPEN.findall(page)) != len(_TITLE_PLAIN.findall(page)):
        return False
    at = 0
    for m in _STYLE.finditer(page):
        if not _feed_simple_part(p, page[at : m.start()]):
            return False
        p.handle_starttag("style", _simple_attrs(m.group(1)) if m.group(1).strip() else [])
        if m.group(2):
            p.handle_data(m.group(2))
        p.handle_endtag("style")
        at = m.end()
    return _feed_simple_part(p, page[at:])


def _feed_simple_part(p: Any, page: str) -> bool:
    """The standard parser's calls for a stretch of simple markup; False where it is not."""
    at = 0
    data_, start, end = p.handle_data, p.handle_starttag, p.handle_endtag
    unescape = html.unescape
    for m in _SIMPLE_TOKEN.finditer(page):
        if m.start() != at:
            return False
        at = m.end()
        tag, attrs_, closed, end_tag, data = m.groups()
        if data is not None:
            data_(unescape(data) if "&" in data else data)
        elif tag is not None:
            name = tag.lower()
            start(name, _simple_attrs(attrs_) if attrs_ else [])
            if closed:
                end(name)
        elif end_tag is not None:
            end(end_tag.lower())
    return at == len(page)


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


# ---------------------------------------------------------------------- Word


def _w(el: Element, name: str) -> list[Element]:
    return [c for c in el if c.tag.rsplit("}", 1)[-1] == name]


def _attr(el: Element | None, name: str) -> str | None:
    if el is None:
        return None
    for k, v in el.attrib.items():
        if k.rsplit("}", 1)[-1] == name:
            return v
    return None


def _para_text(p: Element) -> str:
    out: list[str] = []
    for node in p.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t" and node.text:
            out.append(node.text)
        elif tag == "tab":
            out.append("\t")
        elif tag in ("br", "cr"):
            out.append("\n")
    return "".join(out)


def docx_rows(path: Path) -> tuple[list[TextRow], str]:
    """Rows of a Word document: its tables on their grids (merges laid out), paragraphs."""
    from zfxxgk.xlsx.safezip import SafeZip

    z = SafeZip(path)
    try:
        try:
            root = z.xml("word/document.xml")
        except WorkbookFormatError as exc:
            raise SourceError(exc.zh, exc.en, file=str(path)) from None
        if root is None:
            raise SourceError(
                "不是 Word 文档（缺少 word/document.xml）",
                "not a Word document (no word/document.xml)",
                file=str(path),
            )
    finally:
        z.close()
    body = next((c for c in root if c.tag.endswith("}body")), root)
    rows: list[TextRow] = []
    text: list[str] = []
    count = 0
    budget = _GridBudget()
    for block in body:
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            t = _para_text(block).strip()
            text.append(t)
            if t:
                count += 1
                rows.append(TextRow((t,), False, count))
        elif tag == "tbl":
            grid: dict[tuple[int, int], str] = {}
            for r, tr in enumerate(_w(block, "tr")):
                c = 0
                for tc in _w(tr, "tc"):
                    props = next(iter(_w(tc, "tcPr")), None)
                    span_el = next(iter(_w(props, "gridSpan")), None) if props is not None else None
                    merge_el = next(iter(_w(props, "vMerge")), None) if props is not None else None
                    span = _span(_attr(span_el, "val"))
                    continued = merge_el is not None and _attr(merge_el, "val") != "restart"
                    cell = "\n".join(_para_text(p) for p in _w(tc, "p"))
                    text.append(cell)
                    budget.charge(span)
                    for dc in range(span):
                        grid[(r, c + dc)] = cell if dc == 0 and not continued else ""
                    c += span
            if grid:
                n_rows = max(r for r, _ in grid) + 1
                n_cols = max(c for _, c in grid) + 1
                budget.charge(n_rows * n_cols)
                for r in range(n_rows):
                    count += 1
                    rows.append(
                        TextRow(tuple(grid.get((r, c), "") for c in range(n_cols)), True, count)
                    )
    return rows, "\n".join(text)


def load_source(path: Path, data: bytes | None = None) -> Source:
    """A document as rows, told apart by content (and by its name where content is silent).

    Raises:
        SourceError: too large, undecodable or corrupt.
    """
    name = str(path)
    given = data is not None
    if data is None:
        from zfxxgk.xlsx.files import read_input

        data = read_input(path, MAX_BYTES)
    if len(data) > MAX_BYTES:
        raise SourceError(
            f"文件过大（{len(data)} 字节），拒绝读取",
            f"refusing a document of {len(data)} bytes",
            file=name,
        )
    if not data.strip():
        raise SourceError("文件为空", "the document is empty", file=name)
    try:
        return _rows_of(path, data, name, given)
    except SourceError as exc:
        raise exc.located(file=name) from None


def _rows_of(path: Path, data: bytes, name: str, given: bool) -> Source:
    """The rows of a document whose bytes are read (``given``: not from its path)."""
    kind = sniff(data, name)
    from zfxxgk.published import ocr

    if kind not in ("pdf", "docx") and ocr.is_image(data, name):  # a page image
        return ocr.ocr_source(path, data if given else None)
    if kind == "pdf":
        from zfxxgk.published.pdf import pdf_source

        return pdf_source(path, data if given else None)
    if kind == "docx":
        rows, text = docx_rows(path)
        return Source(kind, tuple(rows), text)
    decoded = decode(data, name)
    if kind == "html":
        rows, text = html_rows(decoded)
        return Source(kind, tuple(rows), text)
    if kind == "md":
        return Source(kind, tuple(markdown_rows(decoded)), decoded)
    return Source(kind, tuple(text_rows(decoded)), decoded)
