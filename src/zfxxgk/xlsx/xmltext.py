"""XML text as the part readers need it: references decoded, a part parsed whole by expat,
and the test of whether a part is plain enough for a byte scanner."""

from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Callable

from zfxxgk.xlsx.safezip import SafeZip, has_declaration, refuse_dtd

_ENTITY = re.compile(r"&(lt|gt|amp|quot|apos|#\d+|#x[0-9A-Fa-f]+);")
ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}

#: What a byte scanner cannot read as XML does: CDATA sections, comments, processing
#: instructions and DTDs (``<!``, ``<?`` after the declaration), a literal carriage
#: return (a parser turns CR LF into LF) and an end tag of a cell with white space in
#: it (``</c >``; prefixed cells the sheet scanner leaves to expat anyway). Each is
#: looked for only where a rare byte of it occurs (one memchr pass each, not a scan for
#: every ``<``).
_NOT_PLAIN = (  # and <! (has_declaration)
    (b"?", b"<?"),
    (b"\r", b"\r"),
    (b"\t", b"</c\t"),
    (b"\n", b"</c\n"),
    (b"</c ", b"</c "),
)


def is_plain(data: bytes) -> bool:
    """True when ``data`` (a part's UTF-8 bytes, its declaration first) holds only
    elements, attributes, text and references: then every ``<`` starts a tag, and a
    pattern that matches a tag reads what a parser reads."""
    start = data.find(b"?>", 0, 200) + 2 if data[:5] == b"<?xml" else 0
    if start == 1:
        return False
    while data[start : start + 1] in (b"\n", b"\r"):
        start += 1  # the line break after the declaration holds no text
    if has_declaration(data) and (not start or has_declaration(data[start:])):
        return False  # (the whole part's answer is known: asked as it was read)
    for rare, seq in _NOT_PLAIN:
        if data.find(rare, start) >= 0 and (rare == seq or data.find(seq, start) >= 0):
            return False
    return True


def _entity(m: re.Match[str]) -> str:
    name = m.group(1)
    if name in _NAMED:
        return _NAMED[name]
    try:
        code = int(name[2:], 16) if name.startswith("#x") else int(name[1:])
        return chr(code) if 0 < code < 0x110000 else ""
    except ValueError:
        return ""


def _expat_text(text: str) -> str | None:
    """Character references decoded by expat (C speed); None if the text is not XML."""
    out: list[str] = []
    p = xml.parsers.expat.ParserCreate()
    p.CharacterDataHandler = out.append
    try:
        p.Parse(f"<t>{text}</t>", True)
    except xml.parsers.expat.ExpatError:
        return None
    return "".join(out)


def xml_unescape(text: str) -> str:
    """The predefined entities and character references of XML text decoded."""
    if "&" not in text:
        return text
    if "&#" in text:
        decoded = _expat_text(text) if text.count("&#") > 8 else None
        return decoded if decoded is not None else _ENTITY.sub(_entity, text)
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def unescape_escapes(text: str) -> str:
    """Spreadsheet text's ``_xHHHH_`` escapes (control characters) decoded."""
    return ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def unescape(text: str) -> str:
    """XML text of a string item: references, then ``_xHHHH_`` escapes, decoded."""
    return unescape_escapes(xml_unescape(text))


def part_bytes(z: SafeZip, part: str, shared: bool = False) -> bytes | None:
    """A part as UTF-8 bytes without a byte order mark, DTDs refused (``shared``: a part
    that many packages hold byte for byte, see :meth:`SafeZip.read`)."""
    data = z.read(part, shared)
    if data is None:
        return None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise z.error("part-not-utf8", part=part) from None
    elif data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    refuse_dtd(z, part, data)
    if has_declaration(data) and b"<!--" in data:
        # a DTD spelt across comments (<!<!---->DOCTYPE): refused as a DTD, not
        # merely as XML that is not well-formed
        refuse_dtd(z, part, _without_comments(data))
    return data


def _without_comments(data: bytes) -> bytes:
    """``data`` with its comments removed, in one pass (an unclosed one ends it)."""
    out: list[bytes] = []
    pos = 0
    while (i := data.find(b"<!--", pos)) >= 0:
        out.append(data[pos:i])
        j = data.find(b"-->", i + 4)
        if j < 0:
            return b"".join(out)
        pos = j + 3
    out.append(data[pos:])
    return b"".join(out)


def parse(
    z: SafeZip,
    part: str,
    data: bytes,
    start: Callable[[str, dict[str, str]], None] | None = None,
    end: Callable[[str], None] | None = None,
    chars: Callable[[str], None] | None = None,
) -> None:
    """Parse a part's UTF-8 bytes (from :func:`part_bytes`) with expat, or refuse it as
    not well-formed XML. Element names keep their prefixes."""
    p = xml.parsers.expat.ParserCreate("utf-8")
    p.buffer_text = True
    if start is not None:
        p.StartElementHandler = start
    if end is not None:
        p.EndElementHandler = end
    if chars is not None:
        p.CharacterDataHandler = chars
    try:
        p.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise z.error("part-invalid-xml", part=part, detail=str(exc)) from None


def local(name: str) -> str:
    """An element or attribute name without its prefix."""
    return name.rpartition(":")[2]


def local_attrs(a: dict[str, str]) -> dict[str, str]:
    """Attributes by local name (``r:id`` → ``id``)."""
    return {local(k): v for k, v in a.items()}
