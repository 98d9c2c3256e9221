"""Every error the spreadsheet and workbook layers raise is a code of the catalogue.

The scan reads the source of ``zfxxgk.xlsx`` and ``zfxxgk.workbook`` with :mod:`ast`: no
call of a :class:`~zfxxgk.errors.ZfxxgkError` subclass (nor of ``SafeZip.error``) may pass
finished sentences (two or more string arguments, or ``zh=``/``en=``); every code such a
call names is in the catalogue with severity ``error``.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import zfxxgk
from zfxxgk.errors import ZfxxgkError
from zfxxgk.notes import NOTE_KINDS

SRC = Path(zfxxgk.__file__).parent
PACKAGES = ("xlsx", "workbook")
#: Methods that build an error of the place they know (``SafeZip.error``).
ERROR_METHODS = {"error"}


def _modules() -> list[tuple[str, Path]]:
    return [
        (f"zfxxgk.{pkg}.{path.stem}", path)
        for pkg in PACKAGES
        for path in sorted((SRC / pkg).glob("*.py"))
        if path.stem != "__init__"
    ]


def _is_error_class(module: object, name: str) -> bool:
    value = getattr(module, name, None)
    return isinstance(value, type) and issubclass(value, ZfxxgkError)


def _texty(node: ast.expr) -> bool:
    """A string written at the call: a literal, an f-string, or one made of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _texty(node.left) or _texty(node.right)
    return False


def _error_calls(module_name: str, path: Path) -> list[tuple[int, ast.Call]]:
    """The calls in ``path`` that build an error: (line, call)."""
    module = importlib.import_module(module_name)
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            builds = _is_error_class(module, func.id)
        elif isinstance(func, ast.Attribute):
            builds = func.attr in ERROR_METHODS or (
                func.attr == "of"
                and isinstance(func.value, ast.Name)
                and _is_error_class(module, func.value.id)
            )
        else:
            builds = False
        if builds:
            out.append((node.lineno, node))
    return out


CALLS = [
    (f"{name}:{line}", call) for name, path in _modules() for line, call in _error_calls(name, path)
]


def test_the_scan_sees_the_raise_sites() -> None:
    assert len(CALLS) > 40


def _sentences(call: ast.Call) -> list[str]:
    texts = [ast.unparse(a) for a in call.args if _texty(a)]
    keywords = [k.arg for k in call.keywords if k.arg in ("zh", "en")]
    return texts + [f"{k}=" for k in keywords] if len(texts) >= 2 or keywords else []


def test_no_error_passes_finished_sentences() -> None:
    prose = {where: _sentences(call) for where, call in CALLS if _sentences(call)}
    assert prose == {}


def _codes(call: ast.Call) -> list[str]:
    """The catalogue codes a call names: ``X.of("code")``, ``z.error("code")``, ``code=``."""
    codes = []
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in ({"of"} | ERROR_METHODS) and call.args:
        first = call.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            codes.append(first.value)
    for k in call.keywords:
        if k.arg == "code" and isinstance(k.value, ast.Constant):
            codes.append(k.value.value)
    return codes


@pytest.mark.parametrize("where", [w for w, c in CALLS if _codes(c)])
def test_every_code_raised_is_an_error_of_the_catalogue(where: str) -> None:
    call = dict(CALLS)[where]
    for code in _codes(call):
        assert code in NOTE_KINDS, code
        assert NOTE_KINDS[code].severity == "error", code
