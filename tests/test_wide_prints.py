"""A spreadsheet printed wider than its page: its right columns on pages of their own.

Staff paste a report's tables into Calc or Excel and print them to PDF; a sheet wider
than the page prints its columns past the page's width on later pages (down, then
over), at the heights of their rows, with no row label. On the code before this test
each part was read alone: the rows of table 三 had only their left columns, and were
left blank as short (the samples' prints: 899 of 2990 cells right). Now such pages are
joined to the rows they continue (note ``columns-continued``), and a character printed
wholly off the page (a merged cell's centred text drawn across the page's edge) is not
read: 1118 right, 0 wrong, the rest blank with a warning (long labels printed over their
values' cells).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from pasted_workbooks import WAYS, soffice_convert, truth
from producers import score
from zfxxgk import AnnualReport, parse
from zfxxgk.published import pdf as pdf_module
from zfxxgk.published.pdf_widepages import join_column_pages

pytest.importorskip("pypdfium2")

SAMPLES = sorted((Path(__file__).parent / "data" / "samples").glob("*.json"))


@pytest.fixture(scope="module")
def prints(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[AnnualReport, Path]]:
    exe = shutil.which("soffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("wide-prints")
    files, out = [], []
    for sample in SAMPLES:
        report = AnnualReport.from_json(sample.read_bytes())
        for way in ("merged", "unmerged", "sheet-per-table"):
            sub = folder / f"{sample.stem}-{way}"
            sub.mkdir()
            made = WAYS[way](report, sub)
            copy = folder / f"{sample.stem}-{way}{made.suffix}"
            shutil.copy(made, copy)
            files.append(copy)
            out.append((truth(report, way), copy.with_suffix(".pdf")))
    soffice_convert(exe, files, folder, "pdf")
    return out


def test_columns_printed_on_pages_of_their_own_are_read_with_their_rows(
    prints: list[tuple[AnnualReport, Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every print: no wrong cell, its column pages joined (said), and more cells right
    than with each page read alone (the code before: 0 joined)."""
    joined = []
    for report, pdf in prints:
        result = parse(pdf)
        s = score(report, result)
        assert s.wrong_cells == (), pdf
        notes = [n for n in result.notes if n.code == "columns-continued"]
        joined.append(len(notes))
        with monkeypatch.context() as m:
            m.setattr(pdf_module, "join_column_pages", lambda pages: (pages, []))
            alone = score(report, parse(pdf))
        assert alone.wrong_cells == ()
        if notes:
            assert s.right > alone.right, pdf
    assert sum(1 for n in joined if n) >= len(prints) // 2


def _line(top: float, *runs: tuple[float, str]) -> tuple[Any, ...]:
    return ("text", top, [(x, x + 10 * len(t), t) for x, t in runs])


def _page(*items: tuple[Any, ...]) -> dict[str, Any]:
    return {"items": list(items), "chars": 100, "images": 0}


LEFT = _page(
    _line(100.0, (50, "一、本年新收政府信息公开申请数量"), (300, "3"), (360, "0")),
    _line(115.0, (50, "二、上年结转政府信息公开申请数量"), (300, "1"), (360, "0")),
)
RIGHT = _page(_line(101.8, (50, "0"), (110, "3")), _line(116.8, (50, "0"), (110, "1")))


def test_a_page_of_columns_joins_the_rows_at_its_lines_heights() -> None:
    pages, notes = join_column_pages([LEFT, RIGHT])
    assert [n.params for n in notes] == [{"page": 2, "onto": 1}]
    assert pages[1]["items"] == []
    first = pages[0]["items"][0][2]
    assert [t for *_, t in first] == ["一、本年新收政府信息公开申请数量", "3", "0", "0", "3"]
    assert first[3][0] > first[2][1]  # right of the row's own runs


def test_pages_are_joined_only_where_each_line_has_its_row() -> None:
    """A page of labels (the document's next page), a page whose lines stand at other
    heights, a page of columns with no page before it: nothing joined."""
    labels = _page(
        _line(100.0, (50, "行政许可"), (300, "1")), _line(115.0, (50, "规章"), (300, "2"))
    )
    apart = _page(_line(107.0, (50, "0"), (110, "3")), _line(131.0, (50, "0")))
    for pages in ([LEFT, labels], [LEFT, apart], [RIGHT, RIGHT], [RIGHT]):
        assert join_column_pages(pages) == (pages, [])


def test_two_bands_of_rows_join_page_for_page() -> None:
    """Pages of rows 1 and 2, then their columns' pages 3 and 4 (down, then over)."""
    second = _page(
        _line(60.0, (50, "四、结转下年度继续办理"), (300, "0")),
        _line(75.0, (50, "（七）总计"), (300, "5")),
    )
    more = _page(_line(61.0, (50, "2")), _line(76.0, (50, "9")))
    pages, notes = join_column_pages([LEFT, second, RIGHT, more])
    assert [(n.params["page"], n.params["onto"]) for n in notes] == [(3, 1), (4, 2)]
    assert [t for *_, t in pages[1]["items"][1][2]] == ["（七）总计", "5", "9"]


def test_a_tables_last_page_at_the_heights_of_the_page_before_joins_nothing() -> None:
    """Table 四 alone on a report's last page, its lines at the heights of the page
    before's (one line grid): its header lines stand beside that page's rows of values,
    not beside header lines, so it is no page of their columns."""
    rows = _page(
        _line(73.5, (50, "（六）其他处理"), (300, "1"), (360, "0")),
        _line(88.5, (50, "（七）总计"), (300, "9"), (360, "0")),
        _line(103.5, (50, "四、结转下年度继续办理"), (300, "0"), (360, "0")),
    )
    four = _page(
        _line(74.0, (50, "行政复议"), (300, "行政诉讼")),
        _line(89.0, (50, "结果维持"), (110, "结果纠正"), (170, "总计")),
        _line(104.0, (50, "1"), (110, "0"), (170, "1")),
    )
    assert join_column_pages([rows, four]) == ([rows, four], [])
