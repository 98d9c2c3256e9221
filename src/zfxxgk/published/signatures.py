"""The first bytes (or a stream name) that tell a published report's binary format, kept
apart from the readers so that the format registry tells files apart without loading them."""

from __future__ import annotations

import re

#: The name of a Word 97 document's main stream, as an OLE2 directory spells it.
WORD_STREAM = "WordDocument".encode("utf-16-le")

#: The byte-order marks of UTF-16 (Windows Notepad's "Unicode" and "Unicode big endian")
#: and of UTF-32 (whose little-endian mark begins with UTF-16's): text, though it holds NULs.
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
UNICODE_BOMS = (*UTF16_BOMS, *UTF32_BOMS)

#: The first bytes of a page image (PNG, JPEG, TIFF either way round): read by OCR.
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")

#: An OpenDocument text's first zip entry (``mimetype``, stored) and its start, at the
#: offset the format puts them (30: after the zip's local file header).
ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"
#: The first bytes of an RTF document (WordPad, WPS, Word, LibreOffice).
RTF_MAGIC = b"{\\rtf"


def is_odt(data: bytes) -> bool:
    """An OpenDocument text (.odt, .ott), by the ``mimetype`` entry its zip starts with."""
    return data.startswith(b"PK") and data[30 : 30 + len(ODT_MIMETYPE)] == ODT_MIMETYPE


def is_rtf(data: bytes) -> bool:
    """An RTF document, by its first bytes (after white space or a UTF-8 BOM)."""
    return data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(RTF_MAGIC)


#: A MIME message's first header lines, as Word, Internet Explorer and Chromium write a
#: single file web page: ``MIME-Version: 1.0`` among them.
_MIME_HEAD = re.compile(rb"^(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?MIME-Version:\s*1\.0", re.I)


def is_mht(data: bytes) -> bool:
    """A single file web page (.mht, .mhtml): a MIME message whose first header lines say
    ``MIME-Version: 1.0`` and whose head names ``multipart/related``."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").replace(b"\r\n", b"\n")
    return bool(_MIME_HEAD.match(head)) and b"multipart/related" in head.lower()
