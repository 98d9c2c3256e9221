"""Struck-out text, as a reader writes it for the cell that holds it.

A reader marks each character a document shows struck out (``<del>``, ``<s>``,
``line-through``, Word's ``w:strike``) with U+0336 COMBINING LONG STROKE OVERLAY, the way
plain text shows a strike. What a person reads in a cell is then :func:`seen`: the text
not struck out, where there is any (``<del>12</del>13`` is 13); a cell of nothing but
struck text keeps its marks, so no number is read from it (the value reader refuses it
and the cell is left blank with a warning) and no label matches it.
"""

from __future__ import annotations

import re

from zfxxgk.xlsx.richruns import STROKE  # the mark after each struck-out character

__all__ = ["STROKE", "seen", "struck", "unstruck"]
_STRUCK = re.compile(r"[^\u0336]\u0336+")


def struck(text: str) -> str:
    """The text with every character but white space marked struck out."""
    return "".join(c if c.isspace() else c + STROKE for c in text)


def unstruck(text: str) -> str:
    """The text without its struck-out characters."""
    return _STRUCK.sub("", text) if STROKE in text else text


def seen(text: str) -> str:
    """What a person takes a cell's text to say: the text not struck out where there is
    any; else the struck text, marked (no value, no label)."""
    if STROKE not in text:
        return text
    rest = _STRUCK.sub("", text).strip()
    return rest if rest else text
