"""Ctrl-C that a library catches and turns into another error is still the interruption."""

from __future__ import annotations

import argparse
import signal
from typing import Any

import pytest

import zfxxgk.cli as cli


def _parser(func: Any) -> Any:
    def build() -> argparse.ArgumentParser:
        parser = argparse.ArgumentParser()
        parser.set_defaults(func=func)
        return parser

    return build


def _swallowing(args: argparse.Namespace) -> int:
    """What openpyxl's descriptors do: a bare ``except:`` around a conversion."""
    try:
        signal.raise_signal(signal.SIGINT)
    except:  # noqa: E722 — the library's habit under test
        raise TypeError("expected <class 'int'>") from None
    return 0


def _plain_bug(args: argparse.Namespace) -> int:
    raise TypeError("a real bug")


def test_ctrl_c_turned_into_a_type_error_exits_as_interrupted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(cli, "build_parser", _parser(_swallowing))
    assert cli.main([]) == cli.EXIT_INTERRUPTED
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == "zfxxgk: 已中断 | interrupted"
    assert "TypeError" not in err
    assert signal.getsignal(signal.SIGINT) is before  # called from Python: left as it was

    # the next run starts afresh: a real error is an error, not an interruption
    monkeypatch.setattr(cli, "build_parser", _parser(_plain_bug))
    assert cli.main([]) == cli.EXIT_INTERNAL
    assert "TypeError: a real bug" in capsys.readouterr().err
