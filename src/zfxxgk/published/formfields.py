"""Values a page shows in form fields, made the text they show.

An online form's page (a CMS's report editor saved, a filled web form printed) shows a
number in a read-only text box: ``<td><input value="26" readonly></td>``. The value is
an attribute, not text: read as text the cell is empty, and the whole table reads as
blanks no warning names. A text box shows its value; a drop-down list (``<select>`` of
one line) the option a browser shows: the last of those marked selected, else its first
option not disabled; a list of several lines or several choices shows all its options,
which are written one after the other (no one of them is its value: the cell is read as
no number, with the reader's warning); a hidden field shows nothing and is dropped; a
check box, a radio button or a button shows no number and is left as it is; a
``<datalist>`` (the suggestions a text box offers while typed in) shows nothing and is
dropped. A field is a box of its own: a digit it shows is set apart by a space from a
digit beside it (26 before a box showing 26, or two boxes of 1 and 2, are two numbers,
not 2626 or 12).
"""

from __future__ import annotations

from typing import Any

from zfxxgk.published.elements import drop

#: The input types that show their value as text in a box.
_TEXT_TYPES = frozenset(("", "text", "number", "tel", "search", "url", "email", "date"))


def _text_of(el: Any) -> str:
    from lxml import etree

    return str(etree.tostring(el, method="text", encoding=str, with_tail=False))


def _beside(el: Any) -> tuple[str, str]:
    """The text just before the element and just after it, within its parent."""
    before = el.getprevious()
    if before is None:
        left = el.getparent().text or "" if el.getparent() is not None else ""
    else:
        left = before.tail or _text_of(before)
    after = el.getnext()
    right = el.tail or ("" if after is None else _text_of(after))
    return left, right


def _shown(el: Any, text: str) -> None:
    """The element made a ``span`` of the text it shows (its tail kept), set apart by a
    space from a digit beside it."""
    left, right = _beside(el)
    if text[:1].isdigit() and left.rstrip()[-1:].isdigit():
        text = " " + text
    if text[-1:].isdigit() and right.lstrip()[:1].isdigit():
        text = text + " "
    tail = el.tail
    for child in list(el):
        el.remove(child)
    el.tag = "span"
    el.attrib.clear()
    el.text = text
    el.tail = tail


def _select_shows(el: Any, texts: list[str]) -> str:
    """What a list box shows of its options' texts (see the module)."""
    options = list(el.iter("option"))
    size = (el.get("size") or "").strip()
    if el.get("multiple") is not None or (size.isdigit() and int(size) > 1):
        return " / ".join(texts)  # (all shown: none is the cell's one value)
    chosen = [i for i, o in enumerate(options) if o.get("selected") is not None]
    enabled = [i for i, o in enumerate(options) if o.get("disabled") is None]
    at = chosen[-1] if chosen else enabled[0] if enabled else None
    return "" if at is None else texts[at]


def field_values(root: Any) -> int:
    """Write each form field of the page as the text it shows (see the module); how
    many fields were written."""
    from lxml import etree

    done = 0
    for el in list(root.iter("datalist")):
        drop(el)
    for el in list(root.iter("input", "select")):
        if el.tag == "select":
            texts = [
                etree.tostring(o, method="text", encoding=str, with_tail=False).strip()
                for o in el.iter("option")
            ]
            _shown(el, _select_shows(el, texts))
            done += 1
            continue
        kind = (el.get("type") or "").strip().lower()
        if kind == "hidden":
            drop(el)
        elif kind in _TEXT_TYPES:
            _shown(el, el.get("value") or "")
            done += 1
    return done
