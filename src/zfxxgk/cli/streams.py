"""Writing to stdout and stderr: whole lines, and a full disk as a clean error."""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from zfxxgk.errors import OutputError, printable


def say(stream: TextIO, text: str) -> None:
    """Write ``text`` as whole lines; a stdout that cannot be written is an OutputError
    (where no message can go, on stderr, none is attempted)."""
    try:
        stream.write(text if text.endswith("\n") else text + "\n")
    except (BrokenPipeError, OutputError):
        raise
    except OSError as exc:  # a full disk or /dev/full behind stdout
        if stream is not sys.stderr:
            raise stream_error(stream, exc) from None


def write(stream: TextIO, text: str) -> None:
    """Write ``text`` as it is (no newline added), with :func:`say`'s errors."""
    try:
        stream.write(text)
    except (BrokenPipeError, OutputError):
        raise
    except OSError as exc:
        if stream is not sys.stderr:
            raise stream_error(stream, exc) from None


def flush(stream: TextIO) -> None:
    """Flush ``stream``; a full disk is an OutputError naming it."""
    try:
        stream.flush()
    except (BrokenPipeError, OutputError):
        raise
    except OSError as exc:
        raise stream_error(stream, exc) from None


def stream_error(stream: TextIO, exc: OSError) -> OutputError:
    """The error of a standard stream that cannot be written."""
    return _named_error("<stdout>" if stream is sys.stdout else "<stderr>", exc)


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
        text = result.text()
        say(sys.stderr, text.replace(text.splitlines()[0], printable(label), 1))


def escaped(data: Any) -> Any:
    """``data`` (a record) with every string's control characters escaped, for a text
    view whose lines a name must not split or forge (JSON and CSV quote them)."""
    if isinstance(data, str):
        return printable(data)
    if isinstance(data, dict):
        return {k: escaped(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [escaped(v) for v in data]
    return data


class GuardedStdout:
    """Standard output for the length of a command: a write that fails (a full disk,
    /dev/full) is an OutputError naming ``<stdout>``, whoever writes (a CSV writer, a
    JSON dump, print); a closed pipe stays a BrokenPipeError. Everything else is the
    stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _named_error("<stdout>", exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _named_error("<stdout>", exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _named_error(name: str, exc: OSError) -> OutputError:
    reason = exc.strerror or type(exc).__name__
    return OutputError.of("output-write-failed", file=name, reason=reason)
