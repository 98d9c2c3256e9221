"""An office's 汇总 and printouts (issue 11, points 7 and 10): the summed workbook lists
its sources on a visible, printable 汇总说明 sheet; reports with errors are named (and
refused with --strict); reports of another edition or year are left out with --skip; every
table sheet prints on one A4 page, without the check area."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import sha256, soffice
from strategies import consistent_reports
from zfxxgk import AnnualReport, aggregate, fill, read
from zfxxgk.cli import main

EXPLANATION = "汇总说明"
TABLE_SHEETS = ("二、主动公开", "三、依申请", "四、复议诉讼")


def dept(agency: str, year: int = 2024, *, wrong: bool = False) -> AnnualReport:
    r = AnnualReport(edition="2021", agency=agency, year=year)
    r.applications.new_received.natural_person = 12
    r.applications.new_received.commercial_enterprise = 3
    r.applications.disclosed.natural_person = 10
    r.applications.disclosed.commercial_enterprise = 3
    r.applications.carried_forward.natural_person = 2
    r.applications.carried_forward.commercial_enterprise = 0
    r = r.with_totals()
    if wrong:
        r.applications.new_received.total = 99
    return r


def old_edition(agency: str = "用旧版式的局") -> AnnualReport:
    r = AnnualReport(edition="2019", agency=agency, year=2019)
    r.applications.new_received.natural_person = 5
    return r.with_totals()


def sheet_rows(path: Path, sheet: str) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    return wb.get_sheet_by_name(sheet).to_python()  # type: ignore[no-any-return]


def visible_sheets(path: Path) -> list[str]:
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    wb = CalamineWorkbook.from_path(str(path))
    return [s.name for s in wb.sheets_metadata if s.visible == SheetVisibleEnum.Visible]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three departments, one of them with a wrong total."""
    d = tmp_path / "depts"
    d.mkdir()
    fill(dept("甲局"), d / "a.xlsx")
    fill(dept("乙局", wrong=True), d / "b.xlsx")
    fill(dept("丙局"), d / "c.xlsx")
    return d


class TestExplanationSheet:
    def test_sources_listed_on_a_visible_sheet(
        self, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The 汇总 workbook listed its sources only in a hidden sheet."""
        out = tmp_path / "sum.xlsx"
        assert main(["aggregate", str(folder), "-o", str(out), "--agency", "某县"]) == 0
        capsys.readouterr()
        sheets = visible_sheets(out)
        assert EXPLANATION in sheets
        assert sheets.index(EXPLANATION) > max(sheets.index(s) for s in TABLE_SHEETS)
        rows = sheet_rows(out, EXPLANATION)
        header = rows[2]
        assert header[:10] == [
            *("序号", "单位", "年度", "版式", "文件"),
            *("sha256", "校验结果", "错误数", "警告数", "说明"),
        ]
        listed = {str(r[4]): r for r in rows[3:6]}
        for name, agency in (("a", "甲局"), ("b", "乙局"), ("c", "丙局")):
            path = folder / f"{name}.xlsx"
            row = listed[str(path)]
            assert row[1] == agency and int(row[2]) == 2024 and row[5] == sha256(path)  # type: ignore[call-overload]
        assert listed[str(folder / "b.xlsx")][6] == "有错误"
        assert int(listed[str(folder / "b.xlsx")][7]) >= 1  # type: ignore[call-overload]
        assert listed[str(folder / "a.xlsx")][6] == "通过"
        from openpyxl import load_workbook

        ws = load_workbook(out)[EXPLANATION]
        assert ws["A3"].value == "序号" and ws["J3"].value == "说明"
        assert ws.print_title_rows == "$1:$3" and ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize in (9, "9") and ws.sheet_properties.pageSetUpPr.fitToPage
        assert str(ws.print_area).endswith(f"$A$1:$J${len(rows)}")

    def test_sum_read_back_exactly(self, folder: Path, tmp_path: Path) -> None:
        """`zfxxgk read` of the workbook (with its extra sheet) gives the sum exactly."""
        out = tmp_path / "sum.xlsx"
        js = tmp_path / "sum.json"
        assert main(["aggregate", str(folder), "-o", str(out)]) == 0
        assert main(["aggregate", str(folder), "-o", str(js)]) == 0
        total = AnnualReport.from_json(js.read_bytes())
        again = read(out)
        assert again == total
        assert again.applications.new_received.natural_person == 36
        assert not again.provenance or not again.provenance.notes

    def test_hidden_data_and_other_parts_kept(self, folder: Path, tmp_path: Path) -> None:
        """Adding the sheet copies every other part of the filled workbook unchanged."""
        import zipfile

        out = tmp_path / "sum.xlsx"
        assert main(["aggregate", str(folder), "-o", str(out)]) == 0
        total = aggregate([read(p) for p in sorted(folder.iterdir())])
        plain = fill(total, tmp_path / "plain.xlsx")
        with zipfile.ZipFile(out) as a, zipfile.ZipFile(plain) as b:
            changed = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
            changed.add("xl/styles.xml")  # formats appended, none moved:
            xfs = [
                re.findall(
                    r"<xf\b.*?(?:/>|</xf>)", z.read("xl/styles.xml").decode().split("<cellXfs")[1]
                )
                for z in (a, b)
            ]
            assert xfs[0][: len(xfs[1])] == xfs[1] and len(xfs[0]) == len(xfs[1]) + 3
            for name in b.namelist():
                if name in changed or name.startswith("xl/worksheets/sheet5"):
                    continue
                if name.startswith("docProps/core"):
                    continue
                assert a.read(name) == b.read(name), name
            assert len(a.namelist()) == len(b.namelist()) + 1

    def test_labels_on_the_sheet_do_not_mislead_the_reader(self, tmp_path: Path) -> None:
        """Discover ignores 汇总说明 even when its agencies are named like table labels,
        on the fast path and on the path that locates tables by their labels."""
        from zfxxgk.app.office import Input, write_workbook
        from zfxxgk.core.grid import place_table
        from zfxxgk.workbook.read import load_sheets, report_from_sheets

        total = aggregate([dept("甲局"), dept("乙局")], agency="某县")
        edition = total.layout
        labels = [lb.text for t in edition.tables for lb in place_table(t).labels]
        inputs = [
            Input(f"{i}.xlsx", agency=text, year=2024, edition="2021", sha256="0" * 64)
            for i, text in enumerate(labels)
        ]
        out = write_workbook(total, inputs, tmp_path / "sum.xlsx")
        assert read(out) == total
        sheets = load_sheets(out)
        assert "汇总说明" not in sheets
        assert report_from_sheets(sheets, str(out), fast=False) == total

    def test_libreoffice_copy_reads_back(self, folder: Path, tmp_path: Path) -> None:
        """Re-saved as .ods by LibreOffice (the sheet is then read by calamine), the sum
        still reads back exactly."""
        out = tmp_path / "sum.xlsx"
        js = tmp_path / "sum.json"
        assert main(["aggregate", str(folder), "-o", str(out)]) == 0
        assert main(["aggregate", str(folder), "-o", str(js)]) == 0
        subprocess.run(
            [soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path / 'p'}",
             "--convert-to", "ods", "--outdir", str(tmp_path / "ods"), str(out)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        ods = tmp_path / "ods" / "sum.ods"
        assert EXPLANATION in visible_sheets(ods)
        assert read(ods) == AnnualReport.from_json(js.read_bytes())

    @settings(
        max_examples=6,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.lists(consistent_reports(edition="2021"), min_size=1, max_size=3))
    def test_property_sum_survives_the_extra_sheet(
        self, tmp_path: Path, reports: list[AnnualReport]
    ) -> None:
        """For random reports, the workbook's sum reads back as the JSON sum."""
        d = tmp_path / f"in{abs(hash(tuple(r.to_json() for r in reports)))}"
        d.mkdir()
        for i, r in enumerate(reports):
            r.year = 2024
            fill(r, d / f"r{i}.xlsx")
        out, js = d / "sum.xlsx", d / "sum.json"
        status = main(["aggregate", str(d), "-o", str(js), "--agency", "市"])
        assert main(["aggregate", str(d), "-o", str(out), "--agency", "市"]) == status
        if status == 2:  # a sum beyond what a spreadsheet stores exactly: refused alike
            assert not out.exists() and not js.exists()
            return
        assert status == 0
        total = AnnualReport.from_json(js.read_bytes())
        assert read(out) == total
        assert len([r for r in sheet_rows(out, EXPLANATION)[3:] if r and r[0] != ""]) == len(
            reports
        )


class TestErrorsNamed:
    def test_without_strict_errors_are_named(
        self, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Two reports with errors were added in with exit 0 and not named."""
        out = tmp_path / "sum.json"
        assert main(["aggregate", str(folder), "-o", str(out)]) == 0
        err = capsys.readouterr().err
        assert str(folder / "b.xlsx") in err and "乙局" in err
        assert str(folder / "a.xlsx") not in err
        sources = AnnualReport.from_json(out.read_bytes()).meta["sources"]
        assert [s["status"] for s in sources] == ["ok", "errors", "ok"]

    def test_strict_refuses_and_writes_nothing(
        self, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = tmp_path / "sum.xlsx"
        summary = tmp_path / "s.csv"
        argv = ["aggregate", str(folder), "-o", str(out), "--strict", "--summary", str(summary)]
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert str(folder / "b.xlsx") in err and "--strict" in err
        assert not out.exists() and not summary.exists()
        assert [p.name for p in tmp_path.iterdir()] == ["depts"]

    def test_strict_passes_clean_reports(self, tmp_path: Path) -> None:
        d = tmp_path / "d"
        d.mkdir()
        fill(dept("甲局"), d / "a.xlsx")
        assert main(["aggregate", str(d), "-o", str(tmp_path / "s.xlsx"), "--strict"]) == 0


class TestSkip:
    @pytest.fixture
    def mixed(self, folder: Path) -> Path:
        fill(old_edition(), folder / "old.xlsx")
        fill(dept("去年的局", year=2023), folder / "y2023.xlsx")
        (folder / "zz-broken.xlsx").write_bytes(b"junk")
        return folder

    def test_other_edition_stops_the_sum_and_is_named(
        self, mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """One 2019-edition file stopped the whole aggregate with no way to leave it out."""
        out = tmp_path / "sum.xlsx"
        assert main(["aggregate", str(mixed), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        for name in ("old.xlsx", "y2023.xlsx", "zz-broken.xlsx"):
            assert name in err
        assert "--skip" in err and not out.exists()

    @pytest.mark.parametrize("flag", ["--skip", "--skip-unreadable"])
    def test_skip_leaves_out_other_editions_and_years(
        self, flag: str, mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = tmp_path / "sum.xlsx"
        js = tmp_path / "sum.json"
        summary = tmp_path / "s.csv"
        assert main(["aggregate", str(mixed), "-o", str(js), flag]) == 0
        argv = ["aggregate", str(mixed), "-o", str(out), flag, "--summary", str(summary)]
        assert main(argv) == 0
        capsys.readouterr()
        total = AnnualReport.from_json(js.read_bytes())
        assert (total.edition, total.year) == ("2021", 2024)
        assert total.applications.new_received.natural_person == 36
        skipped = {Path(s["file"]).name: s["reason"] for s in total.meta["skipped"]}
        assert skipped == {
            "old.xlsx": "edition", "y2023.xlsx": "year", "zz-broken.xlsx": "unreadable",
        }  # fmt: skip
        rows = sheet_rows(out, EXPLANATION)
        text = "\n".join(" ".join(str(c) for c in r) for r in rows)
        assert "未计入汇总的文件" in text
        whys = (("old.xlsx", "版式不同"), ("y2023.xlsx", "年度不同"), ("zz-broken", "无法读取"))
        for name, why in whys:
            line = next(r for r in rows if name in str(r[4]))
            assert why in str(line[9])
        raw = summary.read_bytes()
        assert raw.startswith("\ufeff".encode())
        lines = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        assert {Path(x["file"]).name: x["status"] for x in lines[:-1]} == {
            "a.xlsx": "ok", "b.xlsx": "errors", "c.xlsx": "ok", "old.xlsx": "skipped",
            "y2023.xlsx": "skipped", "zz-broken.xlsx": "unreadable",
        }  # fmt: skip
        assert read(out) == total

    def test_year_chooses_against_the_majority(
        self, mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = tmp_path / "sum.json"
        assert main(["aggregate", str(mixed), "-o", str(out), "--skip", "--year", "2023"]) == 0
        total = AnnualReport.from_json(out.read_bytes())
        assert total.year == 2023 and [s["agency"] for s in total.meta["sources"]] == ["去年的局"]
        assert main(["aggregate", str(mixed), "-o", str(out), "--skip", "--edition", "2019"]) == 0
        assert AnnualReport.from_json(out.read_bytes()).edition == "2019"

    def test_amount_without_unit_is_left_out_whole(self, tmp_path: Path) -> None:
        """A 2019 amount of no unit is left out with --skip, and nothing of it is added."""
        d = tmp_path / "d"
        d.mkdir()
        a = old_edition("有单位")
        a.proactive.procurement.amount = Decimal("10")  # type: ignore[attr-defined]
        a.proactive.procurement.amount_unit = "万元"  # type: ignore[attr-defined]
        b = old_edition("无单位")
        b.proactive.procurement.amount = Decimal("3")  # type: ignore[attr-defined]
        (d / "a.json").write_text(a.to_json(), encoding="utf-8")
        (d / "b.json").write_text(b.to_json(), encoding="utf-8")
        out = tmp_path / "s.json"
        argv = ["aggregate", str(d / "a.json"), str(d / "b.json"), "-o", str(out)]
        assert main(argv) == 2
        assert main([*argv, "--skip"]) == 0
        total = AnnualReport.from_json(out.read_bytes())
        assert total.applications.new_received.natural_person == 5
        assert total.proactive.procurement.amount == Decimal("100000")  # type: ignore[attr-defined]
        assert [s["reason"] for s in total.meta["skipped"]] == ["unit"]
        assert [s["agency"] for s in total.meta["sources"]] == ["有单位"]


# ------------------------------------------------------------------- printing


def _pdf_pages(pdf: Path) -> list[tuple[str, float, float]]:
    """Each page's text and size (points), by poppler's pdftotext and pdfinfo."""
    exe = shutil.which("pdftotext")
    if exe is None or shutil.which("pdfinfo") is None:
        if os.environ.get("CI"):
            pytest.fail("poppler-utils (pdftotext, pdfinfo) are required in CI")
        pytest.skip("poppler-utils not installed")
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = []
    for line in info.splitlines():
        if line.startswith("Page") and "size:" in line:
            w, h = line.split("size:")[1].split("pts")[0].split(" x ")
            sizes.append((float(w), float(h)))
    pages = []
    for i, (w, h) in enumerate(sizes, 1):
        text = subprocess.run(
            [exe, "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True, text=True
        ).stdout
        pages.append((text, w, h))
    return pages


TITLES = {
    "二、主动公开": "二、主动公开政府信息情况",
    "三、依申请": "三、收到和处理政府信息公开申请情况",
    "四、复议诉讼": "四、政府信息公开行政复议、行政诉讼情况",
}
LANDSCAPE = {"三、依申请", "四、复议诉讼"}


def _to_pdf(files: list[Path], outdir: Path) -> dict[str, Path]:
    subprocess.run(
        [soffice(), "--headless", f"-env:UserInstallation=file://{outdir / 'profile'}",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {f.stem: outdir / f"{f.stem}.pdf" for f in files}


def test_each_table_prints_on_one_a4_page(tmp_path: Path, folder: Path) -> None:
    """Sheet 三 spilled onto a second page (the check area); each table now prints on one
    A4 page (三 and 四 landscape), the check area not at all; the 汇总说明 sheet prints."""
    from zfxxgk.workbook.checkarea import CHECK_HEADER
    from zfxxgk.workbook.template import template_path

    blank19 = shutil.copy(template_path("2019"), tmp_path / "blank19.xlsx")
    blank21 = shutil.copy(template_path("2021"), tmp_path / "blank21.xlsx")
    full = dept("甲局")
    filled = fill(full, tmp_path / "filled21.xlsx")
    by_openpyxl = fill(old_edition(), tmp_path / "openpyxl19.xlsx", engine="openpyxl")
    summed = tmp_path / "summed.xlsx"
    assert main(["aggregate", str(folder), "-o", str(summed)]) == 0
    files = [Path(blank19), Path(blank21), filled, by_openpyxl, summed]
    pdfs = _to_pdf(files, tmp_path / "pdf")
    for stem, pdf in pdfs.items():
        pages = _pdf_pages(pdf)
        for sheet, title in TITLES.items():
            on = [p for p in pages if p[0].lstrip().startswith(title)]
            assert len(on) == 1, (stem, sheet, len(on))
            text, w, h = on[0]
            assert {round(min(w, h)), round(max(w, h))} == {595, 842}  # A4
            assert (w > h) == (sheet in LANDSCAPE), (stem, sheet)
            assert "说明：黄色单元格为填报项" in text  # the legend prints with its table
        assert not any(CHECK_HEADER.split("（")[0] in p[0] for p in pages), stem
        assert not any("R3-" in p[0] or "R2-" in p[0] for p in pages), stem
        extra = 1 if stem == "summed" else 0
        assert len(pages) == 1 + len(TITLES) + extra, (stem, [p[0][:30] for p in pages])
    summed_pages = _pdf_pages(pdfs["summed"])
    assert summed_pages[-1][0].lstrip().startswith("汇总说明")
    assert "b.xlsx" in summed_pages[-1][0] and "乙局" in summed_pages[-1][0]
