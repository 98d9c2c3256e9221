"""Word's "single file web page" (.mht, .mhtml): a MIME message whose first HTML part is
the page (quoted-printable or base64, often in gb2312), the images and file list beside
it; a browser's holds the page's frames as later HTML parts.

The page read is the first HTML part that holds a table (a report a CMS shows in a
frame), else the first; it is unpacked with the standard library's :mod:`email` package
and read as any HTML page. The other parts are not read, and nothing a part names is
fetched.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import Message

from zfxxgk.published.signatures import is_mht
from zfxxgk.published.source import SourceError

__all__ = ["is_mht", "mht_html"]

#: The largest number of parts looked at (a page and its images, file list, theme).
MAX_PARTS = 2000


def mht_html(data: bytes, name: str) -> bytes:
    """The web page of a single file web page, as UTF-8 bytes: its first HTML part that
    holds a table (a report shown in a frame of the saved page is a later part), else
    its first HTML part.

    Raises:
        SourceError: the message holds no HTML part, or its part does not decode.
    """
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    first: str | None = None
    for i, part in enumerate(message.walk()):
        if i > MAX_PARTS:
            break
        if part.get_content_type() != "text/html":
            continue
        text = _text(part, name)
        if _TABLE.search(text):
            return text.encode("utf-8", "surrogatepass")
        first = text if first is None else first
    if first is None:
        raise SourceError.of("document-mht-no-page", file=name)
    return first.encode("utf-8", "surrogatepass")


#: A table's start tag.
_TABLE = re.compile(r"<table[\s>]", re.I)


def _text(part: Message, name: str) -> str:
    """A part's text, in the charset it declares (GB18030 for gb2312/GBK, which it
    extends; else UTF-8 then GB18030 where it declares none or an unknown one)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise SourceError.of("document-mht-no-page", file=name)
    charset = (part.get_content_charset() or "").lower()
    if charset in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936"):
        charset = "gb18030"
    tried = [c for c in (charset, "utf-8-sig", "gb18030") if c]
    for encoding in tried:
        try:
            return payload.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise SourceError.of("document-encoding", file=name)
