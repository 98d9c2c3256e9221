"""Word documents (.docx): paragraphs, and tables on their grids (gridSpan, vMerge)."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from zfxxgk.core.labels import MAX_LABEL
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


#: Elements that only wrap what they hold (content controls, custom XML): their content
#: is read as if it stood in their place; a content control's properties are not content.
_WRAPPERS = frozenset(("sdt", "sdtContent", "customXml"))


def _local(el: Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _content(el: Element, names: tuple[str, ...]) -> list[Element]:
    """The children of ``el`` named ``names``, in order, also where a content control or
    custom XML wraps them (a form's fields, a template's rows)."""
    out: list[Element] = []
    for c in el:
        tag = _local(c)
        if tag in names:
            out.append(c)
        elif tag in _WRAPPERS:
            out += _content(c, names)
    return out


def _is_layout(tbl: Element) -> bool:
    """A table that holds a table frames the page: its cells are read as the document's
    flow, so that the tables inside are read as tables of their own. A table that holds
    only :func:`_cell_lines` tables is a table of its own (a report's table whose label
    cell lays its lines out as a small table)."""
    return any(_local(el) == "tbl" and not _cell_lines(el) for el in tbl.iter() if el is not tbl)


def _cell_lines(tbl: Element) -> bool:
    """A table nested in a cell that only lays out the cell's lines: one cell a row, no
    table inside, no more text than a label (a person reads it as the cell's text)."""
    if any(_local(el) == "tbl" for el in tbl.iter() if el is not tbl):
        return False
    if any(len(_content(tr, ("tc",))) > 1 for tr in _content(tbl, ("tr",))):
        return False
    return len("".join(_cell_text(tbl))) <= MAX_LABEL


def _cell_text(el: Element) -> list[str]:
    """The lines of a cell: its paragraphs, and those of the small tables it holds."""
    out: list[str] = []
    for block in _content(el, ("p", "tbl", "tr", "tc")):
        out += [_para_text(block)] if _local(block) == "p" else _cell_text(block)
    return out


class _Reader:
    """The rows and the text of a document's blocks, read in order."""

    def __init__(self) -> None:
        self.rows: list[TextRow] = []
        self.text: list[str] = []
        self.budget = Budget()

    def blocks(self, parent: Element) -> None:
        """Paragraphs and tables of the body, or of a layout table's cell."""
        for block in _content(parent, ("p", "tbl")):
            if _local(block) == "p":
                t = _para_text(block).strip()
                self.text.append(t)
                if t:
                    self.budget.charge(0, 1)
                    self.rows.append(TextRow((t,), False, len(self.rows) + 1))
            elif _is_layout(block):
                # each run of rows that hold no table a table of its own (a report
                # table's header rows whose body stands in a table in a cell keep their
                # columns), each row that holds one its cells as the document's flow
                run: list[Element] = []
                for tr in _content(block, ("tr",)):
                    if all(_cell_lines(t) for t in tr.iter() if _local(t) == "tbl"):
                        run.append(tr)
                        continue
                    self.table(run)
                    run = []
                    for tc in _content(tr, ("tc",)):
                        self.blocks(tc)
                self.table(run)
            else:
                self.table(_content(block, ("tr",)))

    def table(self, trs: list[Element]) -> None:
        """A table's rows laid out on their grid (gridSpan, vMerge)."""
        if not trs:
            return
        grid = Grid(self.budget)
        for tr in trs:
            grid.new_row()
            row_props = next(iter(_w(tr, "trPr")), None)
            before = (
                next(iter(_w(row_props, "gridBefore")), None) if row_props is not None else None
            )
            if before is not None:
                grid.skip(span(_attr(before, "val")))
            for tc in _content(tr, ("tc",)):
                props = next(iter(_w(tc, "tcPr")), None)
                span_el = next(iter(_w(props, "gridSpan")), None) if props is not None else None
                merge_el = next(iter(_w(props, "vMerge")), None) if props is not None else None
                continued = merge_el is not None and _attr(merge_el, "val") != "restart"
                cell = "\n".join(_cell_text(tc))
                self.text.append(cell)
                grid.add("" if continued else cell, 1, span(_attr(span_el, "val")))
        self.rows += grid.rows(len(self.rows))


def docx_rows(path: Path) -> tuple[list[TextRow], str]:
    """Rows of a Word document: its tables on their grids (merges laid out), paragraphs."""
    root = _root(path)
    body = next((c for c in root if c.tag.endswith("}body")), root)
    reader = _Reader()
    reader.blocks(body)
    return reader.rows, "\n".join(reader.text)
