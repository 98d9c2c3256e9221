"""The shared strings part: each item's text, phonetic runs left out, raised runs
written raised, struck runs marked and white junk runs left out
(:mod:`zfxxgk.xlsx.richruns`).

A plain part in the shape every writer uses (``<si>`` items, unprefixed ``<t>`` runs
holding only text) is read by splitting its text; any other part by expat. Both give
the same strings on every well-formed part (tests/test_hostile_xlsx.py compares them on
generated parts).
"""

from __future__ import annotations

import re

from zfxxgk.xlsx.richruns import TAGS as RUN_TAGS
from zfxxgk.xlsx.richruns import RunAlign, has_marker, plain_chars, unescaped
from zfxxgk.xlsx.safezip import SafeZip
from zfxxgk.xlsx.xmltext import is_plain, local, parse, part_bytes, unescape

PART = "xl/sharedStrings.xml"

#: Workbooks filled from one template often share the part byte for byte: the strings
#: are kept by its content (the bytes themselves).
_CACHE: dict[bytes, tuple[str, ...]] = {}

_T_TEXT = re.compile(r'<t(?: xml:space="preserve")?>([^<]*)</t>')
_PHONETIC = re.compile(r"<rPh\b[^<>]{0,2048}>.*?</rPh>", re.S)
_PREFIXED = re.compile(r"</?[\w.-]+:")


def shared_strings(z: SafeZip) -> tuple[str, ...]:
    """Every shared string of the package (none when it has no such part)."""
    data = part_bytes(z, PART, shared=True)
    if data is None:
        return ()
    strings = _CACHE.get(data)
    if strings is None:
        fast = _split(data) if is_plain(data) else None
        strings = fast if fast is not None else _parsed(z, data)
        if len(data) <= 256 * 1024:
            if len(_CACHE) >= 32:
                _CACHE.clear()
            _CACHE[data] = strings
    return strings


def _split(data: bytes) -> tuple[str, ...] | None:
    """The strings of a plain part of the common shape; None for any other part."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    n = text.count("</si>")
    if text.count("<si>") != n or _PREFIXED.search(text) or "<si " in text or "<si/" in text:
        return None
    if "<rPr" in text or has_marker(text):
        return None  # runs of their own font (raised, white): read by expat
    if "rPh" in text:
        if text.count("<rPh") != text.count("</rPh>"):
            return None
        text = _PHONETIC.sub("", text)
    if text.count("</t>") != len(_T_TEXT.findall(text)):
        return None  # a run holding markup
    out: list[str] = []
    for piece in text.split("</si>")[:n]:
        if piece.count("<si>") != 1:
            return None  # an item in an item
        found = _T_TEXT.findall(piece, piece.rfind("<si>"))
        s = found[0] if len(found) == 1 else "".join(found)
        out.append(plain_chars(unescape(s)) if "&" in s or "_x" in s else s)
    return tuple(out)


def _parsed(z: SafeZip, data: bytes) -> tuple[str, ...]:
    """The strings as expat reads them: the <t> texts of each <si> outside <rPh>."""
    out: list[str] = []
    item: list[str] | None = None
    into: list[bool] = [False]
    phonetic = [0]
    run = RunAlign()  #: a rich text run raised (a mark), white (junk) or struck out

    def start(name: str, a: dict[str, str]) -> None:
        nonlocal item
        tag = local(name)
        if tag == "si":
            item = []
        elif tag == "rPh":
            phonetic[0] += 1
        elif tag == "t" and item is not None and not phonetic[0]:
            into[0] = True
        elif tag in RUN_TAGS:
            run.start(tag, a)

    def end(name: str) -> None:
        nonlocal item
        tag = local(name)
        if tag == "si" and item is not None:
            out.append(unescaped("".join(item)))  # (white runs marked: richruns)
            item = None
        elif tag == "rPh":
            phonetic[0] -= 1
        elif tag == "t":
            into[0] = False
        elif tag == "r":
            run.end(tag)

    def chars(text: str) -> None:
        if into[0] and item is not None:
            text = plain_chars(text)
            item.append(run.text(text) if run.align or run.white or run.strike else text)

    parse(z, PART, data, start, end, chars)
    return tuple(out)
