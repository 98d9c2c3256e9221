"""Errors are data at the edge (issue 20, item 1): no raise in ``published/``, ``app/``,
``cli/`` or ``desk/`` passes two finished sentences to a ``ZfxxgkError`` subclass, and
every catalogue code those layers name exists with severity ``error``.

Read from the source with :mod:`ast` (nothing is imported or run): the error classes are
``ZfxxgkError`` and every class of ``src/zfxxgk`` that derives from one of them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from errorscan import ERRORS, SRC, TREES
from errorscan import called_name as _name
from errorscan import is_text as _is_text
from zfxxgk.errors import OutputError, ZfxxgkError
from zfxxgk.notes import NOTE_KINDS

LAYERS = ("published", "app", "cli", "desk")


def _in_layers() -> list[tuple[Path, ast.Module]]:
    return [(SRC / p, t) for p, t in TREES.items() if p.split("/")[0] in LAYERS]


def test_the_scan_sees_the_layers_and_their_error_classes() -> None:
    """The scan is not vacuous: it reads the four layers and knows their own errors."""
    layers = {p.relative_to(SRC).parts[0] for p, _ in _in_layers()}
    assert layers == set(LAYERS)
    assert {"SourceError", "BoundError", "DeskError", "UsageError", "AggregateError"} <= ERRORS


def test_no_error_is_made_of_finished_sentences() -> None:
    """No call of an error class passes positional text (the old ``(zh, en)``) nor the
    ``zh=``/``en=`` keywords: the sentences are the catalogue's."""
    found = []
    for path, tree in _in_layers():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node.func) in ERRORS):
                continue
            texts = [a for a in node.args if _is_text(a) or isinstance(a, ast.Attribute)]
            words = [k.arg for k in node.keywords if k.arg in ("zh", "en")]
            if len(node.args) >= 2 or texts or words:
                found.append(f"{path.relative_to(SRC)}:{node.lineno} {_name(node.func)}")
    assert not found, found


def _codes() -> list[tuple[str, str]]:
    """Each ``X.of("code", …)`` of an error class in the layers, with where it is."""
    out = []
    for path, tree in _in_layers():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "of"
                and _name(node.func.value) in ERRORS
            ):
                where = f"{path.relative_to(SRC)}:{node.lineno}"
                out += [(code, where) for code in _literals(tree, node.args[0], where)]
    return out


def _literals(tree: ast.Module, node: ast.expr, where: str) -> list[str]:
    """The codes an ``.of`` names: a literal, or the values of a module's table of codes
    (``_CODES[key]``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    assert isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name), where
    table = node.value.id
    for stmt in tree.body:
        target: ast.expr | None = stmt.target if isinstance(stmt, ast.AnnAssign) else None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
        value = getattr(stmt, "value", None)
        if isinstance(target, ast.Name) and target.id == table and isinstance(value, ast.Dict):
            codes = [v.value for v in value.values if isinstance(v, ast.Constant)]
            assert len(codes) == len(value.values) and codes, where
            return [str(c) for c in codes]
    raise AssertionError(f"{where}: the code is neither a literal nor a table of codes")


CODES = _codes()


def test_the_layers_raise_catalogue_errors() -> None:
    assert len(CODES) > 40


@pytest.mark.parametrize(("code", "where"), CODES, ids=[f"{c}@{w}" for c, w in CODES])
def test_every_code_is_an_error_of_the_catalogue(code: str, where: str) -> None:
    assert code in NOTE_KINDS, where
    assert NOTE_KINDS[code].severity == "error", where
    assert code != "error-text", where


def test_an_error_renders_its_place_and_both_languages_from_the_code() -> None:
    exc = OutputError.of("output-suffix", file="out.txt", allowed=[".csv", ".xlsx"])
    assert exc.code == "output-suffix" and exc.note.params == {"allowed": [".csv", ".xlsx"]}
    assert str(exc).startswith("out.txt: ") and " | " in str(exc)
    assert isinstance(exc, OSError) and isinstance(exc, ZfxxgkError)


def test_the_desk_names_a_stopped_reader_by_the_clerks_label(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A reader that crashed on an upload: the desk's line is the catalogue's
    ``desk-reader-stopped``, naming the file as the clerk knows it."""
    pytest.importorskip("starlette")
    from zfxxgk.desk import examine
    from zfxxgk.desk.store import DeskError
    from zfxxgk.xlsx.helper import HelperDied

    def died(*args: object) -> object:
        raise HelperDied("exit status -9")

    examiner = examine.Examiner(1)
    monkeypatch.setattr(examiner, "call", died)
    answer = examiner.examine(tmp_path / "stored.xlsx", "乙局.xlsx")
    said = DeskError.of("desk-reader-stopped", file="乙局.xlsx", why="exit status -9")
    assert answer == {"status": "unreadable", "message": str(said)}
    assert examiner.annotate(tmp_path / "a", tmp_path / "b") == str(
        DeskError.of("desk-reader-stopped", why="exit status -9")
    )


def test_each_error_code_is_said_once() -> None:
    """No two layers' catalogues define one code (the later would silently win)."""
    from zfxxgk.errorkinds import ERROR_KINDS

    codes = [k.code for k in ERROR_KINDS]
    assert sorted(c for c in set(codes) if codes.count(c) > 1) == []
    assert all(NOTE_KINDS[c] in ERROR_KINDS for c in codes)
