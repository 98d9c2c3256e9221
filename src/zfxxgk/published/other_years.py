"""A page that holds another year's report too (last year's tables below or above this
year's): the rows under another year's title are not this report's."""

from __future__ import annotations

import functools
import re
from collections import Counter
from itertools import pairwise
from typing import Any

from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.labels import MAX_LABEL, core, normalize
from zfxxgk.notes import Note
from zfxxgk.published.source import TextRow

#: a report's title on a line of its own: agency, year, 政府信息公开工作年度报告
_TITLE = re.compile(
    r"^[^\s，。、：:；;]{0,60}?((?:19|20)\d{2})\s*年度?\s*政府信息公开(?:工作)?年度?报告$"
)
#: a title is a short line
_MAX_TITLE = 80
#: the period a report's statistics cover, as the format's preface states it
#: (本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止; 统计时限为…至…)
_PERIOD = re.compile(
    r"(?:期限|时限|期间|时间|区间)\D{0,6}?((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\D{0,6}?"
    r"(?:至|到|—|－|-|~|～)\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日"
)


def stated_year(rows: tuple[TextRow, ...]) -> int | None:
    """The year the report's text says its statistics cover (统计期限自2023年1月1日起至
    2023年12月31日止), where it names one year and only one."""
    years = {
        int(a)
        for r in rows
        for cell in r.cells
        if cell and "31" in cell and len(cell) < 2000
        for a, b in _PERIOD.findall(cell)
        if a == b
    }
    return years.pop() if len(years) == 1 else None


#: a year the text names (2023年，…; 较2022年), not a date's (2024年1月20日)
_SAID = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")


def _years_said(rows: tuple[TextRow, ...]) -> Counter[int]:
    """How often the text (its titles and periods left out) names each year: a report's
    text names its own year (2023年，本机关…) more than any other."""
    counts: Counter[int] = Counter()
    for r in rows:
        if len(r.cells) != 1 or not r.cells[0] or len(r.cells[0]) >= 2000:
            continue
        if _title_year(r) is None:
            counts.update(int(y) for y in _SAID.findall(_PERIOD.sub("", r.cells[0])))
    return counts


def _title_year(row: TextRow) -> int | None:
    if "告" not in "".join(row.cells):  # no title: each title ends in 报告 (most rows)
        return None
    cells = [c for c in row.cells if c and c.strip()]
    if len(cells) != 1 or len(cells[0]) > _MAX_TITLE:
        return None
    m = _TITLE.match(re.sub(r"\s+", "", cells[0]))
    return int(m.group(1)) if m else None


def _agency(row: TextRow) -> str:
    """What a title (:func:`_title_year`) writes before its year: the agency's name."""
    text = re.sub(r"\s+", "", "".join(c for c in row.cells if c))
    m = _TITLE.match(text)
    return text[: m.start(1)] if m else ""


@functools.cache
def row_labels() -> frozenset[str]:
    """The normal forms and cores of the labels of every edition's rows, and their words
    alone where a number of their own goes before them (:func:`_bare_labels`)."""
    return frozenset(_numbered_labels() | _bare_labels())


@functools.cache
def _numbered_labels() -> frozenset[str]:
    """The normal forms and cores of the labels of every edition's rows, as written."""
    labels = {
        normalize(row.label)
        for edition in EDITIONS.values()
        for table in edition.tables
        for block in table.blocks
        for row in (*block.rows, *block.optional_rows)
        if row.key
    }
    return frozenset(labels | {core(x) for x in labels} - {""})


@functools.cache
def _bare_labels() -> frozenset[str]:
    """A label whose number stands in a cell of its own (一、 | 本年新收…, （一） | 予以公开):
    its words alone, where they are more than a generic word (其他, 总计)."""
    return (
        frozenset(rest for x in _numbered_labels() if len(rest := _unnumbered(x)) >= 4)
        - _numbered_labels()
    )


#: A row label's own number (一、, (一), 1.), as its normal form writes it.
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)")


def _unnumbered(normal: str) -> str:
    """A normalised label without its leading number (一、本年新收… → 本年新收…)."""
    return _NUMBERING.sub("", normal, count=1)


def _table_at(part: tuple[TextRow, ...]) -> int | None:
    """Where in ``part`` a table of a report begins: its first row of three cells or more,
    one of them a row label of the report's (行政许可, 一、本年新收政府信息公开申请数量); a
    sidebar's table of other statistics (年度 | 受理 | 办结) is none."""
    for k, r in enumerate(part):
        cells = [c for c in r.cells if c]
        if len(cells) >= 3 and any(_row_label(cells, i) for i in range(len(cells))):
            return k
    return None


def _row_label(cells: list[str], i: int) -> bool:
    """Whether ``cells[i]`` is a row label of the editions': as written, or its words alone
    right after its number in a cell of its own (一、 | 本年新收…; a sidebar's 办理结果 |
    予以公开 | 部分公开 heads other numbers: no report's row)."""
    if len(cells[i]) > MAX_LABEL:
        return False
    n = normalize(cells[i])
    labels = _numbered_labels()
    if n in labels or core(n) in labels:
        return True
    bare = _bare_labels()
    if n not in bare and core(n) not in bare:
        return False
    before = next((c for c in reversed(cells[:i]) if c.strip()), "")
    return _NUMBERING.fullmatch(normalize(before)) is not None


def _holds_table(part: tuple[TextRow, ...]) -> bool:
    """Whether rows hold a table of a report (:func:`_table_at`)."""
    return _table_at(part) is not None


#: Titles with at most this many lines of one cell between (相关链接：) are one list (a
#: title and links under it, or links and the title under them: a page copied as text
#: tells them apart by no mark).
_LISTED_APART = 1


def _most_named(
    rows: tuple[TextRow, ...],
    marks: list[tuple[int, int]],
    linked: list[tuple[int, int]],
    at: int,
    year: int,
) -> int | None:
    """Of the titles of ``year`` (the links between the head at ``at`` and its tables
    first, then those up to the head, nearest the tables first), the row of the one whose
    agency most of the page's titles name (a list of links names another agency's report
    of the year too: 某某镇人民政府2023年…); None where no title is of that year."""
    mine = [i for i, y in reversed(linked) if y == year]
    mine += [i for i, y in reversed(marks) if y == year and i <= at]
    if not mine:
        return None
    names = Counter(_agency(rows[i]) for i, _ in (*marks, *linked))
    return max(mine, key=lambda i: names[_agency(rows[i])])  # (the first of the most)


def _one_report(
    rows: tuple[TextRow, ...],
    marks: list[tuple[int, int]],
    linked: list[tuple[int, int]],
    head: tuple[int, int],
    year: int | None,
    title: TextRow | None,
) -> tuple[tuple[TextRow, ...], list[Note], int | None, TextRow | None]:
    """One title (``head``: its row and year) heads the tables, and titles of other years
    stand above it, or titles that are links (``linked``: taken for no title) stand between
    it and the tables. Where the report's text states the year of its statistics and such
    a title is of that year, that is the report's title (a link between: the report's
    own, linked to its page; above: the head and those between links the text did not
    mark, a page copied as text): a warning says so. A period whose year the text names
    less often than one of those titles' is left out (last year's left in). Where the text does
    not confirm the head's year and titles of other years stand right above it, in one
    list with it (any above, where every title is a link), or links between, which is the
    report's is not known: a warning names their years."""
    at, head_year = head
    stated = stated_year(rows)
    if stated is not None:
        said = _years_said(rows)
        named = {head_year, *(y for _, y in linked), *(y for i, y in marks if i < at)}
        if any(said[y] > said[stated] for y in named - {stated}):
            stated = None  # the text names another year more: last year's period left in
    line = rows[at].line
    # the title of the stated year (the head too where it is of that year)
    pick = _most_named(rows, marks, linked, at, stated) if stated is not None else None
    if pick is not None:
        if stated != head_year:
            params = {"year": stated, "title_year": head_year, "line": line}
            return rows, [Note("year-from-period", params=params)], stated, rows[pick]
        title = rows[pick]
    listed = [at]
    for i, _ in reversed([m for m in marks if m[0] < at]):
        between = rows[i + 1 : listed[-1]]
        if len(between) > _LISTED_APART or any(sum(1 for c in r.cells if c) > 1 for r in between):
            break  # (a table, or text, between: no list)
        listed.append(i)
    if rows[at].link:  # every title a link: the page's own may stand anywhere above
        listed = [i for i, _ in marks if i <= at]
    years = sorted({y for i, y in marks if i in listed} | {y for _, y in linked})
    if stated == head_year or len(years) < 2:
        return rows, [], year, title
    read = head_year if year is None else year  # (the title search's, where no title's)
    unsure: dict[str, Any] = {"year": read, "years": sorted({*years, read}), "line": line}
    # the title for the agency (every title a link: the one over the tables may be
    # another agency's of the year read)
    pick = _most_named(rows, marks, linked, at, read)
    if pick is not None:
        title = rows[pick]
    return rows, [Note("title-year-unsure", params=unsure)], year, title


def this_years_rows(
    rows: tuple[TextRow, ...], year: int | None
) -> tuple[tuple[TextRow, ...], list[Note], int | None, TextRow | None]:
    """The rows without those under the title of another year's report, a warning naming
    each part left out, the report's year and its title's row (None: no title heads a
    table of that year).

    A title is a report's only where a table of a report (:func:`_holds_table`) follows
    it before the next title: a list of links to other years' reports (a sidebar, related
    articles) heads no report, and its lines are kept; nor does a title that is a link
    (:attr:`TextRow.link`) where one that is none stands on the page (links between the
    report's title and its tables). The report's year is ``year``, unless it is None or
    only such a link names it: then the first report's. Where reports of that year and
    another stand on the page, the other's parts are left out. Where one title heads
    the tables and titles of other years stand above it, see :func:`_one_report`."""
    titles = [(i, y, r.link) for i, r in enumerate(rows) if (y := _title_year(r)) is not None]
    own = [(i, y) for i, y, link in titles if not link]
    marks = own or [(i, y) for i, y, _ in titles]
    bounds = [*marks, (len(rows), None)]
    reports = [(i, y) for (i, y), (end, _) in pairwise(bounds) if _holds_table(rows[i:end])]
    if not reports:
        return rows, [], year, None
    years = {y for _, y in reports}
    if year is None or (year not in years and any(y == year for _, y, _ in titles)):
        year = reports[0][1]  # (``year`` is a link's)
    title = next((rows[i] for i, y in reports if y == year), None)
    if len(years) == 1 and (head_year := reports[0][1]) is not None:
        head = reports[0][0]
        end = next((i for i, _ in marks if i > head), len(rows))
        table = head + (_table_at(rows[head:end]) or 0)
        # links between the head and its tables: others' titles, or the report's own
        # title linked to its page where the head is another's (a sidebar's) not linked
        linked = [(i, y) for i, y, link in titles if link and head < i < table and y != head_year]
        if linked or any(i < head and y != head_year for i, y in marks):
            return _one_report(rows, marks, linked, (head, head_year), year, title)
    if year not in years or len(years) < 2:
        return rows, [], year, title
    keep: list[TextRow] = []
    notes: list[Note] = []
    keep.extend(rows[: reports[0][0]])
    for (start, y), (end, _) in pairwise([*reports, (len(rows), None)]):
        part = rows[start:end]
        if y != year and _holds_table(part):
            notes.append(
                Note(
                    "other-year-report",
                    params={"year": y, "report_year": year, "line": part[0].line},
                )
            )
            continue
        keep.extend(part)
    return tuple(keep), notes, year, title
