"""Word's "single file web page" (.mht, .mhtml): a MIME message whose first HTML part is
the page (quoted-printable or base64, often in gb2312), the images and file list beside it.

The page is unpacked with the standard library's :mod:`email` package and read as any
HTML page; the other parts are not read, and nothing a part names is fetched.
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message

from zfxxgk.published.signatures import is_mht
from zfxxgk.published.source import SourceError

__all__ = ["is_mht", "mht_html"]

#: The largest number of parts looked at (a page and its images, file list, theme).
MAX_PARTS = 2000


def mht_html(data: bytes, name: str) -> bytes:
    """The web page of a single file web page, as UTF-8 bytes.

    Raises:
        SourceError: the message holds no HTML part, or its part does not decode.
    """
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for i, part in enumerate(message.walk()):
        if i > MAX_PARTS:
            break
        if part.get_content_type() != "text/html":
            continue
        return _text(part, name).encode("utf-8", "surrogatepass")
    raise SourceError.of("document-mht-no-page", file=name)


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
