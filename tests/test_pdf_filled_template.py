"""Our Excel template, filled and printed to PDF by LibreOffice calc: every cell right or
blank with a warning.

The most common way a report reaches the web: an agency fills the official template
(``zfxxgk fill``) and prints it. The printout is ruled; a number too wide for its column
is printed ``###`` (its digits are not on the page: that one cell is left blank with a
warning, the row's others are read), and the 2019 edition's unit of the procurement
amount stands on a row of its own (采购总金额的单位), which is no column of the
procurement row. On the code before these tests, every row with a ``###`` and the
procurement row were left blank whole (1048 of 1394 cells right on the corpus below).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from filled_pdfs import Printed, filled_pdfs
from producers import score
from zfxxgk import AnnualReport, parse
from zfxxgk.workbook.fill import as_filled

pytest.importorskip("pypdfium2")


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return filled_pdfs(tmp_path_factory.mktemp("filled-template"))


def test_every_cell_right_or_blank_with_a_warning(
    printed: list[tuple[str, AnnualReport, Path]],
) -> None:
    right = blank = 0
    wrong = {}
    for label, report, pdf in printed:
        s = score(as_filled(report), parse(pdf))
        right, blank = right + s.right, blank + s.blank
        if s.wrong:
            wrong[label] = s.wrong_cells[:3]
    assert not wrong, wrong
    # only the cells printed ### are lost (a few in ten of the random reports' big numbers)
    assert right >= 0.92 * (right + blank), (right, blank)


def test_the_samples_are_read_whole(printed: list[tuple[str, AnnualReport, Path]]) -> None:
    """The samples' numbers fit their columns: every cell is read (the 2019 procurement
    row beside its unit's row of its own too)."""
    for label, report, pdf in printed:
        if label.startswith("random"):
            continue
        s = score(as_filled(report), parse(pdf))
        assert (s.blank, s.wrong) == (0, 0), (label, s)


def test_a_number_printed_hashes_is_its_cell_blank_with_a_warning(
    printed: list[tuple[str, AnnualReport, Path]],
) -> None:
    _, report, pdf = next(p for p in printed if p[0] == "random0-2019/template")
    result = parse(pdf)
    hidden = [w for w in result.warnings if w.code == "cell-left-blank"]
    assert hidden and all(w.params["raw"].strip("#") == "" for w in hidden)
    # the row's other cells are read
    row = report.applications.carried_over
    read = result.report.applications.carried_over
    assert (read.natural_person, read.commercial_enterprise) == (
        row.natural_person,
        row.commercial_enterprise,
    )
