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
import zipfile
from pathlib import Path

import pytest

from producers import PRODUCERS, random_report, samples_and_random, score
from zfxxgk import AnnualReport, ParseResult, parse
from zfxxgk.published.export import to_html
from zfxxgk.published.other_years import this_years_rows
from zfxxgk.published.source import TextRow


def _reports() -> list[AnnualReport]:
    return list(samples_and_random(17, 3).values())


REPORTS = _reports()


def _assert_read_whole(report: AnnualReport, result: ParseResult, where: object) -> None:
    """The report's year, agency and every cell read (``where`` names the case)."""
    assert (result.report.year, result.report.agency) == (report.year, report.agency), where
    s = score(report, result)
    assert (s.blank, s.wrong) == (0, 0), (where, s.wrong[:3])


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
    if shape == "dot":  # a bullet outside the link (·, ●)
        return "<ul>" + "".join(f'<li>·<a href="/{k}">{t}</a></li>' for k, t in items) + "</ul>"
    if shape == "numbered":  # numbered entries, the number outside the link
        return "".join(f'<p><span>{k + 1}.</span> <a href="/{k}">{t}</a></p>' for k, t in items)
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
@pytest.mark.parametrize("shape", ["ul", "p", "br", "nested", "column", "dot", "numbered"])
def test_links_to_other_reports_are_no_title(shape: str, where: str, self_link: bool) -> None:
    """Every report, every shape and place of a list of links: the report's own year,
    agency and cells (a bullet or number outside the link, "dot" and "numbered": main read
    such lines as titles that are no link, a wrong year warned, between title and tables)."""
    with tempfile.TemporaryDirectory() as tmp:
        for k, report in enumerate(REPORTS):
            path = Path(tmp) / "page.html"
            path.write_text(_page(report, shape, where, self_link, k), "utf-8")
            result = parse(path)
            _assert_read_whole(report, result, k)


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


def _word_links(titles: list[str], shape: str) -> str:
    """Paragraphs of links as Word writes them: a hyperlink, a simple field or a field
    of its own runs (begin, code, separator, result, end)."""
    out = []
    for k, t in enumerate(titles):
        run = f'<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>{t}</w:t></w:r>'
        if shape == "hyperlink":
            out.append(f'<w:p><w:hyperlink r:id="rIdL{k}">{run}</w:hyperlink></w:p>')
        elif shape == "simple":
            out.append(f'<w:p><w:fldSimple w:instr=" HYPERLINK /{k} ">{run}</w:fldSimple></w:p>')
        else:
            out.append(
                '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> HYPERLINK "/{k}" </w:instrText></w:r>'
                f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run}'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
            )
    return "".join(out)


@pytest.mark.parametrize("where", ["before", "between", "after"])
@pytest.mark.parametrize("shape", ["hyperlink", "simple", "field"])
def test_links_in_a_word_document_are_no_title(shape: str, where: str, tmp_path: Path) -> None:
    """The same in .docx: paragraphs of links to other years' reports (main: between the
    title and the tables, the last link's year)."""
    for k, report in enumerate(REPORTS):
        assert report.year is not None
        source = PRODUCERS["docx"](report, tmp_path)
        with zipfile.ZipFile(source) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        doc = parts["word/document.xml"].decode("utf-8")
        years = [report.year - 1, report.year - 2, report.year + 1][: 1 + k % 3]
        links = _word_links([f"{report.agency}{y}年政府信息公开工作年度报告" for y in years], shape)
        body = doc.index("<w:body>") + len("<w:body>")
        title_end = doc.index("</w:p>", body) + len("</w:p>")
        at = {"before": body, "between": title_end, "after": doc.rindex("<w:sectPr")}[where]
        parts["word/document.xml"] = (doc[:at] + links + doc[at:]).encode("utf-8")
        path = tmp_path / "linked.docx"
        with zipfile.ZipFile(path, "w") as z:
            for name, data in parts.items():
                z.writestr(name, data)
        result = parse(path)
        _assert_read_whole(report, result, k)


def test_a_word_paragraph_with_its_own_text_beside_a_link_is_no_link() -> None:
    """Only a paragraph all of links is one: text of its own beside a link, or a field
    that is no link (a page number), leaves it the document's."""
    from xml.etree.ElementTree import fromstring

    from zfxxgk.published.word import _only_links

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    link = "<w:hyperlink><w:r><w:t>某区2022年政府信息公开工作年度报告</w:t></w:r></w:hyperlink>"
    assert _only_links(fromstring(f"<w:p {ns}>{link}</w:p>"), {})
    assert not _only_links(fromstring(f"<w:p {ns}><w:r><w:t>见</w:t></w:r>{link}</w:p>"), {})
    page = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert not _only_links(fromstring(f"<w:p {ns}>{page}</w:p>"), {})


@pytest.fixture(scope="module")
def printed_pages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, Path]]:
    """Pages with links between the title and the tables, printed by chromium (which keeps
    each link as a link annotation over its text)."""
    from pdf_producers import chromium, print_with_chromium

    exe = chromium()
    if exe is None:
        pytest.skip("chromium is not installed")
    folder = tmp_path_factory.mktemp("linked-prints")
    jobs, out = [], []
    for k, report in enumerate(REPORTS):
        for shape in ("ul", "p", "column"):
            page = folder / f"{k}-{shape}.html"
            page.write_text(_page(report, shape, "between", False, k), "utf-8")
            jobs.append((page, page.with_suffix(".pdf")))
            out.append((k, page.with_suffix(".pdf")))
    print_with_chromium(jobs, exe)
    return out


def test_links_in_a_printed_page_are_no_title(printed_pages: list[tuple[int, Path]]) -> None:
    """A browser's print of such a page: a line of text all under link annotations heads
    no report (main: the last link's year, for every page)."""
    for k, pdf in printed_pages:
        report = REPORTS[k]
        result = parse(pdf)
        _assert_read_whole(report, result, pdf)


def test_a_pdf_line_is_a_link_only_where_each_character_is_under_one() -> None:
    """page_items gives the top of the lines of text all of whose characters stand in a
    link's box; a line with a character outside is none."""
    from zfxxgk.published._pdf_layout import page_items

    def line(text: str, top: float, x: float = 50.0) -> list[dict[str, object]]:
        return [
            {"text": ch, "x0": x + 10 * i, "x1": x + 10 * i + 10, "top": top, "bottom": top + 10}
            for i, ch in enumerate(text)
        ]

    chars = line("某区2022年报告", 100) + line("相关：某区2021年报告", 200)
    boxes = [(45.0, 98.0, 200.0, 112.0), (95.0, 198.0, 300.0, 212.0)]
    links: list[float] = []
    items = page_items({"char": chars, "line": [], "rect": [], "link": boxes}, links)
    assert [it[1] for it in items if it[0] == "text"] == [100, 200]
    assert links == [100]
    assert page_items({"char": chars, "line": [], "rect": []}, []) == items


#: How reports state the period of their statistics (the samples' three wordings and more).
PERIODS = (
    "本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",
    "本年度报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。如对本报告有疑问，请与我们联系。",
    "本年度报告所列数据的统计时限为{y}年1月1日至{y}年12月31日。",
    "报告中所列数据统计期间为{y}年01月01日—{y}年12月31日。",
)


def _copied(report: AnnualReport, producer: str, period: str | None, folder: Path) -> Path:
    """The producer's text of the report as a page copied as text: links to other years'
    reports under its title, unmarked, and the text's statement of its period."""
    assert report.year is not None
    source = PRODUCERS[producer](report, folder)
    lines = source.read_text("utf-8").split("\n")
    at = next(i for i, x in enumerate(lines) if "年度报告" in x) + 1
    extra = [f"{report.agency}{report.year - k}年政府信息公开工作年度报告" for k in (1, 2)]
    if period is not None:
        extra.append(period)
    if producer == "md":
        extra = [f"{x}\n" for x in extra]
    out = folder / f"copied{source.suffix}"
    out.write_text("\n".join([*lines[:at], *extra, *lines[at:]]), "utf-8")
    return out


@pytest.mark.parametrize("period", range(len(PERIODS)))
@pytest.mark.parametrize("producer", ["tab-text", "word-text", "md"])
def test_the_year_a_copied_page_states_names_its_title(
    producer: str, period: int, tmp_path: Path
) -> None:
    """A page copied as text keeps no link: where its text states the year of its
    statistics and a title of that year stands above the one over the tables, that is the
    report's title, with a warning naming both (main: the last link's year, silently)."""
    for report in REPORTS:
        assert report.year is not None
        path = _copied(report, producer, PERIODS[period].format(y=report.year), tmp_path)
        result = parse(path)
        assert (result.report.year, result.report.agency) == (report.year, report.agency)
        warned = [w for w in result.warnings if w.code == "year-from-period"]
        assert [(w.params["year"], w.params["title_year"]) for w in warned] == [
            (report.year, report.year - 2)
        ]
        s = score(report, result)
        assert (s.blank, s.wrong) == (0, 0), s.wrong[:3]


@pytest.mark.parametrize("producer", ["tab-text", "md"])
def test_a_stated_year_no_title_names_changes_nothing(producer: str, tmp_path: Path) -> None:
    """A period of a year no title above names (last year's preface left in), or of two
    years, or none: the title over the tables stands, no warning."""
    for report in REPORTS:
        assert report.year is not None
        for period in (
            PERIODS[0].format(y=report.year - 5),
            PERIODS[0].format(y=report.year) + PERIODS[2].format(y=report.year - 1),
            None,
        ):
            source = PRODUCERS[producer](report, tmp_path)
            lines = source.read_text("utf-8").split("\n")
            if period is not None:
                lines.insert(next(i for i, x in enumerate(lines) if "年度报告" in x) + 1, period)
            source.write_text("\n".join(lines), "utf-8")
            result = parse(source)
            assert result.report.year == report.year
            assert not [w for w in result.warnings if w.code == "year-from-period"]


def test_stated_year() -> None:
    """The period's year where the text states one; None for two, a part of a year, none."""
    from zfxxgk.published.other_years import stated_year

    def rows(*texts: str) -> tuple[TextRow, ...]:
        return tuple(TextRow((t,), False, i) for i, t in enumerate(texts, 1))

    for period in PERIODS:
        assert stated_year(rows("一、总体情况", period.format(y=2023))) == 2023
    assert stated_year(rows("统计期限自2023年1月1日起至2024年12月31日止")) is None
    assert stated_year(rows("统计期限自2023年7月1日起至2023年12月31日止")) is None
    two = PERIODS[0].format(y=2023), PERIODS[0].format(y=2022)
    assert stated_year(rows(*two)) is None
    assert stated_year(rows(PERIODS[0].format(y=2023), PERIODS[2].format(y=2023))) == 2023
    assert stated_year(rows("截至2023年12月31日，共有规范性文件12件")) is None


@pytest.mark.parametrize("producer", ["tab-text", "word-text", "md"])
def test_titles_of_several_years_in_one_list_over_the_tables_are_warned(
    producer: str, tmp_path: Path
) -> None:
    """A copied page that does not state its period: the title over the tables and the
    titles listed right above it are of several years, and which is the report's no mark
    tells: a warning names their years, the true one among them (main: silent)."""
    for report in REPORTS:
        assert report.year is not None
        result = parse(_copied(report, producer, None, tmp_path))
        unsure = [w for w in result.warnings if w.code == "title-year-unsure"]
        assert len(unsure) == 1
        assert unsure[0].params["years"] == sorted({report.year, report.year - 1, report.year - 2})
        assert unsure[0].params["year"] == result.report.year
        s = score(report, result)
        assert (s.blank, s.wrong) == (0, 0)


def test_a_title_with_text_or_a_table_between_is_no_list() -> None:
    """Another year's title with a paragraph or a table between it and the title over the
    tables is no entry of a list with it: no warning."""
    title = TextRow(("某区2023年政府信息公开工作年度报告",), False, 5)
    other = TextRow(("某区2022年政府信息公开工作年度报告",), False, 1)
    table = TextRow(("行政许可", "1", "2", "3"), True, 6)
    for between in (
        [TextRow(("年度", "受理"), True, 2), TextRow(("2022", "5"), True, 3)],
        [TextRow(("一段正文。",), False, 2), TextRow(("又一段正文。",), False, 3)],
    ):
        assert this_years_rows((other, *between, title, table), 2023)[1] == []
    caption = TextRow(("相关链接：",), False, 2)
    notes = this_years_rows((title, caption, other, table), 2023)[1]
    assert [(n.code, n.params["years"]) for n in notes] == [("title-year-unsure", [2022, 2023])]


def test_the_reports_own_linked_title_under_another_years_title_is_no_silent_year() -> None:
    """The report's own title linked to its page (outside a heading) under another year's
    title that is no link (a sidebar's entry opened by script, 上一篇 above the article):
    the title that is no link heads the tables, the report's own is taken for a link.
    Where the text states the period, its year's title is the report's; where it does
    not, a warning names both years (main: the other year's, silently)."""
    other = TextRow(("某区2022年政府信息公开工作年度报告",), False, 1)
    own = TextRow(("某区2023年政府信息公开工作年度报告",), False, 2, link=True)
    table = TextRow(("行政许可", "1", "2", "3"), True, 3)
    _, notes, year, _ = this_years_rows((other, own, table), 2022)
    assert (year, [(n.code, n.params["years"]) for n in notes]) == (
        2022,
        [("title-year-unsure", [2022, 2023])],
    )
    period = TextRow((PERIODS[0].format(y=2023),), False, 3)
    _, notes, year, title = this_years_rows((other, own, period, table), 2022)
    assert (year, title, [n.code for n in notes]) == (2023, own, ["year-from-period"])


def test_article_pages_read_no_other_years_title_silently(tmp_path: Path) -> None:
    """CMS article pages (tests/cms_articles.py: the title in a heading, a div or a link
    to its own page; other years' titles in a sidebar, 上一篇 above or below, as links,
    links in headings, cards or script) whose text states its period or none: the year
    read is the report's, or a warning says it is unsure (main: the other year's,
    silently, on pages whose own title is a link under another's that is none)."""
    from cms_articles import article

    silent = []
    for k, report in enumerate(REPORTS):
        for seed in range(24):
            page = article(report, seed * 100 + k)
            if page.choices["period"] == "stale":
                continue  # (a stale period names another year: see the report)
            for suffix, text in ((".html", page.html), (".txt", page.text)):
                path = tmp_path / f"page{suffix}"
                path.write_text(text, "utf-8")
                result = parse(path)
                warned = {"title-year-unsure", "year-from-period"} & {
                    w.code for w in result.warnings
                }
                if result.report.year != report.year and not warned:
                    silent.append((k, seed, suffix, page.choices, result.report.year))
                s = score(report, result)
                assert (s.blank, s.wrong) == (0, 0), (k, seed, s.wrong[:3])
    assert silent == []


def test_a_heading_in_a_link_is_a_links_text() -> None:
    """A card (``<a><h4>title</h4><p>date</p></a>``) is a link, its heading too; a link in
    a heading stays the page's own title."""
    from zfxxgk.published.webpage import html_rows

    page = (
        "<html><body><h1><a href='#'>某区2023年政府信息公开工作年度报告</a></h1>"
        "<a href='/c'><h4>某区2022年政府信息公开工作年度报告</h4><p>2023-01-02</p></a>"
        "<h4><a href='/d'>某区2021年政府信息公开工作年度报告</a></h4></body></html>"
    )
    assert [r.link for r in html_rows(page)[0]] == [False, True, True, False]


def test_cards_of_other_years_reports_are_links_whatever_the_period_says(tmp_path: Path) -> None:
    """Article pages whose sidebar or 上一篇 are cards of other years' reports and whose own
    title is no link: the report's year, with no warning on it, even where last year's
    period is left in its text (main: the period's year, the card's title taken for the
    report's)."""
    from cms_articles import article

    seen = 0
    for k, report in enumerate(REPORTS):
        for seed in range(60):
            page = article(report, seed * 100 + k)
            if page.choices["item"] != "a-h4" or page.choices["title"] not in ("h1", "div"):
                continue
            path = tmp_path / "page.html"
            path.write_text(page.html, "utf-8")
            result = parse(path)
            codes = {w.code for w in result.warnings}
            assert result.report.year == report.year, (k, seed, page.choices)
            assert not codes & {"year-from-period", "title-year-unsure"}, (k, seed, page.choices)
            seen += 1
    assert seen > 20


def test_last_years_period_left_in_a_text_that_names_its_year_is_no_evidence(
    tmp_path: Path,
) -> None:
    """Article pages whose text names the report's year (一、总体情况 2023年，…) under last
    year's period left in, other years' titles around (HTML, and its copy as text): the
    period is outweighed, and the year is never read wrong silently; with the report's own
    title no link, it is the report's (main: the period's year, a sidebar's or 上一篇's
    title taken for the report's; silently where that title heads the tables)."""
    from cms_articles import article

    seen = 0
    for k, report in enumerate(REPORTS):
        for seed in range(60):
            page = article(report, seed * 100 + k)
            if page.choices["narrative"] != "said" or page.choices["period"] == "none":
                continue
            for suffix, text in ((".html", page.html), (".txt", page.text)):
                path = tmp_path / f"page{suffix}"
                path.write_text(text, "utf-8")
                result = parse(path)
                codes = {w.code for w in result.warnings}
                where = (k, seed, suffix, page.choices)
                assert result.report.year == report.year or codes & {
                    "title-year-unsure",
                    "year-from-period",
                }, where
                if page.choices["title"] in ("h1", "div", "p-strong"):
                    assert result.report.year == report.year, where
                seen += 1
    assert seen > 50


def test_where_every_title_is_a_link_the_warning_names_the_pages_own_year() -> None:
    """Every title a link (Word's HTML: the title a paragraph linked to its page, links to
    other years' reports under it), the meta lines (发布时间, 【字体】) between the title
    and the links: the warning that the year is unsure names the page's own year among
    those it lists (main: only the links', [2016, 2017] for a 2020 report: the site-chrome
    property failed on seed 7)."""
    from site_chrome import wrapped

    for seed in (7, *range(40, 60)):
        report = random_report(random.Random(seed), "2019")
        with tempfile.TemporaryDirectory() as tmp:
            path, _ = wrapped(report, "html-word", ("nav", "linked", "english"), seed, Path(tmp))
            result = parse(path)
        unsure = [w for w in result.warnings if w.code == "title-year-unsure"]
        if unsure:
            assert report.year in unsure[0].params["years"], seed
        else:
            assert result.report.year == report.year, seed


@pytest.mark.parametrize("producer", ["tab-text", "word-text", "md"])
def test_another_agencys_title_of_the_stated_year_among_the_links_is_not_the_reports(
    producer: str, tmp_path: Path
) -> None:
    """A copied page whose links under its title name another agency's report of the same
    year (某某镇人民政府2023年…, a related list's), at any place in the list: the stated
    period's year and the report's own agency (main: the last title of that year, the
    other agency's)."""
    for report in REPORTS:
        assert report.year is not None
        y = report.year
        stranger = f"某某镇人民政府{y}年政府信息公开工作年度报告"
        ours = [f"{report.agency}{y - k}年政府信息公开工作年度报告" for k in (1, 2)]
        for at in range(3):
            source = PRODUCERS[producer](report, tmp_path)
            lines = source.read_text("utf-8").split("\n")
            top = next(i for i, x in enumerate(lines) if "年度报告" in x) + 1
            extra = [*ours[:at], stranger, *ours[at:], PERIODS[0].format(y=y)]
            if producer == "md":
                extra = [f"{x}\n" for x in extra]
            source.write_text("\n".join([*lines[:top], *extra, *lines[top:]]), "utf-8")
            result = parse(source)
            assert (result.report.year, result.report.agency) == (y, report.agency), at


@pytest.fixture(scope="module")
def printed_self_linked(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, Path]]:
    """Pages whose title is a link to the page itself (``<h1><a>``) and links under it,
    printed by chromium: the title's line is under a link annotation too."""
    from pdf_producers import chromium, print_with_chromium

    exe = chromium()
    if exe is None:
        pytest.skip("chromium is not installed")
    folder = tmp_path_factory.mktemp("self-linked-prints")
    jobs, out = [], []
    for k, report in enumerate(REPORTS):
        for shape in ("ul", "p"):
            page = folder / f"{k}-{shape}.html"
            page.write_text(_page(report, shape, "between", True, k), "utf-8")
            jobs.append((page, page.with_suffix(".pdf")))
            out.append((k, page.with_suffix(".pdf")))
    print_with_chromium(jobs, exe)
    return out


def test_a_printed_heading_under_a_link_is_the_pages_title(
    printed_self_linked: list[tuple[int, Path]],
) -> None:
    """A heading's line under a link annotation (the title linked to its page, as a browser
    prints <h1><a>) is the page's title, as the page's heading is: the report's year
    (main: every title a link, the last link's year, warned)."""
    for k, pdf in printed_self_linked:
        report = REPORTS[k]
        result = parse(pdf)
        _assert_read_whole(report, result, pdf)


def test_a_pdf_line_of_big_characters_under_a_link_is_no_link() -> None:
    """page_items marks no line a link whose characters are a heading's (1.3 times the
    page's text's height or more), however it stands under a link."""
    from zfxxgk.published._pdf_layout import page_items

    def line(text: str, top: float, size: float) -> list[dict[str, object]]:
        return [
            {"text": ch, "x0": 50 + size * i, "x1": 50 + size * (i + 1), "top": top,
             "bottom": top + size}
            for i, ch in enumerate(text)
        ]  # fmt: skip

    chars = line("某区2023年报告", 50, 18) + line("某区2022年报告", 100, 10)
    chars += line("一段正文", 150, 10) + line("又一段正文", 170, 10)
    boxes = [(40.0, 45.0, 400.0, 72.0), (40.0, 95.0, 400.0, 115.0)]
    links: list[float] = []
    page_items({"char": chars, "line": [], "rect": [], "link": boxes}, links)
    assert links == [100]


def test_the_unsure_years_warning_names_the_year_read() -> None:
    """The year read is the title search's where no title over the tables names it (a
    title with more on its line): the warning says that year, among its candidates
    (it said the year of the title over the tables)."""
    links = [
        TextRow((f"某区{y}年政府信息公开工作年度报告",), False, i, link=True)
        for i, y in ((1, 2021), (2, 2022))
    ]
    table = TextRow(("行政许可", "1", "2", "3"), True, 3)
    _, notes, year, _ = this_years_rows((*links, table), 2023)
    assert year == 2023
    assert [(n.code, n.params["year"], n.params["years"]) for n in notes] == [
        ("title-year-unsure", 2023, [2021, 2022, 2023])
    ]


def test_the_agency_of_an_unsure_year_is_the_one_most_titles_name() -> None:
    """Every title a link, another agency's report of the year nearest the tables (a
    related list's): the title read for the agency is the one of the year whose agency
    most titles name (it was the one over the tables: 某某镇人民政府)."""
    rows = [
        TextRow((f"{a}{y}年政府信息公开工作年度报告",), False, i, link=True)
        for i, (a, y) in enumerate(
            (("某某局", 2024), ("某某局", 2023), ("某某局", 2022), ("某某镇人民政府", 2024)), 1
        )
    ]
    table = TextRow(("行政许可", "1", "2", "3"), True, 5)
    _, notes, year, title = this_years_rows((*rows, table), 2024)
    assert year == 2024 and [n.code for n in notes] == ["title-year-unsure"]
    assert title is not None and title.cells[0].startswith("某某局2024")
