"""What Windows does differently, tried here: workers started by ``spawn`` (no fork) and a
helper process without the ``resource`` module (limits then by timeout only)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import zfxxgk
from zfxxgk.app.batch import START_METHOD, start_method

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "samples"


def _zfxxgk(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zfxxgk", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
        env={**os.environ, **env},
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch")
    for sample in sorted(SAMPLES.glob("*.json")):
        report = zfxxgk.AnnualReport.from_json(sample.read_bytes())
        zfxxgk.fill(report, out / f"{sample.stem}.xlsx")
    (out / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    return out


def test_start_method_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(START_METHOD, "spawn")
    assert start_method() == "spawn"
    monkeypatch.setenv(START_METHOD, "no-such-method")
    assert start_method() is None
    monkeypatch.delenv(START_METHOD)
    assert start_method() is None


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--jobs", "2", "--csv"],
        ["read", "--jobs", "2", "--jsonl"],
        ["aggregate", "--jobs", "2", "--skip-unreadable", "-o", "sum.json"],
    ],
    ids=["check", "read", "aggregate"],
)
def test_a_spawned_pool_gives_what_a_forked_one_does(
    folder: Path, tmp_path: Path, command: list[str]
) -> None:
    """Every worker function and its arguments cross to a spawned process (Windows)."""
    args = [*command[:1], str(folder), *command[1:]]
    (tmp_path / "fork").mkdir()
    (tmp_path / "spawn").mkdir()
    forked = _zfxxgk(args, {START_METHOD: "fork"}, tmp_path / "fork")
    spawned = _zfxxgk(args, {START_METHOD: "spawn"}, tmp_path / "spawn")
    assert spawned.returncode == forked.returncode, spawned.stderr
    assert spawned.stdout == forked.stdout
    if command[0] == "aggregate":
        forked_sum = (tmp_path / "fork" / "sum.json").read_text(encoding="utf-8")
        assert (tmp_path / "spawn" / "sum.json").read_text(encoding="utf-8") == forked_sum
        assert '"applications"' in forked_sum
    else:
        assert spawned.stdout.strip()


def test_the_helper_runs_without_the_resource_module(tmp_path: Path) -> None:
    """No ``resource`` (Windows): the .xls/.ods helper still reads, bounded by its timeout."""
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "resource.py").write_text('raise ImportError("no resource here (Windows)")\n')
    ods = ROOT / "tests" / "data" / "corpus" / "lo-hongze.ods"
    env = {"PYTHONPATH": os.pathsep.join([str(shim), os.environ.get("PYTHONPATH", "")])}
    done = _zfxxgk(["read", str(ods), "--json"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert '"agency": "淮安市洪泽区人民政府"' in done.stdout
