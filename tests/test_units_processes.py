"""The two entry points that normally run as processes of their own, run here: the
``python -m zfxxgk`` module and the .xls/.ods helper's request loop."""

from __future__ import annotations

import io
import pickle
import resource
import runpy
import sys
from pathlib import Path

import pytest

from zfxxgk import __version__
from zfxxgk.xlsx import _calamine_helper as calamine_task
from zfxxgk.xlsx import _helper_main as helper

CORPUS = Path(__file__).parent / "data" / "corpus"


def test_python_m_zfxxgk_exits_with_mains_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["zfxxgk", "--version"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("zfxxgk", run_name="__main__", alter_sys=True)
    assert info.value.code == 0 and capsys.readouterr().out.strip() == f"zfxxgk {__version__}"
    monkeypatch.setattr(sys, "argv", ["zfxxgk", "read", "/no/such.xlsx"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("zfxxgk", run_name="__main__", alter_sys=True)
    assert info.value.code == 2 and "/no/such.xlsx" in capsys.readouterr().err


def _serve(requests: list[Path], monkeypatch: pytest.MonkeyPatch) -> bytes:
    """What the helper writes when sent these paths and then the end of its input."""
    data = b"".join(
        helper.HEADER.pack(len(raw)) + raw
        for raw in (pickle.dumps((str(p), 1000, 80)) for p in requests)
    )
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out))
    limits: list[tuple[int, tuple[int, int]]] = []
    # recorded, not applied: the cap is for the helper's process, not this one
    monkeypatch.setattr(resource, "setrlimit", lambda kind, pair: limits.append((kind, pair)))
    helper.serve(calamine_task.__file__, "read_cells", 2**31)
    sys.stdout.flush()
    assert limits == [(resource.RLIMIT_AS, (2**31, 2**31))]
    return out.getvalue()


def test_the_helper_answers_each_request_until_its_input_ends(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """READY first; then per request its pickled answer after a length header: the cells
    of a good file, calamine's error for a bad one; the loop ends with its input."""
    bad = tmp_path / "bad.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    answer = _serve([CORPUS / "lo-hongze.xls", bad], monkeypatch)
    assert answer.startswith(helper.READY)
    pos = len(helper.READY)
    replies = []
    while pos < len(answer):
        (n,) = helper.HEADER.unpack_from(answer, pos)
        replies.append(pickle.loads(answer[pos + 4 : pos + 4 + n]))
        pos += 4 + n
    assert [status for status, _ in replies] == ["ok", "error"]
    sheets = dict(replies[0][1])
    assert any("淮安市洪泽区人民政府" in map(str, cells.values()) for cells in sheets.values())
    assert all(r < 1000 and c < 80 for cells in sheets.values() for r, c in cells)
    assert isinstance(replies[1][1], str) and replies[1][1]


def test_the_helper_keeps_the_first_rows_and_columns_only() -> None:
    status, sheets = calamine_task.read_cells(str(CORPUS / "lo-hongze.xls"), 5, 3)
    assert status == "ok"
    assert all(r < 5 and c < 3 for _, cells in sheets for r, c in cells)
    assert any(cells for _, cells in sheets)


def test_a_stopped_helper_exits_cleanly_and_a_new_one_starts() -> None:
    """stop() closes the helper's input: it leaves its loop and exits 0; the next file
    starts a fresh helper, whose answer is the same."""
    from zfxxgk.xlsx import calamine

    h = calamine._Helper()
    first = h.read(CORPUS / "lo-pingtan.xls")
    proc = h.proc
    assert proc is not None and proc.poll() is None
    h.stop()
    assert h.proc is None and h.errors is None and proc.returncode == 0
    assert h.read(CORPUS / "lo-pingtan.xls") == first
    assert h.proc is not None and h.proc is not proc
    h.stop()


def test_a_bad_ods_is_named_as_an_ods(tmp_path: Path) -> None:
    """An .ods that calamine cannot read: our error says .ods, names the file."""
    from zfxxgk.errors import WorkbookFormatError
    from zfxxgk.xlsx.calamine import read_other

    bad = tmp_path / "bad.ods"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(WorkbookFormatError) as info:
        read_other(bad, "ods")
    assert info.value.code == "ods-unreadable" and str(bad) in str(info.value)
