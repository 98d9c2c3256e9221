"""PDFs of the sample reports as producers print them, for the PDF corpus tests.

Chromium's print-to-PDF (one headless browser for all pages, driven over the DevTools
pipe: a new browser per page costs seconds) and LibreOffice's (one ``soffice`` run),
of zfxxgk's own renditions changed as published pages are: ruled, each cell with a
border of its own (HTML's ``border="1"``), borderless, with blank cells.
"""

from __future__ import annotations

import base64
import json
import os
import random
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

from zfxxgk import AnnualReport
from zfxxgk.core.grid import all_fields
from zfxxgk.core.layout import Kind
from zfxxgk.published.export import to_html

BORDERLESS = "<style>table.zb td { border: none !important; }</style></head>"
SEPARATE = (
    "<style>table.zb { border-collapse: separate !important; border-spacing: 2px; }</style></head>"
)


def chromium() -> str | None:
    """The chromium executable, if installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        exe = shutil.which(name)
        if exe:
            return exe
    return None


def with_blanks(report: AnnualReport, seed: str, share: float = 0.25) -> AnnualReport:
    """The report with about ``share`` of its cells blank (seeded)."""
    out = report.copy()
    cells = all_fields(report.layout)
    rng = random.Random(seed)
    for f, _ in report.items():
        if f.path in cells and f.kind is not Kind.UNIT and rng.random() < share:
            out.set(f.path, None)
    return out


def html(report: AnnualReport, style: str = "", rules: bool = True) -> str:
    """The report's HTML rendition, its style changed (``style`` ends the head); without
    ``rules`` the tables' ``border`` attribute is gone too (LibreOffice draws it)."""
    text = to_html(report)
    if style:
        text = text.replace("</head>", style, 1)
    if not rules:
        text = text.replace(' border="1"', "")
    return text


def print_with_chromium(pages: list[tuple[Path, Path]], exe: str, timeout: float = 240) -> None:
    """Print each HTML file to its PDF in one headless chromium (DevTools over a pipe)."""
    cmd_r, cmd_w = os.pipe()
    res_r, res_w = os.pipe()
    profile = tempfile.mkdtemp(prefix="zfxxgk-chromium-")

    def pipes() -> None:  # the DevTools pipe is the child's file descriptors 3 and 4
        import fcntl

        a = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10)
        b = fcntl.fcntl(res_w, fcntl.F_DUPFD, 10)
        os.dup2(a, 3)
        os.dup2(b, 4)

    proc = subprocess.Popen(
        [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--remote-debugging-pipe",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        preexec_fn=pipes,
        pass_fds=(3, 4),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(cmd_r)
    os.close(res_w)
    watchdog = threading.Timer(timeout, proc.kill)  # a hung browser closes its pipe
    watchdog.start()
    buffer = b""
    counter = 0

    def receive() -> dict[str, Any]:
        nonlocal buffer
        while b"\0" not in buffer:
            chunk = os.read(res_r, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed its DevTools pipe")
            buffer += chunk
        message, buffer = buffer.split(b"\0", 1)
        answer: dict[str, Any] = json.loads(message)
        return answer

    def call(
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        event: str | None = None,
    ) -> dict[str, Any]:
        nonlocal counter
        counter += 1
        message: dict[str, Any] = {"id": counter, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(cmd_w, json.dumps(message).encode() + b"\0")
        result: dict[str, Any] | None = None
        seen = event is None
        while result is None or not seen:
            got = receive()
            if got.get("id") == counter:
                if "error" in got:
                    raise RuntimeError(f"chromium: {got['error']}")
                result = got["result"]
            elif got.get("method") == event and got.get("sessionId") == session:
                seen = True
        return result

    try:
        for source, target in pages:
            tab = call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = call("Target.attachToTarget", {"targetId": tab, "flatten": True})
            sid = session["sessionId"]
            call("Page.enable", session=sid)
            call("Page.navigate", {"url": source.resolve().as_uri()}, sid, "Page.loadEventFired")
            printed = call("Page.printToPDF", {"preferCSSPageSize": True}, sid)
            target.write_bytes(base64.b64decode(printed["data"]))
            call("Target.closeTarget", {"targetId": tab})
    finally:
        os.close(cmd_w)
        os.close(res_r)
        proc.kill()
        proc.wait()
        watchdog.cancel()
        shutil.rmtree(profile, ignore_errors=True)
