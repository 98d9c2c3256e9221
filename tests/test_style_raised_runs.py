"""A footnote mark raised by a Word style is no digit of a number.

Word writes a footnote or endnote mark as a run of the character style "Footnote
Reference" (``w:rStyle w:val="FootnoteReference"``), whose definition in styles.xml
raises it (``w:vertAlign w:val="superscript"``); people make their own mark styles too,
based on another that raises (``w:basedOn``), or raise a whole paragraph's runs by its
paragraph style, or raise it by a position (``w:position``, Word's "Raised by"). A
person reads 123 and a mark; on the code before this test only a run's own
``w:vertAlign`` was seen, and the mark's digit was glued to the number
(123 + ¹ → 1231, without a word). Now a style's raise is read as a run's own is (the
run's own properties over its character style's, over its paragraph style's): blank
with a warning, never another number; a run whose own properties set it back on the
baseline is read as a digit.

Word's HTML of such a mark (``<a style="mso-footnote-id:ftn1"><span
class=MsoFootnoteReference>1</span></a>``) is raised by the page's style sheet, which a
site that copies the table drops: the mark is read as raised all the same.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest

from hidden_producers import _VALUE, _each, _plain_docx, _run, _set_inner
from hostile_producers import FORMATS, _is_value, _text, judge
from producers import random_report
from zfxxgk import AnnualReport, parse
from zfxxgk.published.export import to_html

_STYLES = (
    # Word's own (as Word writes them when a document has a footnote or an endnote)
    '<w:style w:type="character" w:styleId="FootnoteReference">'
    '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
    '<w:uiPriority w:val="99"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="EndnoteReference">'
    '<w:name w:val="endnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    # a person's own, raised through the style it is based on (two steps)
    '<w:style w:type="character" w:customStyle="1" w:styleId="RaisedBase">'
    '<w:name w:val="上标"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    '<w:style w:type="character" w:customStyle="1" w:styleId="RaisedMid">'
    '<w:name w:val="上标2"/><w:basedOn w:val="RaisedBase"/><w:rPr><w:sz w:val="15"/>'
    "</w:rPr></w:style>"
    '<w:style w:type="character" w:customStyle="1" w:styleId="MyMark">'
    '<w:name w:val="注释标记"/><w:basedOn w:val="RaisedMid"/>'
    '<w:rPr><w:color w:val="0000FF"/></w:rPr></w:style>'
    '<w:style w:type="character" w:customStyle="1" w:styleId="LowMark">'
    '<w:name w:val="下标"/><w:rPr><w:vertAlign w:val="subscript"/></w:rPr></w:style>'
    # a style that lowers its text by position (half-points), as Word's Font dialog does
    '<w:style w:type="character" w:customStyle="1" w:styleId="LoweredMark">'
    '<w:name w:val="降低"/><w:rPr><w:position w:val="-4"/><w:sz w:val="14"/></w:rPr>'
    "</w:style>"
    # a value paragraph whose style raises its runs (the value set back on the baseline)
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="RaisedValue">'
    '<w:name w:val="表格数字上标"/><w:basedOn w:val="表格数字"/>'
    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
)

_BASELINE = '<w:vertAlign w:val="baseline"/>'


def _styled(style: str) -> Callable[[str, int], str]:
    def mark(s: str, i: int) -> str:
        if not (s.strip().isdigit() and i % 3 == 0):
            return _run(s)
        return _run(s) + _run(str(i % 9 + 1), f'<w:rStyle w:val="{style}"/>')

    return mark


def _positioned(s: str, i: int) -> str:
    """A mark raised by its run's own position (3 pt) after every third value."""
    if not (s.strip().isdigit() and i % 3 == 0):
        return _run(s)
    return _run(s) + _run(str(i % 9 + 1), '<w:position w:val="6"/><w:sz w:val="12"/>')


def _raised_paragraph(xml: str) -> str:
    """Every third value's paragraph raised by its style, the value's run set back on
    the baseline and a mark's run after it not."""
    count = iter(range(10**6))

    def one(m: re.Match[str]) -> str:
        s = m.group(2)
        i = next(count)
        if not (s.strip().isdigit() and i % 3 == 0):
            return m.group(0)
        head = m.group(1).replace("表格数字", "RaisedValue")
        return head + _run(s, _BASELINE) + _run(str(i % 9 + 1))

    return _VALUE.sub(one, xml)


#: How a document raises a mark beside every third value, by its styles.
KINDS: dict[str, Callable[[str], str]] = {
    "footnote-reference": lambda x: _each(_VALUE, x, _styled("FootnoteReference")),
    "endnote-reference": lambda x: _each(_VALUE, x, _styled("EndnoteReference")),
    "based-on": lambda x: _each(_VALUE, x, _styled("MyMark")),
    "subscript": lambda x: _each(_VALUE, x, _styled("LowMark")),
    "paragraph-style": _raised_paragraph,
    "position-style": lambda x: _each(_VALUE, x, _styled("LoweredMark")),
    "position-raised": lambda x: _each(_VALUE, x, _positioned),
}


def _baseline_digit(xml: str) -> str:
    """A control: each value's last digit a run of the footnote style that its own
    properties set back on the baseline (a digit of the number, as Word shows it)."""

    def split(s: str, i: int) -> str:
        if len(s.strip()) < 2 or not s.strip().isdigit():
            return _run(s)
        s = s.strip()
        return _run(s[:-1]) + _run(s[-1], f'<w:rStyle w:val="MyMark"/>{_BASELINE}')

    return _each(_VALUE, xml, split)


def _document(report: AnnualReport, change: Callable[[str], str], path: Path) -> Path:
    plain = io.BytesIO(_plain_docx(report, path.parent))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            elif item.filename == "word/styles.xml":
                data = data.replace(b"</w:styles>", _STYLES.encode() + b"</w:styles>")
            out.writestr(item, data)
    return path


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_mark_raised_by_a_style_is_never_a_digit(kind: str, tmp_path: Path) -> None:
    rng = random.Random(f"style-raised/{kind}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        got = judge(report, parse(_document(report, KINDS[kind], tmp_path / f"{i}.docx")))
        assert got.wrong == 0, got.wrong_cells[:3]
        assert got.blank > 0


def test_a_digit_set_back_on_the_baseline_is_read(tmp_path: Path) -> None:
    report = random_report(random.Random("style-raised/control"), "2021")
    got = judge(report, parse(_document(report, _baseline_digit, tmp_path / "c.docx")))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


_FOOTNOTE = (
    '<a style=\'mso-footnote-id:ftn{n}\' href="#_ftn{n}" name="_ftnref{n}" title="">'
    "<span class=MsoFootnoteReference><span style='mso-special-character:footnote'>"
    "<span class=MsoFootnoteReference><span style='font-size:10.5pt'>[{n}]</span></span>"
    "</span></span></a>"
)
#: How Word's HTML writes a note's mark after a value (its style sheet dropped).
WORD_HTML = {
    "footnote": _FOOTNOTE,
    "custom-mark": "<a style='mso-footnote-id:ftn{n}' href=\"#_ftn{n}\">"
    "<span class=MsoFootnoteReference>{n}</span></a>",
    "endnote": "<a style='mso-endnote-id:edn{n}' href=\"#_edn{n}\">"
    "<span class=MsoEndnoteReference>{n}</span></a>",
    "class-only": "<span class=MsoFootnoteReference>{n}</span>",
    "anchor-only": "<a style='mso-footnote-id:ftn{n}' href=\"#_ftn{n}\">{n}</a>",
}


@pytest.mark.parametrize("fmt", ("html", "word"))
@pytest.mark.parametrize("kind", sorted(WORD_HTML))
def test_a_word_html_note_mark_is_never_a_digit(kind: str, fmt: str, tmp_path: Path) -> None:
    rng = random.Random(f"word-html-mark/{kind}/{fmt}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        page = lxml.html.fromstring(to_html(report))
        marked = 0
        for j, td in enumerate(td for td in page.iter("td") if _is_value(td)):
            if _text(td).isdigit() and j % 3 == i:
                _set_inner(td, _text(td) + WORD_HTML[kind].format(n=j % 9 + 1))
                marked += 1
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS[fmt](page, folder)))
        assert got.wrong == 0, got.wrong_cells[:3]
        assert got.blank >= marked > 0, (got.blank, marked)


def test_word_html_marks_on_headings_leave_values_whole(tmp_path: Path) -> None:
    report = random_report(random.Random("word-html-mark/control"), "2021")
    page = lxml.html.fromstring(to_html(report))
    for i, h in enumerate(page.iter("h1", "h2")):
        _set_inner(h, _text(h) + WORD_HTML["custom-mark"].format(n=i + 1))
    got = judge(report, parse(FORMATS["html"](page, tmp_path)))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
