"""The registry of editions: each one is data in a module of its own."""

from __future__ import annotations

from functools import cache

from zfxxgk.core.layout import Edition
from zfxxgk.errors import UnknownEditionError, quote

from . import edition2019, edition2021

EDITIONS: dict[str, Edition] = {e.id: e for e in (edition2019.EDITION, edition2021.EDITION)}


def get_edition(edition: str | int | Edition) -> Edition:
    """Return the edition named ``edition`` ("2019" or "2021"; an Edition passes through)."""
    if isinstance(edition, Edition):
        return edition
    if isinstance(edition, str):
        name = edition
    elif isinstance(edition, int) and not isinstance(edition, bool) and abs(edition) < 10**9:
        name = str(edition)
    else:  # str() of a huge int raises, of a huge list prints it whole
        name = quote(edition)
    try:
        return EDITIONS[name]
    except KeyError:
        raise UnknownEditionError(name, tuple(EDITIONS)) from None


def edition_for_year(year: int) -> Edition:
    """The edition in force for a report year (2019–2020 → 2019, 2021 on → 2021)."""
    for edition in EDITIONS.values():
        if edition.covers_year(year):
            return edition
    raise UnknownEditionError(f"year {year}", tuple(EDITIONS), year=year)


@cache
def markers(edition_id: str) -> frozenset[str]:
    """Labels of the edition's section 二 that no other edition prints (formats.md §8.4)."""

    def labels(e: Edition) -> set[str]:
        out: set[str] = set()
        for block in e.table("proactive").blocks:
            out.update(x for c in block.columns for x in c.path)
            out.update(x for r in block.rows for x in r.path)
            if block.title:
                out.add(block.title)
        return out

    own = labels(EDITIONS[edition_id])
    others = set().union(*(labels(e) for k, e in EDITIONS.items() if k != edition_id))
    return frozenset(own - others)


__all__ = ["EDITIONS", "edition_for_year", "get_edition", "markers"]


@cache
def row_markers(edition_id: str) -> frozenset[str]:
    """Row labels of the edition's section 三 that no other edition prints (the 2021
    edition's three rows of （六）): they tell the edition where section 二 is missing."""

    def rows(e: Edition) -> list[tuple[str, ...]]:
        return [r.path for b in e.table("applications").blocks for r in b.rows]

    own = {path[-1] for path in rows(EDITIONS[edition_id])}
    printed = {x for k, e in EDITIONS.items() if k != edition_id for p in rows(e) for x in p}
    return frozenset(own - printed)
