"""What every subcommand shares: exit statuses, the usage error, the argument parser's
class and the batch inputs (FILES and ``--jobs``)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from zfxxgk.errors import ZfxxgkError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class UsageError(ZfxxgkError, ValueError):
    """Options that do not go together."""

    slug = "usage"


def _columns() -> int:
    """``shutil.get_terminal_size().columns``, without importing shutil and the archive
    modules it loads (argparse asks for the width each time an option is added)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class Formatter(argparse.HelpFormatter):
    """argparse's help layout, as wide as the terminal (less two columns, as argparse)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class Parser(argparse.ArgumentParser):
    """A parser whose usage errors are one line and exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"zfxxgk: 用法错误 | usage error: {message}\n")


JOBS_HELP = "并行进程数，0 为每个 CPU 核一个 | parallel processes, 0 for one per CPU core"


def batch_inputs(parser: argparse.ArgumentParser, help_text: str) -> None:
    """The files and folders a batch command takes, and its ``--jobs``."""
    parser.add_argument("files", nargs="+", metavar="FILE_OR_DIR", help=help_text)
    parser.add_argument("--jobs", type=jobs, default=1, help=JOBS_HELP)


def jobs(text: str) -> int:
    """``--jobs N``: N ≥ 1 processes, or 0 for as many as the machine has cores."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"应为非负整数 | must be a whole number ≥ 0: {text!r}")
    if n > 0:
        return n
    if hasattr(os, "sched_getaffinity"):  # the cores this process may use (Linux)
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def rules_option(parser: argparse.ArgumentParser) -> None:
    """``--rules FILE``: rule overrides."""
    parser.add_argument("--rules", help="规则设置文件 TOML/JSON | rule overrides file")


def guard(output: str, *inputs: str | None) -> None:
    """Refuse an output that is an input, a device or no regular file, or whose folder is
    missing or cannot be written (before any work)."""
    from zfxxgk.app.outputs import guard_outputs

    guard_outputs((output,), inputs)


def guard_all(outputs: Sequence[str | None], inputs: Sequence[str | None]) -> None:
    """Every output checked before any is written: none is an input (the files found in
    folders included: expand them first), none is another output, each a regular file
    or a new one."""
    from zfxxgk.app.outputs import guard_outputs

    guard_outputs(outputs, inputs)


def overrides(args: argparse.Namespace) -> dict[str, Any] | None:
    """The rule overrides ``--rules`` names, read and validated (None without it)."""
    if getattr(args, "rules", None) is None:
        return None
    from zfxxgk.core.rules import load_overrides

    return load_overrides(args.rules)
