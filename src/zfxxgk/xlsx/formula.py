"""Evaluating a cell's own formula as a spreadsheet would, for the formulas totals use.

A workbook saved without stored results (openpyxl writes none) still shows a number in a
spreadsheet program: the reader computes that number from the cell's *own* formula, not
from what the formula ought to be. Supported: numbers, "text", cell references (``$``
allowed) and ranges on the same sheet, single cells of another sheet (``年报!B3``,
``'Sheet 1'!B3``) where the caller gives the workbook's sheets, ``+ - * /``,
comparisons, and the functions SUM, COUNT, COUNTA, N, IF, AND, OR, MIN, MAX, ABS.
Anything else raises :class:`Unsupported` and the caller leaves the cell unevaluated,
with a note.

The spreadsheet's own rules are followed where they matter to totals: SUM and COUNT skip
text and blanks inside references; ``+`` and ``-`` read a blank as 0 and a number typed as
text as that number (Excel does, and LibreOffice by default), other text gives #VALUE!;
IF evaluates only the branch it takes.

The input is untrusted: nesting, the cells visited and the numbers' size are bounded
(:class:`Budget`), so every formula ends in a value, :class:`Unsupported` or
:class:`FormulaError`, quickly.
"""

from __future__ import annotations

import bisect
import decimal
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from zfxxgk.xlsx.blankformula import shows_blank as shows_blank  # its home before
from zfxxgk.xlsx.cells import CellErrorValue
from zfxxgk.xlsx.refs import column_index

#: Longest formula evaluated; deepest nesting (brackets, signs, calls, chained cells);
#: cells visited for one sheet; cells a range may span.
MAX_FORMULA = 8192
MAX_DEPTH = 64
MAX_VISITS = 200_000
MAX_RANGE_CELLS = 1_048_576 * 16


class Unsupported(Exception):
    """The formula uses something this evaluator does not know, or asks too much.

    ``bound`` names the bound that was hit (``visits``, ``depth``, ``range``,
    ``length``) and ``limit`` its value; both are None for a formula not understood.
    """

    def __init__(self, reason: str, bound: str | None = None, limit: int | None = None) -> None:
        super().__init__(reason)
        self.bound = bound
        self.limit = limit


class FormulaError(Exception):
    """The formula evaluates to a spreadsheet error such as #VALUE!."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


Number = int | Decimal

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
    | "(?P<string>(?:[^"]|"")*)"
    | (?P<xref>(?:'(?:[^']|'')+'|(?!\d)[^\s!'"(),:;+\-*/=<>&^%$\[\]]+)!
        \$?[A-Za-z]{1,3}\$?[1-9]\d{0,6})(?![\w(!.:])
    | (?P<range>\$?[A-Za-z]{1,3}\$?[1-9]\d{0,6}:\$?[A-Za-z]{1,3}\$?[1-9]\d{0,6})
    | (?P<ref>\$?[A-Za-z]{1,3}\$?[1-9]\d{0,6})(?![\w(!.:])
    | (?P<bool>TRUE|FALSE)(?![\w(.])
    | (?P<func>[A-Za-z_][A-Za-z0-9_.]*)\s*\(
    | (?P<op><>|<=|>=|[-+*/=<>(),&^%])
    )""",
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})", re.ASCII)
_NUMBER_TEXT = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,4})?\s*", re.ASCII)
_CONTEXT = decimal.Context(
    prec=34,
    Emax=999,
    Emin=-999,
    traps=[decimal.Overflow, decimal.InvalidOperation, decimal.DivisionByZero],
)


class Budget:
    """The work one sheet's formulas may do: cells visited and nesting depth."""

    def __init__(self, visits: int = MAX_VISITS) -> None:
        self.visits = visits
        self.depth = 0

    def spend(self, n: int = 1) -> None:
        self.visits -= n
        if self.visits < 0:
            raise Unsupported("too many cells to visit", "visits", MAX_VISITS)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Unsupported("nested too deeply", "depth", MAX_DEPTH)

    def leave(self) -> None:
        self.depth -= 1


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise Unsupported(text[pos : pos + 20])
        kind = m.lastgroup
        assert kind is not None
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def _cell(ref: str) -> tuple[int, int]:
    m = _CELL.fullmatch(ref)
    assert m is not None
    return int(m.group(2)) - 1, column_index(m.group(1))


class _Range:
    """A rectangle of cells, as a function argument."""

    def __init__(self, text: str) -> None:
        a, b = text.split(":")
        (r0, c0), (r1, c1) = _cell(a), _cell(b)
        self.rows = range(min(r0, r1), max(r0, r1) + 1)
        self.cols = range(min(c0, c1), max(c0, c1) + 1)
        if len(self.rows) * len(self.cols) > MAX_RANGE_CELLS:
            raise Unsupported(f"range {text} too large", "range", MAX_RANGE_CELLS)

    def __contains__(self, at: tuple[int, int]) -> bool:
        return at[0] in self.rows and at[1] in self.cols

    def size(self) -> int:
        return len(self.rows) * len(self.cols)


class _Ref:
    """A cell; on another sheet of the workbook where ``sheet`` names one."""

    def __init__(self, text: str, sheet: str | None = None) -> None:
        self.at = _cell(text)
        self.sheet = sheet


def _other_sheet_ref(text: str) -> _Ref:
    """``Sheet!A1`` or ``'My sheet'!A1``."""
    name, _, ref = text.rpartition("!")
    if name.startswith("'"):
        name = name[1:-1].replace("''", "'")
    return _Ref(ref, name)


class Sheet:
    """The cells one formula may refer to: stored values, and formulas evaluated on
    demand (once each; one that refers back to itself is #REF!), within one budget."""

    def __init__(
        self,
        values: dict[tuple[int, int], Any],
        formulas: dict[tuple[int, int], str] | None = None,
        budget: Budget | None = None,
        book: dict[str, Sheet] | None = None,
    ) -> None:
        self.values = values
        self.formulas = formulas or {}
        self.budget = budget or Budget()
        #: the workbook's sheets by name (casefolded) that ``Sheet!A1`` may refer to;
        #: None: such a reference is unsupported
        self.book = book
        self._memo: dict[tuple[int, int], Any] = {}
        self._busy: set[tuple[int, int]] = set()
        self._stored: list[tuple[int, int]] | None = None

    def get(self, row: int, col: int) -> Any:
        at = (row, col)
        self.budget.spend()
        if at in self.values:
            return self.values[at]
        if at not in self.formulas:
            return None
        if at in self._memo:
            return self._memo[at]
        if at in self._busy:
            return CellErrorValue("#REF!")
        self._busy.add(at)
        self.budget.enter()
        try:
            self._memo[at] = evaluate(self.formulas[at], self)
        except FormulaError as exc:
            self._memo[at] = CellErrorValue(exc.code)
        finally:
            self._busy.discard(at)
            self.budget.leave()
        return self._memo[at]

    def ref(self, ref: _Ref) -> Any:
        """The value of a reference, on this sheet or on another of the book."""
        if ref.sheet is None:
            return self.get(*ref.at)
        other = self.book.get(ref.sheet.casefold()) if self.book is not None else None
        if other is None:
            raise Unsupported(f"sheet {ref.sheet}")
        return other.get(*ref.at)

    def in_range(self, rng: _Range) -> Iterator[Any]:
        """The values of the cells of a range that hold something (blanks add nothing to
        SUM, COUNT, MIN or MAX): the stored cells when the range is larger."""
        if rng.size() <= len(self.values) + len(self.formulas):
            for r in rng.rows:
                for c in rng.cols:
                    yield self.get(r, c)
            return
        if self._stored is None:
            self._stored = sorted({*self.values, *self.formulas})
        stored = self._stored
        # the stored cells of the range's rows; each one looked at is work spent
        lo = bisect.bisect_left(stored, (rng.rows.start, -1))
        hi = bisect.bisect_left(stored, (rng.rows.stop, -1), lo)
        self.budget.spend(hi - lo)
        for at in stored[lo:hi]:
            if at[1] in rng.cols:
                yield self.get(*at)


class _Parser:
    """Recursive descent over the tokens, evaluating as it goes (IF stays lazy)."""

    def __init__(self, tokens: list[tuple[str, str]], sheet: Sheet) -> None:
        self.tokens = tokens
        self.i = 0
        self.sheet = sheet
        self.budget = sheet.budget

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None or (value is not None and tok[1] != value):
            raise Unsupported(f"expected {value or 'more'}")
        self.i += 1
        return tok

    # comparison < additive < multiplicative < unary < primary
    def expr(self, run: bool = True) -> Any:
        self.budget.enter()
        try:
            left = self.additive(run)
            tok = self.peek()
            if tok and tok[0] == "op" and tok[1] in ("=", "<>", "<", ">", "<=", ">="):
                self.take()
                right = self.additive(run)
                return _compare(tok[1], self.scalar(left), self.scalar(right)) if run else None
            return left
        finally:
            self.budget.leave()

    def additive(self, run: bool) -> Any:
        value = self.term(run)
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "+-":
            self.take()
            right = self.term(run)
            if run:
                a, b = _arith(self.scalar(value)), _arith(self.scalar(right))
                value = _exact(_CONTEXT.add(a, b) if tok[1] == "+" else _CONTEXT.subtract(a, b))
        return value

    def term(self, run: bool) -> Any:
        value = self.unary(run)
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "*/":
            self.take()
            right = self.unary(run)
            if run:
                a, b = _arith(self.scalar(value)), _arith(self.scalar(right))
                if tok[1] == "/" and b == 0:
                    raise FormulaError("#DIV/0!")
                op = _CONTEXT.multiply if tok[1] == "*" else _CONTEXT.divide
                value = _exact(op(Decimal(a), Decimal(b)))
        return value

    def unary(self, run: bool) -> Any:
        tok = self.peek()
        if tok and tok[0] == "op" and tok[1] in "+-":
            self.take()
            self.budget.enter()
            try:
                value = self.unary(run)
            finally:
                self.budget.leave()
            if not run:
                return None
            number = _arith(self.scalar(value))
            return -number if tok[1] == "-" else number
        return self.primary(run)

    def primary(self, run: bool) -> Any:
        kind, text = self.take()
        if kind == "number":
            return _exact(_CONTEXT.create_decimal(text))
        if kind == "string":
            return text.replace('""', '"')
        if kind == "bool":
            return text.upper() == "TRUE"
        if kind == "ref":
            return _Ref(text)
        if kind == "xref":
            return _other_sheet_ref(text)
        if kind == "range":
            return _Range(text)
        if kind == "func":
            return self.call(text.upper(), run)
        if text == "(":
            value = self.expr(run)
            self.take(")")
            return value
        raise Unsupported(text)

    def scalar(self, value: Any) -> Any:
        """A value where one is wanted: a reference read, a range refused."""
        if isinstance(value, _Ref):
            return self.sheet.ref(value)
        if isinstance(value, _Range):
            raise Unsupported("a range where a value is wanted")
        return value

    def args(self, run: bool) -> list[Any]:
        """The arguments, separated by commas (references kept, for SUM and COUNT)."""
        out: list[Any] = []
        if self.peek() == ("op", ")"):
            self.take(")")
            return out
        while True:
            out.append(self.expr(run))
            sep = self.take()
            if sep == ("op", ")"):
                return out
            if sep != ("op", ","):
                raise Unsupported(f"unexpected {sep[1]}")

    def call(self, name: str, run: bool) -> Any:
        self.budget.enter()
        try:
            if name == "IF":
                return self._if(run)
            function = _FUNCTIONS.get(name)
            if function is None:
                raise Unsupported(name)
            args = self.args(run)
            return function(self, args) if run else None
        finally:
            self.budget.leave()

    def _if(self, run: bool) -> Any:
        cond = self.expr(run)
        self.take(",")
        yes = _truth(self.scalar(cond)) if run else False
        a = self.expr(run and yes)
        b: Any = False
        if self.peek() == ("op", ","):
            self.take(",")
            b = self.expr(run and not yes)
        self.take(")")
        return self.scalar(a if yes else b) if run else None

    def values(self, args: list[Any]) -> Iterator[tuple[Any, bool]]:
        """Each argument's values, with whether it came from a reference."""
        for a in args:
            if isinstance(a, _Range):
                for v in self.sheet.in_range(a):
                    yield v, True
            elif isinstance(a, _Ref):
                yield self.sheet.ref(a), True
            else:
                yield a, False


def _exact(d: Decimal) -> Number:
    if not d.is_finite():
        raise FormulaError("#NUM!")
    return int(d) if d == d.to_integral_value() and abs(d) < 10**15 else d.normalize(_CONTEXT)


def _arith(value: Any) -> Number:
    """A value in + − × ÷: blank is 0, a number typed as text is that number."""
    if isinstance(value, CellErrorValue):
        raise FormulaError(value.code)
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return _exact(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise FormulaError("#NUM!")
        return _exact(_CONTEXT.create_decimal(repr(value)))
    if isinstance(value, str):
        if not _NUMBER_TEXT.fullmatch(value):
            raise FormulaError("#VALUE!")
        return _exact(_CONTEXT.create_decimal(value.strip()))
    raise FormulaError("#VALUE!")


def _truth(value: Any) -> bool:
    if isinstance(value, str):
        raise FormulaError("#VALUE!")
    return bool(_arith(value))


def _compare(op: str, a: Any, b: Any) -> bool:
    # a spreadsheet puts every number below every text; blank is 0 against a number
    # and "" against a text
    def key(v: Any, other: Any) -> tuple[int, Any]:
        if v is None:
            v = "" if isinstance(other, str) else 0
        if isinstance(v, CellErrorValue):
            raise FormulaError(v.code)
        if isinstance(v, bool):
            return (2, v)
        if isinstance(v, str):
            return (1, v.lower())
        return (0, _arith(v))

    x, y = key(a, b), key(b, a)
    return {
        "=": x == y,
        "<>": x != y,
        "<": x < y,
        ">": x > y,
        "<=": x <= y,
        ">=": x >= y,
    }[op]


def _is_number(v: Any) -> bool:
    return isinstance(v, int | Decimal | float) and not isinstance(v, bool)


def _numbers(p: _Parser, args: list[Any]) -> list[Number]:
    """The numbers SUM, MIN and MAX take: in references, numbers only; as plain
    arguments, anything that converts."""
    out: list[Number] = []
    for v, from_ref in p.values(args):
        if isinstance(v, CellErrorValue):
            raise FormulaError(v.code)
        if from_ref:
            if _is_number(v):
                out.append(_arith(v))
        elif v is not None:
            out.append(_arith(v))
    return out


def _count(p: _Parser, args: list[Any]) -> int:
    """COUNT(): numbers in references; plain arguments that are or convert to numbers."""
    n = 0
    for v, from_ref in p.values(args):
        if (
            _is_number(v)
            or (not from_ref and isinstance(v, bool))
            or (not from_ref and isinstance(v, str) and _NUMBER_TEXT.fullmatch(v))
        ):
            n += 1
    return n


def _n(p: _Parser, args: list[Any]) -> Number:
    """N(): a number stays, TRUE is 1, an error passes on, anything else is 0."""
    if len(args) != 1:
        raise Unsupported("N takes one argument")
    v = next(p.values(args), (None, True))[0]
    if isinstance(v, CellErrorValue):
        raise FormulaError(v.code)
    if isinstance(v, bool):
        return int(v)
    return _arith(v) if _is_number(v) else 0


def _abs(p: _Parser, args: list[Any]) -> Number:
    if len(args) != 1:
        raise Unsupported("ABS takes one argument")
    number = _arith(p.scalar(args[0]))
    return -number if number < 0 else number


def _sum(p: _Parser, args: list[Any]) -> Number:
    total: Number = 0
    for v in _numbers(p, args):
        total = _exact(_CONTEXT.add(total, v))
    return total


_FUNCTIONS: dict[str, Callable[[_Parser, list[Any]], Any]] = {
    "SUM": _sum,
    "COUNT": _count,
    "COUNTA": lambda p, a: sum(1 for v, _ in p.values(a) if v is not None),
    "N": _n,
    "AND": lambda p, a: all(_truth(v) for v, _ in p.values(a) if v is not None),
    "OR": lambda p, a: any(_truth(v) for v, _ in p.values(a) if v is not None),
    "MIN": lambda p, a: min(_numbers(p, a), default=0),
    "MAX": lambda p, a: max(_numbers(p, a), default=0),
    "ABS": _abs,
}


def evaluate(formula: str, sheet: Sheet) -> Any:
    """The value ``formula`` (with or without its leading ``=``) shows, reading the other
    cells of its sheet.

    Returns a number (int or Decimal), a text, a bool, or None for an empty result.

    Raises:
        Unsupported: the formula uses something not evaluated here, or asks too much.
        FormulaError: it evaluates to a spreadsheet error (#VALUE!, #DIV/0!, #NUM!).
    """
    text = formula.removeprefix("=")
    if len(text) > MAX_FORMULA:
        raise Unsupported("a long formula", "length", MAX_FORMULA)
    if "[" in text or ("!" in text and sheet.book is None):
        raise Unsupported("another sheet or a table")
    p = _Parser(_tokens(text), sheet)
    try:
        value = p.scalar(p.expr())
    except RecursionError:  # a safety net under the depth bound
        raise Unsupported("nested too deeply", "depth", MAX_DEPTH) from None
    except (decimal.Overflow, decimal.InvalidOperation, decimal.DivisionByZero):
        raise FormulaError("#NUM!") from None
    if p.peek() is not None:
        raise Unsupported(f"unexpected {p.peek()}")
    if isinstance(value, float):
        return _arith(value)
    return value
