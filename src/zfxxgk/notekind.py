"""One kind of note: its code, severity and message templates (the catalogue's entries)."""

from __future__ import annotations

import attrs


@attrs.frozen
class Clause:
    """A clause added to a message when its parameter is given (not None, not empty)."""

    param: str
    zh: str
    en: str


@attrs.frozen
class NoteKind:
    """One kind of note: its code, its severity and its message templates."""

    code: str
    severity: str
    zh: str  #: ``str.format`` template over the note's parameters
    en: str
    clauses: tuple[Clause, ...] = ()  #: added, in order, where their parameter is given
