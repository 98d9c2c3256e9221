"""A table's sections as a browser lays them out, before its rows are read in order.

- A ``<tfoot>`` written before the body (HTML 4 asked for it there; older editors and
  CMSs still write it so) is shown after it: its rows (a table's 总计 rows) are read
  after the body's, where a person sees them.
- ``rowspan="0"`` (or ``00``, ``+0``: the HTML standard's integers) spans the cell down
  to the end of its section (HTML 5; a merged label written so covers the rest of the
  body): :func:`row_span` counts those rows for the table's walk, so that the rows below
  keep their columns.
"""

from __future__ import annotations

import functools
from typing import Any

from zfxxgk.published import grid


def _rows_of(section: Any) -> list[Any]:
    return [tr for tr in section if tr.tag == "tr"]


def row_span(td: Any, value: str) -> int:
    """How many rows a cell of ``rowspan=value`` covers: the attribute read as the HTML
    standard reads it (:func:`~zfxxgk.published.grid.row_span`), 0 to the end of its
    section. (A span past its section's end is laid out as written, not cut there as a
    browser cuts it: a report's label that spans into a foot written apart is its
    author's grid, and the rows read by their labels either way.)"""
    rows = grid.row_span(value)
    return rows if rows else to_section_end(td)


def to_section_end(td: Any) -> int:
    """How many rows a cell of ``rowspan="0"`` covers: its row and those after it in its
    section (a table's rows outside any section are one section)."""
    tr = td.getparent()
    if tr is None or tr.tag != "tr" or tr.getparent() is None:
        return 1
    return 1 + int(_following_rows()(tr))


@functools.cache
def _following_rows() -> Any:
    """The number of rows after a row in its section (counted in C: no element made)."""
    from lxml import etree

    return etree.XPath("count(following-sibling::tr)")


def feet_last(root: Any) -> None:
    """Move each table's ``tfoot`` after its last body (see the module)."""
    for table in root.iter("table"):
        foots = [c for c in table if c.tag == "tfoot"]
        bodies = [c for c in table if c.tag in ("tbody", "tr")]
        if foots and bodies and table.index(foots[-1]) < table.index(bodies[-1]):
            for foot in foots:
                tail = foot.tail
                table.remove(foot)
                foot.tail = tail
                table.append(foot)
