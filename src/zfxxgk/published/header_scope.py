"""The header a row's columns are read against: the header of the row's own table.

Discovery finds one header for a block of rows, the nearest above its first row. A
document may lay the block's rows out in several tables, each on its own grid of
columns: a PDF whose parts of one table, page after page, have different column rules
(a label column split on one page and not on the next), separate HTML tables, one per
page, each with its header repeated. A header's column proves where a row's value belongs
only in the header's own table; in another table the same column number may be the
column beside it. So a row in another table than its header is read against the header
repeated in its own table, found by the same labels, or not by its geometry at all.
"""

from __future__ import annotations

from typing import Any

from zfxxgk.core.discover import Place, looks_like_value
from zfxxgk.core.labels import normalize
from zfxxgk.core.layout import FieldPath
from zfxxgk.published.source import TextRow

#: A repeated header stands in this many consecutive rows at most.
HEADER_ROWS = 4


class HeaderScope:
    """Each row's header within its own table, found once per table and set of labels."""

    def __init__(self, rows: dict[int, TextRow], cells: dict[tuple[int, int], Any]) -> None:
        self.rows = rows
        self.cells = cells
        self.first: dict[int, int] = {}  # table → its first row
        self.judged: dict[tuple[int, tuple[int, ...]], bool] = {}  # apart's answers
        for r, row in sorted(rows.items()):
            if row.table is not None:
                self.first.setdefault(row.table, r)

    def apart(self, r: int, header: tuple[int, ...]) -> bool:
        """Whether row ``r`` is in another table than one of the ``header`` rows (its
        headers' rows): only then may :meth:`local` find other headers for it. Judged
        once per table and header rows."""
        table = self._table(r)
        if table is None:
            return False
        key = (table, header)
        if key not in self.judged:
            self.judged[key] = any(self._table(h) not in (table, None) for h in header)
        return self.judged[key]

    def _table(self, r: int) -> int | None:
        row = self.rows.get(r)
        return None if row is None else row.table

    def local(
        self, r: int, expected: list[FieldPath], heads: dict[FieldPath, Place]
    ) -> dict[FieldPath, Place] | None:
        """The headers of ``expected`` that row ``r`` is read against, where they differ
        from ``heads`` (found in another table): the same labels in the nearest header
        rows above ``r`` in its own table; a field whose label is not found there has no
        header. ``None`` where ``heads`` are the row's own (or tables are not known)."""
        table = self._table(r)
        if table is None:
            return None
        own = [h for p in expected if (h := heads.get(p)) is not None]
        if all(self._table(h.row) in (table, None) for h in own):
            return None
        labels: dict[str, list[FieldPath]] = {}  # each header label → its fields, in order
        for p in expected:
            h = heads.get(p)
            text = self.cells.get((h.row, h.col)) if h is not None else None
            if text:
                labels.setdefault(normalize(str(text)), []).append(p)
        out: dict[FieldPath, Place] = {}
        band: list[int] = []  # the rows the header labels were found in
        for label, fields in labels.items():
            r0 = self._nearest(r, table, label)
            if r0 is None:
                continue
            row = self.rows[r0]
            cols = [c for c, t in enumerate(row.cells) if t and normalize(t) == label]
            if len(cols) != len(fields):
                continue  # a label over several columns is told apart by order alone
            sheet = own[0].sheet if own else ""
            for p, c in zip(fields, cols, strict=True):
                out[p] = Place(sheet, r0, c)
            band.append(r0)
        if band and max(band) - min(band) >= HEADER_ROWS:
            return {}  # labels scattered over the table: no header of its own proved
        return out

    def _nearest(self, r: int, table: int, label: str) -> int | None:
        """The nearest row above ``r`` in ``table`` that holds ``label`` and no value."""
        for r0 in range(r - 1, self.first.get(table, r) - 1, -1):
            row = self.rows.get(r0)
            if row is None or row.table != table:
                continue
            cells = row.cells
            if any(c and normalize(c) == label for c in cells):
                if any(c and looks_like_value(c) for c in cells):
                    return None  # a data row: the label is a row's, not a header
                return r0
        return None
