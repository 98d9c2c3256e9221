"""Error kinds raised by published reports (``zfxxgk.published``): text, HTML, Word, PDF, OCR."""

from __future__ import annotations

from zfxxgk.notekind import NoteKind

KINDS: tuple[NoteKind, ...] = ()
