"""Error kinds raised by the application layer, the command line and the desk."""

from __future__ import annotations

from zfxxgk.notekind import NoteKind

KINDS: tuple[NoteKind, ...] = ()
