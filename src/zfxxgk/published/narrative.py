"""What a report's narrative states, checked against its tables.

The phrasings are data (:data:`CLAIMS`): each kind of figure a narrative states (申请 received,
上年结转, 结转下年度, 行政复议, 行政诉讼) with the words that lead to its number, and the
table values it may mean, each under its scope (本年新收, or 新收 with 上年结转; all cases,
or those concluded: 总计 − 尚未审结). A figure equal to the first scope is silent; equal to
another scope, a ``narrative-scope`` note says which; equal to none, a ``narrative-differs``
warning. A year-over-year percentage after a figure ("同比增长1.05%") is checked against
last year's tables when they are given, else against last year's figure the narrative
itself states ("比上年的3607件").
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from zfxxgk.core.model import AnnualReport
from zfxxgk.notes import Note

#: Characters a figure's words may run over before its number: no clause ends inside.
_GAP = r"[^，,。；;：:\d]"
_NUMBER = r"(\d[\d,]*)\s*(件|份|条|起|宗)"
_PERCENT = re.compile(
    rf"[，,]?{_GAP}{{0,6}}?"
    r"(?:(?:比|较)(?:上一?年度?|去年)(?:同期)?(?:的|为)?(?:(\d[\d,]*)\s*(?:件|份|条|起|宗))?"
    r"|同比)"
    r"(增长|增加|上升|提高|下降|减少|降低)了?\s*(\d+(?:\.\d+)?)\s*[%％]"
)
_DOWN = ("下降", "减少", "降低")


@attrs.frozen
class Claim:
    """One kind of figure a narrative states: the words before its number."""

    key: str
    name: str  #: its name in messages
    words: tuple[str, ...]  #: regular expressions of the words that lead to the number


#: Every kind of figure the narrative check reads, with its phrasings.
CLAIMS: tuple[Claim, ...] = (
    Claim(
        "new",
        "收到申请",
        (
            rf"(?:共|累计|全年)?(?:收到|新收|受理|收办|接收|接到)(?:{_GAP}{{0,20}}?)申请{_GAP}{{0,10}}?",
        ),
    ),
    Claim(
        "carried_over",
        "上年结转",
        (rf"(?:上一?年度?|去年)(?:度)?结转{_GAP}{{0,12}}?",),
    ),
    Claim(
        "carried_forward",
        "结转下年度",
        (
            rf"结转(?:至|到|入)?下一?年度?{_GAP}{{0,10}}?",
            rf"(?<!结)转(?:入|至|到)?下一?年度?{_GAP}{{0,10}}?",
        ),
    ),
    Claim("review", "行政复议", (rf"行政复议{_GAP}{{0,10}}?",)),
    Claim("litigation", "行政诉讼", (rf"行政诉讼{_GAP}{{0,10}}?",)),
)

_COMPILED = tuple((claim, re.compile(f"(?:{'|'.join(claim.words)}){_NUMBER}")) for claim in CLAIMS)


@attrs.frozen
class Stated:
    """A figure found in the narrative, with the percentage that follows it, if any."""

    key: str
    value: int
    quote: str
    start: int  #: where its number starts in the flattened text
    percent: Decimal | None = None  #: the year-over-year change stated after it, signed
    percent_quote: str = ""
    last_stated: int | None = None  #: last year's figure the narrative states beside it


def flatten(text: str) -> str:
    """The narrative with every space removed (numbers and words run together as read)."""
    return "".join(text.split())  # str.split's white space is the \s of a str pattern


#: Where a figure's number can start: a run of digits (and commas) that a unit follows.
#: Every claim's match ends with such a run, and its words and gaps, which hold no digit,
#: are at most :data:`_REACH` characters long.
_FIGURE = re.compile(r"\d[\d,]*(?:件|份|条|起|宗)")
_REACH = 64
_UNITS = "件份条起宗"


def figure_spans(flat: str) -> list[tuple[int, int]]:
    """The spans of :data:`_FIGURE`'s matches in ``flat``, in order, found from the units
    (rare in a text, and found by ``str.find``) back over the digits and commas before
    each: the regular expression tries every character of a long narrative. A match
    ends at the unit right after a run of digits and commas, and starts at the run's
    first digit (``\\d`` is ``str.isdecimal``: Unicode's Nd); a run without a digit
    makes none."""
    units: list[int] = []
    for unit in _UNITS:
        at = flat.find(unit)
        while at >= 0:
            units.append(at)
            at = flat.find(unit, at + 1)
    out: list[tuple[int, int]] = []
    for end in sorted(units):
        start = end
        while start > 0 and (flat[start - 1] == "," or flat[start - 1].isdecimal()):
            start -= 1
        while start < end and not flat[start].isdecimal():
            start += 1
        if start < end:
            out.append((start, end + 1))
    return out


def _matches(
    pattern: re.Pattern[str], flat: str, figures: list[tuple[int, int]]
) -> list[re.Match[str]]:
    """``pattern.finditer(flat)``, searched only just before each of the ``figures`` (the
    spans of :data:`_FIGURE` in ``flat``).

    The leftmost match from any point ends at the first such number after that point
    (its words and gaps hold no digit), and ends right after its unit, so searching each
    number's short stretch in turn finds the same matches, without running the pattern
    over every character of a long narrative."""
    out: list[re.Match[str]] = []
    pos = 0
    for start, end in figures:
        if start < pos:
            continue
        m = pattern.search(flat, max(pos, start - _REACH), end)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


def stated_figures(text: str) -> list[Stated]:
    """Each figure the narrative states, once: where two kinds' words lead to one number,
    the kind whose words are nearest the number wins (结转下年度 over 收到…申请)."""
    flat = flatten(text)
    best: dict[int, tuple[int, Claim, re.Match[str]]] = {}
    figures = figure_spans(flat)
    for claim, pattern in _COMPILED:
        for m in _matches(pattern, flat, figures):
            at = m.start(1)
            if at not in best or m.start() > best[at][0]:
                best[at] = (m.start(), claim, m)
    out: list[Stated] = []
    for at in sorted(best):
        _, claim, m = best[at]
        value = int(m.group(1).replace(",", ""))
        p = _PERCENT.match(flat, m.end())
        percent = last = None
        quote = ""
        if p is not None:
            percent = Decimal(p.group(3)) * (-1 if p.group(2) in _DOWN else 1)
            last = int(p.group(1).replace(",", "")) if p.group(1) else None
            quote = p.group(0)
        out.append(Stated(claim.key, value, m.group(0), at, percent, quote, last))
    return out


# ---------------------------------------------------------------------- the tables' side

Scopes = list[tuple[str, int]]


def _total(*values: int | None) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _less(total: int | None, pending: int | None) -> int | None:
    return total - pending if total is not None and pending else None


def _scopes(report: AnnualReport) -> dict[str, Scopes]:
    """Each kind's table values, the first the kind's own, the others scopes a narrative
    may count in (named)."""
    a, rv = report.applications, report.reviews
    rec = rv.reconsideration
    direct, after = rv.litigation_direct, rv.litigation_after_reconsideration
    litigation = _total(direct.total, after.total)
    pending = _total(direct.pending, after.pending)
    candidates: dict[str, list[tuple[str, int | None]]] = {
        "new": [
            ("本年新收", a.new_received.total),
            ("本年新收与上年结转之和", _total(a.new_received.total, a.carried_over.total)),
        ],
        "carried_over": [("上年结转", a.carried_over.total)],
        "carried_forward": [("结转下年度继续办理", a.carried_forward.total)],
        "review": [
            ("行政复议总计", rec.total),
            ("已审结（总计减尚未审结）", _less(rec.total, rec.pending)),
        ],
        "litigation": [
            ("行政诉讼总计", litigation),
            ("已审结（总计减尚未审结）", _less(litigation, pending)),
            ("未经复议直接起诉", direct.total),
            ("复议后起诉", after.total),
        ],
    }
    out: dict[str, Scopes] = {}
    for key, values in candidates.items():
        if values[0][1] is None:
            continue  # the kind's own value is blank: nothing to check against
        seen: set[int] = set()
        out[key] = []
        for name, v in values:
            if v is not None and v not in seen:
                seen.add(v)
                out[key].append((name, v))
    return out


def _names() -> dict[str, str]:
    return {c.key: c.name for c in CLAIMS}


def _pct(this: int, last: int) -> Decimal | None:
    """The change from ``last`` to ``this`` in per cent (None from 0)."""
    if last == 0:
        return None
    return Decimal(this - last) * 100 / Decimal(last)


def _agrees(stated: Decimal, computed: Decimal) -> bool:
    """Whether ``stated`` is ``computed`` rounded to as many places as the narrative gives."""
    exponent = stated.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return abs(computed - stated) <= Decimal(1).scaleb(-places) / 2 + Decimal("1e-9")


def narrative_notes(
    text: str, report: AnnualReport, previous: AnnualReport | None = None
) -> list[Note]:
    """The narrative's figures against the tables: ``narrative-differs`` warnings,
    ``narrative-scope`` notes (a known other scope matched) and ``narrative-percent``
    warnings (a year-over-year change the tables do not give)."""
    scopes = _scopes(report)
    last_scopes = _scopes(previous) if previous is not None else {}
    names = _names()
    out: list[Note] = []
    said: set[tuple[str, str]] = set()

    def once(kind: str, key: str, note: Note) -> None:
        if (kind, key) not in said:  # one note of each kind per figure
            said.add((kind, key))
            out.append(note)

    for fig in stated_figures(text):
        table = scopes.get(fig.key)
        if not table:
            continue
        matched = next((name for name, v in table if v == fig.value), None)
        base = {"quote": fig.quote, "stated": fig.value, "name": names[fig.key], "key": fig.key}
        if matched is None:
            values = [v for _, v in table]
            once("differs", fig.key, Note("narrative-differs", params={**base, "table": values}))
            continue
        if matched != table[0][0]:
            params = {**base, "scope": matched, "own": table[0][1]}
            once("scope", fig.key, Note("narrative-scope", params=params))
        if fig.percent is None:
            continue
        last = dict(last_scopes.get(fig.key, [])).get(matched)
        from_text = False
        if last is None and fig.last_stated is not None:
            last, from_text = fig.last_stated, True
        computed = _pct(fig.value, last) if last is not None else None
        if computed is not None and not _agrees(fig.percent, computed):
            params = {
                **base,
                "quote": fig.quote + fig.percent_quote,
                "percent": fig.percent,
                "computed": computed.quantize(Decimal("0.01")),
                "last": last,
                "from_text": from_text,
            }
            once("percent", fig.key, Note("narrative-percent", params=params))
    return out


def narrative_warnings(
    text: str, report: AnnualReport, previous: AnnualReport | None = None
) -> list[Note]:
    """Figures the narrative states that differ from the tables (scope may differ)."""
    return [n for n in narrative_notes(text, report, previous) if n.severity == "warning"]
