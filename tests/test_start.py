"""Fast start: what ``import zfxxgk`` and a one-file read load (counted, not timed)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import zfxxgk
from conftest import ROOT, sample_path

HEAVY = ("openpyxl", "xlsxwriter", "pandas", "docx", "pypdfium2", "starlette")


def loaded_after(code: str) -> set[str]:
    """The top-level packages a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    r = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    return {name.split(".")[0] for name in json.loads(r.stdout.splitlines()[-1])}


def test_import_loads_no_heavy_library() -> None:
    """``import zfxxgk`` loads none of the heavy libraries, nor any of its own modules."""
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys, zfxxgk; print(json.dumps(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    modules = json.loads(r.stdout)
    assert [m for m in modules if m.split(".")[0] in HEAVY] == []
    assert [m for m in modules if m.startswith("zfxxgk.")] == []


def test_reading_one_workbook_loads_no_heavy_library(tmp_path: Path) -> None:
    """``zfxxgk read one.xlsx --json`` needs neither openpyxl nor xlsxwriter, nor the
    machinery of parallel batches."""
    book = zfxxgk.fill(
        zfxxgk.AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes()),
        tmp_path / "one.xlsx",
    )
    loaded = loaded_after(
        "import contextlib, io\n"
        "from zfxxgk.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['read', {str(book)!r}, '--json']) == 0\n"
    )
    assert "zfxxgk" in loaded
    assert sorted(loaded & {*HEAVY, "concurrent"}) == []


@pytest.mark.parametrize("name", zfxxgk.__all__)
def test_each_public_name_is_its_modules_object(name: str) -> None:
    """``zfxxgk.X`` (imported on first use) is the very object its module defines."""
    value = getattr(zfxxgk, name)
    module = sys.modules[zfxxgk._EXPORTS[name]]
    assert value is getattr(module, name)
    assert name in dir(zfxxgk)


def test_public_names_are_one_list() -> None:
    """``__all__``, the lazy table and the imports type checkers see name the same
    things, from the same modules."""
    tree = ast.parse((ROOT / "src" / "zfxxgk" / "__init__.py").read_text(encoding="utf-8"))
    guarded = next(n for n in tree.body if isinstance(n, ast.If))
    seen = {
        alias.name: node.module
        for node in guarded.body
        if isinstance(node, ast.ImportFrom) and node.module != "typing"
        for alias in node.names
    }
    assert seen == zfxxgk._EXPORTS
    assert sorted(zfxxgk.__all__) == sorted(zfxxgk._EXPORTS)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = zfxxgk.no_such_name  # type: ignore[attr-defined]
    assert not hasattr(zfxxgk, "natual_person")


def test_model_classes_are_made_per_edition_on_first_use(tmp_path: Path) -> None:
    """A one-edition program makes only that edition's classes; a report pickled where
    they exist loads in a fresh process that has made none yet."""
    import pickle

    report = zfxxgk.AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    (tmp_path / "r.pickle").write_bytes(pickle.dumps(report))
    code = (
        "import pickle, sys\n"
        "from zfxxgk.core import model\n"
        "before = sorted(dict.keys(model.TABLE_CLASSES))\n"
        f"r = pickle.loads(open({str(tmp_path / 'r.pickle')!r}, 'rb').read())\n"
        "print(before, r.edition, r.applications.disclosed.total)\n"
        "print(sorted(m for m in sys.modules if m.startswith('zfxxgk.core.typed.tables')))\n"
        "r.applications.disclosed.natural_person = 7.0\n"
        "print(repr(r.applications.disclosed.natural_person))\n"
        "try:\n"
        "    r.applications.disclosed.natural_person = 1.5\n"
        "except ValueError as exc:\n"
        "    print(exc.code)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    lines = r.stdout.splitlines()
    assert lines[0] == f"[] 2021 {report.applications.disclosed.total}"
    assert lines[1] == "['zfxxgk.core.typed.tables2021']"  # only the edition unpickled
    assert lines[2:] == ["7", "count-not-whole"]  # converted and checked as in any report
    fresh = subprocess.run(
        [
            sys.executable,
            "-c",
            "from zfxxgk.core.model import AnnualReport, TABLE_CLASSES\n"
            "import zfxxgk.cli, zfxxgk.workbook.read\n"
            "print(sorted(dict.keys(TABLE_CLASSES)))\n"
            "AnnualReport(edition='2019')\n"
            "print(sorted(dict.keys(TABLE_CLASSES)))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert fresh.stdout.splitlines() == ["[]", "['2019']"]
