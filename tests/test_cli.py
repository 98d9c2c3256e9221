"""The command line and the examples, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, sample_path, sha256
from zfxxgk import AnnualReport, read
from zfxxgk.cli import main
from zfxxgk.core.jsonio import loads


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """``zfxxgk ARGS`` run in this process (coverage sees it)."""
    return run_cli(*args, stdin=stdin)


def run_process(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """``python -m zfxxgk ARGS`` as a process of its own, its input through a real pipe."""
    return subprocess.run(
        [sys.executable, "-m", "zfxxgk", *args], input=stdin, capture_output=True, timeout=120
    )


class TestFillRead:
    def test_fill_from_stdin_then_read_json(self, tmp_path: Path) -> None:
        """`fill - -o` then `read --json` gives back the sample's canonical JSON (as
        processes of their own: `python -m zfxxgk`, the data through a pipe)."""
        data = sample_path("2023-shuyang-drc").read_bytes()
        out = tmp_path / "s.xlsx"
        r = run_process("fill", "-", "-o", str(out), stdin=data)
        assert r.returncode == 0, r.stderr.decode()
        r = run_process("read", str(out), "--json")
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


def _broken(tmp_path: Path) -> Path:
    report = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    report.applications.disclosed.total = 51
    out = tmp_path / "broken.xlsx"
    from zfxxgk import fill

    fill(report, out)
    return out


class TestCheckCommand:
    def test_exit_codes(self, tmp_path: Path) -> None:
        """0 when consistent, 1 with an error, 2 when a file cannot be read."""
        good = sample_path("2019-pingtan")
        assert run("check", str(good)).returncode == 0
        assert run("check", str(_broken(tmp_path))).returncode == 1
        assert run("check", str(good), str(tmp_path / "none.xlsx")).returncode == 2

    def test_json_lines(self, tmp_path: Path) -> None:
        """--json prints one object per file, unreadable ones with an error object."""
        broken = _broken(tmp_path)
        r = run(
            "check",
            str(broken),
            str(sample_path("2023-shuyang-drc")),
            str(tmp_path / "none.xlsx"),
            "--json",
        )
        lines = [json.loads(x) for x in r.stdout.decode().splitlines()]
        assert [x["file"] for x in lines] == [
            str(broken),
            str(sample_path("2023-shuyang-drc")),
            str(tmp_path / "none.xlsx"),
        ]
        assert lines[0]["ok"] is False and lines[0]["counts"]["error"] == 2
        f = lines[0]["findings"][0]
        assert f["status"] == "failed" and f["cells"][0]["cell"].startswith("'三、依申请'!")
        # 沭阳 leaves the 法人或其他组织 columns blank: warnings only
        assert lines[1]["ok"] is True
        assert {f["rule"] for f in lines[1]["findings"]} == {"R3-COLUMN-BLANK"}
        assert lines[2]["ok"] is False and lines[2]["error"]["type"] == "not-found"
        assert r.returncode == 2

    def test_all_lists_passes(self) -> None:
        """--all adds the passing instances with status passed."""
        r = run("check", str(sample_path("2019-pingtan")), "--json", "--all")
        (line,) = [json.loads(x) for x in r.stdout.decode().splitlines()]
        assert line["findings"] and {f["status"] for f in line["findings"]} == {"passed"}

    def test_rules_file(self, tmp_path: Path) -> None:
        """A TOML or JSON rules file changes severities without code."""
        broken = _broken(tmp_path)
        toml = tmp_path / "rules.toml"
        toml.write_text(
            '[rules.R3-ROW-TOTAL]\nseverity = "warning"\n'
            "[rules.R3-RESULT-TOTAL]\nenabled = false\n",
            encoding="utf-8",
        )
        assert run("check", str(broken), "--rules", str(toml)).returncode == 0
        js = tmp_path / "rules.json"
        js.write_text('{"rules": {"R3-NOPE": {"enabled": false}}}', encoding="utf-8")
        r = run("check", str(broken), "--rules", str(js))
        assert r.returncode == 2 and "R3-NOPE" in r.stderr.decode()

    def test_previous_year(self, tmp_path: Path) -> None:
        """--previous adds the cross-year rules (one file: whatever the agency)."""
        last = AnnualReport.from_json(sample_path("2023-shuyang-drc").read_bytes())
        last.applications.carried_forward.natural_person = 7
        prev = tmp_path / "last.json"
        prev.write_text(last.to_json(), encoding="utf-8")
        this = tmp_path / "this.json"
        this.write_bytes(sample_path("2024-hongze-district").read_bytes())
        r = run("check", str(this), "--previous", str(prev), "--json")
        (line,) = [json.loads(x) for x in r.stdout.decode().splitlines()]
        assert any(f["rule"] == "R3-XYEAR-CARRY" for f in line["findings"])
        assert r.returncode == 0  # warnings only
        # with several files, the previous report pairs only with its own agency
        other = tmp_path / "this-again.json"  # the same report, other bytes: not a copy
        other.write_text(AnnualReport.from_json(this.read_bytes()).to_json(indent=2))
        r = run("check", str(this), str(other), "--previous", str(prev), "--json")
        lines = [json.loads(x) for x in r.stdout.decode().splitlines()]
        assert len(lines) == 2 and all(x["previous"] is None for x in lines)
        assert all("previous_note" in x for x in lines) and r.returncode == 0

    def test_annotate(self, tmp_path: Path) -> None:
        """--annotate writes a marked copy that opens in LibreOffice; the input is untouched."""
        import openpyxl

        from conftest import libreoffice_csv

        broken = _broken(tmp_path)
        before = sha256(broken)
        out = tmp_path / "marked.xlsx"
        r = run("check", str(broken), "--annotate", str(out))
        assert r.returncode == 1 and out.exists()
        assert sha256(broken) == before
        ws = openpyxl.load_workbook(out)["三、依申请"]
        assert ws["J7"].comment is not None and "R3-ROW-TOTAL" in ws["J7"].comment.text
        assert ws["J7"].fill.start_color.rgb.endswith("FFC7CE")
        assert ws["D5"].comment is None
        sheets = libreoffice_csv(out, tmp_path / "lo")
        assert "三、依申请" in sheets
        assert read(out) == read(broken)

    def test_annotate_json_input(self, tmp_path: Path) -> None:
        """For JSON input --annotate marks the filled official template."""
        data = tmp_path / "d.json"
        report = AnnualReport.from_json(sample_path("2019-pingtan").read_bytes())
        report.reviews.reconsideration.total = 1
        data.write_text(report.to_json(), encoding="utf-8")
        out = tmp_path / "m.xlsx"
        assert run("check", str(data), "--annotate", str(out)).returncode == 1
        assert read(out) == report

    @pytest.mark.parametrize("name", ["lo-hongze.ods", "lo-hongze.xls"])
    def test_annotate_ods_and_xls_input(self, name: str, tmp_path: Path) -> None:
        """openpyxl cannot mark an .ods or .xls: the filled official template is marked."""
        source = Path(__file__).parent / "data" / "corpus" / name
        out = tmp_path / "m.xlsx"
        r = run("check", str(source), "--annotate", str(out))
        assert r.returncode == 0, r.stderr.decode()
        assert read(out) == read(source)


class TestFillChecks:
    def test_fill_reports_findings_but_writes(self, tmp_path: Path) -> None:
        """fill prints findings on stderr and still writes the stated numbers (exit 0)."""
        report = AnnualReport.from_json(sample_path("2019-pingtan").read_bytes())
        report.reviews.reconsideration.total = 1
        out = tmp_path / "x.xlsx"
        r = run("fill", "-", "-o", str(out), stdin=report.to_json().encode())
        assert r.returncode == 0 and out.exists()
        assert "R4-REVIEW-TOTAL" in r.stderr.decode()
        assert r.stdout == b""

    def test_strict_refuses(self, tmp_path: Path) -> None:
        """fill --strict refuses a report with errors: exit 1, no output file."""
        report = AnnualReport.from_json(sample_path("2019-pingtan").read_bytes())
        report.reviews.reconsideration.total = 1
        out = tmp_path / "x.xlsx"
        r = run("fill", "-", "-o", str(out), "--strict", stdin=report.to_json().encode())
        assert r.returncode == 1 and not out.exists()
        assert "R4-REVIEW-TOTAL" in r.stderr.decode()
