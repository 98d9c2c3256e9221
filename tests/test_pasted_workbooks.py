"""Workbooks that are not our template (issue 17): read by ``parse`` through the published
reader from what each visible sheet shows; every cell right or blank with a warning
naming its row, never another number, whichever way the workbook was made
(:mod:`pasted_workbooks`). ``read`` keeps the template's reading and names ``parse``."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from badfiles import said
from conftest import run_cli
from hostile_producers import judge
from pasted_workbooks import WAYS, merged, soffice_convert_all, truth
from producers import (
    PRODUCERS,
    cells_of,
    prefetch_libreoffice,
    random_report,
    samples_and_random,
)
from zfxxgk import AnnualReport, parse
from zfxxgk.published.sheets import workbook_source
from zfxxgk.xlsx.display import shown
from zfxxgk.xlsx.sheetview import sheet_views

#: the samples and two random reports (each edition: blanks, 0, big numbers)
REPORTS = samples_and_random(17, 2)
#: the HTML producers whose pages LibreOffice Calc imports ("pasted from a web page")
HTML_PRODUCERS = (
    "html",
    "html-word",
    "html-libreoffice",
    "html-cms",
    "html-cms-rowspan",
    "html-cms-colspan",
    "html-repeated-header",
)
#: Calc's import of these pages keeps every cell where its header is: all read
LOSSLESS_PAGES = ("html", "html-word", "html-libreoffice")
#: the ways LibreOffice saves as .xls and .ods (read through its conversion)
SAVED_AS = ("xls:hidden-junk", "ods:formula-totals")


def _exe() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed")
    return exe


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every (report, way) made with openpyxl."""
    out: dict[tuple[str, str], Path] = {}
    root = tmp_path_factory.mktemp("pasted")
    for name, report in REPORTS.items():
        for way, make in WAYS.items():
            folder = root / f"{name}-{way}"
            folder.mkdir()
            out[(name, way)] = make(report, folder)
    return out


@pytest.fixture(scope="session")
def calc(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """LibreOffice's workbooks (three soffice runs at once): Calc's import of each HTML
    producer's page (``lo-<producer>``), and two openpyxl ways saved as .xls and .ods
    (``xls:<way>``, ``ods:<way>``), of a random report (blanks, 0, big numbers)."""
    exe = _exe()
    root = tmp_path_factory.mktemp("calc")
    names = ["random1-2021"]
    pages, books = root / "pages", root / "books"
    pages.mkdir()
    books.mkdir()
    prefetch_libreoffice([REPORTS[n] for n in names], producers=("html-libreoffice",))
    for name in names:
        for producer in HTML_PRODUCERS:
            folder = root / f"{name}-{producer}"
            folder.mkdir()
            page = PRODUCERS[producer](REPORTS[name], folder)
            page.rename(pages / f"{name}__{producer}{page.suffix}")
        for way in ("hidden-junk", "formula-totals"):
            folder = root / f"{name}-{way}"
            folder.mkdir()
            WAYS[way](REPORTS[name], folder).rename(books / f"{name}__{way}.xlsx")
    done = soffice_convert_all(
        exe,
        [
            (sorted(pages.iterdir()), root / "lo", "xlsx", "HTML (StarCalc)"),
            *((sorted(books.iterdir()), root / t, t, None) for t in ("xls", "ods")),
        ],
    )
    out: dict[tuple[str, str], Path] = {}
    for kind, files in zip(("lo", "xls", "ods"), done, strict=True):
        for made_file in files:
            name, way = made_file.stem.split("__")
            out[(name, f"lo-{way}" if kind == "lo" else f"{kind}:{way}")] = made_file
    return out


def _judged(name: str, way: str, path: Path) -> tuple[int, int, int]:
    result = parse(path)
    score = judge(truth(REPORTS[name], way.split(":")[-1]), result)
    assert score.wrong == 0, (name, way, score.wrong_cells[:5])
    return score.right, score.blank, score.wrong


@pytest.mark.parametrize("way", sorted(WAYS))
def test_each_way_reads_every_cell_right_or_blank_with_a_warning(
    way: str, made: dict[tuple[str, str], Path]
) -> None:
    right = blank = total = 0
    for name in REPORTS:
        r, b, _ = _judged(name, way, made[(name, way)])
        right, blank = right + r, blank + b
        total += len(cells_of(REPORTS[name]))
    if way == "remarks":
        # a 备注 column with digits in some rows: those rows are left blank, said
        assert right >= 0.7 * total, (right, blank, total)
    else:
        assert right == total, (way, right, blank, total)


@pytest.mark.parametrize("producer", HTML_PRODUCERS)
def test_calc_imports_of_every_html_producer_read_right_or_blank(
    producer: str, calc: dict[tuple[str, str], Path]
) -> None:
    """Pasted from a web page: Calc's import. A page whose spans were dropped is laid out
    by Calc in columns of its own making: its rows are left blank, never misread."""
    right = total = 0
    for (name, way), path in calc.items():
        if way == f"lo-{producer}":
            right += _judged(name, way, path)[0]
            total += len(cells_of(REPORTS[name]))
    assert total
    if producer in LOSSLESS_PAGES:
        assert right == total


@pytest.mark.parametrize("made_way", SAVED_AS)
def test_xls_and_ods_read_what_their_sheets_show(
    made_way: str, calc: dict[tuple[str, str], Path]
) -> None:
    """Converted by LibreOffice, which keeps hidden rows, columns and sheets, merges and
    the formulas' results: the same cells as the .xlsx."""
    (name, way), path = next((k, p) for k, p in calc.items() if k[1] == made_way)
    right, _, _ = _judged(name, way, path)
    assert right == len(cells_of(REPORTS[name]))


def test_calamine_sees_the_grid_we_read(calc: dict[tuple[str, str], Path]) -> None:
    """A second reader: the values and merged ranges of Calc's workbooks as python-calamine
    reads them are the ones our sheet views hold."""
    checked = 0
    for (_, way), path in calc.items():
        if not way.startswith("lo-"):
            continue
        views = sheet_views(path)
        book = CalamineWorkbook.from_path(str(path))
        for view in views:
            sheet = book.get_sheet_by_name(view.sheet.name)
            merges = {(a[0], a[1], b[0], b[1]) for a, b in sheet.merged_cell_ranges or []}
            assert merges == set(view.merges)
            rows = sheet.to_python(skip_empty_area=False)
            theirs = {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row) if v != ""}
            ours = view.sheet.cells
            assert set(theirs) == set(ours)
            for at, v in ours.items():
                assert theirs[at] == v or float(theirs[at]) == float(v), (at, v, theirs[at])
            checked += 1
    assert checked == len(HTML_PRODUCERS)


def test_the_hidden_junk_is_in_the_file_and_not_read(
    made: dict[tuple[str, str], Path],
) -> None:
    """The hidden sheet, column and rows hold numbers (calamine reads them): the views
    mark them hidden, and no row read holds one."""
    path = made[("random1-2021", "hidden-junk")]
    book = CalamineWorkbook.from_path(str(path))
    assert [str(m.visible).split(".")[-1] for m in book.sheets_metadata] == ["Visible", "Hidden"]
    junk = book.get_sheet_by_name("年报").to_python()
    assert any(row and isinstance(row[0], float) and row[0] >= 9000 for row in junk)
    views = {v.sheet.name: v for v in sheet_views(path)}
    assert not views["旧数据"].visible and views["年报"].visible
    assert 0 in views["年报"].hidden_cols and views["年报"].hidden_rows
    source = workbook_source(path, path.read_bytes(), str(path))
    texts = {c for row in source.rows for c in row.cells}
    assert "777" not in texts and not any(t.startswith("90") and len(t) == 4 for t in texts)


def test_formula_totals_are_computed_and_said(made: dict[tuple[str, str], Path]) -> None:
    result = parse(made[("random0-2019", "formula-totals")])
    assert "workbook-formula-computed" in {n.code for n in result.notes}


def test_a_formula_not_computed_is_blank_with_a_warning(tmp_path: Path) -> None:
    report = random_report(__import__("random").Random(5), "2021")
    path = merged(report, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    at = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, int) and c.value > 0)
    at.value = "=VLOOKUP(1,A1:B2,2,FALSE)"
    wb.save(path)
    result = parse(path)
    assert "workbook-formula-unknown" in {n.code for n in result.warnings}
    values = {v for p in cells_of(report) if (v := result.report.get(p)) is not None}
    assert values  # the rest is read


@pytest.mark.parametrize(
    ("value", "code", "text"),
    [
        (12.4, "0", "12"),
        (1234, '#,##0"件"', "1,234件"),
        (0.5, "0.00%", "50.00%"),
        (-5, "#,##0;(#,##0)", "(5)"),
        (0, '0;-0;"-"', "0"),
        (5, ";;;", ""),
        (3.0, "0.0#", "3.0"),
        (0.1 + 0.2, "", "0.3"),
        (Decimal("1.50"), "", "1.5"),
        (12, "0.00E+00", None),
    ],
)
def test_a_number_as_its_format_shows_it(value: object, code: str, text: str | None) -> None:
    assert shown(value, code) == text  # type: ignore[arg-type]


def test_what_the_format_shows_is_read(tmp_path: Path) -> None:
    """A count 1234 shown as 1,234件 reads 1234; a count shown as a percentage (25%) is no
    count: blank, with a warning naming its row; never the stored fraction."""
    report = AnnualReport.from_json(REPORTS["random1-2021"].to_json())
    path = merged(report, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    numbers = [c for row in ws.iter_rows() for c in row if type(c.value) is int and c.value]
    numbers[0].number_format = '#,##0"件"'
    numbers[-1].value = 0.25
    numbers[-1].number_format = "0%"
    wb.save(path)
    result = parse(path)
    prov = result.report.provenance
    assert prov is not None
    raws = {p: str(src.raw) for p, src in prov.cells.items()}
    assert any(r.endswith("件") for r in raws.values())
    score = judge(report, result)
    assert score.wrong == 0, score.wrong_cells
    assert 0.25 not in {result.report.get(p) for p in cells_of(report)}
    assert score.blank >= 1


def test_parse_reads_a_pasted_workbook_and_read_names_parse(
    made: dict[tuple[str, str], Path], calc: dict[tuple[str, str], Path]
) -> None:
    """The reported case: ``parse`` refused every workbook, ``read`` stopped at the first
    label where the template has a value (Calc's import of a page whose spans were
    dropped). Now ``parse`` reads both; ``read`` says that ``parse`` does."""
    r = run_cli("parse", str(made[("2019-pingtan", "unmerged")]), "--json")
    assert r.returncode in (0, 1), r.stderr.decode()
    path = calc[("random1-2021", "lo-html-cms")]
    r = run_cli("parse", str(path), "--json")
    assert r.returncode in (0, 1), r.stderr.decode()
    r = run_cli("read", str(path), "--json")
    err = r.stderr.decode()
    assert r.returncode == 2 and said("workbook-not-template").search(err), err
    assert "zfxxgk parse" in err and str(path) in err


def test_parse_takes_a_workbooks_bytes(made: dict[tuple[str, str], Path]) -> None:
    path = made[("2023-shuyang-drc", "sheet-per-table")]
    want = parse(path).report.to_dict()
    assert parse("sent.xlsx", data=path.read_bytes()).report.to_dict() == want


def test_a_folder_given_to_parse_holds_its_workbooks(
    made: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(made[("2019-pingtan", "merged")], folder / "a.xlsx")
    shutil.copy(made[("2019-pingtan", "csv")], folder / "b.csv")
    r = run_cli("parse", str(folder), "--jsonl")
    assert r.returncode in (0, 1), r.stderr.decode()
    assert len(r.stdout.decode().strip().splitlines()) == 2


def test_a_filled_template_parses_to_what_read_reads(tmp_path: Path) -> None:
    """``parse`` reads our own template's workbook through the sheets' grids too: the
    same value in every cell as the template's reader (its live totals as they show)."""
    from zfxxgk import fill, read

    for name in ("2023-shuyang-drc", "random0-2019", "random1-2021"):
        path = tmp_path / f"{name}.xlsx"
        fill(REPORTS[name], path)
        want, got = read(path), parse(path).report
        assert [got.get(p) for p in cells_of(want)] == [want.get(p) for p in cells_of(want)]


def test_merges_cannot_make_a_small_workbook_huge(
    made: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    """Thousands of merged ranges over the whole used area: refused by the grid's bound,
    quickly, naming it (never minutes of laying out covered cells)."""
    import time
    import zipfile

    from zfxxgk.errors import ZfxxgkError
    from zfxxgk.published.source import BoundError

    def with_merges(ref: str, count: int) -> Path:
        src = made[("2019-pingtan", "merged")]
        path = tmp_path / f"merges{count}.xlsx"
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    many = f'<mergeCell ref="{ref}"/>' * count
                    text = data.decode()
                    start, end = text.index("<mergeCells"), text.index("</mergeCells>")
                    text = text[:start] + f'<mergeCells count="{count}">{many}' + text[end:]
                    data = text.encode()
                zout.writestr(item, data)
        return path

    begun = time.process_time()
    with pytest.raises(BoundError) as caught:
        parse(with_merges("A1:Z60", 5000))
    assert caught.value.bound == "grid cells"
    with pytest.raises(ZfxxgkError) as too_many:
        parse(with_merges("B2:C2", 20_000))
    assert too_many.value.code == "sheet-too-many-merges"
    assert time.process_time() - begun < 5


def test_the_layout_shortcut_reads_what_the_whole_part_gives(
    made: dict[tuple[str, str], Path],
    calc: dict[tuple[str, str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where a sheet's rows hide nothing and no cell's format matters, only its columns,
    merges and default row height are parsed: the same views as parsing the whole part,
    on every workbook made here (and a zero-height default hides the rows not listed)."""
    from zfxxgk.xlsx import sheetview

    def seen(view: sheetview.SheetView) -> tuple[object, ...]:
        shown = view.shown_rows if view.rows_hidden_by_default else None
        layout = (view.merges, view.formats, view.rows_hidden_by_default)
        return (view.sheet, view.visible, view.hidden_rows, view.hidden_cols, shown, *layout)

    files = [p for p in [*made.values(), *calc.values()] if p.suffix == ".xlsx"]
    zero = made[("2019-pingtan", "merged")].with_name("zero.xlsx")
    wb = openpyxl.load_workbook(made[("2019-pingtan", "merged")])
    ws = wb.active
    assert ws is not None
    ws.sheet_format.zeroHeight = True
    for r in range(1, 30):
        ws.row_dimensions[r].height = 15  # listed: shown; the rows below: hidden
    wb.save(zero)
    fast = {p: [seen(v) for v in sheet_views(p)] for p in [*files, zero]}
    assert max(r for r, _ in sheet_views(zero)[0].sheet.cells) > 40
    assert all(r < 29 for r, _ in workbook_grid(zero))
    monkeypatch.setattr(sheetview, "_layout_part", lambda data, formatted: data)
    for p in [*files, zero]:
        assert [seen(v) for v in sheet_views(p)] == fast[p], p


def workbook_grid(path: Path) -> list[tuple[int, int]]:
    """The (row, column) of every shown cell with text (rows zero-based)."""
    source = workbook_source(path, path.read_bytes(), str(path))
    return [(row.line - 1, c) for row in source.rows for c, t in enumerate(row.cells) if t]


def test_a_typo_in_our_template_is_that_cells_error_not_another_layout(tmp_path: Path) -> None:
    """``read`` names ``parse`` only for a workbook laid out otherwise than our template:
    a filled template with text in a count's cell keeps the cell's own error."""
    from zfxxgk import fill

    path = tmp_path / "filled.xlsx"
    fill(REPORTS["random1-2021"], path)
    wb = openpyxl.load_workbook(path)
    ws = next(w for w in wb.worksheets if w.sheet_state == "visible" and w.title != "封面")
    cell = next(c for row in ws.iter_rows() for c in row if type(c.value) is int and c.value > 0)
    cell.value = "约十件"
    wb.save(path)
    r = run_cli("read", str(path), "--json")
    err = r.stderr.decode()
    assert r.returncode == 2 and said("cell-not-number").search(err), err
    assert not said("workbook-not-template").search(err), err


def test_commands_of_any_report_parse_a_pasted_workbook(
    calc: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    """``render``, ``compare`` and ``panel`` take any report: a workbook ``read`` finds
    laid out otherwise than our template is parsed there (not refused)."""
    path = calc[("random1-2021", "lo-html-cms")]
    out = tmp_path / "r.md"
    r = run_cli("render", str(path), "-o", str(out))
    assert r.returncode in (0, 1), r.stderr.decode()
    assert out.exists()
