"""Parsing on a Dask cluster (issue 17 item 8): bytes and a name travel, so workers need
no shared disk, and each record is the one ``zfxxgk parse --jsonl`` makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli, sample_path
from zfxxgk.app.batch import parse_worker
from zfxxgk.app.distributed import file_items, parse_files, parse_on, parse_record
from zfxxgk.app.records import FileRecord, ParseRecord

distributed = pytest.importorskip("dask.distributed")

SAMPLES = ["2019-pingtan", "2023-shuyang-drc", "2024-hongze-district", "2020-gaoan-science-bureau"]


@pytest.fixture(scope="module")
def client() -> object:
    """One worker in this process (threads): light enough for CI, the same protocol."""
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("published")
    for name in SAMPLES:
        (d / f"{name}.txt").write_bytes(sample_path(name, ".txt").read_bytes())
    (d / "hongze.md").write_bytes(b"| a | b |\n|---|---|\n| 1 | 2 |\n")  # no report: an error
    (d / "broken.docx").write_bytes(b"PK not a document")
    return d


def _comparable(record: FileRecord) -> str:
    return json.dumps(record.to_dict(), sort_keys=True, ensure_ascii=False, default=str)


def test_records_on_the_cluster_are_the_local_ones(client: object, folder: Path) -> None:
    paths = sorted(str(p) for p in folder.iterdir())
    remote = list(parse_files(client, [str(folder)], window=2))
    assert [r.file for r in remote] == paths  # input order, every file once
    assert [_comparable(r) for r in remote] == [_comparable(parse_worker(p)) for p in paths]
    assert sum(r.failed for r in remote) == 2


def test_workers_need_no_file(client: object) -> None:
    """Names that exist nowhere: the bytes are what is read."""
    data = sample_path("2019-pingtan", ".txt").read_bytes()
    (record,) = parse_on(client, [("elsewhere/平潭.txt", data)])
    assert isinstance(record, ParseRecord)
    assert record.file == "elsewhere/平潭.txt" and record.kind and record.report
    want = parse_record("elsewhere/平潭.txt", data)
    assert _comparable(record) == _comparable(want)


def test_an_unreadable_file_is_its_error_record(client: object, tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.txt")
    assert list(file_items([missing])) == [(missing, None)]
    (record,) = parse_on(client, file_items([missing]))
    assert record.file == missing and record.failed


def test_the_command_line_batch_still_works(folder: Path) -> None:
    r = run_cli("parse", str(folder), "--jsonl")
    lines = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert r.returncode == 2 and len(lines) == len(list(folder.iterdir()))


def test_parse_dask_prints_what_the_local_batch_prints(client: object, folder: Path) -> None:
    """``zfxxgk parse DIR --jsonl --dask ADDRESS``: the same lines, from the cluster."""
    local = run_cli("parse", str(folder), "--jsonl")
    address = client.scheduler.address  # type: ignore[attr-defined]
    remote = run_cli("parse", str(folder), "--jsonl", "--dask", address)
    assert remote.returncode == local.returncode == 2
    assert remote.stdout == local.stdout


def test_parse_dask_without_a_cluster_is_a_clean_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zfxxgk.cli import parse as parse_command

    monkeypatch.setattr(parse_command, "CONNECT_TIMEOUT", 1)
    r = run_cli("parse", str(folder), "--dask", "tcp://127.0.0.1:9")
    err = r.stderr.decode()
    assert r.returncode == 2 and len(err.strip().splitlines()) == 1, err
