"""Every output of a command checked before any is written: a refused run writes nothing.

A command with several outputs (``aggregate -o … --summary …``, ``check --annotate …
--html …``) that wrote the first and then failed on the second would leave half an
answer. :func:`guard_outputs` runs before any work: each output must not be an input or
another output, must be a regular file or a new one, and its folder must exist and be
writable.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from zfxxgk.errors import OutputError
from zfxxgk.xlsx.atomic import guard_output

PathLike = str | os.PathLike[str]


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def guard_outputs(outputs: Iterable[PathLike | None], inputs: Iterable[PathLike | None]) -> None:
    """Refuse, before anything is written, any output that could not be written.

    Raises:
        OutputError: an output is an input, another output, a folder or a device; or its
            folder does not exist or cannot be written.
    """
    protect = tuple(p for p in inputs if p and p != "-")
    seen: list[PathLike] = []
    for out in outputs:
        if not out or out == "-":
            continue
        target = guard_output(out, (*protect, *seen))
        folder = _folder(target)
        if not folder.is_dir():
            raise OutputError.of("output-folder-missing", file=str(out), folder=str(folder))
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError.of("output-folder-readonly", file=str(out), folder=str(folder))
        seen.append(out)
