"""What a page's styles say, gathered once for the cheap tests before its tree is walked.

The hidden-text, raised-mark and block-table readers each decide from an element's inline
``style`` and from the page's style sheets; before walking a page they ask whether its
styles name what they look for at all. The text they search is the page's style sheets
and the distinct inline styles of its elements (a Word page writes the same few styles on
each of its thousand elements), not the page: a search of a few hundred characters
instead of a hundred thousand. Each is written without its comments (``display:/**/none``
is ``display:none`` to a browser) and ends in a semicolon (a declaration never runs on
into the next style's).
"""

from __future__ import annotations

import functools
import re
from typing import Any

_COMMENT = re.compile(r"/\*.*?\*/", re.S)


@functools.cache
def _inline_styles() -> Any:
    from lxml import etree

    # EXSLT's set:distinct keeps one attribute of each value, in C (a Word page writes
    # some 900 style attributes of a dozen values: each made a Python string cost more
    # than all the rest of the search)
    sets = {"set": "http://exslt.org/sets"}
    return etree.XPath("set:distinct(//@style)", namespaces=sets, smart_strings=False)


def page_styles(root: Any, sheets: list[str]) -> str:
    """The page's style sheets and its elements' distinct inline styles, one a line, each
    without its comments and ended by a semicolon."""
    return ";\n".join(
        _COMMENT.sub("", s) if "/*" in s else s for s in [*sheets, *_inline_styles()(root)]
    )
