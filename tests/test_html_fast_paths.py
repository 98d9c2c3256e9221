"""The fast paths of the HTML reader give what the plain ones give (issue 17, item 9): a
page's bytes handed to libxml2 as they are, a row's cells laid out in one loop, the
page's text by XPath, the narrative's figures found from their units."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk.published.grid import Budget, Grid
from zfxxgk.published.textsource import load_source
from zfxxgk.published.webpage import html_rows

PAGE = (
    "<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body>"
    "<p>一、总体情况</p><table><tr><td rowspan=2>规章</td><td>1</td><td>２</td></tr>"
    "<tr><td colspan=2>3</td></tr></table><p>结尾 ① 𠀀</p></body></html>"
)


def test_bytes_as_they_are_give_the_rows_of_the_text() -> None:
    """UTF-8 with and without a byte-order mark, and GB18030: the rows and text of the
    decoded page, read as ``html_rows`` reads the text alone."""
    expected = html_rows(PAGE)
    assert expected[0]  # the page has rows
    for data in (
        PAGE.encode("utf-8"),
        codecs.BOM_UTF8 + PAGE.encode("utf-8"),
        PAGE.encode("gb18030"),
    ):
        source = load_source(Path("page.html"), data)
        assert (list(source.rows), source.text) == expected


cells = st.lists(
    st.lists(
        st.tuples(st.sampled_from(["", "a", "1"]), st.integers(1, 3), st.integers(1, 3)),
        max_size=5,
    ),
    max_size=6,
)


@given(cells, st.booleans())
@settings(max_examples=80, deadline=None)
def test_add_all_lays_out_as_add(rows: list[list[tuple[str, int, int]]], first_row: bool) -> None:
    """Rows of spanning cells: one loop per row gives the grid of one call per cell."""
    one, each = Grid(Budget()), Grid(Budget())
    for i, row in enumerate(rows):
        if first_row or i:  # cells before any row begins go to the first
            one.new_row()
            each.new_row()
        one.add_all(row)
        for text, rowspan, colspan in row:
            each.add(text, rowspan, colspan)
    assert one.rows(0) == each.rows(0)
    assert (one.cells, one.starts, one.width, one.height) == (
        each.cells,
        each.starts,
        each.width,
        each.height,
    )
    assert (one.budget.cells, one.budget.rows) == (each.budget.cells, each.budget.rows)


def test_string_value_is_the_text_tostring_writes(tmp_path: Path) -> None:
    """The page's text by XPath's string(): what tostring's text method writes, on our
    pages, producers' pages, Word's hostile page and byte mutations of them."""
    from lxml import etree

    from badfiles import mutate_bytes
    from test_html_speed import pages
    from zfxxgk.published.webpage import _document, _string_value

    rng = random.Random(9)
    base = [*pages(tmp_path), PAGE, "<p>a&nbsp;&foo;<b>b</b>c<![CDATA[x]]>d</p>"]
    texts = base + [
        mutate_bytes(rng.choice(base).encode(), rng).decode("utf-8", "replace") for _ in range(100)
    ]
    for text in texts:
        root = _document(text)
        if root is None:
            continue
        written = etree.tostring(root, method="text", encoding=str, with_tail=False)
        assert _string_value()(root) == written


@given(st.text(st.sampled_from("19０٣,，件份条起宗文a 　"), max_size=60))
@settings(max_examples=300, deadline=None)
def test_figure_spans_are_the_pattern_matches(text: str) -> None:
    """The narrative's figures found from their units: the spans of the pattern's matches
    (digits of other scripts, commas, runs without a digit, units side by side)."""
    from zfxxgk.published.narrative import _FIGURE, figure_spans

    assert figure_spans(text) == [m.span() for m in _FIGURE.finditer(text)]
