"""The catalogue of consistency rules (勾稽关系), as data.

One entry per rule of formats.md §7: its id, the editions it applies to, its severity
(``error`` for the HARD rules, ``warning`` for the SOFT ones, ``info``), the formula in
the table's own terms and a Chinese and an English description. ``kind`` says where the
rule's instances come from:

- ``relation``: the edition's equations that carry the rule's id (sums, balances,
  inequalities, cross-year relations);
- ``nonneg``: every stated value of ``table`` whose kind is in ``kinds`` is ≥ 0;
- ``unit``: an amount that is stated has its unit stated too;
- ``edition-year``: the edition is the one in force for the report year.

A caller changes a rule's severity or switches it off with overrides (``check(rules=…)``,
``zfxxgk check --rules FILE``), never by changing code.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from zfxxgk.core.layout import Kind
from zfxxgk.errors import JsonInputError

SEVERITIES = ("error", "warning", "info")


@attrs.frozen
class Rule:
    """One consistency rule."""

    id: str
    editions: tuple[str, ...]
    severity: str
    kind: str
    formula: str
    zh: str
    en: str
    table: str = ""
    kinds: tuple[Kind, ...] = ()
    #: for an equation without a single total: an absent "total" counts as 0 too
    absent_total_is_zero: bool = False
    #: how far a stated amount may differ from the computed one (money rounding)
    tolerance: Decimal = Decimal(0)
    hard: bool = True  #: printed in the template or true by definition
    enabled: bool = True


BOTH = ("2019", "2021")

CATALOGUE: tuple[Rule, ...] = (
    Rule(
        "R3-COL-BALANCE",
        BOTH,
        "error",
        "relation",
        "每一列：一 + 二 = 三（七）总计 + 四",
        "本列数据的勾稽关系：第一项加第二项之和，等于第三项加第四项之和（表注）",
        "per column: new + carried over = results total + carried forward (printed note)",
        absent_total_is_zero=True,
    ),
    Rule(
        "R3-RESULT-TOTAL",
        BOTH,
        "error",
        "relation",
        "每一列：（七）总计 = （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）",
        "办理结果（七）总计等于（一）至（六）各项之和",
        "per column: results total = sum of every result row (一 to 六)",
    ),
    Rule(
        "R3-ROW-TOTAL",
        BOTH,
        "error",
        "relation",
        "每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
        "每一行的总计等于各类申请人之和",
        "per row: total = sum of the six applicant columns",
    ),
    Rule(
        "R3-GROUP-SUBTOTALS",
        BOTH,
        "error",
        "relation",
        "不予公开 = Σ（三）1–8；无法提供 = Σ（四）1–3；不予处理 = Σ（五）1–5；其他处理 = Σ（六）",
        "报告列出的分组小计等于其下各项之和（官方表格无小计单元格）",
        "a stated group subtotal equals the sum of its rows (no official cell)",
    ),
    Rule(
        "R3-ORG-SUBTOTAL",
        BOTH,
        "error",
        "relation",
        "法人或其他组织小计 = 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
        "报告列出的法人或其他组织小计等于其下五列之和（官方表格无此列）",
        "a stated 法人或其他组织 subtotal equals its five columns (no official column)",
    ),
    Rule(
        "R3-NONNEG-INT",
        BOTH,
        "error",
        "nonneg",
        "第三部分每个单元格为 ≥ 0 的整数",
        "收到和处理申请情况的各项数量为非负整数",
        "every count of section 三 is a whole number ≥ 0",
        table="applications",
        kinds=(Kind.COUNT,),
    ),
    Rule(
        "R3-XYEAR-CARRY",
        BOTH,
        "warning",
        "relation",
        "每一列：本年 二、上年结转 = 上年 四、结转下年度继续办理",
        "本年上年结转数应等于上年报告的结转下年度继续办理数",
        "per column: this year's carried over equals last year's carried forward",
        hard=False,
    ),
    Rule(
        "R4-REVIEW-TOTAL",
        BOTH,
        "error",
        "relation",
        "行政复议：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        "行政复议总计等于各结果之和",
        "administrative review: total = upheld + corrected + other + pending",
    ),
    Rule(
        "R4-DIRECT-TOTAL",
        BOTH,
        "error",
        "relation",
        "未经复议直接起诉：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        "未经复议直接起诉的行政诉讼总计等于各结果之和",
        "litigation without prior review: total = upheld + corrected + other + pending",
    ),
    Rule(
        "R4-AFTER-TOTAL",
        BOTH,
        "error",
        "relation",
        "复议后起诉：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        "复议后起诉的行政诉讼总计等于各结果之和",
        "litigation after review: total = upheld + corrected + other + pending",
    ),
    Rule(
        "R4-NONNEG-INT",
        BOTH,
        "error",
        "nonneg",
        "第四部分每个单元格为 ≥ 0 的整数",
        "行政复议、行政诉讼的各项数量为非负整数",
        "every count of section 四 is a whole number ≥ 0",
        table="reviews",
        kinds=(Kind.COUNT,),
    ),
    Rule(
        "R2-19-COUNTS-INT",
        ("2019",),
        "error",
        "nonneg",
        "第二部分除采购总金额、本年增/减外各项为 ≥ 0 的整数",
        "主动公开情况各项数量为非负整数（本年增/减可为负数）",
        "every count of section 二 except 本年增/减 is a whole number ≥ 0",
        table="proactive",
        kinds=(Kind.COUNT,),
    ),
    Rule(
        "R2-19-AMOUNT",
        ("2019",),
        "error",
        "nonneg",
        "采购总金额 ≥ 0",
        "政府集中采购总金额为非负数",
        "the central procurement amount is ≥ 0",
        table="proactive",
        kinds=(Kind.MONEY,),
    ),
    Rule(
        "R2-19-AMOUNT-UNIT",
        ("2019",),
        "warning",
        "unit",
        "填写了采购总金额时须注明单位（元或万元）",
        "本版式未印采购总金额的单位，填写金额时应注明元或万元",
        "the edition prints no unit for the procurement amount: state 元 or 万元 with it",
        table="proactive",
        hard=False,
    ),
    Rule(
        "R2-19-ITEMS-END-NONNEG",
        ("2019",),
        "warning",
        "relation",
        "上一年项目数量 + 本年增/减 ≥ 0",
        "上一年项目数量加本年增减后不应为负",
        "items last year plus this year's change is not negative",
        hard=False,
    ),
    Rule(
        "R2-19-PUBLISHED-TOTAL",
        ("2019",),
        "warning",
        "relation",
        "对外公开总数量 ≥ 本年新公开数量",
        "对外公开总数量不应少于本年新公开数量",
        "the total published is at least the number newly published this year",
        hard=False,
    ),
    Rule(
        "R2-19-XYEAR-ITEMS",
        ("2019",),
        "warning",
        "relation",
        "本年 上一年项目数量 = 上年 上一年项目数量 + 上年 本年增/减",
        "本年报告的上一年项目数量应等于上年报告的项目数量加增减",
        "this year's items last year = last year's items last year + last year's change",
        hard=False,
    ),
    Rule(
        "R2-21-COUNTS-INT",
        ("2021",),
        "error",
        "nonneg",
        "本年制发件数、本年废止件数、现行有效件数、本年处理决定数量为 ≥ 0 的整数",
        "主动公开情况各项件数为非负整数",
        "every count of section 二 is a whole number ≥ 0",
        table="proactive",
        kinds=(Kind.COUNT,),
    ),
    Rule(
        "R2-21-FEE-DECIMAL",
        ("2021",),
        "error",
        "nonneg",
        "本年收费金额（万元）≥ 0",
        "行政事业性收费本年收费金额为非负数（单位：万元）",
        "the fees collected this year (万元) are ≥ 0",
        table="proactive",
        kinds=(Kind.MONEY,),
    ),
    Rule(
        "R2-21-XYEAR-VALID",
        ("2021",),
        "warning",
        "relation",
        "现行有效件数 ≈ 上年现行有效件数 + 本年制发件数 − 本年废止件数",
        "现行有效件数一般等于上年数加本年制发减本年废止（有效期届满、修改、机构改革可致差异）",
        "documents in force ≈ last year's + issued − repealed (lapses and mergers explain gaps)",
        hard=False,
    ),
    Rule(
        "R2-21-REPEAL-BOUND",
        ("2021",),
        "warning",
        "relation",
        "本年废止件数 ≤ 上年现行有效件数 + 本年制发件数",
        "本年废止件数不应超过上年现行有效件数与本年制发件数之和",
        "documents repealed ≤ last year's in force + issued this year",
        hard=False,
    ),
    Rule(
        "RX-EDITION-YEAR",
        BOTH,
        "warning",
        "edition-year",
        "2019 版式 ⇔ 报告年度 2019–2020；2021 版式 ⇔ 2021 年起",
        "报告所用版式应与报告年度相符",
        "the edition used matches the report year",
        hard=False,
    ),
)

RULES: dict[str, Rule] = {r.id: r for r in CATALOGUE}


def apply_overrides(
    overrides: Mapping[str, Any] | None, source: str | None = None
) -> dict[str, Rule]:
    """The catalogue with overrides applied: ``{id: {"enabled": bool, "severity": str}}``.

    Also takes ``{"rules": {…}}`` as a rules file holds it.

    Raises:
        JsonInputError: an unknown rule id, key or severity, named.
    """
    rules = dict(RULES)
    if not overrides:
        return rules
    table = overrides.get("rules", overrides) if isinstance(overrides, Mapping) else None
    if not isinstance(table, Mapping):
        raise JsonInputError("规则设置应为对象", "rule overrides must be an object", file=source)
    for rule_id, change in table.items():
        if rule_id not in rules:
            raise JsonInputError(f"未知的规则 {rule_id}", f"unknown rule {rule_id}", file=source)
        if isinstance(change, bool):
            change = {"enabled": change}
        if not isinstance(change, Mapping):
            raise JsonInputError(
                f"规则 {rule_id} 的设置应为对象",
                f"the setting of {rule_id} must be an object",
                file=source,
            )
        unknown = set(change) - {"enabled", "severity"}
        if unknown:
            raise JsonInputError(
                f"规则 {rule_id} 的未知设置 {sorted(unknown)}",
                f"unknown settings for {rule_id}: {sorted(unknown)}",
                file=source,
            )
        severity = change.get("severity", rules[rule_id].severity)
        if severity not in SEVERITIES:
            raise JsonInputError(
                f"规则 {rule_id} 的级别应为 error、warning 或 info",
                f"the severity of {rule_id} must be error, warning or info",
                file=source,
            )
        enabled = change.get("enabled", rules[rule_id].enabled)
        if not isinstance(enabled, bool):
            raise JsonInputError(
                f"规则 {rule_id} 的 enabled 应为 true 或 false",
                f"enabled of {rule_id} must be true or false",
                file=source,
            )
        rules[rule_id] = attrs.evolve(rules[rule_id], severity=severity, enabled=enabled)
    return rules


def load_overrides(path: str | Path) -> dict[str, Any]:
    """Read a rules file: TOML (``[rules.R3-ROW-TOTAL] severity = "warning"``) or JSON."""
    from zfxxgk.xlsx.files import check_input, read_input

    p = check_input(path)
    data = read_input(p)
    if p.suffix.lower() == ".json" or data.lstrip()[:1] == b"{":
        from zfxxgk.core.jsonio import loads

        parsed = loads(data, source=str(p))
    else:
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        try:
            parsed = tomllib.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise JsonInputError(
                f"规则文件不是有效的 TOML：{exc}",
                f"the rules file is not valid TOML: {exc}",
                file=str(p),
            ) from None
    if not isinstance(parsed, dict):
        raise JsonInputError("规则文件应为对象", "the rules file must hold an object", file=str(p))
    apply_overrides(parsed, str(p))  # validate now, naming the file
    return parsed


def rules_as_json() -> str:
    """The catalogue as JSON text (what `zfxxgk rules --json` prints)."""
    return json.dumps(
        [
            {
                "id": r.id,
                "editions": list(r.editions),
                "severity": r.severity,
                "formula": r.formula,
                "zh": r.zh,
                "en": r.en,
            }
            for r in CATALOGUE
        ],
        ensure_ascii=False,
        indent=1,
    )
