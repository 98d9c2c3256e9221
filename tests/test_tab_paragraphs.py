"""A Word table pasted as text, a cell of two paragraphs in it: never a cut number.

Pasted as text, Word writes a table's cells with tabs between them and its rows on
lines, and a cell of two paragraphs (12, then 345) with a line break inside it: the
row's line ends after 12, and the next line begins with 345 and the row's other cells.
On the code before this test the row was read up to 12 (the cell's first line as its
number, without a word) and the rest of the row was lost; now the line is joined back
and the cell holds its two lines: no number, blank with a warning; the rest of the row
is read.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from hostile_producers import judge
from producers import PRODUCERS, random_report
from zfxxgk import parse
from zfxxgk.published.text import text_rows


def _split_cells(text: str, rng: random.Random) -> tuple[str, int]:
    """The text with a value of some rows split over two lines; how many were split."""
    out, split = [], 0
    for line in text.split("\n"):
        cells = line.split("\t")
        values = [i for i, c in enumerate(cells) if i > 0 and c.isdigit() and len(c) >= 2]
        if values and rng.random() < 0.3:
            i = rng.choice(values)
            at = rng.randint(1, len(cells[i]) - 1)
            cells[i] = f"{cells[i][:at]}\n{cells[i][at:]}"
            split += 1
        out.append("\t".join(cells))
    return "\n".join(out), split


@pytest.mark.parametrize("seed", range(4))
def test_a_cell_of_two_paragraphs_pasted_as_text_is_never_cut(seed: int, tmp_path: Path) -> None:
    rng = random.Random(f"tab-paragraphs/{seed}")
    report = random_report(rng, "2019" if seed % 2 else "2021")
    path = PRODUCERS["tab-text"](report, tmp_path)
    text, split = _split_cells(path.read_text(encoding="utf-8"), rng)
    path.write_text(text, encoding="utf-8")
    got = judge(report, parse(path))
    assert split > 0
    assert got.wrong == 0, got.wrong_cells[:3]
    assert got.right >= 200 - 3 * split - 20, (got.right, got.blank, split)


def test_rows_joined_back() -> None:
    rows = text_rows(
        "项目\t甲\t乙\t丙\n标签\t1\t2\t3\n4\n行\t4\t56\n7\t8\n\n(一)\t9\n一、概述\n2024\n"
        "\t结果维持\t总计\n0\t1\t1\n1\t（一）\t2\t3\n2\t（二）\t4\t5\n"
        "序号\t甲\t乙\t丙\t丁\n3\t（三）\t6\n4\t（四）\t7\n"
    )
    assert [r.cells for r in rows] == [
        ("项目", "甲", "乙", "丙"),
        ("标签", "1", "2", "3\n4"),
        ("行", "4", "56\n7", "8"),
        ("(一)", "9"),
        ("一、概述",),
        ("2024",),
        ("", "结果维持", "总计"),
        ("0", "1", "1"),  # table 四's values under its header: a row of their own
        ("1", "（一）", "2", "3"),  # rows led by an index number: rows of their own
        ("2", "（二）", "4", "5"),
        ("序号", "甲", "乙", "丙", "丁"),
        ("3", "（三）", "6"),  # a short row, then one led by an index number
        ("4", "（四）", "7"),
    ]
