"""The bounded zip reader against the zip module: same bytes, and hostile archives refused."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zfxxgk.errors import WorkbookFormatError
from zfxxgk.xlsx.safezip import SafeZip, central_directory

member_names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=20,
).filter(lambda n: not n.endswith("/"))


def _archive(members: dict[str, bytes], methods: list[int], **kwargs: bool) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for (name, data), method in zip(members.items(), methods, strict=False):
            info = zipfile.ZipInfo(name)
            info.compress_type = method
            with zf.open(info, "w", **kwargs) as fh:
                fh.write(data)
    return buf.getvalue()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    members=st.dictionaries(member_names, st.binary(max_size=3000), min_size=1, max_size=6),
    methods=st.lists(
        st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]), min_size=6, max_size=6
    ),
    zip64=st.booleans(),
)
def test_reads_what_the_zip_module_reads(
    tmp_path: Path, members: dict[str, bytes], methods: list[int], zip64: bool
) -> None:
    """Every member comes back byte for byte, whether parsed here or by the zip module."""
    path = tmp_path / "a.zip"
    path.write_bytes(_archive(members, methods, force_zip64=zip64))
    with SafeZip(path) as z:
        assert set(z.names) == set(members)
        for name, data in members.items():
            assert z.read(name) == data
        assert z.read("no such member") is None


def test_own_parse_and_fallbacks(tmp_path: Path) -> None:
    """Plain archives are parsed here; zip64 and prepended bytes go to the zip module."""
    plain = _archive({"a.xml": b"<a/>"}, [zipfile.ZIP_DEFLATED])
    assert central_directory(plain) is not None
    zip64 = _archive({"a.xml": b"<a/>"}, [zipfile.ZIP_DEFLATED], force_zip64=True)
    prepended = b"#!/bin/sh\n" + plain
    for data in (zip64, prepended):
        path = tmp_path / "f.zip"
        path.write_bytes(data)
        with SafeZip(path) as z:
            assert z.read("a.xml") == b"<a/>"


def _understated(data: bytes, name: bytes, size: int) -> bytes:
    """The central directory entry of ``name`` declares ``size`` bytes."""
    out = bytearray(data)
    pos = 0
    while (pos := out.find(b"PK\x01\x02", pos)) >= 0:
        nlen = int.from_bytes(out[pos + 28 : pos + 30], "little")
        if bytes(out[pos + 46 : pos + 46 + nlen]) == name:
            out[pos + 24 : pos + 28] = size.to_bytes(4, "little")
        pos += 4
    return bytes(out)


def _count_inflated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every inflater made from now on (ours or the zip module's) records the size of
    each piece it inflates in the returned list: the work done, counted in bytes."""
    counts: list[int] = []
    make = zlib.decompressobj

    class Counting:
        def __init__(self, *args: Any) -> None:
            self._inner = make(*args)

        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            out = self._inner.decompress(data, max_length)
            counts.append(len(out))
            return out

        def flush(self, *args: int) -> bytes:
            out = self._inner.flush(*args)
            counts.append(len(out))
            return out

        def __getattr__(self, name: str) -> Any:
            return getattr(self._inner, name)

    monkeypatch.setattr(zlib, "decompressobj", Counting)
    return counts


def test_a_bomb_that_lies_about_its_size_costs_no_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """200 MiB of zeros declared as 100 bytes: refused as corrupt, inflating ~100 bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("x.xml", "w") as fh:
        for _ in range(200):
            fh.write(bytes(1 << 20))
    raw = _understated(buf.getvalue(), b"x.xml", 100)
    assert len(raw) < 400_000
    path = tmp_path / "lying.zip"
    path.write_bytes(raw)
    inflated = _count_inflated(monkeypatch)
    tracemalloc.start()
    with SafeZip(path) as z, pytest.raises(WorkbookFormatError) as info:
        z.read("x.xml")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert 0 < sum(inflated) <= 1024  # the declared 100 bytes and a little, not 200 MiB
    assert peak < 5 * len(raw)
    assert str(path) in str(info.value) and " | " in str(info.value)
    assert info.value.code == "part-corrupt" and info.value.note.params["part"] == "x.xml"


def test_damaged_members_are_named(tmp_path: Path) -> None:
    """A flipped byte in a member's data, or a wrong CRC, names the member."""
    data = _archive(
        {"a.xml": b"<a>" + b"x" * 500 + b"</a>", "b.xml": b"<b/>"},
        [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED],
    )
    flipped = bytearray(data)
    flipped[data.find(b"a.xml") + 5 + 10] ^= 0xFF
    stored = bytearray(data)
    stored[data.find(b"<b/>")] = ord("[")
    for bad, member in ((flipped, "a.xml"), (stored, "b.xml")):
        path = tmp_path / "bad.zip"
        path.write_bytes(bytes(bad))
        with SafeZip(path) as z, pytest.raises(WorkbookFormatError) as info:
            z.read(member)
        assert info.value.code == "part-corrupt"
        assert info.value.note.params["part"] == member and member in str(info.value)


def test_truncated_and_non_zip_files(tmp_path: Path) -> None:
    """Neither is parsed here; the zip module's refusal names the file."""
    data = _archive({"a.xml": b"<a/>" * 100}, [zipfile.ZIP_DEFLATED])
    for bad in (data[: len(data) // 2], b"PK\x03\x04 not really"):
        path = tmp_path / "t.zip"
        path.write_bytes(bad)
        with pytest.raises(WorkbookFormatError) as info:
            SafeZip(path)
        assert str(path) in str(info.value) and info.value.code == "zip-corrupt"


def test_a_member_whose_local_name_differs_is_refused(tmp_path: Path) -> None:
    """The directory says one name, the member's own header another: refused, named."""
    data = _archive({"xl/a.xml": b"<a/>"}, [zipfile.ZIP_DEFLATED])
    local = data.find(b"xl/a.xml")  # the local header comes first
    bad = data[:local] + b"xl/b.xml" + data[local + 8 :]
    path = tmp_path / "confused.zip"
    path.write_bytes(bad)
    with SafeZip(path) as z, pytest.raises(WorkbookFormatError) as info:
        z.read("xl/a.xml")
    assert info.value.code == "part-corrupt" and "differ" in info.value.note.params["detail"]


def test_a_dtd_in_utf16_is_refused_too(tmp_path: Path) -> None:
    """The DTD test on raw bytes cannot see a UTF-16 part's DTD: the decoded text is
    tested as well."""
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    path = tmp_path / "u16.zip"
    path.write_bytes(_archive({"x.xml": xml.encode("utf-16")}, [zipfile.ZIP_DEFLATED]))
    with SafeZip(path) as z, pytest.raises(WorkbookFormatError) as info:
        z.text("x.xml")
    assert info.value.code == "part-forbidden-xml"
    assert info.value.note.params["construct"] == "DTD"
