"""Cases found in review of the speed work (issue 17): each fails on the reviewed code."""

from __future__ import annotations

from pathlib import Path

import pytest

from zfxxgk.app.load import load_report
from zfxxgk.errors import ZfxxgkError


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_an_empty_workbook_is_said_to_be_empty_not_a_text_file(tmp_path: Path, suffix: str) -> None:
    """An empty file named .xlsx is refused as "a text file; use zfxxgk parse" (was: empty)."""
    path = tmp_path / f"report{suffix}"
    path.write_bytes(b"")
    with pytest.raises(ZfxxgkError) as caught:
        load_report(str(path))
    assert caught.value.code == "file-empty"


_COUNT = ("applications", "withheld_state_secret", "research_institution")


@pytest.mark.parametrize(
    ("text", "stated"),
    [("5¹", 5), ("12²", 12), ("5①", 5), ("²12", 12), ("12²件", 12)],
)
def test_a_footnote_mark_after_a_count_never_makes_another_number(text: str, stated: int) -> None:
    """NFKC turns a footnote mark into a digit: "5¹" is read as 51, "12²" as 122."""
    from zfxxgk.core.cellvalue import interpret
    from zfxxgk.core.editions import EDITIONS
    from zfxxgk.errors import CellValueError

    field = EDITIONS["2021"].field_map[_COUNT]
    try:
        value = interpret(text, field).value
    except CellValueError:
        return  # refused: left blank with a note, as a reader may
    assert value in (None, stated)


@pytest.mark.parametrize("text", ["1 2", "12 3件", "4\u00a05", "1\u30002"])
def test_digits_apart_are_not_joined_into_one_count(text: str) -> None:
    """Whitespace inside a cell is removed before reading: "1 2" (two numbers) is read as 12."""
    from zfxxgk.core.cellvalue import interpret
    from zfxxgk.core.editions import EDITIONS
    from zfxxgk.errors import CellValueError

    field = EDITIONS["2021"].field_map[_COUNT]
    with pytest.raises(CellValueError):
        interpret(text, field)


def test_a_published_count_with_a_footnote_mark_is_not_read_as_another_number(
    tmp_path: Path,
) -> None:
    """A web page's count cell "12²" (a footnote mark) is parsed as 122, with no warning."""
    import re

    from conftest import sample_path
    from producers import PRODUCERS
    from zfxxgk import AnnualReport, parse

    truth = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    page = PRODUCERS["html"](truth, tmp_path).read_text(encoding="utf-8")
    m = list(re.finditer(r'class="v"[^>]*>(?:<[^>]*>)*(\d+)<', page))[40]
    doc = tmp_path / "marked.html"
    doc.write_text(page[: m.start(1)] + "12²" + page[m.end(1) :], encoding="utf-8")
    result = parse(doc)
    assert result.report.get(_COUNT) in (None, 12)


def test_a_negative_shared_string_index_is_refused_not_read_from_the_end(tmp_path: Path) -> None:
    """A cell t="s" with <v>-1</v> reads the last shared string (Python's negative index)."""
    import re
    import zipfile

    from zfxxgk import AnnualReport, fill
    from zfxxgk.errors import WorkbookFormatError
    from zfxxgk.xlsx.cells import read_sheets

    filled = tmp_path / "filled.xlsx"
    fill(AnnualReport(edition="2021", agency="某局", year=2024), filled)
    edited = tmp_path / "edited.xlsx"
    cell = re.compile(rb'(<c r="[A-Z]+\d+" s="\d+" t="s"><v>)\d+(</v></c>)')
    with zipfile.ZipFile(filled) as src, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, n = cell.subn(rb"\g<1>-1\g<2>", data, count=1)
                assert n == 1
            z.writestr(info, data)
    with pytest.raises(WorkbookFormatError):
        read_sheets(edited)
