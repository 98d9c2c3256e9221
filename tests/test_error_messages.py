"""Error messages as the user reads them: no English data in the Chinese sentence, the
same parameters named in both languages, no placeholder or Python repr in either.

Found by rendering the hostile and bad-file corpora before and after the errors became
catalogue codes (issue 20, item 1) and comparing the messages side by side.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from test_error_params import fields
from zfxxgk.app.aggregate import AggregateError
from zfxxgk.app.office import Office
from zfxxgk.errors import ZfxxgkError
from zfxxgk.notes import NOTE_KINDS, Note, NoteKind


def test_files_left_out_of_a_sum_say_why_in_each_language() -> None:
    """The refused files are data grouped by why; the Chinese sentence says why in
    Chinese (not ``x.ods (unreadable)``), the English one in English, both name them."""
    office = Office()
    office.unreadable("甲.ods", "damaged")
    office.unreadable("乙.xls", "damaged")
    with pytest.raises(AggregateError) as info:
        office.finish(skip=False)
    error = info.value
    assert error.code == "aggregate-files-refused"
    assert error.note.params["unreadable"] == "甲.ods, 乙.xls"
    assert "无法读取：甲.ods" in error.zh and "(unreadable)" not in error.zh
    assert "unreadable: 甲.ods" in error.en
    for text in (error.zh, error.en):
        assert "甲.ods" in text and "乙.xls" in text


#: A representative value of a parameter, by its name (a number where one is counted).
_NUMBERS = re.compile(
    r"count|limit|size|mib|gib|digits|line|column|byte|year|rows|cols|seconds|page|"
    r"expected|number|stated|computed|amount|value|other_year|jobs|workers"
)
#: What a message must never show: a parameter left unformatted, a missing value, a
#: Python repr instead of the value.
LEAKS = ("None", "{", "}", "PosixPath", "WindowsPath", "<class", "[]", "()")


def _sample(name: str) -> Any:
    return 7 if _NUMBERS.search(name) else f"〈{name}〉"


def _params(kind: NoteKind) -> dict[str, Any]:
    names = fields(kind.zh) | fields(kind.en)
    for clause in kind.clauses:
        names |= {clause.param} | fields(clause.zh) | fields(clause.en)
    return {n: _sample(n) for n in names}


ERROR_KINDS = [k for k in NOTE_KINDS.values() if k.severity == "error" and k.code != "error-text"]


@pytest.mark.parametrize("kind", ERROR_KINDS, ids=lambda k: k.code)
def test_every_error_renders_without_leaks(kind: NoteKind) -> None:
    """Each error kind, with representative parameters (its clauses on and off): one line
    in each language, with every value shown and nothing unformatted."""
    full = _params(kind)
    bare = {k: v for k, v in full.items() if k not in {c.param for c in kind.clauses}}
    for params in (full, bare):
        error = ZfxxgkError(note=Note(kind.code, params=params), file="a.xlsx")
        for text in (error.zh, error.en):
            assert not [leak for leak in LEAKS if leak in text], text
            assert "\n" not in text
        shown = {k for k, v in params.items() if isinstance(v, str)}
        for name in shown & (fields(kind.zh) | fields(kind.en)):
            assert f"〈{name}〉" in error.zh and f"〈{name}〉" in error.en, name


@pytest.mark.parametrize("kind", ERROR_KINDS, ids=lambda k: k.code)
def test_both_languages_name_the_same_parameters(kind: NoteKind) -> None:
    assert fields(kind.zh) == fields(kind.en)
    for clause in kind.clauses:
        assert fields(clause.zh) == fields(clause.en), clause.param


def test_an_os_error_without_a_system_reason_never_shows_none(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An OSError raised with a message only (``strerror`` None, as a library or a
    file system driver may raise it): the message gives its text, not ``None``."""
    import os

    from zfxxgk.xlsx import atomic, files

    target = tmp_path / "in.xlsx"
    stat = os.stat

    def failing(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path) == str(target):
            raise OSError("stale handle")
        return stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", failing)
    errors = []
    with pytest.raises(ZfxxgkError) as read:
        files.check_input(target)
    errors.append(read.value)
    with pytest.raises(ZfxxgkError) as written:
        atomic.guard_output(target)
    errors.append(written.value)
    assert [e.code for e in errors] == ["input-unreadable", "output-unwritable"]
    for error in errors:
        assert error.note.params["reason"] == "stale handle"
        assert "None" not in str(error)
