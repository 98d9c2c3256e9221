"""Workbooks whose formulas' stored results or number formats are not what a spreadsheet
shows (:mod:`producers_attack14`): every cell right or blank with a warning naming its
row, never another number; where the workbook asks for a recalculation on opening and
the reader can compute the formulas, every cell right."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from producers import random_report, samples_and_random, score
from producers_attack14 import READ_RIGHT, TRUTHS, WORKBOOKS
from zfxxgk import AnnualReport, parse
from zfxxgk.core.layout import Kind
from zfxxgk.xlsx.display import shown
from zfxxgk.xlsx.formula import Sheet, Unsupported

REPORTS = samples_and_random(14, 2)
#: the formulas are computed (the workbook asks for it): every cell shown is read
COMPUTED = ("xw-formulas", "xw-stale", "xw-linked", "openpyxl-linked")
#: a stored result that is no number of the formula's, or a formula not computed here
UNPROVED = {"xw-stale-kept": "workbook-formula-stale", "openpyxl-round": "workbook-formula-unknown"}


def _truth(name: str, report: AnnualReport) -> AnnualReport:
    shows = TRUTHS.get(name)
    return shows(report) if shows is not None else report


@pytest.mark.parametrize("name", sorted({**WORKBOOKS, **READ_RIGHT}))
def test_every_cell_right_or_blank_with_a_warning(name: str, tmp_path: Path) -> None:
    producer = {**WORKBOOKS, **READ_RIGHT}[name]
    for stem, report in REPORTS.items():
        folder = tmp_path / stem
        folder.mkdir()
        result = parse(producer(report, folder))
        s = score(_truth(name, report), result)
        assert s.wrong == 0, (stem, s.wrong_cells[:5])
        if name in COMPUTED or name.endswith(("-scaled", "-unit", "-rows", "-cols", "-red")):
            assert s.blank == 0, stem
        if name in UNPROVED and s.blank:
            assert UNPROVED[name] in {w.code for w in result.warnings}, stem


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 10**6),
    edition=st.sampled_from(("2019", "2021")),
    name=st.sampled_from(sorted(WORKBOOKS)),
)
def test_random_reports(seed: int, edition: str, name: str, tmp_path: Path) -> None:
    report = random_report(random.Random(seed), edition)
    folder = tmp_path / f"{name}-{seed}-{edition}"
    folder.mkdir()
    s = score(_truth(name, report), parse(WORKBOOKS[name](report, folder)))
    assert s.wrong == 0, s.wrong_cells[:5]


def test_a_stale_result_is_said_not_read(tmp_path: Path) -> None:
    """Totals stored 7 more than their formulas give, no recalculation asked: blank, the
    cell named as stale; with the ask (XlsxWriter's), the sums are read."""
    report = REPORTS["2023-shuyang-drc"]
    kept = parse(WORKBOOKS["xw-stale-kept"](report, tmp_path))
    codes = [w.code for w in kept.warnings]
    assert "workbook-formula-stale" in codes
    reasons = {w.params["reason"].key for w in kept.warnings if w.code == "cell-left-blank"}
    assert reasons == {"cell-formula-stale"}
    assert kept.report.get(("applications", "new_received", "total")) is None
    asked = parse(WORKBOOKS["xw-stale"](report, tmp_path))
    want = _truth("xw-stale", report).get(("applications", "new_received", "total"))
    assert asked.report.get(("applications", "new_received", "total")) == want
    assert "workbook-formula-recomputed" in {n.code for n in asked.notes}


@pytest.mark.parametrize("name", ["wb-amounts-whole", "wb-amounts-grouped"])
def test_an_amount_shown_rounded_is_said(name: str, tmp_path: Path) -> None:
    """1234.5 (万元) under ``0`` shows 1235: neither number is read, the row is named."""
    for stem in ("2019-pingtan", "2023-shuyang-drc"):
        report = AnnualReport.from_json(REPORTS[stem].to_json())
        money = [
            f.path
            for f in report.layout.fields()
            if f.path[0] == "proactive" and f.kind is Kind.MONEY
        ]
        assert money, stem
        for path in money:
            report.set(path, Decimal("1234.5"))
            unit = report.layout.field_map[path].unit_field
            if unit is not None:  # (a unit written in the cell keeps it text)
                report.set(unit, None)
        folder = tmp_path / stem
        folder.mkdir()
        result = parse(WORKBOOKS[name](report, folder))
        s = score(report, result)
        assert s.wrong == 0 and s.blank == len(money), (stem, s)
        reasons = {w.params["reason"].key for w in result.warnings if w.code == "cell-left-blank"}
        assert reasons == {"cell-format-rounded"}


@pytest.mark.parametrize(
    "code", ["#,##0,", '0.0,,"M"', '#,##0,"千"', "0,", '0.00,,"百万"', '#,##0,;-#,##0,;"-"']
)
def test_a_format_scaled_by_thousands_is_not_rendered(code: str) -> None:
    """What it shows is a rounded part of the number (1234 as 1): the caller reads the
    number the cell holds."""
    assert shown(1234, code) is None
    assert shown(1234567, code) is None


def test_formulas_read_cells_of_other_sheets() -> None:
    data = Sheet({(1, 1): 5})
    book: dict[str, Sheet] = {}
    sheet = Sheet(
        {(0, 0): 2},
        {
            (0, 1): "数据!B2+A1*3",
            (0, 2): "'My data'!$B$2",
            (0, 3): "SUM(A1,数据!B2)",
            (0, 4): "其他!B2",
        },
        book=book,
    )
    book.update({"数据": data, "my data": data})
    assert [sheet.get(0, c) for c in (1, 2, 3)] == [11, 5, 7]
    with pytest.raises(Unsupported):
        sheet.get(0, 4)
    with pytest.raises(Unsupported):  # no book given: another sheet is not read
        Sheet({}, {(0, 0): "数据!B2"}).get(0, 0)


def test_the_mark_is_never_a_number() -> None:
    from zfxxgk.core.cellvalue import STALE, unmarked
    from zfxxgk.core.discover import looks_like_value

    assert unmarked("12" + STALE) == "12"
    assert looks_like_value("12" + STALE) and looks_like_value(STALE)


def test_a_shared_formulas_cells_keep_their_stored_results(tmp_path: Path) -> None:
    """Excel writes a formula filled down once (``t="shared"``), its other cells with no
    formula text: their stored results are read (not judged), and a formula over them
    is checked against them."""
    import re
    import zipfile

    import openpyxl

    from zfxxgk.published.sheets import _source
    from zfxxgk.xlsx.sheetview import sheet_views

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in range(1, 4):
        ws.cell(r, 1, r)
        ws.cell(r, 2, 10 * r)
        ws.cell(r, 3, f"=A{r}+B{r}")
    ws.cell(5, 3, "=SUM(C1:C3)")
    path = tmp_path / "shared.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]

    def shared(m: re.Match[str]) -> str:
        r = int(m.group(1))
        f = '<f t="shared" ref="C1:C3" si="0">A1+B1</f>' if r == 1 else '<f t="shared" si="0"/>'
        return f'<c r="C{r}">{f}<v>{11 * r}</v></c>'

    with zipfile.ZipFile(path, "w") as z:
        for info, data in items:
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = re.sub(
                    r'<c r="C([123])"><f>[^<]*</f><v\s*/?>(?:</v>)?</c>', shared, data.decode()
                )
                xml = re.sub(
                    r'(<c r="C5"><f>SUM\(C1:C3\)</f>)<v\s*/?>(?:</v>)?', r"\1<v>66</v>", xml
                )
                data = xml.encode()
            z.writestr(info, data)
    source = _source(sheet_views(path), "xlsx")
    assert [r.cells[2] for r in source.rows] == ["11", "22", "33", "66"]
    assert not source.notes


@pytest.mark.parametrize(
    "name", ["wb-negatives-red", "wb-negatives-red-zh", "wb-negatives-unsigned"]
)
def test_a_negative_shown_without_its_sign_reads_negative(name: str, tmp_path: Path) -> None:
    """A 2019 report's changes (增/减) of -7 under ``0;[Red]0`` show a red 7: read -7,
    never 7."""
    report = AnnualReport.from_json(REPORTS["2019-pingtan"].to_json())
    signed = [f.path for f in report.layout.fields() if f.kind is Kind.SIGNED]
    assert signed
    for i, path in enumerate(signed):
        report.set(path, -7 - i)
    result = parse(WORKBOOKS[name](report, tmp_path))
    s = score(report, result)
    assert s.wrong == 0 and s.blank == 0, s.wrong_cells[:5]
    assert [result.report.get(p) for p in signed] == [-7 - i for i in range(len(signed))]


@pytest.mark.parametrize(
    ("value", "code", "rounded"),
    [
        (1234.5, "#,##0", True),
        (12.4, "0", True),
        (0.1 + 0.2, "0.0", False),  # float noise
        (1.2345678901234568e16, "0", False),  # all a double's digits shown
        (12, "0.00", False),
        (-5, "#,##0;(#,##0)", False),
        (0.5, "0.00%", False),  # a percentage is not judged
    ],
)
def test_a_format_rounding_the_number_is_told(value: float, code: str, rounded: bool) -> None:
    from zfxxgk.core.cellvalue import ROUNDED
    from zfxxgk.published.sheets import _text

    assert (ROUNDED in _text(value, code)) is rounded


@pytest.mark.parametrize(
    "name",
    [
        "wb-thousands-scaled",
        "wb-millions-scaled",
        "wb-thousands-unit",
        "wb-negatives-red",
        "wb-negatives-red-zh",
        "wb-negatives-unsigned",
    ],
)
def test_a_number_shown_otherwise_is_said(name: str, tmp_path: Path) -> None:
    """A cell whose format shows another number than it holds (scaled by thousands; a
    negative shown by its colour alone) is read as the number it holds, and a note says
    so, naming the cell, the number and what the sheet shows: what the tool says and
    what the person sees differ only where the output says so."""
    report = random_report(random.Random(3), "2019")
    result = parse(WORKBOOKS[name](report, tmp_path))
    (said,) = [n for n in result.notes if n.code == "workbook-shown-otherwise"]
    cells = list(said.params["cells"].items)
    assert said.params["count"] >= len(cells) > 0
    sheet_cell, held, shown = cells[0].split(" ", 2)
    assert "!" in sheet_cell and held.lstrip("-").isdigit() and shown.startswith("(")
    assert int(held) != 0


@pytest.mark.parametrize("name", ["wb-amounts-whole", "xw-formulas", "wb-sliver-rows"])
def test_numbers_shown_as_held_are_not_said(name: str, tmp_path: Path) -> None:
    report = random_report(random.Random(3), "2019")
    result = parse(WORKBOOKS[name](report, tmp_path))
    assert not [n for n in result.notes if n.code == "workbook-shown-otherwise"]


@pytest.mark.parametrize(
    ("code", "scaled"),
    [
        ("#,##0", False),
        ("#,##0,", True),
        ('0.0,,"M"', True),
        ('#,##0,"千"', True),
        ('"共,"0"件"', False),
        ("#,##0_);[Red](#,##0)", False),
        ("0,", True),
        ("#,##0,;-#,##0,", True),
        ("0.00", False),
    ],
)
def test_formats_that_scale_by_thousands(code: str, scaled: bool) -> None:
    from zfxxgk.published.sheets import _scaled

    assert _scaled(code) is scaled


def test_a_merged_cell_shown_otherwise_is_said_once(tmp_path: Path) -> None:
    """A merged cell whose number its format shows otherwise is one cell to the note:
    named once, counted once (it was named by the sheet's pass over its cells and again
    by the pass over its merged ranges: count 2 for one cell)."""
    import openpyxl

    report = random_report(random.Random(3), "2019")
    path = WORKBOOKS["wb-negatives-red"](report, tmp_path)
    book = openpyxl.load_workbook(path)
    merged = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                right = sheet.cell(cell.row, cell.column + 1)
                if isinstance(cell.value, int | float) and cell.value < 0 and right.value is None:
                    sheet.merge_cells(
                        start_row=cell.row,
                        start_column=cell.column,
                        end_row=cell.row,
                        end_column=cell.column + 1,
                    )
                    merged += 1
                    break
            if merged:
                break
    assert merged
    out = tmp_path / "merged.xlsx"
    book.save(out)
    (said,) = [n for n in parse(out).notes if n.code == "workbook-shown-otherwise"]
    cells = list(said.params["cells"].items)
    assert len(set(cells)) == len(cells)
    assert said.params["count"] == len(cells)  # (fewer than 10: all named)
