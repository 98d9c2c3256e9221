"""Build an agency's 2024 report in Python and fill the official 2021 template.

Usage: python examples/fill_2021.py [OUT.xlsx]   (default: out/example-2021.xlsx)
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import zfxxgk


def build() -> zfxxgk.AnnualReport:
    """The numbers of a small county bureau, as its staff would key them in."""
    report = zfxxgk.AnnualReport(edition="2021", agency="某某县自然资源局", year=2024)
    report.meta = {"filled_by": "张三", "phone": "0512-12345678", "date": "2025-01-15"}

    p = report.proactive
    p.rules.issued, p.rules.repealed, p.rules.in_force = 0, 0, 0
    p.normative_documents.issued = 3
    p.normative_documents.repealed = 1
    p.normative_documents.in_force = 17
    p.licensing.decisions = 1286
    p.penalty.decisions = 45
    p.coercion.decisions = 2
    p.fees.amount = Decimal("12.345600")  # 万元

    a = report.applications
    a.new_received.natural_person = 38
    a.new_received.commercial_enterprise = 4
    a.carried_over.natural_person = 2
    a.disclosed.natural_person = 20
    a.disclosed.commercial_enterprise = 3
    a.partially_disclosed.natural_person = 4
    a.unavailable_not_held.natural_person = 9
    a.unprocessed_repeated.natural_person = 2
    a.other_overdue_correction.natural_person = 1
    a.carried_forward.natural_person = 4
    a.carried_forward.commercial_enterprise = 1

    r = report.reviews
    r.reconsideration.upheld = 1
    r.litigation_direct.pending = 1
    # Every cell not keyed in above is a 0 (没有发生的填 0); then the 总计 column,
    # （七）总计 and section 四's totals follow from their parts.
    return report.with_zeros().with_totals()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/example-2021.xlsx")
    out.parent.mkdir(parents=True, exist_ok=True)
    report = build()
    zfxxgk.fill(report, out)
    print(f"wrote {out} (edition {report.edition}, template {zfxxgk.template_path('2021').name})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
