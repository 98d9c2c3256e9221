"""Workbooks as they come back: re-saved, typed by hand, rearranged, relabelled, broken."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

import zfxxgk.errors as errors_module
from badfiles import FUZZ_CASES, fuzz_cases, make_cases, returns_or_refuses
from conftest import ROOT, sample_path, sha256
from strategies import reports
from zfxxgk import AnnualReport, empty_report, fill, read
from zfxxgk.core.jsonio import loads
from zfxxgk.errors import LayoutError
from zfxxgk.workbook.fill import as_filled, plan_fill
from zfxxgk.workbook.read import load_sheets, report_from_sheets

CORPUS = ROOT / "tests" / "data" / "corpus"
MANIFEST = loads((CORPUS / "manifest.json").read_bytes())


class TestCorpus:
    @pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
    def test_reads_to_the_expected_report(self, entry: dict[str, Any]) -> None:
        """Each corpus file reads to its expected report, with the notes it must carry."""
        path = CORPUS / entry["file"]
        before = sha256(path)
        report = read(path)
        assert report == AnnualReport.from_dict(entry["expected"])
        assert report.provenance is not None
        for fragment in entry["notes"]:
            assert any(fragment in str(n) for n in report.provenance.notes), fragment
        assert sha256(path) == before

    @pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
    def test_fast_path_equals_label_search(self, entry: dict[str, Any]) -> None:
        """Our-layout fast path and the label search give the same report."""
        path = CORPUS / entry["file"]
        sheets = load_sheets(path)
        assert report_from_sheets(sheets, str(path)) == report_from_sheets(
            sheets, str(path), fast=False
        )

    @given(report=reports())
    @settings(
        max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    def test_fast_path_equals_label_search_on_random_fills(
        self, report: AnnualReport, tmp_path: Path
    ) -> None:
        """On any filled template the label search finds every cell the fast path does."""
        out = fill(report, tmp_path / "r.xlsx")
        sheets = load_sheets(out)
        fast = report_from_sheets(sheets, str(out))
        slow = report_from_sheets(sheets, str(out), fast=False)
        assert fast == slow == as_filled(report)


class TestTheirTemplate:
    def test_fill_their_template_and_read_back(self, tmp_path: Path) -> None:
        """A relabelled template with an extra row is filled by labels and reads back."""
        report = AnnualReport.from_json(sample_path("2019-pingtan").read_bytes())
        theirs = CORPUS / "hubei-pingtan.xlsx"
        before = sha256(theirs)
        out = fill(report, tmp_path / "out.xlsx", template=theirs)
        assert sha256(theirs) == before
        assert read(out) == report
        ws = openpyxl.load_workbook(out)["二、主动公开"]
        assert ws["A4"].value.startswith("规章（设区的市")

    def test_dry_run_lists_what_does_not_fit(self) -> None:
        """The plan names the template's extra input row and the fields with no cell."""
        plan = plan_fill("2019", CORPUS / "hubei-pingtan.xlsx")
        assert plan.unmatched == ["'二、主动公开'!B5", "'二、主动公开'!C5", "'二、主动公开'!D5"]
        plan = plan_fill("2021", CORPUS / "moved-hongze.xlsx")
        assert plan.unplaced == []
        assert "按标签定位" in plan.text()

    def test_values_without_a_cell_travel_hidden(self, tmp_path: Path) -> None:
        """A template lacking section 四 still gives the report back, via hidden data."""
        report = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
        src = CORPUS / "moved-hongze.xlsx"
        wb = openpyxl.load_workbook(src)
        del wb["表三"]
        theirs = tmp_path / "theirs.xlsx"
        wb.save(theirs)
        plan = plan_fill("2021", theirs)
        assert ("reviews", "reconsideration", "total") in plan.unplaced
        out = fill(report, tmp_path / "out.xlsx", template=theirs)
        assert read(out) == report

    def test_wrong_edition_template(self, tmp_path: Path) -> None:
        """A 2019-labelled template is refused for a 2021 report."""
        with pytest.raises(LayoutError, match="2019"):
            fill(empty_report("2021"), tmp_path / "x.xlsx", template=CORPUS / "hubei-pingtan.xlsx")


class TestEditions:
    def test_2021_year_on_the_2019_template(self, tmp_path: Path) -> None:
        """Labels decide the edition; the year disagreeing is a check warning."""
        report = empty_report("2019", "阎良区机关事务服务中心", 2021).with_zeros().with_totals()
        report.proactive.procurement.amount_unit = "元"
        out = fill(report, tmp_path / "x.xlsx")
        back = read(out)
        assert back.edition == "2019"
        assert [f.rule for f in zfxxgk_check(back).issues] == ["RX-EDITION-YEAR"]

    def test_mixed_editions_warn(self, tmp_path: Path) -> None:
        """A 2021 workbook carrying 2019 section-二 labels too is read as the majority,
        with a note naming both."""
        wb = openpyxl.load_workbook(CORPUS / "moved-hongze.xlsx")
        ws = wb.create_sheet("旧表")
        ws["A1"] = "本年新制作数量"
        out = tmp_path / "x.xlsx"
        wb.save(out)
        back = read(out)
        assert back.edition == "2021"
        assert any(n.code == "edition-both" for n in back.provenance.notes)

    def test_missing_table_is_named(self, tmp_path: Path) -> None:
        """A workbook without section 四 reads with a note naming the missing table."""
        src = CORPUS / "moved-hongze.xlsx"
        wb = openpyxl.load_workbook(src)
        del wb["表三"]
        path = tmp_path / "no-t4.xlsx"
        wb.save(path)
        back = read(path)
        assert back.reviews.reconsideration.total is None
        assert any(
            n.code == "table-not-found" and n.params["table"] == "reviews"
            for n in back.provenance.notes
        )


def zfxxgk_check(report: AnnualReport) -> Any:
    from zfxxgk import check

    return check(report)


class TestBadInput:
    CASES = (
        "empty.xlsx",
        "text.xlsx",
        "truncated.xlsx",
        "corrupt.xlsx",
        "encrypted.xlsx",
        "zip-not-workbook.xlsx",
        "bomb.xlsx",
        "lying-size.xlsx",
        "laughs.xlsx",
        "xxe.xlsx",
        "bad-xml.xlsx",
    )

    @pytest.fixture(scope="class")
    @classmethod
    def cases(cls, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
        folder = tmp_path_factory.mktemp("bad")
        valid = fill(
            AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes()),
            folder / "valid.xlsx",
        )
        return make_cases(valid, folder / "cases")

    @pytest.mark.parametrize("name", CASES)
    def test_each_bad_file(self, name: str, cases: dict[str, Any]) -> None:
        """Each bad input raises its error class, naming the file, fast and unchanged."""
        path, cls_name, code = cases[name]
        before = sha256(path)
        start = time.perf_counter()
        with pytest.raises(getattr(errors_module, cls_name)) as info:
            read(path)
        assert time.perf_counter() - start < 10
        message = str(info.value)
        assert str(path) in message and " | " in message and info.value.code == code
        assert sha256(path) == before

    def test_missing_and_directory(self, tmp_path: Path) -> None:
        """A missing file and a directory are input errors (also OSError)."""
        with pytest.raises(errors_module.InputNotFoundError):
            read(tmp_path / "none.xlsx")
        with pytest.raises(errors_module.InputFileError) as info:
            read(tmp_path)
        assert isinstance(info.value, OSError)

    def test_no_tables(self, tmp_path: Path) -> None:
        """A workbook with none of the tables names its sheets."""
        wb = openpyxl.Workbook()
        wb.active.title = "工资表"
        wb.active["A1"] = "姓名"
        path = tmp_path / "other.xlsx"
        wb.save(path)
        with pytest.raises(LayoutError, match="工资表"):
            read(path)

    def test_cli_exit_2_without_traceback(self, cases: dict[str, Any]) -> None:
        """On the command line each bad file is one line on stderr and exit 2."""
        import subprocess
        import sys

        for name in ("laughs.xlsx", "encrypted.xlsx", "bomb.xlsx"):
            path = cases[name][0]
            r = subprocess.run(
                [sys.executable, "-m", "zfxxgk", "read", str(path)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert r.returncode == 2 and "Traceback" not in r.stderr
            assert len(r.stderr.strip().splitlines()) == 1


def test_fuzzed_workbooks_return_or_raise_ours(tmp_path: Path) -> None:
    """Random byte and XML mutations: read() returns or raises a ZfxxgkError, quickly."""
    valid = fill(
        AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes()),
        tmp_path / "valid.xlsx",
    )
    make = fuzz_cases(valid, FUZZ_CASES, seed=20261126)
    outcomes = {True: 0, False: 0}  # read, refused
    for i in range(FUZZ_CASES):
        path = make(i, tmp_path)
        outcomes[returns_or_refuses(read, path, i)] += 1
        path.unlink()
    assert outcomes[True] > 0 and outcomes[False] > 0


def test_hand_filled_template_reads_quietly(tmp_path: Path) -> None:
    """Our blank template filled by hand (no hidden data yet) reads with no complaint."""
    import shutil

    from zfxxgk import template_path

    path = tmp_path / "hand.xlsx"
    shutil.copy(template_path("2021"), path)
    wb = openpyxl.load_workbook(path)
    wb["三、依申请"]["D5"] = 3
    wb.save(path)
    report = read(path)
    assert report.applications.new_received.natural_person == 3
    assert report.applications.new_received.total == 3  # its formula had no stored result
    assert not any(n.code.startswith("hidden-") for n in report.provenance.notes)
