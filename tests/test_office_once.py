"""One report once, whole outputs, a panel that shows bad reports, paths in ``to_frame``
(issue 19, points 5, 6, 7 and 8)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest

import zfxxgk
from conftest import run_cli, sample_path
from zfxxgk import AnnualReport, fill, read


def dept(agency: str, natural: int = 12, year: int = 2024) -> AnnualReport:
    r = AnnualReport(edition="2021", agency=agency, year=year)
    r.applications.new_received.natural_person = natural
    r.applications.disclosed.natural_person = natural
    r.applications.carried_forward.natural_person = 0
    return r.with_totals()


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A folder of two departments, one of them sent twice under another name."""
    folder = tmp_path / "in"
    folder.mkdir()
    fill(dept("甲局", 12), folder / "a.xlsx")
    fill(dept("乙局", 5), folder / "b.xlsx")
    shutil.copy(folder / "a.xlsx", folder / "a-again.xlsx")
    return folder


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


# ---------------------------------------------------------------- #19.5 the same report once


def test_aggregate_adds_a_resent_file_once(office: Path, tmp_path: Path) -> None:
    out, summary = tmp_path / "sum.json", tmp_path / "s.csv"
    r = run_cli("aggregate", str(office), "-o", str(out), "--summary", str(summary))
    assert r.returncode == 0, r.stderr.decode()
    total = AnnualReport.from_json(out.read_bytes())
    assert total.applications.new_received.total == 17  # not 29
    sources = total.meta["sources"]
    assert len({s["sha256"] for s in sources}) == len(sources) == 2
    skipped = total.meta["skipped"]
    assert [s["reason"] for s in skipped] == ["duplicate"]
    status = {row["file"]: (row["status"], row["reason"]) for row in rows(summary.read_text())}
    assert sorted(v for v in status.values() if v[1] == "duplicate") == [("skipped", "duplicate")]


def test_aggregate_refuses_two_files_for_one_agency_year(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    fill(dept("甲局", 12), folder / "a.xlsx")
    fill(dept("甲局", 20), folder / "a-corrected.xlsx")
    out, summary = tmp_path / "sum.json", tmp_path / "s.csv"
    r = run_cli("aggregate", str(folder), "-o", str(out), "--summary", str(summary))
    assert r.returncode == 2
    err = r.stderr.decode()
    assert "a.xlsx" in err and "a-corrected.xlsx" in err and "--latest" in err
    assert not out.exists() and not summary.exists()
    # --latest: the file modified last wins, the other is listed as superseded
    os.utime(folder / "a.xlsx", (1_700_000_000, 1_700_000_000))
    os.utime(folder / "a-corrected.xlsx", (1_800_000_000, 1_800_000_000))
    r = run_cli("aggregate", str(folder), "-o", str(out), "--latest")
    assert r.returncode == 0, r.stderr.decode()
    total = AnnualReport.from_json(out.read_bytes())
    assert total.applications.new_received.total == 20
    assert [(s["file"], s["reason"]) for s in total.meta["skipped"]] == [
        (str(folder / "a.xlsx"), "superseded")
    ]


def test_python_aggregate_adds_the_same_file_once(office: Path) -> None:
    a = str(office / "a.xlsx")
    total = zfxxgk.aggregate([(read(a), a), (read(office / "a-again.xlsx"), a)])
    assert total.applications.new_received.total == 12
    assert any("a.xlsx" in n for n in total.meta["notes"])


def test_check_folder_checks_a_copy_once(office: Path) -> None:
    r = run_cli("check", str(office), "--csv")
    assert r.returncode == 0, r.stderr.decode()
    by_file: dict[str, set[str]] = {}
    for row in rows(r.stdout.decode()):
        by_file.setdefault(Path(row["file"]).name, set()).add(row["status"])
    assert by_file["a.xlsx"] == {"duplicate"}
    assert "duplicate" not in by_file["a-again.xlsx"] | by_file["b.xlsx"]


def test_compare_pairs_a_copy_once(office: Path, tmp_path: Path) -> None:
    last = tmp_path / "last"
    last.mkdir()
    fill(dept("甲局", 3, 2023), last / "a.xlsx")
    fill(dept("乙局", 4, 2023), last / "b.xlsx")
    shutil.copy(last / "b.xlsx", last / "b-copy.xlsx")  # last year's copy still pairs
    from zfxxgk.app.compare import compare_folders

    done = compare_folders([str(last)], [str(office)])
    assert sorted(info["agency"] for info, _ in done.pairs) == ["乙局", "甲局"]
    assert [Path(f).name for f, _ in done.unpaired] == ["a.xlsx"]


# ---------------------------------------------------------------- #19.6 whole outputs


def test_aggregate_writes_nothing_when_an_output_cannot_be(office: Path, tmp_path: Path) -> None:
    out = tmp_path / "sum.xlsx"
    r = run_cli(
        "aggregate", str(office), "-o", str(out), "--summary", str(tmp_path / "no" / "s.csv")
    )
    assert r.returncode == 2 and not out.exists()


def test_a_refused_aggregate_writes_no_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    fill(dept("甲局"), folder / "a.xlsx")
    (folder / "bad.xlsx").write_bytes(b"junk")
    out, summary = tmp_path / "sum.json", tmp_path / "s.csv"
    r = run_cli("aggregate", str(folder), "-o", str(out), "--summary", str(summary))
    assert r.returncode == 2 and not out.exists() and not summary.exists()


def test_check_writes_nothing_when_an_output_cannot_be(tmp_path: Path) -> None:
    book = fill(dept("甲局"), tmp_path / "a.xlsx")
    marked = tmp_path / "marked.xlsx"
    r = run_cli(
        "check", str(book), "--annotate", str(marked), "--html", str(tmp_path / "no" / "c.html")
    )
    assert r.returncode == 2 and not marked.exists()


# ---------------------------------------------------------------- #19.7 the panel's status

pd = pytest.importorskip("pandas")


def test_panel_shows_each_report_status_and_keeps_only_clean(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    fill(dept("甲局"), folder / "a.xlsx")
    wrong = dept("乙局")
    wrong.applications.new_received.total = 99
    fill(wrong, folder / "b.xlsx")
    out = tmp_path / "p.csv"
    assert run_cli("panel", str(folder), "-o", str(out)).returncode == 0
    df = pd.read_csv(out)
    status = df.groupby("agency")[["check_status", "check_errors"]].first()
    assert status.loc["甲局"].tolist() == ["ok", 0]
    assert status.loc["乙局", "check_status"] == "errors" and status.loc["乙局", "check_errors"] > 0
    r = run_cli("panel", str(folder), "-o", str(out), "--clean")
    assert r.returncode == 0 and "b.xlsx" in r.stderr.decode()
    assert set(pd.read_csv(out)["agency"]) == {"甲局"}


def test_panel_counts_a_copy_once(office: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    assert run_cli("panel", str(office), "-o", str(out)).returncode == 0
    df = pd.read_csv(out)
    assert len(df[(df.row == "new_received") & (df.column == "total")]) == 2


# ---------------------------------------------------------------- #19.8 to_frame of paths


@pytest.mark.parametrize("suffix", [".json", ".txt", ".xlsx"])
def test_to_frame_takes_paths(suffix: str, tmp_path: Path) -> None:
    truth = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    if suffix == ".xlsx":
        path = fill(truth, tmp_path / "r.xlsx")
    else:
        path = sample_path("2024-hongze-district", suffix)
    for given in ([path], [str(path)], str(path)):
        df = zfxxgk.to_frame(given)  # type: ignore[arg-type]
        total = df[(df.row == "new_received") & (df.column == "total")]["count"].tolist()
        assert total == [truth.applications.new_received.total]


def test_to_frame_of_html(tmp_path: Path) -> None:
    truth = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    page = zfxxgk.render(truth, tmp_path / "r.html").path
    df = zfxxgk.to_frame([page], checked=True)
    assert set(df["check_status"]) == {"ok"}
    assert df[(df.row == "new_received") & (df.column == "total")]["count"].tolist() == [
        truth.applications.new_received.total
    ]
    with pytest.raises(TypeError):
        zfxxgk.to_frame([json.loads("1")])


def test_compare_refuses_two_files_of_one_agency_year_unless_latest(tmp_path: Path) -> None:
    from zfxxgk.app.compare import compare_folders
    from zfxxgk.app.dedupe import DuplicateReportError

    last, this = tmp_path / "last", tmp_path / "this"
    last.mkdir()
    this.mkdir()
    fill(dept("甲局", 3, 2023), last / "a.xlsx")
    fill(dept("甲局", 12), this / "a.xlsx")
    fill(dept("甲局", 20), this / "a-v2.xlsx")
    os.utime(this / "a.xlsx", (1_700_000_000, 1_700_000_000))
    os.utime(this / "a-v2.xlsx", (1_800_000_000, 1_800_000_000))
    with pytest.raises(DuplicateReportError):
        compare_folders([str(last)], [str(this)])
    r = run_cli("compare", str(last), str(this))
    assert r.returncode == 2 and "a-v2.xlsx" in r.stderr.decode()
    done = compare_folders([str(last)], [str(this)], latest=True)
    ((info, cmp),) = done.pairs
    assert Path(info["this_file"]).name == "a-v2.xlsx"
    assert cmp.get("applications.new_received.total").this == 20


def test_compare_output_never_over_a_file_inside_an_input_folder(tmp_path: Path) -> None:
    last, this = tmp_path / "last", tmp_path / "this"
    last.mkdir()
    this.mkdir()
    fill(dept("甲局", 3, 2023), last / "a.xlsx")
    target = fill(dept("甲局", 12), this / "a.xlsx")
    before = target.read_bytes()
    r = run_cli("compare", str(last), str(this), "-o", str(target))
    assert r.returncode == 2 and target.read_bytes() == before


def test_check_folder_names_two_files_of_one_agency_year(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    fill(dept("甲局", 12), folder / "a.xlsx")
    fill(dept("甲 局", 20), folder / "a-v2.xlsx")  # the same name, spaced
    fill(dept("乙局", 5), folder / "b.xlsx")
    r = run_cli("check", str(folder), "--csv")
    err = r.stderr.decode()
    (line,) = [x for x in err.splitlines() if "a-v2.xlsx" in x]
    assert "a.xlsx" in line and "b.xlsx" not in err


def test_one_file_named_twice_counts_once(tmp_path: Path) -> None:
    a = fill(dept("甲局", 12), tmp_path / "a.xlsx")
    out = tmp_path / "sum.json"
    assert run_cli("aggregate", str(a), str(a), "-o", str(out)).returncode == 0
    assert AnnualReport.from_json(out.read_bytes()).applications.new_received.total == 12
    panel = tmp_path / "p.csv"
    assert run_cli("panel", str(a), str(a), "-o", str(panel)).returncode == 0
    df = pd.read_csv(panel)
    assert len(df[(df.row == "new_received") & (df.column == "total")]) == 1


def test_a_sum_that_fails_while_written_leaves_no_summary(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zfxxgk.app.office
    from zfxxgk.errors import OutputError

    def full_disk(*args: object, **kw: object) -> None:
        raise OutputError("磁盘已满", "disk full", file="sum.xlsx")

    monkeypatch.setattr(zfxxgk.app.office, "write_workbook", full_disk)
    out, summary = tmp_path / "sum.xlsx", tmp_path / "s.csv"
    r = run_cli("aggregate", str(office), "-o", str(out), "--summary", str(summary))
    assert r.returncode == 2 and not out.exists() and not summary.exists()
    assert not list(tmp_path.glob(".s.csv*"))  # no temporary file left behind
