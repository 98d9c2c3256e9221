"""What a spreadsheet stores exactly: binary doubles, so counts within ±(2**53 − 1) and
amounts of at most 15 significant digits; and the number stored for a value."""

from __future__ import annotations

import decimal
from decimal import Decimal

MAX_EXACT_INT = 2**53 - 1
MAX_MONEY_DIGITS = 15

__all__ = ["MAX_EXACT_INT", "MAX_MONEY_DIGITS", "to_number"]


def to_number(value: int | Decimal) -> int | float:
    """The number a spreadsheet stores for a value (exact by the bounds above)."""
    if isinstance(value, Decimal):
        with decimal.localcontext() as ctx:
            ctx.prec = 40
            if value == value.to_integral_value() and abs(value) <= MAX_EXACT_INT:
                return int(value)
        return float(value)
    return value
