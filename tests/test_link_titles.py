"""Links to other reports on a report's page are no title of it.

A site lists other years' reports (相关链接, 往年报告, a sidebar) as links whose text is
a report's title. Put between the report's own title and its tables, the last of them
was taken for the title heading the tables: the report got that link's year (main: the
year of every one of the 7 reports wrong, for every list but the dated one). The
generator puts such lists before the title, between it and the tables and after them,
in the shapes sites write them, with the report's own title linked to itself or not;
the report keeps its year and agency, and every cell.
"""

from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

import pytest

from producers import random_report, score
from zfxxgk import AnnualReport, parse
from zfxxgk.published.export import to_html
from zfxxgk.published.other_years import this_years_rows
from zfxxgk.published.source import TextRow

SAMPLES = sorted((Path(__file__).parent / "data" / "samples").glob("*.json"))


def _reports() -> list[AnnualReport]:
    out = [AnnualReport.from_json(s.read_bytes()) for s in SAMPLES]
    rng = random.Random(17)
    out += [random_report(rng, e) for e in ("2019", "2021", "2021")]
    return out


REPORTS = _reports()


def _links(titles: list[str], shape: str) -> str:
    """A list of links to reports, as sites write one."""
    items = list(enumerate(titles))
    if shape == "ul":
        return "<ul>" + "".join(f'<li><a href="/{k}">{t}</a></li>' for k, t in items) + "</ul>"
    if shape == "p":
        return "<p>相关链接：</p>" + "".join(f'<p><a href="/{k}">{t}</a></p>' for k, t in items)
    if shape == "br":
        return "<div>" + "<br>".join(f"<a href='/{k}'>\n  {t}\n</a>" for k, t in items) + "</div>"
    if shape == "nested":  # a link's text in spans, the list in divs
        return "".join(
            f'<div class="item"><a href="/{k}"><span>{t[:4]}</span><span>{t[4:]}</span></a></div>'
            for k, t in items
        )
    assert shape == "column"  # a one-column table of links
    rows = "".join(f"<tr><td><a href=/{k}>{t}</a></td></tr>" for k, t in items)
    return f"<table>{rows}</table>"


def _page(report: AnnualReport, shape: str, where: str, self_link: bool, k: int) -> str:
    assert report.year is not None
    page = to_html(report)
    years = [report.year - 1, report.year - 2, report.year + 1][: 1 + k % 3]
    titles = [f"{report.agency}{y}年政府信息公开工作年度报告" for y in years]
    links = _links(titles, shape)
    head = re.search(r"<h1>(.*?)</h1>", page)
    assert head is not None
    if self_link:  # the title a link to its own page, as some CMS write it
        page = page.replace(head.group(0), f'<h1><a href="/this.html">{head.group(1)}</a></h1>')
    if where == "before":
        at = page.index("<h1>")
    elif where == "between":
        at = page.index("</h1>") + len("</h1>")
    else:
        at = page.rindex("</body>")
    return page[:at] + links + page[at:]


@pytest.mark.parametrize("self_link", [False, True])
@pytest.mark.parametrize("where", ["before", "between", "after"])
@pytest.mark.parametrize("shape", ["ul", "p", "br", "nested", "column"])
def test_links_to_other_reports_are_no_title(shape: str, where: str, self_link: bool) -> None:
    """Every report, every shape and place of a list of links: the report's own year,
    agency and cells."""
    with tempfile.TemporaryDirectory() as tmp:
        for k, report in enumerate(REPORTS):
            path = Path(tmp) / "page.html"
            path.write_text(_page(report, shape, where, self_link, k), "utf-8")
            result = parse(path)
            assert (result.report.year, result.report.agency) == (report.year, report.agency), k
            s = score(report, result)
            assert (s.blank, s.wrong) == (0, 0), (k, s.wrong[:3])


def test_a_link_row_is_marked_and_heads_no_report() -> None:
    """The rule on rows alone: a title that is a link heads no report where a title that
    is none stands on the page; where every title is a link, the one over the tables."""
    title = TextRow(("某区2023年政府信息公开工作年度报告",), False, 1)
    link = TextRow(("某区2022年政府信息公开工作年度报告",), False, 2, link=True)
    table = TextRow(("行政许可", "1", "2", "3"), True, 3)
    rows = (title, link, table)
    assert this_years_rows(rows, 2023)[2] == 2023
    assert this_years_rows(rows, None)[2] == 2023
    linked_title = TextRow(title.cells, False, 1, link=True)
    assert this_years_rows((linked_title, link, table), None)[2] == 2022
