"""A footnote mark at the end of a label is no part of it.

A report marks a label with a footnote: 自然人¹, 规章*, 行政复议⁽²⁾, a row label or a
header alike. The label is the text before the mark; compared with the mark (NFKC makes
¹ a 1) it is no label of the edition, and a header so marked blanked its whole column,
a row label its row. A cell's trailing marks (raised characters, as the readers write a
raised mark: :mod:`~zfxxgk.published.raised`; asterisks, daggers, ※) are dropped where
the cell is a label: what is left holds a letter and does not look like a value. A
value with a mark (12345¹) is left as it is, for the cell reader to refuse.
"""

from __future__ import annotations

import re

import attrs

from zfxxgk.core.discover import looks_like_value
from zfxxgk.published.raised import SUBSCRIPTS, SUPERSCRIPTS
from zfxxgk.published.source import TextRow

#: What a footnote mark after a label is written with.
MARKS = frozenset(SUPERSCRIPTS + SUBSCRIPTS + "*＊※†‡")
_SPACE = " \t\r\n\u00a0\u3000"
#: A mark anywhere in a row's cells (the cells joined by NUL): most rows have none.
_ANY = re.compile("[" + re.escape("".join(sorted(MARKS))) + "]")


def label_unmarked(text: str) -> str:
    """A label cell's text without the footnote marks at its end; any other text as it
    is."""
    body = text.rstrip(_SPACE)
    if not body or body[-1] not in MARKS:
        return text
    while body and body[-1] in MARKS:
        body = body[:-1].rstrip(_SPACE)
    if not any(c.isalpha() for c in body) or looks_like_value(body):
        return text
    return body


def rows_unmarked(rows: tuple[TextRow, ...]) -> tuple[TextRow, ...]:
    """The rows with their label cells' footnote marks dropped (a row of none is kept)."""
    out = list(rows)
    for i, row in enumerate(rows):
        if _ANY.search("\0".join(row.cells)):
            cells = tuple(label_unmarked(c) if c else c for c in row.cells)
            if cells != row.cells:
                out[i] = attrs.evolve(row, cells=cells)
    return tuple(out)
