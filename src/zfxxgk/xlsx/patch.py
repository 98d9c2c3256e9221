"""Filling a template by editing its cells' XML in place: fast, and nothing else changes.

Only three things are rewritten: the cells that receive the report's values (each keeps
its style); the stored results of formulas, so that no reader ever sees a stale one (the
check area's ✓/✗ are computed and stored, so programs that do not calculate, such as
python-calamine or pandas, show them too; any other formula's stored result is removed,
and full recalculation on load is asked for); and the hidden data sheet. Every other
part of the package — styles, validations (x14 included), conditional formats,
drawings, text boxes, images, comments, extensions — is copied byte for byte. Templates
this cannot handle (a target cell absent from the XML, a shared-formula master, no data
sheet) raise :class:`FastFillUnsupported`, and the caller falls back to openpyxl.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import re
import xml.parsers.expat
import zipfile
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from zfxxgk.xlsx.numbers import to_number
from zfxxgk.xlsx.refs import cell_ref, column_index
from zfxxgk.xlsx.safezip import SafeZip, part_target

_CELL = re.compile(r'<c r="([A-Z]{1,3}\d+)"([^<>]*?)(/>|>(.*?)</c>)', re.S)
_S_ATTR = re.compile(r'\ss="(\d+)"')
_V = re.compile(r"<v>.*?</v>|<v/>", re.S)
_CALC_PR = re.compile(r"<calcPr\b[^>]*?/>|<calcPr\b[^>]*>.*?</calcPr>", re.S)
#: a carriage return as a reference: an XML parser turns a literal one into a line feed
_XML_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class FastFillUnsupported(Exception):
    """This template needs the openpyxl path."""


def _number_text(value: int | Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    n = to_number(value)
    return str(n) if isinstance(n, int) else repr(n)


def cell_xml(ref: str, style: str | None, value: Any) -> str:
    """A cell holding a plain value (None: an empty styled cell)."""
    s = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{s}/>'
    if isinstance(value, bool):
        raise FastFillUnsupported("bool")
    if isinstance(value, int | Decimal):
        return f'<c r="{ref}"{s}><v>{_number_text(value)}</v></c>'
    text = str(value).translate(_XML_ESCAPE)
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def edit_sheet(
    xml: str, values: Mapping[str, Any], results: Mapping[str, Any] | None = None
) -> str:
    """The sheet with ``values`` (A1 ref → value) written, the formulas of ``results``
    given those stored results, and every other formula's stored result removed."""
    results = results or {}
    out: list[str] = []
    pos = 0
    seen: set[str] = set()
    by_ref, with_formula, cells = _cells_of(xml)
    # only these cells can change: every other one is copied with the text around it
    todo = set(with_formula)
    for ref in values:
        todo.update(by_ref.get(ref, ()))
    for i in sorted(todo):
        ref, attrs_, inner, start, end, style = cells[i]
        if ref in values:
            if "<f" in inner and 't="shared"' in inner and "ref=" in inner:
                raise FastFillUnsupported(f"{ref} is a shared-formula master")
            out.append(xml[pos:start])
            out.append(cell_xml(ref, style, values[ref]))
            pos = end
            seen.add(ref)
        elif "<f" in inner and ("<v" in inner or ref in results):
            out.append(xml[pos:start])
            new_inner = _V.sub("", inner)
            # a string result marked t="str" loses its type along with its value
            new_attrs = re.sub(r'\st="(str|b|e|n)"', "", attrs_)
            if ref in results:
                new_attrs, new_inner = _with_result(new_attrs, new_inner, results[ref])
            out.append(f'<c r="{ref}"{new_attrs}>{new_inner}</c>')
            pos = end
    out.append(xml[pos:])
    missing = {ref: v for ref, v in values.items() if ref not in seen}
    text = "".join(out)
    if missing:
        text = _insert_cells(text, missing)
    return text


_Cell = tuple[str, str, str, int, int, str | None]


_Index = tuple[dict[str, tuple[int, ...]], tuple[int, ...], tuple[_Cell, ...]]


def _cells_of(xml: str) -> _Index:
    """The cells of a sheet's XML in document order, (ref, attributes, content, start,
    end, style), with the indexes of each reference's cells and of the formula cells; kept for
    a sheet of ordinary size, since the same template's sheets are edited again and again
    (read-only: shared by every call)."""
    return _kept_cells_of(xml) if len(xml) <= 1 << 20 else _index_cells(xml)


@functools.lru_cache(maxsize=16)
def _kept_cells_of(xml: str) -> _Index:
    return _index_cells(xml)


def _index_cells(xml: str) -> _Index:
    cells = tuple(
        (m.group(1), m.group(2), m.group(4) or "", m.start(), m.end(), _style(m.group(2)))
        for m in _CELL.finditer(xml)
    )
    by_ref: dict[str, list[int]] = {}
    for i, cell in enumerate(cells):
        by_ref.setdefault(cell[0], []).append(i)
    with_formula = tuple(i for i, cell in enumerate(cells) if "<f" in cell[2])
    return {r: tuple(ix) for r, ix in by_ref.items()}, with_formula, cells


def _style(attrs_: str) -> str | None:
    style = _S_ATTR.search(attrs_)
    return style.group(1) if style else None


_F = re.compile(r"<f\b[^>]*?(?:/>|>.*?</f>)", re.S)


def _with_result(attrs_: str, inner: str, value: Any) -> tuple[str, str]:
    """A formula cell's attributes and content with ``value`` stored as its result."""
    if isinstance(value, str):
        attrs_ += ' t="str"'
        v = f"<v>{value.translate(_XML_ESCAPE)}</v>"
    else:
        v = f"<v>{_number_text(value)}</v>"
    f = _F.search(inner)
    at = f.end() if f else 0
    return attrs_, inner[:at] + v + inner[at:]


_ROW = re.compile(r'<row r="(\d+)"([^<>]*?)(/>|>(.*?)</row>)', re.S)
_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')


def _col(ref: str) -> int:
    m = _REF.fullmatch(ref)
    assert m is not None
    return column_index(m.group(1))


def _insert_cells(xml: str, cells: Mapping[str, Any]) -> str:
    """Cells that the sheet has no element for, put into their rows (rows made as needed)."""
    by_row: dict[int, list[tuple[int, str]]] = {}
    for ref, value in cells.items():
        m = _REF.fullmatch(ref)
        if m is None:
            raise FastFillUnsupported(ref)
        by_row.setdefault(int(m.group(2)), []).append((_col(ref), cell_xml(ref, None, value)))
    start = xml.find("<sheetData")
    if start < 0:
        raise FastFillUnsupported("no sheetData")
    if xml.startswith("<sheetData/>", start):
        xml = xml[:start] + "<sheetData></sheetData>" + xml[start + len("<sheetData/>") :]
    end = xml.find("</sheetData>", start)
    data = xml[start:end]
    out: list[str] = []
    pos = 0
    pending = sorted(by_row)
    for m in _ROW.finditer(data):
        r = int(m.group(1))
        while pending and pending[0] < r:
            n = pending.pop(0)
            out.append(data[pos : m.start()])
            out.append(f'<row r="{n}">' + "".join(x for _, x in sorted(by_row[n])) + "</row>")
            pos = m.start()
        if pending and pending[0] == r:
            pending.pop(0)
            inner = m.group(4) or ""
            existing = [(_col(c.group(1)), c.group(0)) for c in _CELL.finditer(inner)]
            merged = sorted(existing + by_row[r], key=lambda x: x[0])
            attrs_ = re.sub(r'\sspans="[^"]*"', "", m.group(2))
            out.append(data[pos : m.start()])
            out.append(f'<row r="{r}"{attrs_}>' + "".join(x for _, x in merged) + "</row>")
            pos = m.end()
    out.append(data[pos:])
    out += [f'<row r="{n}">' + "".join(x for _, x in sorted(by_row[n])) + "</row>" for n in pending]
    xml = xml[:start] + "".join(out) + xml[end:]
    return _grow_dimension(xml)


def _grow_dimension(xml: str) -> str:
    """The sheet's dimension widened to every cell it holds."""
    refs = re.findall(r'<c r="([A-Z]{1,3})(\d+)"', xml)
    if not refs or not _DIMENSION.search(xml):
        return xml

    max_col = max(column_index(c) for c, _ in refs)
    max_row = max(int(r) for _, r in refs)
    return _DIMENSION.sub(f'<dimension ref="A1:{cell_ref(max_row - 1, max_col)}"/>', xml, count=1)


def _full_calc(workbook_xml: str) -> str:
    """workbook.xml asking for a full recalculation when the file is opened."""
    calc = '<calcPr calcId="0" fullCalcOnLoad="1"/>'
    if _CALC_PR.search(workbook_xml):
        return _CALC_PR.sub(calc, workbook_xml, count=1)
    for anchor in ("</workbook>", "</x:workbook>"):
        i = workbook_xml.rfind(anchor)
        if i >= 0:
            # calcPr follows definedNames and comes before the ext lists
            ext = workbook_xml.find("<extLst", 0, i)
            j = ext if ext >= 0 else i
            return workbook_xml[:j] + calc + workbook_xml[j:]
    raise FastFillUnsupported("workbook.xml without a closing tag")


def sheet_parts(z: SafeZip) -> dict[str, str]:
    """Sheet name → its part in the package."""
    wb = z.xml("xl/workbook.xml")
    rels = z.xml("xl/_rels/workbook.xml.rels")
    if wb is None or rels is None:
        raise FastFillUnsupported("no workbook.xml")
    targets = {
        r.get("Id", ""): part_target("xl/workbook.xml", r.get("Target", ""))
        for r in rels
        if r.tag.endswith("Relationship")
    }
    out: dict[str, str] = {}
    for el in wb.iter():
        if el.tag.endswith("}sheet"):
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), "")
            if rid in targets:
                out[el.get("name", "")] = targets[rid]
    return out


@functools.lru_cache(maxsize=32)
def _check_well_formed(template: str, content: bytes) -> None:
    """Every part the fill edits is well-formed XML (checked once per template content:
    ``content`` is a digest of the file's bytes, so a file replaced by another of the
    same size and time is checked again).

    The patterns here assume it: in a well-formed part every element they start ends,
    so none of them scans the rest of a part in vain.
    """
    z = SafeZip(Path(template))
    try:
        edited = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]
        for part in [*sheet_parts(z).values(), *edited]:
            text = z.text(part)
            if text is None:
                continue
            parser = xml.parsers.expat.ParserCreate()
            try:
                parser.Parse(text, True)
            except xml.parsers.expat.ExpatError as exc:
                raise FastFillUnsupported(f"{part} is not well-formed XML ({exc})") from None
    finally:
        z.close()


class _Package:
    """What every fill from one template reads of it, read once (and checked as the
    parts are copied: sizes, CRCs, no DTD): its sheets' parts, the text of each
    worksheet, the parts edited the same way every time, each member's bytes."""

    def __init__(self, template: Path) -> None:
        z = SafeZip(template)
        try:
            self.parts = sheet_parts(z)
            self.texts = {
                part: z.text(part)
                for part in self.parts.values()
                if part.startswith("xl/worksheets/") or part in z.names
            }
            wb_text = z.text("xl/workbook.xml")
            assert wb_text is not None
            self.fixed = {"xl/workbook.xml": _full_calc(wb_text).encode("utf-8")}
            self.drop = {"xl/calcChain.xml"}
            if "xl/calcChain.xml" in z.names:
                rels = z.text("xl/_rels/workbook.xml.rels") or ""
                self.fixed["xl/_rels/workbook.xml.rels"] = re.sub(
                    r"<Relationship\b[^>]*calcChain[^>]*/>", "", rels
                ).encode("utf-8")
                types = z.text("[Content_Types].xml") or ""
                self.fixed["[Content_Types].xml"] = re.sub(
                    r"<Override\b[^>]*calcChain[^>]*/>", "", types
                ).encode("utf-8")
            self.members: list[tuple[zipfile.ZipInfo, bytes]] = []
            self.size = 0
            for info in z.zf.infolist():
                if info.filename in self.drop:
                    continue
                # through the bounded reader: a damaged member is our error, naming it
                data = z.read(info.filename)
                assert data is not None
                if info.filename.endswith((".xml", ".rels")):
                    z.decode(info.filename, data)  # a DTD is never copied: refused
                self.members.append((info, data))
                self.size += len(data)
        finally:
            z.close()


#: Templates whose members inflate to more than this are read again for each fill.
_KEPT_PACKAGE = 16 << 20


@functools.lru_cache(maxsize=8)
def _kept_package(template: str, content: bytes) -> _Package:
    return _Package(Path(template))


def _package(template: Path, content: bytes) -> _Package:
    """The template's package, kept by its path and a digest of its bytes (``content``)
    when it is of ordinary size; empty ``content`` (unreadable) is never kept."""
    if not content:
        return _Package(template)
    pkg = _kept_package(str(template), content)
    if pkg.size > _KEPT_PACKAGE:
        _kept_package.cache_clear()
    return pkg


def fill_xml(
    template: Path,
    out: Path,
    writes: Mapping[str, Mapping[tuple[int, int], Any]],
    results: Mapping[str, Mapping[tuple[int, int], Any]] | None = None,
) -> None:
    """Write ``writes`` (sheet → {(row, col): value}) into a copy of ``template`` at
    ``out``, with ``results`` (likewise) as the stored results of those formula cells;
    every part not edited is copied unchanged."""
    results = results or {}
    try:
        digest = hashlib.sha256()
        with open(template, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        content = digest.digest()
    except OSError:
        content = b""  # SafeZip names the file and the reason
    _check_well_formed(str(template), content)
    pkg = _package(template, content)
    edited: dict[str, bytes] = {}
    for sheet in writes.keys() | results.keys():
        part = pkg.parts.get(sheet)
        if part is None:
            raise FastFillUnsupported(f"no part for sheet {sheet!r}")
        text = pkg.texts.get(part)
        if text is None:
            raise FastFillUnsupported(f"missing part {part}")
        values = {cell_ref(r, c): v for (r, c), v in writes.get(sheet, {}).items()}
        stored = {cell_ref(r, c): v for (r, c), v in results.get(sheet, {}).items()}
        edited[part] = edit_sheet(text, values, stored).encode("utf-8")
    for part in set(pkg.parts.values()) - set(edited):
        if part.startswith("xl/worksheets/"):
            text = pkg.texts.get(part)
            if text is not None and "<f" in text:
                edited[part] = edit_sheet(text, {}).encode("utf-8")
    edited.update(pkg.fixed)
    with zipfile.ZipFile(out, "w") as dst:
        for info, data in pkg.members:
            # a copy of the entry: writing one sets its sizes and offset
            dst.writestr(
                copy.copy(info), edited.get(info.filename, data), compress_type=info.compress_type
            )
