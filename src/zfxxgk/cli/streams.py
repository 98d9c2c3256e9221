"""Writing to stdout and stderr: whole lines, and a full disk as a clean error."""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from zfxxgk.errors import OutputError


def say(stream: TextIO, text: str) -> None:
    """Write ``text`` as whole lines; a stdout that cannot be written is an OutputError
    (where no message can go, on stderr, none is attempted)."""
    try:
        stream.write(text if text.endswith("\n") else text + "\n")
    except BrokenPipeError:
        raise
    except OSError as exc:  # a full disk or /dev/full behind stdout
        if stream is not sys.stderr:
            raise stream_error(stream, exc) from None


def write(stream: TextIO, text: str) -> None:
    """Write ``text`` as it is (no newline added), with :func:`say`'s errors."""
    try:
        stream.write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        if stream is not sys.stderr:
            raise stream_error(stream, exc) from None


def flush(stream: TextIO) -> None:
    """Flush ``stream``; a full disk is an OutputError naming it."""
    try:
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise stream_error(stream, exc) from None


def stream_error(stream: TextIO, exc: OSError) -> OutputError:
    """The error of a standard stream that cannot be written."""
    name = "<stdout>" if stream is sys.stdout else "<stderr>"
    reason = exc.strerror or type(exc).__name__
    return OutputError(f"无法写出（{reason}）", f"cannot write the output ({reason})", file=name)


def silence_stdout() -> None:
    """Send what is left in stdout's buffer nowhere (it cannot be written)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def quiet_unraisable(info: Any) -> None:
    """An error in a finaliser (a half-written zip closed during clean-up): not shown.

    A Ctrl-C that happened to land in a finaliser is not lost: it is raised again in
    the main thread."""
    if info.exc_type is not None and issubclass(info.exc_type, KeyboardInterrupt):
        import _thread
        import threading

        # from another thread: raised here, it would be lost in this hook again
        threading.Thread(target=_thread.interrupt_main, daemon=True).start()


def findings_to_stderr(result: Any, label: str) -> None:
    """A check result's findings on stderr, headed by ``label`` (the input's name)."""
    if result.issues:
        say(sys.stderr, result.text().replace(result.text().splitlines()[0], label, 1))
