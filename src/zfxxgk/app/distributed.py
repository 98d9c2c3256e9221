"""Parsing published reports beyond one machine: on a Dask cluster (``zfxxgk[dask]``).

The bytes travel with each task (``zfxxgk.parse(name, data=bytes)``), so workers need no
shared disk; each task returns the record of a file (:class:`~zfxxgk.app.records.ParseRecord`,
or a :class:`~zfxxgk.app.records.FileRecord` with the error), whose ``to_dict()`` is the line
``zfxxgk parse --jsonl`` prints for it. At
most ``window`` tasks are in flight (the client never holds a national collection's bytes
at once), and records come back in input order::

    from dask.distributed import Client
    from zfxxgk.app.distributed import parse_files

    with Client("tcp://scheduler:8786") as client:
        for record in parse_files(client, paths):
            ...  # record.file, record.error or record.kind, .ok, .report, .notes

On one machine ``zfxxgk parse DIR --jsonl --jobs 0`` does the same over local processes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from zfxxgk.app.workers import parse_record

if TYPE_CHECKING:
    from zfxxgk.app.records import FileRecord

__all__ = ["file_items", "parse_files", "parse_on", "parse_record"]


def file_items(paths: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
    """Each file's name and bytes, read here with the inputs' bound (a file that cannot
    be read is passed on without bytes: its record says why)."""
    from zfxxgk.errors import ZfxxgkError
    from zfxxgk.xlsx.files import read_input

    for path in paths:
        try:
            yield path, read_input(path)
        except ZfxxgkError:
            yield path, None


def parse_on(
    client: Any, items: Iterable[tuple[str, bytes | None]], window: int = 0
) -> Iterator[FileRecord]:
    """:func:`parse_record` of each ``(name, bytes)`` on a ``dask.distributed`` client,
    in input order, with at most ``window`` tasks in flight (default: twice the
    cluster's threads)."""
    if window <= 0:
        threads = sum(client.nthreads().values()) or 1
        window = 2 * threads
    pending: deque[Any] = deque()
    for name, data in items:
        if data is None:  # unreadable here: its record is made here, saying why
            pending.append(_Done(parse_record(name)))
        else:
            pending.append(client.submit(parse_record, name, data, pure=False))
        while len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def parse_files(client: Any, paths: Iterable[str], window: int = 0) -> Iterator[FileRecord]:
    """:func:`parse_on` of the files at ``paths`` (folders expanded as ``zfxxgk parse``
    expands them), read on this machine and sent to the cluster."""
    from zfxxgk.app.formats import PUBLISHED, expand_role

    return parse_on(client, file_items(expand_role(list(paths), PUBLISHED)), window)


class _Done:
    """A record already made, in the queue of futures."""

    def __init__(self, record: FileRecord) -> None:
        self.record = record

    def result(self) -> FileRecord:
        return self.record
