"""Word documents of tests/producers_docx_shapes.py (issue 17): the report's tables in
text boxes (DrawingML with its VML fallback, or VML alone), WPS's merged cells whose
continuation cells repeat the text, tables split at a page break under a repeated
header (``w:tblHeader``). Each sample and random report reads back whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile_producers import judge
from producers import cells_of, samples_and_random
from producers_docx_shapes import SHAPES
from zfxxgk import parse

REPORTS = samples_and_random(seed=37, randoms=2)


@pytest.mark.parametrize("producer", sorted(SHAPES))
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_read_whole(name: str, producer: str, tmp_path: Path) -> None:
    report = REPORTS[name]
    s = judge(report, parse(SHAPES[producer](report, tmp_path)))
    assert s.wrong_cells == ()
    assert (s.right, s.blank) == (len(cells_of(report)), 0)


#: The shapes printed to PDF by LibreOffice Writer (one soffice run for all): a report of
#: each edition; none of their cells may be wrong, and most are read.
PRINTED = ("docx-merged-text", "docx-split-header")
PRINTED_REPORTS = ("2019-pingtan", "2024-hongze-district")


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import os
    import subprocess

    from conftest import soffice_writer

    exe = soffice_writer()
    folder = tmp_path_factory.mktemp("docx-shapes-pdf")
    docs = []
    for producer in PRINTED:
        for name in PRINTED_REPORTS:
            work = folder / f"{producer}--{name}"
            work.mkdir()
            docs.append(SHAPES[producer](REPORTS[name], work).rename(folder / f"{work.name}.docx"))
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, docs),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(folder)},
    )
    return folder


@pytest.mark.parametrize("producer", PRINTED)
@pytest.mark.parametrize("name", PRINTED_REPORTS)
def test_libreoffice_prints_are_never_wrong(name: str, producer: str, printed: Path) -> None:
    report = REPORTS[name]
    s = judge(report, parse(printed / f"{producer}--{name}.pdf"))
    assert s.wrong_cells == ()
    assert s.right >= 0.9 * len(cells_of(report))
