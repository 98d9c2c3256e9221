"""The styles part: which cell styles show a date or a time."""

from __future__ import annotations

import contextlib
import re

from zfxxgk.xlsx.bounds import STYLES, over
from zfxxgk.xlsx.safezip import SafeZip
from zfxxgk.xlsx.xmltext import local, local_attrs, parse, part_bytes

_DATE_FORMAT = re.compile(r"(?<!\\)[dmyhs]", re.IGNORECASE)
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]')
_BUILTIN_DATES = set(range(14, 23)) | {27, 30, 36, 45, 46, 47, 50, 57}

#: Workbooks filled from one template share their styles part byte for byte: the answer
#: is kept by the part's content (the bytes themselves, compared whole), so no file can
#: change how another one is read.
_CACHE: dict[bytes, frozenset[bytes]] = {}
_CACHE_ITEMS = 32
_CACHE_PART = 256 * 1024


def date_styles(z: SafeZip) -> frozenset[bytes]:
    """The indexes (as ASCII digits) of cell styles whose number format shows a date."""
    data = part_bytes(z, "xl/styles.xml", shared=True)
    if data is None:
        return frozenset()
    found = _CACHE.get(data)
    if found is None:
        if STYLES.count(data) > STYLES.limit:  # Excel keeps at most 64,000
            raise over(z, STYLES)
        found = frozenset(str(i).encode() for i in _scan(z, data))
        if len(data) <= _CACHE_PART:
            if len(_CACHE) >= _CACHE_ITEMS:
                _CACHE.clear()
            _CACHE[data] = found
    return found


def number_formats(z: SafeZip, data: bytes) -> tuple[dict[int, str], list[str]]:
    """A styles part's custom number formats (id → code) and each cell style's
    (cellXfs/xf, in order) number format id as written."""
    custom: dict[int, str] = {}
    formats: list[str] = []  #: each cellXfs/xf's numFmtId, in order
    depth = [0]  #: inside <cellXfs>

    def start(name: str, a: dict[str, str]) -> None:
        tag = local(name)
        if tag == "cellXfs":
            depth[0] += 1
        elif tag == "numFmt":
            la = local_attrs(a)
            with contextlib.suppress(ValueError):
                custom[int(la.get("numFmtId", "-1"))] = la.get("formatCode", "")
        elif tag == "xf" and depth[0]:
            fid = a.get("numFmtId")
            formats.append(fid if fid is not None else local_attrs(a).get("numFmtId", "0"))

    def end(name: str) -> None:
        if local(name) == "cellXfs":
            depth[0] -= 1

    parse(z, "xl/styles.xml", data, start, end)
    return custom, formats


def _scan(z: SafeZip, data: bytes) -> set[int]:
    custom, formats = number_formats(z, data)
    out: set[int] = set()
    for i, text in enumerate(formats):
        try:
            fid = int(text)
        except ValueError:
            continue
        code = _LITERALS.sub("", custom.get(fid, ""))
        if fid in _BUILTIN_DATES or (fid in custom and _DATE_FORMAT.search(code)):
            out.add(i)
    return out
