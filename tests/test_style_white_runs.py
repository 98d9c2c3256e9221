"""Junk coloured white by a Word style is no part of a number.

tests/test_white_runs.py covers runs coloured white by their own properties
(``w:color``). A document does the same through a style: a character style of white
text (``w:rStyle``), one based on it (``w:basedOn``), or a paragraph style of white text
for a paragraph of junk in a value's cell. A person reads 123 where the document holds
123 and a white 4; on the code before this test the junk was read (1234, without a
word). Now a style's colour is read as the run's own (the run's own properties over its
character style's over its paragraph style's): the junk is not read. A white style on
a shaded run is seen, and read; a run whose own colour overrides its style's is read.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from hidden_producers import _VALUE, _each, _plain_docx, _run
from hostile_producers import judge
from producers import random_report
from zfxxgk import AnnualReport, parse

_STYLES = (
    '<w:style w:type="character" w:customStyle="1" w:styleId="Ink0">'
    '<w:name w:val="Ink0"/><w:rPr><w:color w:val="FFFFFF"/></w:rPr></w:style>'
    '<w:style w:type="character" w:customStyle="1" w:styleId="Ink1">'
    '<w:name w:val="Ink1"/><w:basedOn w:val="Ink0"/><w:rPr><w:sz w:val="2"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="InkPara">'
    '<w:name w:val="InkPara"/><w:basedOn w:val="表格数字"/>'
    '<w:rPr><w:color w:val="ffffff"/></w:rPr></w:style>'
    '<w:style w:type="character" w:customStyle="1" w:styleId="InkShaded">'
    '<w:name w:val="InkShaded"/><w:rPr><w:color w:val="FFFFFF"/>'
    '<w:shd w:val="clear" w:color="auto" w:fill="1F4E79"/></w:rPr></w:style>'
)


def _junk(i: int) -> str:
    return str(i % 7 + 1)


def _after(style: str) -> Callable[[str], str]:
    """Junk digits after every third value, in a run of the style."""
    return lambda xml: _each(
        _VALUE,
        xml,
        lambda s, i: (
            _run(s) + (_run(_junk(i), f'<w:rStyle w:val="{style}"/>') if i % 3 == 0 else "")
        ),
    )


_VALUE_PARAGRAPH = re.compile(
    r'(<w:p><w:pPr><w:pStyle w:val="表格数字"/></w:pPr>'
    r'<w:r><w:t xml:space="preserve">\d+</w:t></w:r></w:p>)'
)


def _junk_paragraph(xml: str) -> str:
    """A paragraph of junk of a white paragraph style after every third value's."""
    count = iter(range(10**6))

    def one(m: re.Match[str]) -> str:
        i = next(count)
        if i % 3:
            return m.group(1)
        junk = f'<w:p><w:pPr><w:pStyle w:val="InkPara"/></w:pPr>{_run(_junk(i))}</w:p>'
        return m.group(1) + junk

    return _VALUE_PARAGRAPH.sub(one, xml)


#: How junk is written white by a style.
KINDS: dict[str, Callable[[str], str]] = {
    "character-style": _after("Ink0"),
    "based-on": _after("Ink1"),
    "paragraph-style": _junk_paragraph,
}


def _document(report: AnnualReport, change: Callable[[str], str], path: Path) -> Path:
    plain = io.BytesIO(_plain_docx(report, path.parent))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            elif item.filename == "word/styles.xml":
                data = data.replace(b"</w:styles>", _STYLES.encode() + b"</w:styles>")
            out.writestr(item, data)
    return path


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_junk_white_by_a_style_is_not_read(kind: str, tmp_path: Path) -> None:
    rng = random.Random(f"style-white/{kind}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        got = judge(report, parse(_document(report, KINDS[kind], tmp_path / f"{i}.docx")))
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


def _seen(xml: str) -> str:
    """Controls: each value's last digit in a white style that is shaded (seen), or that
    its run's own colour overrides (seen)."""

    def split(s: str, i: int) -> str:
        s = s.strip()
        if len(s) < 2 or not s.isdigit():
            return _run(s)
        if i % 2:
            return _run(s[:-1]) + _run(s[-1], '<w:rStyle w:val="InkShaded"/>')
        return _run(s[:-1]) + _run(s[-1], '<w:rStyle w:val="Ink0"/><w:color w:val="000000"/>')

    return _each(_VALUE, xml, split)


def test_white_styles_seen_are_read(tmp_path: Path) -> None:
    report = random_report(random.Random("style-white/control"), "2021")
    got = judge(report, parse(_document(report, _seen, tmp_path / "c.docx")))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
