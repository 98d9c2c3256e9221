"""zfxxgk.core.jsonio: exact money through JSON text, and every refusal by its code."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.core import jsonio
from zfxxgk.core.jsonio import dumps, loads
from zfxxgk.errors import JsonInputError

money = st.decimals(allow_nan=False, allow_infinity=False, places=4).filter(
    lambda d: abs(d.adjusted()) <= jsonio.MAX_EXPONENT
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), money, st.text(max_size=20)
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _normal(value: Any) -> Any:
    """``value`` with each Decimal as its plain text: 1.10 and 1.1 told apart."""
    if isinstance(value, Decimal):
        return ("D", format(value, "f"))
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    return value


@given(documents)
def test_round_trip_keeps_every_decimal_digit(data: Any) -> None:
    text = dumps(data)
    json.loads(text)  # standard JSON
    back = loads(text)
    assert _normal(back) == _normal(data)  # every amount with its trailing zeros


@given(money)
def test_an_amount_is_a_bare_json_number(amount: Decimal) -> None:
    text = dumps({"a": amount}, indent=None)
    assert '"' not in text.split(":", 1)[1]  # not a quoted string
    assert Decimal(json.loads(text, parse_float=Decimal, parse_int=Decimal)["a"]) == amount


def test_a_byte_order_mark_is_read() -> None:
    assert loads("\ufeff{}".encode()) == {}


def test_a_lone_surrogate_is_written_as_an_escape() -> None:
    text = dumps({"name": "a\udcffb"})
    assert "\\udcff" in text and text.encode("utf-8")


def test_other_objects_are_no_json() -> None:
    with pytest.raises(TypeError):
        dumps({"x": object()})


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        (b"{\xff}", "json-not-utf8", {"byte": 1}),
        ("{\n  1}", "json-invalid", {"line": 2, "column": 3}),
        ('{"a": NaN}', "json-invalid", {}),
        ('{"a": 1e999}', "json-number-out-of-range", {"number": "1e999"}),
        ('{"a": 1.5e31}', "json-number-out-of-range", {}),
        ('{"a": ' + "7" * 5000 + "}", "json-number-too-long", {"digits": 4300}),
        ("[" * 100 + "]" * 100, "json-too-deep", {"limit": jsonio.MAX_DEPTH}),
        ("[" * 100000, "json-too-deep", {}),
        ('{"a": "\\ud800"}', "json-lone-surrogate", {}),
        ("[" + "0," * 500_001 + "0]", "json-too-many-values", {"limit": jsonio.MAX_ITEMS}),
    ],
)
def test_each_refusal_has_its_code(text: str | bytes, code: str, params: dict[str, Any]) -> None:
    with pytest.raises(JsonInputError) as info:
        loads(text, source="in.json")
    error = info.value
    assert error.code == code and error.file == "in.json"
    assert {k: error.note.params[k] for k in params} == params


def test_too_long_a_text_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonio, "MAX_CHARS", 10)
    with pytest.raises(JsonInputError) as info:
        loads('{"a": 12345678}')
    assert info.value.code == "json-too-long" and info.value.note.params["limit"] == 10


def test_depth_just_within_the_bound_is_read() -> None:
    depth = jsonio.MAX_DEPTH
    assert loads("[" * depth + "]" * depth) is not None
