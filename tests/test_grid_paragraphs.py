"""A grid table's cell of two paragraphs, or of a hard line break, is two lines.

pandoc writes a Word cell of two paragraphs in a grid table with a blank line between
them, and a line break (Shift+Enter) in Markdown as a backslash ending the line. A cell
``12`` / blank / ``345`` shows two numbers, as the .docx and the web page of the same
cell do (both refused: blank with a warning); on the code before this test the grid
table joined them to ``12 345`` and the thousands rule read 12345 without a word, and a
label broken by ``\\`` kept the backslash inside it. Lines that only wrap one paragraph
are still joined (pandoc wraps at spaces: the cell's text is what they join).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

import producers_more
from hostile_producers import judge
from producers import random_report
from zfxxgk import AnnualReport, parse
from zfxxgk.published.grid import Budget
from zfxxgk.published.gridtable import grid_table

_WRAP = producers_more._wrap
_BOXES = producers_more._boxes
SAMPLES = sorted((Path(__file__).parent / "data" / "samples").glob("*.json"))


def _paragraph_wrap(text: str, width: int) -> list[str]:
    """The producer's wrap, where a newline in the text also ends a line."""
    return [line for part in text.split("\n") for line in (_WRAP(part, width) if part else [""])]


def _document(
    report: object, change: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> tuple[str, int]:
    """pandoc 3's Markdown of the report with ``change`` made to each cell's text; how
    many cells it changed."""
    changed = 0

    def boxes(report: object, table: object) -> list[tuple[int, int, int, int, str]]:
        nonlocal changed
        out = []
        for r, c, rs, cs, text in _BOXES(report, table):  # type: ignore[arg-type]
            new = change(text)
            changed += new != text
            out.append((r, c, rs, cs, new))
        return out

    monkeypatch.setattr(producers_more, "_boxes", boxes)
    monkeypatch.setattr(producers_more, "_wrap", _paragraph_wrap)
    return producers_more._grid_document(report, 12), changed  # type: ignore[arg-type]


def _split(sep: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        if not 4 <= len(text) <= 6 or not text.isdigit():
            return text
        at = len(text) - 3  # (12 345: digits the thousands rule would join)
        return f"{text[:at]}{sep}{text[at:]}"

    return change


@pytest.mark.parametrize("sep", ["\n\n", "\\\n"], ids=["paragraphs", "line-break"])
def test_a_number_over_two_lines_of_a_grid_cell_is_never_joined(
    sep: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    total = 0
    for sample in SAMPLES:  # real reports' numbers: 1 234 … 999 999 among them
        report = AnnualReport.from_json(sample.read_bytes())
        text, changed = _document(report, _split(sep), monkeypatch)
        path = tmp_path / f"{sample.stem}.md"
        path.write_text(text, encoding="utf-8")
        got = judge(report, parse(path))
        assert got.wrong == 0, (sample.stem, got.wrong_cells[:3])
        assert got.blank >= changed, (sample.stem, got.blank, changed)
        total += changed
    assert total > 0


def _broken_label(text: str) -> str:
    if len(text) < 8 or text.isascii():
        return text
    return f"{text[: len(text) // 2]}\\\n{text[len(text) // 2 :]}"


def test_a_label_broken_by_a_backslash_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = random_report(random.Random("grid-label-break"), "2021")
    text, changed = _document(report, _broken_label, monkeypatch)
    path = tmp_path / "pandoc3.md"
    path.write_text(text, encoding="utf-8")
    got = judge(report, parse(path))
    assert changed > 0
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


@pytest.mark.parametrize(
    ("lines", "cell"),
    [
        (["12", "", "345"], "12\n345"),
        (["12\\", "345"], "12\n345"),
        (["12", "345"], "12 345"),  # one paragraph wrapped at its space
        (["信息公开", "", "申请"], "信息公开\n申请"),
        (["信息公开", "申请"], "信息公开申请"),
    ],
)
def test_grid_cell_lines(lines: list[str], cell: str) -> None:
    width = 10
    rule = "+" + "-" * width + "+"
    table = [rule, *(f"|{line}{' ' * (width - producers_more._width(line))}|" for line in lines)]
    rows = grid_table(list(enumerate([*table, rule])), Budget())
    assert rows is not None
    assert [r.cells for r in rows] == [(cell,)]


def _off_grid(text: str) -> str:
    """The document with each grid table's rules a column wider than its lines (a hand
    edit, a character of another width): its boxes do not tile it, and it is read line
    by line."""
    return "\n".join(f"{line}-" if line.startswith("+") else line for line in text.split("\n"))


@pytest.mark.parametrize("sep", ["\n", "\n\n"], ids=["wrapped", "paragraphs"])
def test_a_number_over_two_lines_of_a_table_read_line_by_line_is_never_cut(
    sep: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A grid table that is not laid out is read line by line: a cell's second line is
    no row of its own, and its first line no number of the cell (1 / 234: not 1)."""
    total = 0
    for sample in SAMPLES:
        report = AnnualReport.from_json(sample.read_bytes())
        text, changed = _document(report, _split(sep), monkeypatch)
        path = tmp_path / f"{sample.stem}.md"
        path.write_text(_off_grid(text), encoding="utf-8")
        got = judge(report, parse(path))
        assert got.wrong == 0, (sample.stem, got.wrong_cells[:3])
        total += changed
    assert total > 0
