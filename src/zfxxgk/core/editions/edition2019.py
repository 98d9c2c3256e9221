"""Edition 2019: 国办公开办函〔2019〕60号, report years 2019 and 2020."""

from __future__ import annotations

from zfxxgk.core.layout import Column, Equation, ExtraField, Kind, Row, Table, Term

from . import common as c

_ITEMS = (
    ("items_last_year", "上一年项目数量"),
    Column("change", ("本年增/减",), Kind.SIGNED),
    ("decisions", "处理决定数量"),
)

PROACTIVE = Table(
    key="proactive",
    record="Proactive",
    title=c.T2_TITLE,
    sheet="二、主动公开",
    blocks=(
        c.proactive_block(
            "一",
            "PublishedDocuments",
            (
                ("new_made", "本年新制作数量"),
                ("new_published", "本年新公开数量"),
                ("total_published", "对外公开总数量"),
            ),
            (("rules", "规章"), ("normative_documents", "规范性文件")),
        ),
        c.proactive_block(
            "五",
            "ItemCounts",
            _ITEMS,
            (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
        ),
        c.proactive_block(
            "六", "ItemCounts", _ITEMS, (("penalty", "行政处罚"), ("coercion", "行政强制"))
        ),
        c.proactive_block(
            "八",
            "FeeItems",
            (
                ("items_last_year", "上一年项目数量"),
                Column("change", ("本年增/减",), Kind.SIGNED, span=2),
            ),
            (("fees", "行政事业性收费"),),
        ),
        c.proactive_block(
            "九",
            "Procurement",
            (
                ("projects", "采购项目数量"),
                Column("amount", ("采购总金额",), Kind.MONEY, span=2),
            ),
            (("procurement", "政府集中采购"),),
        ),
    ),
    column_widths=c.T2_COLUMN_WIDTHS,
    extras=(
        ExtraField(
            part="procurement",
            key="amount_unit",
            label="采购总金额的单位",
            kind=Kind.UNIT,
            choices=("元", "万元"),
            note="本版式未印采购总金额的单位，请选择“元”或“万元”",
            amount="amount",
        ),
    ),
)

OTHER = Row("other_total", (c.RESULTS, "（六）其他处理"))

_ITEM_ROWS = c.rows_with(PROACTIVE, "items_last_year")


def _proactive_equations() -> tuple[Equation, ...]:
    """Section 二 plausibility relations of the 2019 edition (formats.md §7)."""
    t = "proactive"
    eqs = [
        Equation(
            rule="R2-19-PUBLISHED-TOTAL",
            total=(t, part, "total_published"),
            parts=(Term((t, part, "new_published")),),
            op=">=",
            statement=f"{label}：对外公开总数量 ≥ 本年新公开数量",
        )
        for part, label in c.rows_with(PROACTIVE, "total_published")
    ]
    eqs += [
        Equation(
            rule="R2-19-ITEMS-END-NONNEG",
            total=(t, part, "items_last_year"),
            parts=(Term((t, part, "change"), -1),),
            op=">=",
            statement=f"{label}：上一年项目数量 + 本年增/减 ≥ 0",
        )
        for part, label in _ITEM_ROWS
    ]
    eqs += [
        Equation(
            rule="R2-19-XYEAR-ITEMS",
            total=(t, part, "items_last_year"),
            parts=(
                Term((t, part, "items_last_year"), previous=True),
                Term((t, part, "change"), previous=True),
            ),
            statement=f"{label}：本年“上一年项目数量” = 上年“上一年项目数量” + 上年“本年增/减”",
        )
        for part, label in _ITEM_ROWS
    ]
    return tuple(eqs)


EDITION = c.edition(
    id="2019",
    document="国办公开办函〔2019〕60号",
    title="中华人民共和国政府信息公开工作年度报告格式（试行）",
    years=(2019, 2020),
    proactive=PROACTIVE,
    other_rows=(OTHER,),
    other_optional=(),
    groups=c.base_groups(),
    proactive_equations=_proactive_equations(),
)
