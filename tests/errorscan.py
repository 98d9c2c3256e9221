"""The package's source as the error tests read it (:mod:`ast`, nothing imported or run):
every module's tree, the names of the error classes, and what counts as written text."""

from __future__ import annotations

import ast
from pathlib import Path

import zfxxgk

SRC = Path(zfxxgk.__file__).parent
#: Each module's tree, by its path below ``src/zfxxgk`` (``xlsx/files.py``).
TREES = {
    p.relative_to(SRC).as_posix(): ast.parse(p.read_text(encoding="utf-8"), str(p))
    for p in sorted(SRC.rglob("*.py"))
}


def called_name(node: ast.expr) -> str | None:
    """The name a call or base names: ``X`` of ``X`` and of ``a.X``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _error_classes() -> frozenset[str]:
    names = {"ZfxxgkError"}
    grew = True
    while grew:
        grew = False
        for tree in TREES.values():
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.ClassDef)
                    and node.name not in names
                    and any(called_name(b) in names for b in node.bases)
                ):
                    names.add(node.name)
                    grew = True
    return frozenset(names)


#: ``ZfxxgkError`` and every class of the package derived from one of them.
ERRORS = _error_classes()


def is_text(node: ast.expr) -> bool:
    """A string written at the call: a literal, an f-string, or one made of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return is_text(node.left) or is_text(node.right)
    return False
