"""Shared fixtures: the sample reports (tests/data), a LibreOffice converter, temporary outputs."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# No example is timed: speed is the benchmarks' (benchmarks/), and a deadline makes an
# example on a busy machine (a garbage collection, another process) fail as "flaky".
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SAMPLES = DATA / "samples"
SAMPLE_JSON = ("2019-pingtan", "2023-shuyang-drc", "2024-hongze-district")

#: Seconds a crafted input of a few hundred kilobytes may take in a "linear time" test.
#: Read in linear time each takes a few tenths of a second even on a loaded machine; a
#: reader that goes back over the rest of the input at every token takes minutes. The
#: limit is generous on purpose, so that a busy machine cannot make the test fail.
LINEAR_SECONDS = 10.0


def shared_file(name: str) -> Path:
    """A file of the reference material copied into tests/data (formats.md, data-model.md)."""
    path = DATA / name
    assert path.is_file(), f"reference file {path} missing from the repository"
    return path


def sample_path(name: str, suffix: str = ".json") -> Path:
    """A sample published report (or its truth .json) copied into tests/data/samples."""
    path = SAMPLES / f"{name}{suffix}"
    assert path.is_file(), f"sample {path} missing from the repository"
    return path


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """``zfxxgk ARGS`` run in this process, so that coverage sees it: ``main(args)`` with
    its own standard input (``stdin``, else empty), output and error streams, returning
    what ``subprocess.run(..., capture_output=True)`` would. Tests where the process
    boundary matters (a real pipe, Ctrl-C, the helper processes, ``python -m zfxxgk``)
    run the command as a subprocess instead."""
    from zfxxgk.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    streams = (
        io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", newline="\n", write_through=True),
    )
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = streams
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdin, sys.stdout, sys.stderr = saved
    result = subprocess.CompletedProcess(["zfxxgk", *args], code, out.getvalue(), err.getvalue())
    for stream in streams:
        stream.detach()
    return result


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe


def soffice_writer() -> str:
    """LibreOffice with its Writer, which prints Word and HTML documents (a machine with only
    ``libreoffice-calc-nogui`` has soffice but cannot convert a .docx: skip, don't fail)."""
    exe = soffice()
    program = Path(os.path.realpath(exe)).parent
    if not any(program.glob("libsw*lo.so")) and not any(program.glob("*swlo*")):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice Writer is required in CI")
        pytest.skip("LibreOffice Writer is not installed (libreoffice-writer-nogui)")
    return exe


def libreoffice_csv(xlsx: Path, outdir: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``xlsx`` as LibreOffice shows it, converted to CSV: {sheet: rows}."""
    return libreoffice_csv_many([xlsx], outdir)[xlsx.stem]


def libreoffice_csv_many(files: list[Path], outdir: Path) -> dict[str, dict[str, list[list[str]]]]:
    """Several workbooks converted by one LibreOffice run: {stem: {sheet: rows}}.

    LibreOffice writes one CSV per sheet, named ``<stem>-<sheet>.csv``.
    """
    profile = outdir / "lo-profile"
    cmd = [
        soffice(),
        "--headless",
        f"-env:UserInstallation=file://{profile}",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180 + 20 * len(files))
    out: dict[str, dict[str, list[list[str]]]] = {}
    for xlsx in files:
        sheets = out.setdefault(xlsx.stem, {})
        for f in sorted(outdir.glob(f"{xlsx.stem}-*.csv")):
            sheet = f.stem[len(xlsx.stem) + 1 :]
            sheets[sheet] = list(csv.reader(io.StringIO(f.read_text(encoding="utf-8"))))
    return out


def cell(rows: list[list[str]], ref: str) -> str:
    """The text of an A1 cell in CSV rows ('' past the end)."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(ref)
    col = column_index_from_string(letters)
    if row - 1 >= len(rows) or col - 1 >= len(rows[row - 1]):
        return ""
    return rows[row - 1][col - 1]


def area_mark(result: object, rule: str, sheet: str) -> str:
    """The mark the check area should show for ``rule`` on ``sheet``, from check()'s
    findings (run with include_passed=True): ✗ failed, ？ not assessable, ✓ passed, ''
    when every instance was skipped."""
    from zfxxgk.workbook.checkarea import BAD, OK, UNKNOWN

    mine = [
        f
        for f in result.findings  # type: ignore[attr-defined]
        if f.rule == rule and f.cells and f.cells[0].sheet == sheet
    ]
    statuses = {f.status for f in mine}
    if "failed" in statuses:
        return BAD
    if "not_assessable" in statuses:
        return UNKNOWN
    return OK if statuses else ""
