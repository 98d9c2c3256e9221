"""Word documents (.docx): paragraphs, and tables on their grids (gridSpan, vMerge)."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from zfxxgk.errors import WorkbookFormatError
from zfxxgk.published.grid import Budget, Grid, span
from zfxxgk.published.source import SourceError, TextRow


def _w(el: Element, name: str) -> list[Element]:
    return [c for c in el if c.tag.rsplit("}", 1)[-1] == name]


def _attr(el: Element | None, name: str) -> str | None:
    if el is None:
        return None
    for k, v in el.attrib.items():
        if k.rsplit("}", 1)[-1] == name:
            return v
    return None


def _para_text(p: Element) -> str:
    out: list[str] = []
    for node in p.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t" and node.text:
            out.append(node.text)
        elif tag == "tab":
            out.append("\t")
        elif tag in ("br", "cr"):
            out.append("\n")
    return "".join(out)


def _root(path: Path) -> Element:
    from zfxxgk.xlsx.safezip import SafeZip

    z = SafeZip(path)
    try:
        try:
            root = z.xml("word/document.xml")
        except WorkbookFormatError as exc:
            raise SourceError(note=exc.note, file=str(path)) from None
        if root is None:
            raise SourceError.of("docx-no-document", file=str(path))
        return root
    finally:
        z.close()


def docx_rows(path: Path) -> tuple[list[TextRow], str]:
    """Rows of a Word document: its tables on their grids (merges laid out), paragraphs."""
    root = _root(path)
    body = next((c for c in root if c.tag.endswith("}body")), root)
    rows: list[TextRow] = []
    text: list[str] = []
    budget = Budget()
    for block in body:
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            t = _para_text(block).strip()
            text.append(t)
            if t:
                budget.charge(0, 1)
                rows.append(TextRow((t,), False, len(rows) + 1))
        elif tag == "tbl":
            grid = Grid(budget)
            for tr in _w(block, "tr"):
                grid.new_row()
                for tc in _w(tr, "tc"):
                    props = next(iter(_w(tc, "tcPr")), None)
                    span_el = next(iter(_w(props, "gridSpan")), None) if props is not None else None
                    merge_el = next(iter(_w(props, "vMerge")), None) if props is not None else None
                    continued = merge_el is not None and _attr(merge_el, "val") != "restart"
                    cell = "\n".join(_para_text(p) for p in _w(tc, "p"))
                    text.append(cell)
                    grid.add("" if continued else cell, 1, span(_attr(span_el, "val")))
            rows += grid.rows(len(rows))
    return rows, "\n".join(text)
