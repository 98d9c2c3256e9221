"""Filling the templates and reading them back, checked by independent readers."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from python_calamine import CalamineWorkbook

from conftest import SAMPLE_JSON, sample_path, sha256
from strategies import reports
from zfxxgk import AnnualReport, empty_report, fill, read, template_path
from zfxxgk.core.grid import all_fields, place_cover
from zfxxgk.errors import (
    CellValueError,
    InputFileError,
    InputNotFoundError,
    LayoutError,
    OutputError,
    WorkbookFormatError,
    ZfxxgkError,
)
from zfxxgk.workbook.fill import as_filled
from zfxxgk.workbook.template import formula_cells

TMP = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def sample(name: str) -> AnnualReport:
    return AnnualReport.from_json(sample_path(name).read_bytes())


def calamine_sheets(path: Path) -> dict[str, list[list[Any]]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {n: wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names}


def at(rows: list[list[Any]], row: int, col: int) -> Any:
    if row >= len(rows) or col >= len(rows[row]):
        return ""
    return rows[row][col]


class TestRoundTrip:
    @given(report=reports())
    @TMP
    def test_fill_then_read_gives_an_equal_report(
        self, report: AnnualReport, tmp_path: Path
    ) -> None:
        """Random reports (absent cells, negatives, big counts, 6-decimal money) survive:
        every stated value, and the blank totals the template's formulas compute."""
        out = tmp_path / "r.xlsx"
        fill(report, out)
        back = read(out)
        assert back == as_filled(report)
        assert all(back.get(f.path) == v for f, v in report.items() if v is not None)
        assert back.provenance is not None and back.provenance.notes == []

    @pytest.mark.parametrize("name", SAMPLE_JSON)
    def test_samples(self, name: str, tmp_path: Path) -> None:
        """Each sample fills and reads back exactly, its meta included."""
        report = sample(name)
        out = tmp_path / f"{name}.xlsx"
        fill(report, out)
        back = read(out)
        assert back == report
        assert back.to_dict() == report.to_dict()
        assert back.provenance is not None and back.provenance.notes == []

    def test_provenance_names_cells(self, tmp_path: Path) -> None:
        """Each value read carries its sheet and cell."""
        out = fill(sample("2024-hongze-district"), tmp_path / "h.xlsx")
        back = read(out)
        assert back.provenance is not None
        src = back.provenance.cells[("applications", "new_received", "natural_person")]
        assert src.ref() == "'三、依申请'!D5" and src.raw == 95
        assert back.provenance.cells["agency"].ref() == "'封面'!B3"


class TestIndependentReaders:
    @pytest.mark.parametrize("name", SAMPLE_JSON)
    def test_calamine_sees_every_number(self, name: str, tmp_path: Path) -> None:
        """python-calamine finds every stated value, totals included, in its cell."""
        report = sample(name)
        out = fill(report, tmp_path / "x.xlsx")
        sheets = calamine_sheets(out)
        for path, (sheet, span) in all_fields(report.layout).items():
            value = report.get(path)
            got = at(sheets[sheet], span.row, span.col)
            if value is None:
                assert got == "", path
            elif isinstance(value, str):
                assert got == value
            else:
                assert Decimal(repr(got)) == value, path
        cover = place_cover(report.layout)
        span = cover.fields[("cover", "agency", "")]
        assert at(sheets["封面"], span.row, span.col) == report.agency

    def test_stated_total_that_differs_is_written_as_stated(self, tmp_path: Path) -> None:
        """A total that differs from its parts is written as the number the report states
        (the file records the report); every other total keeps its formula."""
        report = sample("2019-pingtan")
        report.applications.results_total.total = 999  # wrong on purpose
        out = fill(report, tmp_path / "x.xlsx")
        wb = openpyxl.load_workbook(out)
        computed = formula_cells(report.layout)
        for path, (sheet, span) in all_fields(report.layout).items():
            v = wb[sheet][span.ref()].value
            is_formula = isinstance(v, str) and v.startswith("=")
            stated_wrong = path == ("applications", "results_total", "total")
            assert is_formula == (path in computed and not stated_wrong), path
        assert wb["三、依申请"]["J26"].value == 999
        assert read(out).applications.results_total.total == 999

    def test_data_only_readers_see_values(self, tmp_path: Path) -> None:
        """openpyxl with data_only=True sees the numbers (nothing hides behind a formula)."""
        report = empty_report("2021", "甲局", 2022)
        report.reviews.reconsideration.upheld = 2
        report.reviews.reconsideration.total = 2
        out = fill(report, tmp_path / "x.xlsx")
        ws = openpyxl.load_workbook(out, data_only=True)["四、复议诉讼"]
        assert ws["A5"].value == 2 and ws["E5"].value == 2 and ws["J5"].value is None

    @pytest.mark.parametrize("name", ["=SUM(A1)", "+86", "-某局", "@局"])
    def test_formula_like_text_stays_text(self, name: str, tmp_path: Path) -> None:
        """An agency beginning with = + - @ is written as text, not as a formula."""
        report = empty_report("2021", name, 2023)
        out = fill(report, tmp_path / "x.xlsx")
        cell = openpyxl.load_workbook(out)["封面"]["B3"]
        assert cell.value == name and cell.data_type == "s"
        assert calamine_sheets(out)["封面"][2][1] == name
        assert read(out).agency == name


class TestFiles:
    def test_template_is_never_modified(self, tmp_path: Path) -> None:
        """Filling leaves the template byte for byte as it was."""
        tpl = tmp_path / "tpl.xlsx"
        shutil.copy(template_path("2021"), tpl)
        before = sha256(tpl)
        fill(sample("2024-hongze-district"), tmp_path / "out.xlsx", template=tpl)
        assert sha256(tpl) == before

    def test_reading_never_modifies(self, tmp_path: Path) -> None:
        """Reading leaves the file as it was."""
        out = fill(sample("2019-pingtan"), tmp_path / "out.xlsx")
        before = sha256(out)
        read(out)
        assert sha256(out) == before

    def test_output_cannot_be_the_template(self, tmp_path: Path) -> None:
        """The template is protected from being overwritten by its own fill."""
        tpl = tmp_path / "tpl.xlsx"
        shutil.copy(template_path("2021"), tpl)
        before = sha256(tpl)
        with pytest.raises(OutputError):
            fill(empty_report("2021"), tpl, template=tpl)
        assert sha256(tpl) == before

    @pytest.mark.parametrize("engine", ["fast", "openpyxl"])
    def test_failed_write_keeps_the_old_output(
        self, engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A save that dies half way leaves the previous output whole and no debris."""
        import sys

        fill_module = sys.modules["zfxxgk.workbook.fill"]  # the package exports the function `fill`

        out = fill(sample("2019-pingtan"), tmp_path / "out.xlsx")
        before = sha256(out)

        def broken(*args: Any) -> None:
            Path(args[1]).write_bytes(b"PK\x03\x04half")
            raise OSError("disk full")

        if engine == "fast":
            monkeypatch.setattr(fill_module, "fill_xml", broken)
        else:
            monkeypatch.setattr(openpyxl.Workbook, "save", broken)
        with pytest.raises(OSError) as info:
            fill(sample("2023-shuyang-drc"), out, engine=engine)
        assert isinstance(info.value, ZfxxgkError) and info.value.code == "output-left-unchanged"
        assert info.value.note.params["reason"] == "disk full"
        assert sha256(out) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]

    def test_wrong_edition_template_is_refused(self, tmp_path: Path) -> None:
        """A 2021 report does not go into a 2019 template."""
        with pytest.raises(LayoutError) as info:
            fill(empty_report("2021"), tmp_path / "x.xlsx", template=template_path("2019"))
        assert info.value.code == "template-edition-mismatch"
        assert info.value.note.params == {"template_edition": "2019", "edition": "2021"}
        assert not (tmp_path / "x.xlsx").exists()

    def test_edits_after_filling_win(self, tmp_path: Path) -> None:
        """A person's later edit of a visible cell is read, with a note."""
        report = sample("2024-hongze-district")
        out = fill(report, tmp_path / "h.xlsx")
        wb = openpyxl.load_workbook(out)
        wb["三、依申请"]["D5"] = 96
        filled_by = place_cover(report.layout).fields[("cover", "meta.filled_by", "")]
        wb["封面"][filled_by.ref()] = "王五"
        wb.save(out)
        back = read(out)
        assert back.applications.new_received.natural_person == 96
        assert back.meta["filled_by"] == "王五"
        assert back.applications.other_total.total == 0  # kept from the hidden data
        assert back.provenance is not None
        assert any(n.code == "visible-edited" for n in back.provenance.notes)


class TestReadErrors:
    def _expect(self, path: Path, cls: type[ZfxxgkError]) -> ZfxxgkError:
        with pytest.raises(cls) as info:
            read(path)
        message = str(info.value)
        assert str(path) in message and " | " in message
        return info.value

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file: not found, also a FileNotFoundError."""
        err = self._expect(tmp_path / "none.xlsx", InputNotFoundError)
        assert isinstance(err, FileNotFoundError)

    def test_directory(self, tmp_path: Path) -> None:
        """A directory is not a workbook."""
        self._expect(tmp_path, InputFileError)

    @pytest.mark.parametrize(
        "content",
        [b"", b"hello", b"PK\x03\x04broken", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100],
    )
    def test_not_a_workbook(self, content: bytes, tmp_path: Path) -> None:
        """Empty, text, a broken zip, an OLE container: a clear format error."""
        p = tmp_path / "bad.xlsx"
        p.write_bytes(content)
        self._expect(p, WorkbookFormatError)

    def test_workbook_without_tables(self, tmp_path: Path) -> None:
        """A workbook holding none of the tables names what it found."""
        p = tmp_path / "other.xlsx"
        wb = openpyxl.Workbook()
        wb.active.title = "Sheet1"
        wb.save(p)
        err = self._expect(p, LayoutError)
        assert "Sheet1" in str(err)

    @pytest.mark.parametrize(("raw", "fragment"), [("abc", "abc"), (12.7, "12.7")])
    def test_bad_cell_names_sheet_and_cell(self, raw: Any, fragment: str, tmp_path: Path) -> None:
        """Text or a fraction in a count cell is an error naming the sheet and cell."""
        out = fill(empty_report("2021"), tmp_path / "x.xlsx")
        wb = openpyxl.load_workbook(out)
        wb["三、依申请"]["E9"] = raw
        wb.save(out)
        err = self._expect(out, CellValueError)
        assert err.sheet == "三、依申请" and err.cell == "E9"
        assert "'三、依申请'!E9" in str(err) and fragment in str(err)


class TestTolerantCells:
    @pytest.mark.parametrize(
        ("raw", "value"),
        [
            ("1,234", 1234),
            ("１２", 12),
            (" 5 ", 5),
            ("'7", 7),
            (3.0, 3),
            ("—", 0),  # (a dash for none: 0, as the editions say to write it)
            ("/", None),
            ("无", None),
            ("", None),
        ],
    )
    def test_text_a_person_typed(self, raw: Any, value: Any, tmp_path: Path) -> None:
        """Numbers typed as text read as numbers, a dash as 0; / and 无 as absent, raw kept."""
        out = fill(empty_report("2021"), tmp_path / "x.xlsx")
        wb = openpyxl.load_workbook(out)
        wb["三、依申请"]["D5"] = raw
        wb.save(out)
        back = read(out)
        assert back.applications.new_received.natural_person == value
        assert back.provenance is not None
        if raw not in ("", None) and not isinstance(raw, float):
            assert (
                back.provenance.cells[("applications", "new_received", "natural_person")].raw == raw
            )
            assert back.provenance.notes

    @pytest.mark.parametrize(("raw", "value"), [("减4", -4), ("增5", 5), ("+3", 3), ("-8", -8)])
    def test_signed_changes(self, raw: str, value: int, tmp_path: Path) -> None:
        """本年增/减 understands 增N, 减N and signs."""
        out = fill(empty_report("2019"), tmp_path / "x.xlsx")
        wb = openpyxl.load_workbook(out)
        wb["二、主动公开"]["C8"] = raw
        wb.save(out)
        assert read(out).proactive.licensing.change == value

    def test_money_with_units(self, tmp_path: Path) -> None:
        """元 into the 万元 fee column converts exactly; a 2019 suffix sets the unit."""
        out = fill(empty_report("2021"), tmp_path / "x.xlsx")
        wb = openpyxl.load_workbook(out)
        wb["二、主动公开"]["B15"] = "7545元"
        wb.save(out)
        assert read(out).proactive.fees.amount == Decimal("0.7545")
        out19 = fill(empty_report("2019"), tmp_path / "y.xlsx")
        wb = openpyxl.load_workbook(out19)
        wb["二、主动公开"]["C19"] = "75394432.52元"
        wb.save(out19)
        back = read(out19)
        assert back.proactive.procurement.amount == Decimal("75394432.52")
        assert back.proactive.procurement.amount_unit == "元"


def test_output_folder_must_exist(tmp_path: Path) -> None:
    """Writing into a missing folder is an output error, not a traceback."""
    with pytest.raises(OutputError):
        fill(empty_report("2021"), tmp_path / "no" / "such" / "x.xlsx")
    assert os.listdir(tmp_path) == []
