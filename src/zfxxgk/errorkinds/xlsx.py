"""Error kinds raised by the spreadsheet layer (``zfxxgk.xlsx``)."""

from __future__ import annotations

from zfxxgk.notekind import NoteKind

KINDS: tuple[NoteKind, ...] = ()
