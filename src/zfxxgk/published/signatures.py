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


def bomless_utf16(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for text in UTF-16 written without its
    byte-order mark (as some tools export "Unicode" text), else None. Told by its first
    8 KiB: taken in the order where more code units are ASCII (a digit, a tab, a line
    end: one NUL byte and one printable), at least one unit in eight is, and the units
    decode to what a report's text holds (no control character but tab, form feed and
    line ends; at least 19 in 20 of them ASCII, CJK or punctuation). Binary data,
    decoded so, is code points all over the planes."""
    head = data[:8192]
    head = head[: len(head) // 2 * 2]
    if len(head) < 16 or b"\x00" not in head:
        return None
    pairs = list(zip(head[0::2], head[1::2], strict=True))
    le = sum(1 for a, b in pairs if b == 0 and a in _ASCII_TEXT)
    be = sum(1 for a, b in pairs if a == 0 and b in _ASCII_TEXT)
    encoding, ascii_units = ("utf-16-le", le) if le >= be else ("utf-16-be", be)
    if ascii_units * 8 < len(head) // 2:
        return None
    try:
        text = head.decode(encoding)
    except UnicodeDecodeError:  # (a surrogate cut at the end of the head)
        text = head[:-2].decode(encoding, errors="replace")
        if "\ufffd" in text:
            return None
    if any(ch < " " and ch not in "\t\n\r\f" for ch in text):
        return None
    plain = sum(1 for ch in text if ch < "\x7f" or _REPORT_CHARS.match(ch))
    return encoding if plain * 20 >= len(text) * 19 else None


#: The bytes of ASCII text: printable characters, tab and line ends.
_ASCII_TEXT = frozenset((9, 10, 13, *range(32, 127)))
#: What a report's text holds past ASCII: CJK and its punctuation, full-width forms,
#: general punctuation, Latin-1, symbols such as № ① ℃.
_REPORT_CHARS = re.compile(
    "[\u00a0-\u00ff\u2000-\u206f\u2100-\u24ff\u2500-\u257f\u3000-\u303f"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
