"""A real spreadsheet program opens what zfxxgk writes and shows the same numbers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import cell, libreoffice_csv, sample_path
from zfxxgk import AnnualReport, fill, read, template_path
from zfxxgk.core.grid import all_fields, place_cover
from zfxxgk.workbook.fill import as_filled


@pytest.mark.parametrize("name", ["2019-pingtan", "2024-hongze-district"])
def test_filled_workbook_shows_every_number(name: str, tmp_path: Path) -> None:
    """LibreOffice converts each sheet of a filled workbook; every value is in its cell."""
    report = AnnualReport.from_json(sample_path(name).read_bytes())
    report.applications.withheld_state_secret.research_institution = 2**53 - 1
    report.applications.withheld_state_secret.total = None
    xlsx = fill(report, tmp_path / f"{name}.xlsx")
    report = as_filled(report)  # the blank total shows its parts' sum, as its formula gives
    sheets = libreoffice_csv(xlsx, tmp_path)
    assert {"封面", "二、主动公开", "三、依申请", "四、复议诉讼"} <= set(sheets)
    for path, (sheet, span) in all_fields(report.layout).items():
        value = report.get(path)
        shown = cell(sheets[sheet], span.ref())
        if value is None:
            assert shown == "", path
        elif isinstance(value, str):
            assert shown == value, path
        else:
            assert Decimal(shown) == value, (path, shown)
    cover = place_cover(report.layout)
    assert cell(sheets["封面"], cover.fields[("cover", "agency", "")].ref()) == report.agency


def test_blank_template_formulas_compute(tmp_path: Path) -> None:
    """In the blank template LibreOffice shows the labels and blank totals (not a report of
    zeros); a total computes as soon as one of its parts is entered."""
    sheets = libreoffice_csv(template_path("2021"), tmp_path)
    t3 = sheets["三、依申请"]
    assert cell(t3, "A5") == "一、本年新收政府信息公开申请数量"
    assert cell(t3, "J5") == "" and cell(t3, "D28") == ""
    assert cell(t3, "D5") == ""
    assert cell(sheets["四、复议诉讼"], "O5") == ""
    part = tmp_path / "one.xlsx"
    wb = openpyxl.load_workbook(template_path("2021"))
    wb["三、依申请"]["D5"] = 0
    wb["三、依申请"]["D7"] = 3
    wb.save(part)
    t3 = libreoffice_csv(part, tmp_path / "one")["三、依申请"]
    assert cell(t3, "J5") == "0" and cell(t3, "D28") == "3" and cell(t3, "J28") == "3"


def test_a_format_conversion_is_no_edit(tmp_path: Path) -> None:
    """A filled workbook saved by LibreOffice as .xlsx, .ods and .xls reads back to the
    same report without the 'edited after filling' note (.ods and .xls give 2024.0 where
    the fill wrote 2024)."""
    import subprocess

    from conftest import soffice

    report = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    xlsx = fill(report, tmp_path / "hz.xlsx")
    out = tmp_path / "out"
    for fmt in ("xlsx", "ods", "xls"):
        subprocess.run(
            [
                soffice(),
                "--headless",
                f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                "--convert-to",
                fmt,
                "--outdir",
                str(out),
                str(xlsx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        back = read(out / f"hz.{fmt}")
        assert back == as_filled(report), fmt
        assert back.to_json() == as_filled(report).to_json(), (
            fmt
        )  # 7545, not 7545.0, from .ods/.xls
        assert back.provenance is not None
        edited = [n for n in back.provenance.notes if n.code == "visible-edited"]
        assert not edited, (fmt, back.provenance.notes)
