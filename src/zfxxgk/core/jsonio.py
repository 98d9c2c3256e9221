"""JSON text of reports: money as exact JSON numbers, never through binary floats."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any

from zfxxgk.core.values import plain
from zfxxgk.errors import JsonInputError


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
        JsonInputError: the text is not JSON, naming the line and column.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise JsonInputError(
                f"不是 UTF-8 文本（第 {exc.start} 字节）",
                f"not UTF-8 text (byte {exc.start})",
                file=source,
            ) from None
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise JsonInputError(
            f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}",
            f"not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}",
            file=source,
        ) from None
    except RecursionError:
        raise JsonInputError(
            "JSON 嵌套过深，不是报告", "JSON nested too deeply to be a report", file=source
        ) from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise JsonInputError(
            f"JSON 中的数字过长（{exc}）",
            f"a number in the JSON is too long ({exc})",
            file=source,
        ) from None


def _reject_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a number JSON allows", name, 0)
