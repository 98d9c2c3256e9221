"""Shared fixtures: the sample reports, a LibreOffice converter, temporary outputs."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ZFXXGK_SHARED", ROOT.parent / "shared"))
SAMPLES = SHARED / "samples"
SAMPLE_JSON = ("2019-pingtan", "2023-shuyang-drc", "2024-hongze-district")


def shared_file(name: str) -> Path:
    """A file of the shared reference material (../shared beside the repository)."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"reference file {path} not present")
    return path


def sample_path(name: str, suffix: str = ".json") -> Path:
    path = SAMPLES / f"{name}{suffix}"
    if not path.exists():
        pytest.skip(f"sample {path} not present")
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
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
