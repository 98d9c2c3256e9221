"""The typed model: generated source that matches the edition data, and that mypy and an
editor see through (field names and value types)."""

from __future__ import annotations

import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import zfxxgk
from zfxxgk.core import typed
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.layout import Kind
from zfxxgk.core.model import TABLE_CLASSES
from zfxxgk.core.typed.generate import HERE, sources


def test_generated_source_is_current() -> None:
    """Change the edition data, then run `python -m zfxxgk.core.typed.generate`."""
    for name, text in sources().items():
        assert (HERE / name).read_text(encoding="utf-8") == text, f"{name} is stale"


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_every_field_is_an_annotated_attribute(edition: str) -> None:
    report = zfxxgk.AnnualReport(edition=edition)
    types = {Kind.COUNT: "int | None", Kind.SIGNED: "int | None", Kind.MONEY: "Decimal | None"}
    for field in EDITIONS[edition].fields():
        record = getattr(getattr(report, field.path[0]), field.path[1])
        annotation = type(record).__annotations__[field.path[2]]
        assert annotation == types.get(field.kind, "str | None"), field.path
        assert (
            TABLE_CLASSES[edition][field.path[0]].__module__ == f"zfxxgk.core.typed.tables{edition}"
        )


def test_values_still_converted_and_checked_on_assignment() -> None:
    report = zfxxgk.AnnualReport(edition="2021")
    report.proactive.fees.amount = 12.5  # type: ignore[assignment]
    assert report.proactive.fees.amount == Decimal("12.5")
    with pytest.raises(zfxxgk.ZfxxgkError):
        report.applications.new_received.natural_person = 1.5  # type: ignore[assignment]
    with pytest.raises(AttributeError):
        report.applications.new_received.natual_person = 1  # type: ignore[attr-defined]


def test_reports_pickle_and_old_names_resolve() -> None:
    report = zfxxgk.AnnualReport(edition="2019", agency="某局", year=2020)
    report.applications.new_received.natural_person = 3
    assert pickle.loads(pickle.dumps(report)) == report
    from zfxxgk.core import model

    assert model.Applications2019 is TABLE_CLASSES["2019"]["applications"]
    assert model.ApplicantCounts is type(report.applications.new_received)


def test_stale_classes_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from zfxxgk.core.typed import records

    monkeypatch.setattr(records.CaseOutcomes, "__zfxxgk_keys__", ("upheld", "corrected"))
    with pytest.raises(RuntimeError, match="generate"):
        typed.bind("2021")


SCRIPT_OK = """
import zfxxgk
report = zfxxgk.AnnualReport(edition="2021", agency="某局", year=2024)
report.applications.new_received.natural_person = 12
n: int | None = report.applications.carried_forward.total
"""

SCRIPT_BAD = """
import zfxxgk
report = zfxxgk.AnnualReport(edition="2021", agency="某局", year=2024)
report.applications.new_received.natual_person = 12
s: str = report.reviews.reconsideration.total
"""


def test_mypy_sees_field_names_and_types(tmp_path: Path) -> None:
    """A user's script: mypy accepts the right names and refuses a typo and a wrong type."""
    (tmp_path / "ok.py").write_text(SCRIPT_OK, encoding="utf-8")
    (tmp_path / "bad.py").write_text(SCRIPT_BAD, encoding="utf-8")

    def mypy(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )

    ok = mypy("ok.py")
    assert ok.returncode == 0, ok.stdout
    bad = mypy("bad.py")
    assert bad.returncode == 1
    assert "natual_person" in bad.stdout
    assert 'Incompatible types in assignment (expression has type "int | None"' in bad.stdout
