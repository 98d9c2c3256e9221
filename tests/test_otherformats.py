""".xls and .ods through python-calamine in a helper process: damaged files, Rust panics,
aborts, hangs and zip bombs get our one-line error, never a traceback or a crash."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from badfiles import FUZZ_CASES, lying_size, members, mutate_bytes, returns_or_refuses, rezip
from zfxxgk import read
from zfxxgk.errors import WorkbookFormatError
from zfxxgk.xlsx import calamine as otherformats

CORPUS = Path(__file__).parent / "data" / "corpus"
DAMAGED = Path(__file__).parent / "data" / "damaged"


def test_a_file_that_aborts_calamine_costs_only_itself(tmp_path: Path) -> None:
    """A damaged .xls on which calamine asks for 171 GB and aborts its process: the file
    gets our error naming it; the next .xls is read by a fresh helper; a batch over both
    (two processes) goes on."""
    bad = DAMAGED / "calamine-abort.xls"
    with pytest.raises(WorkbookFormatError) as info:
        read(bad)
    assert str(bad) in str(info.value) and " | " in str(info.value)
    assert read(CORPUS / "lo-hongze.xls").agency == "淮安市洪泽区人民政府"
    folder = tmp_path / "in"
    folder.mkdir()
    for i, src in enumerate([CORPUS / "lo-hongze.xls", bad, CORPUS / "lo-pingtan.xls"] * 2):
        (folder / f"{i}-{src.name}").write_bytes(src.read_bytes())
    r = subprocess.run(
        [sys.executable, "-m", "zfxxgk", "read", str(folder), "--jsonl", "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert ["error" in x for x in lines] == [False, True, False] * 2
    assert r.returncode == 2 and "Traceback" not in r.stderr and "panicked" not in r.stderr


def test_a_hanging_helper_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper that does not answer within the timeout is killed and the file named."""
    ready_then_hang = (
        f"import sys, time; sys.stdout.buffer.write({otherformats.READY!r}); "
        "sys.stdout.flush(); time.sleep(60)"
    )
    monkeypatch.setattr(otherformats, "HELPER_COMMAND", [sys.executable, "-c", ready_then_hang])
    monkeypatch.setattr(otherformats, "TIMEOUT", 0.5)
    helper = otherformats._Helper()
    start = time.perf_counter()
    with pytest.raises(otherformats.HelperDied, match="still reading"):
        helper.read(CORPUS / "lo-hongze.xls")
    assert time.perf_counter() - start < 10 and helper.proc is None


def test_without_processes_calamine_runs_in_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Where no helper can be started, the file is still read (and a panic still caught)."""

    def no_processes(*args: object, **kwargs: object) -> None:
        raise PermissionError("no processes in this sandbox")

    monkeypatch.setattr(otherformats.subprocess, "Popen", no_processes)
    monkeypatch.setattr(otherformats, "_HELPER_PROCESS", otherformats._Helper())
    assert read(CORPUS / "lo-hongze.xls").agency == "淮安市洪泽区人民政府"
    truncated = tmp_path / "cut.xls"
    truncated.write_bytes((CORPUS / "lo-hongze.xls").read_bytes()[:32256])
    with pytest.raises(WorkbookFormatError):
        otherformats.read_other(truncated, "xls")


@pytest.mark.parametrize(
    "command",
    [
        "print('an application server, not our helper')",
        "import time; time.sleep(60)",
    ],
)
def test_a_program_that_is_not_our_helper(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where sys.executable runs something else (an application server's binary), the
    helper never says it is ready: the file is read in process instead."""
    monkeypatch.setattr(otherformats, "HELPER_COMMAND", [sys.executable, "-c", command])
    monkeypatch.setattr(otherformats, "STARTUP_TIMEOUT", 1.0)
    monkeypatch.setattr(otherformats, "_HELPER_PROCESS", otherformats._Helper())
    started: list[object] = []
    popen = otherformats.subprocess.Popen

    def counting_popen(*args: Any, **kwargs: Any) -> Any:
        started.append(args)
        return popen(*args, **kwargs)

    monkeypatch.setattr(otherformats.subprocess, "Popen", counting_popen)
    assert read(CORPUS / "lo-hongze.xls").agency == "淮安市洪泽区人民政府"
    assert len(started) == 1
    assert read(CORPUS / "lo-pingtan.xls").agency == "平潭综合实验区"
    assert len(started) == 1  # not tried again for the next file


def test_a_truncated_xls_on_the_command_line(tmp_path: Path) -> None:
    """An .xls cut short (at 32256 bytes calamine 0.37 panics): exit 2, one line."""
    data = (CORPUS / "lo-hongze.xls").read_bytes()
    for n in (32256, len(data) // 2, 4096):
        path = tmp_path / f"cut-{n}.xls"
        path.write_bytes(data[:n])
        r = subprocess.run(
            [sys.executable, "-m", "zfxxgk", "read", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "RUST_BACKTRACE": "1"},
        )
        assert r.returncode == 2, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "panicked" not in r.stderr and str(path) in r.stderr


def test_ods_members_are_bounded_before_calamine_reads_them(tmp_path: Path) -> None:
    """An .ods whose directory understates content.xml, or whose content.xml has a DTD,
    is refused before calamine inflates or parses it."""
    src = CORPUS / "lo-hongze.ods"
    lying = lying_size(src, tmp_path / "lying.ods", "content.xml")
    with pytest.raises(WorkbookFormatError) as info:
        read(lying)
    assert info.value.code == "part-corrupt" and info.value.note.params["part"] == "content.xml"
    parts = members(src)
    parts["content.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + parts["content.xml"][38:]
    )
    with pytest.raises(WorkbookFormatError) as info:
        read(rezip(parts, tmp_path / "dtd.ods"))
    assert info.value.code == "part-forbidden-xml"


@pytest.mark.parametrize("name", ["lo-hongze.xls", "lo-pingtan.ods"])
def test_fuzzed_xls_and_ods_return_or_raise_ours(name: str, tmp_path: Path) -> None:
    """Random byte mutations of .xls and .ods: a report or a ZfxxgkError, quickly."""
    data = (CORPUS / name).read_bytes()
    rng = random.Random(f"20261126-{name}")
    for i in range(max(20, FUZZ_CASES // 3)):
        path = tmp_path / f"fuzz-{i}{Path(name).suffix}"
        path.write_bytes(mutate_bytes(data, rng))
        returns_or_refuses(read, path, i)
