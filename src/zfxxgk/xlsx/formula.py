"""Evaluating a cell's own formula as a spreadsheet would, for the formulas totals use.

A workbook saved without stored results (openpyxl writes none) still shows a number in a
spreadsheet program: the reader computes that number from the cell's *own* formula, not
from what the formula ought to be. Supported: numbers, "text", cell references (``$``
allowed) and ranges on the same sheet, ``+ - * /``, comparisons, and the functions SUM,
COUNT, COUNTA, N, IF, AND, OR, MIN, MAX, ABS. Anything else raises :class:`Unsupported`
and the caller leaves the cell unevaluated, with a note.

The spreadsheet's own rules are followed where they matter to totals: SUM and COUNT skip
text and blanks inside references; ``+`` and ``-`` read a blank as 0 and a number typed as
text as that number (Excel does, and LibreOffice by default), other text gives #VALUE!;
IF evaluates only the branch it takes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from zfxxgk.xlsx.cells import CellErrorValue
from zfxxgk.xlsx.refs import column_index

#: Longest formula evaluated, and deepest nesting / chain of referenced formulas.
MAX_FORMULA = 8192
MAX_DEPTH = 64
MAX_RANGE_CELLS = 100_000


class Unsupported(Exception):
    """The formula uses something this evaluator does not know."""


class FormulaError(Exception):
    """The formula evaluates to a spreadsheet error such as #VALUE!."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


Number = int | Decimal
#: What a cell holds as a spreadsheet sees it: None for blank.
Getter = Callable[[int, int], Any]

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
    | "(?P<string>(?:[^"]|"")*)"
    | (?P<range>\$?[A-Za-z]{1,3}\$?\d{1,7}:\$?[A-Za-z]{1,3}\$?\d{1,7})
    | (?P<ref>\$?[A-Za-z]{1,3}\$?\d{1,7})(?![\w(!])
    | (?P<func>[A-Za-z_][A-Za-z0-9_.]*)\s*\(
    | (?P<bool>TRUE|FALSE)(?![\w(])
    | (?P<op><>|<=|>=|[-+*/=<>(),&^%])
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


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
            raise Unsupported(f"range {text} too large")

    def cells(self) -> Iterator[tuple[int, int]]:
        for r in self.rows:
            for c in self.cols:
                yield r, c


class _Ref:
    def __init__(self, text: str) -> None:
        self.at = _cell(text)


class _Parser:
    """Recursive descent over the tokens, evaluating as it goes (IF stays lazy)."""

    def __init__(self, tokens: list[tuple[str, str]], get: Getter) -> None:
        self.tokens = tokens
        self.i = 0
        self.get = get
        self.depth = 0

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
        left = self.additive(run)
        tok = self.peek()
        if tok and tok[0] == "op" and tok[1] in ("=", "<>", "<", ">", "<=", ">="):
            self.take()
            right = self.additive(run)
            return _compare(tok[1], left, right) if run else None
        return left

    def additive(self, run: bool) -> Any:
        value = self.term(run)
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "+-":
            self.take()
            right = self.term(run)
            if run:
                a, b = _arith(value), _arith(right)
                value = a + b if tok[1] == "+" else a - b
        return value

    def term(self, run: bool) -> Any:
        value = self.unary(run)
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "*/":
            self.take()
            right = self.unary(run)
            if run:
                a, b = _arith(value), _arith(right)
                if tok[1] == "*":
                    value = a * b
                else:
                    if b == 0:
                        raise FormulaError("#DIV/0!")
                    value = _exact(Decimal(a) / Decimal(b))
        return value

    def unary(self, run: bool) -> Any:
        tok = self.peek()
        if tok and tok[0] == "op" and tok[1] in "+-":
            self.take()
            value = self.unary(run)
            return (-_arith(value) if tok[1] == "-" else _arith(value)) if run else None
        return self.primary(run)

    def primary(self, run: bool) -> Any:
        kind, text = self.take()
        if kind == "number":
            return _exact(Decimal(text))
        if kind == "string":
            return text.replace('""', '"')
        if kind == "bool":
            return text.upper() == "TRUE"
        if kind == "ref":
            return _Ref(text) if not run else self.value(_Ref(text))
        if kind == "range":
            return _Range(text)
        if kind == "func":
            return self.call(text.upper(), run)
        if text == "(":
            value = self.expr(run)
            self.take(")")
            return value
        raise Unsupported(text)

    def value(self, ref: _Ref) -> Any:
        return self.get(*ref.at)

    def args(self, run: bool) -> list[Any]:
        """The raw arguments (references kept as such, for SUM and COUNT)."""
        out: list[Any] = []
        if self.peek() == ("op", ")"):
            self.take(")")
            return out
        while True:
            tok = self.peek()
            nxt = self.tokens[self.i + 1] if self.i + 1 < len(self.tokens) else None
            if tok and tok[0] in ("ref", "range") and nxt in (("op", ","), ("op", ")")):
                self.take()
                out.append(_Ref(tok[1]) if tok[0] == "ref" else _Range(tok[1]))
            else:
                out.append(self.expr(run))
            if self.take()[1] == ")":
                return out

    def call(self, name: str, run: bool) -> Any:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Unsupported("nested too deeply")
        try:
            if name == "IF":
                return self._if(run)
            args = self.args(run)
            return _FUNCTIONS[name](self, args) if run else None
        except KeyError:
            raise Unsupported(name) from None
        finally:
            self.depth -= 1

    def _if(self, run: bool) -> Any:
        cond = self.expr(run)
        self.take(",")
        yes = bool(_truth(cond)) if run else False
        a = self.expr(run and yes)
        b: Any = False
        if self.peek() == ("op", ","):
            self.take(",")
            b = self.expr(run and not yes)
        self.take(")")
        return (a if yes else b) if run else None

    def scalars(self, args: list[Any]) -> Iterator[tuple[Any, bool]]:
        """Each argument's values, with whether it came from a reference."""
        for a in args:
            if isinstance(a, _Range):
                for at in a.cells():
                    yield self.get(*at), True
            elif isinstance(a, _Ref):
                yield self.value(a), True
            else:
                yield a, False


def _exact(d: Decimal) -> Number:
    return int(d) if d == d.to_integral_value() and abs(d) < 10**15 else d.normalize()


def _arith(value: Any) -> Number:
    """A value in + − × ÷: blank is 0, a number typed as text is that number."""
    if isinstance(value, CellErrorValue):
        raise FormulaError(value.code)
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, float):
        return _exact(Decimal(repr(value)))
    if isinstance(value, str):
        try:
            return _exact(Decimal(value.strip()))
        except InvalidOperation:
            raise FormulaError("#VALUE!") from None
    if isinstance(value, _Range | _Ref):
        raise Unsupported("a reference where a value is wanted")
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


def _numbers(p: _Parser, args: list[Any]) -> list[Number]:
    out: list[Number] = []
    for v, from_ref in p.scalars(args):
        if isinstance(v, CellErrorValue):
            raise FormulaError(v.code)
        if from_ref:
            if isinstance(v, int | Decimal | float) and not isinstance(v, bool):
                out.append(_arith(v))
        elif v is not None:
            out.append(_arith(v))
    return out


def _count(p: _Parser, args: list[Any]) -> int:
    """COUNT(): numbers, in references and as plain arguments (text never counts)."""
    return sum(
        1
        for v, _ in p.scalars(args)
        if isinstance(v, int | Decimal | float) and not isinstance(v, bool)
    )


def _n(p: _Parser, args: list[Any]) -> Number:
    """N(): a number stays, TRUE is 1, anything else (text, blank) is 0."""
    if len(args) != 1:
        raise Unsupported("N takes one argument")
    v = next(p.scalars(args), (None, True))[0]
    if isinstance(v, bool):
        return int(v)
    return v if isinstance(v, int | Decimal) else 0


_FUNCTIONS: dict[str, Callable[[_Parser, list[Any]], Any]] = {
    "SUM": lambda p, a: sum(_numbers(p, a), 0),
    "COUNT": _count,
    "COUNTA": lambda p, a: sum(1 for v, _ in p.scalars(a) if v is not None),
    "N": _n,
    "AND": lambda p, a: all(_truth(v) for v, _ in p.scalars(a) if v is not None),
    "OR": lambda p, a: any(_truth(v) for v, _ in p.scalars(a) if v is not None),
    "MIN": lambda p, a: min(_numbers(p, a), default=0),
    "MAX": lambda p, a: max(_numbers(p, a), default=0),
    "ABS": lambda p, a: abs(_arith(a[0])) if len(a) == 1 else _bad("ABS"),
}


def _bad(name: str) -> Any:
    raise Unsupported(name)


def evaluate(formula: str, get: Getter) -> Any:
    """The value ``formula`` (with or without its leading ``=``) shows, reading the other
    cells of its sheet through ``get(row, col)`` (zero-based; None for a blank).

    Returns a number (int or Decimal), a text, a bool, or None for an empty result.

    Raises:
        Unsupported: the formula uses something not evaluated here.
        FormulaError: it evaluates to a spreadsheet error (#VALUE!, #DIV/0!).
    """
    text = formula.removeprefix("=")
    if len(text) > MAX_FORMULA or "!" in text or "[" in text:
        raise Unsupported("another sheet, a table or a long formula")
    tokens = _tokens(text)
    p = _Parser(tokens, get)
    value = p.expr()
    if p.peek() is not None:
        raise Unsupported(f"unexpected {p.peek()}")
    if isinstance(value, _Range | _Ref):
        raise Unsupported("a bare reference")
    if isinstance(value, float):
        return _arith(value)
    return value


def sheet_getter(
    values: dict[tuple[int, int], Any], formulas: dict[tuple[int, int], str]
) -> Getter:
    """``get(row, col)`` over a sheet: a cell's stored value, else the value of its own
    formula (evaluated once; a formula that refers back to itself is #REF!)."""
    memo: dict[tuple[int, int], Any] = {}
    busy: set[tuple[int, int]] = set()

    def get(row: int, col: int) -> Any:
        at = (row, col)
        if at in values:
            return values[at]
        if at not in formulas:
            return None
        if at in memo:
            return memo[at]
        if at in busy or len(busy) > MAX_DEPTH:
            return CellErrorValue("#REF!")
        busy.add(at)
        try:
            memo[at] = evaluate(formulas[at], get)
        except FormulaError as exc:
            memo[at] = CellErrorValue(exc.code)
        finally:
            busy.discard(at)
        return memo[at]

    return get
