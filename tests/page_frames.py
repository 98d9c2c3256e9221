"""Web pages laid out with tables, as older government sites are: the article (with the
report's tables) inside a cell of a page frame, beside a menu, under a banner, the menu
itself a table of links, the frame inside another frame.

``framed(report, producer, frame, folder)`` writes a producer's page of the report
(:data:`producers.PRODUCERS`) with its body put in one of the :data:`FRAMES`.
"""

from __future__ import annotations

import re
from pathlib import Path

from producers import PRODUCERS
from zfxxgk import AnnualReport

_MENU = (
    "<table class=menu><tr><td><a href=/>首页</a></td></tr>"
    "<tr><td><a href=/g>政务公开</a></td></tr></table>"
)

#: Each frame: the markup before and after the page's body.
FRAMES: dict[str, tuple[str, str]] = {
    "one-cell": ('<table width="100%" border=0><tr><td>', "</td></tr></table>"),
    "menu-beside": (
        "<table><tr><td colspan=2>政府信息公开专栏</td></tr>"
        "<tr><td width=180>栏目导航<br>年度报告</td><td>",
        "</td></tr><tr><td colspan=2>主办单位：某某局 版权所有</td></tr></table>",
    ),
    "menu-table": (
        f"<table><tr><td valign=top>{_MENU}</td><td>",
        "</td></tr></table>",
    ),
    "frame-in-frame": (
        "<table><tr><td><table width=960><tr><td>当前位置：首页 &gt; 年报</td></tr><tr><td>",
        "</td></tr></table></td></tr></table>",
    ),
}


def framed(report: AnnualReport, producer: str, frame: str, folder: Path) -> Path:
    """The producer's page of ``report`` with its body inside ``frame``."""
    page = PRODUCERS[producer](report, folder)
    raw = page.read_bytes()
    charset = "gbk" if b"charset=gbk" in raw.lower() else "utf-8"
    html = raw.decode(charset)
    body = re.search(r"<body[^>]*>", html, re.I)
    end = html.lower().rfind("</body>")
    start = body.end() if body else 0
    stop = end if end >= 0 else len(html)
    before, after = FRAMES[frame]
    out = folder / f"{frame}-{page.name}"
    out.write_bytes(
        (html[:start] + before + html[start:stop] + after + html[stop:]).encode(charset)
    )
    return out
