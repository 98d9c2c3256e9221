"""JSON text of reports: money as exact JSON numbers, never through binary floats."""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from typing import Any

from zfxxgk.core.values import plain
from zfxxgk.errors import JsonInputError

#: No report's data comes near these; hostile JSON does.
MAX_DEPTH = 64
MAX_CHARS = 32 * 1024 * 1024
#: The most values (arrays, objects and the items between commas) a JSON may hold: a
#: report has a few thousand; 11 million empty lists within MAX_CHARS would cost seconds
#: and gigabytes to build. Counted on the raw text (commas and brackets inside strings
#: too), an upper bound found in a tenth of a second.
MAX_ITEMS = 500_000
#: A money amount's decimal exponent beyond this is no amount (1e9999999999 would make an
#: integer of that many digits).
MAX_EXPONENT = 30
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogates(text: str) -> str:
    """Lone surrogates (a file name in no encoding) as JSON escapes: the text stays
    valid JSON and can be written as UTF-8."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(data: Any, indent: int | None = 1, ensure_ascii: bool = False) -> str:
    """JSON text of ``data`` with every Decimal written as a plain JSON number."""
    marker = f"\u0000dec{os.urandom(6).hex()}:"  # as secrets.token_hex(6)
    found = False

    def default(obj: Any) -> Any:
        nonlocal found
        if isinstance(obj, Decimal):
            found = True
            return marker + plain(obj)
        raise TypeError(f"{type(obj).__name__} is not JSON serializable")

    text = json.dumps(data, ensure_ascii=ensure_ascii, indent=indent, default=default)
    if not ensure_ascii and _SURROGATE.search(text):
        text = _escape_surrogates(text)
    if not found:
        return text
    quoted_marker = json.dumps(marker)[1:-1]
    out = []
    pos = 0
    while True:
        i = text.find('"' + quoted_marker, pos)
        if i < 0:
            out.append(text[pos:])
            break
        j = text.index('"', i + 1)
        out.append(text[pos:i])
        out.append(text[i + 1 + len(quoted_marker) : j])
        pos = j + 1
    return "".join(out)


def loads(text: str | bytes, source: str | None = None) -> Any:
    """Parse JSON text, reading every non-integral number as a Decimal.

    Raises:
        JsonInputError: the text is not JSON, naming the line and column; it is nested
            deeper than ``MAX_DEPTH``, longer than ``MAX_CHARS``, holds more than
            ``MAX_ITEMS`` values, a number whose
            exponent is beyond ``MAX_EXPONENT`` or a lone surrogate.
    """
    if len(text) > MAX_CHARS:
        raise JsonInputError.of("json-too-long", file=source, limit=MAX_CHARS)
    _refuse_bulk(text, source)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise JsonInputError.of("json-not-utf8", file=source, byte=exc.start) from None
    try:
        if text.startswith("\ufeff"):  # as json.loads says it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        data = _decoder().decode(text)
    except _BadNumber as exc:
        raise JsonInputError.of(
            "json-number-out-of-range", file=source, number=exc.text[:40]
        ) from None
    except json.JSONDecodeError as exc:
        raise JsonInputError.of(
            "json-invalid", file=source, line=exc.lineno, column=exc.colno, reason=exc.msg
        ) from None
    except RecursionError:
        raise JsonInputError.of("json-too-deep", file=source, limit=MAX_DEPTH) from None
    except ValueError:  # an integer of more digits than Python converts (4300)
        raise JsonInputError.of("json-number-too-long", file=source, digits=4300) from None

    _refuse_shape(data, source)
    return data


def _refuse_bulk(text: str | bytes, source: str | None) -> None:
    """Refuse JSON of more than MAX_ITEMS values before it is parsed."""
    if isinstance(text, bytes):
        items = text.count(b",") + text.count(b"[") + text.count(b"{")
    else:
        items = text.count(",") + text.count("[") + text.count("{")
    if items > MAX_ITEMS:
        raise JsonInputError.of("json-too-many-values", file=source, limit=MAX_ITEMS)


class _BadNumber(Exception):
    def __init__(self, text: str) -> None:
        self.text = text


def _decimal(text: str) -> Decimal:
    try:
        d = Decimal(text)
    except ArithmeticError:  # decimal.InvalidOperation: an exponent beyond any context
        raise _BadNumber(text) from None
    if not d.is_finite() or abs(d.adjusted()) > MAX_EXPONENT:
        raise _BadNumber(text)
    return d


def _decoder() -> json.JSONDecoder:
    """The decoder of :func:`loads`, made once (``json.loads`` with options makes one
    on every call)."""
    global _DECODER
    if _DECODER is None:
        _DECODER = json.JSONDecoder(parse_float=_decimal, parse_constant=_reject_constant)
    return _DECODER


_DECODER: json.JSONDecoder | None = None


def _refuse_shape(data: Any, source: str | None) -> None:
    """Refuse nesting deeper than MAX_DEPTH and strings holding a lone surrogate (no text
    can be written with one): one walk, no recursion."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth >= MAX_DEPTH:
                raise JsonInputError.of("json-too-deep", file=source, limit=MAX_DEPTH)
            if isinstance(item, dict):
                stack.extend((k, depth) for k in item)
                stack.extend((v, depth + 1) for v in item.values())
            else:
                stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, str) and _SURROGATE.search(item):
            raise JsonInputError.of("json-lone-surrogate", file=source)


def _reject_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a number JSON allows", name, 0)
