"""Word documents as WPS and Word users reshape them, beyond tests/docx_structures.py:
the report's tables inside text boxes, merged cells whose continuation cells hold text
(WPS), and tables split at a page break with their header rows repeated (``w:tblHeader``).

Each producer writes our .docx of a report (:func:`producers.docx`) with its XML
reshaped; a person sees in Word the same tables with the same numbers.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from docx_structures import reshape_docx
from producers import docx
from zfxxgk import AnnualReport

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _tables(body: Any) -> list[Any]:
    return [t for t in body if t.tag == _w("tbl")]


def _rows(tbl: Any) -> list[Any]:
    return [c for c in tbl if c.tag == _w("tr")]


def _cells(tr: Any) -> list[Any]:
    return [c for c in tr if c.tag == _w("tc")]


def _vmerge(tc: Any) -> str | None:
    """``restart``, ``continue`` or None for a cell's vertical merge."""
    pr = tc.find(_w("tcPr"))
    m = pr.find(_w("vMerge")) if pr is not None else None
    if m is None:
        return None
    return "restart" if m.get(_w("val")) == "restart" else "continue"


def _textbox_run(content: list[Any], vml: bool) -> Any:
    """A run holding a text box of these blocks: DrawingML in ``mc:Choice`` with a VML
    copy in ``mc:Fallback`` (Word 2010 on), or VML alone (``vml``: WPS, older Word)."""
    run = etree.Element(_w("r"))

    def vml_pict(blocks: list[Any]) -> Any:
        pict = etree.Element(_w("pict"))
        shape = etree.SubElement(pict, f"{{{V}}}shape", {"style": "width:450pt;height:600pt"})
        box = etree.SubElement(shape, f"{{{V}}}textbox")
        body = etree.SubElement(box, _w("txbxContent"))
        body.extend(blocks)
        return pict

    if vml:
        run.append(vml_pict(content))
        return run
    alt = etree.SubElement(run, f"{{{MC}}}AlternateContent")
    choice = etree.SubElement(alt, f"{{{MC}}}Choice", {"Requires": "wps"})
    drawing = etree.SubElement(choice, _w("drawing"))
    anchor = etree.SubElement(drawing, f"{{{WP}}}anchor")
    graphic = etree.SubElement(anchor, f"{{{A}}}graphic")
    data = etree.SubElement(graphic, f"{{{A}}}graphicData", {"uri": WPS})
    wsp = etree.SubElement(data, f"{{{WPS}}}wsp")
    txbx = etree.SubElement(wsp, f"{{{WPS}}}txbx")
    body = etree.SubElement(txbx, _w("txbxContent"))
    body.extend(content)
    fallback = etree.SubElement(alt, f"{{{MC}}}Fallback")
    fallback.append(vml_pict([copy.deepcopy(b) for b in content]))
    return run


def _in_text_boxes(body: Any, vml: bool) -> None:
    for tbl in _tables(body):
        at = body.index(tbl)
        body.remove(tbl)
        p = etree.Element(_w("p"))
        p.append(_textbox_run([tbl, etree.Element(_w("p"))], vml))
        body.insert(at, p)


def text_box(body: Any) -> None:
    """Each table inside a text box (DrawingML with its VML fallback)."""
    _in_text_boxes(body, vml=False)


def text_box_vml(body: Any) -> None:
    """Each table inside a VML text box (WPS, older Word)."""
    _in_text_boxes(body, vml=True)


def merged_text(body: Any) -> None:
    """WPS: each cell a vertical merge continues holds the text of the merged cell."""
    for tbl in _tables(body):
        above: dict[int, Any] = {}
        for tr in _rows(tbl):
            col = 0
            for tc in _cells(tr):
                pr = tc.find(_w("tcPr"))
                span_el = pr.find(_w("gridSpan")) if pr is not None else None
                span = int(span_el.get(_w("val"))) if span_el is not None else 1
                how = _vmerge(tc)
                if how == "restart":
                    above[col] = tc
                elif how == "continue" and col in above:
                    for p in [c for c in tc if c.tag == _w("p")]:
                        tc.remove(p)
                    tc.extend(copy.deepcopy(p) for p in above[col] if p.tag == _w("p"))
                col += span


def split_repeated_header(body: Any) -> None:
    """Each table of two or more body rows cut halfway at a page break into two tables,
    the second under a copy of the header rows; the header rows marked to repeat
    (``w:tblHeader``). The cut falls where no merge continues."""
    for tbl in _tables(body):
        rows = _rows(tbl)
        head = next(
            (
                i
                for i, tr in enumerate(rows)
                if any(
                    "".join(tc.itertext()).strip().replace(".", "").isdigit() for tc in _cells(tr)
                )
            ),
            0,
        )
        if head == 0:
            continue
        cut = head + (len(rows) - head) // 2
        while cut < len(rows) and any(_vmerge(tc) == "continue" for tc in _cells(rows[cut])):
            cut += 1
        if cut >= len(rows):
            continue
        for tr in rows[:head]:
            pr = tr.find(_w("trPr"))
            if pr is None:
                pr = etree.Element(_w("trPr"))
                tr.insert(0, pr)
            etree.SubElement(pr, _w("tblHeader"))
        second = etree.Element(_w("tbl"))
        second.extend(copy.deepcopy(c) for c in tbl if c.tag != _w("tr"))
        second.extend(copy.deepcopy(tr) for tr in rows[:head])
        second.extend(rows[cut:])
        brk = etree.Element(_w("p"))
        r = etree.SubElement(brk, _w("r"))
        etree.SubElement(r, _w("br"), {_w("type"): "page"})
        at = body.index(tbl)
        body.insert(at + 1, brk)
        body.insert(at + 2, second)


TRANSFORMS: dict[str, Callable[[Any], None]] = {
    "docx-text-box": text_box,
    "docx-text-box-vml": text_box_vml,
    "docx-merged-text": merged_text,
    "docx-split-header": split_repeated_header,
}


def _producer(name: str) -> Callable[[AnnualReport, Path], Path]:
    def make(report: AnnualReport, folder: Path) -> Path:
        out = folder / f"{name}.docx"
        reshape_docx(docx(report, folder), out, TRANSFORMS[name])
        return out

    make.__doc__ = TRANSFORMS[name].__doc__
    return make


#: The producers of this module by name.
SHAPES: dict[str, Callable[[AnnualReport, Path], Path]] = {n: _producer(n) for n in TRANSFORMS}
