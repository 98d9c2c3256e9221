"""The ``zfxxgk`` command line.

Exit status: 0 when the command did its job; 1 when ``check`` (or ``fill --strict``) finds
an error; 2 on bad input or usage, with a one-line Chinese + English message on stderr
that names the file; 3 on an internal error; 130 when interrupted. No traceback is ever
shown (set ZFXXGK_DEBUG=1 to see one).

The subcommands are modules listed in :mod:`zfxxgk.cli.commands`; what they share is in
:mod:`zfxxgk.cli.base` (statuses, usage errors, batch inputs) and
:mod:`zfxxgk.cli.streams` (writing to stdout and stderr).
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


def _interrupted_early(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C before the command runs (while modules load): one line, exit 130, at once.
    Nothing has been written yet, so there is nothing to clean up."""
    try:
        os.write(2, "zfxxgk: 已中断 | interrupted\n".encode())
    finally:
        os._exit(130)


class _Interrupt:
    """Ctrl-C while the command runs: remembered, then raised as KeyboardInterrupt.

    A library that catches everything (openpyxl's ``except:`` turns it into a TypeError)
    cannot hide it: any error after Ctrl-C is reported as the interruption."""

    seen = False

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        type(self).seen = True
        raise KeyboardInterrupt


#: run as the program (``zfxxgk`` or ``python -m zfxxgk``), not imported by other code
_AS_PROGRAM = os.path.basename(sys.argv[0]) in ("zfxxgk", "zfxxgk.exe") or sys.argv[0].endswith(
    os.path.join("zfxxgk", "__main__.py")
)
# first of all, before the imports below (which take a while on a busy machine)
if _AS_PROGRAM and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, _interrupted_early)

from collections.abc import Sequence  # noqa: E402
from typing import TYPE_CHECKING, Any, TextIO, cast  # noqa: E402

from zfxxgk.cli.base import (  # noqa: E402
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    UsageError,
)
from zfxxgk.cli.base import jobs as _jobs  # noqa: E402
from zfxxgk.cli.commands import build_parser  # noqa: E402
from zfxxgk.cli.streams import (  # noqa: E402
    GuardedStdout,
    flush,
    quiet_unraisable,
    say,
    silence_stdout,
)
from zfxxgk.errors import OutputError, ZfxxgkError  # noqa: E402

if TYPE_CHECKING:
    from zfxxgk.cli.records import stream_records

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "UsageError",
    "_jobs",
    "build_parser",
    "main",
    "stream_records",
]


def __getattr__(name: str) -> Any:
    """``stream_records``, imported on first use (a one-file command needs none of it)."""
    if name == "stream_records":
        from zfxxgk.cli.records import stream_records

        return stream_records
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``zfxxgk``; returns the exit status."""
    debug = bool(os.environ.get("ZFXXGK_DEBUG"))
    for stream in (sys.stdout, sys.stderr):
        # a file name in no encoding, or text that a strict locale cannot show: escaped,
        # never a crash in the middle of a batch
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if _AS_PROGRAM and not debug:
        sys.unraisablehook = quiet_unraisable
    stdout = sys.stdout
    before = signal.getsignal(signal.SIGINT)
    _Interrupt.seen = False
    sys.stdout = cast(TextIO, GuardedStdout(stdout))  # a full disk: a clean error
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        func: Any = args.func
        # from here Ctrl-C raises KeyboardInterrupt: outputs being written are cleaned up
        if before in (_interrupted_early, signal.default_int_handler):
            signal.signal(signal.SIGINT, _Interrupt())
        status = int(func(args))
        flush(sys.stdout)
        return status
    except Exception as exc:
        if _Interrupt.seen:  # the interruption, caught and re-raised as something else
            return _interrupted()
        return _failed(exc, debug)
    except KeyboardInterrupt:
        return _interrupted()
    finally:
        sys.stdout = stdout
        if _AS_PROGRAM:  # the work is done (or given up): a late Ctrl-C changes nothing
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        elif signal.getsignal(signal.SIGINT) is not before and before is not None:
            signal.signal(signal.SIGINT, before)  # called from Python: as it was


def _interrupted() -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot cut this short
    say(sys.stderr, "zfxxgk: 已中断 | interrupted")
    return EXIT_INTERRUPTED


def _failed(exc: Exception, debug: bool) -> int:
    """The one line (and exit status) for an error that ends the command."""
    if isinstance(exc, ZfxxgkError):
        if isinstance(exc, OutputError) and exc.file == "<stdout>":
            silence_stdout()
        say(sys.stderr, f"zfxxgk: 错误 | error: {exc}")
        return EXIT_INPUT
    if isinstance(exc, BrokenPipeError):
        # the reader of our output went away (e.g. `| head`): nothing more to say
        silence_stdout()
        return EXIT_OK
    if debug:  # never a traceback for a user, unless asked
        import traceback

        traceback.print_exception(exc)
    say(
        sys.stderr,
        f"zfxxgk: 内部错误 | internal error: {type(exc).__name__}: {exc} "
        "(ZFXXGK_DEBUG=1 shows the traceback)",
    )
    return EXIT_INTERNAL
