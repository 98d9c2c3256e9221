"""Rule overrides and rules files: every wrong setting named, the catalogue listed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from zfxxgk.core.rules import RULES, apply_overrides, load_overrides
from zfxxgk.errors import JsonInputError


class TestOverrides:
    def test_none_leaves_the_catalogue(self) -> None:
        assert apply_overrides(None) == RULES and apply_overrides({}) == RULES

    def test_severity_and_switch(self) -> None:
        rules = apply_overrides(
            {"rules": {"R3-ROW-TOTAL": {"severity": "warning"}, "R3-RESULT-TOTAL": False}}
        )
        assert rules["R3-ROW-TOTAL"].severity == "warning" and rules["R3-ROW-TOTAL"].enabled
        assert rules["R3-RESULT-TOTAL"].enabled is False
        assert rules["R3-RESULT-TOTAL"].severity == RULES["R3-RESULT-TOTAL"].severity
        assert RULES["R3-ROW-TOTAL"].severity == "error"  # the catalogue itself unchanged

    @pytest.mark.parametrize(
        ("overrides", "code", "rule"),
        [
            ({"rules": ["R3-ROW-TOTAL"]}, "rules-not-object", None),
            ({"R3-NOPE": False}, "rule-unknown", "R3-NOPE"),
            ({"R3-ROW-TOTAL": "off"}, "rule-setting-not-object", "R3-ROW-TOTAL"),
            ({"R3-ROW-TOTAL": {"level": "info"}}, "rule-unknown-settings", "R3-ROW-TOTAL"),
            ({"R3-ROW-TOTAL": {"severity": "fatal"}}, "rule-severity-invalid", "R3-ROW-TOTAL"),
            ({"R3-ROW-TOTAL": {"enabled": "no"}}, "rule-enabled-not-bool", "R3-ROW-TOTAL"),
        ],
    )
    def test_each_wrong_setting_is_named(self, overrides: Any, code: str, rule: str) -> None:
        with pytest.raises(JsonInputError) as info:
            apply_overrides(overrides, source="my-rules.toml")
        assert info.value.code == code and info.value.file == "my-rules.toml"
        assert info.value.note.params.get("rule") == rule
        assert "my-rules.toml" in str(info.value)


class TestRulesFiles:
    def test_toml_and_json_say_the_same(self, tmp_path: Path) -> None:
        toml = tmp_path / "r.toml"
        toml.write_text(
            '\ufeff[rules.R3-ROW-TOTAL]\nseverity = "info"\n', encoding="utf-8"
        )  # with a byte order mark, as Notepad saves it
        js = tmp_path / "r.txt"  # JSON told by its first character, whatever the name
        js.write_text('  {"rules": {"R3-ROW-TOTAL": {"severity": "info"}}}', encoding="utf-8")
        assert load_overrides(toml) == load_overrides(js)
        assert apply_overrides(load_overrides(toml))["R3-ROW-TOTAL"].severity == "info"

    @pytest.mark.parametrize(
        ("name", "content", "code"),
        [
            ("bad.toml", b"[rules\nx = ", "rules-toml-invalid"),
            ("latin.toml", b"[rules]\nx = '\xff'\n", "rules-toml-invalid"),
            ("list.json", b"[1, 2]", "rules-not-object"),
            ("wrong.toml", b'[rules.R3-ROW-TOTAL]\nseverity = "fatal"\n', "rule-severity-invalid"),
        ],
    )
    def test_a_bad_file_is_named(
        self, tmp_path: Path, name: str, content: bytes, code: str
    ) -> None:
        p = tmp_path / name
        p.write_bytes(content)
        with pytest.raises(JsonInputError) as info:
            load_overrides(p)
        assert info.value.code == code and info.value.file == str(p)
        assert str(p) in str(info.value)


class TestRulesCommand:
    def test_lists_every_rule(self) -> None:
        r = run_cli("rules")
        lines = r.stdout.decode().splitlines()
        assert r.returncode == 0 and len(lines) == len(RULES)
        assert [line.split()[0] for line in lines] == [rule.id for rule in RULES.values()]

    def test_json(self) -> None:
        r = run_cli("rules", "--json")
        rows = json.loads(r.stdout)
        assert r.returncode == 0 and [x["id"] for x in rows] == [rule.id for rule in RULES.values()]
        assert all(set(x) == {"id", "editions", "severity", "formula", "zh", "en"} for x in rows)
