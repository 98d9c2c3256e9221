"""Hostile and broken inputs, made on the fly from a valid filled workbook."""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zfxxgk.errors import ZfxxgkError
from zfxxgk.notes import NOTE_KINDS

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
    """name → (file, expected error class name, the code of its error)."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = valid.read_bytes()
    cases: dict[str, tuple[Path, str, str]] = {}

    def put(name: str, data: bytes, cls: str, fragment: str) -> None:
        p = folder / name
        p.write_bytes(data)
        cases[name] = (p, cls, fragment)

    put("empty.xlsx", b"", "WorkbookFormatError", "file-empty")
    put("text.xlsx", "这不是工作簿\n".encode(), "WorkbookFormatError", "not-a-spreadsheet")
    put("truncated.xlsx", raw[: len(raw) // 2], "WorkbookFormatError", "zip-corrupt")
    flipped = bytearray(raw)
    mid = raw.find(b"xl/worksheets/sheet3.xml") + 200
    for i in range(mid, mid + 40):
        flipped[i] ^= 0x5A
    put("corrupt.xlsx", bytes(flipped), "WorkbookFormatError", "part-corrupt")
    put(
        "encrypted.xlsx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000),
        "WorkbookFormatError",
        "xls-unreadable",
    )
    put(
        "zip-not-workbook.xlsx",
        _zip_of({"hello.txt": b"hi"}),
        "WorkbookFormatError",
        "not-an-excel-workbook",
    )
    cases["bomb.xlsx"] = (
        bomb(valid, folder / "bomb.xlsx"),
        "WorkbookFormatError",
        "part-too-large",
    )
    cases["lying-size.xlsx"] = (
        lying_size(valid, folder / "lying-size.xlsx", "xl/worksheets/sheet3.xml"),
        "WorkbookFormatError",
        "part-corrupt",
    )
    cases["laughs.xlsx"] = (
        replace_part(
            valid, folder / "laughs.xlsx", "xl/sharedStrings.xml", BILLION_LAUGHS.encode()
        ),
        "WorkbookFormatError",
        "part-forbidden-xml",
    )
    cases["xxe.xlsx"] = (
        replace_part(valid, folder / "xxe.xlsx", "xl/sharedStrings.xml", XXE.encode()),
        "WorkbookFormatError",
        "part-forbidden-xml",
    )
    cases["bad-xml.xlsx"] = (
        replace_part(valid, folder / "bad-xml.xlsx", "xl/workbook.xml", b"<workbook><sheets>"),
        "WorkbookFormatError",
        "part-invalid-xml",
    )
    return cases


def _zip_of(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    return buf.getvalue()


# ---------------------------------------------------------------------------- fuzzing


#: Markup the probe of hostile files used: spans, DTDs spelt across comments.
HOSTILE_TOKENS = [
    b' colspan="200"',
    b' rowspan="200"',
    b'<td colspan="200" rowspan="200">1</td>',
    b'<w:gridSpan w:val="200"/>',
    b"<w:vMerge/>",
    b"<!<!---->DOCTYPE x>",
    b'<!<!---->DOCTYPE x [<!<!---->ENTITY a "aaaaaaaaaa">]>',
    b'<!<!---->ENTITY a SYSTEM "file:///etc/hostname">',
]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    how = rng.randrange(5)
    if how == 4:  # hostile markup, inside a tag or between tags
        for _ in range(rng.randint(1, 30)):
            at = out.find(b">", rng.randrange(len(out) + 1))
            at = len(out) if at < 0 else at
            token = rng.choice(HOSTILE_TOKENS)
            out[at:at] = token if token.startswith(b" ") else b">" + token[:-1]
        return bytes(out)
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
    *HOSTILE_TOKENS,
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
        if i % 5 == 4:
            hostile_shape(parts, out, rng)
        elif i % 2:
            out.write_bytes(mutate_bytes(raw, rng))
        else:
            rezip(mutate_xml(parts, rng), out)
        return out

    return make


def hostile_shape(parts: dict[str, bytes], out: Path, rng: random.Random) -> Path:
    """One of the shapes of the probe of hostile files, at a random place and size: a
    member compressed other than by deflate, a sheet part listed many times, a long
    shared string in many cells, a DTD spelt across comments."""
    sheets = sorted(n for n in parts if n.startswith("xl/worksheets/"))
    shape = rng.randrange(4)
    if shape == 0:
        method = rng.choice([zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
        return with_method(parts, out, rng.choice(sorted(parts)), method)
    if shape == 1:
        copies = rng.choice([1, 2, 50, 500])
        return rezip(repeated_sheets(parts, copies, rng.randrange(len(sheets))), out)
    if shape == 2:
        sheet = rng.choice(sheets)
        chars = rng.choice([500, 50_000, 300_000])
        return rezip(long_shared_string(parts, sheet, chars, rng.choice([40, 400])), out)
    changed = dict(parts)
    name = rng.choice([n for n in parts if n.endswith(".xml")])
    data = changed[name]
    at = data.find(b">", data.find(b"?>") + 2) + 1 if rng.random() < 0.5 else 0
    changed[name] = data[:at] + comment_split_dtd(rng.random() < 0.5).split(b"<sst")[0] + data[at:]
    return rezip(changed, out)


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


# ------------------------------------------------------------- bounded runs of the CLI


@dataclasses.dataclass
class Run:
    """A finished command: its exit status, output, wall time and peak memory."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


#: Every run's figures, for the closing report (written where ZFXXGK_HOSTILE_LOG says).
HOSTILE_LOG = os.environ.get("ZFXXGK_HOSTILE_LOG")


def _limits(memory_mb: int, file_mb: int | None, uid: int | None) -> None:
    """In the child before exec: cap its address space (and file size), drop root."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if file_mb is not None:
        size = file_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    if uid is not None:
        os.setgid(uid)
        os.setuid(uid)


#: ``python -m zfxxgk``, recording the process's peak resident memory (VmHWM, in KiB)
#: at exit in the file ZFXXGK_TEST_HWM names.
_LAUNCHER = """
import atexit, os, runpy, sys

def _hwm():
    with open("/proc/self/status") as fh:
        kb = next((line.split()[1] for line in fh if line.startswith("VmHWM:")), "")
    with open(os.environ["ZFXXGK_TEST_HWM"], "w") as out:
        out.write(kb)

atexit.register(_hwm)
sys.argv[0] = "zfxxgk"
runpy.run_module("zfxxgk", run_name="__main__", alter_sys=True)
"""


def run_cli(
    *args: str | os.PathLike[str],
    memory_mb: int = 1024,
    timeout: float = 120,
    stdin: Any = None,
    stdout: Any = None,
    file_mb: int | None = None,
    uid: int | None = None,
    env: dict[str, str] | None = None,
    label: str = "",
) -> Run:
    """``python -m zfxxgk ARGS`` under a memory limit (RLIMIT_AS) and a time bound; the
    peak resident memory comes from the kernel's account of the child (wait4). Output is
    read through pipes (a file size limit does not cut the messages)."""
    argv = tuple(str(a) for a in args)
    hwm_fd, hwm_file = tempfile.mkstemp(prefix="zfxxgk-hwm-")
    os.close(hwm_fd)
    full_env = {
        **os.environ,
        "PYTHONIOENCODING": "utf-8",
        "ZFXXGK_TEST_HWM": hwm_file,
        **(env or {}),
    }
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _LAUNCHER, *argv],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=full_env,
        preexec_fn=functools.partial(_limits, memory_mb, file_mb, uid),
    )
    captured: dict[str, bytes] = {"stdout": b"", "stderr": b""}

    def drain(name: str, pipe: Any) -> None:
        captured[name] = pipe.read()

    readers = [
        threading.Thread(target=drain, args=(name, pipe), daemon=True)
        for name, pipe in (("stdout", proc.stdout), ("stderr", proc.stderr))
        if pipe is not None
    ]
    for t in readers:
        t.start()
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            proc.kill()
            os.wait4(proc.pid, 0)
            proc.returncode = -9
            raise AssertionError(f"zfxxgk {' '.join(argv)} took more than {timeout} s")
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in readers:
        t.join(timeout=30)
    for pipe in (proc.stdout, proc.stderr):
        if pipe is not None:
            pipe.close()
    with open(hwm_file, encoding="ascii") as fh:
        hwm = fh.read().strip()
    os.unlink(hwm_file)
    run = Run(
        argv,
        proc.returncode,
        captured["stdout"].decode("utf-8", "replace"),
        captured["stderr"].decode("utf-8", "replace"),
        seconds,
        # the child's own high-water mark; the kernel's account (wait4) would include
        # the pages it shared with this process before exec
        int(hwm) / 1024 if hwm else usage.ru_maxrss / 1024,
    )
    if HOSTILE_LOG:
        with open(HOSTILE_LOG, "a", encoding="utf-8") as fh:
            record = {
                "label": label,
                "args": argv[:1],
                "exit": run.returncode,
                "seconds": round(seconds, 2),
                "peak_mb": round(run.peak_mb, 1),
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return run


def said(code: str) -> re.Pattern[str]:
    """What a message of catalogue ``code`` looks like in English, whatever its parameters
    (a command's one error line shows the text, not the code)."""
    literal = re.split(r"\{[^{}]*\}", NOTE_KINDS[code].en)
    return re.compile(".*?".join(re.escape(part) for part in literal))


def refused(run: Run, *fragments: str, code: str | None = None) -> None:
    """The command failed on its input: exit 2, one bilingual line, no traceback; its
    message names each of ``fragments`` (data: a file, a part, a bound) and, given a
    ``code``, is that code's message."""
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    lines = [line for line in run.stderr.splitlines() if line.startswith("zfxxgk: ")]
    assert lines, run.stderr[-2000:]
    assert all(" | " in line for line in lines), run.stderr[-2000:]
    for fragment in fragments:
        assert fragment in run.stderr, (fragment, run.stderr[-2000:])
    if code is not None:
        assert any(said(code).search(line) for line in lines), (code, run.stderr[-2000:])


# --------------------------------------------------------------------- hostile shapes


def with_method(parts: dict[str, bytes], out: Path, name: str, method: int) -> Path:
    """A package whose member ``name`` is compressed with ``method`` (bzip2: 12, LZMA: 14)."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            zf.writestr(n, data, compress_type=method if n == name else zipfile.ZIP_DEFLATED)
    return out


def streamed_member(src: Path, out: Path, name: str, method: int, megabytes: int) -> Path:
    """``src`` with member ``name`` replaced by ``megabytes`` MiB of zeros compressed by
    ``method``, written in chunks (the test process never holds them)."""
    parts = members(src)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            if n != name:
                zf.writestr(n, data)
        info = zipfile.ZipInfo(name)
        info.compress_type = method
        chunk = bytes(1024 * 1024)
        with zf.open(info, "w", force_zip64=True) as fh:
            for _ in range(megabytes):
                fh.write(chunk)
    return out


def repeated_sheets(parts: dict[str, bytes], copies: int, which: int = 0) -> dict[str, bytes]:
    """workbook.xml listing sheet ``which``'s part ``copies`` times more, under new names."""
    parts = dict(parts)
    wb = parts["xl/workbook.xml"].decode("utf-8")
    start = wb.index("<sheet ")
    for _ in range(which):
        start = wb.index("<sheet ", start + 1)
    end = wb.index(">", start) + 1
    first = wb[start:end]
    clones = "".join(
        re.sub(
            r'name="[^"]*"',
            f'name="copy{i}"',
            re.sub(r'sheetId="\d+"', f'sheetId="{900 + i}"', first),
        )
        for i in range(copies)
    )
    parts["xl/workbook.xml"] = (wb[:end] + clones + wb[end:]).encode("utf-8")
    return parts


def long_shared_string(
    parts: dict[str, bytes], sheet: str, chars: int, cells: int
) -> dict[str, bytes]:
    """One shared string of ``chars`` characters, used by ``cells`` cells of ``sheet``."""
    parts = dict(parts)
    sst = parts["xl/sharedStrings.xml"].decode("utf-8")
    index = sst.count("<si>") + sst.count("<si/>")
    text = ("（一）政府信息公开（说明）" * (chars // 13 + 1))[:chars]
    sst = sst.replace("</sst>", f"<si><t>{text}</t></si></sst>")
    parts["xl/sharedStrings.xml"] = sst.encode("utf-8")
    body = parts[sheet].decode("utf-8")
    per_row = 40
    rows = []
    for r in range(cells // per_row):
        row = 600 + r
        cs = "".join(f'<c r="{_letters(c)}{row}" t="s"><v>{index}</v></c>' for c in range(per_row))
        rows.append(f'<row r="{row}">{cs}</row>')
    body = body.replace("</sheetData>", "".join(rows) + "</sheetData>", 1)
    parts[sheet] = body.encode("utf-8")
    return parts


def shifted_rows(parts: dict[str, bytes], sheet: str, by: int = 1) -> dict[str, bytes]:
    """``sheet`` with every row moved down ``by`` rows: the known layout no longer fits,
    so the reader searches for the labels."""
    parts = dict(parts)

    def move(m: re.Match[bytes]) -> bytes:
        return b'r="' + m.group(1) + str(int(m.group(2)) + by).encode() + b'"'

    parts[sheet] = re.sub(rb'r="([A-Z]*)(\d+)"', move, parts[sheet])
    return parts


def _letters(col: int) -> str:
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def comment_split_dtd(bomb: bool = False) -> bytes:
    """A shared strings part whose DTD is spelt across comments: ``<!<!---->DOCTYPE``."""
    if bomb:
        ents = '<!<!---->ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!<!---->ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
        )
        body = "<si><t>&i;</t></si>"
    else:
        ents = '<!<!---->ENTITY xxe SYSTEM "file:///etc/hostname">'
        body = "<si><t>&xxe;</t></si>"
    return (
        f'<?xml version="1.0"?><!<!---->DOCTYPE sst [{ents}]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{body}</sst>"
    ).encode()
