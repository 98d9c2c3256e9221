"""Word's table styles (:mod:`producers_wrong12`): a table style's shading (over the
whole table, on banded rows after a header row) is a ground white text is seen on; its
white text on no ground (or on a cell shaded white by its own properties) is unseen."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from hostile_producers import judge
from producers_attack9 import reports
from producers_wrong12 import TABLE_STYLES
from zfxxgk import parse

REPORTS = reports(9, 1)[-2:] + reports(9, 0)[:2]


@pytest.mark.parametrize("name", sorted(TABLE_STYLES))
def test_a_table_style_is_seen_as_word_shows_it(name: str, tmp_path: Path) -> None:
    """White values on a style's dark ground are read (on main left blank: 2513 of
    8364 cells), white junk where the style lays no ground is not (on main read into
    the values: 1465 cells wrong)."""
    for stem, truth in REPORTS:
        folder = tmp_path / stem
        folder.mkdir()
        got = judge(truth, parse(TABLE_STYLES[name](truth, folder)))
        assert (got.wrong, got.blank) == (0, 0), (stem, got.wrong_cells[:3])


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _document(tables: str, styles: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr("word/document.xml", f"<w:document {_W}><w:body>{tables}</w:body></w:document>")
        z.writestr("word/styles.xml", f"<w:styles {_W}>{styles}</w:styles>")
    return out.getvalue()


def _row(*cells: str, white: bool = False) -> str:
    rpr = '<w:rPr><w:color w:val="FFFFFF"/></w:rPr>' if white else ""
    return (
        "<w:tr>"
        + "".join(f"<w:tc><w:p><w:r>{rpr}<w:t>{c}</w:t></w:r></w:p></w:tc>" for c in cells)
        + "</w:tr>"
    )


@pytest.mark.parametrize(
    ("look", "read"),
    [
        ('<w:tblLook w:val="04A0"/>', True),  # (the header row's format on: dark)
        ('<w:tblLook w:firstRow="1" w:noVBand="1"/>', True),
        ('<w:tblLook w:firstRow="0" w:noVBand="1"/>', False),  # (off: white on white)
        ("", False),
    ],
)
def test_white_text_on_a_dark_header_row_is_read(look: str, read: bool, tmp_path: Path) -> None:
    """A header row of white text on the style's dark header shading (Word's "Grid Table
    4") is read; where the table turns the header format off it is white on white."""
    from zfxxgk.published.word import docx_rows

    style = (
        '<w:style w:type="table" w:styleId="G"><w:tblStylePr w:type="firstRow"><w:tcPr>'
        '<w:shd w:val="clear" w:color="auto" w:fill="4472C4"/></w:tcPr></w:tblStylePr></w:style>'
    )
    table = (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="G"/>{look}</w:tblPr>'
        + _row("信息内容", "本年制发件数", white=True)
        + _row("规章", "12")
        + "</w:tbl>"
    )
    path = tmp_path / "t.docx"
    path.write_bytes(_document(table, style))
    rows, _ = docx_rows(path)
    first = rows[0].cells
    assert (first == ("信息内容", "本年制发件数")) == read
    assert rows[-1].cells == ("规章", "12")
