"""Hostile inputs at the command line, second round (issue 18 §3, §4, §8): outputs over
inputs found in folders, a full stdout, rules files and JSON that ask for unbounded
work, an unbounded narrative, and control characters in printed names."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from badfiles import said
from conftest import run_cli, sample_path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "data" / "corpus"
HONGZE = "2024-hongze-district"


def _one_error_line(err: str) -> str:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


# ------------------------------------------------------------ §3 outputs over inputs


@pytest.fixture
def years(tmp_path: Path) -> tuple[Path, Path]:
    """2023/ and 2024/, each holding the county's workbook."""
    last, this = tmp_path / "2023", tmp_path / "2024"
    for d in (last, this):
        d.mkdir()
        shutil.copy(CORPUS / "lo-hongze.xlsx", d / "county.xlsx")
    return last, this


@pytest.mark.parametrize("shape", ["folders", "file-and-folder", "folder-and-file"])
def test_compare_never_writes_over_an_input_found_in_a_folder(
    shape: str, years: tuple[Path, Path]
) -> None:
    last, this = years
    target = this / "county.xlsx"
    before = target.read_bytes()
    a = str(last) if shape != "file-and-folder" else str(last / "county.xlsx")
    b = str(this) if shape != "folder-and-file" else str(this / "county.xlsx")
    r = run_cli("compare", a, b, "-o", str(target))
    assert r.returncode == 2
    assert said("output-is-input").search(_one_error_line(r.stderr.decode()))
    assert target.read_bytes() == before


def test_check_html_never_writes_over_a_previous_report_in_a_folder(
    years: tuple[Path, Path],
) -> None:
    last, this = years
    target = last / "county.xlsx"
    before = target.read_bytes()
    r = run_cli("check", str(this / "county.xlsx"), "--previous", str(last), "--html", str(target))
    assert r.returncode == 2 and target.read_bytes() == before


def test_aggregate_summary_never_over_an_input_in_a_folder(years: tuple[Path, Path]) -> None:
    last, _ = years
    target = last / "county.xlsx"
    before = target.read_bytes()
    out = last.parent / "sum.json"
    r = run_cli("aggregate", str(last), "-o", str(out), "--summary", str(target))
    assert r.returncode == 2 and target.read_bytes() == before and not out.exists()


@pytest.mark.parametrize("which", ["report", "text"])
def test_render_never_writes_over_its_inputs(which: str, tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    r = run_cli("render", str(sample_path(HONGZE)), "-o", str(report))
    assert r.returncode == 0
    text = tmp_path / "t.md"
    text.write_text("一、总体情况\n本年度……\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (report, text)}
    target = report if which == "report" else text
    r = run_cli("render", str(report), "--text", str(text), "-o", str(target))
    assert r.returncode == 2 and all(p.read_bytes() == b for p, b in before.items())


# ------------------------------------------------------------ §4 a full stdout


def _cli(
    *args: str, stdout: int | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "zfxxgk", *args],
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        timeout=timeout,
        check=False,
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args",
    [
        ("check", str(CORPUS / "lo-hongze.xlsx"), "--csv"),
        ("check", str(CORPUS / "lo-hongze.xlsx"), "--json"),
        ("compare", str(sample_path(HONGZE)), str(sample_path(HONGZE))),
        ("parse", str(sample_path(HONGZE, ".txt")), "--json"),
        ("read", str(CORPUS / "lo-hongze.xlsx"), "--json"),
        ("rules", "--json"),
    ],
    ids=lambda a: "-".join(a[:1] + a[2:]),
)
def test_a_full_stdout_is_a_clean_error(args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        r = _cli(*args, stdout=full.fileno())
    assert r.returncode == 2, r.stderr
    assert "<stdout>" in _one_error_line(r.stderr.decode())


def test_the_guard_turns_any_writers_error_into_an_output_error() -> None:
    """The CSV writer writes the byte-order mark straight to the stream: still clean."""
    import io

    from zfxxgk.cli.streams import GuardedStdout
    from zfxxgk.errors import OutputError

    class Full(io.StringIO):
        def write(self, s: str) -> int:
            raise OSError(28, "No space left on device")

    import csv

    with pytest.raises(OutputError, match="stdout"):
        csv.writer(GuardedStdout(Full())).writerow(["\ufeff"])


# ------------------------------------------------------------ §4 rules files and JSON


def _timed(*args: str) -> tuple[subprocess.CompletedProcess[bytes], float]:
    start = time.perf_counter()
    r = run_cli(*args)
    return r, time.perf_counter() - start


RULES = {
    "nested-arrays.toml": "x = " + "[" * 5000 + "]" * 5000 + "\n",
    "nested-tables.toml": "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
    "dotted-key.toml": ".".join(["a"] * 100_000) + " = 1\n",
    "dotted-keys.toml": "".join(f"a.k{i} = 1\n" for i in range(20_000)),
    "huge.toml": "".join(f"a.k{i} = 1\n" for i in range(200_000)),
    "huge.json": "{" + ",".join(f'"k{i}": {{}}' for i in range(300_000)) + "}",
    "deep.json": "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.parametrize("name", sorted(RULES))
def test_a_hostile_rules_file_is_refused_quickly(name: str, tmp_path: Path) -> None:
    rules = tmp_path / name
    rules.write_text(RULES[name], encoding="utf-8")
    r, seconds = _timed("check", str(sample_path(HONGZE)), "--rules", str(rules))
    assert r.returncode == 2, r.stderr
    assert str(rules) in _one_error_line(r.stderr.decode())
    assert seconds < 10


def test_a_real_rules_file_still_reads(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '# a comment [[[[\n[rules.R3-ROW-TOTAL]\nseverity = "warning"\n', encoding="utf-8"
    )
    r = run_cli("check", str(sample_path(HONGZE)), "--rules", str(rules))
    assert r.returncode in (0, 1), r.stderr


@pytest.mark.parametrize("item", [b"[]", b"{}", b"0"])
def test_json_of_millions_of_values_is_refused_before_it_is_built(
    item: bytes, tmp_path: Path
) -> None:
    """11 M empty lists within the 32 MiB bound: refused in well under a second of work
    (it was a MemoryError, or 32 s and 2 GB), naming the bound."""
    path = tmp_path / "many.json"
    body = b",".join([item] * (10_000_000 if item == b"[]" else 1_000_000))
    path.write_bytes(b'{"edition": "2021", "meta": {"x": [' + body + b"]}}")
    r, seconds = _timed("read", str(path))
    line = _one_error_line(r.stderr.decode())
    assert r.returncode == 2 and "500000" in line and str(path) in line
    assert seconds < 10


def test_render_text_is_read_with_the_inputs_bound(tmp_path: Path) -> None:
    """A sparse 3 GiB narrative: refused at once (it was read whole: MemoryError)."""
    text = tmp_path / "正文.md"
    with open(text, "wb") as fh:
        fh.truncate(3 << 30)
    r, seconds = _timed(
        "render", str(sample_path(HONGZE)), "--text", str(text), "-o", str(tmp_path / "o.docx")
    )
    assert r.returncode == 2 and said("input-too-large").search(_one_error_line(r.stderr.decode()))
    assert seconds < 10 and not (tmp_path / "o.docx").exists()


# ------------------------------------------------------------ §8 control characters


def test_a_newline_in_a_sheet_name_keeps_the_error_on_one_line(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "a\nforged line"
    ws["A1"] = "hello"
    path = tmp_path / "x.xlsx"
    wb.save(path)
    r = run_cli("read", str(path))
    assert r.returncode == 2
    assert "a\\nforged line" in _one_error_line(r.stderr.decode())


@pytest.mark.skipif(sys.platform == "win32", reason="no newline in Windows file names")
def test_a_newline_in_a_file_name_cannot_forge_a_report_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    forged = "x.xlsx\n淮安市洪泽区人民政府 2024 年度：全部通过 | every rule passed\nz.xlsx"
    shutil.copy(CORPUS / "lo-hongze.xlsx", folder / forged)
    (folder / ("bad\nline.xlsx")).write_bytes(b"not a workbook")
    r = run_cli("check", str(folder))
    out, err = r.stdout.decode(), r.stderr.decode()
    assert not any(line.startswith("淮安市") for line in out.splitlines()), out
    assert "x.xlsx\\n淮安市" in out
    assert not any(line.startswith("line.xlsx") for line in err.splitlines()), err


def test_a_control_character_in_the_agency_names_the_file(tmp_path: Path) -> None:
    """In a batch, "the agency contains control characters" says which file."""
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(CORPUS / "lo-hongze.xlsx") as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data = data.replace("洪泽区人民政府".encode(), "洪泽区_x0001_人民政府".encode())
            dst.writestr(info, data)
    good = CORPUS / "lo-hongze.xlsx"
    r = run_cli("check", str(good), str(bad))
    errors = [x for x in r.stderr.decode().splitlines() if "错误 | error" in x]
    assert r.returncode == 2 and len(errors) == 1 and str(bad) in errors[0], errors
