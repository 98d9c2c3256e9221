"""zfxxgk.core.cellvalue: what a person types into a cell, read as its field's value.

Each way of typing a number (as text, full-width, grouped, after an apostrophe, 增/减,
with a 元 or 万元 suffix) gives the same value and a note saying how it was read; the
tokens of "nothing stated" give None. (The refusals by code are in tests/test_errors.py.)
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.core.cellvalue import ABSENT_TOKENS, interpret, is_absent_token
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.layout import Field, Kind
from zfxxgk.errors import CellValueError

FIELDS: dict[Kind, Field] = {}
for _edition in EDITIONS.values():
    for _f in _edition.fields():
        if _f.official and _f.kind not in FIELDS and (_f.kind is not Kind.MONEY or _f.unit):
            FIELDS[_f.kind] = _f
MONEY_FREE = next(  # an amount whose unit is its own field (2019 procurement)
    f for f in EDITIONS["2019"].fields() if f.kind is Kind.MONEY and f.unit is None
)

_FULL = str.maketrans("0123456789,.-+", "０１２３４５６７８９，．－＋")


def _grouped(n: int) -> str:
    return f"{n:,}"


@given(st.integers(0, 10**12))
def test_a_count_typed_as_text_reads_as_the_number(n: int) -> None:
    field = FIELDS[Kind.COUNT]
    for text in (str(n), f"'{n}", f" {n} ", str(n).translate(_FULL), f"{n}.0"):
        reading = interpret(text, field)
        assert reading.value == n and type(reading.value) is int, text
        assert reading.note is not None and reading.note.code == "text-number"
    grouped = interpret(_grouped(n), field)
    assert grouped.value == n
    assert grouped.note is not None and grouped.note.params.get("grouped") == (n >= 1000 or None)


@given(st.integers(0, 10**9))
def test_an_increase_or_decrease_reads_signed(n: int) -> None:
    field = FIELDS[Kind.SIGNED]
    for text, value, sign in ((f"增{n}", n, "+"), (f"减{n}", -n, "-"), (f"-{n}", -n, None)):
        reading = interpret(text, field)
        assert reading.value == value and reading.note is not None
        assert reading.note.params.get("sign") == sign


def test_increase_is_no_number_of_a_count() -> None:
    with pytest.raises(CellValueError) as info:
        interpret("增5", FIELDS[Kind.COUNT])
    assert info.value.code == "cell-not-number"


@given(st.decimals(min_value=0, max_value=10**8, places=2))
def test_a_suffix_of_the_fields_own_unit_is_kept(amount: Decimal) -> None:
    field = MONEY_FREE
    for unit in ("元", "万元"):
        reading = interpret(f"{amount}{unit}", field)
        assert reading.value == amount and reading.unit == unit


@given(st.decimals(min_value=0, max_value=10**6, places=4))
def test_a_suffix_of_another_unit_is_converted_exactly(amount: Decimal) -> None:
    field = FIELDS[Kind.MONEY]
    assert field.unit is not None
    other = "元" if field.unit == "万元" else "万元"
    reading = interpret(f"{amount}{other}", field)
    factor = Decimal(10000) if other == "万元" else Decimal(1) / Decimal(10000)
    assert reading.value == amount * factor and reading.unit is None
    assert reading.note is not None and reading.note.code == "unit-converted"


_DASHES = ("-", "—", "——", "–", "－", "———", " — ", "'-")


@pytest.mark.parametrize("token", [*sorted(ABSENT_TOKENS), *_DASHES])
def test_a_dash_or_none_token_is_absent(token: str) -> None:
    """A token of "nothing stated" (/, 无, N/A) is absent; a dash is a count of none,
    written as the editions say to write it (0), or as Excel's accounting format shows a
    0: read as 0 with a note (it was read as absent with no warning: a silent blank)."""
    assert is_absent_token(token)
    dash = token in _DASHES
    for kind in (Kind.COUNT, Kind.SIGNED, Kind.MONEY):
        reading = interpret(token, FIELDS[kind])
        assert reading.value == (0 if dash else None)
        assert reading.note is not None
        assert reading.note.code == ("dash-zero" if dash else "absent-token")


@pytest.mark.parametrize("text", ["", "   ", "\u3000"])
def test_blank_text_is_absent(text: str) -> None:
    reading = interpret(text, FIELDS[Kind.COUNT])
    assert reading.value is None
    assert (reading.note is None) == (text == "")


def test_numbers_are_read_as_they_are() -> None:
    assert interpret(7, FIELDS[Kind.COUNT]).value == 7
    assert interpret(7.0, FIELDS[Kind.COUNT]).value == 7
    money = interpret(7, FIELDS[Kind.MONEY]).value
    assert money == Decimal(7) and isinstance(money, Decimal)
    assert interpret(0.1, FIELDS[Kind.MONEY]).value == Decimal("0.1")
    assert interpret(None, FIELDS[Kind.COUNT]).note is None


@pytest.mark.parametrize("raw", [float("nan"), float("inf"), "1.2.3", "12abc", "e5"])
def test_what_is_no_number_is_refused(raw: object) -> None:
    with pytest.raises(CellValueError) as info:
        interpret(raw, FIELDS[Kind.COUNT])
    assert info.value.code == "cell-not-number"
    assert info.value.field == ".".join(FIELDS[Kind.COUNT].path)
