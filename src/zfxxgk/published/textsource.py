"""Published reports as rows of cells: which format a document is, and its reader.

Each source becomes a list of rows. A row knows whether the position of each of its cells
is its column (HTML and Word cell structure; tab-separated text that keeps empty fields;
Markdown pipe tables) or only the order of its cells is known (text with one cell a line,
as Word writes it out), so that a reader never assigns a value to a column it cannot be
sure of. One module reads each format: :mod:`~zfxxgk.published.text`,
:mod:`~zfxxgk.published.markdown`, :mod:`~zfxxgk.published.webpage` (HTML),
:mod:`~zfxxgk.published.word` (.docx) and :mod:`~zfxxgk.published.pdf`; the tables of
HTML and Word are laid out on the one grid of :mod:`~zfxxgk.published.grid`, which also
holds the bounds on a document's work. Nothing external is ever fetched.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
from pathlib import Path

from zfxxgk.errors import ZfxxgkError
from zfxxgk.notes import Note
from zfxxgk.published.grid import MAX_BYTES, MAX_GRID_CELLS, MAX_SPAN
from zfxxgk.published.markdown import markdown_rows, without_restated_labels
from zfxxgk.published.restated import without_restated_headers
from zfxxgk.published.sidetables import joined_beside
from zfxxgk.published.signatures import (
    UNICODE_BOMS,
    UTF32_BOMS,
    bomless_utf16,
    is_mht,
    is_rtf,
)
from zfxxgk.published.source import PAGE_FOOTER, Source, SourceError, TextRow
from zfxxgk.published.text import as_utf8, decode, decode_counted, text_rows
from zfxxgk.published.webpage import html_rows
from zfxxgk.published.word import docx_rows

__all__ = [
    "MAX_BYTES",
    "MAX_GRID_CELLS",
    "MAX_SPAN",
    "PAGE_FOOTER",
    "Source",
    "SourceError",
    "TextRow",
    "decode",
    "docx_rows",
    "html_rows",
    "load_source",
    "markdown_rows",
    "sniff",
    "text_rows",
    "without_restated_labels",
]


#: a pipe table's row and its rule line; white space only within the line, so that a text
#: of blank lines is searched in linear time
_PIPE_ROW = re.compile(r"^[ \t]*\|[^\n]*\|[ \t\r]*$", re.M)
_PIPE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}", re.M)
#: the delimiter row of a pipe table written without outer pipes (html2text: ---|---)
_BARE_PIPE_RULE = re.compile(r"^[ \t]*:?-{3,}:?(?:[ \t]*\|[ \t]*:?-{3,}:?)+[ \t\r]*$", re.M)
#: a row of a Word table pasted as text: three cells at least between tabs
_TAB_ROW = re.compile(r"^[^\t\n]*\t[^\t\n]*\t", re.M)
#: the tab rows that make a text a pasted table's, whatever pipe table it also holds
_TAB_ROWS = 3
#: a grid table's rule: ``+---+---+`` (two columns at least)
_GRID_RULE = re.compile(r"^[ \t]*\+[-=:]{3,}\+[-=:+]*\+[ \t\r]*$", re.M)


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
    if suffix != ".md" and _tab_rows(text):
        return "txt"  # Word's tables pasted (a small pipe table, a rule: no Markdown's)
    if _PIPE_ROW.search(text) and (_PIPE_RULE.search(text) or _GRID_RULE.search(text)):
        return "md"  # pipe tables, or grid tables (pandoc's Markdown, plain text, RST)
    if _BARE_PIPE_RULE.search(text):
        return "md"  # pipe tables without outer pipes (html2text)
    return "md" if suffix == ".md" else "txt"


def _tab_rows(text: str) -> bool:
    """Whether the text holds :data:`_TAB_ROWS` rows of cells between tabs."""
    rows = _TAB_ROW.finditer(text)
    return sum(1 for _ in itertools.islice(rows, _TAB_ROWS)) >= _TAB_ROWS


def load_source(path: Path, data: bytes | None = None) -> Source:
    """A document as rows, told apart by content (and by its name where content is silent).

    Raises:
        SourceError: too large (in bytes, or in the lines, rows, cells or tags it would
            have read: the error names the bound), undecodable or corrupt.
    """
    name = str(path)
    given = data is not None
    if data is None:
        from zfxxgk.xlsx.files import read_input

        data = read_input(path, MAX_BYTES)
    if len(data) > MAX_BYTES:
        raise SourceError.of("document-too-large", file=name, size=len(data))
    if not data.strip():
        raise SourceError.of("document-empty", file=name)
    try:
        return _rows_of(path, data, name, given)
    except SourceError as exc:
        raise exc.located(file=name) from None


def _rows_of(path: Path, data: bytes, name: str, given: bool) -> Source:
    """The rows of a document whose bytes are read (``given``: not from its path)."""
    from zfxxgk.published import legacy, sheets

    if sheets.is_workbook(data):  # a workbook that is not our template: its sheets' grids
        return sheets.workbook_source(None if given else path, data, name)
    if Path(name).suffix.lower() == ".csv" and (
        _csv_text(data) if b"\x00" not in data[:8192] else _unicode_csv(data, name)
    ):  # (UTF-16 too: Excel's "Unicode text", tab-separated, saved as .csv)
        return sheets.csv_source(decode(data, name), Path(name).stem)
    converted = legacy.as_docx(data, name)  # Word 97, WPS, .odt, RTF: whatever its name
    if converted is not None:
        data, given = converted, True
    data = as_utf8(data, name)  # "Unicode" text (UTF-16) is read as the text it is
    if is_mht(data):  # a single file web page: its page is read as any page
        from zfxxgk.published.mht import mht_html

        data = mht_html(data, name)
    kind = sniff(data, name)
    from zfxxgk.published import ocr

    if kind not in ("pdf", "docx") and ocr.is_image(data, name):  # a page image: OCR
        return ocr.ocr_source(path, data if given else None)
    if kind == "pdf":
        from zfxxgk.published.pdfsource import pdf_source

        return pdf_source(path, data if given else None)
    if kind == "docx":
        if given:  # bytes without a file (a worker, stdin, a converted document)
            with legacy.as_file(data, ".docx") as copy:
                try:
                    rows, text = docx_rows(copy)
                except ZfxxgkError as exc:
                    exc.file = None  # the copy's name means nothing to the user
                    raise exc.located(file=name) from None
        else:
            rows, text = docx_rows(path)
        return Source(kind, tuple(_as_read(rows)), text)
    legacy.refuse_binary(data, name)
    replaced = 0
    if kind == "html":
        try:  # as decode() reads UTF-8: then the page's bytes need not be encoded again
            decoded, utf8 = data.decode("utf-8-sig"), data
            if data.startswith(codecs.BOM_UTF8):
                utf8 = data[len(codecs.BOM_UTF8) :]
        except UnicodeDecodeError:
            (decoded, replaced), utf8 = decode_counted(data, name), None
        read: list[Note] = []
        rows, text = html_rows(decoded, utf8, read)
        return Source(kind, tuple(_as_read(rows)), text, notes=(*_replaced(name, replaced), *read))
    decoded, replaced = decode_counted(data, name)
    notes = _replaced(name, replaced)
    if kind == "md":
        return Source(kind, tuple(_as_read(markdown_rows(decoded))), decoded, notes=notes)
    return Source(kind, tuple(_as_read(text_rows(decoded))), decoded, notes=notes)


def _csv_text(data: bytes) -> bool:
    """Whether a file named .csv (in UTF-8 or a Chinese code page) is comma-separated
    text: not a page, a web archive, RTF or Markdown's tables saved under that name, nor
    text whose fields are split by tabs (a report's text copied from Word or a table
    pasted: read as the text it is, as under .txt or .tsv; Excel opening it as .csv
    would not split it at its tabs either)."""
    if is_mht(data) or is_rtf(data) or sniff(data, "") in ("html", "md", "pdf", "docx"):
        return False
    from zfxxgk.published.sheets import csv_dialect

    return bool(csv_dialect(decode(data[:65536], "")).delimiter != "\t")


def _unicode_csv(data: bytes, name: str) -> bool:
    """Whether a file named .csv in UTF-16 (or UTF-32) is comma- or tab-separated text:
    its first lines each split in as many fields (as Excel and any table's export write
    them), by tabs or commas; not a page, a web archive or RTF saved as "Unicode" under
    that name, nor a report's prose, which are read as what they are (as they were
    before UTF-16 was read as CSV)."""
    encoding = "utf-32" if data.startswith(UTF32_BOMS) else "utf-16"
    if not data.startswith(UNICODE_BOMS):
        bare = bomless_utf16(data)
        if bare is None:
            return False
        encoding = bare
    text = data[:65536].decode(encoding, errors="ignore").encode()  # (its head: cut anywhere)
    if is_mht(text) or is_rtf(text) or sniff(text, name) == "html":
        return False
    lines = [line for line in itertools.islice(text.splitlines(), 12) if line.strip()][:-1]
    if not lines:
        return False
    mark = "\t" if b"\t" in lines[0] else ","
    rows = csv.reader((line.decode() for line in lines), delimiter=mark)
    counts = {len(row) for row in rows}
    return len(counts) == 1 and 1 not in counts


def _as_read(rows: list[TextRow]) -> list[TextRow]:
    """A document's rows with its tables as a person reads them: a table printed in two
    parts joined, a value cell restating its column's header read as its value."""
    return without_restated_headers(joined_beside(rows))


def _replaced(name: str, count: int) -> tuple[Note, ...]:
    """The note that ``count`` byte sequences of a UTF-8 text were not UTF-8 (none for 0)."""
    return (Note("encoding-replaced", file=name, params={"count": count}),) if count else ()
