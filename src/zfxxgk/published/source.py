"""The types every published-report reader produces: rows of cells and the document."""

from __future__ import annotations

import re

import attrs

from zfxxgk.errors import ZfxxgkError
from zfxxgk.notes import Note

PAGE_FOOTER = re.compile(
    r"^\s*(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[/／共]\s*\d+\s*页?)?)\s*$"
)


class SourceError(ZfxxgkError, ValueError):
    """A document that cannot be read as a report (not text, too large, corrupt)."""

    slug = "source"


class BoundError(SourceError):
    """A document over one of the bounds on the work of reading it (lines, rows, cells in
    a row, tags, grid cells): ``bound`` names it, ``count`` is what the document asked."""

    @property
    def bound(self) -> str:
        return str(self.note.params["bound"])

    @property
    def count(self) -> int:
        return int(self.note.params["count"])

    @property
    def limit(self) -> int:
        return int(self.note.params["limit"])


@attrs.frozen
class TextRow:
    """One row of a document: its cells, and whether their positions are their columns."""

    cells: tuple[str, ...]
    positional: bool
    line: int  #: where it stands in the source (line or table row, 1-based)
    page: int | None = None  #: the page (PDF), where ``line`` counts within the page
    #: how sure OCR was of each cell (0–1; None where not read by OCR), or None for none
    confidence: tuple[float | None, ...] | None = None
    #: the columns where a cell the source wrote begins (the others are covered by a
    #: span, pad a short row of a table's grid, or are columns of an unruled PDF table
    #: nothing was drawn in); ``None``: every cell is one
    starts: tuple[int, ...] | None = None
    #: the columns the row stands across (an unruled PDF row: every column of the page,
    #: drawn in or not); ``None``: up to its last written cell
    reach: int | None = None
    #: which table of the document the row is of (its rows share one grid of columns);
    #: ``None``: not known (text lines, tab text)
    table: int | None = None
    #: a workbook's row: its sheet, and the sheet's column of each cell (0-based; the
    #: sheet's hidden columns are no cell's), so that a note names the sheet's own cell
    origin: tuple[str, tuple[int, ...]] | None = None
    #: a line of a web page whose text is all a link's (``<a>``, not in a heading): an
    #: entry of a list of other pages (往年报告, 相关链接), not the document's own line
    link: bool = False

    def written(self) -> tuple[int, ...]:
        """The columns where the row's own cells begin."""
        return tuple(range(len(self.cells))) if self.starts is None else self.starts

    def end(self) -> int:
        """How many columns the row reaches: a cell past them is not the row's."""
        if self.reach is not None:
            return self.reach
        written = self.written()
        return max(written) + 1 if written else 0


@attrs.frozen
class Source:
    """A document as rows, with its kind (txt, md, html, docx, pdf) and its plain text."""

    kind: str
    rows: tuple[TextRow, ...]
    text: str
    unread: tuple[int, ...] = ()  #: pages without a text layer (a PDF's scanned pages)
    notes: tuple[Note, ...] = ()  #: what reading it had to interpret (OCR used, unsure digits)
