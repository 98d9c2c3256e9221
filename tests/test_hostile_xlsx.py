"""Hostile workbooks, second round (issue 18): markup read as cells, one file spoiling
the next, work unbounded by bytes, openpyxl paths outside the reader's limits, outputs
zfxxgk would refuse to read."""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zfxxgk
from badfiles import members, refused, rezip, run_cli
from zfxxgk import fill, read
from zfxxgk.errors import ZfxxgkError
from zfxxgk.xlsx import sharedstrings, sheetxml
from zfxxgk.xlsx.atomic import write_bytes_atomic
from zfxxgk.xlsx.cells import MAX_COLS, MAX_ROWS, read_sheets
from zfxxgk.xlsx.safezip import SafeZip
from zfxxgk.xlsx.sharedstrings import shared_strings
from zfxxgk.xlsx.sheetxml import Context, Sheet, read_sheet
from zfxxgk.xlsx.styles import date_styles
from zfxxgk.xlsx.xmltext import is_plain

CORPUS = Path(__file__).parent / "data" / "corpus"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A filled official template that checks clean."""
    folder = tmp_path_factory.mktemp("hostile_xlsx")
    return fill(read(CORPUS / "lo-hongze.xlsx"), folder / "valid.xlsx")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-sheet workbook whose sheet part the tests replace."""
    path = tmp_path_factory.mktemp("base") / "base.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = 1
    wb.save(path)
    return path


def _sheet_with(base: Path, out: Path, row5: str, extra_ns: str = "") -> Path:
    body = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}{extra_ns}><sheetData>'
        f'<row r="5">{row5}</row></sheetData></worksheet>'
    )
    parts = members(base)
    parts["xl/worksheets/sheet1.xml"] = body.encode()
    return rezip(parts, out)


# ------------------------------------------------ 1. markup that is not a cell is no cell

_NOT_CELLS = {
    "cdata": '<c r="D5"><v>38</v></c><c r="E5" t="inlineStr"><is><t>'
    '<![CDATA[</c><c r="D5"><v>999</v>]]></t></is></c>',
    "processing-instruction": '<c r="D5"><v>38</v></c><?pi <c r="D5"><v>999</v></c>?>',
    "attribute-in-attribute": '<c r="D5"><v>38</v></c><c x:a=\' r="D5"\' r="C6"><v>999</v></c>',
    "comment-in-cdata": '<c r="C5" t="inlineStr"><is><t><![CDATA[<!--]]></t></is></c>'
    '<c r="D5"><v>38</v></c><c r="E5" t="inlineStr"><is><t><![CDATA[-->]]></t></is></c>',
    "comment-in-attribute": '<c r="C5" x:a=\'&lt;!--\' t="inlineStr"><is><t>x</t></is></c>'
    '<c r="D5"><v>38</v></c><c r="E5" x:b="--&gt;"><v>1</v></c>',
    "end-tag-with-space": '<c r="C5"><v>1</v></c ><c r="D5"><v>38</v></c >',
    "cell-in-cell": '<c r="D5"><v>38</v></c><c r="E5"><c r="D5"/><v>2</v></c>',
}


@pytest.mark.parametrize("case", sorted(_NOT_CELLS))
def test_1_markup_that_is_not_a_cell(base: Path, tmp_path: Path, case: str) -> None:
    """D5 is 38 for openpyxl and for us (on main: 999, or blank)."""
    path = _sheet_with(base, tmp_path / f"{case}.xlsx", _NOT_CELLS[case], ' xmlns:x="urn:x"')
    theirs = openpyxl.load_workbook(path).active["D5"].value
    ours = next(iter(read_sheets(path).values())).cells.get((4, 3))
    assert theirs == 38
    assert ours == 38


# ------------------------------------------------ 2. one file does not spoil the next


def _forge_crc(data: bytes, free: list[int], choices: tuple[int, int], target: int) -> bytes:
    """``data`` with the bytes at ``free`` each set to one of ``choices`` so that its
    CRC-32 is ``target`` (CRC-32 is affine over GF(2): solve for the choices)."""
    lo, hi = choices
    buf = bytearray(data)
    for i in free:
        buf[i] = lo
    base = zlib.crc32(bytes(buf))
    rows: list[tuple[int, int]] = []  # (effect on the CRC, bit mask of the choices)
    for k, i in enumerate(free):
        buf[i] = hi
        rows.append((zlib.crc32(bytes(buf)) ^ base, 1 << k))
        buf[i] = lo
    want = base ^ target
    # Gaussian elimination over GF(2)
    basis: list[tuple[int, int]] = []
    for effect, mask in rows:
        for b_effect, b_mask in basis:
            if effect ^ b_effect < effect:
                effect, mask = effect ^ b_effect, mask ^ b_mask
        if effect:
            basis.append((effect, mask))
            basis.sort(reverse=True)
    chosen = 0
    for b_effect, b_mask in basis:
        if want ^ b_effect < want:
            want, chosen = want ^ b_effect, chosen ^ b_mask
    assert want == 0, "no solution: more free bytes needed"
    for k, i in enumerate(free):
        if chosen >> k & 1:
            buf[i] = hi
    return bytes(buf)


@pytest.fixture(scope="module")
def crc_twins(valid: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A genuine workbook, and a hostile one whose styles part has the genuine one's
    CRC-32 and size but makes every number cell a date."""
    folder = tmp_path_factory.mktemp("twins")
    parts = members(valid)
    styles = parts["xl/styles.xml"]
    date_number = styles.replace(b'<xf numFmtId="1" ', b'<xf numFmtId="14" ')
    grown = len(date_number) - len(styles)
    assert grown > 0
    pad = 64
    genuine_styles = styles.replace(b"</styleSheet>", b" " * (pad + grown) + b"</styleSheet>")
    hostile = date_number.replace(b"</styleSheet>", b" " * pad + b"</styleSheet>")
    at = hostile.rindex(b"</styleSheet>") - pad
    hostile = _forge_crc(
        hostile, list(range(at, at + pad)), (0x20, 0x0A), zlib.crc32(genuine_styles)
    )
    assert len(hostile) == len(genuine_styles) and hostile != genuine_styles
    assert zlib.crc32(hostile) == zlib.crc32(genuine_styles)
    genuine_path = rezip({**parts, "xl/styles.xml": genuine_styles}, folder / "b-genuine.xlsx")
    hostile_path = rezip({**parts, "xl/styles.xml": hostile}, folder / "a-hostile.xlsx")
    return hostile_path, genuine_path


def test_2_a_forged_styles_checksum_does_not_spoil_the_next_file(
    crc_twins: tuple[Path, Path],
) -> None:
    """Read in one process, the genuine file after the hostile one reads as alone."""
    hostile, genuine = crc_twins
    alone = read(genuine).to_json()
    with pytest.raises(ZfxxgkError):  # dates where numbers belong
        read(hostile)
    assert read(genuine).to_json() == alone


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("command", ["check", "aggregate"])
def test_2_a_batch_of_hostile_then_genuine_files(
    crc_twins: tuple[Path, Path], tmp_path: Path, command: str, jobs: str
) -> None:
    """``check DIR`` and ``aggregate DIR``, in one process and through the pool: every
    genuine file's result is its own."""
    hostile, genuine = crc_twins
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}a-hostile.xlsx").write_bytes(hostile.read_bytes())
        copy = folder / f"{i}b-genuine.xlsx"
        copy.write_bytes(genuine.read_bytes())
        if command == "check":  # other bytes, the same workbook: each is checked, no copy
            with zipfile.ZipFile(copy, "a") as z:
                z.comment = f"copy {i}".encode()
    if command == "check":
        run = run_cli("check", folder, "--json", "--jobs", jobs, label="18-2 check")
        lines = [line for line in run.stdout.splitlines() if "b-genuine.xlsx" in line]
        assert len(lines) == 4, run.stdout[-2000:]
        assert all(json.loads(line)["ok"] for line in lines), run.stdout[-2000:]
    else:
        out = tmp_path / "sum.xlsx"
        run = run_cli(
            "aggregate", folder, "--skip", "-o", out, "--jobs", jobs, label="18-2 aggregate"
        )
        assert out.exists(), run.stderr[-2000:]
        # the genuine file is added (read after a hostile one); its copies are counted once
        about_genuine = [line for line in run.stderr.splitlines() if "b-genuine" in line]
        assert all("sha256" in line for line in about_genuine), run.stderr[-2000:]
        assert (
            read(out).applications.new_received.total
            == read(genuine).applications.new_received.total
        )


# ------------------------------- 1. the byte scanners read what expat (and openpyxl) reads

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_TEXT = st.text(alphabet="ab <>&\"'/=]!?-_x0D甲", max_size=8)


def _escape(text: str, quote: str = "") -> str:
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return out.replace(quote, "&quot;" if quote == '"' else "&apos;") if quote else out


@st.composite
def _attr(draw: st.DrawFn, name: str, value: str) -> str:
    q = draw(st.sampled_from(['"', "'"]))
    return f" {name}={q}{_escape(value, q)}{q}"


@st.composite
def _text_markup(draw: st.DrawFn, text: str) -> str:
    """``text`` as character data: escaped, in CDATA, or with references."""
    how = draw(st.sampled_from(["plain", "cdata", "refs"]))
    if how == "cdata" and "]]>" not in text:
        return f"<![CDATA[{text}]]>"
    if how == "refs":
        return "".join(f"&#{ord(ch)};" if ch in "<&>5" else ch for ch in text)
    return _escape(text)


@st.composite
def _noise(draw: st.DrawFn) -> str:
    """Markup between elements that is not an element: comments, processing
    instructions, CDATA-looking and cell-looking text inside them."""
    inner = draw(st.sampled_from(['<c r="D5"><v>999</v></c>', "</c>", "<!--", "x", ""]))
    return draw(
        st.sampled_from(["", "", "", f"<!--{inner.replace('--', '')}-->", f"<?pi {inner}?>"])
    )


@st.composite
def _cell(draw: st.DrawFn, ref: str | None, n_strings: int) -> str:
    p = draw(st.sampled_from(["", "", "x:"]))
    kinds = ["n", "s", "str", "inline", "b", "e", "formula", "empty"]
    kind = draw(st.sampled_from(kinds if n_strings else kinds[:1] + kinds[2:]))
    attrs_: list[str] = []
    if ref is not None:
        attrs_.append(draw(_attr("r", ref)))
    if draw(st.booleans()):
        attrs_.append(draw(_attr("s", str(draw(st.integers(0, 4))))))
    t = {"s": "s", "str": "str", "inline": "inlineStr", "b": "b", "e": "e"}.get(kind)
    if t is not None:
        attrs_.append(draw(_attr("t", t)))
    if draw(st.integers(0, 4)) == 0:  # a foreign attribute holding markup-like text
        attrs_.append(draw(_attr("x:a", draw(st.sampled_from([' r="D5"', ">", ' t="s"', "<!--"])))))
    order = draw(st.permutations(attrs_))
    value = {
        "n": str(draw(st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6)))),
        "s": str(draw(st.integers(0, max(0, n_strings - 1)))),
        "b": draw(st.sampled_from(["0", "1"])),
        "e": "#DIV/0!",
    }.get(kind)
    if kind == "inline":
        body = f"<{p}is><{p}t>{draw(_text_markup(draw(_TEXT)))}</{p}t></{p}is>"
    elif kind == "str":
        body = f"<{p}v>{draw(_text_markup(draw(_TEXT)))}</{p}v>"
    elif kind == "formula":
        formula = draw(_text_markup('SUM(A1:B2)&"<"'))
        body = f"<{p}f>{formula}</{p}f><{p}v>3</{p}v>"
    elif kind == "empty":
        body = ""
    else:
        assert value is not None
        body = f"<{p}v>{draw(_text_markup(value))}</{p}v>"
    start = f"<{p}c{''.join(order)}"
    return f"{start}/>" if not body and draw(st.booleans()) else f"{start}>{body}</{p}c>"


@st.composite
def sheet_parts(draw: st.DrawFn, n_strings: int = 3) -> bytes:
    """A well-formed worksheet part: plain (the shape writers use) or with the
    constructs a byte scanner could misread."""
    prefixed = draw(st.booleans())
    root = "x:worksheet" if prefixed else "worksheet"
    p = "x:" if prefixed else ""
    rows: list[str] = []
    letters = ["A", "B", "C", "D", "E", "CB", "CC"]  # CC: the first column not read
    for r in sorted(draw(st.sets(st.sampled_from([1, 2, 3, 5, 8, 1000, 1001]), max_size=4))):
        cols = sorted(draw(st.sets(st.integers(0, 6), max_size=5)))
        cells = [
            draw(_noise())
            + draw(_cell(f"{letters[c]}{r}" if draw(st.integers(0, 5)) else None, n_strings))
            for c in cols
        ]
        rows.append(f'<{p}row r="{r}">{"".join(cells)}</{p}row>')
    ns = f' xmlns="{MAIN}" xmlns:x="{MAIN}"'
    data = f"<{p}sheetData>{''.join(rows)}</{p}sheetData>"
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<{root}{ns}>{data}</{root}>'
    return body.encode()


@pytest.fixture(scope="module")
def package(base: Path) -> Iterator[SafeZip]:
    with SafeZip(base) as z:
        yield z


def _both(z: SafeZip, data: bytes) -> tuple[Sheet, Sheet, bool]:
    context = Context(("甲", "", "a&b"), frozenset({b"3"}), False, z, "xl/worksheets/sheet1.xml")
    fast = Sheet("s")
    took_fast = sheetxml._fast_cells(data, fast, context)
    parsed = Sheet("s")
    sheetxml._ExpatSheet(parsed, context).read(data)
    return fast, parsed, took_fast


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=sheet_parts())
def test_1_the_byte_scanner_reads_what_expat_reads(package: SafeZip, data: bytes) -> None:
    """On every generated well-formed part, the byte scanner either declines or reads
    exactly what expat reads."""
    fast, parsed, took_fast = _both(package, data)
    if took_fast:
        assert fast.cells == parsed.cells
        assert fast.formulas == parsed.formulas
        assert fast.truncated == parsed.truncated
    full = Sheet("s")
    read_sheet(data, full, Context(("甲", "", "a&b"), frozenset({b"3"}), False, package, "p"))
    assert full.cells == parsed.cells and full.formulas == parsed.formulas


def test_1_the_byte_scanner_takes_the_common_shape(valid: Path) -> None:
    """A part as writers write it is read by the byte scanner (no silent fall back)."""
    with SafeZip(valid) as z:
        part = "xl/worksheets/sheet3.xml"
        context = Context(shared_strings(z), date_styles(z), False, z, part)
        data = members(valid)[part]
        fast, parsed = Sheet("s"), Sheet("s")
        assert sheetxml._fast_cells(data, fast, context)
        sheetxml._ExpatSheet(parsed, context).read(data)
    assert fast.cells and fast.cells == parsed.cells and fast.formulas == parsed.formulas


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=sheet_parts(n_strings=0))
def test_1_values_agree_with_openpyxl(
    base: Path, tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    """On a sample, the values are openpyxl's."""
    parts = members(base)
    parts["xl/worksheets/sheet1.xml"] = data
    # five cell styles, none a date
    parts["xl/styles.xml"] = re.sub(
        rb"<cellXfs[^>]*>(.*?)</cellXfs>",
        lambda m: b'<cellXfs count="5">' + m.group(1) * 5 + b"</cellXfs>",
        parts["xl/styles.xml"],
        flags=re.S,
    )
    path = rezip(parts, tmp_path_factory.mktemp("op") / "g.xlsx")
    ours = next(iter(read_sheets(path).values())).cells
    ws = openpyxl.load_workbook(path).active
    theirs = {
        (c.row - 1, c.column - 1): c.value
        for row in ws.iter_rows()
        for c in row
        if c.value is not None and c.value != "" and c.row <= MAX_ROWS and c.column <= MAX_COLS
    }
    for at, v in theirs.items():
        if isinstance(v, str) and v.startswith("="):
            continue  # openpyxl shows the formula, we its stored result
        mine = ours.get(at)
        if isinstance(v, bool) or isinstance(mine, bool):
            assert mine == v and type(mine) is type(v), at
        elif v in ("#DIV/0!",):
            assert str(mine) == v
        else:
            assert mine == v, (at, mine, v)


@st.composite
def shared_string_parts(draw: st.DrawFn) -> bytes:
    items: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        runs = draw(st.lists(_TEXT, max_size=3))
        phonetic = '<rPh sb="0" eb="1"><t>ふ</t></rPh>' if draw(st.booleans()) else ""
        ts = [f"<t>{draw(_text_markup(r))}</t>" for r in runs]
        body = "".join(f"<r>{t}</r>" for t in ts) if len(ts) > 1 else "".join(ts)
        items.append(draw(_noise()) + f"<si>{body}{phonetic}</si>")
    return f'<?xml version="1.0"?>\n<sst xmlns="{MAIN}">{"".join(items)}</sst>'.encode()


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=shared_string_parts())
def test_1_shared_strings_by_split_are_expats(package: SafeZip, data: bytes) -> None:
    fast = sharedstrings._split(data) if is_plain(data) else None
    parsed = sharedstrings._parsed(package, data)
    if fast is not None:
        assert fast == parsed


# ------------------------------------------------ 8. outputs: names, what is written


def test_8_a_long_legal_output_name_is_written(tmp_path: Path) -> None:
    """A 250-byte name is legal; its temporary file's name must be too (on main the
    temporary name had more than 255 bytes: refused)."""
    target = tmp_path / ("表" * 80 + "x" * 5 + ".xlsx")  # 80 × 3 + 5 + 5 = 250 bytes
    assert len(target.name.encode()) == 250
    write_bytes_atomic(target, b"data")
    assert target.read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


# ------------------------------------------------ 5. formulas: work bounded, bound named

_NUMBER_CELL = re.compile(rb'<c r="([A-Z]+\d+)" s="(\d+)"><v>\d+</v></c>')


def test_5_many_large_ranges_in_one_formula(valid: Path, tmp_path: Path) -> None:
    """540 ranges of 16 columns by a million rows (not the cell itself), beside 45,000
    stored cells outside them: the reader stops at its visit bound and says which (on
    main: more than 30 s, no bound named)."""
    parts = members(valid)
    sheet = "xl/worksheets/sheet3.xml"
    body = parts[sheet]
    m = _NUMBER_CELL.search(body)
    assert m is not None
    formula = "SUM(" + ",".join(["Q1:AF1048576"] * 540) + ")"
    cell = f'<c r="{m.group(1).decode()}" s="{m.group(2).decode()}"><f>{formula}</f></c>'
    body = body[: m.start()] + cell.encode() + body[m.end() :]
    rows = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{_col(c)}{r}"><v>1</v></c>' for c in range(32, 80))
        + "</row>"
        for r in range(60, 1000)
    )
    parts[sheet] = body.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    path = rezip(parts, tmp_path / "ranges.xlsx")
    run = run_cli("read", path, "--json", timeout=30, label="18-5 ranges")
    assert run.returncode in (0, 1), run.stderr[-2000:]
    report = read(path)
    assert report.provenance is not None
    (note,) = [
        n
        for n in report.provenance.notes
        if n.code == "formula-unsupported" and n.cell == m.group(1).decode()
    ]
    assert note.params["bound"] == "visits"


def _col(c: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(c + 1)


def test_8_fill_never_writes_what_read_refuses(valid: Path, tmp_path: Path) -> None:
    """7 M ``&`` in meta take 35 MB as XML, over the reader's part limit: the fill refuses
    with a clear error and writes nothing (on main it wrote a workbook that read then
    refused)."""
    report = read(valid)
    report.meta["remarks"] = "&" * 7_000_000
    for engine in ("fast", "openpyxl"):
        out = tmp_path / f"{engine}.xlsx"
        try:
            fill(report, out, engine=engine)
        except ZfxxgkError as exc:
            assert exc.slug == "value"
            assert not out.exists()
            assert not list(tmp_path.iterdir())
        else:
            assert read(out).meta["remarks"] == report.meta["remarks"]


@pytest.mark.parametrize("utf16", [False, True], ids=["utf-8", "utf-16"])
def test_8_fill_never_copies_a_dtd(valid: Path, tmp_path: Path, utf16: bool) -> None:
    """A template whose docProps/core.xml holds a DTD with entities: no engine writes a
    workbook carrying it (on main the fast engine copied it byte for byte)."""
    parts = members(zfxxgk.template_path("2021"))
    core = parts["docProps/core.xml"].decode()
    dtd = '<!DOCTYPE cp:coreProperties [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    core = core.replace("?>", "?>" + dtd, 1).replace("<dc:title>", "<dc:title>&b;", 1)
    if utf16:
        core = core.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    parts["docProps/core.xml"] = core.encode("utf-16" if utf16 else "utf-8")
    template = rezip(parts, tmp_path / "dtd-template.xlsx")
    report = read(valid)
    for engine in ("auto", "fast", "openpyxl"):
        out = tmp_path / f"{engine}.xlsx"
        try:
            fill(report, out, template=template, engine=engine)
        except ZfxxgkError:
            assert not out.exists()
        else:
            for name, data in members(out).items():
                text = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8")
                assert "<!DOCTYPE" not in text and "<!ENTITY" not in text, (engine, name)


# ------------------------------------------- 6. openpyxl only within the reader's bounds


def _many_styles(valid: Path, out: Path, n: int) -> Path:
    parts = members(valid)
    parts["xl/styles.xml"] = re.sub(
        rb"</cellXfs>", b"<xf/>" * n + b"</cellXfs>", parts["xl/styles.xml"], count=1
    )
    return rezip(parts, out)


def _many_cells(valid: Path, out: Path, n: int) -> Path:
    """``valid`` with ``n`` more cells, in rows below the tables (the reader skips them)."""
    parts = members(valid)
    sheet = "xl/worksheets/sheet3.xml"
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEFGHIJ") + "</row>"
        for r in range(2000, 2000 + n // 10)
    )
    parts[sheet] = parts[sheet].replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    return rezip(parts, out)


def _long_texts(valid: Path, out: Path, mib: int) -> Path:
    """``valid`` with a text of ``mib`` MiB below the tables of each of three sheets."""
    parts = members(valid)
    text = "x" * (mib * 1024 * 1024)
    cell = f'<row r="2000"><c r="A2000" t="inlineStr"><is><t>{text}</t></is></c></row>'
    for i in (2, 3, 4):
        sheet = f"xl/worksheets/sheet{i}.xml"
        parts[sheet] = parts[sheet].replace(b"</sheetData>", cell.encode() + b"</sheetData>")
    return rezip(parts, out)


@pytest.mark.parametrize("shape", ["styles", "cells", "bytes"])
def test_6_annotate_refuses_what_openpyxl_cannot_bear(
    valid: Path, tmp_path: Path, shape: str
) -> None:
    """200,000 cell styles, 300,000 cells, or three sheets of 6 MiB: ``check --annotate``
    refuses with the bound named, quickly and in little memory (on main: openpyxl took
    it, 100 s and 4 GB at 1.6 M styles)."""
    path = {
        "styles": lambda: _many_styles(valid, tmp_path / "styles.xlsx", 200_000),
        "cells": lambda: _many_cells(valid, tmp_path / "cells.xlsx", 300_000),
        "bytes": lambda: _long_texts(valid, tmp_path / "bytes.xlsx", 6),
    }[shape]()
    out = tmp_path / "annotated.xlsx"
    run = run_cli(
        "check", path, "--annotate", out, memory_mb=1024, timeout=60, label=f"18-6 {shape}"
    )
    refused(run, path.name, shape, code=f"too-many-{shape}")
    assert not out.exists()
    assert run.peak_mb < 400, run.peak_mb


def test_6_openpyxl_fill_refuses_a_template_over_the_bounds(valid: Path, tmp_path: Path) -> None:
    template = _many_cells(valid, tmp_path / "big-template.xlsx", 300_000)
    out = tmp_path / "out.xlsx"
    with pytest.raises(ZfxxgkError) as caught:
        fill(read(valid), out, template=template, engine="openpyxl")
    assert caught.value.code == "too-many-cells"
    assert not out.exists()


def test_1_the_byte_scanner_in_small_windows_reads_the_same(
    valid: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large part is scanned in windows; windows of 64 bytes read what one pass does."""
    whole = read_sheets(valid)
    monkeypatch.setattr(sheetxml, "_WINDOW", 64)
    windowed = read_sheets(valid)
    for name, sheet in whole.items():
        assert sheet.cells and sheet.cells == windowed[name].cells
        assert sheet.formulas == windowed[name].formulas
    with SafeZip(valid) as z:
        part = "xl/worksheets/sheet3.xml"
        context = Context(shared_strings(z), date_styles(z), False, z, part)
        assert sheetxml._fast_cells(members(valid)[part], Sheet("s"), context)


def test_1_shared_strings_as_writers_write_them_are_split(valid: Path) -> None:
    """The shared strings of a filled workbook take the fast path, and read as expat's."""
    data = members(valid)["xl/sharedStrings.xml"]
    fast = sharedstrings._split(data)
    with SafeZip(valid) as z:
        assert is_plain(data) and fast and fast == sharedstrings._parsed(z, data)
