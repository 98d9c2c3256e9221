"""PDF limits checked while reading, not after the page is built (issue 18 §7).

Small hostile PDFs, written here byte by byte: one page of a million characters, a
ToUnicode CMap with a huge bfrange, a 700 KB stream that inflates to 700 MB, forms drawn
inside forms (3 KB → 10⁸ characters). Each gets a clean one-line error naming the bound,
fast, and the PDF helper's peak memory (VmHWM) stays small; where the cheap look at the
bytes cannot see the bomb (contents under a filter it does not decode), the helper's memory cap
stops pdfium and the error still names the bound.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from zfxxgk import parse
from zfxxgk.errors import ZfxxgkError

pytest.importorskip("pypdfium2")

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given object bodies (object 1 the catalogue), with its xref."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", flate: bool = True) -> bytes:
    if flate:
        data, extra = zlib.compress(data, 9), extra + b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page(content: bytes, resources: bytes = b"", *more: bytes) -> bytes:
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] "
            b"/Resources << /Font << /F1 4 0 R >> " + resources + b" >> /Contents 5 0 R >>",
            FONT,
            content,
            *more,
        ]
    )


def million_characters() -> bytes:
    line = b"(" + b"0123456789" * 100 + b") Tj 0 -0.78 Td\n"
    return one_page(stream(b"BT /F1 1 Tf 10 790 Td\n" + line * 1000 + b"ET"))


def inflating_stream(megabytes: int = 700) -> bytes:
    """A page whose content stream inflates to ``megabytes`` MB of spaces: one deflate
    block of 4 MiB, made once and repeated (full flushes make blocks independent)."""
    head, chunk = b"BT /F1 10 Tf 10 10 Td (x) Tj ET\n", b" " * (1 << 22)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    end = deflate.flush()
    n = megabytes * 1_000_000 // len(chunk)
    adler = zlib.adler32(head)
    for _ in range(n):
        adler = zlib.adler32(chunk, adler)
    data = b"\x78\xda" + first + block * n + end + adler.to_bytes(4, "big")
    extra = b" /Filter /FlateDecode"
    return one_page(b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream")


def nested_forms(indirect: bool = False, hidden: bool = False, levels: int = 8) -> bytes:
    """Forms each drawing the next ten times; the last shows ten characters. With
    ``indirect``, each form's resources are an object of their own; with ``hidden``, the
    forms' contents are hex-encoded (a filter the look at the bytes does not decode)."""
    more: list[bytes] = []
    first = 6
    step = 2 if indirect else 1
    for level in range(levels):
        number = first + step * level
        if level == levels - 1:
            body, res = b"BT /F1 1 Tf 0 0 Td (0123456789) Tj ET", b"<< /Font << /F1 4 0 R >> >>"
        else:
            body, res = b"/X Do " * 10, b"<< /XObject << /X %d 0 R >> >>" % (number + step)
        kind = b" /Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources "
        if hidden:
            body = body.hex().encode() + b">"
            kind = b" /Filter /ASCIIHexDecode" + kind
        if indirect:
            more += [stream(body, kind + b"%d 0 R" % (number + 1), flate=False), res]
        else:
            more.append(stream(body, kind + res, flate=False))
    return one_page(stream(b"/X Do", flate=False), b"/XObject << /X 6 0 R >>", *more)


def huge_bfrange() -> bytes:
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n"
        b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
        b"1 beginbfrange <00000000> <7FFFFFFF> <0041> endbfrange\nendcmap end end"
    )
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
            stream(b"BT /F1 10 Tf 10 10 Td (abc) Tj ET"),
            stream(cmap),
        ]
    )


def helper_peak_mb() -> float:
    """The PDF helper's peak resident memory so far (VmHWM), in MB."""
    from zfxxgk.published import pdf as reader

    proc = reader._HELPER_PROCESS.proc
    assert proc is not None
    with open(f"/proc/{proc.pid}/status") as fh:
        kb = next(line.split()[1] for line in fh if line.startswith("VmHWM:"))
    return int(kb) / 1024


@pytest.fixture
def fresh_helper(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A helper of this test's own, so its peak memory is this file's."""
    from zfxxgk.published import pdf as reader

    monkeypatch.setattr(reader, "_HELPER_PROCESS", reader._Helper())
    yield
    reader._HELPER_PROCESS.stop()


FORMS = {"bound": "drawings of forms inside forms", "limit": 400000}
#: each bomb and the bound it hits (the ``pdf-too-large`` error's parameters)
CASES = {
    "million-characters": (million_characters, {"bound": "characters", "limit": 400000}),
    "inflating-stream": (inflating_stream, {"bound": "MiB inflated", "limit": 128}),
    "nested-forms": (nested_forms, FORMS),
    "nested-forms-indirect": (lambda: nested_forms(indirect=True), FORMS),
}


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
@pytest.mark.parametrize("case", sorted(CASES))
def test_bombs_stop_at_their_bound(case: str, tmp_path: Path, fresh_helper: None) -> None:
    """Each bomb: the bound's error (slug pdf-bound, naming the bound), in seconds, the
    helper's peak memory far below what reading it whole took (1.4–2 GB)."""
    make, bound = CASES[case]
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(make())
    assert path.stat().st_size < 1_000_000
    start = time.perf_counter()
    with pytest.raises(ZfxxgkError) as info:
        parse(path)
    seconds = time.perf_counter() - start
    assert info.value.slug == "pdf-bound" and info.value.code == "pdf-too-large"
    assert bound.items() <= info.value.note.params.items() and "\n" not in str(info.value)
    assert seconds < 20, seconds
    assert helper_peak_mb() < 300, helper_peak_mb()


def test_a_huge_bfrange_costs_nothing(tmp_path: Path, fresh_helper: None) -> None:
    """A ToUnicode CMap mapping two billion codes: read in a blink and bounded memory
    (the document has no tables: our error, not the reader's)."""
    path = tmp_path / "bfrange.pdf"
    path.write_bytes(huge_bfrange())
    start = time.perf_counter()
    with pytest.raises(ZfxxgkError) as info:
        parse(path)
    assert info.value.slug != "pdf-bound"
    assert time.perf_counter() - start < 20
    assert helper_peak_mb() < 300


def test_what_the_bytes_hide_the_memory_cap_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_helper: None
) -> None:
    """Nested forms whose contents are hex-encoded (the look at the bytes does not
    decode them): pdfium runs into the helper's memory cap (lowered here to 256 MiB to be
    quick) and the error names the bound."""
    from zfxxgk.published import pdf as reader

    monkeypatch.setattr(reader, "MEMORY_CAP", 256 * 1024**2)
    path = tmp_path / "hidden-forms.pdf"
    path.write_bytes(nested_forms(hidden=True))
    start = time.perf_counter()
    with pytest.raises(ZfxxgkError) as info:
        parse(path)
    assert info.value.slug == "pdf-bound" and info.value.code == "pdf-memory"
    assert info.value.note.params == {"gib": 0.25}
    assert time.perf_counter() - start < 30


def test_the_time_bound_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_helper: None
) -> None:
    """A reading that outlasts the timeout: stopped, and the error names the bound."""
    from zfxxgk.published import pdf as reader

    monkeypatch.setattr(reader, "TIMEOUT", 0.3)
    monkeypatch.setattr(reader, "MEMORY_CAP", 4 * 1024**3)
    path = tmp_path / "hidden-forms.pdf"
    path.write_bytes(nested_forms(hidden=True))
    with pytest.raises(ZfxxgkError) as info:
        parse(path)
    assert info.value.slug == "pdf-bound" and info.value.code == "pdf-timeout"
    assert info.value.note.params == {"seconds": 0.3}
