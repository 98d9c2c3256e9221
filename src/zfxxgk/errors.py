"""Exceptions of zfxxgk: structured data, a one-line Chinese + English message.

Every error subclasses :class:`ZfxxgkError` and the matching builtin, so callers may catch
either. An error carries one :class:`~zfxxgk.notes.Note` — a code of the catalogue
(:data:`zfxxgk.notes.NOTE_KINDS`, severity ``error``), its place and its parameters — and
is rendered from it like every other note: ``str(error)`` names the file, the sheet and the
cell where there is one, then says what is wrong in Chinese and in English, on one line.
Code decides by :attr:`ZfxxgkError.code`, never by the wording. (Errors still raised with
two finished sentences carry them under the code ``error-text`` until they move into the
catalogue.)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

import attrs

from zfxxgk.noteparams import Cut, LastYear, Setting, Term
from zfxxgk.notes import Note, sheet_cell

#: A value quoted in a message (a cell's text) is cut to this many characters.
MAX_QUOTE = 300
#: Each language's part of a message, and a sheet's name, are cut to these.
MAX_MESSAGE = 1000
MAX_NAME = 100


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with its control characters (and line separators) written as escapes
    (``\\n``, ``\\x1b``, ``\\u2028``): a name printed in a one-line message or a report
    line can neither split it nor forge another line. Every printer of a name uses this."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: _NAMED.get(m.group()) or _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shorten(text: str, limit: int = MAX_QUOTE) -> str:
    """``text`` cut to ``limit`` characters, saying how long it was: a 7-million-character
    cell makes a one-line message, not a 44 MB one."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…（共 {len(text)} 字符 | {len(text)} characters）"


_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters written as escapes (``\\n``):
    a cell typed with Alt+Enter, or a file name with a newline, still makes one line."""
    if not _BREAKS.search(text):
        return text
    return _BREAKS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def os_reason(exc: OSError) -> str:
    """Why an OSError happened, as a message shows it: the system's text, else the error's
    own, else its class (never ``None``: an OSError made with a message has no strerror)."""
    return exc.strerror or str(exc) or type(exc).__name__


def _shown(value: Any) -> str:
    """A value as a message quotes it: text as typed, a huge number by its size."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 100:
        return f"~10^{int(value.bit_length() * 0.30103)}"  # Python will not print it
    if isinstance(value, str):
        return shorten(value)
    if isinstance(value, int | float | bool | dt.date | dt.time) or value is None:
        return shorten(str(value))
    if type(value).__name__ == "Decimal":
        return shorten(str(value))  # a Decimal of 100000 digits prints them all
    size = f" of {len(value)}" if hasattr(value, "__len__") else ""
    return f"<{type(value).__name__}{size}>"  # a container is named, never printed whole


def quote(value: Any) -> str:
    """A value of the wrong type as a message quotes it: Python's notation (``'2022'``,
    ``[1, 2]``) where it is short, else as :func:`_shown` names it; never an exception
    (``repr`` refuses an int of more than 4300 digits, even inside a list)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return _shown(value)
    if isinstance(value, str):
        return repr(shorten(value))
    if hasattr(value, "__len__") and not isinstance(value, bytes | bytearray):
        try:
            if len(value) > 20:
                return _shown(value)
        except Exception:  # an object whose __len__ fails is only named
            return f"<{type(value).__name__}>"
    try:
        return shorten(repr(value))
    except Exception:  # repr refuses (a huge int inside) or fails
        return f"<{type(value).__name__}>"


def _bounded(value: Any) -> Any:
    """A note parameter as an error keeps it: text cut like a message, anything else but a
    small number as :func:`_shown` shows it (the data of an error is as small as its text)."""
    if isinstance(value, str):
        return shorten(value, MAX_MESSAGE)
    if value is None or isinstance(value, bool | float):
        return value
    if isinstance(value, int):
        return value if value.bit_length() <= 100 else _shown(value)
    if isinstance(value, list | tuple) and len(value) <= 20:
        return [_bounded(v) for v in value]
    if isinstance(value, list | tuple):  # the first twenty, then …
        return Cut(tuple(_bounded(v) for v in value[:20]), len(value))
    if isinstance(value, Cut):
        return Cut(tuple(_bounded(v) for v in value.items[:20]), value.total)
    if isinstance(value, LastYear | Setting | Term):
        return value
    return _shown(value)


_E = TypeVar("_E", bound="ZfxxgkError")


class ZfxxgkError(Exception):
    """Base of every error zfxxgk raises on purpose.

    Every part of the message is bounded (see :func:`shorten`), whatever the callers
    quote: the place (file, sheet, cell) always shows.
    """

    slug = "error"

    def __init__(
        self,
        zh: str | None = None,
        en: str | None = None,
        *,
        file: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        note: Note | None = None,
    ) -> None:
        if note is None:
            if zh is None or en is None:
                raise TypeError("an error needs a note, or its Chinese and English text")
            note = Note("error-text", params={"zh": zh, "en": en})
        params = {k: _bounded(v) for k, v in note.params.items()}
        self._note = attrs.evolve(note, file=None, sheet=None, cell=None, params=params)
        self.zh = shorten(one_line(self._note.text("zh")), MAX_MESSAGE)
        self.en = shorten(one_line(self._note.text("en")), MAX_MESSAGE)
        self.file = file or note.file
        self.sheet = sheet or note.sheet
        self.cell = cell or note.cell
        super().__init__(self._render())

    @classmethod
    def of(
        cls: type[_E],
        code: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        **params: Any,
    ) -> _E:
        """The error of catalogue ``code`` with these parameters, at this place."""
        return cls(note=Note(code, params=params), file=file, sheet=sheet, cell=cell)

    @property
    def note(self) -> Note:
        """The error as a note: its code, its place and its parameters."""
        return attrs.evolve(self._note, file=self.file, sheet=self.sheet, cell=self.cell)

    @property
    def code(self) -> str:
        """The catalogue code (``error-text`` for an error not yet in the catalogue)."""
        return self._note.code

    def _render(self) -> str:
        where = self.where()
        text = f"{self.zh} | {self.en}"
        return printable(f"{where}: {text}" if where else text)

    def where(self) -> str:
        """The place as one string: ``file '工作表'!C7``."""
        parts = []
        if self.file:
            parts.append(shorten(one_line(str(self.file)), MAX_MESSAGE))
        sheet = shorten(one_line(self.sheet), MAX_NAME) if self.sheet else self.sheet
        cell = shorten(one_line(self.cell), MAX_NAME) if self.cell else self.cell
        if sheet and cell:
            parts.append(sheet_cell(sheet, cell))
        elif sheet:
            parts.append(f"工作表/sheet '{sheet}'")
        elif cell:
            parts.append(cell)
        return " ".join(parts)

    def located(
        self, file: str | None = None, sheet: str | None = None, cell: str | None = None
    ) -> ZfxxgkError:
        """Fill in the place where it is not yet known, and return self."""
        self.file = self.file or file
        self.sheet = self.sheet or sheet
        self.cell = self.cell or cell
        self.args = (self._render(),)
        return self

    def __str__(self) -> str:
        return self._render()

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (and copied) as its class and its data: the constructors take other
        arguments than the message that the default passes back."""
        return (_rebuild, (type(self), dict(self.__dict__)))

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "type": self.slug,
            "code": self.code,
            "params": self.note.to_dict()["params"],
            "message": self._render(),
            "zh": self.zh,
            "en": self.en,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
        }


def _rebuild(cls: type[ZfxxgkError], state: dict[str, Any]) -> ZfxxgkError:
    """An error unpickled: its data restored, its constructor not called again."""
    error = cls.__new__(cls)
    error.__dict__.update(state)
    error.args = (error._render(),)
    return error


class UnknownEditionError(ZfxxgkError, ValueError):
    """An edition that zfxxgk does not know."""

    slug = "unknown-edition"

    def __init__(self, edition: str, known: tuple[str, ...], *, year: int | None = None) -> None:
        """``year``: no edition covers this report year (``edition`` names it)."""
        self.edition = edition
        self.known = known
        if year is not None:
            note = Note("edition-year-unknown", params={"year": year, "known": list(known)})
        else:
            note = Note("unknown-edition", params={"edition": edition, "known": list(known)})
        super().__init__(note=note)


class ReportValueError(ZfxxgkError, ValueError):
    """A value that a report cannot hold (wrong type, not whole, too large)."""

    slug = "value"

    def __init__(
        self,
        field: str,
        value: Any,
        zh: str | None = None,
        en: str | None = None,
        *,
        code: str | None = None,
        note: Note | None = None,
        **where: Any,
    ) -> None:
        """``code`` (with the value as ``value`` and ``params``): the catalogue's message for
        the field; ``note``: an error of another field carried over (its field replaced)."""
        self.field = field
        self.value = value
        params = dict(where.pop("params", None) or {})
        if code is not None:
            note = Note(code, params={"value": _shown(value), **params})
        if note is not None:
            note = attrs.evolve(note, params={**note.params, "field": field})
            super().__init__(note=note, **where)
        else:
            assert zh is not None and en is not None
            super().__init__(f"{field}：{zh}", f"{field}: {en}", **where)


class ReportTypeError(ReportValueError, TypeError):
    """A value of a type a report field does not take (a bool, a string for a count)."""

    slug = "type"


class ReportKeyError(ZfxxgkError, KeyError):
    """A key in report data that the edition does not have."""

    slug = "unknown-key"

    def __init__(
        self,
        key: str,
        zh: str | None = None,
        en: str | None = None,
        *,
        code: str | None = None,
        params: dict[str, Any] | None = None,
        **where: Any,
    ) -> None:
        self.key = key
        if code is not None:
            super().__init__(note=Note(code, params={"key": key, **(params or {})}), **where)
        else:
            super().__init__(zh, en, **where)

    def __str__(self) -> str:  # KeyError would quote the message
        return self._render()


class UnknownFieldError(ZfxxgkError, AttributeError):
    """An attribute of a report object that is not one of its fields (a typo)."""

    slug = "unknown-field"

    def __init__(self, name: str, owner: str, close: str | None = None) -> None:
        self.name = name
        params = {"owner": owner, "name": repr(name), "close": repr(close) if close else None}
        super().__init__(note=Note("unknown-field", params=params))


class InputFileError(ZfxxgkError, OSError):
    """An input that cannot be opened: missing, a directory, unreadable."""

    slug = "input-file"


class InputNotFoundError(InputFileError, FileNotFoundError):
    """An input file that does not exist."""

    slug = "not-found"


class WorkbookFormatError(ZfxxgkError, ValueError):
    """A file that is not a workbook zfxxgk can read (not a zip, corrupt, encrypted, …)."""

    slug = "workbook-format"


class LayoutError(ZfxxgkError, ValueError):
    """A workbook in which the report's tables cannot be found or told apart."""

    slug = "layout"


class CellValueError(ReportValueError):
    """A cell whose content is not a value of its field (12.7 for a count, 'abc')."""

    slug = "cell-value"


class JsonInputError(ZfxxgkError, ValueError):
    """Report data (JSON) that is malformed or not of the canonical form."""

    slug = "json"


class OutputError(ZfxxgkError, OSError):
    """An output that cannot be written (or would overwrite an input)."""

    slug = "output"


class DocumentInputError(ZfxxgkError, ValueError):
    """A document (PDF, Word, HTML, text) where a workbook or report JSON is expected."""

    slug = "document"
