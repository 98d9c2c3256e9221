"""Errors of the core are data: every raise names a catalogue code, never two sentences.

An ``ast`` scan of ``src/zfxxgk/core`` finds every call of a :class:`ZfxxgkError` subclass
(raised or returned to be raised) and fails where it passes text instead of a code; every
code the core raises is an error kind of the catalogue.
"""

from __future__ import annotations

import ast
import functools
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

import zfxxgk.errors as errors_module
from zfxxgk.errors import ZfxxgkError
from zfxxgk.notes import NOTE_KINDS

CORE = Path(errors_module.__file__).parent / "core"

#: The error classes by name, and whether their constructor takes sentences (zh, en).
ERROR_CLASSES: dict[str, type[ZfxxgkError]] = {
    name: cls
    for name, cls in vars(errors_module).items()
    if isinstance(cls, type) and issubclass(cls, ZfxxgkError)
}


def _takes_text(cls: type[ZfxxgkError]) -> bool:
    return "zh" in inspect.signature(cls.__init__).parameters


@functools.cache
def _all_calls() -> tuple[tuple[str, ast.Call], ...]:
    found = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                found.append((f"{path.relative_to(CORE.parent)}:{node.lineno}", node))
    return tuple(found)


def _calls() -> Iterator[tuple[str, ast.Call]]:
    """Every call in the core, with its place (the files parsed once)."""
    yield from _all_calls()


def _class_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.attr if func.value.id in {"errors", "zfxxgk"} else None
    return None


def _of_code(call: ast.Call) -> str | None:
    """The code of ``SomeError.of("code", …)``, else None."""
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "of"
        and _class_name(func.value) in ERROR_CLASSES
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    ):
        return call.args[0].value
    return None


def text_raises() -> list[str]:
    """The places where an error class is called with sentences rather than a code."""
    found = []
    for where, call in _calls():
        name = _class_name(call.func)
        if name not in ERROR_CLASSES or not _takes_text(ERROR_CLASSES[name]):
            continue
        keywords = {k.arg for k in call.keywords}
        if keywords & {"code", "note"}:
            continue
        found.append(f"{where}: {name}({', '.join(ast.unparse(a)[:30] for a in call.args)})")
    return found


def used_codes() -> dict[str, str]:
    """Every literal code the core raises (``.of("…")`` and ``code="…"``), with a place."""
    codes: dict[str, str] = {}
    for where, call in _calls():
        code = _of_code(call)
        if code is not None:
            codes.setdefault(code, where)
        if _class_name(call.func) in ERROR_CLASSES:
            for k in call.keywords:
                if (
                    k.arg == "code"
                    and isinstance(k.value, ast.Constant)
                    and isinstance(k.value.value, str)
                ):
                    codes.setdefault(k.value.value, where)
    return codes


def test_the_scan_sees_the_core() -> None:
    codes = used_codes()
    assert len(codes) >= 15  # the scan finds the core's raises, not nothing
    assert "count-bool" in codes


def test_no_core_raise_passes_sentences() -> None:
    assert text_raises() == []


def test_every_core_code_is_an_error_kind() -> None:
    wrong = {
        code: where
        for code, where in used_codes().items()
        if code not in NOTE_KINDS or NOTE_KINDS[code].severity != "error"
    }
    assert wrong == {}


def test_a_year_of_no_edition_is_data() -> None:
    """The year is a parameter of its own, not the words "year 2015" put for an edition."""
    from zfxxgk.core.editions import EDITIONS, edition_for_year
    from zfxxgk.errors import UnknownEditionError

    with pytest.raises(UnknownEditionError) as info:
        edition_for_year(2015)
    assert info.value.code == "edition-year-unknown"
    assert info.value.note.params == {"year": 2015, "known": list(EDITIONS)}
    assert isinstance(info.value, ValueError)
