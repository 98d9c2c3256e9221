"""Checks that see what the clerk sees: a hand-filled template, re-saved in LibreOffice.

Each test reproduces a case met by a clerk or a county office (issue: checks that agree
with the spreadsheet): the blank template, a number typed as text, a formula total, a
table that states only its totals, a mistyped （七）总计 and its annotated copy.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import cell, libreoffice_csv_many, soffice
from zfxxgk import AnnualReport, check, fill, read, template_path
from zfxxgk.cli import main
from zfxxgk.core.grid import all_fields, place_cover
from zfxxgk.core.layout import Kind
from zfxxgk.workbook.annotate import RESULT_SHEET, annotate
from zfxxgk.workbook.checkarea import BAD, OK, UNKNOWN, check_area_top, check_rows
from zfxxgk.workbook.template import formula_cells

APPS = "三、依申请"


def blank_copy(tmp: Path, edition: str = "2021", name: str = "hand.xlsx") -> Path:
    out = tmp / name
    shutil.copy(template_path(edition), out)
    return out


def type_in(path: Path, values: dict[tuple[str, str, str], Any], edition: str = "2021") -> None:
    """Type values into a blank template as a clerk does: input cells only, by openpyxl."""
    wb = openpyxl.load_workbook(path)
    report = AnnualReport(edition=edition)
    places = all_fields(report.layout)
    for fp, v in values.items():
        sheet, span = places[fp]
        wb[sheet][span.ref()] = v
    if values:
        c = place_cover(report.layout)
        wb["封面"][c.fields[("cover", "agency", "")].ref()] = "某县某局"
        wb["封面"][c.fields[("cover", "year", "")].ref()] = 2024
    wb.save(path)


def resave(paths: list[Path], outdir: Path) -> list[Path]:
    """Open and save each workbook in LibreOffice (it computes and stores every formula)."""
    outdir.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice(),
            "--headless",
            f"-env:UserInstallation=file://{outdir / 'lo-profile'}",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(outdir),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=180 + 20 * len(paths),
    )
    return [outdir / p.name for p in paths]


def clerk_values() -> dict[tuple[str, str, str], Any]:
    """The reported workbook: 新收 38 by 自然人 and '4' typed as text by 商业企业 (E5),
    results that add up to 42, one '—'."""
    a = "applications"
    return {
        (a, "new_received", "natural_person"): 38,
        (a, "new_received", "commercial_enterprise"): "4",  # E5, typed as text
        (a, "carried_over", "natural_person"): 0,
        (a, "disclosed", "natural_person"): 30,
        (a, "disclosed", "commercial_enterprise"): 4,
        (a, "partially_disclosed", "natural_person"): 8,
        (a, "withheld_state_secret", "natural_person"): "—",
        (a, "carried_forward", "natural_person"): 0,
        (a, "carried_forward", "commercial_enterprise"): 0,
    }


class TestBlankReports:
    def test_blank_template_is_unreported(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`zfxxgk check 模板.xlsx` says 未填报 and exits 1, not 全部通过 and 0."""
        code = main(["check", str(template_path("2021"))])
        out = capsys.readouterr().out
        assert code == 1
        assert "未填报" in out and "全部通过" not in out

    def test_batch_counts_unreported_apart(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """In a batch, a blank workbook is 未填报, not 无错误."""
        blank = blank_copy(tmp_path, name="blank.xlsx")
        filled = tmp_path / "filled.xlsx"
        r = AnnualReport(edition="2021", agency="某局", year=2024).with_zeros().with_totals()
        fill(r, filled)
        assert main(["check", str(blank), str(filled)]) == 1
        err = capsys.readouterr().err
        assert "1 个无错误" in err and "1 个未填报" in err and "0 个有错误" in err

    def test_missing_agency_and_year_warn(self, tmp_path: Path) -> None:
        """A filled report without 报告单位 or 年度 gets a warning for each."""
        r = AnnualReport(edition="2021").with_zeros().with_totals()
        found = [f for f in check(r).issues if f.rule == "RX-COVER"]
        assert len(found) == 2 and all(f.severity == "warning" for f in found)
        assert {f.note.params["field"] for f in found} == {"agency", "year"}

    def test_blank_table_and_column_warn(self) -> None:
        """A wholly blank table, and a wholly blank applicant column, are named."""
        r = AnnualReport(edition="2021", agency="某局", year=2024).with_zeros()
        for f in r.layout.fields():
            if f.path[0] == "reviews" or f.path[2] == "research_institution":
                r.set(f.path, None)
        result = check(r.with_totals())
        tables = [f for f in result.issues if f.rule == "RX-TABLE-BLANK"]
        columns = [f for f in result.issues if f.rule == "R3-COLUMN-BLANK"]
        assert [f.note.params["table"] for f in tables] == ["reviews"]
        assert [f.note.params["column"] for f in columns] == ["科研机构"]
        assert result.blank_inputs > 0 and f"{result.blank_inputs} 个" in result.text()


class TestTextNumbers:
    def test_text_cell_is_named_as_the_cause(self, tmp_path: Path) -> None:
        """E5 holds '4': check warns about E5, and the failing total says that the sheet's
        SUM skips it and what the sheet shows."""
        path = blank_copy(tmp_path)
        type_in(path, clerk_values())
        (saved,) = resave([path], tmp_path / "lo")
        report = read(saved)
        result = check(report)
        text = [f for f in result.issues if f.rule == "RX-TEXT-NUMBER"]
        assert text and any(c.cell == "E5" for c in text[0].cells)
        row = [f for f in result.issues if f.rule == "R3-ROW-TOTAL" and f.status == "failed"]
        assert row, result.text()
        (j5,) = [f for f in row if f.cells[0].cell == "J5"]
        assert j5.stated == 38 and j5.computed == 42
        assert "E5" in j5.message_zh and "文本" in j5.message_zh and "38" in j5.message_zh

    def test_csv_of_check_lists_the_text_cells(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The office's CSV carries the text-number warning too, not only `read`'s notes."""
        path = blank_copy(tmp_path)
        type_in(path, clerk_values())
        main(["check", str(path), "--csv"])
        out = capsys.readouterr().out
        assert "RX-TEXT-NUMBER" in out and "E5" in out


class TestFormulaTotals:
    def test_formula_total_is_its_own_formula(self, tmp_path: Path) -> None:
        """J28 holds =SUM(D28:I28) with no stored result: read it as the spreadsheet shows
        it (the row's 43), not from the column's equation (39)."""
        path = blank_copy(tmp_path)
        values: dict[tuple[str, str, str], Any] = {}
        a = "applications"
        values[(a, "disclosed", "natural_person")] = 39
        type_in(path, values)
        wb = openpyxl.load_workbook(path)
        ws = wb[APPS]
        for ref, v in zip(
            ("D28", "E28", "F28", "G28", "H28", "I28"), (40, 3, 0, 0, 0, 0), strict=True
        ):
            ws[ref] = v  # a clerk overwrote the column totals of （七） with numbers
        ws["J28"] = "=SUM(D28:I28)"
        wb.save(path)
        report = read(path)
        assert report.applications.results_total.total == 43
        assert report.provenance is not None
        assert any(n.code == "formula-evaluated" for n in report.provenance.notes)

    def test_unknown_formula_is_left_with_a_note(self, tmp_path: Path) -> None:
        """A formula outside what is evaluated is left blank, with a note naming it."""
        path = blank_copy(tmp_path)
        type_in(path, {})
        wb = openpyxl.load_workbook(path)
        wb[APPS]["J5"] = "=VLOOKUP(D5,D6:E9,2,FALSE)"
        wb.save(path)
        report = read(path)
        assert report.applications.new_received.total is None
        assert report.provenance is not None
        (note,) = [n for n in report.provenance.notes if n.code == "formula-unsupported"]
        assert note.cell == "J5" and "VLOOKUP" in note.params["formula"]


class TestPartsNotStated:
    def test_total_without_parts_is_not_an_error(self) -> None:
        """（七）总计 805 with every applicant column blank: not assessable, not an error."""
        r = AnnualReport(edition="2021", agency="某局", year=2024)
        a = r.applications
        a.new_received.total = 805
        a.carried_over.total = 0
        a.disclosed.total = 805
        a.results_total.total = 805
        a.carried_forward.total = 0
        result = check(r)
        rows = [f for f in result.findings if f.rule == "R3-ROW-TOTAL"]
        assert rows and all(f.status == "not_assessable" for f in rows)
        assert all(f.severity == "warning" for f in rows)
        assert not [f for f in result.issues if f.severity == "error"], result.text()


class TestLikelyCause:
    def test_one_mistyped_total_is_named_first(self, tmp_path: Path) -> None:
        """A mistyped （七）总计 (J28) fails three rules; check names J28 and its right
        value once, ahead of them, and blames no correct cell."""
        r = AnnualReport(edition="2021", agency="某局", year=2024).with_zeros()
        a = r.applications
        a.new_received.natural_person = 39
        a.disclosed.natural_person = 30
        a.partially_disclosed.natural_person = 9
        r = r.with_totals()
        r.applications.results_total.total = 93  # typed instead of 39
        result = check(r)
        assert len([f for f in result.issues if f.status == "failed"]) == 3
        (cause,) = result.likely
        assert cause.cell.cell == "J28" and cause.suggested == 39
        assert "最可能出错" in result.text().splitlines()[2]
        assert "J28" in result.text().splitlines()[2] and "39" in result.text().splitlines()[2]

    def test_two_typos_of_one_size_name_no_cell(self) -> None:
        """D7 and E8 both typed one too high: four cells would each mend two failures, so
        none is named (naming the crossed pair E7/D8 would send the clerk astray)."""
        r = AnnualReport(edition="2021", agency="某局", year=2024).with_zeros()
        a = r.applications
        a.new_received.natural_person = a.new_received.commercial_enterprise = 4
        a.disclosed.natural_person = a.partially_disclosed.natural_person = 2
        a.disclosed.commercial_enterprise = a.partially_disclosed.commercial_enterprise = 2
        r = r.with_totals()
        r.applications.disclosed.natural_person = 3
        r.applications.partially_disclosed.commercial_enterprise = 3
        result = check(r)
        assert len([f for f in result.issues if f.status == "failed"]) == 4
        assert result.likely == ()

    def test_a_formula_total_is_never_the_likely_cell(self, tmp_path: Path) -> None:
        """With a number typed as text, the total's formula is not blamed."""
        path = blank_copy(tmp_path)
        type_in(path, clerk_values())
        (saved,) = resave([path], tmp_path / "lo")
        result = check(read(saved))
        assert all(c.cell.cell != "J5" for c in result.likely)

    def test_annotated_copy_marks_the_cell_and_lists_findings(self, tmp_path: Path) -> None:
        """--annotate paints the likely cell strongly, few other cells, keeps comments and
        puts a printable 校验结果 sheet first with links to the cells."""
        r = AnnualReport(edition="2021", agency="某局", year=2024).with_zeros()
        r.applications.new_received.natural_person = 39
        r.applications.disclosed.natural_person = 39
        r = r.with_totals()
        r.applications.results_total.total = 93
        src = fill(r, tmp_path / "r.xlsx")
        report = read(src)
        result = check(report)
        out = annotate(result, report, tmp_path / "marked.xlsx", source=src)
        wb = openpyxl.load_workbook(out)
        assert wb.sheetnames[0] == RESULT_SHEET and wb.active.title == RESULT_SHEET
        ws = wb[RESULT_SHEET]
        texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
        assert any("最可能出错" in t for t in texts)
        links = [
            c.hyperlink.location or c.hyperlink.target
            for row in ws.iter_rows()
            for c in row
            if c.hyperlink
        ]
        assert any("J28" in str(x) for x in links)
        assert ws.page_setup.orientation == "landscape"
        apps = wb[APPS]
        painted = {
            c.coordinate
            for row in apps.iter_rows()
            for c in row
            if c.fill is not None
            and c.fill.fgColor is not None
            and c.fill.fgColor.rgb in ("FFFFC7CE", "FFFCE4E4")
        }
        strong = {
            c.coordinate
            for row in apps.iter_rows()
            for c in row
            if c.fill is not None
            and c.fill.fgColor is not None
            and c.fill.fgColor.rgb == "FFFFC7CE"
        }
        assert strong == {"J28"}, strong
        assert len(painted) <= 4, painted
        assert apps["J28"].comment is not None and "39" in apps["J28"].comment.text
        # the annotated copy still reads as the same report
        assert read(out) == report


class TestPrinting:
    def test_blank_template_totals_show_blank(self, tmp_path: Path) -> None:
        """In a spreadsheet, the blank template's totals and check area are blank, not 0."""
        blank = blank_copy(tmp_path, name="blank2021.xlsx")
        blank19 = blank_copy(tmp_path, "2019", name="blank2019.xlsx")
        shown = libreoffice_csv_many([blank, blank19], tmp_path / "csv")
        for stem, edition in (("blank2021", "2021"), ("blank2019", "2019")):
            e = AnnualReport(edition=edition).layout
            computed = formula_cells(e)
            for fp, (sheet, span) in all_fields(e).items():
                if fp in computed:
                    assert cell(shown[stem][sheet], span.ref()) == "", (stem, fp)
            for table in e.tables:
                for row in check_rows(e, table, check_area_top(table)):
                    assert cell(shown[stem][table.sheet], row.result.ref()) == ""


# ---------------------------------------------------------------------- property

_A = "applications"


@st.composite
def hand_edits(draw: st.DrawFn) -> tuple[str, dict[tuple[str, str, str], Any]]:
    """A random hand-filled workbook: an edition, and what is typed in each input cell
    (numbers, blanks, numbers as text, dashes, an overwritten total)."""
    edition = draw(st.sampled_from(["2019", "2021"]))
    layout = AnnualReport(edition=edition).layout
    computed = formula_cells(layout)
    places = all_fields(layout)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = random.Random(seed)
    typed: dict[tuple[str, str, str], Any] = {}
    density = rng.choice([0.3, 0.8, 1.0])
    for fp in places:
        f = layout.field_map[fp]
        if fp in computed:
            if rng.random() < 0.05:
                typed[fp] = rng.randint(0, 60)  # a total typed over its formula
            continue
        if f.kind is Kind.UNIT:
            typed[fp] = rng.choice(f.choices) if rng.random() < 0.5 else None
            continue
        if rng.random() > density:
            continue
        roll = rng.random()
        if f.kind is Kind.MONEY:
            typed[fp] = float(Decimal(rng.randint(0, 99999)) / 100)
        elif roll < 0.04:
            typed[fp] = str(rng.randint(0, 9))  # a number typed as text
        elif roll < 0.06:
            typed[fp] = "—"
        elif roll < 0.08 and f.kind is Kind.COUNT:
            typed[fp] = -rng.randint(1, 3)
        else:
            typed[fp] = rng.randint(-3 if f.kind is Kind.SIGNED else 0, 20)
    return edition, typed


@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cases=st.lists(hand_edits(), min_size=6, max_size=6))
def test_check_area_agrees_with_check(
    cases: list[tuple[str, dict[tuple[str, str, str], Any]]],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Random hand-filled workbooks, recalculated by LibreOffice: wherever the sheet's
    check area shows ✓ or ✗ (or leaves a rule blank), `zfxxgk check` on the same cells
    says the same; where check finds an error, the sheet shows ✗ or ？, never ✓."""
    tmp = tmp_path_factory.mktemp("agree")
    paths = []
    for i, (edition, typed) in enumerate(cases):
        path = tmp / f"case{i}-{edition}.xlsx"
        shutil.copy(template_path(edition), path)
        wb = openpyxl.load_workbook(path)
        places = all_fields(AnnualReport(edition=edition).layout)
        for fp, v in typed.items():
            sheet, span = places[fp]
            wb[sheet][span.ref()] = v
        wb.save(path)
        paths.append(path)
    saved = resave(paths, tmp / "saved")
    shown = libreoffice_csv_many(paths, tmp / "csv")
    marks: dict[str, int] = {}
    for path, back in zip(paths, saved, strict=True):
        report = read(back)
        result = check(report)
        layout = report.layout
        for table in layout.tables:
            for row in check_rows(layout, table, check_area_top(table)):
                mark = cell(shown[path.stem][table.sheet], row.result.ref())
                marks[mark] = marks.get(mark, 0) + 1
                mine = [
                    f
                    for f in result.findings
                    if f.rule == row.rule.id and f.cells and f.cells[0].sheet == table.sheet
                ]
                failed = [f for f in mine if f.status == "failed"]
                unsure = [f for f in mine if f.status == "not_assessable"]
                where = f"{path.name} {table.sheet} {row.rule.id}: sheet {mark!r}, check {mine}"
                if mark == OK:
                    assert not failed and not unsure, where
                elif mark == BAD:
                    assert failed, where
                elif mark == "":
                    assert not failed and not unsure, where
                else:
                    assert mark == UNKNOWN, where
                if failed:
                    assert mark in (BAD, UNKNOWN), where
    # the cases are varied enough that the sheet says each thing somewhere
    assert marks.get(OK, 0) and marks.get(BAD, 0) and marks.get(UNKNOWN, 0), marks


def test_annotated_text_is_never_a_formula(tmp_path: Path) -> None:
    """An agency that starts with = is written to the 校验结果 sheet as text."""
    r = AnnualReport(edition="2021", agency='=HYPERLINK("http://x","y")', year=2024)
    r = r.with_zeros().with_totals()
    src = fill(r, tmp_path / "r.xlsx")
    out = annotate(check(read(src)), read(src), tmp_path / "a.xlsx", source=src)
    ws = openpyxl.load_workbook(out)[RESULT_SHEET]
    assert ws["B1"].data_type == "s" and str(ws["B1"].value).startswith("=HYPERLINK")
