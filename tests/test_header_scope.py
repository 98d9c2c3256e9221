"""A row is read against the header of its own table, never another table's columns.

A published table is often split in two (a page break, a CMS that starts a new table):
the second part repeats the header, and its label area may have a column more or fewer
than the first part's (a label merged across two columns in one, split in the other).
Discovery finds the header above the first part; a row of the second part must be read
against the header repeated over it, for the same column number is another column there.

The generator: random reports as Markdown, table 三 split before any of its rows into a
second pipe table whose label area has one column more or one fewer. On the code before
``header_scope``, rows of the second part slid one column (商业企业's count under 自然人).
"""

from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from producers import PRODUCERS, random_report, score
from zfxxgk import parse
from zfxxgk.published.markdown import markdown_rows
from zfxxgk.published.parse import as_sheet
from zfxxgk.published.source import Source

_ROW = re.compile(r"^\|(.*)\|$")


def _cells(line: str) -> list[str]:
    m = _ROW.match(line)
    assert m is not None
    return [c.strip() for c in m.group(1).split("|")]


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _relabel(cells: list[str], delta: int) -> list[str]:
    """The row with one label column more (an empty one after the first) or one fewer
    (its first empty label cell among the first three removed)."""
    if delta > 0:
        return [cells[0], "", *cells[1:]]
    for k in range(3):
        if not cells[k]:
            return cells[:k] + cells[k + 1 :]
    return cells  # no empty label cell: unchanged (the row then stays on its own grid)


def split_table(text: str, at: int, delta: int) -> str:
    """The Markdown with table 三 split before its data row ``at`` (0 = the first), the
    second part under a repeated header, its label area ``delta`` columns wider."""
    lines = text.split("\n")
    start = next(i for i, x in enumerate(lines) if x.lstrip("# ").startswith("三、收到"))
    first = next(i for i in range(start, len(lines)) if lines[i].startswith("|"))
    end = next(i for i in range(first, len(lines)) if not lines[i].startswith("|"))
    head = [lines[first], *lines[first + 2 : first + 4]]  # without the |---| line
    data = lines[first + 4 : end]
    at = min(at, len(data) - 1)
    second = [_relabel(_cells(x), delta) for x in [*head, *data[at:]]]
    width = len(second[0])
    part = [_line(second[0]), _line(["---"] * width), *(_line(c) for c in second[1:])]
    return "\n".join([*lines[: first + 4], *data[:at], "", *part, *lines[end:]])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(
    seed=st.integers(0, 10_000),
    edition=st.sampled_from(["2019", "2021"]),
    at=st.integers(0, 30),
    delta=st.sampled_from([-1, 1]),
)
def test_a_split_table_with_another_label_area_is_never_misread(
    seed: int, edition: str, at: int, delta: int
) -> None:
    truth = random_report(random.Random(seed), edition)
    with tempfile.TemporaryDirectory() as tmp:
        text = PRODUCERS["md"](truth, Path(tmp)).read_text("utf-8")
    page = split_table(text, at, delta)
    s = score(truth, parse("split.md", data=page.encode()))
    assert s.wrong == 0, s.wrong_cells[:4]


def test_the_parts_of_a_split_table_are_two_tables() -> None:
    truth = random_report(random.Random(1), "2021")
    with tempfile.TemporaryDirectory() as tmp:
        text = PRODUCERS["md"](truth, Path(tmp)).read_text("utf-8")
    rows = markdown_rows(split_table(text, 5, 1))
    tables = [r.table for r in rows if r.positional]
    assert None not in tables
    assert len(set(tables)) == 4  # 二 (one table), 三 in two parts, 四
    _, by_row = as_sheet(Source("md", tuple(rows), text))
    assert all(by_row[i] is rows[i] for i in by_row)
