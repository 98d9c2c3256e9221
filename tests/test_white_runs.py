"""Runs of a Word document coloured white on the white page: junk a person does not see.

A .docx mixes junk digits into its values and labels in runs coloured white
(``<w:color w:val="FFFFFF"/>``): a person reads 13 where the document says 173. On the
code before this test the junk was read. Now a white run is not read, unless its run,
paragraph or cell is shaded or highlighted (white on a dark head is seen, and read).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import hidden_producers
from hidden_producers import _LABEL, _VALUE, _each, _junk, _run, produce_docx
from hostile_producers import judge
from producers import random_report
from zfxxgk import parse

WHITE = '<w:color w:val="FFFFFF"/>'


def _white_junk(xml: str) -> str:
    xml = _each(_VALUE, xml, lambda s, i: _run(s[:1]) + _run(_junk(i), WHITE) + _run(s[1:]))
    return _each(_LABEL, xml, lambda s, i: _run(s[:1]) + _run(_junk(i), WHITE) + _run(s[1:]))


def _white_on_shading(xml: str) -> str:
    """A control: every value written white on its run's dark shading."""
    shade = '<w:color w:val="ffffff"/><w:shd w:val="clear" w:color="auto" w:fill="1F4E79"/>'
    return _each(_VALUE, xml, lambda s, _i: _run(s, shade))


def _white_on_highlight(xml: str) -> str:
    """A control: every value white on a highlight."""
    return _each(_VALUE, xml, lambda s, _i: _run(s, WHITE + '<w:highlight w:val="darkBlue"/>'))


CASES = {"junk": _white_junk, "shaded": _white_on_shading, "highlight": _white_on_highlight}


@pytest.mark.parametrize("case", sorted(CASES))
def test_white_runs(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(hidden_producers.DOCX_TRANSFORMS, case, CASES[case])
    rng = random.Random(f"white-runs/{case}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(produce_docx(report, case, folder)))
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
