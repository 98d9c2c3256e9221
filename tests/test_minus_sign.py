"""The minus sign (U+2212, as typesetting and Word's equation editor write −3) is a
minus (issue 17): a signed change written so was left blank; never read as +3."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hostile_producers import judge
from producers import PRODUCERS, cells_of, samples_and_random
from zfxxgk import parse
from zfxxgk.core.cellvalue import interpret
from zfxxgk.core.layout import Kind

REPORTS = {k: v for k, v in samples_and_random(seed=43, randoms=4).items() if "2019" in k}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_signed_changes_with_minus_signs_read_whole(name: str, tmp_path: Path) -> None:
    report = REPORTS[name]
    page = PRODUCERS["html"](report, tmp_path)
    text = re.sub(r'(<td class="v"[^>]*>)-(\d)', "\\1\u2212\\2", page.read_text("utf-8"))
    page.write_text(text, "utf-8")
    s = judge(report, parse(page))
    assert s.wrong_cells == ()
    assert (s.right, s.blank) == (len(cells_of(report)), 0)


def test_minus_sign_reads_negative() -> None:
    report = REPORTS["2019-pingtan"]
    field = next(f for f in report.layout.fields() if f.kind is Kind.SIGNED)
    assert interpret("\u22123", field).value == -3
    assert interpret("\u2212 3", field).value == -3
