"""A footnote mark raised by a style (``vertical-align:super``) is no digit of a number.

Google Docs' web page writes a raised footnote mark as a span whose class its style
sheet raises (``.c7{vertical-align:super}``), other editors inline
(``<span style="vertical-align:super">1</span>``). A person reads 12345 and a mark; on
the code before this test the mark's digit was read into the number (123451, without a
word), as ``<sup>`` was before tests/test_raised_marks.py. Now such text is raised as
``<sup>``'s is: blank with a warning, never another number. A cell aligned at its top
(``td{vertical-align:top}``) or a span at the baseline is read as it is.
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

SHEET = (
    "<style>.c3{vertical-align:baseline;font-size:11pt}"
    " span.c7{font-size:7pt;vertical-align:super} .c8,.c9{vertical-align: sub}"
    " td{vertical-align:top}</style>"
)
MARKS = {
    "inline-super": '{}<span style="vertical-align:super;font-size:60%">{}</span>',
    "inline-sub": '{}<span style="VERTICAL-ALIGN: SUB">{}</span>',
    "class-super": '<span class="c3">{}</span><span class="c3 c7">{}</span>',
    "class-sub": '<span class="c3">{}</span><span class="c9">{}</span>',
}


def _page(seed: str, mark: str | None) -> tuple[object, lxml.html.HtmlElement, int]:
    report = random_report(random.Random(seed), "2021")
    page = lxml.html.fromstring(to_html(report))
    head = page.find("head")
    assert head is not None
    head.append(lxml.html.fragment_fromstring(SHEET))
    marked = 0
    for j, td in enumerate(td for td in page.iter("td") if _is_value(td)):
        text = _text(td)
        if text.isdigit() and j % 3 == 0:
            if mark is None:
                _set_inner(td, f'<span class="c3" style="vertical-align:top">{text}</span>')
            else:
                _set_inner(td, MARKS[mark].format(text, j % 9 + 1))
            marked += 1
    return report, page, marked


@pytest.mark.parametrize("fmt", ("html", "cms"))
@pytest.mark.parametrize("mark", sorted(MARKS))
def test_a_mark_raised_by_a_style_is_never_a_digit(mark: str, fmt: str, tmp_path: Path) -> None:
    report, page, marked = _page(f"styled/{mark}/{fmt}", mark)
    got = judge(report, parse(FORMATS[fmt](page, tmp_path)))  # type: ignore[arg-type]
    assert got.wrong == 0, got.wrong_cells[:3]
    assert got.blank >= marked > 0, (got.blank, marked)


def test_text_aligned_otherwise_is_read(tmp_path: Path) -> None:
    report, page, marked = _page("styled/control", None)
    got = judge(report, parse(FORMATS["html"](page, tmp_path)))  # type: ignore[arg-type]
    assert marked > 0
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
