"""The code stays ruff- and mypy-clean (both come with the test extras)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT


def _tool(name: str) -> list[str]:
    if importlib.util.find_spec(name) is None:
        pytest.skip(f"{name} is not installed")
    return [sys.executable, "-m", name]


def test_ruff() -> None:
    """ruff finds nothing in the package, tests, examples and benchmarks."""
    r = subprocess.run(
        [*_tool("ruff"), "check", "src", "tests", "examples", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_ruff_format() -> None:
    """The code is laid out as ruff formats it (package, tests, examples, benchmarks)."""
    r = subprocess.run(
        [*_tool("ruff"), "format", "--check", "src", "tests", "examples", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy() -> None:
    """mypy --strict passes on the package (it ships py.typed)."""
    r = subprocess.run([*_tool("mypy")], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr


def test_layers() -> None:
    """The packages keep their layers (cli > app > workbook | published > core > xlsx >
    errors) and no circle: import-linter's contracts in pyproject.toml hold."""
    if importlib.util.find_spec("importlinter") is None:
        pytest.skip("import-linter is not installed")
    code = "from importlinter.cli import lint_imports_command as c; c()"
    r = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout
