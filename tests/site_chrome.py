"""What a government site puts around a report on its page, as a seeded generator.

A site's article page is not the report alone: a navigation menu and breadcrumbs (首页 >
政务公开 > 政府信息公开年报), the article's meta line (发布时间：2024-01-20 来源 浏览次数，
【字体：大 中 小】), a share bar and 【打印本页】【关闭窗口】, a footer with the site's 网站标识码,
ICP number and 访问量; a sidebar of related articles (other years' and other agencies'
reports, with dates and click counts) and of statistics tables that use the report's own
words (依申请公开 统计, 行政许可 1234, 自然人 | 法人或其他组织 | 总计); below the tables an
attachment list, a 相关解读 block and comments. Some sites paginate the article
(第1页 共2页: both pages' content on one page, a table cut between them), print a table
twice (a print and a screen version: the same numbers, or a stale copy with others),
or add the tables in English or in traditional characters below.

``wrapped(report, producer, variants, seed, folder)`` writes a producer's page of the
report (:data:`PRODUCERS`: plain HTML, a CMS's without spans, Word's HTML) wrapped in the
chrome of each of ``variants`` (:data:`VARIANTS`, composable), every choice drawn from
``seed``. A parse must give the report: each cell right, or blank with a warning naming
its row (where a stale copy leaves a cell unknowable, only the blank).
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Callable
from pathlib import Path

import attrs

from producers import PRODUCERS as _ALL
from zfxxgk import AnnualReport

#: The producers whose pages are wrapped: plain HTML, a CMS's (no spans), Word's HTML.
PRODUCERS = {name: _ALL[name] for name in ("html", "html-cms", "html-word")}


@attrs.define
class Page:
    """A page being built: the report's parts and the chrome around them."""

    head: str  #: the producer's page up to and with ``<body ...>``
    title: str  #: the report's title block
    article: str  #: the report's body after its title (the tables and their headings)
    tail: str  #: ``</body></html>`` and what the producer wrote after the body
    year: int
    agency: str
    rng: random.Random
    top: list[str] = attrs.field(factory=list)  #: above the article (menu, breadcrumbs)
    meta: list[str] = attrs.field(factory=list)  #: under the title
    below: list[str] = attrs.field(factory=list)  #: under the article
    side: list[str] = attrs.field(factory=list)  #: a sidebar
    side_first: bool = False  #: the sidebar written before the article
    foot: list[str] = attrs.field(factory=list)
    #: how many value cells a stale copy changed: no parse can know them
    stale: int = 0

    def html(self) -> str:
        article = "".join(
            (
                '<div class="article">',
                self.title,
                *self.meta,
                '<div class="content" id="zoom">',
                self.article,
                "</div>",
                *self.below,
                "</div>",
            )
        )
        side = f'<div class="sidebar">{"".join(self.side)}</div>' if self.side else ""
        main = side + article if self.side_first else article + side
        return "".join(
            (self.head, *self.top, f'<div class="main">{main}</div>', *self.foot, self.tail)
        )


def _split(page: str, report: AnnualReport, rng: random.Random) -> Page:
    start = re.search(r"<body[^>]*>", page, re.I)
    assert start is not None
    stop = page.lower().rfind("</body>")
    body = page[start.end() : stop]
    lead = ""
    m = re.match(r"\s*<div class=WordSection1>(<!--.*?-->)?", body, re.S)
    if m:  # (Word's section div: kept around the article)
        lead, body = m.group(0), body[m.end() :]
    title_end = re.search(r"</h1>|</p>", body)
    assert title_end is not None
    return Page(
        head=page[: start.end()] + lead,
        title=body[: title_end.end()],
        article=body[title_end.end() :],
        tail=page[stop:],
        year=report.year or 2024,
        agency=html.escape(report.agency or "某某局"),
        rng=rng,
    )


# ------------------------------------------------------------------------ the chrome


def _date(rng: random.Random, year: int) -> str:
    return f"{year}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"


def nav(page: Page) -> None:
    """A menu, breadcrumbs, the article's meta line with a font-size switcher, a share
    bar, 打印本页/关闭窗口 and a footer with 网站标识码, ICP number and 访问量."""
    rng = page.rng
    site = f"{page.agency}门户网站"
    page.head = re.sub(
        r"<title>(.*?)</title>",
        lambda m: (
            "<title>"
            + rng.choice((m.group(1), f"{m.group(1)}_{site}", site, "信息公开"))
            + "</title>"
        ),
        page.head,
        count=1,
        flags=re.S,
    )
    items = ["首页", "走进某某", "政务公开", "政府信息公开", "政务服务", "互动交流", "专题专栏"]
    menu = "".join(f'<li><a href="/c{i}/">{x}</a></li>' for i, x in enumerate(items))
    page.top.append(f'<div class="header"><div class="logo">{site}</div>')
    page.top.append(f'<ul class="nav">{menu}</ul></div>')
    crumbs = rng.choice(
        ("首页 > 政务公开 > 政府信息公开年报", "您当前的位置：首页 &gt; 政府信息公开 &gt; 年度报告")
    )
    page.top.append(f'<div class="crumbs">{crumbs}</div>')
    when = _date(rng, page.year + 1)
    meta = rng.choice(
        (
            f"发布时间：{when}　来源：{page.agency}　浏览次数：{rng.randint(10, 99999)}",
            f"<span>发布日期：{when}</span><span>信息来源：本站</span>"
            f"<span>点击数：{rng.randint(10, 9999)}</span>",
            f"索引号：11320800MB1234567X/{page.year + 1}-0000{rng.randint(1, 9)}　发文日期：{when}",
        )
    )
    page.meta.append(f'<div class="info">{meta}</div>')
    page.meta.append('<div class="size">【字体：<a>大</a> <a>中</a> <a>小</a>】</div>')
    share = '<div class="share">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>'
    tools = '<div class="tools">【<a>打印本页</a>】【<a>关闭窗口</a>】【<a>收藏</a>】</div>'
    page.below += [share, tools] if rng.random() < 0.5 else [tools, share]
    page.foot.append(
        '<div class="footer"><p>主办单位：某某市人民政府办公室　承办：某某市大数据管理局</p>'
        f"<p>网站标识码：3208000{rng.randint(10, 99)}　苏ICP备{rng.randint(10**7, 10**8)}号-1　"
        f"苏公网安备 32080202000{rng.randint(100, 999)}号</p>"
        f"<p>访问量：{rng.randint(10**5, 10**8)}　今日访问：{rng.randint(1, 9999)}</p></div>"
    )


def _titles(page: Page) -> list[str]:
    rng = page.rng
    years = [page.year - k for k in (1, 2, 3, 4)]
    out = [f"{page.agency}{y}年政府信息公开工作年度报告" for y in years]
    out.append(f"某某镇人民政府{page.year}年政府信息公开工作年度报告")
    out.append(f"{y}年政府信息公开工作年度报告" if (y := rng.choice(years)) else "")
    rng.shuffle(out)
    return out[: rng.randint(3, len(out))]


def related(page: Page) -> None:
    """A sidebar of related articles: other years' (and agencies') reports, with their
    dates and click counts, as a list, a table of three columns, or titles alone."""
    rng = page.rng
    titles = _titles(page)
    how = rng.choice(("list", "table", "alone"))
    if how == "list":
        items = "".join(
            f'<li><a href="/a{i}.html">{t}</a><span class="date">{_date(rng, page.year)}</span>'
            f"<span>点击：{rng.randint(1, 9999)}</span></li>"
            for i, t in enumerate(titles)
        )
        block = f"<h3>相关文章</h3><ul>{items}</ul>"
    elif how == "table":
        rows = "".join(
            f"<tr><td><a>{t}</a></td><td>{_date(rng, page.year)}</td>"
            f"<td>{rng.randint(1, 9999)}</td></tr>"
            for t in titles
        )
        block = f'<h3>相关信息</h3><table class="list">{rows}</table>'
    else:
        items = "".join(f'<li><a href="/a{i}.html">{t}</a></li>' for i, t in enumerate(titles))
        block = f"<div>往年年报</div><ul>{items}</ul>"
    page.side.append(block)
    page.side_first = rng.random() < 0.5


def linked(page: Page) -> None:
    """Links to other years' reports under the title, before the tables (往年报告,
    相关链接): a list, paragraphs, lines split by ``<br>``, spans in divs or a table of
    one column; the title itself maybe a link to its own page."""
    rng = page.rng
    titles = _titles(page)
    how = rng.choice(("list", "paragraphs", "br", "spans", "column"))
    if how == "list":
        block = "<ul>" + "".join(f'<li><a href="/a{i}">{t}</a></li>' for i, t in enumerate(titles))
        block += "</ul>"
    elif how == "paragraphs":
        block = "<p>相关链接：</p>" + "".join(
            f"<p><a href=/a{i}>{t}</a></p>" for i, t in enumerate(titles)
        )
    elif how == "br":
        block = "<div>" + "<br>".join(f"<a href=/a{i}>\n{t}\n</a>" for i, t in enumerate(titles))
        block += "</div>"
    elif how == "spans":
        block = "".join(
            f'<div class="item"><a href="/a{i}"><span>{t[:3]}</span><span>{t[3:]}</span></a></div>'
            for i, t in enumerate(titles)
        )
    else:
        block = "<table>" + "".join(f"<tr><td><a>{t}</a></td></tr>" for t in titles) + "</table>"
    page.meta.append(f'<div class="links">{block}</div>')
    if rng.random() < 0.5:  # the title a link to its own page
        page.title = re.sub(
            r">([^<>]*\d{4}年[^<>]*报告)<", r"><a href='/this'>\1</a><", page.title, count=1
        )


def _stat_tables(page: Page) -> list[str]:
    rng = page.rng

    def n() -> int:
        return rng.randint(0, 99999)

    return [
        f"<p>本站共发布信息 {n()} 条　今日更新 {rng.randint(0, 99)} 条</p>",
        "<table class=stat><tr><th colspan=3>依申请公开统计</th></tr>"
        "<tr><td>年度</td><td>受理</td><td>办结</td></tr>"
        + "".join(f"<tr><td>{page.year - k}</td><td>{n()}</td><td>{n()}</td></tr>" for k in (0, 1))
        + "</table>",
        "<table class=stat><tr><td>信件办理</td><td>收到</td><td>办结</td></tr>"
        f"<tr><td>咨询</td><td>{n()}</td><td>{n()}</td></tr>"
        f"<tr><td>投诉</td><td>{n()}</td><td>{n()}</td></tr></table>",
        "<table class=stat><tr><th colspan=2>双公示</th></tr>"
        f"<tr><td>行政许可</td><td>{n()}</td></tr><tr><td>行政处罚</td><td>{n()}</td></tr>"
        "</table>",
        "<table class=stat><tr><td>申请人</td><td>自然人</td><td>法人或其他组织</td>"
        "<td>总计</td></tr>"
        f"<tr><td>本年新收</td><td>{n()}</td><td>{n()}</td><td>{n()}</td></tr></table>",
        "<table class=stat><tr><td>行政复议</td><td>行政诉讼</td></tr>"
        f"<tr><td>{n()}</td><td>{n()}</td></tr></table>",
        f"<ul><li>主动公开 {n()} 条</li><li>依申请公开 {n()} 件</li>"
        f"<li>信件办理 {n()} 件</li></ul>",
    ]


def stats(page: Page) -> None:
    """A sidebar of statistics in the report's words: 依申请公开 受理/办结 by year,
    信件办理, 双公示 (行政许可, 行政处罚), 自然人 | 法人或其他组织 | 总计, 行政复议 |
    行政诉讼, 本站共发布信息 12345 条."""
    rng = page.rng
    blocks = _stat_tables(page)
    rng.shuffle(blocks)
    page.side += ["<h3>数据统计</h3>", *blocks[: rng.randint(2, len(blocks))]]
    page.side_first = rng.random() < 0.5


def shown_twice(page: Page) -> None:
    """A sidebar of the report's own rows under a header of their own (双公示 | 行政许可
    | 1234, rows as wide as table 二's after a page break), other years' numbers."""
    rng = page.rng
    page.side += [
        "<h3>数据统计</h3>",
        "<table class=stat><tr><th colspan=2>双公示</th></tr>"
        f"<tr><td>行政许可</td><td>{rng.randint(1, 99999)}</td></tr>"
        f"<tr><td>行政处罚</td><td>{rng.randint(1, 99999)}</td></tr>"
        f"<tr><td>行政强制</td><td>{rng.randint(1, 99999)}</td></tr></table>",
    ]
    page.side_first = rng.random() < 0.5


def results_by_year(page: Page) -> None:
    """A sidebar before the article: last year's report's title (no link) and a table of
    application results by year in the report's words (办理结果 | 予以公开 | 部分公开 |
    不予公开), words of row labels whose numbers are left out, as column headers."""
    rng = page.rng
    y = page.year
    page.side += [
        f"<p>{page.agency}{y - 1}年政府信息公开工作年度报告</p>",
        "<table class=stat><tr><td>办理结果</td><td>予以公开</td><td>部分公开</td>"
        "<td>不予公开</td></tr>"
        + "".join(
            f"<tr><td>{y - k}</td>"
            + "".join(f"<td>{rng.randint(0, 999)}</td>" for _ in "123")
            + "</tr>"
            for k in (1, 2)
        )
        + "</table>",
    ]
    page.side_first = True


def after(page: Page) -> None:
    """Under the tables: an attachment list, a 相关解读 block and comments."""
    rng = page.rng
    y = page.year
    blocks = [
        f"<p>附件：</p><p>1. {y}年政府信息公开工作年度报告统计表.xls</p>"
        f"<p>2. {page.agency}{y}年政府信息公开工作年度报告.pdf</p>",
        f'<div class="jd"><h3>相关解读</h3><ul><li><a>一图读懂{page.agency}{y}年政府信息公开'
        f"工作年度报告</a></li><li><a>{y - 1}年度报告解读</a></li></ul></div>",
        f'<div class="comments"><h3>网友评论（{rng.randint(0, 9)}）</h3>'
        f"<p>网友{rng.randint(1, 999)}　{_date(rng, y + 1)}：数据很详实，希望继续保持。</p>"
        "<p>我要评论</p></div>",
    ]
    rng.shuffle(blocks)
    page.below[:0] = blocks[: rng.randint(1, 3)]


_TABLE = re.compile(r"(<table[^>]*>)(.*?)</table>", re.S)
_ROW = re.compile(r"<tr[^>]*>.*?</tr>", re.S)


def _cuts(rows: list[str]) -> list[int]:
    """Where a table's rows may be cut (after row k, 1 ≤ k < len) with no merged cell
    across the cut."""
    reach = 0
    out = []
    for i, row in enumerate(rows):
        for rs in re.findall(r'rowspan="?(\d+)', row):
            reach = max(reach, i + int(rs) - 1)
        if reach <= i < len(rows) - 1:
            out.append(i + 1)
    return out


def paged(page: Page) -> None:
    """The article paginated (第1页 共2页) with both pages' content on the page: a table
    cut at a row between them (no merged cell across), the pager between and after."""
    rng = page.rng
    tables = list(_TABLE.finditer(page.article))
    rng.shuffle(tables)
    pager = (
        '<div class="page">第{k}页 共2页 <a>首页</a> <a>上一页</a> <a>下一页</a> <a>尾页</a></div>'
    )
    for m in tables:
        rows = _ROW.findall(m.group(2))
        cuts = _cuts(rows)
        if not cuts:
            continue
        k = rng.choice(cuts)
        colgroup = re.search(r"<colgroup>.*?</colgroup>", m.group(2), re.S)
        cols = colgroup.group(0) if colgroup else ""
        again = page.title if rng.random() < 0.3 else ""
        cut = (
            f"{m.group(1)}{cols}{''.join(rows[:k])}</table>{pager.format(k=1)}{again}"
            f"{m.group(1)}{cols}{''.join(rows[k:])}</table>"
        )
        page.article = page.article[: m.start()] + cut + page.article[m.end() :]
        page.below.insert(0, pager.format(k=2))
        return
    page.article += pager.format(k=1)


def _restated(table: str, rng: random.Random, changes: int) -> tuple[str, int]:
    """The table with ``changes`` of its value cells given other numbers, and how many."""
    cells = list(re.finditer(r'(<td[^>]*class="v"[^>]*>)(.*?)(</td>)', table, re.S))
    numbered = [c for c in cells if re.search(r"(?:^|>)-?\d[\d.]*(?:<|$)", c.group(2))]
    if not numbered:
        return table, 0
    picked = set(rng.sample(range(len(numbered)), min(changes, len(numbered))))
    out, at = [], 0
    for i, c in enumerate(numbered):
        if i not in picked:
            continue

        def other(v: re.Match[str]) -> str:
            new = str(int(float(v.group(2))) + rng.randint(1, 50))
            return f"{v.group(1)}{new}{v.group(3)}"

        inner = re.sub(r"(^|>)(-?\d[\d.]*)(<|$)", other, c.group(2), count=1)
        out += [table[at : c.start(2)], inner]
        at = c.end(2)
    out.append(table[at:])
    return "".join(out), len(picked)


def _repeat(page: Page, stale: bool) -> None:
    rng = page.rng
    tables = list(_TABLE.finditer(page.article))
    chosen = rng.sample(tables, rng.randint(1, len(tables)))
    where = rng.choice(("next", "end"))
    copies = []
    pieces, at = [], 0
    for m in sorted(chosen, key=lambda m: m.start()):
        copy = m.group(0)
        if stale:
            copy, changed = _restated(copy, rng, rng.randint(1, 4))
            page.stale += changed
        first, second = (copy, m.group(0)) if rng.random() < 0.5 else (m.group(0), copy)
        if where == "next":
            pieces += [
                page.article[at : m.start()],
                f'<div class="screen">{first}</div><div class="print">{second}</div>',
            ]
        else:
            pieces += [page.article[at : m.start()], first]
            copies.append(second)
        at = m.end()
    pieces.append(page.article[at:])
    page.article = "".join(pieces)
    if copies:
        page.article += '<div class="print"><p>打印版</p>' + "".join(copies) + "</div>"


def repeat_same(page: Page) -> None:
    """A table printed twice (a print and a screen version), the same numbers."""
    _repeat(page, stale=False)


def repeat_stale(page: Page) -> None:
    """A table printed twice, one copy stale: some of its numbers differ."""
    _repeat(page, stale=True)


_ENGLISH = {
    "信息内容": "Information",
    "本年制发件数": "Issued this year",
    "本年废止件数": "Repealed this year",
    "现行有效件数": "In force",
    "本年处理决定数量": "Decisions this year",
    "规章": "Rules",
    "行政规范性文件": "Normative documents",
    "行政许可": "Administrative licensing",
    "行政处罚": "Administrative penalty",
    "行政强制": "Administrative coercion",
    "自然人": "Natural persons",
    "法人或其他组织": "Legal persons or other organisations",
    "总计": "Total",
    "行政复议": "Administrative reconsideration",
    "行政诉讼": "Administrative litigation",
    "结果维持": "Upheld",
    "结果纠正": "Corrected",
    "其他结果": "Other results",
    "尚未审结": "Pending",
}
_TRAD = str.maketrans(
    {"开": "開", "总": "總", "计": "計", "处": "處", "结": "結", "议": "議", "诉": "訴",
     "复": "復", "请": "請", "数": "數", "业": "業", "关": "關", "务": "務", "机": "機",
     "发": "發", "规": "規", "费": "費", "许": "許", "罚": "罰", "强": "強", "现": "現"}
)  # fmt: skip


def _relabelled(article: str, fn: Callable[[str], str]) -> str:
    """The article with each text between tags that holds a Chinese character mapped."""
    return re.sub(r">([^<>]*[\u4e00-\u9fff][^<>]*)<", lambda m: ">" + fn(m.group(1)) + "<", article)


def english(page: Page) -> None:
    """The tables again below, in English (the same numbers, no Chinese label)."""
    k = iter(range(1, 10**6))
    tables = "".join(m.group(0) for m in _TABLE.finditer(page.article))
    copy = _relabelled(tables, lambda s: _ENGLISH.get(s.strip(), f"Item {next(k)}"))
    page.below.insert(
        0,
        f"<h2>{page.year} Annual Report on Government Information Disclosure "
        f"(English version)</h2>{copy}",
    )


def traditional(page: Page) -> None:
    """The title and tables again below, in traditional characters (the same numbers)."""
    copy = _relabelled(page.title + page.article, lambda s: s.translate(_TRAD))
    page.below.insert(0, f'<div class="big5"><p>繁體版</p>{copy}</div>')


#: Each variant of chrome, applied in the order given.
VARIANTS: dict[str, Callable[[Page], None]] = {
    "nav": nav,
    "related": related,
    "linked": linked,
    "stats": stats,
    "after": after,
    "shown-twice": shown_twice,
    "results-by-year": results_by_year,
    "paged": paged,
    "repeat-same": repeat_same,
    "repeat-stale": repeat_stale,
    "english": english,
    "traditional": traditional,
}


def wrapped(
    report: AnnualReport,
    producer: str,
    variants: tuple[str, ...],
    seed: int,
    folder: Path,
) -> tuple[Path, int]:
    """The producer's page of ``report`` wrapped in ``variants``' chrome (drawn from
    ``seed``), and how many cells a stale copy made unknowable."""
    source = PRODUCERS[producer](report, folder)
    raw = source.read_bytes()
    charset = "gbk" if b"charset=gbk" in raw.lower() else "utf-8"
    rng = random.Random(f"{seed}/{producer}/{'+'.join(variants)}")
    page = _split(raw.decode(charset), report, rng)
    for name in variants:
        VARIANTS[name](page)
    out = folder / f"chrome-{'+'.join(variants)}-{source.name}"
    out.write_bytes(page.html().encode(charset))
    return out, page.stale
