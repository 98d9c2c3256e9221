"""A batch's records are typed (slotted, frozen attrs classes), cross processes (pickle,
a spawned pool) and print the very lines the commands always printed."""

from __future__ import annotations

import pickle

import attrs
import pytest

import zfxxgk
from conftest import sample_path
from zfxxgk.app.batch import CheckWorker, Tally, aggregate_worker, parse_worker, read_worker
from zfxxgk.app.batch import run as run_batch
from zfxxgk.app.pool import START_METHOD
from zfxxgk.app.records import (
    AggregateRecord,
    CheckRecord,
    FileRecord,
    ParseRecord,
    ReadRecord,
)

CHECK_KEYS = [
    "file",
    "agency",
    "year",
    "edition",
    "ok",
    "unreported",
    "counts",
    "blank_inputs",
    "likely",
    "findings",
]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    d = tmp_path_factory.mktemp("records")
    report = zfxxgk.AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    good = zfxxgk.fill(report, d / "good.xlsx")
    last = report.copy()
    last.year = 2023
    previous = zfxxgk.fill(last, d / "last.xlsx")
    broken = d / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    text = d / "published.txt"
    text.write_bytes(sample_path("2024-hongze-district", ".txt").read_bytes())
    return {
        "good": str(good),
        "previous": str(previous),
        "broken": str(broken),
        "text": str(text),
    }


def test_each_worker_gives_its_record(files: dict[str, str]) -> None:
    """What each worker makes, and the line each prints, key for key as before."""
    read = read_worker(files["good"])
    assert isinstance(read, ReadRecord) and not read.failed
    assert read.report is not None and read.report["agency"] == "淮安市洪泽区人民政府"
    assert list(read.to_dict()) == ["file", "report", "notes"]
    assert list(read.to_dict(notes=False)) == ["file", "report"]

    checked = CheckWorker(None, False)(files["good"])
    assert isinstance(checked, CheckRecord) and checked.passed() and not checked.unreported()
    assert list(checked.to_dict()) == CHECK_KEYS
    assert checked.agency == "淮安市洪泽区人民政府" and checked.year == 2024

    against = CheckWorker(None, False, previous=files["previous"])(files["good"])
    assert isinstance(against, CheckRecord) and against.previous == files["previous"]
    assert list(against.to_dict()) == [*CHECK_KEYS, "previous"]

    summed = aggregate_worker(files["good"])
    assert isinstance(summed, AggregateRecord) and summed.ok and len(summed.sha256) == 64
    assert list(summed.to_dict()) == ["file", "report", "sha256", "ok", "counts"]

    parsed = parse_worker(files["text"])
    assert isinstance(parsed, ParseRecord) and parsed.kind and parsed.report
    assert list(parsed.to_dict(notes=False)) == ["file", "kind", "ok", "report"]


def test_a_failure_is_a_record_with_the_error(files: dict[str, str]) -> None:
    for record in (read_worker(files["broken"]), aggregate_worker(files["broken"])):
        assert type(record) is FileRecord and record.failed and record.message
        assert list(record.to_dict()) == ["file", "error"]
    checked = CheckWorker(None, False)(files["broken"])
    assert isinstance(checked, CheckRecord) and checked.failed and not checked.findings()
    assert checked.to_dict() == {"file": files["broken"], "error": checked.error, "ok": False}


def test_records_are_frozen_slotted_and_pickle(files: dict[str, str]) -> None:
    records = [
        read_worker(files["good"]),
        read_worker(files["broken"]),
        CheckWorker(None, True, previous=files["previous"])(files["good"]),
        aggregate_worker(files["good"]),
        parse_worker(files["text"]),
    ]
    for record in records:
        assert not hasattr(record, "__dict__")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.file = "other"  # type: ignore[misc]
        again = pickle.loads(pickle.dumps(record))
        assert again == record and type(again) is type(record)
        assert again.to_dict() == record.to_dict()


def test_the_tally_counts_typed_records(files: dict[str, str]) -> None:
    tally = Tally()
    worker = CheckWorker(None, False, previous=files["previous"])
    for f in (files["good"], files["broken"]):
        tally.add(worker(f))
    tally.add(read_worker(files["good"]))
    assert (tally.files, tally.ok, tally.bad, tally.unreadable) == (3, 2, 0, 1)
    assert (tally.paired, tally.unpaired) == (1, 0)


def test_a_spawned_pool_returns_the_same_records(
    files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records cross a spawned worker's pipe (Windows, macOS) whole and typed."""
    monkeypatch.setenv(START_METHOD, "spawn")
    names = [files["good"], files["broken"]]
    here = [read_worker(f) for f in names]
    spawned = list(run_batch(read_worker, names, jobs=2))
    assert spawned == here
    assert [type(r) for r in spawned] == [ReadRecord, FileRecord]
