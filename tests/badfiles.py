"""Hostile and broken inputs, made on the fly from a valid filled workbook."""

from __future__ import annotations

import io
import os
import random
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zfxxgk.errors import ZfxxgkError

#: How many fuzz cases the tests run (CI: the default; more with the variable).
FUZZ_CASES = int(os.environ.get("ZFXXGK_FUZZ_CASES", "300"))

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<si><t>&lol3;</t></si></sst>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<si><t>&xxe;</t></si></sst>"
)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def rezip(parts: dict[str, bytes], out: Path) -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out


def replace_part(src: Path, out: Path, name: str, data: bytes) -> Path:
    parts = members(src)
    parts[name] = data
    return rezip(parts, out)


def lying_size(src: Path, out: Path, name: str) -> Path:
    """A zip whose central directory understates a member's inflated size."""
    data = bytearray(src.read_bytes())
    pos = 0
    target = name.encode()
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        name_len = int.from_bytes(data[pos + 28 : pos + 30], "little")
        if bytes(data[pos + 46 : pos + 46 + name_len]) == target:
            data[pos + 24 : pos + 28] = (100).to_bytes(4, "little")
        pos += 4
    out.write_bytes(bytes(data))
    return out


def bomb(src: Path, out: Path, megabytes: int = 40) -> Path:
    """The first sheet replaced by tens of megabytes of XML that compress to little."""
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    body = b"<sheetData>" + b" " * (megabytes * 1024 * 1024) + b"</sheetData></worksheet>"
    return replace_part(src, out, "xl/worksheets/sheet1.xml", head + body)


def make_cases(valid: Path, folder: Path) -> dict[str, tuple[Path, str, str]]:
    """name → (file, expected error class name, a fragment the message must hold)."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = valid.read_bytes()
    cases: dict[str, tuple[Path, str, str]] = {}

    def put(name: str, data: bytes, cls: str, fragment: str) -> None:
        p = folder / name
        p.write_bytes(data)
        cases[name] = (p, cls, fragment)

    put("empty.xlsx", b"", "WorkbookFormatError", "为空")
    put("text.xlsx", "这不是工作簿\n".encode(), "WorkbookFormatError", "不是电子表格")
    put("truncated.xlsx", raw[: len(raw) // 2], "WorkbookFormatError", "损坏")
    flipped = bytearray(raw)
    mid = raw.find(b"xl/worksheets/sheet3.xml") + 200
    for i in range(mid, mid + 40):
        flipped[i] ^= 0x5A
    put("corrupt.xlsx", bytes(flipped), "WorkbookFormatError", "")
    put(
        "encrypted.xlsx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000),
        "WorkbookFormatError",
        "加密",
    )
    put(
        "zip-not-workbook.xlsx",
        _zip_of({"hello.txt": b"hi"}),
        "WorkbookFormatError",
        "不是 Excel 工作簿",
    )
    cases["bomb.xlsx"] = (bomb(valid, folder / "bomb.xlsx"), "WorkbookFormatError", "上限")
    cases["lying-size.xlsx"] = (
        lying_size(valid, folder / "lying-size.xlsx", "xl/worksheets/sheet3.xml"),
        "WorkbookFormatError",
        "损坏",
    )
    cases["laughs.xlsx"] = (
        replace_part(
            valid, folder / "laughs.xlsx", "xl/sharedStrings.xml", BILLION_LAUGHS.encode()
        ),
        "WorkbookFormatError",
        "禁止",
    )
    cases["xxe.xlsx"] = (
        replace_part(valid, folder / "xxe.xlsx", "xl/sharedStrings.xml", XXE.encode()),
        "WorkbookFormatError",
        "禁止",
    )
    cases["bad-xml.xlsx"] = (
        replace_part(valid, folder / "bad-xml.xlsx", "xl/workbook.xml", b"<workbook><sheets>"),
        "WorkbookFormatError",
        "不是有效的 XML",
    )
    return cases


def _zip_of(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    return buf.getvalue()


# ---------------------------------------------------------------------------- fuzzing


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    how = rng.randrange(4)
    if how == 0:
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
    elif how == 1:
        out = out[: rng.randrange(len(out))]
    elif how == 2:
        i = rng.randrange(len(out))
        out[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    else:
        i, j = sorted(rng.randrange(len(out)) for _ in range(2))
        del out[i:j]
    return bytes(out)


_XML_TOKENS = [
    b"<",
    b">",
    b"</c>",
    b"<v>",
    b"</v>",
    b'"',
    b"&amp;",
    b"&#0;",
    b"<f>SUM(A1)</f>",
    b't="s"',
    b't="e"',
    b'r="ZZZ99999999"',
    b"<v>1e308</v>",
    b"<v>-0</v>",
    b"<v>abc</v>",
    b"<v>99999999999999999999</v>",
    b"\xff\xfe",
    b"<!--",
    b"]]>",
]


def mutate_xml(parts: dict[str, bytes], rng: random.Random) -> dict[str, bytes]:
    parts = dict(parts)
    xml_names = [n for n in parts if n.endswith(".xml") or n.endswith(".rels")]
    name = rng.choice(xml_names)
    data = bytearray(parts[name])
    for _ in range(rng.randint(1, 8)):
        how = rng.randrange(3)
        i = rng.randrange(len(data) + 1)
        if how == 0:
            data[i:i] = rng.choice(_XML_TOKENS)
        elif how == 1 and data:
            j = min(len(data), i + rng.randint(1, 40))
            del data[i:j]
        elif data:
            j = min(len(data), i + rng.randint(1, 40))
            data[i:i] = data[i:j]
    parts[name] = bytes(data)
    return parts


def fuzz_cases(valid: Path, count: int, seed: int) -> Callable[[int, Path], Path]:
    """A maker of the i-th fuzz case (deterministic for the seed)."""
    raw = valid.read_bytes()
    parts = members(valid)

    def make(i: int, folder: Path) -> Path:
        rng = random.Random(f"{seed}-{i}")
        out = folder / f"fuzz-{i}.xlsx"
        if i % 2:
            out.write_bytes(mutate_bytes(raw, rng))
        else:
            rezip(mutate_xml(parts, rng), out)
        return out

    return make


def returns_or_refuses(func: Callable[[Path], Any], path: Path, case: int) -> bool:
    """``func(path)`` returns (True) or raises a ZfxxgkError (False) within 5 s; anything
    else (another exception, a Rust panic, slowness) fails the test, naming the case."""
    start = time.perf_counter()
    try:
        func(path)
        done = True
    except ZfxxgkError:
        done = False
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # pragma: no cover - the failure being tested for
        raise AssertionError(f"case {case} ({path}) raised {type(exc).__name__}: {exc}") from exc
    assert time.perf_counter() - start < 5, f"case {case} ({path}) took too long"
    return done
