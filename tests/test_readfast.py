"""The read's shortcuts (issue 19 §13) give exactly what the general reader gives.

The fast read (our template's known places and kept slots, the blank cells and whole
counts stored directly, the shown values gathered per sheet, the shared parts inflated
once) must give the same values, meta, provenance and notes as every cell read by
``read_cell`` at the same places (``report_from_found(..., shortcuts=False)``), and as
the general tolerant reader alone (``report_from_sheets(..., fast=False)``: the tables
found by their labels) wherever that one finds the same places (but the note that says
so), on random reports filled, and on edited copies of them: text numbers, a renamed
sheet, moved rows, stale stored totals, formulas without stored results.
"""

from __future__ import annotations

import copy
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from badfiles import members, rezip
from strategies import reports
from zfxxgk import AnnualReport, fill, read
from zfxxgk.core.discover import discover
from zfxxgk.core.editions.common import ADDED_SHEETS
from zfxxgk.errors import WorkbookFormatError, ZfxxgkError
from zfxxgk.notes import Note
from zfxxgk.workbook import read as reader
from zfxxgk.xlsx import safezip
from zfxxgk.xlsx.cells import Sheet
from zfxxgk.xlsx.safezip import SafeZip, has_declaration

SHEET3 = "xl/worksheets/sheet3.xml"


def _notes(report: AnnualReport) -> list[Note]:
    assert report.provenance is not None
    return [n for n in report.provenance.notes if n.code != "located-by-labels"]


def _agree(fast: AnnualReport, slow: AnnualReport) -> None:
    assert fast == slow
    assert fast.meta == slow.meta
    assert fast.provenance is not None and slow.provenance is not None
    assert fast.provenance.cells == slow.provenance.cells
    assert _notes(fast) == _notes(slow)


def _same_both_ways(path: Path, edit: Callable[[dict[str, Sheet]], None]) -> AnnualReport:
    """The fast and the general read of ``path`` (its sheets edited by ``edit``) agree
    in everything; the fast one. The file as it is is also read whole, from cold caches
    and again: the same."""
    for cache in (safezip._SHARED, reader._SLOTS, reader._SHOWN):
        cache.clear()
    cold = read(path)
    _agree(read(path), cold)
    loaded = reader.load_sheets(path)
    edit(loaded)

    def sheets() -> dict[str, Sheet]:
        return copy.deepcopy(loaded)

    try:
        fast = reader.report_from_sheets(sheets(), str(path))
    except ZfxxgkError as exc:  # then the general reader refuses the same way
        with pytest.raises(ZfxxgkError) as info:
            reader.report_from_sheets(sheets(), str(path), fast=False)
        assert (info.value.code, str(info.value)) == (exc.code, str(exc))
        raise
    _agree(reader.report_from_sheets(sheets(), str(path)), fast)  # with the kept slots
    # the same places, every cell read the general way: the same in everything
    cells = {name: s.cells for name, s in loaded.items() if name not in ADDED_SHEETS}
    found = discover(cells)
    general = reader.report_from_found(sheets(), str(path), found, shortcuts=False)
    _agree(fast, general)
    assert fast.provenance is not None and general.provenance is not None
    assert fast.provenance.notes == general.provenance.notes
    # and the general reader alone (tables by their labels), wherever it finds the same
    # places (a cover text that is also a table's label can make it leave a row out)
    by_labels = discover(cells, fast=False)
    if (by_labels.cells, by_labels.cover) == (found.cells, found.cover):
        _agree(fast, reader.report_from_sheets(sheets(), str(path), fast=False))
    return fast


# ------------------------------------------------------------------ hand-made edits


def _edit_sheet3(path: Path, out: Path, edit: Callable[[bytes], bytes]) -> Path:
    parts = members(path)
    parts[SHEET3] = edit(parts[SHEET3])
    return rezip(parts, out)


def _text_numbers(data: bytes) -> bytes:
    """Every other plain number of the sheet stored as a text (an inline string)."""
    count = [0]

    def one(m: re.Match[bytes]) -> bytes:
        count[0] += 1
        if count[0] % 2:
            return m.group(0)
        return m.group(1) + b' t="inlineStr"><is><t>' + m.group(2) + b"</t></is></c>"

    return re.sub(rb'(<c r="[A-Z]+\d+"(?: s="\d+")?)><v>(\d+)</v></c>', one, data)


def _stale_totals(data: bytes) -> bytes:
    """Each stored result of a SUM one more than it was: the cells changed, not the
    totals (a workbook saved without recalculating)."""
    return re.sub(
        rb"(<f>[^<]*SUM\([^<]*</f><v>)(\d+)(</v>)",
        lambda m: m.group(1) + str(int(m.group(2)) + 1).encode() + m.group(3),
        data,
    )


def _rename(sheets: dict[str, Sheet]) -> None:
    """The applications' sheet renamed 表三 (its place among the sheets kept)."""
    renamed = {("表三" if name == "三、依申请" else name): s for name, s in sheets.items()}
    sheets.clear()
    sheets.update(renamed)
    sheets["表三"].name = "表三"


def _move_rows(sheets: dict[str, Sheet]) -> None:
    """Two rows inserted above the applications' table: every cell two rows lower."""
    s = sheets["三、依申请"]
    s.cells = {(r + 2 if r >= 1 else r, c): v for (r, c), v in s.cells.items()}
    s.formulas = {(r + 2 if r >= 1 else r, c): v for (r, c), v in s.formulas.items()}
    s.blank_results = {(r + 2 if r >= 1 else r, c) for r, c in s.blank_results}


def _without_results(sheets: dict[str, Sheet]) -> None:
    """The formulas kept, none of their results stored (what openpyxl saves)."""
    for s in sheets.values():
        for at in s.formulas:
            s.cells.pop(at, None)
        s.blank_results = set()


def _same(sheets: dict[str, Sheet]) -> None:
    """No edit."""


#: each edit: of the file's bytes (a sheet part rewritten), then of the sheets read
EDITS: dict[str, tuple[Callable[[bytes], bytes] | None, Callable[[dict[str, Sheet]], None]]] = {
    "as filled": (None, _same),
    "text numbers": (_text_numbers, _same),
    "stale totals": (_stale_totals, _same),
    "renamed sheet": (None, _rename),
    "moved rows": (None, _move_rows),
    "formulas without results": (None, _without_results),
    "text numbers, moved": (_text_numbers, _move_rows),
    "stale totals, renamed": (_stale_totals, _rename),
}


def _edited(filled: Path, out: Path, name: str) -> AnnualReport:
    of_bytes, of_sheets = EDITS[name]
    path = filled if of_bytes is None else _edit_sheet3(filled, out, of_bytes)
    return _same_both_ways(path, of_sheets)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    report=st.sampled_from(["2019", "2021"]).flatmap(lambda ed: reports(ed)),
    edit=st.sampled_from(sorted(EDITS)),
)
def test_the_fast_read_is_the_general_read(tmp_path: Path, report: AnnualReport, edit: str) -> None:
    filled = tmp_path / "filled.xlsx"
    fill(report, filled)
    try:
        got = _edited(filled, tmp_path / "edited.xlsx", edit)
    except ZfxxgkError:
        assert edit != "as filled"  # an edit may leave what no reader takes; both refuse
        return
    if edit == "as filled":  # our own file: found at once, where the template has it
        assert got.provenance is not None
        assert not any(n.code == "located-by-labels" for n in got.provenance.notes)


def test_a_cover_text_that_is_a_label_does_not_move_a_row(tmp_path: Path) -> None:
    """Found by the test above: a meta value on the cover spelling a row's label. Our
    own layout (every label where the template has it) still reads the row; the label
    search, which then meets the label twice, leaves the row out rather than guess."""
    report = AnnualReport(edition="2019", meta={"agency_code": "二、上年结转政府信息公开申请数量"})
    report.applications.carried_over.natural_person = 3
    filled = tmp_path / "filled.xlsx"
    fill(report, filled)
    got = _same_both_ways(filled, _same)
    assert got.applications.carried_over.natural_person == 3
    assert got.meta["agency_code"] == "二、上年结转政府信息公开申请数量"
    by_labels = reader.report_from_sheets(reader.load_sheets(filled), str(filled), fast=False)
    assert by_labels.applications.carried_over.natural_person is None
    assert by_labels.provenance is not None
    assert "fields-without-cell" in {n.code for n in by_labels.provenance.notes}


def test_the_edits_make_what_they_say(tmp_path: Path) -> None:
    """Each edit reaches the read: the text numbers are noted, the stale totals read as
    stored, the renamed sheet is cited, the moved table is found by its labels, the
    formulas without results are evaluated."""
    report = AnnualReport(edition="2021", agency="某局", year=2024)
    report.applications.new_received.natural_person = 7
    report.applications.new_received.other_org = 4
    report.applications.disclosed.natural_person = 3
    filled = tmp_path / "filled.xlsx"
    fill(report, filled)
    codes: dict[str, set[str]] = {}
    for i, name in enumerate(EDITS):
        got = _edited(filled, tmp_path / f"{i}.xlsx", name)
        assert got.provenance is not None
        codes[name] = {n.code for n in got.provenance.notes}
        sheets = {c.sheet for c in got.provenance.cells.values()}
        assert ("表三" in sheets) == ("renamed" in name)
        total = got.applications.new_received.total
        assert total == (12 if "stale" in name else 11)  # stale: as stored
    assert codes["text numbers"] & {"text-number", "text-numbers"}
    assert "located-by-labels" in codes["moved rows"]
    assert "located-by-labels" not in codes["renamed sheet"]
    assert "formula-evaluated" in codes["formulas without results"]


# ------------------------------------------------------------------ the shared parts


def _with_crc(src: Path, out: Path, name: str, crc: int) -> Path:
    """``src`` with member ``name``'s CRC declared as ``crc`` (data unchanged)."""
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo(name)
    struct.pack_into("<I", data, info.header_offset + 14, crc)  # the local header
    raw = name.encode()
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:
        nlen = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + nlen] == raw:
            struct.pack_into("<I", data, pos + 16, crc)
        pos += 4
    out.write_bytes(bytes(data))
    return out


def test_a_shared_part_is_inflated_once_and_still_checked(tmp_path: Path) -> None:
    """Two packages holding the same compressed styles get the same bytes object; a
    package whose member has those compressed bytes but declares another CRC is not
    served from them: it is inflated and refused."""
    report = AnnualReport(edition="2019", agency="某局", year=2020)
    one, two = tmp_path / "one.xlsx", tmp_path / "two.xlsx"
    fill(report, one)
    report.agency = "另一局"
    fill(report, two)
    with SafeZip(one) as a, SafeZip(two) as b:
        first = a.read("xl/styles.xml", shared=True)
        second = b.read("xl/styles.xml", shared=True)
        assert first is not None and first is second
        assert b.read("xl/styles.xml") is second  # a package reads a member once
    with SafeZip(two) as b:
        assert b.read("xl/styles.xml") == first  # unshared: inflated again, the same
    with zipfile.ZipFile(one) as zf:
        crc = zf.getinfo("xl/styles.xml").CRC
    bad = _with_crc(one, tmp_path / "bad.xlsx", "xl/styles.xml", crc ^ 1)
    with SafeZip(bad) as z, pytest.raises(WorkbookFormatError) as info:
        z.read("xl/styles.xml", shared=True)
    assert info.value.code == "part-corrupt"
    with pytest.raises(WorkbookFormatError):
        read(bad)


def test_only_small_shared_parts_are_kept(tmp_path: Path) -> None:
    """A shared part is kept only when it and its compressed bytes are small: a deflate
    stream of empty blocks (megabytes that inflate to nothing) is not kept, so no file
    can make the cache hold much."""
    import zlib

    raw = b"\x00\x00\x00\xff\xff" * 40_000 + zlib.compress(b"<a/>", wbits=-15)
    assert zlib.decompress(raw, wbits=-15) == b"<a/>"
    safezip._SHARED.clear()
    path = _deflated(tmp_path / "big.zip", "xl/styles.xml", raw, b"<a/>")
    with SafeZip(path) as z:
        assert z.read("xl/styles.xml", shared=True) == b"<a/>"
    assert not safezip._SHARED


def _deflated(out: Path, name: str, raw: bytes, data: bytes) -> Path:
    """A zip of one member ``name`` whose deflate stream is ``raw`` (inflating to
    ``data``), its sizes and CRC declared right."""
    import zlib

    crc = zlib.crc32(data)
    encoded = name.encode()
    local = struct.pack(
        "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(raw), len(data), len(encoded), 0
    )
    central = struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(raw),
        len(data),
        len(encoded),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    body = local + encoded + raw
    directory = central + encoded
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), len(body), 0)
    out.write_bytes(body + directory + end)
    return out


def test_the_declaration_test_answers_for_each_part() -> None:
    """The kept answer is for the very bytes object asked about: a part with a DTD
    after one without (and equal bytes in another object) are each answered anew."""
    plain = b"<?xml version='1.0'?><a>" + b"x!" * 20 + b"</a>"
    dtd = b"<?xml version='1.0'?><!DOCTYPE a><a/>"
    for _ in range(2):
        assert not has_declaration(plain)
        assert has_declaration(dtd)
        assert has_declaration(bytes(bytearray(dtd)))
        assert not has_declaration(bytes(bytearray(plain)))
        assert has_declaration(b"<a>" + b"!" * 20 + b"<!-- -->")
