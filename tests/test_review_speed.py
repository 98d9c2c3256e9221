"""Cases found in review of the speed work (issue 17): each fails on the reviewed code."""

from __future__ import annotations

from pathlib import Path

import pytest

from zfxxgk.app.load import load_report
from zfxxgk.errors import ZfxxgkError


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_an_empty_workbook_is_said_to_be_empty_not_a_text_file(tmp_path: Path, suffix: str) -> None:
    """An empty file named .xlsx is refused as "a text file; use zfxxgk parse" (was: empty)."""
    path = tmp_path / f"report{suffix}"
    path.write_bytes(b"")
    with pytest.raises(ZfxxgkError) as caught:
        load_report(str(path))
    assert caught.value.code == "file-empty"
