"""Every error the spreadsheet and workbook layers raise is a code of the catalogue.

The scan reads the source of ``zfxxgk.xlsx`` and ``zfxxgk.workbook`` with :mod:`ast`: no
call of a :class:`~zfxxgk.errors.ZfxxgkError` subclass (nor of ``SafeZip.error``) may pass
finished sentences (two or more string arguments, or ``zh=``/``en=``); every code such a
call names is in the catalogue with severity ``error``. (That each call gives its code the
parameters it names is checked for all layers by ``test_error_params``; that each kind
renders, by ``test_error_messages``.)
"""

from __future__ import annotations

import ast
import importlib
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

import zfxxgk
from badfiles import fuzz_cases
from errorscan import is_text
from zfxxgk.errorkinds import ERROR_KINDS
from zfxxgk.errorkinds import workbook as kinds_workbook
from zfxxgk.errorkinds import xlsx as kinds_xlsx
from zfxxgk.errors import InputFileError, LayoutError, WorkbookFormatError, ZfxxgkError
from zfxxgk.notes import NOTE_KINDS
from zfxxgk.workbook.read import read
from zfxxgk.workbook.template import template_path
from zfxxgk.xlsx.bounds import check_for_openpyxl
from zfxxgk.xlsx.cells import read_sheets
from zfxxgk.xlsx.files import check_input
from zfxxgk.xlsx.safezip import SafeZip
from zfxxgk.xlsx.xmltext import part_bytes

SRC = Path(zfxxgk.__file__).parent
PACKAGES = ("xlsx", "workbook")
#: Functions that build an error of catalogue code (``SafeZip.error``, a module's
#: ``_error(code, file, **params)``).
ERROR_METHODS = {"error", "_error"}


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


def _error_calls(module_name: str, path: Path) -> list[tuple[int, ast.Call]]:
    """The calls in ``path`` that build an error: (line, call)."""
    module = importlib.import_module(module_name)
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            builds = _is_error_class(module, func.id) or func.id in ERROR_METHODS
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
    texts = [ast.unparse(a) for a in call.args if is_text(a)]
    keywords = [k.arg for k in call.keywords if k.arg in ("zh", "en")]
    return texts + [f"{k}=" for k in keywords] if len(texts) >= 2 or keywords else []


def test_no_error_passes_finished_sentences() -> None:
    prose = {where: _sentences(call) for where, call in CALLS if _sentences(call)}
    assert prose == {}


def _codes(call: ast.Call) -> list[str]:
    """The catalogue codes a call names: ``X.of("code")``, ``z.error("code")``, ``code=``."""
    codes = []
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in ({"of"} | ERROR_METHODS) and call.args:
        first = call.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            codes.append(first.value)
    for k in call.keywords:
        if k.arg == "code" and isinstance(k.value, ast.Constant):
            codes.append(str(k.value.value))
    return codes


@pytest.mark.parametrize("where", [w for w, c in CALLS if _codes(c)])
def test_every_code_raised_is_an_error_of_the_catalogue(where: str) -> None:
    call = dict(CALLS)[where]
    for code in _codes(call):
        assert code in NOTE_KINDS, code
        assert NOTE_KINDS[code].severity == "error", code


LAYER_KINDS = [*kinds_xlsx.KINDS, *kinds_workbook.KINDS]


def test_the_codes_of_these_layers_are_errors_said_once() -> None:
    """No code is defined twice (a later definition would replace the earlier silently)."""
    codes = [k.code for k in ERROR_KINDS]
    assert len(codes) == len(set(codes))
    for kind in LAYER_KINDS:
        assert NOTE_KINDS[kind.code] is kind and kind.severity == "error"


def test_one_message_is_one_code_wherever_it_is_raised(tmp_path: Path) -> None:
    """A pipe refused by the input check and by the zip reader; a part that is no text
    refused by the zip reader and by the XML reader: the same code each time."""
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(InputFileError) as checked:
        check_input(fifo)
    with pytest.raises(WorkbookFormatError) as opened:
        SafeZip(fifo)
    assert checked.value.code == opened.value.code == "input-not-regular"
    path = tmp_path / "odd.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.xml", b"\xff\xfe\x00")  # UTF-16 by its mark, but cut in a character
        zf.writestr("b.xml", b"\x80\x80\x80")  # neither UTF-8 nor UTF-16
    with SafeZip(path) as z:
        errors = []
        for read_part in (lambda: part_bytes(z, "a.xml"), lambda: z.text("b.xml")):
            with pytest.raises(WorkbookFormatError) as info:
                read_part()
            errors.append(info.value)
    assert [e.code for e in errors] == ["part-not-utf8"] * 2
    assert [e.note.params for e in errors] == [{"part": "a.xml"}, {"part": "b.xml"}]


def test_a_workbook_without_the_tables_names_its_sheets(tmp_path: Path) -> None:
    """The sheets found are a parameter of the layout error, not text added to it."""
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first.title = "工资表"
    wb.create_sheet("名单")
    path = tmp_path / "other.xlsx"
    wb.save(path)
    with pytest.raises(LayoutError) as info:
        read(path)
    assert info.value.note.params["sheets"] == ["工资表", "名单"]
    assert info.value.file == str(path) and "名单" in info.value.zh and "名单" in info.value.en


def test_every_refusal_of_a_damaged_workbook_is_a_catalogue_error(tmp_path: Path) -> None:
    """Damaged and hostile packages (the fuzz corpus of the hostile-file tests, made from
    our template): the spreadsheet reader and the bounds check return or refuse, and each
    refusal is an error of the catalogue, never a finished sentence."""
    make = fuzz_cases(template_path("2021"), 40, seed=20)
    seen: set[str] = set()
    for i in range(40):
        path = make(i, tmp_path)
        for func in (read_sheets, check_for_openpyxl):
            try:
                func(path)
            except ZfxxgkError as exc:
                assert exc.code != "error-text" and NOTE_KINDS[exc.code].severity == "error"
                assert str(path) in str(exc), exc
                seen.add(exc.code)
        path.unlink()
    assert len(seen) >= 3, seen  # the corpus reaches several refusals
