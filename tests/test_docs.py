"""The documentation site: its generated pages match the code, and it builds strictly."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_reference", DOCS / "gen_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_reference_pages_are_current() -> None:
    """Edit the data, then run `python docs/gen_reference.py`: the site never drifts."""
    pages = _generator().generate()
    assert set(pages) == {"fields.md", "rules.md", "notes.md"}
    for name, text in pages.items():
        committed = (DOCS / "reference" / name).read_text(encoding="utf-8")
        assert committed == text, f"docs/reference/{name} is stale: run docs/gen_reference.py"


def test_field_reference_names_every_field_and_its_cell() -> None:
    from zfxxgk.core.editions import EDITIONS
    from zfxxgk.core.grid import all_fields

    text = (DOCS / "reference" / "fields.md").read_text(encoding="utf-8")
    for edition in EDITIONS.values():
        cells = all_fields(edition)
        for field in edition.field_list:
            assert f"`{'.'.join(field.path)}`" in text
            if field.path in cells:
                sheet, span = cells[field.path]
                assert f"'{sheet}'!{span.ref()}" in text


def test_site_builds_strictly(tmp_path: Path) -> None:
    if importlib.util.find_spec("mkdocs") is None:
        if os.environ.get("CI"):
            pytest.fail("mkdocs is required in CI (the test extra installs it)")
        pytest.skip("mkdocs is not installed")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    api = (tmp_path / "site" / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    assert "with_totals" in api  # mkdocstrings rendered the model's docstrings
    rules = (tmp_path / "site" / "reference" / "rules" / "index.html").read_text(encoding="utf-8")
    assert "R3-COL-BALANCE" in rules
