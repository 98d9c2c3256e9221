"""Appending a plain, printable sheet of text and numbers to a workbook package.

Every existing part is copied byte for byte (stored formula results, hidden sheets,
styles); only the workbook's sheet list, its relationships and the content types gain an
entry, and the new sheet's cells are inline strings and numbers in the default style.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from zfxxgk.errors import WorkbookFormatError
from zfxxgk.xlsx.refs import cell_ref
from zfxxgk.xlsx.safezip import SafeZip

Cell = str | int | None
_WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: characters XML 1.0 cannot carry (a file name may hold them)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cell(ref: str, value: Cell) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = escape(_NOT_XML.sub("\ufffd", str(value)))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_xml(
    rows: Sequence[Sequence[Cell]], widths: Sequence[float], *, landscape: bool = True
) -> str:
    """A worksheet of ``rows`` that prints on A4, one page wide, with gridlines."""
    width = max([len(widths), *(len(r) for r in rows)], default=1)
    last = cell_ref(max(len(rows), 1), width)
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>' for i, w in enumerate(widths, 1)
    )
    body = []
    for r, row in enumerate(rows, 1):
        cells = "".join(_cell(cell_ref(r, c), v) for c, v in enumerate(row, 1))
        body.append(f'<row r="{r}">{cells}</row>' if cells else f'<row r="{r}"/>')
    orientation = "landscape" if landscape else "portrait"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_R}">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{last}"/>'
        '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"{f'<cols>{cols}</cols>' if cols else ''}"
        f"<sheetData>{''.join(body)}</sheetData>"
        '<printOptions gridLines="1"/>'
        '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        f'<pageSetup paperSize="9" orientation="{orientation}" fitToWidth="1" fitToHeight="0"/>'
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
) -> None:
    """Write ``out``: ``source`` with a visible sheet ``name`` holding ``rows`` appended
    after every existing sheet. ``title_rows`` > 0 repeats the first rows on each printed
    page.

    Raises:
        WorkbookFormatError: the package lacks its workbook parts, or has a sheet ``name``.
    """
    with SafeZip(source) as z:
        wb = z.text("xl/workbook.xml")
        rels = z.text("xl/_rels/workbook.xml.rels")
        types = z.text("[Content_Types].xml")
        if wb is None or rels is None or types is None:
            raise z.error("缺少工作簿部件", "the package lacks its workbook parts")
        names = re.findall(r'<sheet\b[^>]*?\bname="([^"]*)"', wb)
        if escape(name) in names:
            raise WorkbookFormatError(
                f"工作簿中已有工作表“{name}”",
                f"the workbook already has a sheet {name!r}",
                file=str(source),
            )
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
        if "</sheets>" not in wb:
            raise z.error("workbook.xml 中没有工作表列表", "workbook.xml has no sheet list")
        wb = wb.replace("</sheets>", entry + "</sheets>", 1)
        if title_rows > 0:
            index = len(names)  # the new sheet's position, counted from 0
            quoted = "'" + name.replace("'", "''") + "'"
            defined = (
                f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">'
                f"{escape(quoted)}!$1:${title_rows}</definedName>"
            )
            if "</definedNames>" in wb:
                wb = wb.replace("</definedNames>", defined + "</definedNames>", 1)
            else:
                wb = wb.replace("</sheets>", f"</sheets><definedNames>{defined}</definedNames>", 1)
        rel = f'<Relationship Id="{rid}" Type="{_WORKSHEET_REL}" Target="worksheets/sheet{n}.xml"/>'
        rels = rels.replace("</Relationships>", rel + "</Relationships>", 1)
        override = f'<Override PartName="/{part}" ContentType="{_WORKSHEET_TYPE}"/>'
        types = types.replace("</Types>", override + "</Types>", 1)
        edited = {
            "xl/workbook.xml": wb.encode("utf-8"),
            "xl/_rels/workbook.xml.rels": rels.encode("utf-8"),
            "[Content_Types].xml": types.encode("utf-8"),
        }
        with zipfile.ZipFile(out, "w") as dst:
            for info in z.zf.infolist():
                data = edited.get(info.filename)
                if data is None:
                    data = z.read(info.filename)
                    assert data is not None
                dst.writestr(info, data, compress_type=info.compress_type)
            dst.writestr(
                part,
                sheet_xml(rows, widths).encode("utf-8"),
                compress_type=zipfile.ZIP_DEFLATED,
            )
