"""The bounds a package must keep before openpyxl opens it.

openpyxl builds an object for every cell, row, shared string and style of a workbook
and reads every part whole, without the bounds of :mod:`zfxxgk.xlsx.cells` (which keeps
only the first rows and columns): a workbook of 1.6 million cell styles took it 4 GB,
three 30 MiB sheets 1.6 GB. The paths that hand a workbook to openpyxl (``check
--annotate``, ``fill --engine openpyxl``, a template the fast fill cannot take) check
these counts first, reading the parts through :class:`SafeZip` (sizes bounded, DTDs
refused), and refuse a workbook over any of them with an error naming the bound.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from zfxxgk.errors import WorkbookFormatError
from zfxxgk.xlsx.safezip import SafeZip
from zfxxgk.xlsx.xmltext import part_bytes

#: Far above any report's workbook (the templates hold about 2,000 cells and 60 styles);
#: each costs openpyxl a few hundred bytes to a few kilobytes.
MAX_CELLS = 250_000
MAX_ROWS = 100_000
MAX_STRINGS = 100_000
#: Excel itself keeps at most 64,000 cell formats.
MAX_STYLES = 65_536
#: Every other element of the parts openpyxl reads (drawings, comments, names, …).
MAX_ELEMENTS = 2_000_000
#: Bytes of XML in all (three 30 MiB sheets cost openpyxl 1.6 GB and 90 s).
MAX_BYTES = 16 * 1024 * 1024


@attrs.frozen
class Bound:
    """One count a package must keep: its name, its limit, what it counts where (its
    error is the catalogue's ``too-many-<name>``)."""

    name: str
    limit: int
    tag: bytes | None  #: the element counted (any prefix); empty: every one; None: bytes
    parts: str  #: the prefix of the parts it counts in

    def count(self, data: bytes) -> int:
        """How many such elements ``data`` starts (C-speed counts, no list built)."""
        if self.tag is None:
            return len(data)
        if not self.tag:
            return data.count(b"<") - sum(data.count(b"<" + c) for c in (b"/", b"!", b"?"))
        n = sum(data.count(b"<" + self.tag + end) for end in _ENDS)
        if b":" + self.tag in data:
            n += sum(1 for _ in re.finditer(rb"<[\w.-]+:" + self.tag + rb"[\s/>]", data))
        return n


_ENDS = (b" ", b">", b"/", b"\t", b"\n", b"\r")

STYLES = Bound("styles", MAX_STYLES, b"xf", "xl/styles")
BOUNDS = (
    Bound("cells", MAX_CELLS, b"c", "xl/worksheets/"),
    Bound("rows", MAX_ROWS, b"row", "xl/worksheets/"),
    Bound("strings", MAX_STRINGS, b"si", "xl/sharedStrings"),
    STYLES,
    Bound("elements", MAX_ELEMENTS, b"", ""),
    Bound("bytes", MAX_BYTES, None, ""),
)


def check_for_openpyxl(path: Path) -> None:
    """Refuse a package openpyxl would spend unbounded memory or time on.

    Raises:
        WorkbookFormatError: a part is too large, holds a DTD, or a count is over its
            bound (the error names the bound and the limit).
    """
    counts = dict.fromkeys((b.name for b in BOUNDS), 0)
    with SafeZip(path) as z:
        for name in z.names:
            if not name.endswith((".xml", ".rels", ".vml")):
                continue
            data = part_bytes(z, name)  # DTDs refused, as openpyxl's engine does
            if data is None:
                continue
            for bound in BOUNDS:
                if name.startswith(bound.parts):
                    counts[bound.name] += bound.count(data)
                    if counts[bound.name] > bound.limit:
                        raise over(z, bound)


def over(z: SafeZip, bound: Bound) -> WorkbookFormatError:
    """The error for a package over ``bound``."""
    return z.error(f"too-many-{bound.name}", limit=bound.limit)
