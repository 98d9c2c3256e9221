"""A small, safe reader of .xlsx/.xlsm cell values: zip and XML, nothing else.

It reads what the report readers need, each sheet's cell values and which cells hold a
formula, about twenty times faster than openpyxl, and it refuses hostile files before
they cost memory or time: members are read through :mod:`safezip` (sizes bounded before
inflating), DTDs are refused, the small parts (workbook, relationships, styles) are
parsed by expat, and the shared strings and sheets by a byte scanner only where it
provably reads what a parser reads (:mod:`sharedstrings`, :mod:`sheetxml`), by expat
otherwise. Only the first rows and columns of each sheet are kept.

Nothing read from one file changes how another is read: the caches (styles, shared
strings) are keyed by the parts' bytes themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from pathlib import Path

from zfxxgk.xlsx.richruns import WHITE, shown_values
from zfxxgk.xlsx.safezip import SafeZip, part_target, refuse_dtd
from zfxxgk.xlsx.sharedstrings import shared_strings
from zfxxgk.xlsx.sheetxml import MAX_COLS, MAX_ROWS, CellErrorValue, Context, Sheet, read_sheet
from zfxxgk.xlsx.styles import date_styles
from zfxxgk.xlsx.xmltext import local, local_attrs, parse, part_bytes, unescape_escapes

__all__ = ["MAX_COLS", "MAX_ROWS", "CellErrorValue", "Sheet", "read_sheets"]

_ROOT_END = re.compile(rb"</(?:[\w.-]+:)?(?:worksheet|dialogsheet|macrosheet)\s*>\s*\Z")


def _whole(z: SafeZip, part: str, data: bytes) -> None:
    """Refuse a sheet part that is not a whole sheet (random bytes, zeros, cut off): it
    must end with its root's end tag (the expat reader also refuses what is not
    well-formed), so that damage never reads as an empty sheet."""
    if data.endswith(b"</worksheet>"):
        return  # what every writer ends with (the pattern's commonest match)
    if _ROOT_END.search(data, max(0, len(data) - 4096)) is None:
        raise z.error("sheet-part-not-whole", part=part)


#: A parsed workbook part and relationships by their bytes: every workbook filled from
#: one template has the same (a pure function of the bytes; only what parsed is kept).
_WORKBOOKS: dict[bytes, tuple[bool, list[dict[str, str]]]] = {}
_TARGETS: dict[bytes, dict[str, str]] = {}
_KEPT_BYTES = 1 << 16  #: larger parts are parsed each time (the caches stay small)


def _workbook(z: SafeZip) -> tuple[bool, list[dict[str, str]]]:
    """The workbook part's date system (True: 1904) and its sheets' attributes."""
    data = part_bytes(z, "xl/workbook.xml", shared=True)
    if data is None:
        raise z.error("not-an-excel-workbook", part="xl/workbook.xml")
    known = _WORKBOOKS.get(data)
    if known is not None:
        return known[0], [dict(a) for a in known[1]]
    date1904 = [False]
    sheets: list[dict[str, str]] = []

    def start(name: str, a: dict[str, str]) -> None:
        tag = local(name)
        if tag == "sheet":
            sheets.append(local_attrs(a))
        elif tag == "workbookPr":
            date1904[0] = local_attrs(a).get("date1904", "0") in ("1", "true")

    parse(z, "xl/workbook.xml", data, start)
    if len(data) <= _KEPT_BYTES:
        if len(_WORKBOOKS) >= 32:
            _WORKBOOKS.clear()
        _WORKBOOKS[data] = (date1904[0], [dict(a) for a in sheets])
    return date1904[0], sheets


def _targets(z: SafeZip) -> dict[str, str]:
    """The workbook's relationships: id → package path."""
    data = part_bytes(z, "xl/_rels/workbook.xml.rels", shared=True)
    targets: dict[str, str] = {}
    if data is None:
        return targets
    known = _TARGETS.get(data)
    if known is not None:
        return dict(known)

    def start(name: str, a: dict[str, str]) -> None:
        if local(name) == "Relationship":
            la = local_attrs(a)
            targets[la.get("Id", "")] = part_target("xl/workbook.xml", la.get("Target", ""))

    parse(z, "xl/_rels/workbook.xml.rels", data, start)
    if len(data) <= _KEPT_BYTES:
        if len(_TARGETS) >= 32:
            _TARGETS.clear()
        _TARGETS[data] = dict(targets)
    return targets


def read_sheets(
    path: str | Path,
    other: Callable[[], dict[str, Sheet]] | None = None,
    skip: Collection[str] = (),
    white_runs: bool = False,
) -> dict[str, Sheet]:
    """Every worksheet of an .xlsx/.xlsm file, in workbook order, but those named in
    ``skip`` (not even parsed). Rich text's white runs are decided
    (:func:`~zfxxgk.xlsx.richruns.shown_string`), or left marked for a reader that
    knows the cells' fills (``white_runs``).

    ``other`` reads the file instead when the zip is an OpenDocument spreadsheet.

    Raises:
        WorkbookFormatError: the file is not such a workbook, is corrupt, or is hostile.
    """
    z = SafeZip(path if isinstance(path, Path) else Path(path))
    if other is not None and "content.xml" in z.names and "xl/workbook.xml" not in z.names:
        try:
            # the other reader inflates without our bounds: every member is inflated
            # here first (sizes and CRCs checked) and its XML refused if it has a DTD
            for name in z.names:
                data = z.read(name)
                if data is not None and name.endswith(".xml"):
                    refuse_dtd(z, name, data)
        finally:
            z.close()
        return other()
    try:
        date1904, listed = _workbook(z)
        targets = _targets(z)
        strings = shared_strings(z)
        marked = any(WHITE in s for s in strings)  # (a white rich text run)
        dates = date_styles(z)
        out: dict[str, Sheet] = {}
        seen: dict[str, str] = {}
        for i, a in enumerate(listed):
            part = targets.get(a.get("id", "")) or f"xl/worksheets/sheet{i + 1}.xml"
            if not part.startswith("xl/worksheets/") and part not in z.names:
                continue  # a chart sheet or dialog sheet: no cells
            name = unescape_escapes(a.get("name", "")) or f"Sheet{i + 1}"
            if name in skip:
                continue
            if part in seen:  # no writer does this; read once, each part costs once
                raise z.error("sheets-share-part", first=seen[part], second=name, part=part)
            seen[part] = name
            data = part_bytes(z, part)
            if data is None:
                raise z.error("sheet-part-missing", part=part)
            _whole(z, part, data)
            sheet = Sheet(name, a.get("state", "visible"))
            out[name] = read_sheet(data, sheet, Context(strings, dates, date1904, z, part))
            if not white_runs and (marked or b"<is" in data):
                shown_values(out[name].cells, set())  # (no fill known: white runs decided)
        if not out:
            raise z.error("no-worksheets")
        return out
    finally:
        z.close()
