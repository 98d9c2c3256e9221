"""A number as a spreadsheet displays it under its number format.

A reader of what a sheet shows needs the shown text, not the stored number, where the
two differ: a format ``0`` shows 12.4 as 12, ``0.00%`` shows 0.5 as 50.00%, ``#,##0"件"``
shows 1234 as 1,234件, ``#,##0;-#,##0;"-"`` shows 0 as a dash (read as the 0 it
stands for). The common codes are rendered (sections by sign, decimals,
thousands separators, percent, quoted and escaped literals); a code this module does not
render (scientific, fractions, conditions) gives ``None``, so that the caller can tell
it does not know what is shown; so does a format that scales by thousands (``#,##0,``
shows 1234 as 1, ``0.0,,"M"`` 1234567 as 1.2M): what it shows is a rounded part, no
number the cell holds.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_BRACKETS = re.compile(r"\[[^\]]*\]")
_TOKENS = re.compile(r'"([^"]*)"|\\(.)|_.|\*.|([0#?.,%])|([^0#?.,%"\\_*])')
#: what a zero section shows for zero in accountants' formats
_ZERO_MARKS = frozenset({"-", "—", "–", "－"})
_UNRENDERED = re.compile(r"[eE][+-]|/|\[[<>=]")


def general(value: int | float | Decimal) -> str:
    """A number under the General format: no float noise (0.1 + 0.2 shows 0.3), a whole
    float without its point."""
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.15g}"
    return text


def shown_text(text: str, code: str) -> str:
    """Text as format ``code`` displays it: nothing where the format's text section (its
    fourth) is empty (``;;;`` hides whatever the cell holds), else the text."""
    sections = code.split(";")
    if len(sections) > 3 and not _BRACKETS.sub("", sections[3]).strip():
        return ""
    return text


def shown(value: int | float | Decimal, code: str) -> str | None:
    """``value`` as format ``code`` displays it, or None where this module cannot tell."""
    if not code or code.lower() in ("general", "@"):
        return general(value)
    sections = code.split(";")
    if _UNRENDERED.search(code):
        return None
    if "general" in code.lower():
        return None  # General within a section: not rendered
    section = sections[0]
    number = value
    if value < 0 and len(sections) > 1 and sections[1].strip():
        section, number = sections[1], -value  # the negative section shows no sign itself
    elif value == 0 and len(sections) > 2 and sections[2].strip():
        section = sections[2]
    return _render(number, _BRACKETS.sub("", section))


def _render(value: int | float | Decimal, section: str) -> str | None:
    literal: list[tuple[int, str]] = []  # (place: before (0) / after (1) the number, text)
    digits: list[str] = []
    started = ended = False
    for m in _TOKENS.finditer(section):
        quoted, escaped, placeholder, other = m.groups()
        if placeholder is not None:
            if ended and placeholder != "%":
                return None  # a placeholder after the number's literal: not rendered
            started = started or placeholder != "%"
            digits.append(placeholder)
            continue
        text = quoted if quoted is not None else escaped if escaped is not None else other
        if m.group(0)[0] == "_":
            text = " "
        elif m.group(0)[0] == "*":
            text = ""
        if text is None:
            continue
        if started and text.strip():
            ended = True
        literal.append((1 if started else 0, text))
    if not digits:
        text = "".join(t for _, t in literal)
        if value == 0 and text.strip() in _ZERO_MARKS:
            return "0"  # an accountant's dash for zero: the zero it stands for
        return text  # text alone; nothing (``;;;``): the number is hidden
    pattern = "".join(digits)
    percent = pattern.count("%")
    pattern = pattern.replace("%", "")
    whole, _, frac = pattern.partition(".")
    if pattern.endswith(",") or whole.endswith(","):
        return None  # scaled by thousands (``#,##0,``): a rounded part, not the number

    places = sum(1 for ch in frac if ch in "0#?")
    required = sum(1 for ch in frac if ch in "0?")
    thousands = "," in whole
    try:
        number = Decimal(str(value)) * (100**percent)
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return None
    sign = "-" if number < 0 else ""
    text = f"{abs(number):,.{places}f}" if thousands else f"{abs(number):.{places}f}"
    if places > required:  # optional decimals (#): trailing zeros not shown
        head, _, tail = text.partition(".")
        tail = tail[:required] + tail[required:].rstrip("0")
        text = head + ("." + tail if tail else "")
    if whole.replace(",", "") and "0" not in whole and text.startswith("0"):
        text = text[1:] or "0"  # "#.##": no leading zero
    before = "".join(t for p, t in literal if p == 0)
    after = "".join(t for p, t in literal if p == 1)
    return f"{sign}{before}{text}{'%' * percent}{after}"
