"""The one label normaliser that every reader uses (formats.md §8.1).

Labels are compared after NFKC folding (full-width brackets, colons and commas become
ASCII), removing every kind of white space and line break, unifying quote marks and
applying the known variants (合计 → 总计, 结果维护 → 结果维持, …).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

#: No label is longer than this (the longest is under 100 characters): a longer text in
#: a cell is a paragraph, never looked at as a label, so label search costs at most this
#: much per cell however long its text.
MAX_LABEL = 400

#: white space, and the characters that show nothing (zero-width spaces and joiners,
#: direction marks, the word joiner, a byte-order mark, a soft hyphen)
_SPACE = re.compile(r"[\s\u00a0\u3000\u00ad\u200b-\u200f\u2060-\u2064\ufeff]+")
_ITEM_NUMBER = re.compile(r"^(\d+)[、,]")
#: quotation marks folded to ASCII ones, and the minus sign (NFKC leaves it: −3 is -3)
_QUOTES = str.maketrans({"“": '"', "”": '"', "＂": '"', "‘": "'", "’": "'", "\u2212": "-"})
#: Known variants seen in published reports, applied after folding (variant → canonical).
VARIANTS: tuple[tuple[str, str], ...] = (
    ("合计", "总计"),
    ("结果维护", "结果维持"),
    ("信访投诉举报类", "信访举报投诉类"),
    ("只记这一情形,不记其他情形", "只计这一情形,不计其他情形"),
    ("逾期不补正,行政机关", "逾期不补正、行政机关"),
    ("缴纳费用,行政机关", "缴纳费用、行政机关"),
    ("其它", "其他"),
)

#: The traditional forms of the characters of the editions' labels (予以公開, 總計): a
#: label written in them is the same label.
_TRADITIONAL = str.maketrans(
    "萬業舉於會關內決況減辦務動區單舉發後國處復複審對屬廢開強當總執護報無機權構沒現確穩類糾納組織經結繼續維繳罰範獲補規計認議許訟訪訴詢請購費轉過這採項額數",
    "万业举于会关内决况减办务动区单举发后国处复复审对属废开强当总执护报无机权构没现确稳类纠纳组织经结继续维缴罚范获补规计认议许讼访诉询请购费转过这采项额数",
)


_QUOTE_PAIRS = tuple((chr(k), v) for k, v in _QUOTES.items())
#: Any character the tables above change (searched in C before a translate).
_QUOTED = re.compile("[" + re.escape("".join(map(chr, _QUOTES))) + "]")
_IN_TRADITIONAL = re.compile("[" + re.escape("".join(map(chr, _TRADITIONAL))) + "]")


def normalize(text: Any) -> str:
    """The comparable form of a label (also of None and numbers: their text)."""
    if text is None:
        return ""
    s = text if isinstance(text, str) else str(text)
    # labels are short: long texts (paragraphs) get a small cache of their own, so that
    # they cannot fill the labels' cache with megabytes
    return _normalize(s) if len(s) <= 256 else _normalize_long(s)


@functools.lru_cache(maxsize=8)
def _normalize_long(text: str) -> str:
    return _normalize.__wrapped__(text)


#: A run of Han ideographs of the unified block: NFKC leaves each as it is and composes
#: none with a neighbour (none decomposes; no composition starts or ends with one), so a
#: text is folded in the pieces between such runs, as it would be whole.
_HAN_RUN = re.compile(r"([\u4e00-\u9fff]+)")


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``; a paragraph's Chinese prose several
    times faster: only what stands between its runs of Han characters is folded."""
    if len(text) <= 64:
        return unicodedata.normalize("NFKC", text)
    parts = _HAN_RUN.split(text)
    parts[::2] = [unicodedata.normalize("NFKC", p) for p in parts[::2]]
    return "".join(parts)


@functools.lru_cache(maxsize=16384)
def _normalize(text: str) -> str:
    s = nfkc(text)
    s = _SPACE.sub("", s)
    # translate looks every character up in its table, in Python's dicts: a paragraph's
    # few hundred characters cost far more than the search for one that it changes
    if _QUOTED.search(s) is not None:  # (six characters: replaced one by one, in C)
        for quote, folded in _QUOTE_PAIRS:
            s = s.replace(quote, folded)
    if _IN_TRADITIONAL.search(s) is not None:
        s = s.translate(_TRADITIONAL)
    s = _ITEM_NUMBER.sub(r"\1.", s)
    for variant, canonical in VARIANTS:
        s = s.replace(variant, canonical)
    return s


_NOTE = re.compile(r"\([^()]*\)$")


def core(normal: str) -> str:
    """A normalised label without the bracketed notes at its end.

    ``(二)部分公开(区分处理的,…)`` → ``(二)部分公开``; ``规章(设区的市…)`` → ``规章``; a
    bracket inside the label stays: ``第二十条第(九)项``.
    """
    out = normal
    while True:
        stripped = _NOTE.sub("", out)
        if stripped == out or not stripped:
            return out
        out = stripped


def display_width(text: str) -> int:
    """Width of text in character cells: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
