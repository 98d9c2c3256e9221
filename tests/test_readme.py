"""What the README says is what happens: its Python tour runs, its commands exist."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def test_the_python_tour_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ```python block of the README, run as written (its asserts included)."""
    shutil.copytree(ROOT / "tests" / "data" / "samples", tmp_path / "tests" / "data" / "samples")
    monkeypatch.chdir(tmp_path)
    blocks = _blocks("python")
    assert blocks
    namespace: dict[str, object] = {"__name__": "readme"}
    for code in blocks:  # one namespace, as a reader runs them one after the other
        exec(compile(code, "README.md", "exec"), namespace)
    assert (tmp_path / "report.xlsx").exists()


def _commands() -> list[list[str]]:
    out = []
    for block in _blocks("sh"):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line.startswith("zfxxgk "):
                out.append(shlex.split(line.split("|", 1)[0].split(">", 1)[0]))
    return out


def test_readme_commands_use_real_subcommands_and_options() -> None:
    """Each `zfxxgk SUB --option` in the README is one the CLI's help lists."""
    commands = _commands()
    assert len(commands) > 20
    helps: dict[tuple[str, ...], str] = {}
    for argv in commands:
        words = [w for w in argv[1:] if not w.startswith("-")]
        sub = tuple(words[:2]) if words[:1] == ["desk"] else tuple(words[:1])
        if sub not in helps:
            done = subprocess.run(
                [sys.executable, "-m", "zfxxgk", *sub, "--help"],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert done.returncode == 0, (sub, done.stderr)
            helps[sub] = done.stdout
        for option in (w.split("=", 1)[0] for w in argv if w.startswith("--")):
            whole = rf"(?<![\w-]){re.escape(option)}(?![\w-])"  # --skip is not --skip-unreadable
            lacks = f"README uses {' '.join(sub)} {option}, which --help lacks"
            assert re.search(whole, helps[sub]), lacks


def test_readme_names_every_exit_code() -> None:
    exit_line = next(line for line in README.splitlines() if line.startswith("退出码"))
    for code in ("0", "1", "2", "3", "130"):
        assert re.search(rf"(?<!\d){code}(?!\d)", exit_line), code


def test_readme_points_only_to_paths_that_exist() -> None:
    for path in re.findall(r"`((?:src|docs|tests|examples|benchmarks)/[^`\s]+)`", README):
        assert (ROOT / path.rstrip("/")).exists(), path


def test_the_error_codes_the_readme_names_are_in_the_catalogue() -> None:
    """The README's examples of error codes are codes zfxxgk raises (severity "error")."""
    from zfxxgk.notes import NOTE_KINDS

    text = (ROOT / "README.md").read_text("utf-8")
    start = text.index("**错误也是数据")
    paragraph = text[start : text.index("\n\n", start)]
    codes = re.findall(r"`([a-z]+(?:-[a-z]+)+)`", paragraph)
    assert len(codes) >= 10
    for code in codes:
        assert code in NOTE_KINDS and NOTE_KINDS[code].severity == "error", code
