"""More producers nobody here wrote (issue 17): Notepad's "Unicode" text, GBK pages,
Word's and Chromium's single file web pages, Excel's and Google Docs' HTML, pandoc's grid
tables, LibreOffice's .odt, .rtf and Calc HTML of the filled template. Each sample and
random report they publish reads back whole: every cell right, none blank, none wrong."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from hostile_producers import judge
from producers import cells_of, samples_and_random
from producers_more import CHEAP_MORE, MORE, TRUTHS, prefetch
from strategies import reports
from zfxxgk import AnnualReport, parse
from zfxxgk.app import formats
from zfxxgk.published.markdown import markdown_rows

REPORTS = samples_and_random(seed=29, randoms=2)


def _whole(producer: str, report: AnnualReport, folder: Path) -> None:
    """The report as ``producer`` publishes it parses back with every cell right."""
    truth = TRUTHS.get(producer, lambda r: r)(report)
    s = judge(truth, parse(MORE[producer](report, folder)))
    assert s.wrong_cells == ()
    assert (s.right, s.blank) == (len(cells_of(truth)), 0)


@pytest.mark.parametrize("producer", CHEAP_MORE)
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_report_by_every_cheap_producer(name: str, producer: str, tmp_path: Path) -> None:
    _whole(producer, REPORTS[name], tmp_path)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(report=reports(optional=False), producer=st.sampled_from(CHEAP_MORE))
def test_random_reports_by_the_cheap_producers_are_never_wrong(
    report: AnnualReport, producer: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = parse(MORE[producer](report, Path(tmp)))
    assert judge(report, result).wrong_cells == ()


#: LibreOffice's producers: one soffice run per target for all their reports; .odt and
#: .rtf are converted again by the parse (a run each), so they take one sample each (one
#: of each edition), the Calc page (read directly) all of them.
LIBREOFFICE = {
    "html-calc": sorted(REPORTS),
    "odt": ["2024-hongze-district"],
    "rtf": ["2019-pingtan"],
}


@pytest.fixture(scope="session")
def converted() -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    for producer, names in LIBREOFFICE.items():
        prefetch([REPORTS[n] for n in names], (producer,))


@pytest.mark.parametrize(
    ("producer", "name"), [(p, n) for p, names in LIBREOFFICE.items() for n in names]
)
def test_libreoffice_producers(producer: str, name: str, converted: None, tmp_path: Path) -> None:
    _whole(producer, REPORTS[name], tmp_path)


@pytest.mark.parametrize(
    ("producer", "family"),
    [
        ("mht-word", formats.DOCUMENT),
        ("mht-blink", formats.DOCUMENT),
        ("txt-utf16", formats.DOCUMENT),
        ("html-utf16", formats.DOCUMENT),
    ],
)
def test_the_registry_and_the_cli_know_them(producer: str, family: str, tmp_path: Path) -> None:
    """``zfxxgk parse`` of the file, and of a folder holding it (found by its suffix)."""
    report = REPORTS["2024-hongze-district"]
    path = MORE[producer](report, tmp_path)
    assert formats.sniff_file(str(path)).family == family
    assert formats.expand_role([str(tmp_path)], formats.PUBLISHED) == [str(path)]
    r = run_cli("parse", str(path), "--json")
    assert r.returncode in (0, 1), r.stderr.decode()
    read = AnnualReport.from_json(r.stdout)
    assert [str(read.get(p)) for p in cells_of(report)] == [
        str(report.get(p)) for p in cells_of(report)
    ]


def test_an_rtf_is_no_json_and_an_odt_no_spreadsheet() -> None:
    """By content: RTF begins with ``{`` (not report JSON); an .odt is a zip with a
    content.xml (not an OpenDocument workbook)."""
    assert formats.sniff(b"{\\rtf1\\ansi\\ansicpg936 x}", "report.json").name == "odt"
    odt = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text"
    assert formats.sniff(odt, "x.ods", ["mimetype", "content.xml"]).name == "odt"
    ods = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
    assert formats.sniff(ods, "x.ods", ["mimetype", "content.xml"]).name == "ods"


# ------------------------------------------------------------------------ grid tables


def test_a_grid_table_joins_a_cell_s_lines_and_keeps_spans() -> None:
    text = (
        "+------+------+------+\n"
        "| 信息 | 本年 | 现行 |\n"
        "| 内容 | 件数 |      |\n"
        "+======+======+======+\n"
        "| 规章 | 3           |\n"
        "+------+------+------+\n"
        "| A    | 12   | 4    |\n"
        "| B    | 5    |      |\n"
        "+------+------+------+\n"
    )
    rows = markdown_rows(text)
    assert [r.cells for r in rows] == [
        ("信息内容", "本年件数", "现行"),
        ("规章", "3", ""),
        ("A B", "12 5", "4"),  # a wrapped word keeps the space it was wrapped at
    ]
    assert rows[1].starts == (0, 1)
    assert {r.table for r in rows} == {1}


@pytest.mark.parametrize(
    "table",
    [
        # a corner drawn as a rule: the box under it does not close, nor does the table
        "+----+----+\n| a  | 1  |\n+----+----+\n| b  | 2  |\n+---------+\n| c  | 3  |\n"
        "+----+----+\n",
        # a line whose bars stand on no column of the rule
        "+----+----+\n| a | 1   |\n+----+----+\n",
        # no closing rule
        "+----+----+\n| a  | 1  |\n",
    ],
)
def test_a_grid_table_not_on_its_columns_is_read_as_lines(table: str) -> None:
    """Never guessed into columns: each row is one line of the source, as before (a rule
    inside it starts no table of its own)."""
    lines = table.split("\n")
    rows = markdown_rows(table)
    assert rows
    for r in rows:
        assert all(c in lines[r.line - 1] for c in r.cells)
        assert not any("|" in c for c in r.cells)


def test_a_cell_merged_down_is_one_box() -> None:
    """pandoc 3: the rule under a merged cell is cut short; the cell spans the rows."""
    text = (
        "+------+----+----+\n"
        "| 三、 | 一 | 1  |\n"
        "| 本年 +----+----+\n"
        "|      | 二 | 2  |\n"
        "+------+----+----+\n"
    )
    rows = markdown_rows(text)
    assert [r.cells for r in rows] == [("三、本年", "一", "1"), ("", "二", "2")]
    assert [r.starts for r in rows] == [(0, 1, 2), (1, 2)]
    assert [r.line for r in rows] == [2, 4]


@pytest.mark.parametrize(
    ("producer", "suffix"),
    [
        ("mht-word", ".doc"),  # a CMS's "download as Word": a single file web page
        ("html-excel-sheet", ".xls"),  # "export to Excel": the sheet as a web page
        ("txt-utf16", ".doc"),
        ("md-grid-spans", ".txt"),
    ],
)
def test_a_file_is_what_its_content_is_whatever_its_name(
    producer: str, suffix: str, tmp_path: Path
) -> None:
    """Sites name a single file web page or a sheet's web page .doc or .xls: ``parse``
    reads it by its content, every cell right."""
    report = REPORTS["2023-shuyang-drc"]
    made = MORE[producer](report, tmp_path)
    path = made.rename(tmp_path / f"download{suffix}")
    r = run_cli("parse", str(path), "--json")
    assert r.returncode in (0, 1), r.stderr.decode()
    read = AnnualReport.from_json(r.stdout)
    assert [str(read.get(p)) for p in cells_of(report)] == [
        str(report.get(p)) for p in cells_of(report)
    ]


def test_a_gbk_footer_on_a_utf8_page_is_noted(tmp_path: Path) -> None:
    """The page is read as UTF-8 (not all of it as GB18030), with a note of the bytes
    replaced; a GBK text stays GBK."""
    result = parse(MORE["html-mixed"](REPORTS["2019-pingtan"], tmp_path))
    assert [n.params["count"] for n in result.notes if n.code == "encoding-replaced"] != []
    plain = parse(MORE["txt-gbk"](REPORTS["2019-pingtan"], tmp_path))
    assert not [n for n in plain.notes if n.code == "encoding-replaced"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_unicode_text_with_its_mark_in_any_width(encoding: str, tmp_path: Path) -> None:
    """UTF-16 and UTF-32 with their byte-order marks read as text, whatever the name."""
    made = MORE["txt-utf8-bom"](REPORTS["2019-pingtan"], tmp_path)
    text = made.read_bytes().decode("utf-8-sig")
    path = tmp_path / "report.doc"
    path.write_bytes(("\ufeff" + text).encode(encoding))
    s = judge(REPORTS["2019-pingtan"], parse(path))
    assert (s.wrong, s.blank) == (0, 0)
