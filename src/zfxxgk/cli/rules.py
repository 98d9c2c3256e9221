"""``zfxxgk rules``: the rule catalogue."""

from __future__ import annotations

import argparse
import sys

from zfxxgk.cli.base import EXIT_OK
from zfxxgk.cli.streams import say


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``rules``."""
    rl = sub.add_parser("rules")
    rl.add_argument("--json", action="store_true")
    rl.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zfxxgk.core.rules import RULES, rules_as_json

    if args.json:
        say(sys.stdout, rules_as_json())
        return EXIT_OK
    for r in RULES.values():
        say(sys.stdout, f"{r.id:24} {r.severity:8} {'/'.join(r.editions):10} {r.formula}")
    return EXIT_OK
