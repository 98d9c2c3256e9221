"""The work done on a handed-in file, in a helper process (see :mod:`zfxxgk.desk.examine`).

Run by ``zfxxgk/xlsx/_helper_main.py`` from this file's path, it finds the package beside
it, and imports it on the first request (so the helper says it is ready at once)."""

from __future__ import annotations

import os
import sys
from typing import Any

_SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _package() -> None:
    if _SRC not in sys.path:
        sys.path.append(_SRC)  # after the installed one, which wins when there is one


def run(kind: str, *args: Any) -> Any:
    """One request: ``("warm",)``, ``("examine", path, label)`` or ``("annotate", path,
    out)``. Never raises (a failure becomes the answer)."""
    _package()
    if kind == "warm":
        import zfxxgk.app.checkpage
        import zfxxgk.app.load
        import zfxxgk.workbook.read  # noqa: F401

        return "ok"
    if kind == "examine":
        return examine(*args)
    if kind == "annotate":
        return annotate(*args)
    raise ValueError(kind)


def _message(exc: BaseException, path: str, label: str) -> str:
    """The one-line error with the stored name replaced by the name the clerk knows."""
    from zfxxgk.errors import ZfxxgkError

    if isinstance(exc, ZfxxgkError):
        text = str(exc)
    else:
        text = f"内部错误 | internal error: {type(exc).__name__}"
    text = text.replace(os.path.abspath(path), label).replace(path, label)
    return " ".join(text.split())[:2000]


def examine(path: str, label: str) -> dict[str, Any]:
    """Read and check one file: its status, counts, check page, check record and report;
    or ``status="unreadable"`` and the one-line error."""
    try:
        from zfxxgk.app.checkpage import check_page
        from zfxxgk.app.load import load_report
        from zfxxgk.core.check import check
        from zfxxgk.core.jsonio import dumps

        report = load_report(path)
        result = check(report)
        record = result.to_dict()
        record["file"] = label
        counts = result.counts
        status = "errors" if counts["error"] else "warnings" if counts["warning"] else "ok"
        return {
            "status": status,
            "errors": counts["error"],
            "warnings": counts["warning"],
            "message": "",
            "page": check_page(report, result),
            "record": dumps(record, indent=None),
            "report": report.to_json(indent=None),
            "agency": report.agency,
            "year": report.year,
            "edition": report.edition,
        }
    except Exception as exc:  # a hostile or broken file: one line, the next one goes on
        return {"status": "unreadable", "message": _message(exc, path, label)}


def annotate(path: str, out: str) -> str:
    """The annotated copy of ``path`` written to ``out``; "" or the one-line error."""
    try:
        from zfxxgk.app.load import load_report
        from zfxxgk.core.check import check
        from zfxxgk.workbook.annotate import annotate as mark

        report = load_report(path)
        result = check(report)
        source = path if path.lower().endswith((".xlsx", ".xlsm")) else None
        mark(result, report, out, source=source)
        return ""
    except Exception as exc:
        return _message(exc, path, os.path.basename(path))
