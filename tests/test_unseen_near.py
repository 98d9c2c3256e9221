"""Text moved a little is on the page: only far off it is text unseen.

A page moves text by some points or ems and the reader still sees it: a text box Word
anchors 120 pt right of where it shows (``position:absolute; margin-left:-120pt``), a
label pulled back by a hanging indent, a value shifted 40 em within a wide table. On the
code before this test any three-digit offset in pt or em (100 pt is 133 pixels) counted
as "far off the page", against the thousand pixels (50 em) its own comment names: the
text was dropped, its cell blank without a word. Now far is a thousand pixels or more:
750 pt, 50 em, 100 vw.
"""

from __future__ import annotations

import random
from pathlib import Path

import lxml.html
import pytest

from hidden_producers import _values
from hostile_producers import FORMATS, judge
from producers import random_report
from zfxxgk import parse
from zfxxgk.published.export import to_html

SEEN = {
    "text-box": "position:absolute;margin-left:-120pt",
    "shifted-pt": "position:relative;left:-300.5pt",
    "shifted-em": "position:relative;left:-40em",
    "half-screen": "position:relative;left:-50vw",
    "hanging": "position:relative;text-indent:-200pt;margin-left:200pt",
}


@pytest.mark.parametrize("style", sorted(SEEN))
def test_text_moved_less_than_a_page_is_read(style: str, tmp_path: Path) -> None:
    report = random_report(random.Random(f"near/{style}"), "2021")
    page = lxml.html.fromstring(to_html(report))
    _values(page, lambda s, _i: f'<span style="{SEEN[style]}">{s}</span>')
    got = judge(report, parse(FORMATS["html"](page, tmp_path)))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


@pytest.mark.parametrize(
    "style",
    [
        "position:absolute;left:-800pt",
        "position:relative;left:-60em",
        "position:absolute;top:-1000px",
        "position:fixed;left:-100vw",
    ],
)
def test_junk_far_off_the_page_is_not_read(style: str, tmp_path: Path) -> None:
    report = random_report(random.Random(f"far/{style}"), "2021")
    page = lxml.html.fromstring(to_html(report))
    _values(page, lambda s, _i: f'{s}<span style="{style}">7</span>' if s.isdigit() else s)
    got = judge(report, parse(FORMATS["html"](page, tmp_path)))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
