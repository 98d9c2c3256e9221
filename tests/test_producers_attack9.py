"""Producers nobody on the project wrote (:mod:`producers_attack9`): hand-made workbooks,
CSV and TSV exports, OCR Markdown, edited Word documents. Every cell right or blank with
a warning naming its row, never another number; and the exports whose delimiters and
quotes are plain to read (a ``;`` CSV, Excel's quoted TSV) read every cell right."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_producers import judge
from producers import cells_of, random_report, score
from producers_attack9 import ATTACK, reports
from zfxxgk import parse
from zfxxgk.published.sheets import csv_source
from zfxxgk.published.text import text_rows

REPORTS = reports(9, 2)


@pytest.mark.parametrize("name", sorted(ATTACK))
def test_every_producer_reads_right_or_blank_with_a_warning(name: str, tmp_path: Path) -> None:
    for stem, truth in REPORTS:
        folder = tmp_path / stem
        folder.mkdir()
        try:
            result = parse(ATTACK[name](truth, folder))
        except Exception as exc:  # a lost report is no wrong number, but say which
            if name in ("csv-semicolon", "tsv"):
                raise AssertionError(f"{stem}: {exc}") from exc
            continue
        s = judge(truth, result)  # (last year's sheet first: last year's report read)
        assert s.wrong == 0, (stem, s.wrong_cells[:5])


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 10**6),
    edition=st.sampled_from(("2019", "2021")),
    name=st.sampled_from(
        (
            "csv-semicolon",
            "tsv",
            "wb-reversed",
            "tab-reversed",
            "docx-nobreak-hyphen",
            "docx-symbol-minus",
            "md-comments",
        )
    ),
)
def test_plain_exports_read_every_cell(seed: int, edition: str, name: str, tmp_path: Path) -> None:
    """A ``;`` CSV whose counts hold thousands commas (the sniffer finds no delimiter),
    Excel's tab-separated text whose wrapped cells are quoted across lines, and the tables
    in reverse order (section 三 under 四, its 总计 header in reach of 四's), Word's
    negatives typed with a non-breaking hyphen or the Symbol font's minus (both were
    read without their minus: -22 as 22), Markdown cells keeping an old figure in an HTML
    comment (15<!-- 12 -->: every such row was left blank):
    each says every cell plainly, and every cell is read."""
    truth = random_report(random.Random(seed), edition)
    folder = tmp_path / f"{name}-{seed}-{edition}"
    folder.mkdir(exist_ok=True)
    s = score(truth, parse(ATTACK[name](truth, folder)))
    assert (s.right, s.wrong) == (len(cells_of(truth)), 0), s.wrong_cells[:5]


def test_a_semicolon_csv_the_sniffer_cannot_place_splits_at_its_semicolons() -> None:
    text = "标题\n\n信息内容;本年新制作数量;本年新公开数量\n规章;1,234;0\n规范性文件;5;;\n"
    rows = csv_source(text, "s").rows
    assert [r.cells[:3] for r in rows[1:]] == [
        ("信息内容", "本年新制作数量", "本年新公开数量"),
        ("规章", "1,234", "0"),
        ("规范性文件", "5", ""),
    ]


def test_a_quoted_cell_across_lines_is_one_cell() -> None:
    text = '"一、本年新收\n政府信息公开申请数量"\t\t3\t4\n二、上年\t"a ""b""\nc"\t5\n'
    rows = text_rows(text)
    assert [r.cells for r in rows] == [
        ("一、本年新收\n政府信息公开申请数量", "", "3", "4"),
        ("二、上年", 'a "b"\nc', "5"),
    ]
    assert rows[0].line == 1 and rows[1].line == 3


def test_a_quote_never_closed_joins_no_line() -> None:
    """A label that begins with a quote it never closes (a quotation cut off) is read on
    its own line; the rows after it stay rows."""
    text = '一、本年\t1\t"引号没有结束\n二、上年\t3\t4\n三、本年\t5\t6\n'
    assert [r.cells for r in text_rows(text)] == [
        ("一、本年", "1", '"引号没有结束'),
        ("二、上年", "3", "4"),
        ("三、本年", "5", "6"),
    ]


@pytest.mark.parametrize("name", ["docx-nobreak-hyphen", "docx-symbol-minus"])
def test_a_word_minus_of_no_text_is_the_minus_it_shows(name: str, tmp_path: Path) -> None:
    """-22 typed with Word's non-breaking hyphen (``w:noBreakHyphen``) or a minus from
    the Symbol font (``w:sym``) reads -22, never 22."""
    truth = next(r for _, r in REPORTS if r.get(("proactive", "fees", "change")) is not None)
    truth.set(("proactive", "fees", "change"), -22)
    result = parse(ATTACK[name](truth, tmp_path))
    assert result.report.get(("proactive", "fees", "change")) == -22


@pytest.mark.parametrize(
    ("font", "char", "shown"),
    [
        ("Symbol", "F02D", "\u2212"),
        ("Symbol", "F035", "5"),
        ("Symbol", "F061", "\ufffd"),  # α: no digit, no sign
        ("Wingdings", "F0FC", "\ufffd"),  # a tick
        ("Wingdings", "F035", "\ufffd"),  # a picture, not the digit its code is
        ("Times New Roman", "2212", "\u2212"),
        ("Symbol", "D800", "\ufffd"),  # no character
        ("Symbol", "zz", "\ufffd"),
    ],
)
def test_a_word_symbol_shows_its_character_or_no_digit(font: str, char: str, shown: str) -> None:
    from xml.etree.ElementTree import Element

    from zfxxgk.published.word import _symbol

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert _symbol(Element(f"{w}sym", {f"{w}font": font, f"{w}char": char})) == shown


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), edition=st.sampled_from(("2019", "2021")))
def test_struck_text_in_a_workbook_is_no_digit(seed: int, edition: str, tmp_path: Path) -> None:
    """A number typed after its old value struck out in the same cell (rich text runs,
    ~~12~~15: was read 1215) reads the number not struck; a row struck out whole (its
    cells' font struck: was read as the row) gives no number: right, or blank with a
    warning naming the row."""
    truth = random_report(random.Random(seed), edition)
    runs = tmp_path / "runs"
    runs.mkdir(exist_ok=True)
    s = score(truth, parse(ATTACK["wb-struck-runs"](truth, runs)))
    assert (s.right, s.wrong) == (len(cells_of(truth)), 0), s.wrong_cells[:5]
    cells = tmp_path / "cells"
    cells.mkdir(exist_ok=True)
    s = score(truth, parse(ATTACK["wb-struck-cells"](truth, cells)))
    assert s.wrong == 0, s.wrong_cells[:5]


def test_markdown_cells_show_no_comment_and_raise_marks() -> None:
    from zfxxgk.published.markdown import markdown_rows

    rows = markdown_rows(
        "| 规章 | 15<!-- 12 --> | 3<sup>1</sup> | <!-- x -->7 |\n|---|---|---|---|\n"
    )
    assert rows[0].cells == ("规章", "15", "3¹", "7")


def test_two_numbers_under_one_merged_header_are_no_two_fields(tmp_path: Path) -> None:
    """Two numbers under one merged header (上一年项目数量 over last year's and this
    year's) are neither read by order as that field and the next, whose header stands in
    another column: the row is blank with a warning (the class: test_two_numbers)."""
    truth = dict(reports(9, 10))["random-2019-5"]
    s = score(truth, parse(ATTACK["wb-two-years"](truth, tmp_path)))
    assert s.wrong == 0, s.wrong_cells
