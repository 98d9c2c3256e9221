"""The reader's evaluator of a cell's own formula: spreadsheet semantics, hostile input."""

from __future__ import annotations

import contextlib
import resource
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk.xlsx.cells import CellErrorValue
from zfxxgk.xlsx.formula import FormulaError, Sheet, Unsupported, evaluate

CELLS: dict[tuple[int, int], Any] = {
    (4, 3): 1,  # D5
    (4, 4): "4",  # E5: a number typed as text
    (4, 6): 3,  # G5
    (6, 0): 1.5,  # A7
    (7, 0): CellErrorValue("#DIV/0!"),  # A8
}


def ev(formula: str, formulas: dict[tuple[int, int], str] | None = None) -> Any:
    return evaluate(formula, Sheet(dict(CELLS), formulas or {}))


class TestSemantics:
    @pytest.mark.parametrize(
        ("formula", "value"),
        [
            ("=SUM(D5:I5)", 4),  # SUM skips the text in E5 and the blanks
            ('=IF(COUNT(D5:I5)=0,"",SUM(D5:I5))', 4),
            ('=IF(COUNT(K5:L5)=0,"",SUM(K5:L5))', ""),  # the template's blank total
            ("=D5+E5-G5", 2),  # + reads '4' as 4 and a blank as 0
            ("=SUM(D5,E5)-SUM(G5)", -2),  # a referenced text is skipped by SUM
            ("=N(J5)=SUM(D5:I5)", False),
            ("=N(A7)", Decimal("1.5")),
            ("=ABS(-A7)", Decimal("1.5")),
            ('=COUNT(1,"2",TRUE)', 3),
            ("=COUNTA(D5:G5)", 3),
            ("=1/4", Decimal("0.25")),
            ("=MAX(D5:G5)+MIN(D5:G5)", 4),
        ],
    )
    def test_value_as_a_spreadsheet_shows_it(self, formula: str, value: Any) -> None:
        """Each formula gives what Excel and LibreOffice show for it."""
        assert ev(formula) == value

    @pytest.mark.parametrize(
        ("formula", "code"),
        [
            ('="nan"+1', "#VALUE!"),
            ('="1_000"+1', "#VALUE!"),
            ("=A8+1", "#DIV/0!"),  # an error in a referenced cell passes on
            ("=1/0", "#DIV/0!"),
            ("=1e500000*1e500000", "#NUM!"),
        ],
    )
    def test_errors(self, formula: str, code: str) -> None:
        """What a spreadsheet shows as an error is an error here too."""
        with pytest.raises(FormulaError) as info:
            ev(formula)
        assert info.value.code == code

    @pytest.mark.parametrize(
        "formula",
        [
            "=VLOOKUP(A1,B1:C2,2)",
            "='x'!A1",
            "=SUM(A7 A8 A9)",
            "=SUM(1 2 3)",
            "=١٢+1",
            "=A0+1",
            "=A1:B2",
            "=" + "(" * 3000 + "1" + ")" * 3000,
            "=" + "-" * 5000 + "1",
            "=SUM(A1:XFD1048576)",
        ],
    )
    def test_unsupported(self, formula: str) -> None:
        """Anything else, or anything too deep or too large, is refused as unsupported."""
        with pytest.raises(Unsupported):
            ev(formula)

    def test_chained_cells_and_cycles(self) -> None:
        """A formula reading other formulas evaluates them once; a cycle is #REF!; a very
        long chain is refused, not a RecursionError."""
        assert ev("=B1*2", {(0, 1): "=C1+1", (0, 2): "=D5+1"}) == 6
        with pytest.raises(FormulaError):
            ev("=B1+1", {(0, 1): "=C1", (0, 2): "=B1"})
        chain = {(i, 0): f"=A{i}+1" for i in range(1, 3000)}
        with pytest.raises(Unsupported):
            Sheet({(0, 0): 1}, chain).get(2998, 0)

    def test_work_is_bounded(self) -> None:
        """Many ranges over a filled sheet stop at the visit budget (no hours of work)."""
        cells = {(r, c): 1 for r in range(300) for c in range(100)}
        formula = "=" + "+".join(f"SUM(A1:ZZ{1000 + i})" for i in range(500))
        with pytest.raises(Unsupported):
            evaluate(formula, Sheet(cells, {}))


_PIECES = st.sampled_from(
    [
        "SUM(",
        "COUNT(",
        "IF(",
        "N(",
        "ABS(",
        "(",
        ")",
        ",",
        "+",
        "-",
        "*",
        "/",
        "=",
        "<>",
        "D5",
        "E5",
        "A1:Z99",
        "A8",
        '""',
        '"x"',
        "1",
        "0",
        "1e308",
        "TRUE",
        " ",
        "$A$1",
        "X",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_fuzz_returns_or_raises_ours(formula: str) -> None:
    """Any string of formula pieces gives a value, Unsupported or FormulaError."""
    with contextlib.suppress(Unsupported, FormulaError):
        ev("=" + formula)


def test_worst_case_under_a_memory_limit() -> None:
    """The hostile shapes end in our exceptions under a 1 GiB address-space limit."""
    code = (
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
        "from zfxxgk.xlsx.formula import *;"
        "cells={(r, c): 1 for r in range(300) for c in range(100)};"
        "shapes=['('*9000+'1'+')'*9000, '-'*9000+'1', "
        "'+'.join(f'SUM(A1:ZZ{1000 + i})' for i in range(500))];\n"
        "for f in shapes:\n"
        "    try: evaluate(f, Sheet(cells, {}))\n"
        "    except (Unsupported, FormulaError): pass\n"
        "print('ok')"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.stdout.strip() == "ok", r.stderr
    assert resource.RLIMIT_AS  # the limit exists on this platform
