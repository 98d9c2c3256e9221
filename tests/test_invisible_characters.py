"""Characters that show nothing inside a number (issue 17): a zero-width space, a soft
hyphen, a zero-width joiner, a word joiner or a byte-order mark between its digits (a
CMS's anti-copy trick, a paste's leftovers) leave the number a person sees; digits
apart stay refused, whatever invisible character stands beside the space."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hostile_producers import judge
from producers import PRODUCERS, cells_of, samples_and_random
from zfxxgk import parse
from zfxxgk.core.cellvalue import interpret
from zfxxgk.core.layout import Field, Kind
from zfxxgk.errors import CellValueError

REPORTS = samples_and_random(seed=41, randoms=2)
INVISIBLE = ("\u200b", "\u00ad", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e")


def _count_field() -> Field:
    report = REPORTS["2024-hongze-district"]
    return next(f for f in report.layout.fields() if f.kind is Kind.COUNT)


@pytest.mark.parametrize("mark", INVISIBLE)
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_numbers_with_invisible_characters_read_whole(name: str, mark: str, tmp_path: Path) -> None:
    report = REPORTS[name]
    page = PRODUCERS["html"](report, tmp_path)

    def marked(m: re.Match[str]) -> str:
        text = m.group(2)
        if re.fullmatch(r"\d{2,}", text):
            text = text[0] + mark + text[1:]
        return m.group(1) + text + m.group(3)

    page.write_text(
        re.sub(r'(<td class="v"[^>]*>)([^<]*)(</td>)', marked, page.read_text("utf-8")),
        "utf-8",
    )
    s = judge(report, parse(page))
    assert s.wrong_cells == ()
    assert (s.right, s.blank) == (len(cells_of(report)), 0)


@pytest.mark.parametrize("mark", INVISIBLE)
def test_digits_apart_stay_refused(mark: str) -> None:
    field = _count_field()
    assert interpret(f"1{mark}234", field).value == 1234
    with pytest.raises(CellValueError):
        interpret(f"1{mark} 2", field)
