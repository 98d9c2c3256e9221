"""Many files at once: expand folders, work in parallel, report progress, never stop.

The parts live in modules of one concept each, gathered here: the folders by the format
registry (:mod:`zfxxgk.app.formats`), the process pool (:mod:`zfxxgk.app.pool`), the
progress bar (:mod:`zfxxgk.app.progress`), what is done to each file
(:mod:`zfxxgk.app.workers`), the typed record each file gives (:mod:`zfxxgk.app.records`)
and the summary (:mod:`zfxxgk.app.tally`).
"""

from __future__ import annotations

from zfxxgk.app.formats import expand
from zfxxgk.app.pool import START_METHOD, run, start_method
from zfxxgk.app.progress import Progress
from zfxxgk.app.records import AggregateRecord, CheckRecord, FileRecord, ParseRecord, ReadRecord
from zfxxgk.app.tally import Tally
from zfxxgk.app.workers import (
    CheckWorker,
    aggregate_worker,
    error_record,
    parse_worker,
    read_worker,
)

__all__ = [
    "START_METHOD",
    "AggregateRecord",
    "CheckRecord",
    "CheckWorker",
    "FileRecord",
    "ParseRecord",
    "Progress",
    "ReadRecord",
    "Tally",
    "aggregate_worker",
    "error_record",
    "expand",
    "parse_worker",
    "read_worker",
    "run",
    "start_method",
]
