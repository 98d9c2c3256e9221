"""Review of the typed model and the errors as notes: what the old classes did and the
generated ones must keep doing (a fresh process, pickles, bounded error data)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

import zfxxgk

UNPICKLE = """
import pickle, sys
report = pickle.loads(sys.stdin.buffer.read())
report.applications.new_received.commercial_enterprise = 2
assert report.applications.parts()[0] == "new_received"
assert not report.applications.new_received.is_empty()
print(report.applications.new_received.natural_person, report.to_dict()["agency"] == "某局")
"""


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_a_report_unpickled_in_a_fresh_process_works(edition: str) -> None:
    """A spawned worker (Windows) or a later run unpickles a report before any edition is
    used: its records must still convert values and know their parts."""
    report = zfxxgk.AnnualReport(edition=edition, agency="某局", year=2022)
    report.applications.new_received.natural_person = 5
    proc = subprocess.run(
        [sys.executable, "-c", UNPICKLE],
        input=pickle.dumps(report),
        capture_output=True,
        env=os.environ,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()[-500:]
    assert proc.stdout.split() == [b"5", b"True"]


def test_a_record_class_imported_alone_works() -> None:
    """The generated classes are importable by name (for annotations, for pickle): made
    there, a record converts its values as one reached from a report does."""
    code = (
        "from zfxxgk.core.typed.records import ApplicantCounts\n"
        "rec = ApplicantCounts(natural_person=1.0)\n"
        "rec.commercial_enterprise = 2\n"
        "print(type(rec.natural_person).__name__, rec.keys()[0])\n"
        "from zfxxgk.core.typed.tables2021 import Applications2021\n"
        "table = Applications2021(new_received=rec)\n"
        "print(table.parts()[0], table.new_received.natural_person)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.split() == ["int", "natural_person", "new_received", "1"]
