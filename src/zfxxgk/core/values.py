"""The types a report's values may have, and the conversion into them.

Counts are ``int``, money is ``decimal.Decimal``; every value may be ``None`` (absent,
which is not zero). A spreadsheet stores numbers as binary doubles, so a count must lie
within ±(2**53 − 1) and an amount must have at most 15 significant digits: anything beyond
would be rounded silently by every spreadsheet program, so it is refused here.

Value *rules* (non-negative counts, totals that add up) are not checked here: they belong
to :func:`zfxxgk.check`, which can name the cell a wrong number came from.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from zfxxgk.core.layout import Kind
from zfxxgk.errors import ReportTypeError, ReportValueError, quote
from zfxxgk.xlsx.numbers import MAX_EXACT_INT, MAX_MONEY_DIGITS

Value = int | Decimal | str | None

#: The money units a report states, in 元.
UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10000)}

#: The kinds whose values are whole numbers, and those that are numbers at all (from the
#: one table of what each kind accepts, :data:`zfxxgk.core.layout.ACCEPTS`).
_WHOLE = frozenset(k for k in Kind if k.accepts.whole)
_NUMBER = frozenset(k for k in Kind if k.accepts.number)


def _count(value: Any, field: str) -> int:
    if isinstance(value, bool):
        raise ReportTypeError(field, value, code="count-bool")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        # the range first: int() of 1E+999999 would build a number of a million digits
        big = _finite(value) and (value > MAX_EXACT_INT or value < -MAX_EXACT_INT)
        if not _finite(value) or (not big and value != int(value)):
            raise ReportValueError(field, value, code="count-not-whole")
        number = (MAX_EXACT_INT + 1 if value > 0 else -MAX_EXACT_INT - 1) if big else int(value)
    else:
        raise ReportTypeError(
            field,
            value,
            code="count-not-int",
            params={"type": type(value).__name__, "value": _repr(value)},
        )
    if abs(number) > MAX_EXACT_INT:
        if isinstance(value, int) and value.bit_length() > 100:  # Python will not print it
            digits = int(value.bit_length() * 0.30103) + 1
            raise ReportValueError(field, value, code="count-huge", params={"digits": digits})
        raise ReportValueError(field, value, code="count-too-large")
    return number


def _repr(value: Any) -> str:
    """A value of the wrong type as a message quotes it (bounded: a huge text is cut, a
    long container named, a number Python will not print given by its size)."""
    return quote(value)


def _finite(value: float | Decimal) -> bool:
    return not (value != value or value in (float("inf"), float("-inf"))) and (
        not isinstance(value, Decimal) or value.is_finite()
    )


def _money(value: Any, field: str) -> Decimal:
    if isinstance(value, bool):
        raise ReportTypeError(field, value, code="money-bool")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        if not _finite(value):
            raise ReportValueError(field, value, code="money-invalid")
        amount = decimal_of(value)
    else:
        raise ReportTypeError(
            field,
            value,
            code="money-not-number",
            params={"type": type(value).__name__, "value": _repr(value)},
        )
    if not amount.is_finite():
        raise ReportValueError(field, value, code="money-invalid")
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite Decimal
    if amount.adjusted() >= MAX_MONEY_DIGITS or exponent < -MAX_MONEY_DIGITS:
        raise ReportValueError(field, amount, code="money-out-of-range")
    if significant_digits(amount) > MAX_MONEY_DIGITS:
        raise ReportValueError(field, amount, code="money-too-precise")
    return amount


def decimal_of(value: float) -> Decimal:
    """The Decimal a finite float stands for: the shortest text that round-trips is the
    number a person typed, and a whole number is one (7545.0 from an .ods or .xls cell
    is 7545, as from an .xlsx)."""
    return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))


def significant_digits(amount: Decimal) -> int:
    """Digits from the first non-zero one to the last non-zero one."""
    if amount.is_zero():
        return 1
    digits = amount.normalize().as_tuple().digits
    return len(digits)


def _unit(value: Any, field: str, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or (choices and value not in choices):
        raise ReportValueError(
            field,
            value,
            code="unit-not-allowed",
            params={"allowed": list(choices), "value": _repr(value)},
        )
    return value


def convert(kind: Kind, value: Any, field: str, choices: tuple[str, ...] = ()) -> Value:
    """Return ``value`` as the type of ``kind``, or raise naming ``field``.

    ``None`` stays ``None``. A whole float becomes an int; a float amount becomes the
    Decimal of its shortest text. Strings are not numbers here: the readers interpret text.
    """
    if value is None:
        return None
    if kind in _WHOLE:
        if type(value) is int and -MAX_EXACT_INT <= value <= MAX_EXACT_INT:
            return value  # the common case, decided at once
        return _count(value, field)
    if kind in _NUMBER:
        return _money(value, field)
    return _unit(value, field, choices)


def plain(amount: Decimal) -> str:
    """A Decimal as plain positional text, never in exponent notation: 1E+3 → 1000."""
    text = format(amount, "f")
    return text


def number_text(value: int | Decimal) -> str:
    """A number as every output shows it: an amount with the digits it states (1.50 stays
    1.50), never in exponent notation."""
    return plain(value) if isinstance(value, Decimal) else str(value)
