"""Published reports in formats that are not read directly: Word 97–2003 and WPS
documents, OpenDocument text and RTF (converted to .docx by LibreOffice), page images
(read by the OCR extra), and binary files that are no document at all (refused, never
decoded as text)."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from zfxxgk.published.signatures import UNICODE_BOMS, WORD_STREAM, bomless_utf16, is_odt, is_rtf
from zfxxgk.published.source import SourceError
from zfxxgk.xlsx.files import OLE_MAGIC

_TEXT_BOMS = (b"\xef\xbb\xbf", *UNICODE_BOMS)


def is_ole(data: bytes) -> bool:
    """An OLE2 compound file (Word 97, WPS, Excel 97)."""
    return data.startswith(OLE_MAGIC)


def word97_as_docx(data: bytes, name: str) -> bytes:
    """A Word 97–2003 or WPS document's bytes converted to a .docx's bytes.

    Raises:
        SourceError: an Excel 97 workbook (read it with ``zfxxgk read``).
        ConversionError: LibreOffice is missing or failed (naming what to install).
    """
    if WORD_STREAM not in data:
        raise SourceError.of("document-is-spreadsheet", file=name)
    from zfxxgk.xlsx.soffice import convert

    return convert(data, name, "doc", "docx")


def as_docx(data: bytes, name: str) -> bytes | None:
    """A document LibreOffice converts for this reader (Word 97–2003 or WPS, OpenDocument
    text, RTF: by content, or an .odt by its name) as a .docx's bytes; None for another.

    Raises:
        SourceError: an Excel 97 workbook (read it with ``zfxxgk read``).
        ConversionError: LibreOffice is missing or failed (naming what to install).
    """
    if is_ole(data):
        return word97_as_docx(data, name)
    source = None
    if is_odt(data) or (data.startswith(b"PK") and Path(name).suffix.lower() == ".odt"):
        source = "odt"
    elif is_rtf(data):
        source = "rtf"
    if source is None:
        return None
    from zfxxgk.xlsx.soffice import convert

    return convert(data, name, source, "docx")


def refuse_binary(data: bytes, name: str) -> None:
    """Refuse bytes that are no text (a NUL in the first 8 KiB, no UTF-16 mark): never an
    encoding error for a binary file."""
    if b"\x00" in data[:8192] and not data.startswith(_TEXT_BOMS) and not bomless_utf16(data):
        raise SourceError.of("document-binary", file=name)


@contextlib.contextmanager
def as_file(data: bytes, suffix: str) -> Iterator[Path]:
    """``data`` as a file in a private temporary folder (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="zfxxgk-") as tmp:
        copy = Path(tmp) / f"input{suffix}"
        copy.write_bytes(data)
        yield copy
