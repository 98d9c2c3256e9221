"""The office's desk under load: D departments hand in their workbooks at the same time.

A desk is made for D departments and served by ``zfxxgk desk serve`` (a process of its
own, on the loopback address only); D client threads then each upload a different
workbook (every fourth one with a wrong total) through their department's link, all
released at once, for R rounds. Every upload's time (from sending the form to the
acknowledged answer: stored, read and checked in a helper process, recorded) is measured;
the mean, median, 95th percentile and maximum are printed, and the workspace is checked:
every upload stored (file bytes by hash) and checked (the expected state), none lost.

Usage: python benchmarks/bench_desk.py [D] [R]   (default 50 departments, 3 rounds)
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import zfxxgk
from zfxxgk.desk.store import Workspace

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "tests" / "data" / "samples" / "2024-hongze-district.json"


def workbooks(folder: Path, n: int, rnd: int) -> list[Path]:
    """n different workbooks: a zip comment makes each one's bytes its own."""
    report = zfxxgk.AnnualReport.from_json(SAMPLE.read_text(encoding="utf-8"))
    good = Path(zfxxgk.fill(report, folder / "good.xlsx"))
    wrong = report.copy()
    path = ("applications", "new_received", "total")
    wrong.set(path, int(report.get(path) or 0) + 7)  # type: ignore[call-overload]
    bad = Path(zfxxgk.fill(wrong, folder / "bad.xlsx"))
    out = []
    for i in range(n):
        f = folder / f"r{rnd}-{i:03d}.xlsx"
        f.write_bytes((bad if i % 4 == 3 else good).read_bytes())
        with zipfile.ZipFile(f, "a") as zf:
            zf.comment = f"round {rnd} department {i}".encode()
        out.append(f)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def hand_in(port: int, token: str, file: Path) -> tuple[float, int]:
    """Open the department's page, then post the form: (seconds of the post, status)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("GET", f"/u/{token}")
    page = conn.getresponse().read().decode()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no form on the page"
    boundary = secrets.token_hex(12)
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'
            f"{found.group(1)}\r\n"
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file.name}"'
            "\r\nContent-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + file.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    start = time.perf_counter()
    conn.request("POST", f"/u/{token}/upload", body=body, headers=headers)
    answer = conn.getresponse()
    answer.read()
    seconds = time.perf_counter() - start
    conn.close()
    return seconds, answer.status


def one_round(
    port: int, tokens: list[str], files: list[Path]
) -> tuple[float, list[tuple[float, int]]]:
    """Every department hands in its file, all released at once: the round's wall time
    and each upload's (seconds, status)."""
    results: list[tuple[float, int]] = [(0.0, 0)] * len(files)
    go = threading.Barrier(len(files) + 1)

    def client(i: int) -> None:
        go.wait()
        results[i] = hand_in(port, tokens[i], files[i])

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(files))]
    for t in threads:
        t.start()
    done = threading.Event()
    watcher = threading.Thread(target=watch, args=(port, tokens[0], done))
    start = time.perf_counter()
    go.wait()
    watcher.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    done.set()
    watcher.join()
    return wall, results


#: Seconds a department's page took to answer while the uploads ran.
PAGE_TIMES: list[float] = []


def watch(port: int, token: str, done: threading.Event) -> None:
    """Open a department's page every 0.2 s while a round runs (bounded by the round)."""
    while not done.wait(0.2):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        start = time.perf_counter()
        conn.request("GET", f"/u/{token}")
        answer = conn.getresponse()
        answer.read()
        assert answer.status == 200
        PAGE_TIMES.append(time.perf_counter() - start)
        conn.close()


def main() -> None:
    departments = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "desk"
        ws, _ = Workspace.create(folder, 2024)
        tokens = [ws.add_department(f"单位{i:03d}") for i in range(departments)]
        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
        server = subprocess.Popen(
            [sys.executable, "-m", "zfxxgk", "desk", "serve", str(folder), "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(300):  # bounded wait for the server to listen
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            times: list[float] = []
            walls: list[float] = []
            expected: dict[str, str] = {}
            for rnd in range(rounds):
                files = workbooks(Path(tmp), departments, rnd)
                for i, f in enumerate(files):
                    sha = hashlib.sha256(f.read_bytes()).hexdigest()
                    expected[sha] = "errors" if i % 4 == 3 else "ok"
                wall, results = one_round(port, tokens, files)
                walls.append(wall)
                assert all(status == 303 for _, status in results), results
                times += [s for s, _ in results]
        finally:
            server.terminate()
            server.wait(timeout=60)
        with ws.connect() as db:
            rows = db.execute("SELECT sha256, status FROM uploads").fetchall()
        stored = {r["sha256"]: r["status"] for r in rows}
        assert len(rows) == departments * rounds, f"{len(rows)} uploads recorded"
        assert stored == expected, "an upload was lost or checked wrongly"
        for sha in stored:
            assert (folder / "files" / f"{sha}.xlsx").is_file()
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    print(
        json.dumps(
            {
                "departments": departments,
                "rounds": rounds,
                "uploads": len(times),
                "lost": 0,
                "cores": len(os.sched_getaffinity(0)),
                "mean_s": round(statistics.mean(times), 3),
                "median_s": round(statistics.median(times), 3),
                "p95_s": round(p95, 3),
                "max_s": round(times[-1], 3),
                "round_wall_s": [round(w, 2) for w in walls],
                "uploads_per_s": round(len(times) / sum(walls), 1),
                "page_while_loaded_median_s": round(statistics.median(PAGE_TIMES), 3),
                "page_while_loaded_max_s": round(max(PAGE_TIMES), 3),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
