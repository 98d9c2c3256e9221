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

import enum
import functools
import json
import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from zfxxgk.core.layout import Kind
from zfxxgk.errors import JsonInputError, quote

SEVERITIES = ("error", "warning", "info")


class RuleKind(str, enum.Enum):
    """Where a rule's instances come from, and so which code judges it."""

    RELATION = "relation"  #: the edition's equations that carry the rule's id
    NONNEG = "nonneg"  #: every stated value of ``table`` of ``kinds`` is ≥ 0 (whole)
    UNIT = "unit"  #: a stated amount has its unit stated
    EDITION_YEAR = "edition-year"  #: the edition is the one in force for the year
    UNREPORTED = "unreported"  #: the report states some number
    COVER = "cover"  #: the cover states the agency and the year
    TABLE_BLANK = "table-blank"  #: no table is wholly blank in a filled report
    COLUMN_BLANK = "column-blank"  #: no applicant column of ``table`` is wholly blank
    TEXT_NUMBER = "text-number"  #: a workbook holds its numbers as numbers

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class Rule:
    """One consistency rule."""

    id: str
    #: the editions it applies to, where its kind does not tell (see :attr:`editions`)
    _editions: tuple[str, ...] = ()
    severity: str
    kind: RuleKind = attrs.field(converter=RuleKind)
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

    @property
    def editions(self) -> tuple[str, ...]:
        """The editions the rule applies to: a relation's are those whose equations carry
        its id."""
        if self.kind is RuleKind.RELATION and not self._editions:
            return relation_editions(self.id)
        return self._editions


@functools.cache
def relation_editions(rule_id: str) -> tuple[str, ...]:
    """The editions whose equations carry ``rule_id``."""
    from zfxxgk.core.editions import EDITIONS

    return tuple(e.id for e in EDITIONS.values() if any(q.rule == rule_id for q in e.equations))


BOTH = ("2019", "2021")

CATALOGUE: tuple[Rule, ...] = (
    Rule(
        id="R3-COL-BALANCE",
        severity="error",
        kind="relation",
        formula="每一列：一 + 二 = 三（七）总计 + 四",
        zh="本列数据的勾稽关系：第一项加第二项之和，等于第三项加第四项之和（表注）",
        en="per column: new + carried over = results total + carried forward (printed note)",
        absent_total_is_zero=True,
    ),
    Rule(
        id="R3-RESULT-TOTAL",
        severity="error",
        kind="relation",
        formula="每一列：（七）总计 = （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）",
        zh="办理结果（七）总计等于（一）至（六）各项之和",
        en="per column: results total = sum of every result row (一 to 六)",
    ),
    Rule(
        id="R3-ROW-TOTAL",
        severity="error",
        kind="relation",
        formula="每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
        zh="每一行的总计等于各类申请人之和",
        en="per row: total = sum of the six applicant columns",
    ),
    Rule(
        id="R3-GROUP-SUBTOTALS",
        severity="error",
        kind="relation",
        formula=(
            "不予公开 = Σ（三）1–8；无法提供 = Σ（四）1–3；"
            "不予处理 = Σ（五）1–5；其他处理 = Σ（六）"
        ),
        zh="报告列出的分组小计等于其下各项之和（官方表格无小计单元格）",
        en="a stated group subtotal equals the sum of its rows (no official cell)",
    ),
    Rule(
        id="R3-ORG-SUBTOTAL",
        severity="error",
        kind="relation",
        formula="法人或其他组织小计 = 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
        zh="报告列出的法人或其他组织小计等于其下五列之和（官方表格无此列）",
        en="a stated 法人或其他组织 subtotal equals its five columns (no official column)",
    ),
    Rule(
        id="R3-NONNEG-INT",
        editions=BOTH,
        severity="error",
        kind="nonneg",
        formula="第三部分每个单元格为 ≥ 0 的整数",
        zh="收到和处理申请情况的各项数量为非负整数",
        en="every count of section 三 is a whole number ≥ 0",
        table="applications",
        kinds=(Kind.COUNT,),
    ),
    Rule(
        id="R3-XYEAR-CARRY",
        severity="warning",
        kind="relation",
        formula="每一列：本年 二、上年结转 = 上年 四、结转下年度继续办理",
        zh="本年上年结转数应等于上年报告的结转下年度继续办理数",
        en="per column: this year's carried over equals last year's carried forward",
        hard=False,
    ),
    Rule(
        id="R4-REVIEW-TOTAL",
        severity="error",
        kind="relation",
        formula="行政复议：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        zh="行政复议总计等于各结果之和",
        en="administrative review: total = upheld + corrected + other + pending",
    ),
    Rule(
        id="R4-DIRECT-TOTAL",
        severity="error",
        kind="relation",
        formula="未经复议直接起诉：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        zh="未经复议直接起诉的行政诉讼总计等于各结果之和",
        en="litigation without prior review: total = upheld + corrected + other + pending",
    ),
    Rule(
        id="R4-AFTER-TOTAL",
        severity="error",
        kind="relation",
        formula="复议后起诉：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        zh="复议后起诉的行政诉讼总计等于各结果之和",
        en="litigation after review: total = upheld + corrected + other + pending",
    ),
    Rule(
        id="R4-NONNEG-INT",
        editions=BOTH,
        severity="error",
        kind="nonneg",
        formula="第四部分每个单元格为 ≥ 0 的整数",
        zh="行政复议、行政诉讼的各项数量为非负整数",
        en="every count of section 四 is a whole number ≥ 0",
        table="reviews",
        kinds=(Kind.COUNT,),
    ),
    Rule(
        id="R2-19-COUNTS-INT",
        editions=("2019",),
        severity="error",
        kind="nonneg",
        formula="第二部分除采购总金额、本年增/减外各项为 ≥ 0 的整数",
        zh="主动公开情况各项数量为非负整数（本年增/减可为负数）",
        en="every count of section 二 except 本年增/减 is a whole number ≥ 0",
        table="proactive",
        kinds=(Kind.COUNT,),
    ),
    Rule(
        id="R2-19-AMOUNT",
        editions=("2019",),
        severity="error",
        kind="nonneg",
        formula="采购总金额 ≥ 0",
        zh="政府集中采购总金额为非负数",
        en="the central procurement amount is ≥ 0",
        table="proactive",
        kinds=(Kind.MONEY,),
    ),
    Rule(
        id="R2-19-AMOUNT-UNIT",
        editions=("2019",),
        severity="warning",
        kind="unit",
        formula="填写了采购总金额时须注明单位（元或万元）",
        zh="本版式未印采购总金额的单位，填写金额时应注明元或万元",
        en="the edition prints no unit for the procurement amount: state 元 or 万元 with it",
        table="proactive",
        hard=False,
    ),
    Rule(
        id="R2-19-ITEMS-END-NONNEG",
        severity="warning",
        kind="relation",
        formula="上一年项目数量 + 本年增/减 ≥ 0",
        zh="上一年项目数量加本年增减后不应为负",
        en="items last year plus this year's change is not negative",
        hard=False,
    ),
    Rule(
        id="R2-19-PUBLISHED-TOTAL",
        severity="warning",
        kind="relation",
        formula="对外公开总数量 ≥ 本年新公开数量",
        zh="对外公开总数量不应少于本年新公开数量",
        en="the total published is at least the number newly published this year",
        hard=False,
    ),
    Rule(
        id="R2-19-XYEAR-ITEMS",
        severity="warning",
        kind="relation",
        formula="本年 上一年项目数量 = 上年 上一年项目数量 + 上年 本年增/减",
        zh="本年报告的上一年项目数量应等于上年报告的项目数量加增减",
        en="this year's items last year = last year's items last year + last year's change",
        hard=False,
    ),
    Rule(
        id="R2-21-COUNTS-INT",
        editions=("2021",),
        severity="error",
        kind="nonneg",
        formula="本年制发件数、本年废止件数、现行有效件数、本年处理决定数量为 ≥ 0 的整数",
        zh="主动公开情况各项件数为非负整数",
        en="every count of section 二 is a whole number ≥ 0",
        table="proactive",
        kinds=(Kind.COUNT,),
    ),
    Rule(
        id="R2-21-FEE-DECIMAL",
        editions=("2021",),
        severity="error",
        kind="nonneg",
        formula="本年收费金额（万元）≥ 0",
        zh="行政事业性收费本年收费金额为非负数（单位：万元）",
        en="the fees collected this year (万元) are ≥ 0",
        table="proactive",
        kinds=(Kind.MONEY,),
    ),
    Rule(
        id="R2-21-XYEAR-VALID",
        severity="warning",
        kind="relation",
        formula="现行有效件数 ≈ 上年现行有效件数 + 本年制发件数 − 本年废止件数",
        zh="现行有效件数一般等于上年数加本年制发减本年废止（有效期届满、修改、机构改革可致差异）",
        en="documents in force ≈ last year's + issued − repealed (lapses and mergers explain gaps)",
        hard=False,
    ),
    Rule(
        id="R2-21-REPEAL-BOUND",
        severity="warning",
        kind="relation",
        formula="本年废止件数 ≤ 上年现行有效件数 + 本年制发件数",
        zh="本年废止件数不应超过上年现行有效件数与本年制发件数之和",
        en="documents repealed ≤ last year's in force + issued this year",
        hard=False,
    ),
    Rule(
        id="RX-EDITION-YEAR",
        editions=BOTH,
        severity="warning",
        kind="edition-year",
        formula="2019 版式 ⇔ 报告年度 2019–2020；2021 版式 ⇔ 2021 年起",
        zh="报告所用版式应与报告年度相符",
        en="the edition used matches the report year",
        hard=False,
    ),
)

#: Completeness and data-entry rules: what a clerk's blank or mistyped workbook shows.
COMPLETENESS: tuple[Rule, ...] = (
    Rule(
        id="RX-UNREPORTED",
        editions=BOTH,
        severity="error",
        kind="unreported",
        formula="报告中至少填报一个数值",
        zh="报告没有填报任何数值（未填报），例如空白模板",
        en="the report states no number at all (not filled in), e.g. a blank template",
        hard=False,
    ),
    Rule(
        id="RX-COVER",
        editions=BOTH,
        severity="warning",
        kind="cover",
        formula="填写报告单位与年度",
        zh="封面应填写报告单位和年度",
        en="the cover states the agency and the year",
        hard=False,
    ),
    Rule(
        id="RX-TABLE-BLANK",
        editions=BOTH,
        severity="warning",
        kind="table-blank",
        formula="已填报的报告中每张表都有数值",
        zh="一张表整表未填写，而报告其他部分已填写（没有发生的事项应填 0）",
        en="a table is wholly blank while the rest of the report is filled (write 0 for none)",
        hard=False,
    ),
    Rule(
        id="R3-COLUMN-BLANK",
        editions=BOTH,
        severity="warning",
        kind="column-blank",
        formula="第三部分每一类申请人的一列都有数值",
        zh="第三部分某一类申请人的一列全部未填写，而其他列已填写（没有的应填 0）",
        en="an applicant column of section 三 is wholly blank while others are filled",
        table="applications",
        hard=False,
    ),
    Rule(
        id="RX-TEXT-NUMBER",
        editions=BOTH,
        severity="warning",
        kind="text-number",
        formula="数字以数值而不是文本保存",
        zh="数字以文本保存：本工具按数值读取，但电子表格的合计（SUM）会跳过文本",
        en="numbers stored as text: read as numbers here, but a spreadsheet's SUM skips them",
        hard=False,
    ),
)

RULES: dict[str, Rule] = {r.id: r for r in (*COMPLETENESS, *CATALOGUE)}


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
        raise JsonInputError.of("rules-not-object", file=source)
    for rule_id, change in table.items():
        if rule_id not in rules:
            raise JsonInputError.of("rule-unknown", file=source, rule=str(rule_id))
        if isinstance(change, bool):
            change = {"enabled": change}
        if not isinstance(change, Mapping):
            raise JsonInputError.of("rule-setting-not-object", file=source, rule=rule_id)
        unknown = set(change) - {"enabled", "severity"}
        if unknown:
            settings = ", ".join(sorted(quote(k) for k in unknown))
            raise JsonInputError.of(
                "rule-unknown-settings", file=source, rule=rule_id, settings=settings
            )
        severity = change.get("severity", rules[rule_id].severity)
        if severity not in SEVERITIES:
            raise JsonInputError.of(
                "rule-severity-invalid",
                file=source,
                rule=rule_id,
                allowed=list(SEVERITIES),
                value=quote(severity),
            )
        enabled = change.get("enabled", rules[rule_id].enabled)
        if not isinstance(enabled, bool):
            raise JsonInputError.of(
                "rule-enabled-not-bool", file=source, rule=rule_id, value=quote(enabled)
            )
        rules[rule_id] = attrs.evolve(rules[rule_id], severity=severity, enabled=enabled)
    return rules


def load_overrides(path: str | Path) -> dict[str, Any]:
    """Read a rules file: TOML (``[rules.R3-ROW-TOTAL] severity = "warning"``) or JSON."""
    from zfxxgk.core.rulesfile import MAX_BYTES, check_bounds
    from zfxxgk.xlsx.files import check_input, read_input

    p = check_input(path)
    data = read_input(p, MAX_BYTES)
    check_bounds(data.decode("utf-8-sig", errors="replace"), str(p))
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
            raise JsonInputError.of("rules-toml-invalid", file=str(p), reason=str(exc)) from None
    if not isinstance(parsed, dict):
        raise JsonInputError.of("rules-not-object", file=str(p))
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
            for r in RULES.values()
        ],
        ensure_ascii=False,
        indent=1,
    )
