"""A footnote mark raised beside a number is no digit of it.

A page marks a value with a footnote as ``12345<sup>1</sup>`` (a .docx: a run raised by
``w:vertAlign``); a person reads 12345 and a mark. On the code before this test the
mark's digits were read into the number (123451, without a word). Now raised text is
written with Unicode's superscript and subscript characters, which the cell reader
refuses as it refuses 12345¹ typed so: the cell is blank with a warning naming its row,
never another number. A label with a raised mark is read as a label with a footnote.
"""

from __future__ import annotations

import random
from pathlib import Path

import lxml.html
import pytest

import hidden_producers
from hidden_producers import _VALUE, _each, _run, _set_inner, _values, produce_docx
from hostile_producers import FORMATS, _is_value, _text, judge
from producers import random_report
from zfxxgk import parse
from zfxxgk.published.export import to_html

#: How a page raises a mark beside a value.
MARKS = {
    "sup": "{}<sup>{}</sup>",
    "sup-link": '{}<sup><a href="#note{}">{}</a></sup>',
    "sub": "{}<sub>{}</sub>",
    "sup-before": "<sup>{1}</sup>{0}",
}


def _marked(kind: str, value: str, i: int) -> str:
    mark = str(i % 9 + 1)
    if kind == "sup-link":
        return MARKS[kind].format(value, mark, mark)
    return MARKS[kind].format(value, mark)


@pytest.mark.parametrize("fmt", ("html", "cms", "word"))
@pytest.mark.parametrize("kind", sorted(MARKS))
def test_a_raised_mark_is_never_a_digit(kind: str, fmt: str, tmp_path: Path) -> None:
    rng = random.Random(f"raised/{kind}/{fmt}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        page = lxml.html.fromstring(to_html(report))
        marked = 0
        for j, td in enumerate(td for td in page.iter("td") if _is_value(td)):
            if _text(td).isdigit() and j % 3 == 0:
                _set_inner(td, _marked(kind, _text(td), j))
                marked += 1
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS[fmt](page, folder)))
        assert got.wrong == 0, got.wrong_cells[:3]
        assert got.blank >= marked > 0, (got.blank, marked)


def _superscript_marks(xml: str) -> str:
    """A raised footnote mark after every third value of the document."""
    return _each(
        _VALUE,
        xml,
        lambda s, i: (
            _run(s)
            + (
                _run(str(i % 9 + 1), '<w:vertAlign w:val="superscript"/>')
                if s.strip().isdigit() and i % 3 == 0
                else ""
            )
        ),
    )


def test_a_raised_run_in_a_docx_is_never_a_digit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(hidden_producers.DOCX_TRANSFORMS, "superscript", _superscript_marks)
    rng = random.Random("raised/docx")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(produce_docx(report, "superscript", folder)))
        assert got.wrong == 0, got.wrong_cells[:3]
        assert got.blank > 0


def test_values_without_marks_are_read_whole(tmp_path: Path) -> None:
    """A control: a page raising only its labels' marks keeps every value."""
    report = random_report(random.Random(9), "2021")
    page = lxml.html.fromstring(to_html(report))
    _values(page, lambda s, _i: s)
    for td in page.iter("td"):
        if not _is_value(td) and len(_text(td)) > 3 and not list(td):
            _set_inner(td, f"{_text(td)}<sup>*</sup>")
    got = judge(report, parse(FORMATS["html"](page, tmp_path)))
    assert got.wrong == 0, got.wrong_cells[:3]
