"""Command-line paths the other tests leave out: usage errors, dry runs, the last-resort
error handlers, parse's text view. Run in process (``run_cli``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import openpyxl
import pytest

from conftest import run_cli, sample_path
from zfxxgk import AnnualReport, fill
from zfxxgk import cli as cli_module
from zfxxgk.errors import ZfxxgkError

CORPUS = Path(__file__).parent / "data" / "corpus"


def said(code: str, **params: object) -> str:
    """The English of catalogue error ``code``: what the one-line error must say."""
    return ZfxxgkError.of(code, **params).en


def one_line_error(r: object, *fragments: str) -> None:
    err = r.stderr.decode()  # type: ignore[attr-defined]
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and all(f in err for f in fragments), err


class TestUsage:
    def test_fill_needs_an_output(self) -> None:
        r = run_cli("fill", str(sample_path("2019-pingtan")))
        assert r.returncode == 2
        one_line_error(r, said("output-required"))

    def test_annotate_takes_one_file(self, tmp_path: Path) -> None:
        good = str(sample_path("2019-pingtan"))
        r = run_cli("check", good, good, "--annotate", str(tmp_path / "m.xlsx"))
        assert r.returncode == 2 and not (tmp_path / "m.xlsx").exists()
        one_line_error(r, said("option-single-file", option="--annotate"))

    @pytest.mark.parametrize("command", ["check", "read"])
    def test_an_empty_folder(self, command: str, tmp_path: Path) -> None:
        r = run_cli(command, str(tmp_path))
        assert r.returncode == 2
        one_line_error(r, said("no-files", command=command))

    def test_an_empty_previous_folder(self, tmp_path: Path) -> None:
        (tmp_path / "last").mkdir()
        good = str(sample_path("2019-pingtan"))
        r = run_cli("check", good, good, "--previous", str(tmp_path / "last"))
        assert r.returncode == 2
        one_line_error(r, said("previous-empty", folder=str(tmp_path / "last")))

    def test_an_unreadable_previous_report_pairs_with_nothing(self, tmp_path: Path) -> None:
        last = tmp_path / "last"
        last.mkdir()
        (last / "bad.xlsx").write_bytes(b"not a workbook")
        this = tmp_path / "this.json"
        this.write_bytes(sample_path("2024-hongze-district").read_bytes())
        r = run_cli("check", str(this), "--previous", str(last), "--json")
        lines = [json.loads(x) for x in r.stdout.decode().splitlines()]
        assert r.returncode == 0 and [x["previous"] for x in lines] == [None]
        assert "cannot be read and pairs with nothing" in r.stderr.decode()
        assert "bad.xlsx" in r.stderr.decode()

    @pytest.mark.parametrize("output", ["total.csv", "total"])
    def test_aggregate_writes_xlsx_or_json_only(self, output: str, tmp_path: Path) -> None:
        r = run_cli("aggregate", str(sample_path("2019-pingtan")), "-o", str(tmp_path / output))
        assert r.returncode == 2 and not (tmp_path / output).exists()
        one_line_error(r, said("output-suffix", allowed=[".xlsx", ".json"]))

    def test_aggregate_of_nothing(self, tmp_path: Path) -> None:
        r = run_cli("aggregate", str(tmp_path), "-o", str(tmp_path / "t.json"))
        assert r.returncode == 2
        one_line_error(r, said("no-files", command="aggregate"))

    def test_jobs_zero_is_one_per_core(self) -> None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
        assert cli_module._jobs("0") == (cores or os.cpu_count() or 1)
        assert cli_module._jobs("3") == 3


class TestDryRun:
    def test_the_official_template_places_every_field(self) -> None:
        r = run_cli("fill", str(sample_path("2024-hongze-district")), "--dry-run")
        out = r.stdout.decode()
        assert r.returncode == 0 and "fields placed" in out
        assert "fields holding a value" not in out

    def test_values_without_a_cell_are_counted(self, tmp_path: Path) -> None:
        """A template without section 四: the plan says how many stated values have no
        cell (they travel in the hidden data); nothing is written."""
        wb = openpyxl.load_workbook(CORPUS / "moved-hongze.xlsx")
        del wb["表三"]
        theirs = tmp_path / "theirs.xlsx"
        wb.save(theirs)
        report = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
        stated = sum(1 for f, v in report.items() if f.path[0] == "reviews" and v is not None)
        r = run_cli(
            "fill", str(sample_path("2024-hongze-district")), "--dry-run", "--template", str(theirs)
        )
        out = r.stdout.decode()
        assert r.returncode == 0
        assert f"fields holding a value: {stated}" in out
        assert sorted(p.name for p in tmp_path.iterdir()) == ["theirs.xlsx"]


class TestLastResort:
    """Whatever escapes a command becomes one line and an exit status, never a traceback."""

    def _raising(self, monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
        def boom(args: object) -> int:
            raise exc

        from zfxxgk.cli import rules as rules_command

        monkeypatch.setattr(rules_command, "run", boom)

    def test_an_internal_error_is_exit_3(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("ZFXXGK_DEBUG", raising=False)
        self._raising(monkeypatch, RuntimeError("unexpected"))
        r = run_cli("rules")
        assert r.returncode == 3
        one_line_error(r, "internal error: RuntimeError: unexpected", "ZFXXGK_DEBUG=1")

    def test_debug_shows_the_traceback(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setenv("ZFXXGK_DEBUG", "1")
        self._raising(monkeypatch, RuntimeError("unexpected"))
        r = run_cli("rules")
        assert r.returncode == 3
        assert "Traceback" in r.stderr.decode() + capsys.readouterr().err

    def test_ctrl_c_is_exit_130(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._raising(monkeypatch, KeyboardInterrupt())
        r = run_cli("rules")
        assert r.returncode == 130
        one_line_error(r, "interrupted")


class TestTextViews:
    def test_parse_text_view_with_its_warnings(self) -> None:
        """Without --json, parse prints the tables; warnings and findings go to stderr."""
        src = sample_path("2020-gaoan-science-bureau", ".txt")
        r = run_cli("parse", str(src))
        out, err = r.stdout.decode(), r.stderr.decode()
        assert r.returncode == 0
        assert "高安市科学技术局" in out and "四、政府信息公开行政复议、行政诉讼情况" in out
        assert err.count("警告 | warning") >= 2 and "the row is left blank" in err
        assert "R2-19-AMOUNT-UNIT" in err

    def test_read_prints_the_notes_of_interpretation(self) -> None:
        r = run_cli("read", str(CORPUS / "typed-hongze.xlsx"))
        err = r.stderr.decode()
        assert r.returncode == 0 and "淮安市洪泽区人民政府" in r.stdout.decode()
        assert "注意 | note" in err and "11,398,889" in err and "7545" in err

    def test_read_jsonl_of_one_file(self, tmp_path: Path) -> None:
        book = fill(
            AnnualReport.from_json(sample_path("2019-pingtan").read_bytes()), tmp_path / "a.xlsx"
        )
        r = run_cli("read", str(book), "--jsonl")
        (line,) = [json.loads(x) for x in r.stdout.decode().splitlines()]
        assert r.returncode == 0 and line["file"] == str(book)
        assert AnnualReport.from_dict(line["report"]) == AnnualReport.from_json(
            sample_path("2019-pingtan").read_bytes()
        )
