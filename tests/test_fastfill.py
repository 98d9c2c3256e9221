"""The fast fill keeps what openpyxl would drop, and its output reads everywhere."""

from __future__ import annotations

import io
import random
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from conftest import area_mark, cell, libreoffice_csv, libreoffice_csv_many, sample_path
from zfxxgk import AnnualReport, check, fill, read
from zfxxgk.core.editions import get_edition
from zfxxgk.core.grid import all_fields
from zfxxgk.errors import LayoutError
from zfxxgk.workbook.checkarea import BAD, OK, check_area_top, check_rows
from zfxxgk.workbook.fill import as_filled
from zfxxgk.workbook.template import TemplateBuilder

X14 = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" '
    'count="1"><x14:dataValidation type="list" allowBlank="1" showInputMessage="1" '
    "showErrorMessage=\"1\"><x14:formula1><xm:f>'封面'!$A$3:$A$4</xm:f></x14:formula1>"
    "<xm:sqref>L5</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
)


def rich_template(path: Path) -> Path:
    """Our 2021 template with a text box and an x14 data validation added."""
    e = get_edition("2021")
    wb = xlsxwriter.Workbook(str(path), {"default_format_properties": {"font_name": "宋体"}})
    b = TemplateBuilder(wb, e)
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
        edited = {
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
            "xl/worksheets/sheet3.xml",
            "xl/worksheets/sheet4.xml",
            "xl/worksheets/sheet5.xml",
        }
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
        filled = as_filled(report, tpl)
        for path, (sheet, span) in all_fields(report.layout).items():
            value = filled.get(path)
            shown = cell(sheets[sheet], span.ref())
            assert shown == ("" if value is None else str(value)), path
        result = check(filled, include_passed=True)  # the cells the sheet judges
        failing = {f.rule for f in result.issues if f.severity == "error"}
        assert failing == {"R3-RESULT-TOTAL"}
        for table in report.layout.tables:
            for row in check_rows(report.layout, table, check_area_top(table)):
                want = area_mark(result, row.rule.id, table.sheet)
                assert cell(sheets[table.sheet], row.result.ref()) == want, row.rule.id

    def test_fast_engine_refuses_what_it_cannot_do(self, tmp_path: Path) -> None:
        """A template without our hidden sheet: auto falls back, fast says why."""
        theirs = Path(__file__).parent / "data" / "corpus" / "hubei-pingtan.xlsx"
        report = AnnualReport.from_json(sample_path("2019-pingtan").read_bytes())
        assert read(fill(report, tmp_path / "a.xlsx", template=theirs)) == report
        with pytest.raises(LayoutError) as info:
            fill(report, tmp_path / "b.xlsx", template=theirs, engine="fast")
        assert info.value.code == "fast-fill-unsupported" and info.value.file == str(theirs)


def _without_stored_results(src: Path, out: Path) -> Path:
    """A copy whose formulas have no stored results, so a program must compute them."""
    from zfxxgk.xlsx.patch import edit_sheet

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = edit_sheet(data.decode("utf-8"), {}).encode("utf-8")
            zout.writestr(info, data)
    return out


def _perturbed(report: AnnualReport, rng: random.Random) -> AnnualReport:
    """A copy with a few values changed, blanked or made negative, so rules break."""
    rep = AnnualReport.from_dict(report.to_dict())
    fields = [
        f
        for f in rep.layout.fields()
        if f.official and f.kind.value in ("count", "signed", "money")
    ]
    # section 二 has few cells: one of them is always among the changed
    proactive = [f for f in fields if f.path[0] == "proactive"]
    for n, f in enumerate([rng.choice(proactive), *rng.sample(fields, rng.randint(0, 3))]):
        current = rep.get(f.path)
        choice = rng.random() / (2 if n == 0 else 1)
        if choice < 0.15:
            rep.set(f.path, -1 if f.kind.value != "money" else Decimal("-0.5"))
        elif choice < 0.3:
            rep.set(f.path, None)
        else:
            rep.set(f.path, (current or 0) + rng.choice([1, 2, 7]))
    return rep


def test_stored_check_results_are_what_libreoffice_computes(tmp_path: Path) -> None:
    """The ✓/✗ the fill stores equal LibreOffice's own computation of the same formulas
    (on a copy without stored results), for reports that keep and break each rule."""
    from hypothesis import HealthCheck, given, settings
    from python_calamine import CalamineWorkbook

    from strategies import consistent_reports

    reports: list[AnnualReport] = []

    @settings(
        max_examples=10, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    @given(consistent_reports())
    def collect(report: AnnualReport) -> None:
        reports.append(report)

    collect()
    rng = random.Random(20261126)
    base: list[AnnualReport] = []
    for edition in ("2019", "2021"):  # every amount negative: the money rules break
        rep = next(r for r in reports if r.edition == edition).with_zeros()
        for f in rep.layout.fields():
            if f.kind.value == "money":
                rep.set(f.path, Decimal("-0.5"))
        base.append(rep)
    # the reports as drawn, then perturbed copies until every rule has shown ✓ and ✗ in
    # what fill stores (what is drawn depends on the run; what is compared never does)
    candidates = [*reports, *base, *(_perturbed(r, rng) for r in reports for _ in range(12))]
    stored: dict[str, dict[tuple[str, str], str]] = {}
    copies: list[Path] = []
    cases: list[AnnualReport] = []
    seen: dict[str, set[str]] = {}
    (tmp_path / "lo").mkdir()
    for rep in candidates:
        i = len(cases)
        out = fill(rep, tmp_path / f"r{i}.xlsx")
        book = CalamineWorkbook.from_path(str(out))
        marks: dict[tuple[str, str], str] = {}
        for table in rep.layout.tables:
            rows = book.get_sheet_by_name(table.sheet).to_python(skip_empty_area=False)
            for row in check_rows(rep.layout, table, check_area_top(table)):
                r, c = row.result.row, row.result.col
                marks[(table.sheet, row.rule.id)] = rows[r][c]
        new = any(mark not in seen.get(rule, set()) for (_s, rule), mark in marks.items())
        if not new and len(cases) >= 12:
            continue  # nothing this case would show that the others do not
        for (_s, rule), mark in marks.items():
            seen.setdefault(rule, set()).add(mark)
        stored[f"r{i}"] = marks
        cases.append(rep)
        copies.append(_without_stored_results(out, tmp_path / "lo" / f"r{i}.xlsx"))
    computed = libreoffice_csv_many(copies, tmp_path / "lo")
    outcomes: dict[str, set[str]] = {}
    for i, rep in enumerate(cases):
        for table in rep.layout.tables:
            for row in check_rows(rep.layout, table, check_area_top(table)):
                mine = stored[f"r{i}"][(table.sheet, row.rule.id)]
                theirs = cell(computed[f"r{i}"][table.sheet], row.result.ref())
                assert mine == theirs, (i, row.rule.id, mine, theirs)
                outcomes.setdefault(row.rule.id, set()).add(mine)
    assert all({OK, BAD} <= v for v in outcomes.values()), outcomes  # ？ may show too


def test_only_the_check_areas_own_formulas_get_results(tmp_path: Path) -> None:
    """A check formula someone changed is not ours to compute: its result is removed
    (computed on opening) while the untouched ones are stored."""
    from python_calamine import CalamineWorkbook

    from zfxxgk import template_path

    e = get_edition("2021")
    table = e.table("reviews")
    rows = check_rows(e, table, check_area_top(table))
    changed, kept = rows[0], rows[1]
    parts = {
        n: zipfile.ZipFile(template_path(e)).read(n)
        for n in zipfile.ZipFile(template_path(e)).namelist()
    }
    part = "xl/worksheets/sheet4.xml"
    # as the sheet's XML holds it (> escaped)
    mine = changed.formula.removeprefix("=").replace("&", "&amp;").replace(">", "&gt;")
    text = parts[part].decode()
    assert text.count(mine) == 1
    parts[part] = text.replace(mine, mine.replace("MAX(", "MAX(0,")).encode()
    tpl = tmp_path / "edited.xlsx"
    with zipfile.ZipFile(tpl, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    report = sample().with_zeros()
    out = fill(report, tmp_path / "out.xlsx", template=tpl, engine="fast")
    shown = (
        CalamineWorkbook.from_path(str(out))
        .get_sheet_by_name(table.sheet)
        .to_python(skip_empty_area=False)
    )
    assert shown[changed.result.row][changed.result.col] == ""
    assert shown[kept.result.row][kept.result.col] == OK


def test_a_template_that_is_not_well_formed_is_refused_by_the_fast_engine(
    tmp_path: Path,
) -> None:
    """Malformed sheet XML in a template (which could send the cell patterns scanning in
    vain): the fast engine says so, naming the part."""
    from zfxxgk import template_path

    parts = {
        n: zipfile.ZipFile(template_path("2021")).read(n)
        for n in zipfile.ZipFile(template_path("2021")).namelist()
    }
    part = "xl/worksheets/sheet4.xml"
    parts[part] = parts[part].replace(b"</sheetData>", b'<c r="Z9"></sheetData>')
    tpl = tmp_path / "malformed.xlsx"
    with zipfile.ZipFile(tpl, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    with pytest.raises(Exception, match=r"sheet4\.xml is not well-formed"):
        fill(sample(), tmp_path / "out.xlsx", template=tpl, engine="fast")


def test_fuzzed_templates_fill_or_refuse(tmp_path: Path) -> None:
    """Byte and XML mutations of our template used as --template: the fill writes a
    workbook that reads back, or raises a ZfxxgkError, quickly (found a zlib.error
    escaping from a damaged member that is copied unchanged)."""
    import random

    from badfiles import FUZZ_CASES, members, mutate_bytes, mutate_xml, returns_or_refuses, rezip
    from zfxxgk import template_path

    report = sample()
    tpl = template_path("2021")
    parts = members(tpl)
    rng = random.Random(20261126)

    def fill_and_read(path: Path) -> None:
        out = fill(report, tmp_path / "out.xlsx", template=path)
        read(out)

    for i in range(max(30, FUZZ_CASES // 3)):
        path = tmp_path / f"tpl-{i}.xlsx"
        if rng.random() < 0.6:
            rezip(mutate_xml(parts, rng), path)
        else:
            path.write_bytes(mutate_bytes(tpl.read_bytes(), rng))
        returns_or_refuses(fill_and_read, path, i)


def test_a_template_resaved_by_libreoffice_gets_stored_results_too(tmp_path: Path) -> None:
    """LibreOffice saves the check formulas as …FALSE()… with aca="false": still ours,
    so the fill stores their ✓/✗ (as check() decides them) there as well."""
    import subprocess

    from python_calamine import CalamineWorkbook

    from conftest import soffice
    from zfxxgk import template_path

    subprocess.run(
        [
            soffice(),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "lo"),
            str(template_path("2021")),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = tmp_path / "lo" / template_path("2021").name
    xml = zipfile.ZipFile(resaved).read("xl/worksheets/sheet3.xml").decode()
    assert "CHOOSE(" in xml and "COUNT(" in xml  # the check formulas, as LibreOffice spells them
    report = sample().with_zeros()
    report.applications.disclosed.natural_person += 1
    out = fill(report, tmp_path / "out.xlsx", template=resaved, engine="fast")
    result = check(report, include_passed=True)
    book = CalamineWorkbook.from_path(str(out))
    stored = 0
    for table in report.layout.tables:
        rows = book.get_sheet_by_name(table.sheet).to_python(skip_empty_area=False)
        for row in check_rows(report.layout, table, check_area_top(table)):
            want = area_mark(result, row.rule.id, table.sheet)
            assert rows[row.result.row][row.result.col] == want, row.rule.id
            stored += 1
    assert stored >= 8
