"""A long number LibreOffice prints into the next cell of a borderless table: never glued.

Printed without rules, a number wider than its column runs on into the next one, a
space before that column's own number (602559243107 11). On the code before this test
the two were read as one number (60255924310711, no warning). Now digits a space apart
stay apart in the line's run: no reader takes them for one number, and the cell is blank
with a warning naming its row.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from lo_convert import convert
from pdf_producers import BORDERLESS, html
from producers import random_report, score
from zfxxgk import AnnualReport, parse
from zfxxgk.published._pdf_layout import _runs

pytest.importorskip("pypdfium2")


def test_digits_a_space_apart_stay_apart() -> None:
    line = [
        {"text": d, "x0": 10.0 + 6 * i, "x1": 16.0 + 6 * i, "top": 0.0, "bottom": 10.0}
        for i, d in enumerate("3107")
    ]
    line += [
        {"text": d, "x0": 36.0 + 6 * i, "x1": 42.0 + 6 * i, "top": 0.0, "bottom": 10.0}
        for i, d in enumerate("11")
    ]
    assert [r[2] for r in _runs(line)] == ["3107 11"]
    assert [r[2] for r in _runs(line[:4])] == ["3107"]


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[AnnualReport, Path]]:
    exe = shutil.which("soffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("overflow")
    rng = random.Random(1)
    files, out = [], []
    for i in range(4):
        report = random_report(rng, "2019" if i % 2 else "2021")
        page = folder / f"r{i}.html"
        page.write_text(html(report, BORDERLESS, rules=False), "utf-8")
        files.append(page)
        out.append((report, page.with_suffix(".pdf")))
    convert(exe, files, folder, "pdf:writer_web_pdf_Export", timeout=600)
    return out


def test_a_number_run_into_the_next_cell_is_never_glued(
    printed: list[tuple[AnnualReport, Path]],
) -> None:
    another = {}
    for truth, pdf in printed:
        s = score(truth, parse(pdf))
        numbers = [c for c in s.wrong_cells if c[2] is not None]
        if numbers:
            another[pdf.stem] = numbers[:3]
    assert another == {}
