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
