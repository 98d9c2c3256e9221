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


@attrs.frozen
class TextRow:
    """One row of a document: its cells, and whether their positions are their columns."""

    cells: tuple[str, ...]
    positional: bool
    line: int  #: where it stands in the source (line or table row, 1-based)
    page: int | None = None  #: the page (PDF), where ``line`` counts within the page
    #: how sure OCR was of each cell (0–1; None where not read by OCR), or None for none
    confidence: tuple[float | None, ...] | None = None


@attrs.frozen
class Source:
    """A document as rows, with its kind (txt, md, html, docx, pdf) and its plain text."""

    kind: str
    rows: tuple[TextRow, ...]
    text: str
    unread: tuple[int, ...] = ()  #: pages without a text layer (a PDF's scanned pages)
    notes: tuple[Note, ...] = ()  #: what reading it had to interpret (OCR used, unsure digits)
