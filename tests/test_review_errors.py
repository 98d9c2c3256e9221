"""Review of errors as notes: an error's data (``to_dict()``, its note's parameters) is as
bounded as its message, and a value that cannot be printed still makes a zfxxgk error."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

import zfxxgk
from zfxxgk.core.model import AnnualReport

HUGE = "k" * 1_000_000

MAKERS: dict[str, Callable[[], Any]] = {
    "amount of 100000 digits": lambda: AnnualReport.from_dict(
        {"edition": "2021", "proactive": {"fees": {"amount": Decimal("1" * 100_000)}}}
    ),
    "agency a long list": lambda: AnnualReport(edition="2021", agency=["x"] * 100_000),
    "unknown key of a million characters": lambda: AnnualReport.from_dict(
        {"edition": "2021", HUGE: 1}
    ),
    "unknown part of a million characters": lambda: AnnualReport.from_dict(
        {"edition": "2021", "applications": {HUGE: {}}}
    ),
    "unknown edition of a million characters": lambda: AnnualReport.from_dict({"edition": HUGE}),
    "agency a number Python will not print": lambda: AnnualReport(edition="2021", agency=10**5000),
    "a count a list holding such a number": lambda: AnnualReport.from_dict(
        {"edition": "2021", "applications": {"new_received": {"natural_person": [10**5000]}}}
    ),
    "an edition a number Python will not print": lambda: AnnualReport(edition=10**5000),
    "an edition a long list": lambda: AnnualReport(edition=["2021"] * 1_000_000),
    "a name of a million characters": lambda: setattr(
        AnnualReport(edition="2021").applications.new_received, HUGE, 1
    ),
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_an_errors_data_is_bounded(name: str) -> None:
    """The JSON of an error (a batch record, ``--json``) stays small however large the value
    quoted: the message was cut, and so must its parameters be."""
    with pytest.raises(zfxxgk.ZfxxgkError) as info:
        MAKERS[name]()
    data = json.dumps(info.value.to_dict(), ensure_ascii=False)
    assert len(data) < 20_000, (info.value.code, len(data))
    assert len(str(info.value)) < 5_000
    assert all(len(str(v)) <= 1_100 for v in info.value.note.params.values())


ERRORS: dict[str, Callable[[], Any]] = {
    "a count that is text": lambda: AnnualReport(
        edition="2021"
    ).applications.new_received.__setattr__("natural_person", "abc"),
    "a typo": lambda: setattr(AnnualReport(edition="2021").proactive, "rulse", 1),
    "an unknown key": lambda: AnnualReport.from_dict({"edition": "2021", "zz": 1}),
    "an unknown edition": lambda: AnnualReport(edition="2030"),
    "a missing file": lambda: zfxxgk.read("/nonexistent/没有.xlsx"),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_an_error_pickles_and_copies(name: str) -> None:
    """An error crosses processes (a worker's, a pool's) and copies as it is: its class,
    its code, its place and its text (the errors' constructors take other arguments than
    the message, which the default pickling passes back)."""
    import copy
    import pickle

    with pytest.raises(zfxxgk.ZfxxgkError) as info:
        ERRORS[name]()
    err = info.value.located(file="dept.xlsx")
    for again in (pickle.loads(pickle.dumps(err)), copy.copy(err), copy.deepcopy(err)):
        assert type(again) is type(err)
        assert again.to_dict() == err.to_dict()
        assert str(again) == str(err) and again.args == err.args


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"edition": "2021", "foo": 1}, "foo"),
        ({"year": 2024}, "edition"),
        ({"edition": "2021", "applications": {"nope": {}}}, "applications.nope"),
    ],
)
def test_a_key_errors_key_is_the_key(data: dict[str, Any], key: str) -> None:
    """``ReportKeyError.key`` is the key itself, as before the errors became notes (the
    message quotes it; the attribute does not)."""
    with pytest.raises(zfxxgk.errors.ReportKeyError) as info:
        AnnualReport.from_dict(data)
    assert info.value.key == key


@pytest.mark.parametrize(
    "raw",
    [dt.datetime(2024, 1, 2, 0, 0), dt.date(2024, 1, 2), dt.time(13, 5)],
    ids=["datetime", "date", "time"],
)
def test_a_date_in_a_count_cell_is_quoted(raw: dt.date | dt.time) -> None:
    """A clerk who typed a date where a count belongs is shown the date (the message said
    ``日期 <datetime> 不是数值`` once the errors became notes: the value was lost)."""
    from zfxxgk.core.cellvalue import interpret
    from zfxxgk.core.editions import EDITIONS

    field = next(f for f in EDITIONS["2021"].fields() if f.path[-1] == "natural_person")
    with pytest.raises(zfxxgk.errors.CellValueError) as info:
        interpret(raw, field)
    assert info.value.code == "cell-date"
    assert info.value.note.params["value"] == str(raw)


@pytest.mark.parametrize("raw", ["12\n人次", "1\r\nx", "abc\u2028def", "x\x00y"])
def test_a_cell_with_a_line_break_makes_a_one_line_error(raw: str) -> None:
    """Alt+Enter in a cell: the error still prints on one line (the break shown as \\n)."""
    from zfxxgk.core.cellvalue import interpret
    from zfxxgk.core.editions import EDITIONS

    field = next(f for f in EDITIONS["2021"].fields() if f.path[-1] == "natural_person")
    with pytest.raises(zfxxgk.errors.CellValueError) as info:
        interpret(raw, field)
    err = info.value.located(file="报表\n第二行.xlsx", sheet="表\n三", cell="D7")
    for text in (str(err), err.zh, err.en, err.to_dict()["message"]):
        assert not any(c in text for c in "\n\r\x00\u2028"), text


_HUGE_INTS = st.integers(min_value=10**4400, max_value=10**4500)
_ANY = st.one_of(
    _HUGE_INTS,
    st.lists(_HUGE_INTS, max_size=2),
    st.dictionaries(st.text(max_size=3), _HUGE_INTS, max_size=2),
    st.text(alphabet="1\n\r\u2028x", max_size=30),
)


@settings(max_examples=30, deadline=None)
@given(_ANY)
def test_whatever_is_assigned_a_refusal_is_a_one_line_zfxxgk_error(value: Any) -> None:
    """Values Python will not print (or print on several lines): each refusal is a
    catalogue error on one line, never a bare ValueError from ``repr``."""
    report = AnnualReport(edition="2021")
    for path in (
        ("applications", "new_received", "natural_person"),
        ("proactive", "fees", "amount"),
    ):
        try:
            report.set(path, value)
        except zfxxgk.ZfxxgkError as exc:
            assert "\n" not in str(exc)
    for key in ("agency", "year", "edition"):
        try:
            AnnualReport(**{"edition": "2021", key: value})
        except zfxxgk.ZfxxgkError as exc:
            assert "\n" not in str(exc)
