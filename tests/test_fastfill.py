"""The fast fill keeps what openpyxl would drop, and its output reads everywhere."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from conftest import cell, libreoffice_csv, sample_path
from zfxxgk import AnnualReport, check, fill, read
from zfxxgk.checkarea import BAD, OK, check_area_top, check_rows
from zfxxgk.editions import get_edition
from zfxxgk.grid import all_fields
from zfxxgk.template import _Builder

X14 = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" '
    'count="1"><x14:dataValidation type="list" allowBlank="1" showInputMessage="1" '
    'showErrorMessage="1"><x14:formula1><xm:f>\'封面\'!$A$3:$A$4</xm:f></x14:formula1>'
    "<xm:sqref>L5</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
)


def rich_template(path: Path) -> Path:
    """Our 2021 template with a text box and an x14 data validation added."""
    e = get_edition("2021")
    wb = xlsxwriter.Workbook(str(path), {"default_format_properties": {"font_name": "宋体"}})
    b = _Builder(wb, e)
    b.cover_sheet()
    for i in range(len(e.tables)):
        b.table_sheet(i)
    b.data_sheet()
    wb.worksheets()[2].insert_textbox("L8", "填报说明：请按年报口径填写。", {"width": 240})
    wb.close()
    parts = {n: zipfile.ZipFile(path).read(n) for n in zipfile.ZipFile(path).namelist()}
    sheet = parts["xl/worksheets/sheet3.xml"].decode()
    sheet = sheet.replace("</worksheet>", X14 + "</worksheet>")
    parts["xl/worksheets/sheet3.xml"] = sheet.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    path.write_bytes(buf.getvalue())
    return path


def sample() -> AnnualReport:
    return AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())


class TestLossless:
    def test_text_box_and_x14_validation_survive(self, tmp_path: Path) -> None:
        """Every part but the edited ones is byte for byte the template's."""
        tpl = rich_template(tmp_path / "rich.xlsx")
        out = fill(sample(), tmp_path / "out.xlsx", template=tpl, engine="fast")
        src, dst = zipfile.ZipFile(tpl), zipfile.ZipFile(out)
        edited = {"xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                  "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml",
                  "xl/worksheets/sheet5.xml"}
        assert set(src.namelist()) == set(dst.namelist())
        for name in src.namelist():
            if name not in edited:
                assert src.read(name) == dst.read(name), name
        assert any(n.startswith("xl/drawings/") for n in dst.namelist())
        assert X14 in dst.read("xl/worksheets/sheet3.xml").decode()
        assert b"<f>SUM(D5:I5)</f>" not in dst.read("xl/worksheets/sheet3.xml")  # a value now
        assert read(out) == sample()

    def test_openpyxl_engine_drops_them(self, tmp_path: Path) -> None:
        """For contrast: the openpyxl path loses the x14 validation (why fast is default)."""
        tpl = rich_template(tmp_path / "rich.xlsx")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = fill(sample(), tmp_path / "out.xlsx", template=tpl, engine="openpyxl")
        assert X14 not in zipfile.ZipFile(out).read("xl/worksheets/sheet3.xml").decode()

    def test_output_loads_in_openpyxl_without_warnings(self, tmp_path: Path) -> None:
        """openpyxl opens the fast output silently and sees the values."""
        out = fill(sample(), tmp_path / "out.xlsx")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            wb = openpyxl.load_workbook(out)
        assert wb["三、依申请"]["D5"].value == 95
        assert wb["封面"]["B3"].value == "淮安市洪泽区人民政府"

    def test_libreoffice_shows_numbers_and_check_states(self, tmp_path: Path) -> None:
        """LibreOffice converts the fast output: every value, and ✓/✗ as check() says."""
        report = sample().with_zeros()
        report.applications.disclosed.natural_person += 1
        report.applications.disclosed.total += 1
        tpl = rich_template(tmp_path / "rich.xlsx")
        out = fill(report, tmp_path / "out.xlsx", template=tpl, engine="fast")
        sheets = libreoffice_csv(out, tmp_path)
        for path, (sheet, span) in all_fields(report.layout).items():
            value = report.get(path)
            shown = cell(sheets[sheet], span.ref())
            assert shown == ("" if value is None else str(value)), path
        failing = {f.rule for f in check(report).issues if f.severity == "error"}
        assert failing == {"R3-RESULT-TOTAL"}
        for table in report.layout.tables:
            for row in check_rows(report.layout, table, check_area_top(table)):
                want = BAD if row.rule.id in failing else OK
                assert cell(sheets[table.sheet], row.result.ref()) == want, row.rule.id

    def test_fast_engine_refuses_what_it_cannot_do(self, tmp_path: Path) -> None:
        """A template without our hidden sheet: auto falls back, fast says why."""
        theirs = Path(__file__).parent / "data" / "corpus" / "hubei-pingtan.xlsx"
        report = AnnualReport.from_json(sample_path("2019-pingtan").read_bytes())
        assert read(fill(report, tmp_path / "a.xlsx", template=theirs)) == report
        with pytest.raises(Exception, match="openpyxl"):
            fill(report, tmp_path / "b.xlsx", template=theirs, engine="fast")
