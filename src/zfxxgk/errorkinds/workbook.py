"""Error kinds raised by filling and reading workbooks (``zfxxgk.workbook``)."""

from __future__ import annotations

from zfxxgk.notekind import NoteKind

KINDS: tuple[NoteKind, ...] = ()
