"""The short cuts of the second HTML speed pass give what the plain computations give.

Each is held to the computation it replaced, on seeded random input of its whole class
(``benchmarks/parse_snapshot.py`` compares whole parse results of a corpus).
"""

from __future__ import annotations

import random
import re

from producers import random_report
from zfxxgk.core.check_completeness import _stated, input_fields, input_paths
from zfxxgk.core.checkctx import Context, _values
from zfxxgk.core.discover import Place
from zfxxgk.core.labels import normalize
from zfxxgk.core.layout import Kind
from zfxxgk.published.header_scope import HeaderScope
from zfxxgk.published.other_years import _TITLE, _title_year
from zfxxgk.published.parse import _GLUED, _short_glued, as_sheet
from zfxxgk.published.source import Source, TextRow

#: Pieces of a row's cells: a title's words, years, white space, numbers, other words.
PIECES = (
    *("2021", "2019", "年", "年度", "政府信息公开", "工作", "报告", "报", "告", "某某局"),
    *(" ", "\u3000", "\n", "\t", "", "12", "0", "总计", "（一）", "—", "1.规章"),
)


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 9)))


def _title_year_plain(row: TextRow) -> int | None:
    """The definition: one filled cell, short, a report's title without white space."""
    cells = [c for c in row.cells if c and c.strip()]
    if len(cells) != 1 or len(cells[0]) > 80:
        return None
    m = _TITLE.match(re.sub(r"\s+", "", cells[0]))
    return int(m.group(1)) if m else None


def test_title_year_skips_only_rows_that_hold_no_title() -> None:
    rng = random.Random(11)
    for _ in range(5000):
        cells = tuple(_text(rng) for _ in range(rng.randint(1, 4)))
        row = TextRow(cells, False, 1)
        assert _title_year(row) == _title_year_plain(row)


def test_header_scope_apart_is_where_local_finds_other_headers() -> None:
    """``apart`` (judged once per table and header rows) is true exactly where ``local``
    does not answer None: a row in another table than one of its headers."""
    rng = random.Random(5)
    for _ in range(400):
        n = rng.randint(1, 12)
        rows = {
            r: TextRow(
                tuple(rng.choice(("总计", "自然人", "", "3")) for _ in range(4)),
                True,
                r + 1,
                table=rng.choice((None, 0, 0, 5)),
            )
            for r in range(n)
            if rng.random() < 0.9
        }
        cells = {(r, c): t for r, row in rows.items() for c, t in enumerate(row.cells) if t}
        scope = HeaderScope(rows, cells)
        expected = [("t", "p", str(i)) for i in range(4)]
        for _ in range(6):
            heads = {
                p: Place("s", rng.randrange(n), rng.randrange(4))
                for p in expected
                if rng.random() < 0.8
            }
            header = tuple(sorted({h.row for h in heads.values()}))
            r = rng.randrange(n)
            assert scope.apart(r, header) == (scope.local(r, expected, heads) is not None)


def test_check_values_and_counts_are_the_reports_own() -> None:
    """The values read a record at a time, the stated numbers and the blank inputs
    counted over listed paths, are what the report's fields give one by one."""
    rng = random.Random(3)
    for i in range(30):
        report = random_report(rng, ("2019", "2021")[i % 2])
        fields = report.layout.fields()
        assert _values(report) == {f.path: report.get(f.path) for f in report.layout.fields()}
        ctx = Context(report, None, False)
        stated = sum(
            1 for f in fields if f.kind is not Kind.UNIT and report.get(f.path) is not None
        )
        assert _stated(ctx) == stated
        inputs = input_fields(report.layout)
        assert input_paths(report.edition) == tuple(f.path for f in inputs)


def test_glued_number_and_sheet_are_the_plain_computations() -> None:
    rng = random.Random(9)
    for _ in range(2000):
        text = _text(rng)
        label = normalize(text)
        m = _GLUED.search(label)
        assert _short_glued(text) == (None if m is None else (label, m.group(1)))
    rows = tuple(
        TextRow(tuple(_text(rng) for _ in range(rng.randint(0, 5))), True, i + 1) for i in range(60)
    )
    sheet, by_row = as_sheet(Source("html", rows, ""))
    assert by_row == dict(enumerate(rows))
    plain = {
        (i, j): cell
        for i, row in enumerate(rows)
        for j, cell in enumerate(row.cells)
        if cell and cell.strip("\u00a0\u3000 \t\r\n")
    }
    assert sheet.cells == plain
    assert list(sheet.cells) == list(plain)  # in the rows' order, as discovery reads them
