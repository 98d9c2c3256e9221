"""Rich text runs raised or lowered (``vertAlign``): a footnote mark, no digit.

A cell's text written in runs (``<r><rPr><vertAlign val="superscript"/></rPr><t>1</t>
</r>``, as Excel keeps a ``<sup>`` pasted from a web page) shows 123 and a raised mark;
read as plain text it is 1231. The raised run's text is written with Unicode's
superscript or subscript characters (as :mod:`zfxxgk.published.raised` writes a raised
mark), which no reader takes for digits of a number.
"""

from __future__ import annotations

_SUPER = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def raised_run(text: str, align: str | None) -> str:
    """A run's text as shown: raised or lowered where its ``vertAlign`` says so."""
    if align == "superscript":
        return text.translate(_SUPER)
    if align == "subscript":
        return text.translate(_SUB)
    return text


class RunAlign:
    """The ``vertAlign`` of the rich text run being read, from expat's events (local
    names): None outside a raised or lowered run."""

    def __init__(self) -> None:
        self.align: str | None = None

    def start(self, tag: str, a: dict[str, str]) -> None:
        if tag == "r":
            self.align = None
        elif tag == "vertAlign":
            self.align = next((v for k, v in a.items() if k.rsplit(":", 1)[-1] == "val"), None)

    def end(self, tag: str) -> None:
        if tag == "r":
            self.align = None
