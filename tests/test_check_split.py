"""Rule kinds and finding statuses are enums that keep their text (issue 20)."""

from __future__ import annotations

import json

from zfxxgk import AnnualReport, check
from zfxxgk.core.evaluate import Status
from zfxxgk.core.rules import RULES, RuleKind


def test_rule_kinds_are_enums_equal_to_their_text() -> None:
    assert all(isinstance(r.kind, RuleKind) for r in RULES.values())
    assert RULES["R3-ROW-TOTAL"].kind is RuleKind.RELATION and RuleKind.RELATION == "relation"
    assert {r.kind for r in RULES.values()} == set(RuleKind)


def test_finding_status_is_the_status_enum_and_json_keeps_its_text() -> None:
    r = AnnualReport(edition="2021", agency="某局", year=2024).with_zeros().with_totals()
    r.applications.new_received.total = 1  # the parts make 0
    result = check(r, include_passed=True)
    assert all(isinstance(f.status, Status) for f in result.findings)
    failed = [f for f in result.findings if f.status is Status.FAILED]
    assert failed and failed[0].status == "failed"
    data = json.loads(json.dumps(result.to_dict(), default=str))
    assert {f["status"] for f in data["findings"]} <= {"failed", "not_assessable", "passed"}
    assert type(failed[0].to_dict()["status"]) is str
