"""Appending a plain, printable sheet of text and numbers to a workbook package.

Every existing part is copied byte for byte (stored formula results, hidden sheets) but
four: the workbook's sheet list and defined names, its relationships, the content types
and the styles, which gain one entry each (a bold font, a thin border and three cell
formats appended after the existing ones, so no existing index moves). The new sheet
prints on A4 landscape, one page wide, its print area limited to its columns, its title
rows repeated on every page; long texts wrap and rows are as tall as they need.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from collections.abc import Collection, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from zfxxgk.xlsx.refs import cell_ref, column_letters, formula_sheet
from zfxxgk.xlsx.safezip import SafeZip

Cell = str | int | None
_WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: characters XML 1.0 cannot carry (a file name may hold them)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LINE_HEIGHT = 14.5


def _width(text: str) -> int:
    """Columns a text needs: two for a wide (Chinese) character, one for others."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(ref: str, value: Cell, style: int | None) -> str:
    s = f' s="{style}"' if style is not None else ""
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>' if style is not None else ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    text = escape(_NOT_XML.sub("\ufffd", str(value))).replace("\r", "&#13;")  # kept, not LF
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


class _Styles:
    """Cell format indexes appended to styles.xml (None where it cannot be edited)."""

    def __init__(self, xml: str | None) -> None:
        self.xml = xml
        self.body = self.head = self.title = None
        if xml is None:
            return
        fonts = re.search(r'<fonts\b[^>]*\bcount="(\d+)"[^>]*>', xml)
        borders = re.search(r'<borders\b[^>]*\bcount="(\d+)"[^>]*>', xml)
        xfs = re.search(r'<cellXfs\b[^>]*\bcount="(\d+)"[^>]*>', xml)
        if not (fonts and borders and xfs) or "</cellXfs>" not in xml:
            self.xml = None
            return
        bold, thin, first = int(fonts.group(1)), int(borders.group(1)), int(xfs.group(1))
        line = '<{0} style="thin"><color auto="1"/></{0}>'
        border = "<border>" + "".join(line.format(e) for e in ("left", "right", "top", "bottom"))
        xml = _count(xml, "fonts", bold + 1).replace(
            "</fonts>", '<font><b/><sz val="11"/><name val="宋体"/><family val="2"/></font></fonts>'
        )
        xml = _count(xml, "borders", thin + 1).replace(
            "</borders>", border + "<diagonal/></border></borders>"
        )
        wrap = '<alignment vertical="top" wrapText="1"/>'
        center = '<alignment horizontal="center" vertical="center" wrapText="1"/>'
        new = (
            f'<xf numFmtId="0" fontId="0" fillId="0" borderId="{thin}" xfId="0" '
            f'applyBorder="1" applyAlignment="1">{wrap}</xf>'
            f'<xf numFmtId="0" fontId="{bold}" fillId="0" borderId="{thin}" xfId="0" '
            f'applyFont="1" applyBorder="1" applyAlignment="1">{center}</xf>'
            f'<xf numFmtId="0" fontId="{bold}" fillId="0" borderId="0" xfId="0" '
            f'applyFont="1" applyAlignment="1">{wrap}</xf>'
        )
        self.xml = _count(xml, "cellXfs", first + 3).replace("</cellXfs>", new + "</cellXfs>")
        self.body, self.head, self.title = first, first + 1, first + 2


def _count(xml: str, tag: str, n: int) -> str:
    return re.sub(rf'(<{tag}\b[^>]*\bcount=")\d+(")', rf"\g<1>{n}\g<2>", xml, count=1)


def sheet_xml(
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    styles: _Styles,
    heads: Collection[int] = (),
    spans: Collection[int] = (),
) -> str:
    """A worksheet of ``rows``: ``heads`` (0-based) bold and centred, ``spans`` one bold
    text across every column, every other non-empty row a bordered, wrapped line."""
    ncols = max([len(widths), *(len(r) for r in rows)], default=1)
    widths = [*widths, *[10.0] * (ncols - len(widths))]
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>' for i, w in enumerate(widths, 1)
    )
    body, merges = [], []
    for r, row in enumerate(rows):
        if not any(v not in (None, "") for v in row):
            body.append(f'<row r="{r + 1}"/>')
            continue
        if r in spans:
            style, room = styles.title, [sum(widths)]
            merges.append(f'<mergeCell ref="A{r + 1}:{column_letters(ncols - 1)}{r + 1}"/>')
            row = row[:1]
        else:
            style = styles.head if r in heads else styles.body
            row = [*row, *[None] * (ncols - len(row))]
            room = widths
        lines = max(
            math.ceil(_width(str(v)) / max(w * 0.9, 1)) if v not in (None, "") else 1
            for v, w in zip(row, room, strict=False)
        )
        cells = "".join(_cell(cell_ref(r, c), v, style) for c, v in enumerate(row))
        height = f' ht="{_LINE_HEIGHT * lines + 3:g}" customHeight="1"'
        body.append(f'<row r="{r + 1}"{height}>{cells}</row>')
    merged = f'<mergeCells count="{len(merges)}">{"".join(merges)}</mergeCells>' if merges else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_R}">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{cell_ref(max(len(rows), 1) - 1, ncols - 1)}"/>'
        '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols>"
        f"<sheetData>{''.join(body)}</sheetData>{merged}"
        '<printOptions horizontalCentered="1"/>'
        '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        "</worksheet>"
    )


def append_sheet(
    source: Path,
    out: Path,
    name: str,
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float] = (),
    *,
    title_rows: int = 0,
    heads: Collection[int] = (),
    spans: Collection[int] = (),
) -> None:
    """Write ``out``: ``source`` with a visible sheet ``name`` holding ``rows`` appended
    after every existing sheet. ``title_rows`` > 0 repeats the first rows on each printed
    page; ``heads`` and ``spans`` are as for :func:`sheet_xml`.

    Raises:
        WorkbookFormatError: the package lacks its workbook parts, or has a sheet ``name``.
    """
    with SafeZip(source) as z:
        wb = z.text("xl/workbook.xml")
        rels = z.text("xl/_rels/workbook.xml.rels")
        types = z.text("[Content_Types].xml")
        if wb is None or rels is None or types is None or "</sheets>" not in wb:
            missing = [
                part
                for part, text in (
                    ("xl/workbook.xml", wb),
                    ("xl/_rels/workbook.xml.rels", rels),
                    ("[Content_Types].xml", types),
                )
                if text is None
            ]
            raise z.error("workbook-parts-missing", parts=", ".join(missing) or "<sheets>")
        names = re.findall(r'<sheet\b[^>]*?\bname="([^"]*)"', wb)
        if escape(name) in names:
            raise z.error("sheet-exists", name=name)
        n = 1
        while f"xl/worksheets/sheet{n}.xml" in z.names:
            n += 1
        part = f"xl/worksheets/sheet{n}.xml"
        used_ids = set(re.findall(r'\bId="([^"]*)"', rels))
        k = 1
        while f"rId{k}" in used_ids:
            k += 1
        rid = f"rId{k}"
        sheet_ids = [int(i) for i in re.findall(r'<sheet\b[^>]*?\bsheetId="(\d+)"', wb)]
        sheet_id = max(sheet_ids, default=0) + 1
        entry = f'<sheet name={quoteattr(name)} sheetId="{sheet_id}" r:id="{rid}"/>'
        wb = wb.replace("</sheets>", entry + "</sheets>", 1)
        index = len(names)  # the new sheet's position, counted from 0
        quoted = escape(formula_sheet(name, always=True))
        ncols = max([len(widths), *(len(r) for r in rows)], default=1)
        defined = (
            f'<definedName name="_xlnm.Print_Area" localSheetId="{index}">'
            f"{quoted}!$A$1:${column_letters(ncols - 1)}${max(len(rows), 1)}</definedName>"
        )
        if title_rows > 0:
            defined += (
                f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">'
                f"{quoted}!$1:${title_rows}</definedName>"
            )
        if "</definedNames>" in wb:
            wb = wb.replace("</definedNames>", defined + "</definedNames>", 1)
        else:
            wb = wb.replace("</sheets>", f"</sheets><definedNames>{defined}</definedNames>", 1)
        rel = f'<Relationship Id="{rid}" Type="{_WORKSHEET_REL}" Target="worksheets/sheet{n}.xml"/>'
        rels = rels.replace("</Relationships>", rel + "</Relationships>", 1)
        override = f'<Override PartName="/{part}" ContentType="{_WORKSHEET_TYPE}"/>'
        types = types.replace("</Types>", override + "</Types>", 1)
        styles = _Styles(z.text("xl/styles.xml"))
        edited = {
            "xl/workbook.xml": wb.encode("utf-8"),
            "xl/_rels/workbook.xml.rels": rels.encode("utf-8"),
            "[Content_Types].xml": types.encode("utf-8"),
        }
        if styles.xml is not None:
            edited["xl/styles.xml"] = styles.xml.encode("utf-8")
        with zipfile.ZipFile(out, "w") as dst:
            for info in z.zf.infolist():
                data = edited.get(info.filename)
                if data is None:
                    data = z.read(info.filename)
                    assert data is not None
                dst.writestr(info, data, compress_type=info.compress_type)
            dst.writestr(
                part,
                sheet_xml(rows, widths, styles, heads, spans).encode("utf-8"),
                compress_type=zipfile.ZIP_DEFLATED,
            )
