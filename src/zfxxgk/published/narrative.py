"""What a report's narrative states, checked against its tables."""

from __future__ import annotations

import re

from zfxxgk.core.model import AnnualReport
from zfxxgk.notes import Note

_NARRATIVE = (
    (
        "new",
        re.compile(
            r"(?:共|累计)?(?:收到|新收|受理)[^，。；;]{0,20}?申请[^，。；;\d]{0,10}?"
            r"(\d[\d,]*)\s*(?:件|份|条)"
        ),
    ),
    ("carried", re.compile(r"结转[^，。；;\d]{0,15}?(\d[\d,]*)\s*件")),
    ("review", re.compile(r"行政复议[^，。；;\d]{0,10}?(\d[\d,]*)\s*(?:件|起)")),
    ("litigation", re.compile(r"行政诉讼[^，。；;\d]{0,10}?(\d[\d,]*)\s*(?:件|起)")),
)


def narrative_warnings(text: str, report: AnnualReport) -> list[Note]:
    """Figures the narrative states that differ from the tables (scope may differ)."""
    a, rv = report.applications, report.reviews
    new = a.new_received.total
    carried = [x for x in (a.carried_over.total, a.carried_forward.total) if x is not None]
    litigation = [
        x
        for x in (rv.litigation_direct.total, rv.litigation_after_reconsideration.total)
        if x is not None
    ]
    table = {
        "new": [x for x in (new, (new or 0) + (a.carried_over.total or 0)) if x is not None],
        "carried": carried,
        "review": [rv.reconsideration.total] if rv.reconsideration.total is not None else [],
        "litigation": [sum(litigation)] if litigation else [],
    }
    names = {"new": "收到申请", "carried": "结转", "review": "行政复议", "litigation": "行政诉讼"}
    out = []
    flat = re.sub(r"\s+", "", text)
    for key, pattern in _NARRATIVE:
        for m in pattern.finditer(flat):
            stated = int(m.group(1).replace(",", ""))
            if table[key] and stated not in table[key]:
                params = {
                    "quote": m.group(0),
                    "stated": stated,
                    "name": names[key],
                    "key": key,
                    "table": "、".join(str(x) for x in table[key]),
                }
                out.append(Note("narrative-differs", params=params))
                break
    return out
