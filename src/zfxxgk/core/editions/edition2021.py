"""Edition 2021: 国办公开办函〔2021〕30号, report years 2021 on."""

from __future__ import annotations

from zfxxgk.core.layout import Column, Equation, Kind, Row, Table, Term

from . import common as c

PROACTIVE = Table(
    key="proactive",
    record="Proactive",
    title=c.T2_TITLE,
    sheet="二、主动公开",
    blocks=(
        c.proactive_block(
            "一",
            "DocumentCounts",
            (
                ("issued", "本年制发件数"),
                ("repealed", "本年废止件数"),
                ("in_force", "现行有效件数"),
            ),
            (("rules", "规章"), ("normative_documents", "行政规范性文件")),
        ),
        c.proactive_block(
            "五",
            "Decisions",
            (Column("decisions", ("本年处理决定数量",), span=3),),
            (("licensing", "行政许可"),),
        ),
        c.proactive_block(
            "六",
            "Decisions",
            (Column("decisions", ("本年处理决定数量",), span=3),),
            (("penalty", "行政处罚"), ("coercion", "行政强制")),
        ),
        c.proactive_block(
            "八",
            "FeeAmount",
            (Column("amount", ("本年收费金额（单位：万元）",), Kind.MONEY, span=3, unit="万元"),),
            (("fees", "行政事业性收费"),),
        ),
    ),
    column_widths=c.T2_COLUMN_WIDTHS,
)

OTHER_ROWS = tuple(
    Row(key, (c.RESULTS, c.OTHER, label))
    for key, label in (
        (
            "other_overdue_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ),
        (
            "other_unpaid_fee",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ),
        ("other_reasons", "3.其他"),
    )
)
OTHER_TOTAL = Row(c.OTHER_TOTAL_KEY, (c.RESULTS, c.OTHER))

_DOCUMENT_ROWS = c.rows_with(PROACTIVE, "in_force")


def _proactive_equations() -> tuple[Equation, ...]:
    """Section 二 cross-year relations of the 2021 edition (formats.md §7)."""
    t = "proactive"
    eqs = [
        Equation(
            rule="R2-21-XYEAR-VALID",
            total=(t, part, "in_force"),
            parts=(
                Term((t, part, "in_force"), previous=True),
                Term((t, part, "issued")),
                Term((t, part, "repealed"), -1),
            ),
            statement=f"{label}：现行有效件数 ≈ 上年现行有效件数 + 本年制发件数 − 本年废止件数",
        )
        for part, label in _DOCUMENT_ROWS
    ]
    eqs += [
        Equation(
            rule="R2-21-REPEAL-BOUND",
            total=(t, part, "repealed"),
            parts=(Term((t, part, "in_force"), previous=True), Term((t, part, "issued"))),
            op="<=",
            statement=f"{label}：本年废止件数 ≤ 上年现行有效件数 + 本年制发件数",
        )
        for part, label in _DOCUMENT_ROWS
    ]
    return tuple(eqs)


EDITION = c.edition(
    id="2021",
    document="国办公开办函〔2021〕30号",
    title="中华人民共和国政府信息公开工作年度报告格式",
    years=(2021, None),
    proactive=PROACTIVE,
    other_rows=OTHER_ROWS,
    other_optional=(OTHER_TOTAL,),
    groups=(*c.base_groups(), (OTHER_TOTAL, OTHER_ROWS)),
    proactive_equations=_proactive_equations(),
)
