"""``zfxxgk check FILE --html OUT.html``: the check result as one page."""

from __future__ import annotations

from typing import Any


def write_check_html(
    file: str, out: str, previous: str | None, overrides: dict[str, Any] | None
) -> None:
    """Check ``file`` (against ``previous`` when given) and write the page atomically."""
    from zfxxgk.app.checkpage import check_page
    from zfxxgk.app.load import load_report
    from zfxxgk.core.check import check
    from zfxxgk.xlsx.atomic import write_bytes_atomic

    report = load_report(file)
    last = load_report(previous) if previous else None
    result = check(report, previous=last, rules=overrides)
    write_bytes_atomic(out, check_page(report, result).encode("utf-8"), protect=(file,))
