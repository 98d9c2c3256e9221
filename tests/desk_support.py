"""The desk's test support: workbooks, a workspace, a server on a loopback port, and raw
HTTP where a client library would hide what is sent."""

from __future__ import annotations

import contextlib
import http.client
import re
import secrets
import socket
import threading
import time
import urllib.parse
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import zfxxgk
from conftest import SAMPLES
from zfxxgk.desk.store import PASSWORD_FILE, Workspace

WRONG_CELL = ("applications", "new_received", "total")


@dataclass
class Workbooks:
    """Filled workbooks of 2024: clean, with a wrong total, and a second agency's."""

    good: Path
    bad: Path
    other: Path


def make_workbooks(folder: Path) -> Workbooks:
    folder.mkdir(parents=True, exist_ok=True)
    report = zfxxgk.AnnualReport.from_json((SAMPLES / "2024-hongze-district.json").read_text())
    good = zfxxgk.fill(report, folder / "good.xlsx")
    wrong = report.copy()
    wrong.set(WRONG_CELL, int(report.get(WRONG_CELL) or 0) + 7)  # type: ignore[call-overload]
    bad = zfxxgk.fill(wrong, folder / "bad.xlsx")
    other = zfxxgk.AnnualReport.from_json((SAMPLES / "2023-shuyang-drc.json").read_text())
    other.year, other.agency = 2024, "教育局"
    return Workbooks(Path(good), Path(bad), Path(zfxxgk.fill(other, folder / "other.xlsx")))


def variant(src: Path, out: Path, n: int) -> Path:
    """The same workbook with other bytes (a zip comment), so that its hash differs."""
    out.write_bytes(src.read_bytes())
    with zipfile.ZipFile(out, "a") as zf:
        zf.comment = f"copy {n}".encode()
    return out


@dataclass
class Desk:
    """A served workspace: its folder, base URL, departments' tokens and the password."""

    folder: Path
    base: str
    tokens: dict[str, str]
    password: str
    ws: Workspace = field(init=False)

    def __post_init__(self) -> None:
        self.ws = Workspace(self.folder)

    @property
    def host_port(self) -> tuple[str, int]:
        u = urllib.parse.urlsplit(self.base)
        assert u.hostname and u.port
        return u.hostname, u.port

    def uploads(self) -> int:
        with self.ws.connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM uploads").fetchone()[0])


def make_desk(folder: Path, names: Iterable[str], year: int = 2024) -> tuple[Path, dict[str, str]]:
    ws, _ = Workspace.create(folder, year)
    return folder, {n: ws.add_department(n) for n in names}


@contextlib.contextmanager
def serving(folder: Path, tokens: dict[str, str], **options: object) -> Iterator[Desk]:
    """The desk in ``folder`` served by uvicorn in a thread, on a free loopback port."""
    import uvicorn

    from zfxxgk.desk.web import create_app

    app = create_app(folder, **options)  # type: ignore[arg-type]
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the desk did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    password = (folder / PASSWORD_FILE).read_text().strip()
    try:
        yield Desk(folder, f"http://127.0.0.1:{port}", tokens, password)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


# ----------------------------------------------------------------------- HTTP


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    set_cookies: list[str] = field(default_factory=list)

    def cookie(self, name: str) -> str:
        """The Set-Cookie header of cookie ``name``."""
        found = [c for c in self.set_cookies if c.startswith(f"{name}=")]
        assert found, f"no cookie {name}"
        return found[-1]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request(
    desk: Desk,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    conn = http.client.HTTPConnection(*desk.host_port, timeout=120)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        headers = r.getheaders()
        cookies = [v for k, v in headers if k.lower() == "set-cookie"]
        return Answer(r.status, {k.lower(): v for k, v in headers}, r.read(), cookies)
    finally:
        conn.close()


def get(desk: Desk, path: str, cookie: str | None = None) -> Answer:
    return request(desk, "GET", path, headers={"Cookie": cookie} if cookie else None)


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page has no CSRF token"
    return found.group(1)


def multipart(fields: dict[str, str], file: tuple[str, bytes] | None) -> tuple[bytes, str]:
    boundary = "----desk" + secrets.token_hex(8)
    out = b""
    for k, v in fields.items():
        out += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        ).encode()
    if file is not None:
        name, data = file
        out += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return out, f"multipart/form-data; boundary={boundary}"


def upload(desk: Desk, dept: str, path: Path, name: str | None = None, csrf: bool = True) -> Answer:
    """Hand in ``path`` through the department's link as its form does; follows the
    redirect to the result page."""
    token = desk.tokens[dept]
    fields = {"csrf": csrf_of(get(desk, f"/u/{token}").text)} if csrf else {}
    body, ctype = multipart(fields, (name or path.name, path.read_bytes()))
    answer = request(desk, "POST", f"/u/{token}/upload", body, {"Content-Type": ctype})
    if answer.status == 303:
        target = urllib.parse.urlsplit(answer.headers["location"]).path
        return get(desk, target)
    return answer


def raw_post(desk: Desk, path: str, head: dict[str, str], chunks: Iterable[bytes]) -> int:
    """POST with the body sent from a thread while the answer is read: the status line,
    even when the server answers before the body is all sent and closes."""
    sock = socket.create_connection(desk.host_port, timeout=60)
    lines = [f"POST {path} HTTP/1.1", f"Host: {desk.host_port[0]}"]
    lines += [f"{k}: {v}" for k, v in head.items()]
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())

    def send() -> None:
        with contextlib.suppress(OSError):
            for c in chunks:
                sock.sendall(c)

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    data = b""
    with contextlib.suppress(OSError):
        while b"\r\n" not in data:
            got = sock.recv(4096)
            if not got:
                break
            data += got
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
    sender.join(timeout=10)
    return int(data.split(b" ", 2)[1])
