"""A footnote mark raised at the end of a row's label is no number glued to it.

``（一）本年新收政府信息公开申请数量<sup>1</sup>`` (a .docx: a run of ``w:vertAlign``)
is written ``…数量¹`` by the readers (:mod:`zfxxgk.published.raised`). The label's
comparable form (NFKC) makes ¹ a 1, and on the code before this test the row was taken
for a label with its number set into it (``label-holds-value``): every such row blank.
Now raised marks are no glued number: the rows are read.
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
from zfxxgk.published.parse import _glued_in

MARKS = {"sup": "{}<sup>{}</sup>", "sub": "{}<sub>{}</sub>", "typed": "{}¹"}


@pytest.mark.parametrize("fmt", ("html", "word"))
@pytest.mark.parametrize("mark", sorted(MARKS))
def test_a_raised_mark_ending_a_label_is_no_value(mark: str, fmt: str, tmp_path: Path) -> None:
    report = random_report(random.Random(f"raised-label/{mark}/{fmt}"), "2021")
    page = lxml.html.fromstring(to_html(report))
    marked = 0
    for i, td in enumerate(page.iter("td")):
        head = "h" in (td.get("class") or "").split()
        if not (_is_value(td) or head or list(td) or len(_text(td)) < 2):
            _set_inner(td, MARKS[mark].format(_text(td), i % 9 + 1))
            marked += 1
    got = judge(report, parse(FORMATS[fmt](page, tmp_path)))
    assert marked > 20
    assert got.wrong == 0, got.wrong_cells[:3]
    assert got.right >= 180, (got.right, got.blank)


@pytest.mark.parametrize(
    ("label", "glued"),
    [("行政许可¹", None), ("行政许可₂", None), ("行政许可12", "12"), ("行政许可¹12", "12")],
)
def test_glued(label: str, glued: str | None) -> None:
    got = _glued_in(label)
    assert (got[1] if got else None) == glued
