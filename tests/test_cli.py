"""The command line and the examples, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, sample_path, sha256
from zfxxgk import AnnualReport, read
from zfxxgk.cli import main
from zfxxgk.jsonio import loads


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "zfxxgk", *args], input=stdin, capture_output=True, timeout=120
    )


class TestFillRead:
    def test_fill_from_stdin_then_read_json(self, tmp_path: Path) -> None:
        """`fill - -o` then `read --json` gives back the sample's canonical JSON."""
        data = sample_path("2023-shuyang-drc").read_bytes()
        out = tmp_path / "s.xlsx"
        r = run("fill", "-", "-o", str(out), stdin=data)
        assert r.returncode == 0, r.stderr.decode()
        r = run("read", str(out), "--json")
        assert r.returncode == 0
        assert loads(r.stdout) == loads(data)

    def test_read_text_view(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --json, read prints the tables with their labels."""
        out = tmp_path / "p.xlsx"
        assert main(["fill", str(sample_path("2019-pingtan")), "-o", str(out)]) == 0
        assert main(["read", str(out)]) == 0
        text = capsys.readouterr().out
        assert "平潭综合实验区" in text and "第二十条第（九）项" in text
        assert "75394432.52" in text and "三、收到和处理政府信息公开申请情况" in text

    def test_template_command(self, tmp_path: Path) -> None:
        """`template --edition 2019 -o` writes a workbook the reader knows as 2019."""
        out = tmp_path / "t.xlsx"
        assert run("template", "--edition", "2019", "-o", str(out)).returncode == 0
        assert read(out).edition == "2019"


class TestErrors:
    @pytest.mark.parametrize(
        ("args", "fragment"),
        [
            (["read", "/no/such.xlsx"], "/no/such.xlsx"),
            (["fill", "/no/such.json", "-o", "x.xlsx"], "/no/such.json"),
            (["read"], "usage"),
            (["template", "--edition", "2018"], "usage"),
        ],
    )
    def test_exit_2_with_one_line_message(self, args: list[str], fragment: str) -> None:
        """Bad input or usage: exit 2, a Chinese + English line naming the file, no traceback."""
        r = run(*args)
        err = r.stderr.decode()
        assert r.returncode == 2
        assert fragment in err and "Traceback" not in err
        assert "|" in err

    def test_bad_json_names_line(self, tmp_path: Path) -> None:
        """Malformed JSON is named with its file, line and column."""
        p = tmp_path / "bad.json"
        p.write_text('{"edition": "2021",\n "year": }', encoding="utf-8")
        r = run("fill", str(p), "-o", str(tmp_path / "x.xlsx"))
        err = r.stderr.decode()
        assert r.returncode == 2 and str(p) in err and "第 2 行" in err and "line 2" in err
        assert not (tmp_path / "x.xlsx").exists()

    def test_unknown_key_in_json(self, tmp_path: Path) -> None:
        """An unknown key in the data is named; nothing is written."""
        r = run(
            "fill",
            "-",
            "-o",
            str(tmp_path / "x.xlsx"),
            stdin=json.dumps({"edition": "2021", "reviews": {"appeals": {}}}).encode(),
        )
        assert r.returncode == 2 and "reviews.appeals" in r.stderr.decode()
        assert not (tmp_path / "x.xlsx").exists()

    def test_output_over_input_is_refused(self, tmp_path: Path) -> None:
        """`fill data.json -o data.json` would destroy the input: refused, input intact."""
        p = tmp_path / "d.json"
        p.write_bytes(sample_path("2019-pingtan").read_bytes())
        before = sha256(p)
        r = run("fill", str(p), "-o", str(p))
        assert r.returncode == 2 and sha256(p) == before


class TestExamples:
    def test_fill_and_read_examples(self, tmp_path: Path) -> None:
        """The two example scripts run and agree with each other."""
        out = tmp_path / "example.xlsx"
        r = subprocess.run(
            [sys.executable, str(ROOT / "examples" / "fill_2021.py"), str(out)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert r.returncode == 0, r.stderr
        report = read(out)
        assert report.agency == "某某县自然资源局"
        assert report.applications.results_total.total == 39
        assert report.applications.withheld_state_secret.natural_person == 0
        r = subprocess.run(
            [sys.executable, str(ROOT / "examples" / "read_report.py"), str(out)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert r.returncode == 0, r.stderr
        assert "applications.results_total.total = 39" in r.stdout
        assert "note:" not in r.stdout
        assert AnnualReport.from_json(report.to_json()) == report
