"""A PDF as rows: its text layer (:mod:`zfxxgk.published.pdf`), and where its table pages
are images without one, OCR (:mod:`zfxxgk.published.ocr`, the ``zfxxgk[ocr]`` extra)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from zfxxgk.published import ocr
from zfxxgk.published.pdf import MIN_CHARS, ScannedPdfError, read_pages, source_from_pages
from zfxxgk.published.source import Source


def scanned(name: str) -> ScannedPdfError:
    """The error for a PDF of images (it names the OCR extra where it is missing)."""
    return ocr.scanned_error(name)


def pdf_source(path: Path, data: bytes | None = None) -> Source:
    """A PDF as rows (``data``, when given, are its bytes; ``path`` names it).

    Raises:
        SourceError: unreadable (see :func:`read_pages`), or scanned without text.
    """
    name = str(path)
    if data is None:
        return _source(path, name)
    with tempfile.TemporaryDirectory(prefix="zfxxgk-") as tmp:
        copy = Path(tmp) / "input.pdf"
        copy.write_bytes(data)
        return _source(copy, name)


def _source(path: Path, name: str) -> Source:
    """The rows of a PDF file; pages without a text layer read by OCR where it is installed."""
    pages = read_pages(path, name)
    if any("scan_chars" in p for p in pages) and ocr.have_ocr():
        pages = ocr.ruled_by_image(path, pages, name)  # a scan under its OCR's text
    if ocr.have_ocr() and any(p["chars"] < MIN_CHARS and p["images"] > 0 for p in pages):
        return ocr.scanned_pdf_source(path, pages, name)
    return source_from_pages(pages, name)
