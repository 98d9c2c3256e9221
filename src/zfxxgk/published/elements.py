"""Editing a page's element tree (lxml) as the HTML readers do."""

from __future__ import annotations

from typing import Any


def drop(el: Any) -> None:
    """Remove an element and what it holds, keeping the text after it."""
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
