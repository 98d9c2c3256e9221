"""Bounds on a rules file (``--rules``), checked before any parser sees it.

A rules file names a few dozen rules with a severity or a tolerance: a few kilobytes.
Parsers spend work far beyond the bytes on some shapes (TOML's dotted keys and nested
arrays or inline tables: recursion, quadratic time), so the size, the nesting and the
number of keys are bounded first and a file beyond them is refused, naming the bound.
"""

from __future__ import annotations

import re

from zfxxgk.errors import JsonInputError

#: The largest rules file read (the whole catalogue with every option is ~10 KiB).
MAX_BYTES = 1024 * 1024
#: The deepest nesting of tables, arrays and dotted keys.
MAX_DEPTH = 16
#: The most keys (``=`` or ``:``) a rules file may hold.
MAX_KEYS = 5000

_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
_COMMENT = re.compile(r"#[^\n]*")
_BARE_KEY = re.compile(r"^\s*\[*\s*([^=\]\n]*)")


def check_bounds(text: str, name: str) -> None:
    """Refuse ``text`` (TOML or JSON) beyond :data:`MAX_DEPTH` or :data:`MAX_KEYS`.

    Strings are left out of the count (a quoted key is one key whatever it holds)."""
    bare = _COMMENT.sub("", _STRINGS.sub('""', text))
    keys = bare.count("=") + bare.count(":")
    if keys > MAX_KEYS:
        raise JsonInputError.of("rules-too-many-keys", file=name, limit=MAX_KEYS)
    depth = deepest = 0
    for ch in bare:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
    for line in bare.splitlines():  # a dotted key or header nests one level per dot
        m = _BARE_KEY.match(line)
        dots = m.group(1).count(".") if m else 0
        deepest = max(deepest, dots + 1)
    if deepest > MAX_DEPTH:
        raise JsonInputError.of("rules-too-deep", file=name, limit=MAX_DEPTH)
