"""Rich text runs raised or lowered (``vertAlign``): a footnote mark, no digit; runs
coloured white beside runs that are not: junk no one sees; runs struck out (``strike``):
each character marked (:data:`STROKE`), no digit of the number beside them (~~12~~15 is
not 1215).

A cell's text written in runs (``<r><rPr><vertAlign val="superscript"/></rPr><t>1</t>
</r>``, as Excel keeps a ``<sup>`` pasted from a web page) shows 123 and a raised mark;
read as plain text it is 1231. The raised run's text is written with Unicode's
superscript or subscript characters (as :mod:`zfxxgk.published.raised` writes a raised
mark), which no reader takes for digits of a number. A run coloured white (``rgb``
FFFFFF, the theme's Background 1) in a text whose other runs show text is anti-copy
junk pasted from a web page (``12<span style="color:#fff">7</span>3``): left out, as the
HTML reader leaves out white text beside what a cell shows; a text all white is kept
(the cell's own fill may show it). The strings are read with their white runs marked
(:data:`WHITE`); :func:`shown_string` decides where the cell's fill is not known,
:func:`whole_string` where the cell has a fill of a colour (white text on it is seen:
a run of it beside runs in the cell's own white font is a digit of the number).
"""

from __future__ import annotations

import re

from zfxxgk.xlsx.colours import near_white_hex
from zfxxgk.xlsx.xmltext import unescape_escapes as unescape

_SUPER = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def raised_run(text: str, align: str | None) -> str:
    """A run's text as shown: raised or lowered where its ``vertAlign`` says so."""
    if align == "superscript":
        return text.translate(_SUPER)
    if align == "subscript":
        return text.translate(_SUB)
    return text


#: The mark after each character of a struck-out run (U+0336 COMBINING LONG STROKE
#: OVERLAY, as :mod:`zfxxgk.published.struck` marks struck text): no digit of a number.
STROKE = "\u0336"
_OFF = frozenset(("0", "false", "off"))


def struck_run(text: str) -> str:
    """A struck-out run's text, each character but white space marked."""
    return "".join(c if c.isspace() else c + STROKE for c in text)


#: Around a white run's text until its cell is known (a noncharacter: never in a file).
WHITE = _WHITE = "\ufdd2"
#: The run properties this module reads.
TAGS = frozenset(("r", "vertAlign", "color", "strike"))


class RunAlign:
    """The ``vertAlign``, whiteness and strike of the rich text run being read, from
    expat's events (local names; :data:`TAGS`): None and False outside such a run."""

    def __init__(self) -> None:
        self.align: str | None = None
        self.white = False
        self.strike = False

    def start(self, tag: str, a: dict[str, str]) -> None:
        if tag == "r":
            self.align, self.white, self.strike = None, False, False
            return
        la = {k.rsplit(":", 1)[-1]: v for k, v in a.items()}
        if tag == "strike":
            self.strike = la.get("val", "true").strip().lower() not in _OFF
        elif tag == "vertAlign":
            self.align = la.get("val")
        elif tag == "color":
            rgb = la.get("rgb", "").strip().upper()
            theme = la.get("theme", "").strip() == "0" and la.get("tint", "0") in ("0", "0.0")
            self.white = near_white_hex(rgb) or theme  # (FFFFFF, or near it)

    def end(self, tag: str) -> None:
        if tag == "r":
            self.align, self.white, self.strike = None, False, False

    def text(self, data: str) -> str:
        """A piece of the run's text as the string keeps it until it is whole (a struck
        run's marked: :data:`STROKE`)."""
        if self.align:
            data = raised_run(data, self.align)
        if self.strike:
            data = struck_run(data)
        return _WHITE + data + _WHITE if self.white else data


def plain_chars(data: str) -> str:
    """A piece of a string's text as a file holds it, without the marker's character
    (a noncharacter a file may hold all the same: no one sees it), so that only
    :class:`RunAlign` marks white runs."""
    return data.replace(_WHITE, "") if _WHITE in data else data


#: The marker's character as an ``_xHHHH_`` escape (not an escaped ``_x005F_``'s).
_ESCAPED = re.compile(r"(?<!_x005[fF])_x[fF][dD][dD]2_")


def unescaped(text: str) -> str:
    """A string's text with its ``_xHHHH_`` escapes unescaped (``unescape``), an
    escaped marker's character left out (see :func:`plain_chars`)."""
    if "_x" in text:
        text = _ESCAPED.sub("", text)
    return unescape(text)


def has_marker(text: str) -> bool:
    """Whether a part's text holds the marker's character or its escape."""
    return _WHITE in text or bool(_ESCAPED.search(text))


def shown_string(text: str) -> str:
    """A string whose runs are read: its white runs left out where its other runs show
    text, else all of it."""
    if _WHITE not in text:
        return text
    parts = text.split(_WHITE)  # (the white pieces at odd places)
    seen = "".join(parts[0::2])
    return seen if seen.strip() else "".join(parts)


def whole_string(text: str) -> str:
    """A string whose runs are all seen (its cell's fill shows white runs)."""
    return text.replace(_WHITE, "") if _WHITE in text else text


def shown_values(cells: dict[tuple[int, int], object], coloured: set[tuple[int, int]]) -> None:
    """The cells' strings with white runs decided: whole in the ``coloured`` cells (a
    fill of a colour), else :func:`shown_string`."""
    for at, value in cells.items():
        if isinstance(value, str) and _WHITE in value:
            cells[at] = whole_string(value) if at in coloured else shown_string(value)
