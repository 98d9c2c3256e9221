"""Superscript and subscript text: a footnote mark beside a number is no digit of it.

A page writes a footnote mark on a value as ``12345<sup>1</sup>`` (Word: a run raised by
``w:vertAlign``; Google Docs: a span of ``vertical-align:super``, inline or by its
class); a person reads 12345 and a mark, never 123451. Such text is written with
Unicode's superscript or subscript characters (¹, ₂), which no reader takes for digits
of a number (:func:`zfxxgk.core.cellvalue.interpret` refuses 12345¹ as it refuses 12345²
typed so: blank with a warning). At the end of a row's label such a mark is no number
glued to it (:func:`unraised`), though the label's comparable form (NFKC) makes ¹ a 1.
(Imports nothing of zfxxgk: the PDF helper process loads it by path.)
"""

from __future__ import annotations

import re

#: The characters a raised (superscript) and a lowered (subscript) mark is written with.
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾"
SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎"
_SUPER = str.maketrans("0123456789+-=()", SUPERSCRIPTS)
_SUB = str.maketrans("0123456789+-=()", SUBSCRIPTS)


def raised(text: str, sub: bool = False) -> str:
    """The text as superscript (``sub``: subscript) characters where Unicode has them."""
    return text.translate(_SUB if sub else _SUPER)


_MARKS = str.maketrans("", "", SUPERSCRIPTS + SUBSCRIPTS)


def unraised(text: str) -> str:
    """The text without its raised marks (``数量¹`` → ``数量``): a footnote mark, where
    the comparable form (NFKC) would make it a digit glued to the label."""
    return text.translate(_MARKS)


#: Word's classes of a footnote's and an endnote's mark in the HTML it saves: raised by
#: its style sheet, which a site that copies the table keeps or drops.
WORD_MARK_CLASSES = ("MsoFootnoteReference", "MsoEndnoteReference")
#: How Word's HTML says that a link is a footnote's or an endnote's mark (its style).
_WORD_NOTE = re.compile(r"mso-(?:foot|end)note-id\s*:", re.I)

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")
_ALIGN = re.compile(r"vertical-align\s*:\s*(super|sub)\b", re.I)
_CLASS = re.compile(r"^[a-z0-9]*\.([\w-]+)$", re.I)


def vertical(style: str | None) -> str | None:
    """ "super" or "sub" where a style raises or lowers its text (``vertical-align``, as
    Google Docs writes a footnote mark; Word's ``mso-footnote-id`` on a note's mark),
    else None."""
    if not style:
        return None
    if "/*" in style:  # (a comment is nothing to a browser: vertical-align:/**/super)
        style = _COMMENT.sub("", style)
    m = _ALIGN.search(style)
    if m is not None:
        return m.group(1).lower()
    return "super" if _WORD_NOTE.search(style) else None


def raises(styles: str) -> bool:
    """Whether a page's styles (its style sheets and inline styles:
    :func:`~zfxxgk.published.pagestyles.page_styles`) raise or lower any text, as
    :func:`vertical` reads a style: by ``vertical-align`` (``top`` or ``middle``, as Word
    aligns its cells, does not), or as Word's note marks (``mso-footnote-id``)."""
    return _ALIGN.search(styles) is not None or _WORD_NOTE.search(styles) is not None


def raising_classes(sheets: list[str]) -> dict[str, str]:
    """The classes that a page's style sheets raise or lower (``.c7{vertical-align:
    super}``, as Google Docs writes them): class → "super" or "sub". Only a selector of
    one class (after a tag or none) is read; the last rule for a class decides. Word's
    note marks (:data:`WORD_MARK_CLASSES`) are raised where no rule says otherwise (a
    site that copies Word's table drops the style sheet that raises them)."""
    out: dict[str, str] = dict.fromkeys(WORD_MARK_CLASSES, "super")
    for sheet in sheets:
        for m in _RULE.finditer(_COMMENT.sub("", sheet)):
            says = vertical(m.group(2))
            baseline = says is None and "vertical-align" in m.group(2).lower()
            for selector in m.group(1).split(","):
                name = _CLASS.match(selector.strip())
                if name is None:
                    continue
                if says is not None:
                    out[name.group(1)] = says
                elif baseline:
                    out.pop(name.group(1), None)
    return out
