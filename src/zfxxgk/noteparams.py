"""What a note's parameters hold — data, never words — and how each is shown per language.

A parameter is None (a blank), a number (``int``, ``Decimal``), a name or reference
(``str``), a list of such values, or one of the small typed values here: :class:`LastYear`
(a cell of last year's report), :class:`Setting` (a value under its label), :class:`Term`
(a word of zfxxgk's own vocabulary, shown in each language) and :class:`Cut` (the first
items of a longer list). The words around them — "空" / "blank", "上年" / "last year's",
the list separator — are added only when a message is made (:func:`shown`), in the
language asked; :func:`plain` gives the
JSON form, where a list stays a list.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

__all__ = ["MAX_TEXT", "Cut", "LastYear", "Setting", "Term", "cut", "given", "plain", "shown"]

#: a quoted text longer than this is cut (a 7-million-character cell makes a short line)
MAX_TEXT = 300

_BLANK = {"zh": "空", "en": "blank"}
_SEPARATOR = {"zh": "、", "en": ", "}
_LAST_YEAR = {"zh": "上年 {}", "en": "last year's {}"}
_NONE = {"zh": "无", "en": "none"}


@attrs.frozen
class LastYear:
    """A value of last year's report: a cell reference (or a field) of the previous year."""

    value: Any


@attrs.frozen
class Setting:
    """A value under its name (a column's label and the value a reading gives it), shown
    ``label=value``."""

    label: str
    value: Any


@attrs.frozen
class Term:
    """A word of zfxxgk's own vocabulary (a format's name): shown in the message's
    language, its JSON form is its key."""

    key: str
    zh: str
    en: str


@attrs.frozen
class Cut:
    """The first items of a list of ``total`` (shown followed by ``…`` when some are left
    out; its JSON form is the items shown)."""

    items: tuple[Any, ...]
    total: int


def cut(values: Iterable[Any], limit: int) -> Cut:
    """The first ``limit`` of ``values``, with how many there are."""
    items = tuple(values)
    return Cut(items[:limit], len(items))


def shown(value: Any, lang: str) -> Any:
    """A parameter as the message of ``lang`` (``zh`` or ``en``) shows it. Plain numbers
    pass through (a template may format them: ``{seconds:g}``)."""
    if value is None:
        return _BLANK[lang]
    if isinstance(value, str):
        return f"{value[:MAX_TEXT]}…" if len(value) > MAX_TEXT else value
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")  # as every output shows it: 1.50 stays 1.50, no exponent
    if isinstance(value, Term):
        return value.zh if lang == "zh" else value.en
    if isinstance(value, LastYear):
        return _LAST_YEAR[lang].format(shown(value.value, lang))
    if isinstance(value, Setting):
        return f"{shown(value.label, lang)}={shown(value.value, lang)}"
    if isinstance(value, Cut):
        more = "…" if value.total > len(value.items) else ""
        return f"{shown(list(value.items), lang)}{more}"
    if isinstance(value, list | tuple):
        if not value:
            return _NONE[lang]
        return _SEPARATOR[lang].join(str(shown(v, lang)) for v in value)
    return str(value)


def plain(value: Any) -> Any:
    """A parameter as JSON data: lists stay lists, a Decimal is its text, last year's
    value is ``{"previous_year": value}``, a setting ``{"label": …, "value": …}``."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Term):
        return value.key
    if isinstance(value, LastYear):
        return {"previous_year": plain(value.value)}
    if isinstance(value, Setting):
        return {"label": plain(value.label), "value": plain(value.value)}
    if isinstance(value, Cut):
        return [plain(v) for v in value.items]
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def given(value: Any) -> bool:
    """Whether a clause's parameter is given: not None, not empty, not False."""
    if isinstance(value, Cut):
        return bool(value.items)
    return value not in (None, "", False) and not (isinstance(value, list | tuple) and not value)
