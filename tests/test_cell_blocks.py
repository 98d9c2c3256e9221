"""A number split over blocks of a web page's cell is never read as one number.

A browser begins a line at every block element of a cell: ``12<p>345</p>`` (text, then
a paragraph), ``<div><div><p>12</p><p>345</p></div></div>`` (paragraphs two wrappers
deep), a list of two items, ``<section>``, ``<center>``, paragraphs inside an inline
wrapper. Each shows 12 above 345, as the two paragraphs of tests/test_cell_paragraphs.py
do; on the code before this test only two paragraphs side by side (or in one block
wrapper) were lines, and these were read as 12345 without a word. Now every block of a
cell begins and ends a line: blank with a warning, never 12345.
"""

from __future__ import annotations

import random
from pathlib import Path

import lxml.html
import pytest

from hidden_producers import _set_inner
from hostile_producers import FORMATS, _is_value, _text, judge
from producers import random_report
from zfxxgk import parse
from zfxxgk.published.export import to_html

#: A cell's two pieces as browsers show them on two lines.
SPLITS = {
    "text-p": "{}<p>{}</p>",
    "p-text": "<p>{}</p>{}",
    "deep": "<div><div><p>{}</p><p>{}</p></div></div>",
    "span-div": "<span>{}</span><div>{}</div>",
    "ul": "<ul><li>{}</li><li>{}</li></ul>",
    "section": "<section><p>{}</p><p>{}</p></section>",
    "inline-wrap": "<span><p>{}</p><p>{}</p></span>",
    "center": "<center>{}</center><center>{}</center>",
}


@pytest.mark.parametrize("fmt", ("html", "cms"))
@pytest.mark.parametrize("split", sorted(SPLITS))
def test_a_number_split_over_blocks_is_never_joined(split: str, fmt: str, tmp_path: Path) -> None:
    rng = random.Random(f"blocks/{split}/{fmt}")
    report = random_report(rng, "2021")
    page = lxml.html.fromstring(to_html(report))
    count = 0
    for td in page.iter("td"):
        text = _text(td)
        if _is_value(td) and not list(td) and len(text) >= 2 and text.isdigit():
            at = rng.randint(1, len(text) - 1)
            _set_inner(td, SPLITS[split].format(text[:at], text[at:]))
            count += 1
    got = judge(report, parse(FORMATS[fmt](page, tmp_path)))
    assert got.wrong == 0, got.wrong_cells[:3]
    assert got.blank >= count > 0, (got.blank, count)


@pytest.mark.parametrize("fmt", ("html", "cms"))
def test_a_number_in_one_block_is_read(fmt: str, tmp_path: Path) -> None:
    rng = random.Random(f"one-block/{fmt}")
    report = random_report(rng, "2019")
    page = lxml.html.fromstring(to_html(report))
    for td in page.iter("td"):
        text = _text(td)
        if _is_value(td) and not list(td) and text:
            _set_inner(td, f"<div><div><p><span>{text}</span></p></div></div><p></p>")
    got = judge(report, parse(FORMATS[fmt](page, tmp_path)))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
