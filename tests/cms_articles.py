"""A CMS's article page of a report, with other years' titles around it, as a generator.

Sites nobody on the project wrote set a report's page in ways that put other reports'
titles near its own: a sidebar of 往年年报 before the article, its entries plain links,
links in headings (``<h4><a>``), cards (``<a><h4>…</h4><p>date</p></a>``) or items opened
by script (``<li onclick>``, no ``<a>`` at all); 上一篇/下一篇 above or below the
article; the article's own title in a heading, in a ``<div>``, or a link to its own page
outside any heading; the report's preface stating the period of its statistics
(统计期限自…至…12月31日), the right year's, last year's left in, or none, and its text
(一、总体情况) naming its year or not. ``article``
draws each choice from a seed and gives the page as HTML and as a person's copy of it as
text (a line a block, a table's row a line of tab-separated cells).
"""

from __future__ import annotations

import html
import random
import re

import attrs

from producers import _tab_lines
from zfxxgk import AnnualReport
from zfxxgk.published.export import to_html

#: How the article's own title is set.
TITLE_SHAPES = ("h1", "h1-link", "div", "div-link", "p-strong")
#: How an entry of a list of other reports is set.
ITEMS = ("li-a", "h4-a", "a-h4", "onclick")
#: Where the list of other reports stands.
PLACES = ("none", "side-first", "prev-above", "below")
#: What the preface says of the statistics' period.
PERIODS = ("none", "right", "stale")


@attrs.frozen
class Article:
    """A generated page: its HTML, its text copy and the choices made."""

    html: str
    text: str
    choices: dict[str, str]


def _item(title: str, how: str, k: int, year: int) -> str:
    t = html.escape(title)
    if how == "li-a":
        return f'<li><a href="/art/{k}.html">{t}</a></li>'
    if how == "h4-a":
        return f'<li><h4><a href="/art/{k}.html">{t}</a></h4></li>'
    if how == "a-h4":
        return f'<li><a href="/art/{k}.html"><h4>{t}</h4><p>{year + 1}-01-2{k % 9}</p></a></li>'
    assert how == "onclick"
    return f"<li onclick=\"go('/art/{k}.html')\">{t}</li>"


def _title(title: str, shape: str) -> str:
    t = html.escape(title)
    return {
        "h1": f"<h1>{t}</h1>",
        "h1-link": f"<h1><a href='#'>{t}</a></h1>",
        "div": f'<div class="title">{t}</div>',
        "div-link": f'<div class="title"><a href="/art/this.html">{t}</a></div>',
        "p-strong": f"<p><strong>{t}</strong></p>",
    }[shape]


def article(report: AnnualReport, seed: int) -> Article:
    """The report's article page, every choice drawn from ``seed``."""
    assert report.year is not None and report.agency is not None
    rng = random.Random(seed)
    year, agency = report.year, report.agency
    choices = {
        "title": rng.choice(TITLE_SHAPES),
        "item": rng.choice(ITEMS),
        "place": rng.choice(PLACES),
        "period": rng.choice(PERIODS),
        "head": rng.choice(("report", "site")),
        "listed": rng.choice(("others", "with-own")),
        "narrative": rng.choice(("none", "said")),
    }
    own = f"{agency}{year}年政府信息公开工作年度报告"
    others = [f"{agency}{year - k}年政府信息公开工作年度报告" for k in (1, 2)]
    if choices["listed"] == "with-own":  # a sidebar of every year's report, this one too
        others.insert(0, own)
    count = rng.randint(1, len(others))
    listed = others[:count]
    place = choices["place"]
    if place == "prev-above" or place == "below":
        listed = listed[:1] if choices["listed"] == "others" else others[1:2]
    items = "".join(_item(t, choices["item"], k, year) for k, t in enumerate(listed))
    if place == "side-first":
        block = f'<div class="side"><h3>往年年报</h3><ul>{items}</ul></div>'
        heading_text = ["往年年报"]
    else:
        block = f'<div class="pn"><span>上一篇</span><ul>{items}</ul></div>'
        heading_text = ["上一篇"]
    listed_text = [*heading_text, *listed]
    period = {
        "none": None,
        "right": f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        "stale": f"本报告所列数据的统计期限自{year - 1}年1月1日起至{year - 1}年12月31日止。",
    }[choices["period"]]

    page = to_html(report)
    head_title = own if choices["head"] == "report" else f"{agency}门户网站"
    page = re.sub(r"<title>.*?</title>", f"<title>{html.escape(head_title)}</title>", page)
    h1 = re.search(r"<h1>(.*?)</h1>", page)
    assert h1 is not None
    meta = f'<div class="info">发布时间：{year + 1}-01-20　来源：本站</div>'
    said = (
        [
            "一、总体情况",
            f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，较{year - 1}年"
            f"进一步拓展公开内容。{year}年全年主动公开政府信息{rng.randint(10, 999)}条。",
        ]
        if choices["narrative"] == "said"
        else []
    )
    intro = "".join(f"<p>{x}</p>" for x in ([period] if period else []) + said)
    article_html = _title(own, choices["title"]) + meta + intro
    page = page.replace(h1.group(0), article_html)
    text_top: list[str] = []
    text_title = [
        own,
        f"发布时间：{year + 1}-01-20　来源：本站",
        *([period] if period else []),
        *said,
    ]
    if place in ("side-first", "prev-above"):
        page = page.replace("<body>", "<body>" + block, 1)
        text_top = listed_text
    text_below: list[str] = []
    if place == "below":
        page = page.replace("</body>", block + "</body>", 1)
        text_below = listed_text
    tables = _tab_lines(report)[2:]
    text = "\n".join([*text_top, *text_title, "", *tables, *text_below]) + "\n"
    return Article(page, text, choices)
