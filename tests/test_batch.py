"""Many files: batch check and read, aggregation (汇总), the long DataFrame."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli, sample_path
from strategies import consistent_reports
from zfxxgk import AnnualReport, aggregate, check, empty_report, fill, read, to_frame
from zfxxgk.app.aggregate import AggregateError


def sample(name: str) -> AnnualReport:
    return AnnualReport.from_json(sample_path(name).read_bytes())


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """``zfxxgk ARGS`` run in this process (coverage sees it; --jobs still forks workers)."""
    return run_cli(*args, stdin=stdin)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Five department workbooks of one year, one of them broken, one unreadable."""
    d = tmp_path / "depts"
    (d / "sub").mkdir(parents=True)
    base = sample("2024-hongze-district")
    for i in range(3):
        r = base.copy()
        r.agency = f"部门{i}"
        fill(r, d / f"dept{i}.xlsx")
    bad = base.copy()
    bad.agency = "部门错"
    bad.applications.disclosed.total = 51
    fill(bad, d / "sub" / "dept-bad.xlsx")
    (d / "sub" / "broken.xlsx").write_bytes(b"not a workbook")
    (d / "notes.txt").write_text("ignored: not a workbook name", encoding="utf-8")
    return d


class TestBatchCommands:
    def test_check_folder_in_parallel(self, folder: Path) -> None:
        """A folder: every workbook under it, one JSON line each, in order; a summary."""
        r = run("check", str(folder), "--json", "--jobs", "2")
        lines = [json.loads(x) for x in r.stdout.decode().splitlines()]
        names = [Path(x["file"]).name for x in lines]
        assert names == ["dept0.xlsx", "dept1.xlsx", "dept2.xlsx", "broken.xlsx", "dept-bad.xlsx"]
        assert [x["ok"] for x in lines] == [True, True, True, False, False]
        assert "error" in lines[3] and lines[4]["counts"]["error"] == 2
        err = r.stderr.decode()
        assert "5 files: 3 ok, 1 with errors, 0 not filled in, 1 unreadable" in err
        assert "R3-ROW-TOTAL: 1" in err and "\r" not in err  # no progress bar when piped
        assert r.returncode == 2

    def test_check_csv(self, folder: Path) -> None:
        """--csv: a header and one row per finding, with the file (and one row, status ok,
        for a file without findings)."""
        r = run("check", str(folder / "sub" / "dept-bad.xlsx"), str(folder / "dept0.xlsx"), "--csv")
        rows = list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8-sig"))))
        # the one wrong cell first (最可能出错), then the two failures it explains, then
        # a row for the file without findings
        assert rows[0]["rule"] == "最可能出错"
        assert {x["rule"] for x in rows[:-1]} == {"最可能出错", "R3-ROW-TOTAL", "R3-RESULT-TOTAL"}
        assert all(x["file"].endswith("dept-bad.xlsx") for x in rows[:-1])
        assert rows[-1]["file"].endswith("dept0.xlsx") and rows[-1]["status"] == "ok"
        assert rows[0]["cells"].startswith("'三、依申请'!")
        assert r.returncode == 1

    def test_read_jsonl(self, folder: Path) -> None:
        """read --jsonl: {"file", "report"} or {"file", "error"} a line."""
        r = run("read", str(folder), "--jsonl", "--jobs", "0")  # one per core
        lines = [json.loads(x) for x in r.stdout.decode().splitlines()]
        assert len(lines) == 5
        assert lines[0]["report"]["agency"] == "部门0"
        assert AnnualReport.from_dict(lines[1]["report"]).agency == "部门1"
        # broken.xlsx holds a line of text: refused as the text file it is, not a workbook
        assert lines[3]["error"]["code"] == "document-not-report-data"
        assert lines[3]["error"]["params"] == {"format": "txt"}
        assert r.returncode == 2

    def test_jobs_must_be_a_whole_number(self, folder: Path) -> None:
        """--jobs -1 or --jobs x is a usage error (exit 2) naming the option."""
        for bad in ("-1", "x"):
            r = run("check", str(folder), "--jobs", bad)
            assert r.returncode == 2 and "--jobs" in r.stderr.decode()


class TestAggregate:
    def test_sum_of_samples(self) -> None:
        """Each cell of the sum is the sum of the inputs; absent only where all are."""
        a, b = sample("2024-hongze-district"), sample("2023-shuyang-drc")
        b.year = 2024
        total = aggregate([a, b], agency="某市")
        assert total.agency == "某市" and total.year == 2024
        for f, v in total.items():
            va, vb = a.get(f.path), b.get(f.path)
            if f.kind.value == "unit" or f.path[1] == "other_total":
                continue
            if va is None and vb is None:
                assert v is None, f.path
            else:
                assert v == (va or 0) + (vb or 0), f.path
        assert [s["agency"] for s in total.meta["sources"]] == [a.agency, b.agency]

    @given(st.lists(consistent_reports(edition="2021"), min_size=1, max_size=3))
    @settings(max_examples=10, deadline=None)
    def test_sum_of_consistent_reports_is_consistent(self, reports: list[AnnualReport]) -> None:
        """Adding consistent reports gives a consistent report (no HARD rule breaks)."""
        for r in reports:
            r.proactive.fees.amount = Decimal("12.345678")
        total = aggregate(reports)
        assert check(total).ok
        assert total.applications.new_received.total == sum(
            r.applications.new_received.total for r in reports
        )

    def test_partial_subtotals(self) -> None:
        """One input states only （六）'s subtotal, another its rows: both count; the
        subtotal check becomes not assessable, not an error."""
        a = sample("2024-hongze-district")  # （六） as a single subtotal row
        a.applications.other_total.natural_person = 3
        a.applications.other_total.total = 3
        for row in ("new_received", "results_total"):
            a.applications[row].natural_person += 3
            a.applications[row].total += 3
        b = sample("2023-shuyang-drc")
        b.year = 2024
        b.applications.other_reasons.natural_person = 2
        b.applications.other_reasons.total = 2
        for row in ("new_received", "results_total"):
            b.applications[row].natural_person += 2
            b.applications[row].total += 2
        assert check(a).ok and check(b).ok
        total = aggregate([a, b])
        assert total.applications.other_total.natural_person == 5
        assert total.applications.other_reasons.natural_person == 2
        result = check(total)
        assert result.ok
        subtotals = [f for f in result.issues if f.rule == "R3-GROUP-SUBTOTALS"]
        assert subtotals and {f.status for f in subtotals} == {"not_assessable"}
        assert any("小计" in n for n in total.meta["notes"])

    def test_procurement_units(self) -> None:
        """2019 amounts in 元 and 万元 add up exactly in 元, with a note."""
        a = sample("2019-pingtan")
        b = sample("2019-pingtan")
        b.proactive.procurement.amount = Decimal("52.15")
        b.proactive.procurement.amount_unit = "万元"
        total = aggregate([a, b])
        assert total.proactive.procurement.amount == Decimal("75394432.52") + Decimal("521500")
        assert total.proactive.procurement.amount_unit == "元"
        assert any("万元" in n for n in total.meta["notes"])
        b.proactive.procurement.amount_unit = None
        with pytest.raises(AggregateError) as caught:
            aggregate([a, b])
        assert caught.value.code == "aggregate-unit-missing"

    def test_mixed_editions_or_years_refused(self) -> None:
        """Reports of two editions, or two years, are not added up."""
        with pytest.raises(AggregateError) as caught:
            aggregate([sample("2024-hongze-district"), sample("2019-pingtan")])
        assert caught.value.code == "aggregate-mixed"
        assert caught.value.note.params["edition"] == "2019"
        other_year = sample("2024-hongze-district")
        other_year.year = 2023
        with pytest.raises(AggregateError) as caught:
            aggregate([sample("2024-hongze-district"), other_year])
        assert caught.value.code == "aggregate-mixed"
        assert caught.value.note.params["year"] == 2023

    def test_sum_beyond_exact_is_refused(self) -> None:
        """A money sum past 15 significant digits is an error, not a rounding."""
        a = sample("2024-hongze-district")
        a.proactive.fees.amount = Decimal("99999999999.9999")
        with pytest.raises(AggregateError) as caught:
            aggregate([a, a])
        assert caught.value.code == "aggregate-sum-too-large"
        assert caught.value.note.params["field"] == "proactive.fees.amount"

    def test_streaming(self) -> None:
        """aggregate() takes a generator and keeps only the running sum."""
        base = empty_report("2021", "x", 2024).with_zeros().with_totals()

        def many() -> object:
            for _ in range(200):
                yield base

        total = aggregate(many())  # type: ignore[arg-type]
        assert total.applications.new_received.total == 0
        assert len(total.meta["sources"]) == 200


class TestAggregateCommand:
    def test_json_and_workbook_outputs(self, tmp_path: Path) -> None:
        """-o TOTAL.json holds the bare canonical sum; -o TOTAL.xlsx the filled template."""
        d = tmp_path / "in"
        d.mkdir()
        for i in range(3):
            r = sample("2024-hongze-district")
            r.agency = f"部门{i}"
            fill(r, d / f"d{i}.xlsx")
        out = tmp_path / "total.json"
        summary = tmp_path / "summary.csv"
        r = run(
            "aggregate",
            str(d),
            "-o",
            str(out),
            "--agency",
            "淮安市",
            "--summary",
            str(summary),
            "--jobs",
            "2",
        )
        assert r.returncode == 0, r.stderr.decode()
        total = AnnualReport.from_json(out.read_bytes())
        assert total.agency == "淮安市"
        assert total.applications.new_received.total == 3 * 95
        assert len({s["sha256"] for s in total.meta["sources"]}) == 3
        rows = list(csv.reader(io.StringIO(summary.read_text("utf-8-sig"))))
        assert len(rows) == 1 + 3 + 1 and rows[-1][1] == "淮安市"
        xlsx = tmp_path / "total.xlsx"
        assert run("aggregate", str(d), "-o", str(xlsx)).returncode == 0
        assert read(xlsx).applications.new_received.total == 3 * 95
        assert read(xlsx).agency == "汇总"

    def test_unreadable_input_stops_the_sum(self, tmp_path: Path) -> None:
        """A sum must not silently miss a department: exit 2 and no output."""
        good = fill(sample("2024-hongze-district"), tmp_path / "good.xlsx")
        bad = tmp_path / "bad.xlsx"
        bad.write_bytes(b"junk")
        out = tmp_path / "t.json"
        summary = tmp_path / "s.csv"
        r = run("aggregate", str(good), str(bad), "-o", str(out), "--summary", str(summary))
        assert r.returncode == 2 and not out.exists() and "bad.xlsx" in r.stderr.decode()
        assert "--skip-unreadable" in r.stderr.decode()
        assert not summary.exists()  # a refused run writes nothing (issue 19.6)

    def test_skip_unreadable_adds_up_the_rest_and_says_so(self, tmp_path: Path) -> None:
        """--skip-unreadable: the readable files are added up, the others named in
        meta.skipped, the summary and on stderr."""
        good = fill(sample("2024-hongze-district"), tmp_path / "good.xlsx")
        bad = tmp_path / "bad.xlsx"
        bad.write_bytes(b"junk")
        out = tmp_path / "t.json"
        summary = tmp_path / "s.csv"
        r = run(
            "aggregate",
            str(good),
            str(bad),
            "-o",
            str(out),
            "--summary",
            str(summary),
            "--skip-unreadable",
        )
        assert r.returncode == 0, r.stderr.decode()
        total = AnnualReport.from_json(out.read_bytes())
        assert total.applications.new_received.total == 95
        assert [s["file"] for s in total.meta["skipped"]] == [str(bad)]
        assert "bad.xlsx" in total.meta["skipped"][0]["error"]
        assert [s["file"] for s in total.meta["sources"]] == [str(good)]
        rows = list(csv.reader(io.StringIO(summary.read_text("utf-8-sig"))))
        assert [row[4] for row in rows[1:]] == ["ok", "unreadable", "ok"]
        assert "meta.skipped" in r.stderr.decode() and "added up 1 reports" in r.stderr.decode()


def test_to_frame_long_format() -> None:
    """to_frame: one row per value with agency, year, edition, table, row, column."""
    df = to_frame([sample("2019-pingtan"), sample("2024-hongze-district")])
    assert list(df.columns[:7]) == ["agency", "year", "edition", "table", "row", "column", "value"]
    hz = df[
        (df.agency == "淮安市洪泽区人民政府") & (df.row == "new_received") & (df.column == "total")
    ]
    assert hz.value.tolist() == [95]
    assert len(df[df.agency == "平潭综合实验区"]) == 23 + 161 + 15
