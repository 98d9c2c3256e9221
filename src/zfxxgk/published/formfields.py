"""Values a page shows in form fields, made the text they show.

An online form's page (a CMS's report editor saved, a filled web form printed) shows a
number in a read-only text box: ``<td><input value="26" readonly></td>``. The value is
an attribute, not text: read as text the cell is empty, and the whole table reads as
blanks no warning names. A text box shows its value; a drop-down list (``<select>`` of
one line) the option a browser shows: the last of those marked selected, else its first
option not disabled; a list of several lines or several choices shows all its options,
which are written one after the other (no one of them is its value: the cell is read as
no number, with the reader's warning); a hidden field shows nothing and is dropped; a
check box, a radio button or a button shows no number and is left as it is.
"""

from __future__ import annotations

from typing import Any

#: The input types that show their value as text in a box.
_TEXT_TYPES = frozenset(("", "text", "number", "tel", "search", "url", "email", "date"))


def _shown(el: Any, text: str) -> None:
    """The element made a ``span`` of the text it shows (its tail kept)."""
    tail = el.tail
    for child in list(el):
        el.remove(child)
    el.tag = "span"
    el.attrib.clear()
    el.text = text
    el.tail = tail


def _drop(el: Any) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        before = el.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


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
            _drop(el)
        elif kind in _TEXT_TYPES:
            _shown(el, el.get("value") or "")
            done += 1
    return done
