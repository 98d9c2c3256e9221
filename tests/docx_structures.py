"""Word documents as other tools and people reshape their tables' XML: content controls
(``w:sdt``) and custom XML around tables, rows, cells and a cell's paragraphs; rows
indented on the grid (``w:gridBefore``) or ending short of it (``w:gridAfter``); cells
merged the old way (``w:hMerge``); the report's table inside a cell of a layout table;
totals written as Word formula fields. Each keeps what a person sees in Word: the same
table, the same numbers under the same headers.

``structured(report, transform, folder)`` writes our .docx of the report
(:func:`producers.docx`) reshaped by one transform of :data:`TRANSFORMS`.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from producers import docx
from zfxxgk import AnnualReport

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def _wrap(el: Any, tag: str) -> Any:
    """Put ``el`` inside a new ``tag`` wrapper where it stood: ``w:sdt`` gets its
    ``w:sdtPr`` and ``w:sdtContent``; ``w:customXml`` holds it directly."""
    parent = el.getparent()
    at = parent.index(el)
    if tag == "sdt":
        outer = etree.Element(_q("sdt"))
        pr = etree.SubElement(outer, _q("sdtPr"))
        etree.SubElement(pr, _q("id"), {_q("val"): str(1000 + at)})
        inner = etree.SubElement(outer, _q("sdtContent"))
    else:
        outer = etree.Element(_q("customXml"), {_q("element"): "field"})
        inner = outer
    parent.remove(el)
    inner.append(el)
    parent.insert(at, outer)
    return outer


def _tables(body: Any) -> list[Any]:
    return [t for t in body.iter(_q("tbl"))]


def _rows(tbl: Any) -> list[Any]:
    return [c for c in tbl if c.tag == _q("tr")]


def _cells(tr: Any) -> list[Any]:
    return [c for c in tr if c.tag == _q("tc")]


def _is_value(tc: Any) -> bool:
    text = "".join(tc.itertext()).strip()
    return bool(text) and text.replace(".", "").isdigit()


def sdt_tables(body: Any) -> None:
    """Each table inside a content control at the body's level."""
    for tbl in _tables(body):
        _wrap(tbl, "sdt")


def sdt_rows(body: Any) -> None:
    """Every other row inside a row-level content control."""
    for tbl in _tables(body):
        for i, tr in enumerate(_rows(tbl)):
            if i % 2:
                _wrap(tr, "sdt")


def sdt_cells(body: Any) -> None:
    """Every value cell inside a cell-level content control (a form's fields)."""
    for tbl in _tables(body):
        for tr in _rows(tbl):
            for tc in _cells(tr):
                if _is_value(tc):
                    _wrap(tc, "sdt")


def sdt_paragraphs(body: Any) -> None:
    """The paragraphs of every value cell inside a block-level content control."""
    for tbl in _tables(body):
        for tr in _rows(tbl):
            for tc in _cells(tr):
                if _is_value(tc):
                    for p in [c for c in tc if c.tag == _q("p")]:
                        _wrap(p, "sdt")


def custom_xml_cells(body: Any) -> None:
    """Every value cell, and every third row, inside ``w:customXml``."""
    for tbl in _tables(body):
        for i, tr in enumerate(_rows(tbl)):
            for tc in _cells(tr):
                if _is_value(tc):
                    _wrap(tc, "customXml")
            if i % 3 == 2:
                _wrap(tr, "customXml")


def _widen_grid(tbl: Any, n: int) -> None:
    grid = tbl.find(_q("tblGrid"))
    for _ in range(n):
        grid.insert(0, etree.Element(_q("gridCol"), {_q("w"): "300"}))


def _trpr(tr: Any) -> Any:
    pr = tr.find(_q("trPr"))
    if pr is None:
        pr = etree.Element(_q("trPr"))
        tr.insert(0, pr)
    return pr


def _span_of(tc: Any) -> int:
    pr = tc.find(_q("tcPr"))
    el = pr.find(_q("gridSpan")) if pr is not None else None
    return int(el.get(_q("val"))) if el is not None else 1


def _set_span(tc: Any, n: int) -> None:
    pr = tc.find(_q("tcPr"))
    if pr is None:
        pr = etree.Element(_q("tcPr"))
        tc.insert(0, pr)
    el = pr.find(_q("gridSpan"))
    if el is None:
        el = etree.SubElement(pr, _q("gridSpan"))
    el.set(_q("val"), str(n))


def grid_before(body: Any) -> None:
    """Body rows indented one grid column (``w:gridBefore``), the rows that hold no
    number starting at the grid's first column with their first cell one wider."""
    for tbl in _tables(body):
        _widen_grid(tbl, 1)
        for tr in _rows(tbl):
            cells = _cells(tr)
            if any(_is_value(tc) for tc in cells):
                pr = _trpr(tr)
                etree.SubElement(pr, _q("gridBefore"), {_q("val"): "1"})
                etree.SubElement(pr, _q("wBefore"), {_q("w"): "300", _q("type"): "dxa"})
            else:
                _set_span(cells[0], _span_of(cells[0]) + 1)


def grid_before_head(body: Any) -> None:
    """The rows that hold no number (headings, headers) indented one grid column, the
    rows with numbers starting at the grid's first column with their label one wider."""
    for tbl in _tables(body):
        _widen_grid(tbl, 1)
        for tr in _rows(tbl):
            cells = _cells(tr)
            if any(_is_value(tc) for tc in cells):
                _set_span(cells[0], _span_of(cells[0]) + 1)
            else:
                pr = _trpr(tr)
                etree.SubElement(pr, _q("gridBefore"), {_q("val"): "1"})


def grid_after(body: Any) -> None:
    """Rows that hold a number end one grid column short (``w:gridAfter``): the last
    column of the grid is an empty margin the other rows' last cell spans."""
    for tbl in _tables(body):
        grid = tbl.find(_q("tblGrid"))
        grid.append(etree.Element(_q("gridCol"), {_q("w"): "300"}))
        for tr in _rows(tbl):
            cells = _cells(tr)
            if any(_is_value(tc) for tc in cells):
                pr = _trpr(tr)
                etree.SubElement(pr, _q("gridAfter"), {_q("val"): "1"})
            else:
                _set_span(cells[-1], _span_of(cells[-1]) + 1)


def h_merge(body: Any) -> None:
    """Cells spanning columns written the old way: one cell per grid column, the first
    ``w:hMerge w:val="restart"`` and the others ``w:hMerge`` (continue), empty."""
    for tbl in _tables(body):
        for tr in _rows(tbl):
            for tc in _cells(tr):
                n = _span_of(tc)
                if n < 2:
                    continue
                pr = tc.find(_q("tcPr"))
                pr.remove(pr.find(_q("gridSpan")))
                etree.SubElement(pr, _q("hMerge"), {_q("val"): "restart"})
                at = tr.index(tc)
                for k in range(1, n):
                    more = etree.Element(_q("tc"))
                    mpr = etree.SubElement(more, _q("tcPr"))
                    etree.SubElement(mpr, _q("hMerge"))
                    etree.SubElement(more, _q("p"))
                    tr.insert(at + k, more)


def layout_table(body: Any) -> None:
    """Each table inside the one cell of a layout table (a page frame)."""
    for tbl in _tables(body):
        parent = tbl.getparent()
        at = parent.index(tbl)
        outer = etree.Element(_q("tbl"))
        etree.SubElement(outer, _q("tblPr"))
        grid = etree.SubElement(outer, _q("tblGrid"))
        etree.SubElement(grid, _q("gridCol"), {_q("w"): "9000"})
        tr = etree.SubElement(outer, _q("tr"))
        tc = etree.SubElement(tr, _q("tc"))
        parent.remove(tbl)
        tc.append(tbl)
        etree.SubElement(tc, _q("p"))  # a cell ends with a paragraph
        parent.insert(at, outer)


def formula_fields(body: Any) -> None:
    """Each number written as the result of a Word field (``= SUM(LEFT)``, complex
    field characters: begin, instruction, separate, result, end)."""
    for tbl in _tables(body):
        for tr in _rows(tbl):
            for tc in _cells(tr):
                if not _is_value(tc):
                    continue
                for r in list(tc.iter(_q("r"))):
                    p = r.getparent()
                    at = p.index(r)
                    begin = etree.Element(_q("r"))
                    etree.SubElement(begin, _q("fldChar"), {_q("fldCharType"): "begin"})
                    instr = etree.Element(_q("r"))
                    it = etree.SubElement(instr, _q("instrText"))
                    it.text = " =SUM(LEFT) 123 "
                    sep = etree.Element(_q("r"))
                    etree.SubElement(sep, _q("fldChar"), {_q("fldCharType"): "separate"})
                    end = etree.Element(_q("r"))
                    etree.SubElement(end, _q("fldChar"), {_q("fldCharType"): "end"})
                    for k, el in enumerate((begin, instr, sep)):
                        p.insert(at + k, el)
                    p.insert(p.index(r) + 1, end)


#: Every transform, by name.
TRANSFORMS: dict[str, Callable[[Any], None]] = {
    f.__name__.replace("_", "-"): f
    for f in (
        sdt_tables,
        sdt_rows,
        sdt_cells,
        sdt_paragraphs,
        custom_xml_cells,
        grid_before,
        grid_before_head,
        grid_after,
        h_merge,
        layout_table,
        formula_fields,
    )
}


def reshape_docx(source: Path, out: Path, reshape: Callable[[Any], object]) -> object:
    """Write ``out``, a copy of the .docx at ``source`` whose document body ``reshape``
    changed in place; what ``reshape`` returned."""
    done: object = None
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                done = reshape(root.find(_q("body")))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(item, data)
    return done


def structured(report: AnnualReport, transform: str, folder: Path) -> Path:
    """Our .docx of ``report`` with its document's XML reshaped by ``transform``."""
    out = folder / f"{transform}.docx"
    reshape_docx(docx(report, folder), out, TRANSFORMS[transform])
    return out
