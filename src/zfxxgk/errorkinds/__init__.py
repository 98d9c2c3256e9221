"""The catalogue's error kinds (severity ``error``), one module per layer that raises them.

A :class:`~zfxxgk.errors.ZfxxgkError` carries a note of one of these codes; the Chinese and
English sentences live here, never at the raise site.
"""

from __future__ import annotations

from zfxxgk.errorkinds import app, core, published, workbook, xlsx
from zfxxgk.notekind import NoteKind

#: Every error kind, core first.
ERROR_KINDS: tuple[NoteKind, ...] = (
    *core.KINDS,
    *xlsx.KINDS,
    *workbook.KINDS,
    *published.KINDS,
    *app.KINDS,
)
