"""Classes of cell text that must never become another number: digits apart (1 2),
footnote marks and circled numbers beside a count (12², 5①), with or without a measure
word. Each is refused (left blank with its note by a reader) or read as the count stated."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.core.cellvalue import COUNT_SUFFIXES, interpret
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.layout import Kind
from zfxxgk.errors import CellValueError

COUNT = next(f for f in EDITIONS["2021"].fields() if f.kind is Kind.COUNT)
#: Unicode's "other numbers": superscripts, circled and parenthesised digits, fractions
MARKS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "No"]
SPACES = st.sampled_from([" ", "  ", "\u00a0", "\u3000", "\t"])
WORDS = st.sampled_from(["", *COUNT_SUFFIXES])


def _read(text: str) -> object:
    try:
        return interpret(text, COUNT).value
    except CellValueError:
        return "refused"


@given(a=st.integers(0, 999), b=st.integers(0, 99), space=SPACES, word=WORDS)
def test_digits_apart_are_never_joined(a: int, b: int, space: str, word: str) -> None:
    assert _read(f"{a}{space}{b}{word}") == "refused"


@given(n=st.integers(0, 10**6), mark=st.sampled_from(MARKS), before=st.booleans(), word=WORDS)
def test_a_mark_beside_a_count_never_makes_another_number(
    n: int, mark: str, before: bool, word: str
) -> None:
    text = f"{mark}{n}{word}" if before else f"{n}{mark}{word}"
    assert _read(text) in ("refused", n)


@given(n=st.integers(0, 10**9), word=WORDS)
def test_thousands_grouped_by_spaces_are_one_count(n: int, word: str) -> None:
    grouped = f"{n:,}".replace(",", " ")
    assert _read(grouped + word) == n
