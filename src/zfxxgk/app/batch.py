"""Many files at once: expand folders, work in parallel, report progress, never stop.

Each file is handled on its own; a file that cannot be read becomes an error record and
the batch goes on. Results come back in input order, as they are ready, so memory stays
bounded however many files there are.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from zfxxgk.errors import printable

if TYPE_CHECKING:
    import multiprocessing
    from multiprocessing.connection import Connection

    from zfxxgk.app.pairing import PreviousReports

from zfxxgk.app.formats import expand as expand  # the registry's (kept importable here)


class Progress:
    """A one-line progress bar on a terminal's stderr; silent when stderr is not one."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = total > 1 and self.stream.isatty()
        self.done = 0
        self.start = time.perf_counter()
        self._last = 0.0

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        rate = self.done / max(now - self.start, 1e-9)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
            f"  {rate:.0f} 个/秒 files/s"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()


def run(
    func: Callable[[str], dict[str, Any]], files: list[str], jobs: int = 1
) -> Iterator[dict[str, Any]]:
    """``func`` applied to each file, in input order, over ``jobs`` processes.

    ``func`` must be a module-level function or a picklable object (it crosses
    processes) that never raises: it turns a failure into a record with an ``error`` key.
    """
    progress = Progress(len(files))
    try:
        if jobs <= 1 or len(files) < 2:
            for f in files:
                yield func(f)
                progress.step()
            return
        chunk = max(1, min(64, len(files) // (jobs * 8) or 1))
        for record in _pool(func, files, min(jobs, len(files)), chunk):
            yield record
            progress.step()
    finally:
        progress.close()


def _pool(
    func: Callable[[str], dict[str, Any]], files: list[str], jobs: int, size: int
) -> Iterator[dict[str, Any]]:
    """A small process pool: a pipe per worker, chunks handed out as workers finish,
    results yielded in input order. It has no threads and no shared locks, so however
    it is left (Ctrl-C, the consumer stopping) its workers are killed at once and
    nothing waits for them (a blocked worker hung the standard pools)."""
    import multiprocessing  # only for a parallel batch (a fast start)
    from multiprocessing.connection import wait as connection_wait

    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    workers: dict[Connection, multiprocessing.Process] = {}
    busy: dict[Connection, int] = {}
    done: dict[int, list[dict[str, Any]]] = {}
    handed = 0
    yielded = 0

    def start() -> Connection:
        mine, theirs = multiprocessing.Pipe()
        proc = multiprocessing.Process(target=_serve, args=(func, theirs, os.getpid()), daemon=True)
        workers[mine] = proc  # known before it runs: an interrupted start is cleaned up too
        proc.start()
        theirs.close()
        return mine

    def hand(conn: Connection) -> None:
        nonlocal handed
        if handed < len(chunks):
            conn.send((handed, chunks[handed]))
            busy[conn] = handed
            handed += 1

    try:
        for _ in range(min(jobs, len(chunks))):
            hand(start())
        while True:
            while yielded in done:
                yield from done.pop(yielded)
                yielded += 1
            if yielded >= len(chunks):
                break
            for ready in connection_wait(list(busy)):
                conn = _busy_conn(ready)
                index = busy.pop(conn)
                try:
                    _, records = conn.recv()
                except (EOFError, OSError):  # the worker died (killed, out of memory)
                    records = [_died(f) for f in chunks[index]]
                    workers.pop(conn).join(timeout=1)
                    conn.close()
                    conn = start()
                done[index] = records
                hand(conn)
        for conn in workers:
            conn.send(None)
    finally:
        for conn, proc in workers.items():
            if proc.pid is not None and proc.exitcode is None:
                proc.kill()
            conn.close()
        for proc in workers.values():
            if proc.pid is not None:
                proc.join(timeout=1)


def _busy_conn(ready: object) -> Connection:
    from multiprocessing.connection import Connection

    assert isinstance(ready, Connection)
    return ready


def _serve(func: Callable[[str], dict[str, Any]], conn: Connection, parent: int) -> None:
    """A worker: chunks in, records out, until told to stop. Ctrl-C is the main
    process's to handle (it ends the workers); a worker whose main process is gone
    ends itself (it may hold the other end of its own pipe, so no EOF would come)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        while not conn.poll(0.5):
            if os.getppid() != parent:
                return
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        index, chunk = task
        conn.send((index, [func(f) for f in chunk]))


def _died(file: str) -> dict[str, Any]:
    return {
        "file": file,
        "error": {"type": "internal", "message": printable(f"{file}: the worker process died")},
    }


# --------------------------------------------------------------------- workers


def error_record(file: str, exc: BaseException) -> dict[str, Any]:
    """The record of a file that failed: the error as data (type, message, place)."""
    from zfxxgk.errors import ZfxxgkError

    if isinstance(exc, ZfxxgkError):
        error = exc.located(file=file).to_dict()  # which file, in a batch
        error["file"] = error["file"] or file
        return {"file": file, "error": error}
    return {
        "file": file,
        "error": {"type": "internal", "message": printable(f"{file}: {type(exc).__name__}: {exc}")},
    }


def read_worker(file: str) -> dict[str, Any]:
    """``{"file", "report"}`` with the canonical report, or ``{"file", "error"}``."""
    from zfxxgk.app.load import load_report

    try:
        report = load_report(file)
        return {
            "file": file,
            "report": report.to_dict(),
            "notes": [n.to_dict() for n in report.provenance.notes] if report.provenance else [],
        }
    except Exception as exc:  # one bad file never stops the batch
        return error_record(file, exc)


class CheckWorker:
    """Checks one file with the given overrides and options (picklable for processes)."""

    def __init__(
        self,
        overrides: dict[str, Any] | None,
        include_passed: bool,
        previous: str | None = None,
        pairs: PreviousReports | None = None,
    ) -> None:
        self.overrides = overrides
        self.include_passed = include_passed
        self.previous = previous  #: one previous-year report for every file
        self.pairs = pairs  #: or last year's reports, paired by agency

    def __call__(self, file: str) -> dict[str, Any]:
        from zfxxgk.app.load import load_report
        from zfxxgk.core.check import check

        try:
            report = load_report(file)
            last, why_not = self.previous, None
            if self.pairs is not None:
                last, why_not = self.pairs.find(report)
            previous = load_report(last) if last else None
            result = check(
                report, previous=previous, rules=self.overrides, include_passed=self.include_passed
            )
            data = result.to_dict()
            data["file"] = file
            if self.previous or self.pairs is not None:
                data["previous"] = last
                if why_not:
                    data["previous_note"] = why_not
            return data
        except Exception as exc:
            record = error_record(file, exc)
            record["ok"] = False
            return record


class Tally:
    """Counts kept as records stream past: files, ok, with errors, unreadable, per rule."""

    def __init__(self) -> None:
        self.files = self.ok = self.bad = self.unreported = self.unreadable = 0
        self.paired = self.unpaired = 0
        self.per_rule: dict[str, int] = {}

    def add(self, record: dict[str, Any]) -> None:
        self.files += 1
        if record.get("previous"):
            self.paired += 1
        elif "previous_note" in record:
            self.unpaired += 1
        if "error" in record:
            self.unreadable += 1
            return
        if record.get("unreported"):
            self.unreported += 1  # 未填报: counted apart from reports with errors
        elif record.get("ok", True):
            self.ok += 1
        else:
            self.bad += 1
        for f in record.get("findings", []):
            if f.get("status") != "passed":
                self.per_rule[f["rule"]] = self.per_rule.get(f["rule"], 0) + 1

    def text(self) -> str:
        lines = [
            f"共 {self.files} 个文件：{self.ok} 个无错误，{self.bad} 个有错误，"
            f"{self.unreported} 个未填报，{self.unreadable} 个无法读取 | {self.files} files: "
            f"{self.ok} ok, {self.bad} with errors, {self.unreported} not filled in, "
            f"{self.unreadable} unreadable"
        ]
        if self.paired or self.unpaired:
            lines.append(
                f"  与上一年度报告配对 {self.paired} 个，未配对 {self.unpaired} 个 | paired with "
                f"last year's report: {self.paired}, not paired: {self.unpaired}"
            )
        for rule, n in sorted(self.per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {rule}: {n}")
        return "\n".join(lines) + "\n"


def aggregate_worker(file: str) -> dict[str, Any]:
    """Read and check one input of an aggregate; its hash identifies it in the sum."""
    from zfxxgk.app.aggregate import file_sha256
    from zfxxgk.app.load import load_report
    from zfxxgk.core.check import check

    try:
        report = load_report(file)
        result = check(report)
        return {
            "file": file,
            "report": report.to_dict(),
            "sha256": file_sha256(file),
            "ok": result.ok,
            "counts": result.counts,
        }
    except Exception as exc:
        return error_record(file, exc)


def parse_worker(file: str) -> dict[str, Any]:
    """``{"file", "kind", "ok", "report", "notes"}`` for a published report, or
    ``{"file", "error"}``."""
    from zfxxgk.app.distributed import parse_record

    return parse_record(file)
