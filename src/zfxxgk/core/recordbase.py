"""The base classes of the report's typed records: a part of a table and a table.

The concrete classes are generated Python source (:mod:`zfxxgk.core.typed`), one class per
record and per edition's table; these bases give them their behaviour: every assignment is
converted and type-checked once, and a name that is not a field raises, naming the nearest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from zfxxgk.core.layout import Field, Kind, Table
from zfxxgk.core.values import Value, convert
from zfxxgk.errors import ReportTypeError, UnknownFieldError
from zfxxgk.xlsx.numbers import MAX_EXACT_INT

#: What :func:`zfxxgk.core.typed.bind` gives a class when its edition is first used.
_BOUND = frozenset(
    {
        "__zfxxgk_fields__",
        "__zfxxgk_record__",
        "__zfxxgk_table__",
        "__zfxxgk_edition__",
        "__zfxxgk_parts__",
    }
)


def _no_binder() -> None:
    raise AttributeError("no typed classes imported")


#: Set by :mod:`zfxxgk.core.typed` when it is imported (before any of its classes exist).
bind_every_edition: Callable[[], None] = _no_binder


def _bound(obj: object, name: str) -> Any:
    """``name`` of ``obj``'s class, binding every edition's classes first where the class
    was reached without them (unpickled in a fresh process, imported by name)."""
    if name not in _BOUND:
        raise AttributeError(name)
    bind_every_edition()
    return getattr(type(obj), name)  # AttributeError still for a class no edition uses


def unknown_field(owner: object, name: str, known: Iterable[str]) -> AttributeError:
    """An AttributeError for a name the class does not have, with the nearest one."""
    import difflib  # only for a misspelt name

    close = difflib.get_close_matches(name, list(known), n=1)
    return UnknownFieldError(name, type(owner).__name__, close[0] if close else None)


class Record:
    """Base of the record classes: one row (part) of a table, one attribute per value.

    Assigning a value converts and type-checks it once (:func:`zfxxgk.core.values.convert`);
    assigning a name that is not a field raises, naming the nearest field.
    """

    __slots__ = ()
    __zfxxgk_fields__: ClassVar[dict[str, Field]]
    __zfxxgk_record__: ClassVar[str]
    __zfxxgk_keys__: ClassVar[tuple[str, ...]]  #: the values, in order (generated)

    if not TYPE_CHECKING:  # type checkers see no __setattr__, so they refuse a typo

        def __setattr__(self, name: str, value: Any) -> None:
            field = self.__zfxxgk_fields__.get(name)
            if field is None:
                raise unknown_field(self, name, self.__zfxxgk_fields__)
            if value is not None and not is_typed(field.kind, value):
                where = f"{self.__zfxxgk_record__}.{name}"
                value = convert(field.kind, value, where, field.choices)
            object.__setattr__(self, name, value)

        def __getattr__(self, name: str) -> Any:  # only where the normal lookup failed
            return _bound(self, name)

    def keys(self) -> list[str]:
        return list(self.__zfxxgk_fields__)

    def __iter__(self) -> Iterator[str]:
        return iter(self.__zfxxgk_fields__)

    def __getitem__(self, key: str) -> Value:
        if key not in self.__zfxxgk_fields__:
            raise KeyError(key)
        return getattr(self, key)  # type: ignore[no-any-return]

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in self.__zfxxgk_fields__:
            raise KeyError(key)
        setattr(self, key, value)

    def is_empty(self) -> bool:
        """True when every value is absent."""
        return all(getattr(self, k) is None for k in self.__zfxxgk_fields__)


class TableRecord:
    """Base of the table classes: one attribute per part of the table."""

    __slots__ = ()
    __zfxxgk_table__: ClassVar[Table]
    __zfxxgk_edition__: ClassVar[str]
    __zfxxgk_parts__: ClassVar[tuple[str, ...]]

    def parts(self) -> list[str]:
        return list(self.__zfxxgk_parts__)

    if not TYPE_CHECKING:  # type checkers see no __setattr__, so they refuse a typo

        def __setattr__(self, name: str, value: Any) -> None:
            parts = self.__zfxxgk_parts__
            if name not in parts:
                raise unknown_field(self, name, parts)
            try:  # the part set before (not __getattr__: an unset part is no class)
                expected: type | None = type(object.__getattribute__(self, name))
            except AttributeError:
                expected = None
            if expected is not None and not isinstance(value, expected):
                params = {"expected": expected.__name__}
                raise ReportTypeError(name, value, code="wrong-class", params=params)
            object.__setattr__(self, name, value)

        def __getattr__(self, name: str) -> Any:  # only where the normal lookup failed
            return _bound(self, name)

    def __getitem__(self, part: str) -> Record:
        if part not in self.parts():
            raise KeyError(part)
        return getattr(self, part)  # type: ignore[no-any-return]


#: The kinds whose whole numbers (in a spreadsheet's exact range) :func:`convert` returns
#: as they are.
_EXACT_KINDS = frozenset({Kind.COUNT, Kind.SIGNED})


def is_typed(kind: Kind, value: Any) -> bool:
    """Whether ``value`` is already what :func:`convert` makes of it for ``kind`` (an
    int in range for a count: the common value of a filled workbook), so that it can be
    stored without converting it again."""
    # by identity: an enum member's hash is computed in Python, and this runs per value
    return (
        type(value) is int
        and (kind is Kind.COUNT or kind is Kind.SIGNED)
        and -MAX_EXACT_INT <= value <= MAX_EXACT_INT
    )


def set_typed(record: Record, key: str, value: Any) -> None:
    """The typed fast path: store ``value`` in a field of ``record`` for which
    :func:`is_typed` holds (the caller checked the field's kind and the value once, for
    instance per layout), without the converting assignment. Any other value must go
    through ``setattr``."""
    object.__setattr__(record, key, value)


def init_record(record: Record, values: Sequence[Any]) -> None:
    """A record's ``__init__``: every value absent, then the given ones assigned (each
    converted once by ``__setattr__``). A report makes some two hundred records, so the
    absent defaults are set directly."""
    blank = object.__setattr__
    for key, value in zip(type(record).__zfxxgk_keys__, values, strict=True):
        if value is None:
            blank(record, key, None)
        else:
            setattr(record, key, value)
