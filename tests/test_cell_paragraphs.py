"""A web page's cell of two paragraphs shows two lines: never one number made of both.

A cell written ``<p>12</p><p>345</p>`` (Word's web page of a cell of two paragraphs, a
CMS editor's Enter inside a cell) shows 12 above 345. On the code before this test the
page was read as 12345 without a word, while the same cell in the .docx (paragraphs as
lines) or with ``<br>`` was refused. Now each paragraph of a cell is a line of its own:
digits on two lines are no number (blank with a warning naming the row); a label of
two paragraphs (1.属于 / 国家秘密) is read as before.
"""

from __future__ import annotations

import random
from pathlib import Path

import lxml.html
import pytest

from hidden_producers import _labels, _set_inner
from hostile_producers import FORMATS, _is_value, _text, judge
from producers import random_report
from zfxxgk import parse
from zfxxgk.published.export import to_html

#: How a cell's two paragraphs are written: plain, as Word's web page writes them, or
#: inside one wrapper.
SPLITS = {
    "p": "<p>{}</p><p>{}</p>",
    "word": (
        "<p class=MsoNormal align=center><span lang=EN-US>{}</span></p>"
        "<p class=MsoNormal align=center><span lang=EN-US>{}<o:p></o:p></span></p>"
    ),
    "div": "<div><p>{}</p><p>{}</p></div>",
    "divs": "<div>{}</div><div>{}</div>",
}


def _split_values(page: lxml.html.HtmlElement, rng: random.Random, split: str) -> int:
    """Each value cell of two digits or more split into two paragraphs at a random place,
    written as ``SPLITS[split]``; how many were split."""
    count = 0
    for td in page.iter("td"):
        text = _text(td)
        if _is_value(td) and not list(td) and len(text) >= 2 and text.isdigit():
            at = rng.randint(1, len(text) - 1)
            _set_inner(td, SPLITS[split].format(text[:at], text[at:]))
            count += 1
    return count


@pytest.mark.parametrize("fmt", ("html", "cms"))
@pytest.mark.parametrize("wrap", sorted(SPLITS))
def test_a_number_split_over_paragraphs_is_never_joined(
    fmt: str, wrap: str, tmp_path: Path
) -> None:
    rng = random.Random(f"paragraphs/{fmt}/{wrap}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        page = lxml.html.fromstring(to_html(report))
        split = _split_values(page, rng, wrap)
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS[fmt](page, folder)))
        assert got.wrong == 0, got.wrong_cells[:3]
        assert got.blank >= split > 0, (got.blank, split)


@pytest.mark.parametrize("fmt", ("html", "cms", "word"))
def test_a_label_of_two_paragraphs_is_read(fmt: str, tmp_path: Path) -> None:
    rng = random.Random(f"label-paragraphs/{fmt}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        page = lxml.html.fromstring(to_html(report))
        _labels(page, lambda s, _i: f"<p>{s[: len(s) // 2]}</p><p>{s[len(s) // 2 :]}</p>")
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS[fmt](page, folder)))
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
