"""Helpers shared by the render, compare and panel tests: samples, browsers, PDF text."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from zfxxgk import AnnualReport
from zfxxgk.core.grid import all_fields
from zfxxgk.core.layout import Kind

DATA = Path(__file__).resolve().parent / "data" / "samples"
SAMPLES = ("2019-pingtan", "2023-shuyang-drc", "2024-hongze-district")


def sample(name: str) -> AnnualReport:
    """A sample report from its truth JSON (copied into tests/data/samples)."""
    return AnnualReport.from_json((DATA / f"{name}.json").read_bytes())


def tables_of(report: AnnualReport) -> dict[str, object]:
    data = report.to_dict()
    data.pop("meta", None)
    return data


def visible(report: AnnualReport) -> AnnualReport:
    """What a printed table shows: values with a cell (no hidden subtotals, no meta); a
    unit without its amount has nothing to print beside."""
    out = report.copy()
    cells = all_fields(report.layout)
    for f, _ in report.items():
        if f.path not in cells and f.kind is not Kind.UNIT:
            out.set(f.path, None)
        if f.kind is Kind.UNIT:
            amount = (f.path[0], f.path[1], f.path[2].removesuffix("_unit"))
            if report.get(amount) is None:
                out.set(f.path, None)
    out.meta = {}
    return out


def _tool(*names: str, what: str) -> str:
    for name in names:
        exe = shutil.which(name)
        if exe:
            return exe
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI")
    pytest.skip(f"{what} is not installed")


def chromium() -> str:
    return _tool("chromium", "chromium-browser", "google-chrome", what="chromium")


def pdftotext() -> str:
    return _tool("pdftotext", what="pdftotext (poppler-utils)")


def soffice() -> str:
    """LibreOffice with Writer: every use here prints a Word or HTML document."""
    from conftest import soffice_writer

    return soffice_writer()


def browser_pdf_text(page: Path, tmp: Path) -> str:
    """The page as headless chromium lays it out and prints it, as text (-layout)."""
    pdf = tmp / (page.stem + "-chromium.pdf")
    profile = tmp / "chromium-profile"
    cmd = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        page.resolve().as_uri(),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    assert pdf.exists() and pdf.stat().st_size > 0
    return pdf_text(pdf)


def browser_dom(page: Path, tmp: Path) -> str:
    """The page's DOM after chromium has parsed it."""
    profile = tmp / "chromium-profile"
    cmd = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    return done.stdout.decode("utf-8")


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        [pdftotext(), "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def libreoffice_pdfs(files: list[Path], outdir: Path) -> dict[str, str]:
    """Each document converted to PDF by one LibreOffice run: {name: PDF text}."""
    profile = outdir / "lo-profile"
    out = outdir / "pdf"
    out.mkdir(exist_ok=True)
    texts: dict[str, str] = {}
    for kind in ("docx", "html"):
        group = [f for f in files if f.suffix.lstrip(".") == kind]
        if not group:
            continue
        target = "pdf" if kind == "docx" else "pdf:writer_web_pdf_Export"
        cmd = [
            soffice(),
            "--headless",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, group),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180 + 30 * len(group))
        for f in group:
            pdf = out / (f.stem + ".pdf")
            assert pdf.exists(), f"LibreOffice did not convert {f.name}"
            texts[f.name] = pdf_text(pdf)
    return texts
