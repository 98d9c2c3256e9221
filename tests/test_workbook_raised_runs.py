"""A footnote mark raised in a workbook cell's rich text is no digit of its number.

A report pasted from a web page into Excel keeps ``12345<sup>1</sup>`` as a text cell
of two runs, the second raised (``<vertAlign val="superscript"/>``), in the shared
strings (Excel) or inline (openpyxl). A person reads 12345 and a mark; on the code
before this test the runs were joined (123451, without a word). Now a raised or
lowered run is written with Unicode's raised characters (:mod:`zfxxgk.xlsx.richruns`),
which the cell reader refuses: blank with a warning, never another number. A run of
another font (bold, red) is read as text.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from hostile_producers import judge
from pasted_workbooks import _one_sheet
from producers import random_report
from test_workbook_unseen import _value_cells
from zfxxgk import AnnualReport, parse


def _workbook(report: AnnualReport, font: InlineFont, rng: random.Random, path: Path) -> int:
    """The report on one sheet, some values as text followed by a run of ``font``."""
    wb = _one_sheet(report, merge=True)
    ws = wb.active
    assert ws is not None
    marked = 0
    for r, c, has_value in _value_cells(report):
        value = ws.cell(r, c).value
        if has_value and isinstance(value, int) and rng.random() < 0.3:
            mark = str(rng.randint(1, 9))
            ws.cell(r, c).value = CellRichText(str(value), TextBlock(font, mark))
            marked += 1
    wb.save(path)
    return marked


_INLINE = re.compile(rb'<c r="([A-Z]+\d+)"([^>]*?) t="inlineStr"><is>(.*?)</is></c>')


_SST = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _shared(path: Path) -> None:
    """The workbook's inline strings moved into a shared strings part, as Excel keeps
    them (openpyxl writes every string inline)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    items: list[bytes] = []

    def move(m: re.Match[bytes]) -> bytes:
        items.append(b"<si>" + m.group(3) + b"</si>")
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (m.group(1), m.group(2), len(items) - 1)

    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = _INLINE.sub(move, parts[sheet])
    assert items
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{_SST}" count="{len(items)}" uniqueCount="{len(items)}">'.encode()
        + b"".join(items)
        + b"</sst>"
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}"/></Types>'.encode(),
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        f'<Relationship Type="{_REL}" Target="sharedStrings.xml" Id="rId99"/>'
        "</Relationships>".encode(),
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.mark.parametrize("where", ("inline", "shared"))
@pytest.mark.parametrize("align", ("superscript", "subscript"))
def test_a_raised_run_is_never_a_digit(align: str, where: str, tmp_path: Path) -> None:
    rng = random.Random(f"workbook-raised/{align}/{where}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        path = tmp_path / f"{i}.xlsx"
        marked = _workbook(report, InlineFont(vertAlign=align, sz=7), rng, path)
        if where == "shared":
            _shared(path)
        got = judge(report, parse(path))
        assert got.wrong == 0, got.wrong_cells[:3]
        assert got.blank >= marked > 0, (got.blank, marked)


def test_a_run_of_another_font_is_read(tmp_path: Path) -> None:
    """A control: a value's last digit in a bold red run is a digit."""
    report = random_report(random.Random("workbook-raised/control"), "2021")
    wb = _one_sheet(report, merge=True)
    ws = wb.active
    assert ws is not None
    for r, c, has_value in _value_cells(report):
        text = str(ws.cell(r, c).value)
        if has_value and len(text) > 1 and text.isdigit():
            bold = TextBlock(InlineFont(b=True, color="FFFF0000"), text[-1])
            ws.cell(r, c).value = CellRichText(text[:-1], bold)
    path = tmp_path / "c.xlsx"
    wb.save(path)
    _shared(path)
    got = judge(report, parse(path))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
