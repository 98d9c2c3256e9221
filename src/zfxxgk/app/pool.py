"""Many files at once over worker processes: results in input order, as they are ready.

Each file is handled on its own by a function that never raises (a failure is a record
holding the error, :mod:`zfxxgk.app.records`), so a file that cannot be read never stops
the batch, and memory stays bounded however many files there are.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from zfxxgk.app.progress import Progress
from zfxxgk.app.records import FileRecord
from zfxxgk.errors import printable

if TYPE_CHECKING:
    import multiprocessing
    from multiprocessing.connection import Connection


def run(func: Callable[[str], FileRecord], files: list[str], jobs: int = 1) -> Iterator[FileRecord]:
    """``func`` applied to each file, in input order, over ``jobs`` processes.

    ``func`` must be a module-level function or a picklable object (it crosses
    processes) that never raises: it turns a failure into a record holding the error.
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
    func: Callable[[str], FileRecord], files: list[str], jobs: int, size: int
) -> Iterator[FileRecord]:
    """A small process pool: a pipe per worker, chunks handed out as workers finish,
    results yielded in input order. It has no threads and no shared locks, so however
    it is left (Ctrl-C, the consumer stopping) its workers are killed at once and
    nothing waits for them (a blocked worker hung the standard pools)."""
    import multiprocessing  # only for a parallel batch (a fast start)
    from multiprocessing.connection import wait as connection_wait

    ctx: Any = multiprocessing.get_context(start_method())  # typeshed: BaseContext
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    workers: dict[Connection, multiprocessing.process.BaseProcess] = {}
    busy: dict[Connection, int] = {}
    done: dict[int, list[FileRecord]] = {}
    handed = 0
    yielded = 0

    def start() -> Connection:
        mine: Connection
        theirs: Connection
        mine, theirs = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(func, theirs, os.getpid()), daemon=True)
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


#: Environment variable naming the workers' start method (``spawn``, ``forkserver``,
#: ``fork``); unset, the platform's default (``spawn`` on Windows and macOS).
START_METHOD = "ZFXXGK_START_METHOD"


def start_method() -> str | None:
    """The start method of the pool's workers: the environment's choice, if this platform
    has it, else the platform's default. Workers need nothing inherited by ``fork``: every
    worker function and its arguments are picklable, as ``spawn`` (Windows) requires."""
    import multiprocessing

    wanted = os.environ.get(START_METHOD)
    return wanted if wanted in multiprocessing.get_all_start_methods() else None


def _busy_conn(ready: object) -> Connection:
    from multiprocessing.connection import Connection

    assert isinstance(ready, Connection)
    return ready


def _serve(func: Callable[[str], FileRecord], conn: Connection, parent: int) -> None:
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


def _died(file: str) -> FileRecord:
    message = printable(f"{file}: the worker process died")
    return FileRecord(file=file, error={"type": "internal", "message": message})
