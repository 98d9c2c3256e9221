"""zfxxgk.core.rules: the catalogue agrees with the editions' equations and tables."""

from __future__ import annotations

import json

import pytest

from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.rules import CATALOGUE, RULES, SEVERITIES, Rule, RuleKind, rules_as_json


def test_ids_are_unique_and_well_formed() -> None:
    ids = [r.id for r in RULES.values()]
    assert len(ids) == len(set(ids)) and {r.id for r in CATALOGUE} <= set(ids)
    assert all(r.severity in SEVERITIES and r.enabled for r in RULES.values())
    assert all(r.zh and r.en and r.formula for r in RULES.values())


def test_every_equation_names_a_relation_rule_of_its_edition() -> None:
    for edition in EDITIONS.values():
        for eq in edition.equations:
            rule = RULES[eq.rule]
            assert rule.kind is RuleKind.RELATION and edition.id in rule.editions, eq.rule


@pytest.mark.parametrize("rule", [r for r in RULES.values() if r.kind is RuleKind.RELATION])
def test_a_relation_rule_is_of_the_editions_whose_equations_it_names(rule: Rule) -> None:
    named = tuple(e for e, ed in EDITIONS.items() if any(q.rule == rule.id for q in ed.equations))
    assert named == rule.editions


@pytest.mark.parametrize(
    "rule", [r for r in RULES.values() if r.kind in (RuleKind.NONNEG, RuleKind.UNIT)]
)
def test_a_cell_rule_names_a_table_of_each_of_its_editions(rule: Rule) -> None:
    for edition in rule.editions:
        assert rule.table in {t.key for t in EDITIONS[edition].tables}, (rule, edition)


def test_the_catalogue_as_json() -> None:
    rows = json.loads(rules_as_json())
    assert [r["id"] for r in rows] == list(RULES)
    assert all(r["editions"] == list(RULES[r["id"]].editions) for r in rows)
