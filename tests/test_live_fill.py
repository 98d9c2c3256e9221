"""A filled workbook stays live (issue 19, item 1): totals keep their formulas with
their results stored, so a clerk who fills part in Python and finishes in a spreadsheet
sees totals and the check area follow."""

from __future__ import annotations

import subprocess
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from conftest import soffice
from zfxxgk import AnnualReport, check, fill, read
from zfxxgk.workbook.fill import as_filled

APPS = "三、依申请"


def part_filled() -> AnnualReport:
    """What a clerk types first: a few counts of 三, no totals."""
    r = AnnualReport(edition="2021", agency="某局", year=2024)
    a = r.applications
    a.new_received.natural_person = 5
    a.new_received.commercial_enterprise = 2
    a.carried_over.natural_person = 0
    a.disclosed.natural_person = 3
    a.partially_disclosed.natural_person = 2
    a.carried_forward.natural_person = 0
    return r


def recalculated(path: Path, outdir: Path) -> Path:
    """The workbook opened, recalculated and saved by LibreOffice (a private profile)."""
    subprocess.run(
        [
            soffice(),
            "--headless",
            f"-env:UserInstallation=file://{outdir / 'profile'}",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(outdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return outdir / path.name


def values(path: Path, sheet: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def at(rows: list[list[object]], ref: str) -> object:
    col = ord(ref[0]) - ord("A")
    row = int(ref[1:]) - 1
    return rows[row][col] if row < len(rows) and col < len(rows[row]) else ""


@pytest.mark.parametrize("engine", ["fast", "openpyxl"])
def test_totals_keep_formulas_and_store_results(engine: str, tmp_path: Path) -> None:
    """J5 and D28 hold their formulas; a data-only reader sees their sums."""
    out = fill(part_filled(), tmp_path / "r.xlsx", engine=engine)
    ws = openpyxl.load_workbook(out)[APPS]
    assert str(ws["J5"].value).startswith("=IF(COUNT(D5:I5)")
    assert str(ws["D28"].value).startswith("=IF(COUNT(D7:D27")
    rows = values(out, APPS)
    assert at(rows, "J5") == 7 and at(rows, "D28") == 5 and at(rows, "J28") == 5
    assert at(rows, "J6") == 0 and at(rows, "J9") == ""  # no stated part: blank


@pytest.mark.parametrize("engine", ["fast", "openpyxl"])
def test_finished_in_a_spreadsheet_totals_and_marks_follow(engine: str, tmp_path: Path) -> None:
    """Fill part, change an input as a clerk would, recalculate in LibreOffice: the
    totals and the check area follow the new number, and agree with check()."""
    out = fill(part_filled(), tmp_path / "r.xlsx", engine=engine)
    wb = openpyxl.load_workbook(out)
    ws = wb[APPS]
    ws["D7"] = 4  # 予以公开 3 → 4: now 一 + 二 (5) ≠ （七） (6) + 四 (0)
    ws["E7"] = 2
    wb.save(out)
    back = recalculated(out, tmp_path / "lo")
    rows = values(back, APPS)
    assert at(rows, "D28") == 6 and at(rows, "J7") == 6 and at(rows, "J28") == 8
    report = read(back)
    assert report.applications.results_total.natural_person == 6
    failed = {f.rule for f in check(report).issues if f.status == "failed"}
    assert "R3-COL-BALANCE" in failed
    ref = _mark_cell(report, "R3-COL-BALANCE")
    assert at(rows, ref) == "✗"
    assert at(rows, _mark_cell(report, "R3-ROW-TOTAL")) == "✓"


def _mark_cell(report: AnnualReport, rule: str) -> str:
    from zfxxgk.workbook.checkarea import check_area_top, check_rows

    table = report.layout.table("applications")
    (row,) = [
        r for r in check_rows(report.layout, table, check_area_top(table)) if r.rule.id == rule
    ]
    return row.result.ref()


def test_stated_total_that_differs_is_kept_and_marked(tmp_path: Path) -> None:
    """A stated total that is not the sum of its parts: written as stated (the record),
    the check area says ✗; a read gives the stated number back."""
    r = part_filled()
    r.applications.new_received.total = 9  # the parts make 7
    out = fill(r, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(out)[APPS]
    assert ws["J5"].value == 9
    assert at(values(out, APPS), _mark_cell(r, "R3-ROW-TOTAL")) == "✗"
    back = read(out)
    assert back.applications.new_received.total == 9
    assert back == as_filled(r) and back.provenance is not None and not back.provenance.notes
