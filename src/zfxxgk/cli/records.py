"""A batch's records as JSON lines: each as it is ready, notes and errors on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from zfxxgk.cli.base import EXIT_INPUT, EXIT_OK
from zfxxgk.cli.streams import say, write
from zfxxgk.core.jsonio import dumps
from zfxxgk.errors import printable

if TYPE_CHECKING:
    from zfxxgk.app.records import FileRecord


def stream_records(worker: Callable[[str], FileRecord], files: list[str], jobs: int) -> int:
    """A batch as JSON lines on stdout: each file's record as it is ready, its notes and
    errors on stderr, then the tally; exit 2 where a file could not be read."""
    from zfxxgk.app.batch import run

    return print_records(run(worker, files, jobs), len(files))


def print_records(records: Iterable[FileRecord], count: int) -> int:
    """Records (from any pool or cluster) printed as :func:`stream_records` prints them."""
    from zfxxgk.app.tally import Tally

    tally = Tally()
    for record in records:
        tally.add(record)
        if record.failed:
            say(sys.stderr, f"zfxxgk: 错误 | error: {record.message}")
        for note in record.notes:
            tag = "警告 | warning" if note["severity"] == "warning" else "注意 | note"
            line = f"{record.file}: {tag}: {note['zh']} / {note['en']}"
            say(sys.stderr, printable(line))
        say(sys.stdout, dumps(record.to_dict(notes=False), indent=None))
    if count > 1:
        write(sys.stderr, tally.text())
    return EXIT_INPUT if tally.unreadable else EXIT_OK
