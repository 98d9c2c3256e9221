"""The report's tables, or the whole annual report, as a Word document (python-docx).

Tables come from the same grid as every other output (:func:`export.table_rows`): real
merged cells (gridSpan / vMerge), 宋体 五号, header labels bold, numbers centred, column
widths in the proportions of the template and within the A4 text width, header rows
repeated on each page for tables of a single block. The page follows GB/T 9704 (党政机关
公文格式): A4, margins 37 / 35 / 28 / 26 mm, title 小标宋 二号, body 仿宋 三号.

python-docx is imported only inside these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from zfxxgk.core.layout import Table
from zfxxgk.core.model import AnnualReport
from zfxxgk.published.export import column_shares, header_count, table_rows, title

#: GB/T 9704 page: A4 with these margins (mm); the text is 156 mm wide.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]

#: Fixed line spacing of the body (GB/T 9704: 22 lines of 28 characters on a page).
BODY_LINE = 28.0

#: Font names and sizes (points): 二号 22, 三号 16, 小四 12, 五号 10.5.
TITLE_FONT = ("方正小标宋简体", 22.0)
HEADING_FONT = ("黑体", 16.0)
BODY_FONT = ("仿宋_GB2312", 16.0)
TABLE_FONT = ("宋体", 10.5)
TABLE_TITLE_FONT = ("黑体", 12.0)


def _font(run: Any, name: str, size: float, bold: bool = False) -> None:
    """Latin and East Asian font of a run (Word takes CJK glyphs from w:eastAsia)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), name)


def new_document() -> Any:
    """An empty A4 document with the GB/T 9704 margins and body font."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT[0]
    normal.font.size = Pt(BODY_FONT[1])
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT[0])
    return doc


def add_paragraph(
    doc: Any,
    text: str,
    font: tuple[str, float],
    *,
    center: bool = False,
    bold: bool = False,
    indent: bool = False,
    line: float | None = None,
) -> Any:
    """A paragraph of one run; ``indent`` gives the body's two-character first-line
    indent, ``line`` a fixed line spacing in points."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    p = doc.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent:
        p.paragraph_format.first_line_indent = Pt(font[1] * 2)
    if line:
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        p.paragraph_format.line_spacing = Pt(line)
    _font(p.add_run(text), font[0], font[1], bold)
    return p


def keep_with_next(paragraph: Any) -> Any:
    """Keep ``paragraph`` on the page of the next one (a heading with its table)."""
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _row_flag(row: Any, name: str) -> None:
    """Set a row property such as w:tblHeader (repeat on each page) or w:cantSplit."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement(name)
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _fixed_layout(table: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


def column_widths_mm(table: Table, width_mm: float = TEXT_WIDTH_MM) -> list[float]:
    """The table's columns in the printed proportions, adding up to ``width_mm``."""
    return [width_mm * share for share in column_shares(table)]


def add_table(doc: Any, report: AnnualReport, table: Table) -> Any:
    """One of the report's tables, laid out as the official format prints it."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.shared import Mm
    from docx.table import _Cell

    rows = table_rows(report, table)
    styles = table_styles(doc)
    t = doc.add_table(rows=len(rows), cols=table.width)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    _fixed_layout(t)
    widths = column_widths_mm(table)
    for col, w in zip(t.columns, widths, strict=True):
        col.width = Mm(w)
    for tr in t._tbl.tr_lst:
        for tc, w in zip(tr.tc_lst, widths, strict=True):
            tc.width = Mm(w)
    n_head = header_count(rows) if len(table.blocks) == 1 else 0
    # merge on the XML directly: python-docx's cell lookup walks the whole table each time
    tcs = [list(tr.tc_lst) for tr in t._tbl.tr_lst]
    for r, row in enumerate(rows):
        _row_flag(t.rows[r], "w:cantSplit")
        if r < n_head:
            _row_flag(t.rows[r], "w:tblHeader")
        for cell in row:
            for dr in range(cell.rowspan):
                tc = tcs[r + dr][cell.col]
                if cell.colspan > 1:
                    tc.grid_span = cell.colspan
                    tc.width = Mm(sum(widths[cell.col : cell.col + cell.colspan]))
                    for extra in tcs[r + dr][cell.col + 1 : cell.col + cell.colspan]:
                        extra.getparent().remove(extra)
                if cell.rowspan > 1:
                    tc.vMerge = "restart" if dr == 0 else "continue"
            tc = tcs[r][cell.col]
            _Cell(tc, t).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            style = styles[_STYLE_OF_ROLE.get(cell.role, TABLE_STYLES[0][0])]
            _fill_paragraph(tc.p_lst[0], style.style_id, cell.text)
    for tr in t._tbl.tr_lst[: n_head + 1]:  # the header keeps with the first row of values
        for tc in tr.tc_lst:
            for par in tc.p_lst:
                par.get_or_add_pPr().keepNext_val = True
    return t


def _fill_paragraph(p: Any, style_id: str, text: str) -> None:
    """Give a new cell's empty paragraph its style and one run of text (built on the XML:
    python-docx's setters look the style up anew each time)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = OxmlElement("w:pPr")
    pstyle = OxmlElement("w:pStyle")
    pstyle.set(qn("w:val"), style_id)
    ppr.append(pstyle)
    p.insert(0, ppr)
    if text:
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = text
        run.append(t)
        p.append(run)


#: Paragraph styles of table cells: name, bold, left-aligned. Fonts come from the style,
#: not from each run, so that a clerk changes a table's look in one place.
TABLE_STYLES = (
    ("表格数字", False, False),
    ("表格表头", True, False),
    ("表格行标签", False, True),
    ("表格小标题", True, True),
)
_STYLE_OF_ROLE = {
    "header": "表格表头",
    "corner": "表格表头",
    "title": "表格小标题",
    "row": "表格行标签",
}


def table_styles(doc: Any) -> dict[str, Any]:
    """The table paragraph styles of ``doc`` (added once): 宋体 五号, single spacing, no
    indent; headers bold; row labels left, the rest centred."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    out: dict[str, Any] = {}
    existing = {st.name: st for st in doc.styles}
    for name, bold, left in TABLE_STYLES:
        st = existing.get(name)
        if st is None:
            st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = doc.styles["Normal"]
            st.font.name = TABLE_FONT[0]
            st.font.size = Pt(TABLE_FONT[1])
            st.font.bold = bold
            st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), TABLE_FONT[0])
            fmt = st.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
            fmt.first_line_indent = Pt(0)
            fmt.space_before = fmt.space_after = Pt(0)
            fmt.line_spacing = 1.0
        out[name] = st
    return out


def tables_document(report: AnnualReport) -> Any:
    """A document holding the report's title and its three tables."""
    doc = new_document()
    add_paragraph(doc, title(report), (TITLE_FONT[0], 18.0), center=True)
    for table in report.layout.tables:
        keep_with_next(add_paragraph(doc, table.title, TABLE_TITLE_FONT))
        add_table(doc, report, table)
        doc.add_paragraph()
    return doc


def full_document(report: AnnualReport, sections: Sequence[tuple[str, list[str]]]) -> Any:
    """The six-section annual report: ``sections`` is each heading with its paragraphs;
    the tables go under the sections that bear their titles."""
    doc = new_document()
    heading_text = title(report) if report.year is not None else "××××年政府信息公开工作年度报告"
    add_paragraph(doc, heading_text, TITLE_FONT, center=True)
    tables = {t.title: t for t in report.layout.tables}
    for heading, paragraphs in sections:
        # a heading never ends a page: it keeps with its first paragraph, or its table
        lead = [add_paragraph(doc, heading, HEADING_FONT, indent=True, line=BODY_LINE)]
        for text in paragraphs:
            lead.append(add_paragraph(doc, text, BODY_FONT, indent=True, line=BODY_LINE))
        keep_with_next(lead[0])
        if heading in tables:
            for p in lead[1:]:  # the text between a heading and its table keeps with it
                keep_with_next(p)
            add_table(doc, report, tables[heading])
            doc.add_paragraph()
    return doc


def save(doc: Any, path: str | Path) -> None:
    """Write the document atomically."""
    from zfxxgk.xlsx.atomic import atomic_path

    with atomic_path(path) as tmp:
        doc.save(str(tmp))
