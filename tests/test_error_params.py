"""Every raise of a catalogue error gives its code the parameters its message names.

A template field a raise does not give is a ``KeyError`` when the error fires: a traceback
exactly where the user needed a message. A parameter the template does not name (a typo)
is dropped silently. An :mod:`ast` scan of all of ``src/zfxxgk`` finds every call that
builds a note of a catalogue code — ``SomeError.of("code", …)``, ``SafeZip.error``, a
module's ``_error`` helper, the value errors' ``code=``, ``Note("code", params=…)`` and
``make_finding`` — follows codes chosen from a module's table of codes (``_CODES[key]``,
``f"too-many-{name}"``, ``a if … else b``), and checks, for each code:

- the template fields (``str.format`` fields of its Chinese and English text) ⊆ given;
- given ⊆ template fields ∪ clause parameters ∪ the fields of those clauses;
- a clause given has the fields its own text names.

Sites that pass parameters the scan cannot read (``**params``) are listed in
:data:`DYNAMIC` and built at run time below.
"""

from __future__ import annotations

import ast
import re
import string

from errorscan import ERRORS, TREES
from errorscan import called_name as _name
from zfxxgk.notes import NOTE_KINDS, Note, NoteKind

PLACE = {"file", "sheet", "cell"}
#: The value errors add these parameters themselves (``ReportValueError(field, value)``).
VALUE_ERRORS = {"ReportValueError", "ReportTypeError", "CellValueError"}
#: A module's ``_error(…)`` helper: the position of its code, and what it adds itself.
HELPERS = {
    "xlsx/files.py": (0, set()),
    "xlsx/atomic.py": (0, set()),
    "core/cellvalue.py": (2, {"field", "value"}),
}
#: Parameters an error carries as data only (read by code, not shown), by code.
DATA = {
    f"bound-{name}": {"bound"}  # BoundError.bound
    for name in ("lines", "rows", "cells", "row-cells", "grid-cells", "tags")
}
#: Sites whose parameters are built at run time (tested below), by code.
DYNAMIC = {"published/pdf.py": {"pdf-too-large"}, "app/office.py": {"aggregate-files-refused"}}


def _table(tree: ast.Module, name: str) -> list[str] | None:
    """The values of the module's dict of codes called ``name``."""
    for stmt in tree.body:
        target: ast.expr | None = stmt.target if isinstance(stmt, ast.AnnAssign) else None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
        value = getattr(stmt, "value", None)
        if isinstance(target, ast.Name) and target.id == name and isinstance(value, ast.Dict):
            return [str(v.value) for v in value.values if isinstance(v, ast.Constant)]
    return None


def _codes(tree: ast.Module, node: ast.expr) -> list[str] | None:
    """The codes an expression can name (None: the scan cannot tell)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _codes(tree, node.body), _codes(tree, node.orelse)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return _table(tree, node.value.id)
    if isinstance(node, ast.JoinedStr):
        pattern = "".join(
            re.escape(str(v.value)) if isinstance(v, ast.Constant) else ".+" for v in node.values
        )
        found = [c for c in NOTE_KINDS if re.fullmatch(pattern, c)]
        return found or None
    return None


def _enclosing(tree: ast.Module) -> dict[ast.AST, ast.AST]:
    """Each call's innermost enclosing function (or the module)."""
    owner: dict[ast.AST, ast.AST] = {}

    def visit(node: ast.AST, scope: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else scope
            owner[child] = scope
            visit(child, inner)

    visit(tree, tree)
    return owner


def _dict_keys(node: ast.expr, scope: ast.AST, line: int = 10**9) -> set[str] | None:
    """The keys of a ``params=`` dict: a literal (its ``**name`` spread followed), or a
    name assigned one literal in scope (with its ``name["key"] = …`` additions)."""
    if isinstance(node, ast.Dict):
        keys: set[str] = set()
        for k, v in zip(node.keys, node.values, strict=True):
            if k is None:
                spread = _dict_keys(v, scope, line)
                if spread is None:
                    return None
                keys |= spread
            elif isinstance(k, ast.Constant):
                keys.add(str(k.value))
            else:
                return None
        return keys
    if isinstance(node, ast.Name):
        found = [
            a.value
            for a in sorted(
                (n for n in ast.walk(scope) if isinstance(n, ast.stmt)), key=lambda n: n.lineno
            )
            if isinstance(a, ast.Assign | ast.AnnAssign)
            and [_name(t) for t in (a.targets if isinstance(a, ast.Assign) else [a.target])]
            == [node.id]
            and isinstance(a.value, ast.Dict)
            and a.lineno < line
        ]
        if not found or not isinstance(found[-1], ast.Dict):
            return None
        keys_found = _dict_keys(found[-1], scope)  # the last assigned before the call
        if keys_found is None:
            return None
        for a in ast.walk(scope):
            for t in a.targets if isinstance(a, ast.Assign) else []:
                if (
                    isinstance(t, ast.Subscript)
                    and _name(t.value) == node.id
                    and isinstance(t.slice, ast.Constant)
                ):
                    keys_found.add(str(t.slice.value))
        return keys_found
    return None


Site = tuple[str, list[str], set[str] | None, set[str]]


def _keywords(call: ast.Call, skip: set[str]) -> set[str] | None:
    if any(k.arg is None for k in call.keywords):
        return None
    return {k.arg for k in call.keywords if k.arg is not None and k.arg not in skip}


def _site(path: str, tree: ast.Module, call: ast.Call, scope: ast.AST) -> Site | None:
    """(where, codes, parameters given or None, parameters the builder adds) of a call
    that builds a note of a catalogue code, else None."""
    where = f"{path}:{call.lineno}"
    func, name = call.func, _name(call.func)
    code_node: ast.expr | None = None
    given: set[str] | None = set()
    implicit: set[str] = set()
    of = name == "of" and isinstance(func, ast.Attribute) and _name(func.value) in ERRORS
    if of or (name == "error" and isinstance(func, ast.Attribute) and call.args):
        code_node, given = call.args[0], _keywords(call, PLACE)
    elif name == "_error" and path in HELPERS:
        at, implicit = HELPERS[path]
        if len(call.args) <= at:
            return None  # the helper's own definition calls it otherwise
        code_node, given = call.args[at], _keywords(call, PLACE)
    elif name in ERRORS and any(k.arg == "code" for k in call.keywords):
        code_node = next(k.value for k in call.keywords if k.arg == "code")
        implicit = {"field", "value"} if name in VALUE_ERRORS else {"key"}
        params = next((k.value for k in call.keywords if k.arg == "params"), None)
        given = set() if params is None else _dict_keys(params, scope, call.lineno)
    elif name in ("Note", "make_finding"):
        at = 0 if name == "Note" else 3
        if len(call.args) <= at:
            return None
        code_node = call.args[at]
        params = next((k.value for k in call.keywords if k.arg == "params"), None)
        if name == "Note" and len(call.args) > 3:
            params = call.args[3]  # Note(code, sheet, cell, params)
        given = set() if params is None else _dict_keys(params, scope, call.lineno)
        implicit = {"rule", "statement"} if name == "make_finding" else set()
    if code_node is None:
        return None
    codes = _codes(tree, code_node)
    if codes is None:
        if isinstance(code_node, ast.Name):
            return None  # a builder passing its caller's code on (the callers are scanned)
        raise AssertionError(f"{where}: cannot tell the code of {ast.unparse(code_node)}")
    return where, codes, given, implicit


def _sites() -> list[Site]:
    out = []
    for path, tree in TREES.items():
        if path.startswith("errorkinds/") or path == "notes.py":
            continue
        owner = _enclosing(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                site = _site(path, tree, node, owner.get(node, tree))
                if site is not None:
                    out.append(site)
    return out


SITES = _sites()


def fields(template: str) -> set[str]:
    """The parameters a ``str.format`` template names (``{a!r}``, ``{b:,}`` → a, b)."""
    return {
        re.split(r"[.\[]", name, maxsplit=1)[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    }


def required(kind: NoteKind) -> set[str]:
    return fields(kind.zh) | fields(kind.en)


def allowed(kind: NoteKind) -> set[str]:
    extra = {c.param for c in kind.clauses}
    for c in kind.clauses:
        extra |= fields(c.zh) | fields(c.en)
    return required(kind) | extra


def test_the_scan_sees_every_layer() -> None:
    layers = {where.split("/")[0] for where, *_ in SITES}
    assert {"core", "xlsx", "workbook", "published", "app", "cli", "desk"} <= layers
    assert len(SITES) > 200
    builders = {where.split(":")[0] for where, _, given, _ in SITES if given is None}
    assert builders == set(DYNAMIC)  # the run-time tests below cover every one


def test_every_code_built_is_in_the_catalogue() -> None:
    missing = [(where, c) for where, codes, _, _ in SITES for c in codes if c not in NOTE_KINDS]
    assert missing == []


def test_every_site_gives_its_code_the_parameters_it_names() -> None:
    wrong = []
    for where, codes, given, implicit in SITES:
        if given is None:
            continue
        have = given | implicit
        for code in codes:
            kind = NOTE_KINDS[code]
            lacking = required(kind) - have
            unknown = given - allowed(kind) - DATA.get(code, set())
            if kind.severity != "error":
                unknown = set()  # a note may carry data its sentence does not show
            for clause in kind.clauses:
                if clause.param in have:
                    lacking |= (fields(clause.zh) | fields(clause.en)) - have
            if lacking or unknown:
                wrong.append(f"{where} {code}: lacks {sorted(lacking)}, unknown {sorted(unknown)}")
    assert wrong == []


def test_a_bound_of_a_document_names_a_code() -> None:
    """``check_bound(bound, …)`` looks its code up by the bound's name: every name any
    caller passes is in the table (else a KeyError where the refusal was due)."""
    from zfxxgk.published.grid import _BOUND_CODES

    names = {
        call.args[0].value
        for tree in TREES.values()
        for call in ast.walk(tree)
        if isinstance(call, ast.Call)
        and _name(call.func) == "check_bound"
        and call.args
        and isinstance(call.args[0], ast.Constant)
    }
    assert names and names <= set(_BOUND_CODES), names - set(_BOUND_CODES)


def test_a_pdf_over_a_bound_renders() -> None:
    """The PDF helper's bound (``**bound``, from :class:`Refused`) is what
    ``pdf-too-large`` names, with and without the count."""
    from zfxxgk.errors import ZfxxgkError as Error
    from zfxxgk.published._pdf_read import Refused

    for count in (None, 5000):
        bound = Refused("too-large", "x", bound="pages", limit=4000, count=count).data
        kind = NOTE_KINDS["pdf-too-large"]
        assert required(kind) <= set(bound) <= allowed(kind)
        error = Error(note=Note("pdf-too-large", params=bound), file="a.pdf")
        assert "4000" in error.zh and "4000" in error.en


def test_the_files_left_out_of_a_sum_are_named_by_clauses() -> None:
    """``aggregate-files-refused`` gets one parameter per reason (``**``): each a clause."""
    from zfxxgk.app.office import _REFUSED

    kind = NOTE_KINDS["aggregate-files-refused"]
    assert set(_REFUSED.values()) <= {c.param for c in kind.clauses}


def _specs(kind: NoteKind) -> dict[str, str]:
    """The parameters a kind formats with a spec (``{seconds:g}`` → seconds: g)."""
    texts = (kind.zh, kind.en, *(t for c in kind.clauses for t in (c.zh, c.en)))
    return {
        name: spec
        for text in texts
        for _, name, spec, _ in string.Formatter().parse(text)
        if name and spec
    }


def _value(tree: ast.Module, node: ast.expr) -> object:
    """The value of an expression made of literals and the module's constants, else
    :data:`Ellipsis` (not known before run time)."""
    if isinstance(node, ast.Name):
        for stmt in tree.body:
            if (isinstance(stmt, ast.Assign) and [_name(t) for t in stmt.targets] == [node.id]) or (
                isinstance(stmt, ast.AnnAssign)
                and _name(stmt.target) == node.id
                and stmt.value is not None
            ):
                assert stmt.value is not None
                return _value(tree, stmt.value)
        return ...
    try:
        return eval(compile(ast.Expression(node), "<site>", "eval"), {"__builtins__": {}})
    except Exception:
        return ...


def test_a_format_spec_fits_the_value_given() -> None:
    """``{seconds:g}`` needs a number, ``{name:.20}`` a text: each site whose code
    formats a parameter with a spec passes a value of a type that takes it (a value the
    scan cannot compute is rendered from a sample of its type)."""
    wrong = []
    for path, tree in TREES.items():
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            site = _site(path, tree, call, tree)
            if site is None:
                continue
            for code in site[1]:
                for name, spec in _specs(NOTE_KINDS[code]).items():
                    given = next((k.value for k in call.keywords if k.arg == name), None)
                    if given is None:
                        continue
                    value = _value(tree, given)
                    sample = value if value is not ... else ("text" if spec[:1] == "." else 1.5)
                    try:
                        format(sample, spec)
                    except (TypeError, ValueError) as exc:
                        wrong.append(f"{site[0]} {code} {name}={ast.unparse(given)}: {exc}")
    assert wrong == []
