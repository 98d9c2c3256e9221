"""A cell that lays its text out as a small table of one row is one cell of its table.

Editors and CMSs put a one-row table inside a cell: a value written 12 | 345 (pasted
digit groups), a value beside its unit or an empty cell, a row label 〔（一）| 予以公开〕.
A person reads each nested cell as a piece of the cell's text, side by side. On the code
before this test such a cell made its whole table a layout table (its rows read as the
page's flow): every row of the table around it was lost (blank), though never glued
into 12345. Now the nested row's cells are the cell's lines: a lone number is read, two
numbers leave that one cell blank with a warning, a split label is matched; never
another number, and no other cell lost.
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

from hidden_producers import _plain_docx, _set_inner
from hostile_producers import FORMATS, _is_value, _text, judge
from producers import random_report
from zfxxgk import AnnualReport, parse
from zfxxgk.published.export import to_html


def _halves(t: str) -> list[str]:
    return [t[: len(t) // 2], t[len(t) // 2 :]]


#: How a value's text is laid out in a nested row: its cells' texts.
PIECES: dict[str, Callable[[str], list[str]]] = {
    "split-digits": _halves,
    "two-numbers": lambda t: [t, "7"],
    "each-digit": list,
    "value-and-empty": lambda t: [t, ""],
    "empty-and-value": lambda t: ["", t],
}
#: The kinds whose cell shows one number: read whole.
WHOLE = ("value-and-empty", "empty-and-value")


def _html_row(parts: list[str]) -> str:
    return "<table><tbody><tr>" + "".join(f"<td>{p}</td>" for p in parts) + "</tr></tbody></table>"


def _pick(n: int, rng: random.Random) -> set[int]:
    """Which of ``n`` value cells (of two digits or more) are laid out as a nested row:
    one to three, or a third of them."""
    return set(rng.sample(range(n), min(n, rng.choice((1, 2, 3, n // 3)))))


def _long(text: str) -> bool:
    return text.isdigit() and len(text) > 1


@pytest.mark.parametrize("fmt", ("html", "cms", "word"))
@pytest.mark.parametrize("kind", sorted(PIECES))
def test_a_nested_row_in_a_value_cell(kind: str, fmt: str, tmp_path: Path) -> None:
    rng = random.Random(f"nested-row/{kind}/{fmt}")
    for i in range(4):
        report = random_report(rng, ("2019", "2021")[i % 2])
        page = lxml.html.fromstring(to_html(report))
        cells = [td for td in page.iter("td") if _is_value(td) and _long(_text(td))]
        marked = _pick(len(cells), rng)
        for j in marked:
            _set_inner(cells[j], _html_row(PIECES[kind](_text(cells[j]))))
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS[fmt](page, folder)))
        assert got.wrong == 0, got.wrong_cells[:3]
        if kind in WHOLE:
            assert got.blank == 0
        else:  # that cell, and no other, blank with a warning
            assert 0 < got.blank <= len(marked), (got.blank, len(marked))


_NUMBERED = re.compile(
    r"^((?:[一二三四五六七八九十]+、)|(?:（[一二三四五六七八九十]+）)|(?:\d+\.))(.+)$"
)


@pytest.mark.parametrize("fmt", ("html", "cms"))
def test_a_row_label_split_in_a_nested_row_is_matched(fmt: str, tmp_path: Path) -> None:
    report = random_report(random.Random(f"nested-row/label/{fmt}"), "2021")
    page = lxml.html.fromstring(to_html(report))
    for td in page.iter("td"):
        m = _NUMBERED.match(_text(td)) if "r" in (td.get("class") or "").split() else None
        if m is not None:
            _set_inner(td, _html_row([m.group(1), m.group(2)]))
    got = judge(report, parse(FORMATS[fmt](page, tmp_path)))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


_DOCX_VALUE = re.compile(
    r'<w:p><w:pPr><w:pStyle w:val="表格数字"/></w:pPr>'
    r'<w:r><w:t xml:space="preserve">(\d\d+)</w:t></w:r></w:p>'
)


def _docx_row(parts: list[str]) -> str:
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="500" w:type="dxa"/></w:tcPr>'
        f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p></w:tc>"
        for p in parts
    )
    grid = '<w:gridCol w:w="500"/>' * len(parts)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}'
        f"</w:tblGrid><w:tr>{cells}</w:tr></w:tbl><w:p/>"
    )


@pytest.mark.parametrize("kind", sorted(PIECES))
def test_a_nested_row_in_a_word_cell(kind: str, tmp_path: Path) -> None:
    rng = random.Random(f"nested-row/docx/{kind}")
    for i in range(2):
        report = random_report(rng, ("2019", "2021")[i])
        path, marked = _nested_docx(report, PIECES[kind], rng, tmp_path / f"{i}.docx")
        got = judge(report, parse(path))
        assert got.wrong == 0, got.wrong_cells[:3]
        if kind in WHOLE:
            assert got.blank == 0
        else:
            assert 0 < got.blank <= len(marked), (got.blank, len(marked))


def _nested_docx(
    report: AnnualReport, pieces: Callable[[str], list[str]], rng: random.Random, path: Path
) -> tuple[Path, set[int]]:
    """Our .docx of the report with some values laid out as nested rows; and which."""
    marked: set[int] = set()
    plain = io.BytesIO(_plain_docx(report, path.parent))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                xml, marked = _nest_values(data.decode("utf-8"), pieces, rng)
                data = xml.encode("utf-8")
            out.writestr(item, data)
    return path, marked


def _nest_values(
    xml: str, pieces: Callable[[str], list[str]], rng: random.Random
) -> tuple[str, set[int]]:
    marked = _pick(len(_DOCX_VALUE.findall(xml)), rng)
    count = iter(range(10**6))

    def nest(m: re.Match[str]) -> str:
        if next(count) not in marked:
            return m.group(0)
        return _docx_row(pieces(m.group(1)))

    return _DOCX_VALUE.sub(nest, xml), marked


def test_rows_as_tables_of_their_own_in_a_frame_are_tables() -> None:
    """A layout frame's cell holding a report's rows as one-row tables (several in the
    cell): each a table of its own, not the cell's lines."""
    from zfxxgk.published.webpage import html_rows

    rows, _ = html_rows(
        "<table><tr><td>公开</td></tr><tr><td><table><tr><td>规章</td><td>5</td></tr></table>"
        "<table><tr><td>行政规范性文件</td><td>7</td></tr></table></td></tr></table>"
    )
    assert [r.cells for r in rows if r.positional] == [
        ("公开",),
        ("规章", "5"),
        ("行政规范性文件", "7"),
    ]


def test_a_one_row_table_in_a_cell_is_its_lines() -> None:
    from zfxxgk.published.webpage import html_rows

    rows, _ = html_rows(
        "<table><tr><td>规章</td><td>x</td></tr>"
        "<tr><td>行政许可</td><td><table><tr><td>12</td><td>345</td></tr></table></td></tr></table>"
    )
    assert [[c.split() for c in r.cells] for r in rows] == [
        ([["规章"], ["x"]]),
        ([["行政许可"], ["12", "345"]]),
    ]
