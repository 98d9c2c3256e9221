"""A page that holds another year's report too (last year's tables below or above this
year's): the rows under another year's title are not this report's."""

from __future__ import annotations

import re
from itertools import pairwise

from zfxxgk.notes import Note
from zfxxgk.published.source import TextRow

#: a report's title on a line of its own: agency, year, 政府信息公开工作年度报告
_TITLE = re.compile(
    r"^[^\s，。、：:；;]{0,60}?((?:19|20)\d{2})\s*年度?\s*政府信息公开(?:工作)?年度?报告$"
)
#: a title is a short line
_MAX_TITLE = 80


def _title_year(row: TextRow) -> int | None:
    if "告" not in "".join(row.cells):  # no title: each title ends in 报告 (most rows)
        return None
    cells = [c for c in row.cells if c and c.strip()]
    if len(cells) != 1 or len(cells[0]) > _MAX_TITLE:
        return None
    m = _TITLE.match(re.sub(r"\s+", "", cells[0]))
    return int(m.group(1)) if m else None


def this_years_rows(
    rows: tuple[TextRow, ...], year: int | None
) -> tuple[tuple[TextRow, ...], list[Note]]:
    """The rows without those under the title of another year's report (``year``, or
    where it is None the first title's), and a warning naming each part left out. A
    part is left out only where it holds a table (a row of three cells or more): a link
    to last year's report among the lines is kept."""
    marks = [(i, y) for i, r in enumerate(rows) if (y := _title_year(r)) is not None]
    if year is None:
        # no title named the report's year: the first report's title does, where the
        # page holds reports of two years
        if len({y for _, y in marks}) < 2:
            return rows, []
        year = marks[0][1]
    if not any(y != year for _, y in marks) or not any(y == year for _, y in marks):
        return rows, []
    keep: list[TextRow] = []
    notes: list[Note] = []
    bounds = [*marks, (len(rows), None)]
    keep.extend(rows[: marks[0][0]])
    for (start, y), (end, _) in pairwise(bounds):
        part = rows[start:end]
        if y != year and any(sum(1 for c in r.cells if c) >= 3 for r in part):
            notes.append(
                Note(
                    "other-year-report",
                    params={"year": y, "report_year": year, "line": part[0].line},
                )
            )
            continue
        keep.extend(part)
    return tuple(keep), notes
