"""zfxxgk.core.values: what each kind of value accepts, and the code of each refusal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.core.layout import Kind
from zfxxgk.core.values import convert, decimal_of, plain, significant_digits
from zfxxgk.errors import ReportTypeError, ReportValueError
from zfxxgk.xlsx.numbers import MAX_EXACT_INT, MAX_MONEY_DIGITS

#: Amounts a spreadsheet stores exactly: at most 15 significant digits, in range.
amounts = st.decimals(
    min_value=Decimal("-999999999999.99"),
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@pytest.mark.parametrize("kind", [Kind.COUNT, Kind.SIGNED, Kind.MONEY, Kind.UNIT])
def test_none_is_absent_for_every_kind(kind: Kind) -> None:
    assert convert(kind, None, "f") is None


@given(st.integers(-MAX_EXACT_INT, MAX_EXACT_INT))
def test_a_count_in_range_is_itself(n: int) -> None:
    assert convert(Kind.COUNT, n, "f") == n and type(convert(Kind.COUNT, n, "f")) is int


@given(st.integers(-(2**52), 2**52))
def test_a_whole_float_or_decimal_is_its_int(n: int) -> None:
    for value in (float(n), Decimal(n), Decimal(n) + Decimal("0.000")):  # 5.0, 5, 5.000
        got = convert(Kind.SIGNED, value, "f")
        assert got == n and type(got) is int


@pytest.mark.parametrize(
    ("value", "error", "code"),
    [
        (float("nan"), ReportValueError, "count-not-whole"),
        (Decimal("Infinity"), ReportValueError, "count-not-whole"),
        ([1], ReportTypeError, "count-not-int"),
        (MAX_EXACT_INT + 1, ReportValueError, "count-too-large"),
        (float(2**60), ReportValueError, "count-too-large"),
        (Decimal("1E+999999"), ReportValueError, "count-too-large"),
    ],
)
def test_a_wrong_count_is_refused_by_code(  # (the cases of tests/test_errors.py aside)
    value: Any, error: type[Exception], code: str
) -> None:
    with pytest.raises(error) as info:
        convert(Kind.COUNT, value, "applications.new_received.total")
    assert isinstance(info.value, ReportValueError)
    assert info.value.code == code
    assert info.value.field == "applications.new_received.total"
    assert info.value.note.params["field"] == "applications.new_received.total"


@given(amounts)
def test_an_amount_is_kept_exactly(amount: Decimal) -> None:
    got = convert(Kind.MONEY, amount, "f")
    assert got == amount and isinstance(got, Decimal)
    assert Decimal(plain(amount)) == amount and "E" not in plain(amount)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_a_float_amount_is_its_shortest_text(value: float) -> None:
    d = decimal_of(value)
    assert float(d) == value  # the Decimal stands for the same double
    if value.is_integer():
        assert d == int(value) and d.as_tuple().exponent == 0
    else:
        assert d == Decimal(repr(value))  # as typed: 0.1, not 0.1000000000000000055…


@pytest.mark.parametrize(
    ("value", "error", "code"),
    [
        (float("inf"), ReportValueError, "money-invalid"),
        (Decimal("NaN"), ReportValueError, "money-invalid"),
        ("5.00", ReportTypeError, "money-not-number"),
        (Decimal("1E+15"), ReportValueError, "money-out-of-range"),
        (Decimal("1E-16"), ReportValueError, "money-out-of-range"),
        (Decimal("12345678.12345678"), ReportValueError, "money-too-precise"),
    ],
)
def test_a_wrong_amount_is_refused_by_code(value: Any, error: type[Exception], code: str) -> None:
    with pytest.raises(error) as info:
        convert(Kind.MONEY, value, "proactive.fees.amount")
    assert isinstance(info.value, ReportValueError) and info.value.code == code


@given(st.integers(1, MAX_MONEY_DIGITS), st.integers(-MAX_MONEY_DIGITS, 0))
def test_significant_digits_ignore_zeros_at_both_ends(digits: int, exponent: int) -> None:
    amount = Decimal(int("1" * digits)).scaleb(exponent)
    assert significant_digits(amount) == digits
    assert significant_digits(amount * 100) == digits
    assert significant_digits(Decimal(0)) == 1


def test_plain_never_writes_an_exponent() -> None:
    assert plain(Decimal("1E+3")) == "1000"
    assert plain(Decimal("1.50")) == "1.50"
    assert plain(Decimal("-0.000001")) == "-0.000001"


@pytest.mark.parametrize("value", [1, "", None])
def test_a_unit_must_be_one_of_the_choices(value: Any) -> None:
    if value is None:
        assert convert(Kind.UNIT, value, "f", ("元", "万元")) is None
        return
    with pytest.raises(ReportValueError) as info:
        convert(Kind.UNIT, value, "proactive.procurement.amount_unit", ("元", "万元"))
    assert info.value.code == "unit-not-allowed"
    assert info.value.note.params["allowed"] == ["元", "万元"]


def test_a_unit_is_kept() -> None:
    assert convert(Kind.UNIT, "万元", "f", ("元", "万元")) == "万元"
