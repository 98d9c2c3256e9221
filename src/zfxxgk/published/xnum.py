"""Excel's web page: the number a cell holds (``x:num``) where it shows another.

Excel's "save as web page" writes each number cell's text as its format shows it and,
where that text is not the number, the number itself in the cell's ``x:num``:
``<td x:num="-31">31</td>`` (a negative shown by its colour alone, ``0;[Red]0``),
``x:num="1234">1</td>`` (scaled by thousands, ``#,##0,``), ``x:num="1234.5">1235</td>``
(rounded, ``0``). The text shown is read, as everywhere, except where it is a number
other than the one held:

- shown without its sign, or scaled by thousands: the number held is read (the same as
  a workbook's cell of that format), and a note says so;
- any other number (rounded): which one the report means is not proved, and the cell is
  marked :data:`~zfxxgk.core.cellvalue.ROUNDED` (blank, with a warning naming its row).

A text that is no plain number (12件, a dash, a percentage) is read as it is.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from zfxxgk.core.cellvalue import ROUNDED
from zfxxgk.xlsx.display import general

#: How far a double's digits past its precision may stray from the number shown: no
#: rounding (as :func:`zfxxgk.published.sheets._rounded` tells a workbook's).
_NOISE = Decimal("1e-14")
_PLAIN = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def held_text(shown: str, held: str) -> tuple[str, bool]:
    """The text to read of a cell showing ``shown`` and holding ``held`` (its ``x:num``),
    and whether the number held is read where another shows (a note's matter)."""
    text = shown.strip()
    if not held or _PLAIN.fullmatch(text) is None:
        return shown, False
    try:
        number = Decimal(held)
        seen = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return shown, False
    noise = abs(number) * _NOISE  # (a double's: 16.799999999999997 shown 16.8)
    if not number.is_finite() or abs(seen - number) <= noise:
        return shown, False
    if number < 0 and abs(seen + number) <= noise:  # the sign shown by colour alone
        return general(-seen), True
    exponent = seen.as_tuple().exponent
    half = Decimal(5).scaleb(min(exponent if isinstance(exponent, int) else 0, 0) - 1)
    if abs(number - seen) > half:  # (within half the last place shown: rounded)
        for k in (1, 2, 3):  # scaled by thousands (the sign shown or not)
            if abs(abs(number) / Decimal(1000) ** k - abs(seen)) <= half:
                return general(number), True
    return text + ROUNDED, False
