"""What government sites put around a report (tests/site_chrome.py): menus, breadcrumbs,
footers, a sidebar of other years' reports and of statistics in the report's words,
attachments and comments, a paginated article, a table printed twice, the tables again
in English or traditional characters. Every cell is right, or blank with a warning
naming its row; never another number, and the report is never lost to its chrome.

Before these tests (measured with benchmarks/chrome_report.py, 23 reports × 3 seeds ×
3 producers):

- a sidebar's 行政复议 | 行政诉讼 table above the article hid table 四: its headers were
  looked for under the first 行政复议 only (table-not-found, 15 cells lost a page);
  and the header of a table below table 四 (its 总计) was taken for table 四's, which
  then read that table's row (blank, or another number);
- a table printed twice with a stale copy was read from whichever copy came first:
  117-136 wrong cells a producer;
- a list of links to other years' reports above the article, on a page whose
  ``<title>`` names only the site, gave the report the year of the first link: the
  report's own tables were left out as another year's, or no edition fit the year.
"""

from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from producers import random_report, samples_and_random, score
from site_chrome import PRODUCERS, VARIANTS, wrapped
from zfxxgk import AnnualReport, parse
from zfxxgk.published.export import to_html
from zfxxgk.published.other_years import this_years_rows
from zfxxgk.published.source import TextRow


def _reports() -> list[AnnualReport]:
    return list(samples_and_random(8, 4).values())


REPORTS = _reports()


def _body(page: str, before: str = "", after: str = "") -> str:
    """The page with markup put first and last in its body."""
    start = re.search(r"<body[^>]*>", page)
    assert start is not None
    stop = page.rfind("</body>")
    return page[: start.end()] + before + page[start.end() : stop] + after + page[stop:]


def _parse(page: str, folder: Path, name: str = "page.html") -> object:
    path = folder / name
    path.write_text(page, "utf-8")
    return parse(path)


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
@pytest.mark.parametrize("index", range(len(REPORTS)))
def test_a_sidebar_of_review_counts_above_the_article_hides_no_table(
    index: int, producer: str, tmp_path: Path
) -> None:
    """A sidebar's 行政复议 | 行政诉讼 over two numbers, above the report: table 四 is
    still found under its own 行政复议 (main: table-not-found)."""
    report = REPORTS[index]
    page = PRODUCERS[producer](report, tmp_path).read_text("utf-8")
    side = (
        "<div class=side><h3>数据统计</h3><table><tr><td>行政复议</td><td>行政诉讼</td></tr>"
        "<tr><td>12</td><td>3</td></tr></table></div>"
    )
    result = _parse(_body(page, before=side), tmp_path)
    s = score(report, result)
    assert (s.right, s.wrong_cells) == (s.right + s.blank, ())
    assert not [w for w in result.warnings if w.code == "table-not-found"]


@pytest.mark.parametrize("index", range(len(REPORTS)))
def test_table_four_reads_its_own_header_not_the_next_tables(index: int, tmp_path: Path) -> None:
    """Table 三 printed again right below table 四 (a print version): its header's 总计
    is no header of table 四, whose row is read under its own (main: the next table's
    first row was read as table 四's, left blank as short)."""
    report = REPORTS[index]
    page = to_html(report)
    table = re.search(r'<table class="zb" id="applications".*?</table>', page, re.S)
    assert table is not None
    page = page.replace("</body>", table.group(0) + "</body>")
    result = _parse(page, tmp_path)
    s = score(report, result)
    assert s.blank == 0 and s.wrong_cells == ()


def _stale(table: str, value_at: int) -> tuple[str, str]:
    """The table with the ``value_at``-th number of its value cells raised by 7, and
    that number."""
    cells = list(re.finditer(r'(<td class="v"[^>]*>)(\d+)(</td>)', table))
    m = cells[value_at % len(cells)]
    new = str(int(m.group(2)) + 7)
    return table[: m.start(2)] + new + table[m.end(2) :], m.group(2)


@pytest.mark.parametrize("stale_first", [False, True])
@pytest.mark.parametrize("table_id", ["proactive", "applications", "reviews"])
@pytest.mark.parametrize("index", range(len(REPORTS)))
def test_a_stale_copy_of_a_table_leaves_the_cells_it_changes_blank(
    index: int, table_id: str, stale_first: bool, tmp_path: Path
) -> None:
    """A table printed twice (screen and print version), one copy stale: the cells
    whose copies differ are blank with a ``copies-differ`` warning naming their row;
    the cells they agree on are read (main: the first copy's numbers, right or not)."""
    report = REPORTS[index]
    page = to_html(report)
    m = re.search(rf'<table class="zb" id="{table_id}".*?</table>', page, re.S)
    assert m is not None
    if not re.search(r'<td class="v"[^>]*>\d+</td>', m.group(0)):
        pytest.skip("no number in the table")
    stale, _ = _stale(m.group(0), index * 7 + 3)
    pair = (stale, m.group(0)) if stale_first else (m.group(0), stale)
    page = page[: m.start()] + "".join(pair) + page[m.end() :]
    result = _parse(page, tmp_path)
    s = score(report, result)
    assert s.wrong_cells == ()
    assert s.blank == 1
    (said,) = [w for w in result.warnings if w.code == "copies-differ"]
    assert said.params["table"] == table_id and said.params["count"] == 1


@pytest.mark.parametrize("index", range(len(REPORTS)))
def test_a_stale_copy_of_a_tables_first_page_inside_it_is_compared(
    index: int, tmp_path: Path
) -> None:
    """Table 三 cut by the article's pagination, its first page's part printed twice
    (one copy stale) before the second page's rows: the copy stands between the rows
    the reader took for the table, and is compared all the same (before: the rows
    between a table's first and last were all set aside, and the stale copy's numbers
    read)."""
    report = REPORTS[index]
    page = to_html(report)
    m = re.search(r'(<table class="zb" id="applications"[^>]*>)(.*?)</table>', page, re.S)
    assert m is not None
    rows = re.findall(r"<tr>.*?</tr>", m.group(2), re.S)
    body = [r for r in rows if '<td class="v"' in r]
    cut = rows.index(body[2]) + 1  # after 三、本年度办理结果's first row
    first = m.group(1) + "".join(rows[:cut]) + "</table>"
    stale, _ = _stale(first, index)
    rest = m.group(1) + "".join(rows[cut:]) + "</table>"
    pager = "<div>第1页 共2页 下一页</div>"
    page = page[: m.start()] + stale + first + pager + rest + page[m.end() :]
    result = _parse(page, tmp_path)
    s = score(report, result)
    assert s.wrong_cells == () and s.blank == 1


def test_a_sidebars_counts_in_the_reports_words_are_no_copy(tmp_path: Path) -> None:
    """A sidebar's 双公示 (行政许可 | 1234, 行政处罚 | 56) below a page that prints its
    tables twice: its rows, as narrow as no row of table 二 and under no header of it,
    are no copy of the table's rows, and leave them read."""
    for report in REPORTS:
        page = to_html(report)
        page = re.sub(r'<table class="zb".*?</table>', lambda m: m.group(0) * 2, page, flags=re.S)
        side = (
            "<table><tr><td>双公示</td><td></td></tr><tr><td>行政许可</td><td>44779</td></tr>"
            "<tr><td>行政处罚</td><td>1519</td></tr></table>"
        )
        result = _parse(_body(page, after=side), tmp_path)
        s = score(report, result)
        assert (s.blank, s.wrong) == (0, 0)


@pytest.mark.parametrize("index", range(len(REPORTS)))
def test_every_copy_is_compared(index: int, tmp_path: Path) -> None:
    """Each table printed twice as it is, then twice stale: the stale copies are the
    third and fourth, and still leave the cells they change blank (before: only the
    copy after the first was compared)."""
    report = REPORTS[index]
    page = to_html(report)

    def four(m: re.Match[str]) -> str:
        if not re.search(r'<td class="v"[^>]*>\d+</td>', m.group(0)):
            return m.group(0) * 4
        stale, _ = _stale(m.group(0), index + 5)
        return m.group(0) * 2 + stale * 2

    result = _parse(re.sub(r'<table class="zb".*?</table>', four, page, flags=re.S), tmp_path)
    s = score(report, result)
    assert s.wrong_cells == ()
    assert s.blank == sum(w.params["count"] for w in result.warnings if w.code == "copies-differ")
    assert s.blank >= 2


def test_copies_that_agree_are_read(tmp_path: Path) -> None:
    """Every table printed twice with the same numbers: read, no warning of copies."""
    for report in REPORTS:
        page = to_html(report)
        page = re.sub(r'<table class="zb".*?</table>', lambda m: m.group(0) * 2, page, flags=re.S)
        result = _parse(page, tmp_path)
        s = score(report, result)
        assert (s.blank, s.wrong) == (0, 0)
        assert not [w for w in result.warnings if w.code == "copies-differ"]


@pytest.mark.parametrize("listing", ["alone", "dated", "row"])
@pytest.mark.parametrize("index", range(len(REPORTS)))
def test_links_to_other_years_reports_above_the_title_are_no_title(
    index: int, listing: str, tmp_path: Path
) -> None:
    """Links to other years' reports above the article (a sidebar) on a page whose
    ``<title>`` names only the site, one of them another agency's of the same year:
    the report keeps its year, agency and tables (main: the first link's year and
    agency; its tables left out as another year's, or no edition for that year)."""
    report = REPORTS[index]
    assert report.year is not None
    page = re.sub(r"<title>.*?</title>", "<title>某某市人民政府门户网站</title>", to_html(report))
    titles = [f"{report.agency}{report.year - k}年政府信息公开工作年度报告" for k in (2, 1, 3)]
    titles.insert(index % 2, f"某某镇人民政府{report.year}年政府信息公开工作年度报告")
    if listing == "alone":
        links = "".join(f"<li><a>{t}</a></li>" for t in titles)
    elif listing == "dated":
        links = "".join(
            f"<li><a>{t}</a><span>{report.year - 1}-01-2{k}</span></li>"
            for k, t in enumerate(titles)
        )
    else:
        links = "".join(
            f"<tr><td>{t}</td><td>2023-01-20</td><td>点击：12</td></tr>" for t in titles
        )
        links = f"<table>{links}</table>"
    stats = (
        "<table><tr><td>年度</td><td>受理</td><td>办结</td></tr>"
        "<tr><td>2023</td><td>5</td><td>5</td></tr></table>"
    )
    result = _parse(_body(page, before=f"<div class=side><ul>{links}</ul>{stats}</div>"), tmp_path)
    assert (result.report.year, result.report.agency) == (report.year, report.agency)
    s = score(report, result)
    assert (s.blank, s.wrong) == (0, 0)


def _rows(*lines: tuple[str, ...]) -> tuple[TextRow, ...]:
    return tuple(TextRow(cells, False, i + 1) for i, cells in enumerate(lines))


def test_a_title_over_no_table_of_a_report_heads_no_report() -> None:
    """A title followed by a sidebar's statistics (年度 | 受理 | 办结) is a link; the
    report is the one whose title a table of the report's rows follows."""
    rows = _rows(
        ("某局2022年政府信息公开工作年度报告",),
        ("年度", "受理", "办结"),
        ("2022", "5", "5"),
        ("某局2024年政府信息公开工作年度报告",),
        ("行政许可", "12", "", ""),
        ("规章", "1", "0", "3"),
    )
    for year in (2022, None):
        assert this_years_rows(rows, year) == (rows, [], 2024, rows[3])


_VARIANTS = sorted(VARIANTS)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    edition=st.sampled_from(("2019", "2021")),
    variants=st.lists(st.sampled_from(_VARIANTS), min_size=1, max_size=3, unique=True),
    producer=st.sampled_from(sorted(PRODUCERS)),
)
def test_any_site_chrome_gives_no_wrong_cell(
    seed: int, edition: str, variants: list[str], producer: str
) -> None:
    """Any seeded random report in any chrome (up to three variants at once, each drawn
    from the seed), by any producer: each cell right or blank with a warning naming its
    row, the report's year kept or a warning that it is unsure (the title and the links
    under it all links, as some sites write them: which one is the page's own no mark
    tells)."""
    report = random_report(random.Random(seed), edition)
    with tempfile.TemporaryDirectory() as tmp:
        path, _ = wrapped(report, producer, tuple(variants), seed, Path(tmp))
        result = parse(path)
        s = score(report, result)
    assert s.wrong_cells == ()
    unsure = [w for w in result.warnings if w.code == "title-year-unsure"]
    if unsure:  # (the year read is the title's over the tables, the right one among them)
        assert report.year in unsure[0].params["years"]
    else:
        assert (result.report.year, result.report.agency) == (report.year, report.agency)


@pytest.mark.parametrize("order", [("paged", "repeat-stale"), ("nav", "paged", "repeat-stale")])
@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_a_stale_copy_of_a_tables_part_after_a_page_break_is_compared(
    producer: str, order: tuple[str, ...], tmp_path: Path
) -> None:
    """The article paginated (a table cut between two of its rows, or between table
    四's header rows and its values), then its tables printed twice with one copy stale:
    the part after the cut has no header of its own, so no copy of a table is found
    again, but its rows are written twice: a row's label (or table 四's row of values)
    again, as wide, another number in a field's column leaves that field blank with a
    ``copies-differ`` warning (before: whichever copy was met first was read)."""
    wrong = []
    for seed in range(6):
        for name, report in samples_and_random(seed, 2).items():
            path, _ = wrapped(report, producer, order, seed, tmp_path)
            result = parse(path)
            s = score(report, result)
            if s.wrong_cells:
                wrong.append((seed, name, s.wrong_cells[:2]))
            elif s.blank:
                assert any(w.code == "copies-differ" for w in result.warnings)
    assert wrong == []


@pytest.mark.parametrize("order", [("shown-twice", "paged"), ("nav", "shown-twice", "paged")])
@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_a_sidebar_of_the_reports_rows_under_a_header_of_its_own_is_no_copy(
    producer: str, order: tuple[str, ...], tmp_path: Path
) -> None:
    """A sidebar's 双公示 table (行政许可 | 1234, other numbers than the report's) as wide
    as table 二's rows after a page break is no part of a copy of the report's tables: its
    header is none of the report's. Every cell is read (before: 行政许可, 行政处罚 and
    行政强制 blank with copies-differ where the CMS's part after the break was as wide)."""
    for seed in range(6):
        for name, report in samples_and_random(seed, 2).items():
            path, _ = wrapped(report, producer, order, seed, tmp_path)
            s = score(report, parse(path))
            assert (s.blank, s.wrong_cells) == (0, ()), (seed, name)


@pytest.mark.parametrize("order", [("results-by-year",), ("nav", "results-by-year")])
@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_a_sidebar_headed_by_row_labels_words_is_no_reports_table(
    producer: str, order: tuple[str, ...], tmp_path: Path
) -> None:
    """Last year's title and under it a sidebar's table whose headers are words of row
    labels without their numbers (办理结果 | 予以公开 | 部分公开 | 不予公开), before the
    article: that title heads no table of a report, the page is this year's report. Before
    (since 3bea4f2 counted such words as row labels anywhere), with the page's <title>
    naming only the site (nav), the page was read as last year's part: no table found."""
    for seed in range(4):
        for name, report in samples_and_random(seed, 2).items():
            path, _ = wrapped(report, producer, order, seed, tmp_path)
            result = parse(path)
            s = score(report, result)
            assert result.report.year == report.year, (seed, name)
            assert (s.blank, s.wrong_cells) == (0, ()), (seed, name)
