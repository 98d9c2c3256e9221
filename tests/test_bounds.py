"""Bounds on the work a published document can ask for, not only on its bytes (issue 18,
§4–5): lines, rows, cells in a row, tags and label rows, each inside the 20 MiB limit.

Each input is generated, written once per session, and read in a child process under an
address-space cap, so that a reader without the bound fails here (MemoryError, or minutes
of work) instead of taking the test run down. The child reports the bound it hit, its CPU
seconds and its peak memory.
"""

from __future__ import annotations

import itertools
import json
import resource
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from conftest import ROOT
from zfxxgk.core.editions import EDITIONS

CAP = 1536 * 1024 * 1024  #: address space of the child
SECONDS = 60  #: wall-clock limit of the child (a bound reader needs a few seconds)
TITLE = "某局2024年政府信息公开工作年度报告\n"

CHILD = """
import json, resource, sys, time
from pathlib import Path
from zfxxgk.published.source import BoundError
from zfxxgk import parse
out = {"bound": None}
try:
    parse(sys.argv[1])
except BoundError as exc:
    out["bound"] = exc.bound
except Exception as exc:  # noqa: BLE001
    out["error"] = type(exc).__name__
use = resource.getrusage(resource.RUSAGE_SELF)
out["cpu"] = use.ru_utime + use.ru_stime
out["peak_mb"] = use.ru_maxrss / 1024
print(json.dumps(out))
"""


def _labels() -> list[str]:
    return [r.label for e in EDITIONS.values() for t in e.tables for b in t.blocks for r in b.rows]


def _label_text(limit: int) -> str:
    out, size = [TITLE], len(TITLE.encode())
    for label in itertools.cycle(_labels()):
        line = label + "\n"
        size += len(line.encode())
        if size > limit:
            return "".join(out)
        out.append(line)
    raise AssertionError


def _docx(path: Path, paragraphs: int) -> None:
    body = "".join(
        f"<w:p><w:r><w:t>{escape(label)}</w:t></w:r></w:p>"
        for label in itertools.islice(itertools.cycle(_labels()), paragraphs)
    )
    doc = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
        '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        f"<w:p><w:r><w:t>{TITLE.strip()}</w:t></w:r></w:p>{body}</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", doc)


#: name → (how to write it, the bound it must hit)
CASES = {
    "lines.txt": (lambda p: p.write_text(TITLE + "\n" * 10_000_000), "lines"),
    "rows.md": (lambda p: p.write_text(TITLE + "|a|\n" * 4_900_000), "lines"),
    "tabs.txt": (lambda p: p.write_text(TITLE + "\t" * 19_000_000), "cells"),
    "paragraphs.html": (lambda p: p.write_text("<html><body>" + "<p>" * 5_000_000), "tags"),
    "labels.txt": (lambda p: p.write_text(_label_text(19_800_000)), "lines"),
    "labels.docx": (lambda p: _docx(p, 300_000), "rows"),
}


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def run_capped(path: Path) -> dict[str, object]:
    """Parse ``path`` in a child under the caps; what it reports."""
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        timeout=SECONDS,
        preexec_fn=_limit,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()[-500:]
    result: dict[str, object] = json.loads(proc.stdout)
    return result


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bounds")
    for name, (write, _) in CASES.items():
        write(folder / name)
        assert (folder / name).stat().st_size < 20 * 1024 * 1024
    return folder


@pytest.mark.parametrize("name", sorted(CASES))
def test_work_is_bounded_and_the_bound_named(name: str, inputs: Path) -> None:
    """Refused with the bound named, in seconds and well under the memory cap."""
    result = run_capped(inputs / name)
    assert result["bound"] == CASES[name][1], result
    assert float(str(result["cpu"])) < 20
    assert float(str(result["peak_mb"])) < 800


def test_many_label_rows_within_the_bounds_cost_linear_work(tmp_path: Path) -> None:
    """99,000 label lines (under every bound) are read, in linear work: each distinct
    label text is scored once against each label, and no fuzzy search scans the whole
    document for a header."""
    path = tmp_path / "labels.txt"
    path.write_text(TITLE + "\n".join(itertools.islice(itertools.cycle(_labels()), 99_000)))
    result = run_capped(path)
    assert result["bound"] is None and result.get("error") in (None, "LayoutError"), result
    assert float(str(result["cpu"])) < 20
    assert float(str(result["peak_mb"])) < 800
