"""The first bytes (or a stream name) that tell a published report's binary format, kept
apart from the readers so that the format registry tells files apart without loading them."""

from __future__ import annotations

#: The name of a Word 97 document's main stream, as an OLE2 directory spells it.
WORD_STREAM = "WordDocument".encode("utf-16-le")

#: The first bytes of a page image (PNG, JPEG, TIFF either way round): read by OCR.
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
