"""Pairing this year's reports with last year's by agency, for the cross-year rules."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import run_cli, sample_path
from zfxxgk import AnnualReport, fill, read
from zfxxgk.app.pairing import NOT_FOUND, PreviousReports, agency_keys


def sample() -> AnnualReport:
    return AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())


def report(agency: str | None, year: int | None, code: str | None = None) -> AnnualReport:
    r = AnnualReport(edition="2021", agency=agency, year=year)
    if code is not None:
        r.meta = {"agency_code": code}
    return r


class TestPreviousReports:
    def test_names_pair_across_spacing_and_full_width_forms(self) -> None:
        """'某 县（局）' typed with spaces or full-width letters pairs with the plain name."""
        index = PreviousReports()
        index.add("a.xlsx", report("ＡＢ市 教育局", 2023))
        assert index.find(report("AB市教育局", 2024)) == ("a.xlsx", None)
        assert agency_keys(report(" AB市教育局 ", 2024)) == ["name:AB市教育局"]

    def test_only_the_year_before(self) -> None:
        """A report of two years before, or of the same year, is no pair."""
        index = PreviousReports()
        index.add("a.xlsx", report("某局", 2022))
        index.add("b.xlsx", report("某局", 2024))
        assert index.find(report("某局", 2024)) == (None, NOT_FOUND)
        path, why = index.find(report("某局", None))
        assert path is None and why is not None and "年度" in why

    def test_code_first_then_name(self) -> None:
        """The code pairs even when the name changed; a name pairs when last year's report
        has no code; a same name with another code does not pair."""
        index = PreviousReports()
        index.add("old-name.xlsx", report("某县教育局", 2023, "11320829MB1234567X"))
        index.add("no-code.xlsx", report("某县卫健委", 2023))
        index.add("other-code.xlsx", report("某县水利局", 2023, "22222222"))
        renamed = report("某县教育体育局", 2024, "11320829mb1234567x")
        assert index.find(renamed) == ("old-name.xlsx", None)
        assert index.find(report("某县卫健委", 2024, "333"))[0] == "no-code.xlsx"
        path, why = index.find(report("某县水利局", 2024, "44444444"))
        assert path is None and why is not None and "22222222" in why

    def test_a_shared_name_pairs_with_nothing(self) -> None:
        """Two of last year's reports with one name: neither is used, and the note says so."""
        index = PreviousReports()
        index.add("a.xlsx", report("办公室", 2023))
        index.add("b.xlsx", report("办公室", 2023))
        path, why = index.find(report("办公室", 2024))
        assert path is None and why is not None and "多份" in why and "办公室" in why


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """``zfxxgk ARGS`` run in this process, its output as text."""
    r = run_cli(*args)
    return subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode(), r.stderr.decode())


def test_check_a_folder_against_last_years_folder(tmp_path: Path) -> None:
    """check THIS_YEAR/ --previous LAST_YEAR/: each report meets its own agency's report of
    the year before; a carry-over that disagrees is an error naming both cells, and a
    report without a pair says so and is still checked."""
    this, last = tmp_path / "2024", tmp_path / "2023"
    this.mkdir()
    last.mkdir()
    for i in range(3):
        r = sample()
        r.agency = f"部门{i}"
        fill(r, this / f"d{i}.xlsx")
    for i in (0, 1):
        prev = sample()
        prev.agency = f"部门 {i}"  # typed with a space last year
        prev.year = 2023
        carried = r.applications.carried_over.natural_person
        prev.applications.carried_forward.natural_person = carried + (5 if i == 1 else 0)
        prev.applications.carried_forward.total = None
        fill(prev, last / f"old{i}.xlsx")
    (last / "broken.xlsx").write_bytes(b"junk")
    r = run("check", str(this), "--previous", str(last), "--json", "--jobs", "2")
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert [Path(x["file"]).name for x in records] == ["d0.xlsx", "d1.xlsx", "d2.xlsx"]
    assert [Path(x["previous"]).name if x["previous"] else None for x in records] == [
        "old0.xlsx",
        "old1.xlsx",
        None,
    ]
    assert "previous_note" in records[2] and "previous_note" not in records[0]
    carry = [[f for f in x["findings"] if f["rule"] == "R3-XYEAR-CARRY"] for x in records]
    # last year's 总计 of 四 was left blank, and its workbook's live formula shows the sum
    # of its parts: that is what was read, so the column is checked, not 无法核对 (the
    # blank side of last year is tested in test_narrative_checks)
    unknown = [[f for f in c if f["status"] == "not_assessable"] for c in carry]
    assert [len(u) for u in unknown] == [0, 0, 0]
    carry = [[f for f in c if f["status"] != "not_assessable"] for c in carry]
    assert carry[0] == [] and carry[2] == []
    # 自然人 differs by 5, and so does the 总计 last year's formula adds up
    assert len(carry[1]) == 2
    for failed in carry[1]:
        assert failed["status"] == "failed" and failed["severity"] == "warning"
        assert {c["previous_year"] for c in failed["cells"]} == {True, False}
    assert r.returncode == 0  # cross-year rules warn (formats.md); nothing else fails
    assert (
        "broken.xlsx" in r.stderr and "paired with last year's report: 2, not paired: 1" in r.stderr
    )
    text = run("check", str(this / "d2.xlsx"), "--previous", str(last)).stdout
    assert "未找到同一单位上一年度的报告" in text


def test_a_code_typed_on_the_cover_pairs_a_renamed_agency(tmp_path: Path) -> None:
    """The cover's 统一社会信用代码 cell, filled by hand, is meta.agency_code: last
    year's report pairs with this year's although the agency was renamed."""
    import openpyxl

    from zfxxgk.core.grid import place_cover

    def hand_filled(agency: str, year: int, name: str) -> Path:
        r = sample()
        r.agency, r.year = agency, year
        out = fill(r, tmp_path / name)
        wb = openpyxl.load_workbook(out)
        cover = place_cover(r.layout)
        wb[cover.sheet][cover.fields[("cover", "meta.agency_code", "")].ref()] = (
            "11320829MB1234567X"
        )
        wb.save(out)
        return out

    last = hand_filled("某县教育局", 2023, "last.xlsx")
    this = hand_filled("某县教育体育局", 2024, "this.xlsx")
    assert read(this).meta["agency_code"] == "11320829MB1234567X"
    index = PreviousReports()
    index.add(str(last), read(last))
    assert index.find(read(this)) == (str(last), None)


def test_a_cover_of_the_earlier_template_still_reads(tmp_path: Path) -> None:
    """Workbooks filled with the template before the code row (its other rows one
    higher) keep their agency, year and filler: the cover is then found by its labels."""
    import openpyxl

    r = sample()
    r.meta = {"filled_by": "王五"}
    out = fill(r, tmp_path / "old.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb["封面"]
    row = next(c.row for c in ws["A"] if c.value == "统一社会信用代码")
    ws.delete_rows(row)
    wb.save(out)
    back = read(out)
    assert (back.agency, back.year, back.meta.get("filled_by")) == (r.agency, r.year, "王五")
