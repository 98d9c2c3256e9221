"""Reading what a person typed into a cell as the value of its field.

Numbers stored as text, full-width digits, thousands separators, a leading apostrophe,
whole floats, 增5 / 减4 / +3 / -3 in 本年增/减, a 元 or 万元 suffix on money, a measure
word after a count (12件), a dash for none (—, -: 0) and the tokens of nothing stated
(/, 无) are understood; each interpretation is described in a note. Text that
is not a number and a count that is not whole are errors, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from zfxxgk.core.layout import Field, Kind
from zfxxgk.core.values import UNIT_FACTORS, decimal_of
from zfxxgk.errors import CellValueError
from zfxxgk.notes import Note
from zfxxgk.xlsx.cells import CellErrorValue

#: A reader's mark on a cell's text: the number it shows may not be the cell's (a piece
#: of a number wrapped over lines, printed as near to the rows around as to its own).
#: A noncharacter, never in a document's text: the cell reads as a value where a table's
#: values are told from its labels, and is never taken for a number.
UNSURE = "\ufdd0"
#: A reader's mark around a cell's text that a person may not see: written white on the
#: white page as far as the reader can tell (a background it cannot read, a linked style
#: sheet's, may show it). Another noncharacter: the cell reads as a value, never a number.
UNSEEN = "\ufdd1"
#: A reader's mark after a spreadsheet formula's stored result that its own formula does
#: not give (a script's stale or placeholder result): what a spreadsheet shows, the
#: stored number or the one it computes on opening, is not proved; alone, a formula with
#: no stored result that the reader cannot compute. A value, never a number.
STALE = "\ufdd3"
#: A reader's mark after a number a spreadsheet's format shows rounded (``0`` shows
#: 1234.5 as 1235): the number shown is not the one the cell holds, and which the report
#: means is not proved. A value, never a number.
ROUNDED = "\ufdd4"
_MARKS = {ord(UNSURE): None, ord(UNSEEN): None, ord(STALE): None, ord(ROUNDED): None}


def unmarked(text: str) -> str:
    """A cell's text without a reader's marks (:data:`UNSURE`, :data:`UNSEEN`,
    :data:`STALE`, :data:`ROUNDED`)."""
    return text.translate(_MARKS)


#: Tokens that mean "nothing stated" (read as None, the raw token kept in provenance).
ABSENT_TOKENS = frozenset({"-", "—", "——", "–", "－", "/", "／", "无", "N/A", "n/a", "NA", "\\"})
#: Measure words written after a count (12件): the count is the number before them.
COUNT_SUFFIXES = ("件", "个", "条", "份", "次", "项", "宗", "起")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
#: A number in exponent notation (Excel's Scientific format, and its General format where
#: the column is narrow: 1.23E+03), read only as :func:`_shows_units` allows.
_EXPONENT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d{1,4}$")


@attrs.frozen
class Reading:
    """A cell's value, what was interpreted to get it, and a money unit found in the text."""

    value: Any
    note: Note | None = None
    unit: str | None = None


#: The dashes a count of none is written as: by hand where the editions say to write 0
#: ("没有发生的事项应填 0"), and by Excel's accounting format, which shows a stored 0 so
#: (its CSV and a copy of its cells write the dash, the workbook keeps the 0).
_DASHES = frozenset("-—–－")


def is_absent_token(text: str) -> bool:
    """True for the text a person types for "nothing stated" (/, 无, N/A …) or for none
    (a dash: —, -, read as 0): text where a value stands."""
    clean = _clean(text)
    return clean in ABSENT_TOKENS or (clean != "" and set(clean) <= set("-—–－"))


def _clean(text: str) -> str:
    if text.isascii():
        s = text
    else:  # (a character a person does not see is no part of what is written)
        s = unicodedata.normalize("NFKC", _keep_marks(_INVISIBLE.sub("", text)))
        s = s.replace("\u2212", "-")  # the minus sign (−3: typeset, Word's equations)
    s = _WHITE.sub("", s)
    return s.lstrip("'")


def _keep_marks(text: str) -> str:
    """Footnote marks and circled numbers (¹ ² ①: Unicode's "other numbers") kept as
    they are: NFKC would make them digits, and 12² would read as 122."""
    if not any(unicodedata.category(c) == "No" for c in text):
        return text
    return "".join(f"\ufffd{c}" if unicodedata.category(c) == "No" else c for c in text)


_WHITE = re.compile(r"[\s\u00a0\u3000]+")
#: Characters that show nothing: zero-width spaces and joiners, direction marks, the
#: word joiner and invisible operators, a byte-order mark, a soft hyphen (where the line
#: does not break on it). 1\u200b234 shows 1234.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
#: digits apart (1 2, 4\u00a05): two numbers, or one whose grouping is no thousands'
_DIGITS_APART = re.compile(r"\d[\s\u00a0\u3000]+\d")
_SPACE_GROUPED = re.compile(
    rf"[+\-增减]?\d{{1,3}}(?:[ \u00a0]\d{{3}})+(?:\.\d+)?(?:万元|元|[{''.join(COUNT_SUFFIXES)}])?"
)


def interpret(raw: Any, field: Field) -> Reading:
    """The value of ``field`` that ``raw`` (a cell's content) states.

    Raises:
        CellValueError: the content is not a value of the field (its place is the caller's).
    """
    kind = field.kind
    if raw is None:
        return Reading(None)
    if isinstance(raw, CellErrorValue):
        return Reading(None, Note("error-value", params={"raw": str(raw)}))
    if isinstance(raw, bool):
        raise _error(field, raw, "cell-logical")
    if isinstance(raw, dt.datetime | dt.date | dt.time):
        raise _error(field, raw, "cell-date")
    if not kind.accepts.number:
        text = _clean(str(raw))
        if text == "":
            return Reading(None)
        if text in field.choices:
            return Reading(text)
        raise _error(field, raw, "unit-not-allowed", allowed=list(field.choices))
    if isinstance(raw, int):
        return Reading(raw if kind.accepts.whole else Decimal(raw))
    if isinstance(raw, float):
        return _from_float(raw, field)
    if isinstance(raw, Decimal):
        return _from_decimal(raw, field, None)
    return _from_text(str(raw), field)


def _error(field: Field, raw: Any, code: str, **params: Any) -> CellValueError:
    return CellValueError(".".join(field.path), raw, code=code, params=params)


def _from_float(raw: float, field: Field) -> Reading:
    if raw != raw or raw in (float("inf"), float("-inf")):
        raise _error(field, raw, "cell-not-number")
    if field.kind is Kind.MONEY:
        return Reading(decimal_of(raw))
    if raw != int(raw):
        raise _error(field, raw, "count-not-whole")
    return Reading(int(raw))


def _from_decimal(value: Decimal, field: Field, note: Note | None) -> Reading:
    if field.kind is Kind.MONEY:
        return Reading(value, note)
    if value != value.to_integral_value():
        raise _error(field, value, "count-not-whole")
    return Reading(int(value), note)


def _shows_units(body: str) -> bool:
    """Whether a number in exponent notation shows its every digit down to the units
    (1.234E+03, 1.20E+01): a count so written is exactly that number. Excel writes the
    number it shows, rounded to the places its format keeps: 1.2E+03 is any count from
    1150 to 1249 (1234 in a narrow column), no number of the report's."""
    exponent = Decimal(body).as_tuple().exponent
    return isinstance(exponent, int) and exponent <= 0


def _from_text(raw: str, field: Field) -> Reading:
    if "\u0336" in raw:  # struck out (a reader marks each struck character): no value
        raise _error(field, raw, "cell-struck-out")
    if UNSURE in raw:  # a reader doubts the number is this cell's: no value
        raise _error(field, unmarked(raw), "cell-wrapped-unsure")
    if UNSEEN in raw:  # a person may not see it (white where no background is known)
        raise _error(field, unmarked(raw), "cell-white-unsure")
    if STALE in raw:  # a formula's stored result its formula does not give, or none
        stored = unmarked(raw)
        raise _error(field, stored, "cell-formula-stale" if stored else "cell-formula-unknown")
    if ROUNDED in raw:  # shown rounded from another number the cell holds
        raise _error(field, unmarked(raw), "cell-format-rounded")
    kind = field.kind
    text = _clean(raw)
    spaced = raw.strip() if raw.isascii() else _INVISIBLE.sub("", raw).strip()
    if _WHITE.search(spaced):  # white space inside: 1 2 is not 12 (1 234 is 1234)
        spaced = unicodedata.normalize("NFKC", spaced)
        if _DIGITS_APART.search(spaced) and not _SPACE_GROUPED.fullmatch(spaced):
            raise _error(field, raw, "cell-not-number")
    if text == "":
        return Reading(None, Note("blank-text") if raw else None)
    if set(text) <= _DASHES:  # (a dash for none: 0, as the editions say to write it)
        return Reading(
            0 if kind.accepts.whole else Decimal(0), Note("dash-zero", params={"raw": raw})
        )
    if is_absent_token(text):
        return Reading(None, Note("absent-token", params={"raw": raw}))
    sign = 1
    body = text
    params: dict[str, Any] = {"raw": raw}
    if kind is Kind.SIGNED and body[:1] in ("增", "减"):
        sign = -1 if body[0] == "减" else 1
        body = body[1:]
        params["sign"] = "-" if sign < 0 else "+"
    if kind.accepts.whole and body.endswith(COUNT_SUFFIXES) and len(body) > 1:
        params["suffix"] = body[-1]  # 12件: a count with its measure word
        body = body[:-1]
    unit = None
    if kind is Kind.MONEY:
        for suffix in ("万元", "元"):
            if body.endswith(suffix):
                unit = suffix
                body = body[: -len(suffix)]
                break
    if _GROUPED.match(body):
        body = body.replace(",", "")
        params["grouped"] = True
    if not _NUMBER.match(body):
        if kind.accepts.whole and _EXPONENT.match(body) and _shows_units(body):
            params["exponent"] = True  # 1.234E+03: every digit to the units is shown
        else:
            raise _error(field, raw, "cell-not-number")
    try:
        number = Decimal(body) * sign
    except InvalidOperation:
        raise _error(field, raw, "cell-not-number") from None
    note = Note("text-number", params=params)
    reading = _from_decimal(number, field, note)
    if unit is None:
        return reading
    fixed = field.unit
    if fixed is not None and unit != fixed:
        converted = reading.value * UNIT_FACTORS[unit] / UNIT_FACTORS[fixed]
        return Reading(
            converted,
            Note("unit-converted", params={"raw": raw, "unit": fixed, "value": str(converted)}),
        )
    return Reading(reading.value, reading.note, unit)
