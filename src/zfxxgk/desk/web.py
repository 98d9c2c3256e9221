"""The desk as a web application (Starlette, served by uvicorn).

Departments: ``/u/<token>`` (their page), ``…/template``, ``…/upload``, ``…/r/<id>`` (one
upload's result) and ``…/r/<id>/annotated``. The office: ``/office`` (login, then every
department's state), ``/office/d/<id>`` (a department's history), the downloads
``/office/summary.xlsx``, ``/office/check.csv``, ``/office/compare.xlsx``, and closing.

Nothing that arrives is trusted: a body over 20 MiB is refused (413) before it is read,
by its Content-Length and by counting as it streams; files are stored under their hash
and read in helper processes with limits; every form carries a CSRF token; wrong links
and passwords are answered more slowly each time; every upload and login is audited.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import secrets
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from zfxxgk.desk import pages
from zfxxgk.desk.examine import Examiner
from zfxxgk.desk.guard import MAX_BODY, MAX_UPLOAD, Throttle, TooLarge, counted, csrf_ok, csrf_token
from zfxxgk.desk.store import SUFFIXES, UNREADABLE, Workspace, password_matches

SESSION_COOKIE = "desk_session"
LOGIN_COOKIE = "desk_login"
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'unsafe-inline'; "
        b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),  # a department's link never leaves in a Referer
    (b"cache-control", b"no-store"),
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]


class Desk:
    """The application's state: the workspace, the helper pool, the throttle."""

    def __init__(self, folder: str | os.PathLike[str], previous: str | None, workers: int) -> None:
        self.ws = Workspace(folder).check()
        settings = self.ws.settings()
        self.year = int(settings["year"])
        self.secret = settings["secret"]
        self.previous = Path(previous) if previous else None
        self.examiner = Examiner(workers)
        self.throttle = Throttle()
        self.incoming = self.ws.folder / "incoming"
        self.incoming.mkdir(exist_ok=True)
        for stale in self.incoming.glob("*.part"):  # of uploads cut short: never acknowledged
            stale.unlink(missing_ok=True)
        from zfxxgk.core.editions import edition_for_year

        self.edition = edition_for_year(self.year)

    # ----------------------------------------------------------------- helpers

    def closed(self) -> bool:
        return self.ws.settings().get("closed") == "1"

    async def refuse(self, request: Request) -> None:
        """A wrong link or id: 404, later each time this address fails."""
        await asyncio.sleep(self.throttle.fail(_address(request)))
        raise HTTPException(404)

    async def department(self, request: Request) -> Any:
        token = request.path_params["token"]
        dept = await run_in_threadpool(self.ws.department_by_token, token)
        if dept is None:
            await run_in_threadpool(self.ws.audit, "bad-link", None, None, _address(request))
            await self.refuse(request)
        return dept

    async def own_upload(self, request: Request, department_id: int) -> Any:
        upload = await run_in_threadpool(
            self.ws.upload, request.path_params["upload"], department_id
        )
        if upload is None:
            raise HTTPException(404)
        return upload

    def session(self, request: Request) -> str | None:
        token = request.cookies.get(SESSION_COOKIE)
        if token and self.ws.session_valid(token):
            return token
        return None

    # --------------------------------------------------------------- departments

    async def department_page(self, request: Request) -> Response:
        dept = await self.department(request)
        return await run_in_threadpool(self._department_page, dept, None)

    async def department_upload(self, request: Request) -> Response:
        dept = await self.department(request)
        upload = await self.own_upload(request, dept["id"])
        return await run_in_threadpool(self._department_page, dept, upload)

    def _department_page(self, dept: Any, shown: Any) -> Response:
        uploads = self.ws.uploads(dept["id"])
        if shown is None and uploads:
            shown = uploads[0]
        same = self.ws.upload(shown["same_as"]) if shown is not None and shown["same_as"] else None
        body = pages.department_page(
            dept,
            self.year,
            self.edition.id,
            uploads,
            shown,
            same,
            csrf_token(self.secret, f"u:{dept['token']}"),
            self.closed(),
            f"/u/{dept['token']}",
        )
        return HTMLResponse(body)

    async def template(self, request: Request) -> Response:
        await self.department(request)
        from zfxxgk.workbook.template import template_filename, template_path

        path = await run_in_threadpool(template_path, self.edition)
        return FileResponse(path, filename=template_filename(self.edition))

    async def annotated(self, request: Request) -> Response:
        dept = await self.department(request)
        upload = await self.own_upload(request, dept["id"])
        if upload["status"] == UNREADABLE:
            raise HTTPException(404)
        suffix = ".xlsm" if upload["suffix"] == ".xlsm" else ".xlsx"
        out = self.ws.cache / f"{upload['sha256']}{upload['suffix']}.annotated{suffix}"
        if not out.exists():
            source = self.ws.stored_path(upload["sha256"], upload["suffix"])
            error = await run_in_threadpool(self.examiner.annotate, source, out)
            if error:
                return _page(pages.message_page("无法生成标注副本", error), 500)
        stem = Path(upload["name"]).stem or "工作簿"
        return FileResponse(out, filename=f"标注-{stem}{suffix}")

    async def upload(self, request: Request) -> Response:
        dept = await self.department(request)
        back = f"/u/{dept['token']}"
        if await run_in_threadpool(self.closed):
            return _page(pages.message_page("收集已截止", "收集已截止，不再接收上传。", back), 403)
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return _too_large(back)
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            return _page(pages.message_page("上传有误", "请用页面上的表单上传文件。", back), 400)
        parser = MultiPartParser(
            request.headers,
            counted(request.stream()),
            max_files=1,
            max_fields=4,
            max_part_size=4096,
        )
        try:
            form = await parser.parse()
        except TooLarge:
            return _too_large(back)
        except MultiPartException:
            return _page(pages.message_page("上传有误", "表单内容无法识别。", back), 400)
        try:
            if not csrf_ok(self.secret, f"u:{dept['token']}", form.get("csrf")):
                return _page(pages.message_page("表单已失效", "请刷新页面后重新上传。", back), 403)
            file = form.get("file")
            if not isinstance(file, UploadFile) or not file.filename:
                return _page(pages.message_page("上传有误", "没有选择文件。", back), 400)
            name = " ".join(file.filename.replace("\\", "/").split("/")[-1].split())[:200]
            suffix = Path(name).suffix.lower()
            if suffix not in SUFFIXES:
                return _page(
                    pages.message_page(
                        "文件类型不对", "只接受 .xlsx、.xlsm、.xls、.ods 工作簿。", back
                    ),
                    400,
                )
            taken = await run_in_threadpool(self._take, file)
        finally:
            await form.close()
        if taken is None:
            return _too_large(back)
        temp, sha, size = taken
        upload_id = await run_in_threadpool(
            self._accept, dept, temp, sha, size, name, suffix, _address(request)
        )
        return RedirectResponse(f"{back}/r/{upload_id}", status_code=303)

    def _take(self, file: UploadFile) -> tuple[Path, str, int] | None:
        """The upload copied into the workspace (a random name), hashed and counted;
        None when it is over the limit (nothing kept)."""
        temp = self.incoming / f"{secrets.token_hex(16)}.part"
        digest, size = hashlib.sha256(), 0
        src = file.file
        src.seek(0)
        try:
            with open(temp, "xb") as out:
                for block in iter(lambda: src.read(1 << 20), b""):
                    size += len(block)
                    if size > MAX_UPLOAD:
                        raise TooLarge
                    digest.update(block)
                    out.write(block)
        except BaseException:
            temp.unlink(missing_ok=True)
            if size > MAX_UPLOAD:
                return None
            raise
        return temp, digest.hexdigest(), size

    def _accept(
        self, dept: Any, temp: Path, sha: str, size: int, name: str, suffix: str, address: str
    ) -> int:
        """Store, read and check one upload, then record it (one transaction): only then
        is it acknowledged."""
        stored = self.ws.store(temp, sha, suffix)
        earlier = self.ws.same_bytes(dept["id"], sha)
        values: dict[str, Any] = {
            "department_id": dept["id"],
            "name": name,
            "sha256": sha,
            "suffix": suffix,
            "size": size,
        }
        if earlier is not None and earlier["suffix"] == suffix and earlier["status"] != UNREADABLE:
            keys = ("status", "errors", "warnings", "message", "page", "record", "report")
            values.update({k: earlier[k] for k in (*keys, "agency", "year", "edition")})
        else:
            answer = self.examiner.examine(stored, name)
            values.update(answer)
            values.setdefault("record", "{}")
        from zfxxgk.desk.store import now

        values["time"] = now()
        values["same_as"] = earlier["id"] if earlier is not None else None
        for key, default in (("page", ""), ("errors", 0), ("warnings", 0), ("message", "")):
            values.setdefault(key, default)
        return self.ws.record_upload(values, address)

    # -------------------------------------------------------------------- office

    async def office(self, request: Request) -> Response:
        session = await run_in_threadpool(self.session, request)
        if session is None:
            nonce = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
            failed = request.query_params.get("failed") == "1"
            response = _page(pages.login_page(csrf_token(self.secret, f"l:{nonce}"), failed))
            _cookie(response, request, LOGIN_COOKIE, nonce, 3600)
            return response
        return await run_in_threadpool(self._office_page, session)

    def _office_page(self, session: str) -> Response:
        depts = self.ws.departments()
        latest = self.ws.latest()
        counts = self.ws.counts()
        by_hash: dict[str, list[str]] = {}
        for d in depts:
            u = latest.get(d["id"])
            if u is not None:
                by_hash.setdefault(u["sha256"], []).append(d["name"])
        rows = []
        tally: dict[str, int] = {"未提交": 0, "有错误": 0, "有警告": 0, "通过": 0}
        for d in depts:
            u = latest.get(d["id"])
            notes = []
            if u is not None:
                others = [n for n in by_hash[u["sha256"]] if n != d["name"]]
                if others:
                    notes.append(f"与{'、'.join(others)}提交的文件完全相同")
                if u["agency"] and u["agency"] != d["name"]:
                    notes.append(f"工作簿中的单位名称：{u['agency']}")
                if u["year"] is not None and u["year"] != self.year:
                    notes.append(f"工作簿的年度：{u['year']}")
            _, text = pages.state_text(u)
            key = text.split("（")[0]
            tally[key] = tally.get(key, 0) + 1
            rows.append((d, u, counts.get(d["id"], 0), notes))
        body = pages.office_page(
            self.year,
            rows,
            csrf_token(self.secret, f"s:{session}"),
            self.closed(),
            self.previous is not None,
            tally,
        )
        return HTMLResponse(body)

    async def login(self, request: Request) -> Response:
        form = await _small_form(request)
        nonce = request.cookies.get(LOGIN_COOKIE) or ""
        address = _address(request)
        if not nonce or not csrf_ok(self.secret, f"l:{nonce}", form.get("csrf")):
            return _page(pages.message_page("表单已失效", "请刷新页面后重新登录。", "/office"), 403)
        password = form.get("password")
        stored = (await run_in_threadpool(self.ws.settings))["password"]
        good = isinstance(password, str) and await run_in_threadpool(
            password_matches, password, stored
        )
        if not good:
            await run_in_threadpool(self.ws.audit, "login-failed", None, None, address)
            await asyncio.sleep(self.throttle.fail(address))
            return RedirectResponse("/office?failed=1", status_code=303)
        await run_in_threadpool(self.ws.audit, "login", None, None, address)
        session = await run_in_threadpool(self.ws.new_session)
        response = RedirectResponse("/office", status_code=303)
        _cookie(response, request, SESSION_COOKIE, session, 8 * 3600)
        response.delete_cookie(LOGIN_COOKIE, path="/")
        return response

    async def office_form(self, request: Request) -> str:
        """The session of a valid office form (else 403 or back to the login)."""
        session = await run_in_threadpool(self.session, request)
        form = await _small_form(request)
        if session is None or not csrf_ok(self.secret, f"s:{session}", form.get("csrf")):
            raise HTTPException(403)
        return session

    async def logout(self, request: Request) -> Response:
        session = await self.office_form(request)
        await run_in_threadpool(self.ws.end_session, session)
        response = RedirectResponse("/office", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    async def close(self, request: Request) -> Response:
        await self.office_form(request)
        await run_in_threadpool(self.ws.set_setting, "closed", "1")
        await run_in_threadpool(self.ws.audit, "close", None, None, _address(request))
        return RedirectResponse("/office", status_code=303)

    async def reopen(self, request: Request) -> Response:
        await self.office_form(request)
        await run_in_threadpool(self.ws.set_setting, "closed", "0")
        await run_in_threadpool(self.ws.audit, "open", None, None, _address(request))
        return RedirectResponse("/office", status_code=303)

    async def logged_in(self, request: Request) -> None:
        if await run_in_threadpool(self.session, request) is None:
            raise HTTPException(403)

    async def history(self, request: Request) -> Response:
        await self.logged_in(request)
        dept = await run_in_threadpool(self.ws.department, request.path_params["dept"])
        if dept is None:
            raise HTTPException(404)
        shown = None
        if "upload" in request.path_params:
            shown = await self.own_upload(request, dept["id"])
        uploads = await run_in_threadpool(self.ws.uploads, dept["id"])
        return _page(
            pages.office_history(dept, uploads, shown or (uploads[0] if uploads else None))
        )

    async def original(self, request: Request) -> Response:
        await self.logged_in(request)
        upload = await self.own_upload(request, request.path_params["dept"])
        path = self.ws.stored_path(upload["sha256"], upload["suffix"])
        return FileResponse(path, filename=upload["name"] or f"upload{upload['suffix']}")

    async def summary(self, request: Request) -> Response:
        await self.logged_in(request)
        from zfxxgk.desk.outputs import summary_workbook
        from zfxxgk.errors import ZfxxgkError

        try:
            data = await run_in_threadpool(summary_workbook, self.ws, self.year, self.edition.id)
        except ZfxxgkError as exc:
            return _page(pages.message_page("无法汇总", str(exc), "/office"), 409)
        return _download(data, f"{self.year}年度汇总.xlsx", XLSX)

    async def check_csv(self, request: Request) -> Response:
        await self.logged_in(request)
        from zfxxgk.desk.outputs import check_csv

        data = await run_in_threadpool(check_csv, self.ws)
        return _download(data, f"{self.year}年度校验结果.csv", "text/csv; charset=utf-8")

    async def compare(self, request: Request) -> Response:
        await self.logged_in(request)
        if self.previous is None:
            raise HTTPException(404)
        from zfxxgk.desk.outputs import comparison_workbook, previous_reports

        def work() -> bytes:
            assert self.previous is not None
            last = previous_reports(self.previous, self.examiner.examine)
            return comparison_workbook(self.ws, last)

        data = await run_in_threadpool(work)
        return _download(data, f"{self.year}年度与上一年度对比.xlsx", XLSX)

    async def home(self, request: Request) -> Response:
        return _page(
            pages.message_page(
                "政府信息公开年报收集",
                "各单位请使用办公室发给本单位的上传链接；办公室请进入 /office 登录。",
            )
        )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _address(request: Request) -> str:
    return request.client.host if request.client else "?"


def _page(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status)


def _too_large(back: str) -> Response:
    response = _page(
        pages.message_page("文件过大", "上传的文件超过 20 MB，未接收。", back), status=413
    )
    response.headers["connection"] = "close"
    return response


def _download(data: bytes, filename: str, media_type: str) -> Response:
    from urllib.parse import quote

    return Response(
        data,
        media_type=media_type,
        headers={"content-disposition": f"attachment; filename*=utf-8''{quote(filename)}"},
    )


def _cookie(response: Response, request: Request, name: str, value: str, age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=age,
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


async def _small_form(request: Request) -> dict[str, Any]:
    """A small urlencoded form (a login, a button), at most 16 KiB."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > 16384):
        raise HTTPException(413)
    body = b""
    try:
        async for chunk in counted(request.stream(), 16384):
            body += chunk
    except TooLarge:
        raise HTTPException(413) from None
    from urllib.parse import parse_qsl

    try:
        return dict(parse_qsl(body.decode("utf-8", "replace"), max_num_fields=8))
    except ValueError:  # too many fields
        raise HTTPException(400) from None


def _headers(app: ASGI) -> ASGI:
    """Every response gets the security headers."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await app(scope, receive, sending)

    return wrapped


def create_app(
    folder: str | os.PathLike[str], previous: str | None = None, workers: int = 0
) -> Any:
    """The ASGI application serving the desk in ``folder``."""
    desk = Desk(folder, previous, workers)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        threading.Thread(target=desk.examiner.warm, daemon=True).start()
        yield
        desk.examiner.stop()

    async def error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        text = {
            403: ("无权访问", "表单已失效或未登录，请刷新页面或重新登录。"),
            404: ("页面不存在", "链接有误，请核对办公室发给本单位的链接。"),
            405: ("请求方式有误", "请使用页面上的链接和按钮。"),
            400: ("请求有误", "提交的内容无法识别，请使用页面上的表单。"),
            413: ("内容过大", "提交的内容过大，未接收。"),
        }.get(status, ("出错了", "服务器处理时出错，请稍后重试。"))
        return _page(pages.message_page(*text), status)

    routes = [
        Route("/", desk.home),
        Route("/u/{token}", desk.department_page),
        Route("/u/{token}/template", desk.template),
        Route("/u/{token}/upload", desk.upload, methods=["POST"]),
        Route("/u/{token}/r/{upload:int}", desk.department_upload),
        Route("/u/{token}/r/{upload:int}/annotated", desk.annotated),
        Route("/office", desk.office),
        Route("/office/login", desk.login, methods=["POST"]),
        Route("/office/logout", desk.logout, methods=["POST"]),
        Route("/office/close", desk.close, methods=["POST"]),
        Route("/office/open", desk.reopen, methods=["POST"]),
        Route("/office/d/{dept:int}", desk.history),
        Route("/office/d/{dept:int}/r/{upload:int}", desk.history),
        Route("/office/d/{dept:int}/r/{upload:int}/file", desk.original),
        Route("/office/summary.xlsx", desk.summary),
        Route("/office/check.csv", desk.check_csv),
        Route("/office/compare.xlsx", desk.compare),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: error, Exception: error},
    )
    app.state.desk = desk
    return _headers(app)


def serve(folder: str, host: str, port: int, previous: str | None, workers: int) -> None:
    """Serve the desk until Ctrl-C (uvicorn)."""
    import uvicorn

    from zfxxgk.desk.accesslog import log_config

    uvicorn.run(
        create_app(folder, previous, workers),
        host=host,
        port=port,
        log_level="info",
        log_config=log_config(),
        proxy_headers=False,
        server_header=False,
        timeout_graceful_shutdown=30,
    )
