"""Read a filled workbook and print its tables, and where a few values came from.

Usage: python examples/read_report.py FILE.xlsx
"""

from __future__ import annotations

import sys

import zfxxgk
from zfxxgk.app.display import render


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    try:
        report = zfxxgk.read(sys.argv[1])
    except zfxxgk.ZfxxgkError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(render(report))
    prov = report.provenance
    if prov is not None:
        for path in (
            ("applications", "new_received", "total"),
            ("applications", "results_total", "total"),
        ):
            src = prov.cells[path]
            print(f"{'.'.join(path)} = {report.get(path)}  ← {src.ref()}")
        for note in prov.notes:
            print("note:", note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
