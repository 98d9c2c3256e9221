"""What every generated record and table class has beside its base's behaviour, written
once here rather than made for each class on import: equality and order over the values
in order, a repr naming them, pickling and copying that set the values back as they
were (not converted again), and a table's ``__init__``.

The generated classes list their values in ``__zfxxgk_keys__`` (and as ``__slots__``);
a class made by attrs on import cost about a millisecond each, most of a one-file read's
model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from zfxxgk.core.recordbase import Record, TableRecord
from zfxxgk.errors import ReportTypeError


class _Values:
    """Equality, order, repr and pickling over ``__zfxxgk_keys__``, as attrs made them."""

    __slots__ = ()
    __zfxxgk_keys__: ClassVar[tuple[str, ...]]

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, k) for k in self.__zfxxgk_keys__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Values)
        return self._values() == other._values()

    def __lt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Values)
        return self._values() < other._values()

    def __le__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Values)
        return self._values() <= other._values()

    def __gt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Values)
        return self._values() > other._values()

    def __ge__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Values)
        return self._values() >= other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as before

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__zfxxgk_keys__)
        return f"{self.__class__.__qualname__}({shown})"

    def __getstate__(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__zfxxgk_keys__}

    def __setstate__(self, state: dict[str, Any] | Sequence[Any]) -> None:
        """The values as pickled (a dict, as attrs pickled them; or a tuple in order),
        set as they were: a pickled value was converted when first assigned."""
        keys = self.__zfxxgk_keys__
        pairs = state.items() if isinstance(state, dict) else zip(keys, state, strict=False)
        for key, value in pairs:
            if key in keys:
                object.__setattr__(self, key, value)


class TypedRecord(_Values, Record):
    """Base of the generated record classes (one part of a table)."""

    __slots__ = ()


class TypedTable(_Values, TableRecord):
    """Base of the generated table classes (one table of an edition)."""

    __slots__ = ()


def init_table(
    table: TypedTable, parts: Sequence[Any], classes: Sequence[type[TypedRecord]]
) -> None:
    """A table's ``__init__``: each part given, or a new empty record of its class."""
    for key, part, cls in zip(type(table).__zfxxgk_keys__, parts, classes, strict=True):
        if part is None:
            # a new empty record: what its generated __init__ does with no values (every
            # value absent), without the call and the values' pass
            part = cls.__new__(cls)
            for name in cls.__zfxxgk_keys__:
                object.__setattr__(part, name, None)
        elif not isinstance(part, cls):  # a TypeError, as the part's assignment raises
            raise ReportTypeError(key, part, code="wrong-class", params={"expected": cls.__name__})
        object.__setattr__(table, key, part)
