"""More ways a page keeps text from the eye: off the page, clipped, scaled, transparent.

Anti-copy junk digits are also hidden by moving them far off the page
(``position:absolute; left:-9999px``), clipping them to nothing (the "screen reader only"
box: one pixel, ``clip: rect(0 0 0 0)``), scaling them to nothing or writing them in a
transparent colour, inline or through a class of the page's style sheet. On the code
before this test they were read into the numbers and labels (123945 for 12345). Now
they are not read, as ``display:none`` is not; text moved a little (``left:-2px``) is
seen, and read.
"""

from __future__ import annotations

import random
from pathlib import Path

import lxml.html
import pytest

from hidden_producers import _hide_inside, _junk, _labels, _style_sheet, _values
from hostile_producers import FORMATS, judge
from producers import random_report
from zfxxgk import parse
from zfxxgk.published.export import to_html

STYLES = {
    "off-left": "position:absolute; left:-9999px",
    "off-top": "position: fixed; top: -1000em",
    "off-indent": "position:relative; text-indent:-10000px",
    "clip-rect": "position:absolute; clip: rect(0 0 0 0)",
    "clip-path": "clip-path: inset(50%)",
    "one-pixel": "position:absolute;width:1px;height:1px;overflow:hidden",
    "scale": "display:inline-block; transform: scale(0)",
    "transparent": "color: transparent",
    "rgba": "color: rgba(255, 0, 0, 0)",
}


def _sr_only(page: lxml.html.HtmlElement) -> None:
    """Junk in spans of the "sr-only" class most CSS frameworks ship."""
    _style_sheet(
        page,
        ".sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;"
        "overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}",
    )
    span = '<span class="sr-only">{}</span>'
    _values(page, lambda s, i: f"{s[:1]}{span.format(_junk(i))}{s[1:]}")
    _labels(page, lambda s, i: f"{s[:1]}{span.format(_junk(i))}{s[1:]}")


@pytest.mark.parametrize("fmt", ("html", "cms"))
@pytest.mark.parametrize("style", [*sorted(STYLES), "sr-only"])
def test_junk_out_of_sight_is_not_read(style: str, fmt: str, tmp_path: Path) -> None:
    rng = random.Random(f"out-of-sight/{style}/{fmt}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        page = lxml.html.fromstring(to_html(report))
        if style == "sr-only":
            _sr_only(page)
        else:
            _hide_inside(STYLES[style])(page, report)
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS[fmt](page, folder)))
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


def test_text_moved_a_little_is_seen(tmp_path: Path) -> None:
    """A control: a digit nudged two pixels left is on the page, and is read."""
    report = random_report(random.Random(4), "2021")
    page = lxml.html.fromstring(to_html(report))
    _values(page, lambda s, _i: f'<span style="position:relative;left:-2px">{s}</span>')
    got = judge(report, parse(FORMATS["html"](page, tmp_path)))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
