"""A ruled table row cut by a page break, its label above the break and values below it.

A browser cuts a row at the page's foot: its label stays above, and a value wholly below
the break comes in a row of its own at the next page's head, one without a label. On
the code before this test such values were lost, and their row read blank with no
warning. No row of the report's tables is values alone but table 四's one (under its
header): a row of values alone right below the break, in the same table, is the cut
row's rest.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from producers import warned_rows
from test_pdf_columns import line, parsed

XS = (50.0, 200.0, 280.0, 360.0, 440.0)
HEAD = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
LABEL = "行政规范性文件"


def pages(above: list[str], below: list[str]) -> list[dict[str, Any]]:
    """Table 二 (2021) broken after its row 行政规范性文件 (cells ``above``), the rest of
    that row (``below``) at the head of the next page's part."""
    first = [
        line(10, (90, "某局2024年政府信息公开工作年度报告")),
        line(20, (90, "二、主动公开政府信息情况")),
        (
            "table",
            30,
            [["第二十条第（一）项", "", "", ""], HEAD, ["规章", "1", "0", "1"], [LABEL, *above]],
            XS,
            [(0,), (0, 1, 2, 3), (0, 1, 2, 3), (0, 1, 2, 3)],
        ),
    ]
    rest = [
        ("table", 30, [["", *below], ["第二十条第（五）项", "", "", ""]], XS, [(0, 1, 2, 3), (0,)]),
        line(200, (90, "三、收到和处理政府信息公开申请情况")),
    ]
    return [{"items": p, "chars": 500, "images": 0} for p in (first, rest)]


value = st.sampled_from(["", "0", "3", "18"])


@given(
    cells=st.lists(st.tuples(value, st.booleans()), min_size=3, max_size=3).filter(
        lambda cs: any(v and low for v, low in cs)
    )
)
def test_a_value_below_the_break_is_its_rows_or_warned(cells: list[tuple[str, bool]]) -> None:
    above = [v if not low else "" for v, low in cells]
    below = [v if low else "" for v, low in cells]
    result = parsed(pages(above, below))
    row = result.report.proactive.normative_documents
    got = [row.issued, row.repealed, row.in_force]
    warned = ("proactive", "normative_documents") in warned_rows(result)
    for (text, _), read in zip(cells, got, strict=True):
        want = int(text) if text else None
        assert read == want or (read is None and warned), (cells, got)
