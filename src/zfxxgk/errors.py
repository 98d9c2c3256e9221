"""Exceptions of zfxxgk: structured data, a one-line Chinese + English message.

Every error subclasses :class:`ZfxxgkError` and the matching builtin, so callers may catch
either. ``str(error)`` names the file, the sheet and the cell where there is one, then says
what is wrong in Chinese and in English, on one line.
"""

from __future__ import annotations

import re
from typing import Any

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


class ZfxxgkError(Exception):
    """Base of every error zfxxgk raises on purpose.

    Every part of the message is bounded (see :func:`shorten`), whatever the callers
    quote: the place (file, sheet, cell) always shows.
    """

    slug = "error"

    def __init__(
        self,
        zh: str,
        en: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
    ) -> None:
        self.zh = shorten(zh, MAX_MESSAGE)
        self.en = shorten(en, MAX_MESSAGE)
        self.file = file
        self.sheet = sheet
        self.cell = cell
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.where()
        text = f"{self.zh} | {self.en}"
        return printable(f"{where}: {text}" if where else text)

    def where(self) -> str:
        """The place as one string: ``file '工作表'!C7``."""
        parts = []
        if self.file:
            parts.append(shorten(str(self.file), MAX_MESSAGE))
        sheet = shorten(self.sheet, MAX_NAME) if self.sheet else self.sheet
        cell = shorten(self.cell, MAX_NAME) if self.cell else self.cell
        if sheet and cell:
            parts.append(f"'{sheet}'!{cell}")
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

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "type": self.slug,
            "message": self._render(),
            "zh": self.zh,
            "en": self.en,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
        }


class UnknownEditionError(ZfxxgkError, ValueError):
    """An edition that zfxxgk does not know."""

    slug = "unknown-edition"

    def __init__(self, edition: str, known: tuple[str, ...]) -> None:
        self.edition = edition
        self.known = known
        names = "、".join(known)
        super().__init__(
            f"未知的版式 {edition}，可用：{names}",
            f"unknown edition {edition}; known: {', '.join(known)}",
        )


class ReportValueError(ZfxxgkError, ValueError):
    """A value that a report cannot hold (wrong type, not whole, too large)."""

    slug = "value"

    def __init__(self, field: str, value: Any, zh: str, en: str, **where: Any) -> None:
        self.field = field
        self.value = value
        super().__init__(f"{field}：{zh}", f"{field}: {en}", **where)


class ReportTypeError(ReportValueError, TypeError):
    """A value of a type a report field does not take (a bool, a string for a count)."""

    slug = "type"


class ReportKeyError(ZfxxgkError, KeyError):
    """A key in report data that the edition does not have."""

    slug = "unknown-key"

    def __init__(self, key: str, zh: str, en: str, **where: Any) -> None:
        self.key = key
        super().__init__(zh, en, **where)

    def __str__(self) -> str:  # KeyError would quote the message
        return self._render()


class UnknownFieldError(ZfxxgkError, AttributeError):
    """An attribute of a report object that is not one of its fields (a typo)."""

    slug = "unknown-field"

    def __init__(self, name: str, zh: str, en: str) -> None:
        self.name = name
        super().__init__(zh, en)


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
