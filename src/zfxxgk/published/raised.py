"""Superscript and subscript text: a footnote mark beside a number is no digit of it.

A page writes a footnote mark on a value as ``12345<sup>1</sup>`` (Word: a run raised by
``w:vertAlign``); a person reads 12345 and a mark, never 123451. Such text is written with
Unicode's superscript or subscript characters (¹, ₂), which no reader takes for digits
of a number (:func:`zfxxgk.core.cellvalue.interpret` refuses 12345¹ as it refuses 12345²
typed so: blank with a warning). At the end of a row's label such a mark is no number
glued to it (:func:`unmarked`), though the label's comparable form (NFKC) makes ¹ a 1.
"""

from __future__ import annotations

_SUPER = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def raised(text: str, sub: bool = False) -> str:
    """The text as superscript (``sub``: subscript) characters where Unicode has them."""
    return text.translate(_SUB if sub else _SUPER)


_MARKS = str.maketrans("", "", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def unmarked(text: str) -> str:
    """The text without its raised marks (``数量¹`` → ``数量``): a footnote mark, where
    the comparable form (NFKC) would make it a digit glued to the label."""
    return text.translate(_MARKS)
