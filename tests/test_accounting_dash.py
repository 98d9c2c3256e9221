"""Excel's accounting format shows a stored 0 as a dash: the workbook keeps the 0, its
CSV and a copy of its cells write "-" (and people type "—", "－" for none, where the
editions say to write 0). Every producer reads the same: 0, with a note on the dash."""

from __future__ import annotations

from pathlib import Path

import pytest

from producers import score
from producers_attack9 import reports
from producers_wrong12 import ACCOUNTING_DASH
from zfxxgk import parse

REPORTS = reports(9, 1)


@pytest.mark.parametrize("name", sorted(ACCOUNTING_DASH))
def test_an_accounting_dash_reads_as_the_zero_it_shows(name: str, tmp_path: Path) -> None:
    """Right or blank with a warning naming the row (on main the dashes were read as
    absent with no warning: 653 of 1394 cells of the text producers over 7 reports, a
    silent blank, while the workbook read its 0)."""
    for stem, truth in REPORTS:
        folder = tmp_path / stem
        folder.mkdir()
        result = parse(ACCOUNTING_DASH[name](truth, folder))
        got = score(truth, result)  # (a blank said only by a note is wrong here)
        assert got.wrong == 0, (stem, got.wrong_cells[:3])
        dashes = [n for n in result.notes if n.code == "dash-zero"]
        assert dashes or name == "wb-accounting"
