"""A footnote mark at the end of a label, a header's or a row's, is no part of it.

Reports mark labels with footnotes: 自然人¹ (a header), 规章* (a row label), 行政复议⁽²⁾,
raised in HTML (``<sup>``) or in Word (a run of the "Footnote Reference" style), or typed.
On the code before this test a marked header was no label of the edition: its column,
often its whole table (四), was blank (table-not-found); a marked row label left its
row blank (short-row). Never a wrong number, but cells lost though the label is plain
to a person. Now a label cell's trailing marks are dropped before labels are compared
(:mod:`zfxxgk.published.footmarks`): every cell is read. A value with a mark is still
refused (tests/test_raised_marks.py).
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import lxml.html
import pytest

from hidden_producers import _LABEL, _each, _plain_docx, _run, _set_inner
from hostile_producers import FORMATS, _is_value, _text, judge
from producers import random_report
from test_style_raised_runs import _STYLES
from zfxxgk import parse
from zfxxgk.published.export import to_html

#: How a page writes a footnote mark after a label (``{}``: the mark's number).
MARKS = {
    "sup": "<sup>{}</sup>",
    "sup-paren": "<sup>({})</sup>",
    "sup-star": "<sup>*</sup>",
    "typed-raised": "¹",
    "typed-star": "*",
    "dagger": "<sup>†</sup>",
}


@pytest.mark.parametrize("fmt", ("html", "cms", "word"))
@pytest.mark.parametrize("role", ("h", "r"))
@pytest.mark.parametrize("mark", sorted(MARKS))
def test_a_marked_label_is_read(mark: str, role: str, fmt: str, tmp_path: Path) -> None:
    rng = random.Random(f"label-marks/{mark}/{role}/{fmt}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        page = lxml.html.fromstring(to_html(report))
        marked = 0
        for td in page.iter("td"):
            roles = (td.get("class") or "").split()
            label = role in roles and not _is_value(td) and _text(td) and not list(td)
            if label and rng.random() < 0.4:
                _set_inner(td, _text(td) + MARKS[mark].format(rng.randint(1, 9)))
                marked += 1
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS[fmt](page, folder)))
        assert marked > 3
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


def test_a_label_marked_by_words_footnote_style_is_read(tmp_path: Path) -> None:
    rng = random.Random("label-marks/docx")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        path = tmp_path / f"{i}.docx"
        plain = io.BytesIO(_plain_docx(report, tmp_path))
        with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "word/document.xml":
                    xml = _each(
                        _LABEL,
                        data.decode("utf-8"),
                        lambda s, j: (
                            _run(s) + _run(str(j % 9 + 1), '<w:rStyle w:val="FootnoteReference"/>')
                        ),
                    )
                    data = xml.encode("utf-8")
                elif item.filename == "word/styles.xml":
                    data = data.replace(b"</w:styles>", _STYLES.encode() + b"</w:styles>")
                out.writestr(item, data)
        got = judge(report, parse(path))
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("自然人¹", "自然人"),
        ("规章 *", "规章"),
        ("行政复议⁽²⁾", "行政复议"),
        ("（一）予以公开※", "（一）予以公开"),
        ("12345¹", "12345¹"),  # a value: the cell reader refuses it
        ("12件*", "12件*"),
        ("*", "*"),
        ("¹²", "¹²"),
        ("总计", "总计"),
    ],
)
def test_label_unmarked(text: str, label: str) -> None:
    from zfxxgk.published.footmarks import label_unmarked

    assert label_unmarked(text) == label
