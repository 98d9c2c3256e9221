"""A single file web page whose report is in a frame of the page.

A CMS shows the report in an ``<iframe>`` (or a frameset) of its article page; saved as
MHTML, the page is the first HTML part and the frame's page a later one. On the code
before this test only the first HTML part was read: "none of the report's tables
found". Now the first HTML part that holds a table is the page read (the first part
where none does).
"""

from __future__ import annotations

import base64
import random
from pathlib import Path

import pytest

from producers import random_report, score
from zfxxgk import parse
from zfxxgk.published.export import to_html

SHELL = {
    "iframe": (
        '<html><body><h1>政府信息公开</h1><iframe src="cid:frame-2@mhtml.blink">'
        "</iframe><p>联系我们</p></body></html>"
    ),
    "frameset": (
        '<html><frameset rows="80,*"><frame src="cid:frame-3@mhtml.blink">'
        '<frame src="cid:frame-2@mhtml.blink"></frameset></html>'
    ),
}


def _part(ctype: str, cid: str, data: bytes) -> list[str]:
    return [
        f"Content-Type: {ctype}",
        f"Content-ID: <{cid}>",
        "Content-Transfer-Encoding: base64",
        "",
        base64.encodebytes(data).decode("ascii"),
    ]


@pytest.mark.parametrize("shell", sorted(SHELL))
def test_the_report_in_a_frame_is_read(shell: str, tmp_path: Path) -> None:
    report = random_report(random.Random(f"mht-frame/{shell}"), "2021")
    boundary = "----MultipartBoundary--frames----"
    parts = [
        _part("text/html", "frame-1@mhtml.blink", SHELL[shell].encode("utf-8")),
        _part("text/html; charset=gb2312", "frame-3@mhtml.blink", "<p>导航</p>".encode("gbk")),
        _part("text/html", "frame-2@mhtml.blink", to_html(report).encode("utf-8")),
    ]
    lines = [
        "From: <Saved by Blink>",
        "MIME-Version: 1.0",
        "Content-Type: multipart/related;",
        '\ttype="text/html";',
        f'\tboundary="{boundary}"',
        "",
    ]
    for part in parts:
        lines += [f"--{boundary}", *part]
    lines += [f"--{boundary}--", ""]
    path = tmp_path / "page.mhtml"
    path.write_bytes("\r\n".join(lines).encode("ascii"))
    got = score(report, parse(path))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
    assert got.right > 100
