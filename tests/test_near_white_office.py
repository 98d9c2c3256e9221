"""Junk in a colour a person cannot tell from white, in Word runs and workbook cells.

Word and workbooks judged white as ``FFFFFF`` exactly: junk digits in runs of ``FEFEFE``
or ``F9F9F9``, in a white run on a ``FEFEFE`` shading, in a cell font of ``FEFEFE``, a
rich text run of it, or a font of ``D9D9D9`` on a fill of ``DADADA`` were read into the
values on main (:mod:`zfxxgk.xlsx.colours`: a CIELAB difference under 2.3 is none a person
tells). Each way, over seeded random reports: every cell right, or blank with a
warning (a value written so is seen by no one: blank, said).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

import hidden_producers
from hidden_producers import _VALUE, _each, _junk, _run, produce_docx
from hostile_producers import judge
from pasted_workbooks import _one_sheet
from producers import random_report
from test_workbook_unseen import _font, _on_fill, _value_cells, _workbook
from zfxxgk import parse
from zfxxgk.xlsx.colours import indistinct_hex, near_white_hex

SHADED = '<w:shd w:val="clear" w:color="auto" w:fill="FEFEFE"/>'
WORD = {"FEFEFE": "", "FFFFFE": "", "F9F9F9": "", "FFFFFF": SHADED}
INKS = {
    "font-FFFEFEFE": _font("FFFEFEFE"),
    "font-FFFAFAFA": _font("FFFAFAFA"),
    "white-on-FEFEFE": _on_fill("FFFFFFFF", "FFFEFEFE"),
    "D9-on-DADADA": _on_fill("FFD9D9D9", "FFDADADA"),
}


@pytest.mark.parametrize("colour", sorted(WORD))
def test_a_near_white_word_run_is_not_read(colour: str, tmp_path: Path) -> None:
    props = f'<w:color w:val="{colour}"/>{WORD[colour]}'
    name = f"near-white-{colour}"
    hidden_producers.DOCX_TRANSFORMS[name] = lambda xml: _each(
        _VALUE, xml, lambda s, i: _run(s[:1]) + _run(_junk(i), props) + _run(s[1:])
    )
    try:
        rng = random.Random(f"near-white-word/{colour}")
        for edition in ("2019", "2021"):
            report = random_report(rng, edition)
            got = judge(report, parse(produce_docx(report, name, tmp_path)))
            assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
    finally:
        del hidden_producers.DOCX_TRANSFORMS[name]


@pytest.mark.parametrize("ink", sorted(INKS))
def test_a_near_white_workbook_font_is_not_read(ink: str, tmp_path: Path) -> None:
    rng = random.Random(f"near-white-ink/{ink}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        path, junk = _workbook(report, INKS[ink], i == 0, rng, tmp_path / f"{i}.xlsx")
        assert junk > 0
        got = judge(report, parse(path))
        assert got.wrong == 0, got.wrong_cells[:3]


def test_a_near_white_rich_text_run_is_not_read(tmp_path: Path) -> None:
    rng = random.Random("near-white-run")
    report = random_report(rng, "2021")
    wb = _one_sheet(report, merge=True)
    ws = wb.active
    assert ws is not None
    marked = 0
    for r, c, has_value in _value_cells(report):
        value = ws.cell(r, c).value
        if has_value and isinstance(value, int) and value > 9:
            text = str(value)
            junk = TextBlock(InlineFont(color="FFFEFEFE"), str(rng.randint(1, 9)))
            ws.cell(r, c).value = CellRichText(text[:1], junk, text[1:])
            marked += 1
    path = tmp_path / "runs.xlsx"
    wb.save(path)
    assert marked
    got = judge(report, parse(path))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


def test_office_colours_near_white_and_alike() -> None:
    assert near_white_hex("FEFEFE") and near_white_hex("FFFEFEFE") and near_white_hex("FFFFFF")
    assert not near_white_hex("auto") and not near_white_hex("F2F2F2")
    assert indistinct_hex("FFD9D9D9", "FFDADADA") and not indistinct_hex("D9D9D9", "1F4E79")
