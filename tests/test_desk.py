"""The office's desk over HTTP: the links, the limits, the forms, the office's page and
its downloads, many departments at once, and a crash that loses nothing acknowledged."""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import zfxxgk
from badfiles import make_cases
from conftest import DATA, ROOT, run_cli
from desk_support import (
    Desk,
    csrf_of,
    get,
    make_desk,
    make_workbooks,
    multipart,
    raw_post,
    request,
    serving,
    upload,
    variant,
)
from zfxxgk.desk.guard import MAX_UPLOAD, Throttle
from zfxxgk.desk.store import PASSWORD_FILE

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

CORPUS = DATA / "corpus"
MANY = 50
NAMES = ["发展改革局", "教育局", "财政局", "审计局", *(f"单位{i:02d}" for i in range(MANY))]


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return make_workbooks(tmp_path_factory.mktemp("desk-books"))


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Last year's folder: 教育局's 2023 workbook."""
    from conftest import SAMPLES

    folder = tmp_path_factory.mktemp("desk-last-year")
    report = zfxxgk.AnnualReport.from_json((SAMPLES / "2023-shuyang-drc.json").read_text())
    report.agency = "教育局"
    zfxxgk.fill(report, folder / "教育局-2023.xlsx")
    return folder


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, previous: Path):  # type: ignore[no-untyped-def]
    folder, tokens = make_desk(tmp_path_factory.mktemp("desk") / "ws", NAMES)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Throttle, "FIRST", 0.01)  # the growth itself: test_failures_slow_down
        with serving(folder, tokens, previous=str(previous), workers=2) as served:
            yield served


def _login(desk: Desk) -> str:
    """Log the office in; returns its Cookie header."""
    page = get(desk, "/office")
    nonce = page.cookie("desk_login").split(";")[0]
    body = f"csrf={csrf_of(page.text)}&password={desk.password}".encode()
    answer = request(
        desk,
        "POST",
        "/office/login",
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": nonce},
    )
    assert answer.status == 303 and "failed" not in answer.headers["location"]
    session = answer.cookie("desk_session")
    assert "HttpOnly" in session and "samesite=strict" in session.lower()
    return session.split(";")[0]


# ------------------------------------------------------------------ the commands


def test_init_prints_links_and_keeps_the_password_to_its_owner(tmp_path: Path) -> None:
    names = tmp_path / "单位.txt"
    names.write_text("发展改革局\n\n教育局\n发展改革局\n", encoding="utf-8")
    folder = tmp_path / "desk"
    done = run_cli("desk", "init", str(folder), "--year", "2025", "--agencies", str(names))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("utf-8-sig").splitlines()
    assert lines[0] == "单位,上传链接"
    rows = dict(line.split(",") for line in lines[1:])
    assert list(rows) == ["发展改革局", "教育局"]
    tokens = [link.removeprefix("/u/") for link in rows.values()]
    assert all(link.startswith("/u/") for link in rows.values())
    assert len(set(tokens)) == 2 and all(len(t) >= 22 for t in tokens)
    mode = stat.S_IMODE((folder / PASSWORD_FILE).stat().st_mode)
    assert mode == 0o600
    password = (folder / PASSWORD_FILE).read_text().strip()
    assert len(password) >= 16 and password.encode() not in (folder / "desk.sqlite").read_bytes()
    again = run_cli("desk", "init", str(folder), "--year", "2025", "--agencies", str(names))
    assert again.returncode == 2 and b"Traceback" not in again.stderr
    added = run_cli("desk", "add", str(folder), "财政局")
    assert added.returncode == 0
    assert added.stdout.decode("utf-8-sig").splitlines()[1].startswith("财政局,/u/")
    assert run_cli("desk", "add", str(folder), "财政局").returncode == 2
    assert run_cli("desk", "serve", str(tmp_path / "nothing")).returncode == 2
    early = ("desk", "init", str(tmp_path / "d2"), "--year", "1990", "--agencies", str(names))
    assert run_cli(*early).returncode == 2 and not (tmp_path / "d2").exists()
    missing = run_cli("desk", "serve", str(folder), "--previous", str(tmp_path / "none"))
    assert missing.returncode == 2 and b"--previous" in missing.stderr


# ------------------------------------------------------------------ the links


def test_wrong_or_another_departments_token_is_404(desk: Desk, books) -> None:  # type: ignore[no-untyped-def]
    assert get(desk, "/u/" + "A" * 22).status == 404
    assert get(desk, "/u/" + "A" * 22 + "/template").status == 404
    body, ctype = multipart({}, ("x.xlsx", b"PK"))
    wrong = request(desk, "POST", "/u/nothing/upload", body, {"Content-Type": ctype})
    assert wrong.status == 404
    page = upload(desk, "发展改革局", books.good)
    assert page.status == 200
    mine = desk.ws.uploads(desk.ws.department_by_token(desk.tokens["发展改革局"])["id"])[0]["id"]
    other = desk.tokens["财政局"]
    assert get(desk, f"/u/{other}/r/{mine}").status == 404
    assert get(desk, f"/u/{other}/r/{mine}/annotated").status == 404
    assert get(desk, f"/u/{desk.tokens['发展改革局']}/r/{mine}").status == 200
    assert "发展改革局" not in get(desk, f"/u/{other}").text  # only its own uploads


def test_form_without_its_csrf_token_is_403(desk: Desk, books) -> None:  # type: ignore[no-untyped-def]
    before = desk.uploads()
    assert upload(desk, "财政局", books.good, csrf=False).status == 403
    other_form = csrf_of(get(desk, f"/u/{desk.tokens['教育局']}").text)
    body, ctype = multipart({"csrf": other_form}, ("a.xlsx", books.good.read_bytes()))
    token = desk.tokens["财政局"]
    answer = request(desk, "POST", f"/u/{token}/upload", body, {"Content-Type": ctype})
    assert answer.status == 403
    assert desk.uploads() == before
    cookie = _login(desk)
    closing = request(
        desk,
        "POST",
        "/office/close",
        b"csrf=wrong",
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    assert closing.status == 403
    assert desk.ws.settings()["closed"] == "0"


def test_an_upload_over_20_mib_is_413_and_nothing_is_stored(desk: Desk) -> None:
    token = desk.tokens["财政局"]
    csrf = csrf_of(get(desk, f"/u/{token}").text)
    big = b"\0" * (21 * 1024 * 1024)
    body, ctype = multipart({"csrf": csrf}, ("big.xlsx", big))
    before = (desk.uploads(), sorted(os.listdir(desk.folder / "files")))
    path = f"/u/{token}/upload"
    # announced: refused on the header, before any of the body is read
    said = {"Content-Type": ctype, "Content-Length": str(len(body))}
    assert (
        raw_post(desk, path, said, [body[i : i + 65536] for i in range(0, len(body), 65536)]) == 413
    )
    # not announced (chunked): refused once the count passes the limit
    chunks = [
        b"%x\r\n%s\r\n" % (len(c), c)
        for c in (body[i : i + 65536] for i in range(0, len(body), 65536))
    ]
    sent = {"Content-Type": ctype, "Transfer-Encoding": "chunked"}
    assert raw_post(desk, path, sent, [*chunks, b"0\r\n\r\n"]) == 413
    # just under the limit of the body but a file over 20 MiB: refused too
    assert len(big) > MAX_UPLOAD
    assert (desk.uploads(), sorted(os.listdir(desk.folder / "files"))) == before
    assert not list((desk.folder / "incoming").iterdir())
    assert get(desk, f"/u/{token}").status == 200


def test_hostile_files_get_the_error_on_the_page_and_the_server_goes_on(
    desk: Desk,
    books,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    cases = make_cases(books.good, tmp_path / "bad")
    token = desk.tokens["财政局"]
    for name, (path, _cls, _fragment) in cases.items():
        page = upload(desk, "财政局", path, name=name)
        assert page.status == 200, name
        assert "无法读取" in page.text, name
        assert "Traceback" not in page.text
        assert get(desk, f"/u/{token}").status == 200
    latest = desk.ws.latest()[desk.ws.department_by_token(token)["id"]]
    assert latest["status"] == "unreadable" and str(desk.folder) not in latest["message"]
    assert "通过" in upload(desk, "财政局", books.good).text


def test_a_request_name_never_touches_the_file_system(desk: Desk, books) -> None:  # type: ignore[no-untyped-def]
    name = "../../../escape<script>alert(1).xlsx"
    page = upload(desk, "财政局", books.good, name=name)
    assert page.status == 200
    assert "<script>" not in page.text
    assert "escape&lt;script&gt;alert(1).xlsx" in page.text  # its own name, shown as text
    assert not (desk.folder.parent.parent / "escape<script>alert(1).xlsx").exists()
    sha = hashlib.sha256(books.good.read_bytes()).hexdigest()
    assert sorted(os.listdir(desk.folder / "files")) == sorted(
        f"{u['sha256']}{u['suffix']}" for u in _all_uploads(desk)
    )
    assert (desk.folder / "files" / f"{sha}.xlsx").is_file()
    wrong = upload(desk, "财政局", books.good, name="report.exe")
    assert wrong.status == 400


def _all_uploads(desk: Desk) -> list[sqlite3.Row]:
    with desk.ws.connect() as db:
        return list(db.execute("SELECT DISTINCT sha256, suffix FROM uploads"))


@pytest.mark.parametrize("name", ["lo-hongze.xls", "lo-hongze.ods"])
def test_xls_and_ods_are_read_too(desk: Desk, name: str) -> None:
    page = upload(desk, "审计局", CORPUS / name)
    assert page.status == 200 and "无法读取" not in page.text
    assert "校验结果：" in page.text


def test_fifty_departments_at_once_are_all_stored_and_checked(
    desk: Desk,
    books,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    names = [n for n in NAMES if n.startswith("单位")]
    files = {n: variant(books.good, tmp_path / f"{n}.xlsx", i) for i, n in enumerate(names)}
    before = desk.uploads()
    with concurrent.futures.ThreadPoolExecutor(MANY) as pool:
        pages = list(pool.map(lambda n: upload(desk, n, files[n]), names))
    assert [p.status for p in pages] == [200] * MANY
    assert all("通过" in p.text for p in pages)
    assert desk.uploads() == before + MANY
    latest = desk.ws.latest()
    for n in names:
        u = latest[desk.ws.department_by_token(desk.tokens[n])["id"]]
        assert u["status"] == "ok"
        assert u["sha256"] == hashlib.sha256(files[n].read_bytes()).hexdigest()
        stored = desk.ws.stored_path(u["sha256"], ".xlsx")
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == u["sha256"]


def test_the_same_bytes_again_are_named_as_such(desk: Desk, books) -> None:  # type: ignore[no-untyped-def]
    first = upload(desk, "教育局", books.bad)
    assert "有错误" in first.text and "完全相同" not in first.text
    again = upload(desk, "教育局", books.bad, name="again.xlsx")
    assert "完全相同" in again.text and "有错误" in again.text


def test_the_office_logs_in_with_a_strict_cookie_and_sees_every_state(
    desk: Desk,
    books,  # type: ignore[no-untyped-def]
) -> None:
    assert get(desk, "/office/summary.xlsx").status == 403
    assert get(desk, "/office/check.csv").status == 403
    login = get(desk, "/office")
    assert "密码" in login.text
    nonce = login.cookie("desk_login")
    assert "HttpOnly" in nonce and "samesite=strict" in nonce.lower()
    wrong = request(
        desk,
        "POST",
        "/office/login",
        f"csrf={csrf_of(login.text)}&password=wrong".encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": nonce.split(";")[0]},
    )
    assert wrong.status == 303 and "failed=1" in wrong.headers["location"]
    assert "set-cookie" not in wrong.headers
    upload(desk, "教育局", books.bad)
    upload(desk, "发展改革局", books.good)
    cookie = _login(desk)
    page = get(desk, "/office", cookie)
    assert page.status == 200
    for state in ("通过", "有错误（2）", "未提交"):
        assert state in page.text
    csv = get(desk, "/office/check.csv", cookie)
    assert csv.status == 200 and csv.body.startswith("\ufeff".encode())
    assert "教育局/" in csv.text and "R3-ROW-TOTAL" in csv.text
    events = {(r["event"], r["address"]) for r in desk.ws.audit_lines()}
    assert {
        ("login", "127.0.0.1"),
        ("login-failed", "127.0.0.1"),
        ("upload", "127.0.0.1"),
    } <= events
    assert all(r["sha256"] for r in desk.ws.audit_lines() if r["event"] == "upload")
    edu = desk.ws.department_by_token(desk.tokens["教育局"])["id"]
    history = get(desk, f"/office/d/{edu}", cookie)
    assert history.status == 200 and "sha256" in history.text
    assert get(desk, f"/office/d/{edu}").status == 403  # not without the session
    theirs = desk.ws.uploads(edu)[0]
    original = get(desk, f"/office/d/{edu}/r/{theirs['id']}/file", cookie)
    assert original.status == 200 and original.body == books.bad.read_bytes()
    assert get(desk, f"/office/d/{edu + 1}/r/{theirs['id']}/file", cookie).status == 404


def test_the_same_file_from_two_departments_is_flagged(desk: Desk, books, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = variant(books.good, tmp_path / "shared.xlsx", 999)
    upload(desk, "单位00", copy)
    upload(desk, "单位01", copy)
    page = get(desk, "/office", _login(desk))
    assert "与单位01提交的文件完全相同" in page.text
    assert "与单位00提交的文件完全相同" in page.text


def test_comparison_with_last_years_folder(desk: Desk, books) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    upload(desk, "教育局", books.other)
    answer = get(desk, "/office/compare.xlsx", _login(desk))
    assert answer.status == 200
    out = desk.folder.parent / "compare.xlsx"
    out.write_bytes(answer.body)
    cells = [c for row in load_workbook(out).worksheets[0].iter_rows(values_only=True) for c in row]
    assert "教育局" in cells


def test_comparison_with_last_years_desk(tmp_path: Path, books, previous: Path) -> None:  # type: ignore[no-untyped-def]
    from zfxxgk.desk import _task
    from zfxxgk.desk.outputs import comparison_workbook, previous_reports
    from zfxxgk.desk.store import Workspace

    def examine(path: Path, label: str) -> dict[str, object]:
        return _task.examine(str(path), label)  # in process: the files are our own

    last, _ = Workspace.create(tmp_path / "last", 2023)
    last.add_department("教育局")
    (source,) = previous.iterdir()
    values = {**examine(source, source.name), "department_id": 1, "time": "2024-01-10"}
    values.update(name=source.name, sha256="0" * 64, suffix=".xlsx", size=1)
    last.record_upload(values, "127.0.0.1")
    reports = previous_reports(tmp_path / "last", examine)
    assert [(r.agency, r.year) for _, r in reports] == [("教育局", 2023)]
    this, _ = Workspace.create(tmp_path / "this", 2024)
    this.add_department("教育局")
    values = {**examine(books.other, "other.xlsx"), "department_id": 1, "time": "2025-01-10"}
    values.update(name="other.xlsx", sha256="1" * 64, suffix=".xlsx", size=1)
    this.record_upload(values, "127.0.0.1")
    out = tmp_path / "compare.xlsx"
    out.write_bytes(comparison_workbook(this, reports))
    from openpyxl import load_workbook

    cells = [c for row in load_workbook(out).worksheets[0].iter_rows(values_only=True) for c in row]
    assert "教育局" in cells and 2023 in cells and 2024 in cells


def test_a_closed_collection_refuses_uploads(desk: Desk, books) -> None:  # type: ignore[no-untyped-def]
    cookie = _login(desk)
    csrf = csrf_of(get(desk, "/office", cookie).text)
    form_token = csrf_of(get(desk, f"/u/{desk.tokens['财政局']}").text)
    form = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    assert request(desk, "POST", "/office/close", f"csrf={csrf}".encode(), form).status == 303
    try:
        before = desk.uploads()
        page = get(desk, f"/u/{desk.tokens['财政局']}")
        assert "收集已截止" in page.text and 'type="file"' not in page.text
        body, ctype = multipart({"csrf": form_token}, ("a.xlsx", books.good.read_bytes()))
        token = desk.tokens["财政局"]
        refused = request(desk, "POST", f"/u/{token}/upload", body, {"Content-Type": ctype})
        assert refused.status == 403 and desk.uploads() == before
    finally:
        assert request(desk, "POST", "/office/open", f"csrf={csrf}".encode(), form).status == 303
    assert desk.ws.settings()["closed"] == "0"


# ------------------------------------------------------------------ the guards


def test_failures_slow_down() -> None:
    throttle = Throttle()
    delays = [throttle.fail("10.0.0.1") for _ in range(16)]
    assert delays[0] == Throttle.FIRST > 0 and delays[1] == 2 * delays[0]
    assert delays == sorted(delays) and delays[-1] == Throttle.MOST
    assert throttle.fail("10.0.0.2") == Throttle.FIRST


def test_a_helper_that_runs_out_of_time_costs_that_file_only(
    books,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from zfxxgk.desk import examine

    examiner = examine.Examiner(1)
    try:
        monkeypatch.setattr(examine, "TIMEOUT", 0.001)
        answer = examiner.examine(books.good, "good.xlsx")
        assert answer["status"] == "unreadable" and "good.xlsx" in answer["message"]
        monkeypatch.setattr(examine, "TIMEOUT", 60.0)
        assert examiner.examine(books.good, "good.xlsx")["status"] == "ok"
    finally:
        examiner.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_crash_loses_nothing_acknowledged(tmp_path: Path, books) -> None:  # type: ignore[no-untyped-def]
    folder, tokens = make_desk(tmp_path / "ws", ["发展改革局"])
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "zfxxgk", "desk", "serve", str(folder), "--port", str(port)]
    log = (tmp_path / "access.log").open("wb")
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        desk = Desk(folder, f"http://127.0.0.1:{port}", tokens, "")
        deadline = time.monotonic() + 30
        while True:
            try:
                get(desk, "/")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.1)
        page = upload(desk, "发展改革局", books.bad)
        assert page.status == 200
    finally:
        server.send_signal(signal.SIGKILL)  # no shutdown at all
        server.wait()
        log.close()
    # the access log names the upload, but never a department's key (its link)
    logged = (tmp_path / "access.log").read_text("utf-8")
    token = tokens["发展改革局"]
    assert f"POST /u/{token[:4]}…/upload " in logged, logged
    assert token not in logged
    with sqlite3.connect(folder / "desk.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ((status, sha),) = db.execute("SELECT status, sha256 FROM uploads").fetchall()
        assert db.execute("SELECT COUNT(*) FROM audit WHERE event = 'upload'").fetchone()[0] == 1
    assert status == "errors"
    assert (folder / "files" / f"{sha}.xlsx").read_bytes() == books.bad.read_bytes()
