"""The parts that both editions share, as data, and the sums that follow from a layout.

Labels are copied character for character from the official format (full-width brackets
and colons, ``、`` after numerals, ASCII ``.`` after sub-item digits, curly quotes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from zfxxgk.core.layout import (
    Block,
    Column,
    CoverField,
    Edition,
    Equation,
    FieldPath,
    Group,
    Row,
    Table,
    Term,
)

# ---------------------------------------------------------------- section 三 (T3)

T3_TITLE = "三、收到和处理政府信息公开申请情况"
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = "申请人情况"
ORGS = "法人或其他组织"

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", (APPLICANTS, "自然人")),
    Column("commercial_enterprise", (APPLICANTS, ORGS, "商业企业")),
    Column("research_institution", (APPLICANTS, ORGS, "科研机构")),
    Column("public_welfare_org", (APPLICANTS, ORGS, "社会公益组织")),
    Column("legal_service_org", (APPLICANTS, ORGS, "法律服务机构")),
    Column("other_org", (APPLICANTS, ORGS, "其他")),
    Column("total", (APPLICANTS, "总计")),
)
ORG_KEYS = tuple(c.key for c in APPLICANT_COLUMNS if ORGS in c.path)
PERSON_KEYS = tuple(c.key for c in APPLICANT_COLUMNS if c.key != "total")
ORGANIZATIONS_TOTAL = Column("organizations_total", (APPLICANTS, ORGS, "小计"))

RESULTS = "三、本年度办理结果"
WITHHELD = "（三）不予公开"
UNAVAILABLE = "（四）无法提供"
UNPROCESSED = "（五）不予处理"
OTHER = "（六）其他处理"

T3_HEAD_ROWS: tuple[Row, ...] = (
    Row("new_received", ("一、本年新收政府信息公开申请数量",)),
    Row("carried_over", ("二、上年结转政府信息公开申请数量",)),
    Row("disclosed", (RESULTS, "（一）予以公开")),
    Row(
        "partially_disclosed",
        (RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ),
)
WITHHELD_ROWS: tuple[Row, ...] = tuple(
    Row(key, (RESULTS, WITHHELD, label))
    for key, label in (
        ("withheld_state_secret", "1.属于国家秘密"),
        ("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ("withheld_three_securities_one_stability", "3.危及“三安全一稳定”"),
        ("withheld_third_party_rights", "4.保护第三方合法权益"),
        ("withheld_internal_affairs", "5.属于三类内部事务信息"),
        ("withheld_process_information", "6.属于四类过程性信息"),
        ("withheld_enforcement_files", "7.属于行政执法案卷"),
        ("withheld_administrative_query", "8.属于行政查询事项"),
    )
)
UNAVAILABLE_ROWS: tuple[Row, ...] = tuple(
    Row(key, (RESULTS, UNAVAILABLE, label))
    for key, label in (
        ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
        ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
        ("unavailable_still_unclear", "3.补正后申请内容仍不明确"),
    )
)
UNPROCESSED_ROWS: tuple[Row, ...] = tuple(
    Row(key, (RESULTS, UNPROCESSED, label))
    for key, label in (
        ("unprocessed_petition_complaint", "1.信访举报投诉类申请"),
        ("unprocessed_repeated", "2.重复申请"),
        ("unprocessed_publication", "3.要求提供公开出版物"),
        ("unprocessed_massive_repeated", "4.无正当理由大量反复申请"),
        ("unprocessed_confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息"),
    )
)
RESULTS_TOTAL = Row("results_total", (RESULTS, "（七）总计"))
CARRIED_FORWARD = Row("carried_forward", ("四、结转下年度继续办理",))

#: Group subtotals that some published reports print; no official cell.
WITHHELD_TOTAL = Row("withheld_total", (RESULTS, WITHHELD))
UNAVAILABLE_TOTAL = Row("unavailable_total", (RESULTS, UNAVAILABLE))
UNPROCESSED_TOTAL = Row("unprocessed_total", (RESULTS, UNPROCESSED))
OTHER_TOTAL_KEY = "other_total"

T3_COLUMN_WIDTHS = (7.0, 12.0, 40.0, 9.0, 9.0, 9.0, 11.0, 11.0, 9.0, 9.0)


def applications_table(other_rows: Sequence[Row], optional_rows: Sequence[Row]) -> Table:
    """Section 三; the editions differ only in the rows of （六）其他处理."""
    rows = (
        *T3_HEAD_ROWS,
        *WITHHELD_ROWS,
        *UNAVAILABLE_ROWS,
        *UNPROCESSED_ROWS,
        *other_rows,
        RESULTS_TOTAL,
        CARRIED_FORWARD,
    )
    block = Block(
        record="ApplicantCounts",
        columns=APPLICANT_COLUMNS,
        rows=rows,
        corner=T3_NOTE,
        label_width=3,
        header_height=3,
        optional_rows=(WITHHELD_TOTAL, UNAVAILABLE_TOTAL, UNPROCESSED_TOTAL, *optional_rows),
        optional_columns=(ORGANIZATIONS_TOTAL,),
    )
    return Table(
        key="applications",
        record="Applications",
        title=T3_TITLE,
        sheet="三、依申请",
        blocks=(block,),
        column_widths=T3_COLUMN_WIDTHS,
        landscape=True,
    )


# ---------------------------------------------------------------- section 四 (T4)

T4_TITLE = "四、政府信息公开行政复议、行政诉讼情况"
REVIEW = "行政复议"
LITIGATION = "行政诉讼"
OUTCOMES = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
REVIEW_PARTS = (
    ("reconsideration", (REVIEW,)),
    ("litigation_direct", (LITIGATION, "未经复议直接起诉")),
    ("litigation_after_reconsideration", (LITIGATION, "复议后起诉")),
)


def reviews_table() -> Table:
    """Section 四, identical in both editions: one row of fifteen cells."""
    columns = tuple(
        Column(key, (*heads, label), part=part)
        for part, heads in REVIEW_PARTS
        for key, label in OUTCOMES
    )
    block = Block(
        record="CaseOutcomes",
        columns=columns,
        rows=(Row(None, ()),),
        label_width=0,
        header_height=3,
    )
    return Table(
        key="reviews",
        record="Reviews",
        title=T4_TITLE,
        sheet="四、复议诉讼",
        blocks=(block,),
        column_widths=(9.0,) * 15,
        landscape=True,
    )


# ---------------------------------------------------------------- section 二 (T2)

T2_TITLE = "二、主动公开政府信息情况"
CONTENT = "信息内容"
T2_COLUMN_WIDTHS = (26.0, 18.0, 18.0, 18.0)


def rows_with(table: Table, column: str) -> tuple[tuple[str, str], ...]:
    """``(key, label)`` of every row of the table's blocks that have ``column``: the rows
    a section 二 relation runs over, as the blocks declare them."""
    return tuple(
        (row.key, row.label)
        for block in table.blocks
        if any(c.key == column for c in block.columns)
        for row in block.rows
        if row.key is not None
    )


def proactive_block(
    item: str,
    record: str,
    columns: Sequence[tuple[str, str] | Column],
    rows: Sequence[tuple[str, str]],
) -> Block:
    """A sub-table of section 二: ``第二十条第（X）项``, 信息内容 and its columns."""
    cols = tuple(c if isinstance(c, Column) else Column(c[0], (c[1],)) for c in columns)
    return Block(
        record=record,
        columns=cols,
        rows=tuple(Row(k, (label,)) for k, label in rows),
        title=f"第二十条第（{item}）项",
        corner=CONTENT,
    )


# ---------------------------------------------------------------- cover

COVER_SHEET = "封面"
DATA_SHEET = "zfxxgk"
#: the visible sheet an aggregate (汇总) lists its sources on
EXPLANATION_SHEET = "汇总说明"
#: sheets our tools add that hold no table of the report: readers do not look in them
#: The sheet of check results that ``check --annotate`` puts first.
RESULT_SHEET = "校验结果"
ADDED_SHEETS = frozenset({EXPLANATION_SHEET, RESULT_SHEET})
COVER: tuple[CoverField, ...] = (
    CoverField("agency", "报告单位", "text", "填写本机关全称，与年度报告标题一致", required=True),
    CoverField(
        "meta.agency_code",
        "统一社会信用代码",
        "text",
        "本机关的统一社会信用代码（没有的可填行政区划代码），用于与上一年度的报告配对",
    ),
    CoverField("year", "年度", "year", "统计期限的年份，如 2024", required=True),
    CoverField("meta.filled_by", "填报人", "text"),
    CoverField("meta.phone", "联系电话", "text"),
    CoverField("meta.date", "填报日期", "text", "如 2025-01-15"),
)


# ---------------------------------------------------------------- sums


def _path(table: str, part: str, key: str) -> FieldPath:
    return (table, part, key)


def t3_equations(
    result_rows: Sequence[Row], groups: Iterable[tuple[Row, Sequence[Row]]]
) -> tuple[Equation, ...]:
    """The sums of section 三 for one edition's result rows.

    ``groups`` pairs each optional subtotal row with the official rows it adds up.
    """
    t = "applications"
    all_columns = [c.key for c in APPLICANT_COLUMNS]
    rows = [
        *T3_HEAD_ROWS[:2],
        *result_rows,
        RESULTS_TOTAL,
        CARRIED_FORWARD,
    ]
    group_list = list(groups)
    eqs: list[Equation] = []
    for row, official in (*((r, True) for r in rows), *((s, False) for s, _ in group_list)):
        eqs.append(
            Equation(
                rule="R3-ROW-TOTAL",
                total=_path(t, row.key or "", "total"),
                parts=tuple(Term(_path(t, row.key or "", k)) for k in PERSON_KEYS),
                formula=official,
                statement=f"{row.label}：总计 = 自然人 + 法人或其他组织各列",
            )
        )
    for col in all_columns:
        label = next(c.label for c in APPLICANT_COLUMNS if c.key == col)
        eqs.append(
            Equation(
                rule="R3-RESULT-TOTAL",
                total=_path(t, "results_total", col),
                parts=tuple(Term(_path(t, r.key or "", col)) for r in result_rows),
                formula=True,
                groups=tuple(
                    Group(
                        _path(t, sub.key or "", col),
                        tuple(_path(t, m.key or "", col) for m in members),
                    )
                    for sub, members in group_list
                ),
                statement=f"{label}列：（七）总计 = （一）至（六）各项之和",
            )
        )
    for col in all_columns:
        label = next(c.label for c in APPLICANT_COLUMNS if c.key == col)
        eqs.append(
            Equation(
                rule="R3-COL-BALANCE",
                total=_path(t, "carried_forward", col),
                parts=(
                    Term(_path(t, "new_received", col)),
                    Term(_path(t, "carried_over", col)),
                    Term(_path(t, "results_total", col), -1),
                ),
                statement=f"{label}列：一 + 二 = 三（七）总计 + 四",
            )
        )
    for sub, members in group_list:
        for col in all_columns:
            label = next(c.label for c in APPLICANT_COLUMNS if c.key == col)
            eqs.append(
                Equation(
                    rule="R3-GROUP-SUBTOTALS",
                    total=_path(t, sub.key or "", col),
                    parts=tuple(Term(_path(t, m.key or "", col)) for m in members),
                    statement=f"{label}列：{sub.label} = 其下各项之和",
                )
            )
    for row in (*rows, *(sub for sub, _ in group_list)):
        eqs.append(
            Equation(
                rule="R3-ORG-SUBTOTAL",
                total=_path(t, row.key or "", ORGANIZATIONS_TOTAL.key),
                parts=tuple(Term(_path(t, row.key or "", k)) for k in ORG_KEYS),
                statement=f"{row.label}：法人或其他组织小计 = 其下五列之和",
            )
        )
    return tuple(eqs)


def t4_equations() -> tuple[Equation, ...]:
    """The three sums of section 四: each 总计 is the sum of its four outcomes."""
    rules = {
        "reconsideration": "R4-REVIEW-TOTAL",
        "litigation_direct": "R4-DIRECT-TOTAL",
        "litigation_after_reconsideration": "R4-AFTER-TOTAL",
    }
    return tuple(
        Equation(
            rule=rules[part],
            total=("reviews", part, "total"),
            parts=tuple(Term(("reviews", part, key)) for key, _ in OUTCOMES[:4]),
            formula=True,
            statement=f"{'·'.join(heads)}：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        )
        for part, heads in REVIEW_PARTS
    )


def carry_equations() -> tuple[Equation, ...]:
    """R3-XYEAR-CARRY: this year's 上年结转 is last year's 结转下年度, column by column.

    Both editions name these rows alike, so the rule holds across the 2020 → 2021 change.
    """
    t = "applications"
    return tuple(
        Equation(
            rule="R3-XYEAR-CARRY",
            total=(t, "carried_over", c.key),
            parts=(Term((t, "carried_forward", c.key), previous=True),),
            statement=f"{c.label}列：本年“二、上年结转” = 上年“四、结转下年度继续办理”",
        )
        for c in APPLICANT_COLUMNS
    )


def edition(
    *,
    id: str,
    document: str,
    title: str,
    years: tuple[int, int | None],
    proactive: Table,
    other_rows: Sequence[Row],
    other_optional: Sequence[Row],
    groups: Sequence[tuple[Row, Sequence[Row]]],
    proactive_equations: Sequence[Equation],
) -> Edition:
    """An edition from what sets it apart: section 二 and the rows of （六）其他处理.

    Sections 三 and 四, their sums, the cross-year carry and the cover are shared.
    """
    result_rows = (
        *T3_HEAD_ROWS[2:],
        *WITHHELD_ROWS,
        *UNAVAILABLE_ROWS,
        *UNPROCESSED_ROWS,
        *other_rows,
    )
    return Edition(
        id=id,
        document=document,
        title=title,
        first_year=years[0],
        last_year=years[1],
        tables=(proactive, applications_table(other_rows, other_optional), reviews_table()),
        equations=(
            *t3_equations(result_rows, groups),
            *t4_equations(),
            *proactive_equations,
            *carry_equations(),
        ),
        cover_sheet=COVER_SHEET,
        cover=COVER,
        data_sheet=DATA_SHEET,
    )


def base_groups() -> tuple[tuple[Row, tuple[Row, ...]], ...]:
    """The group subtotals of （三）, （四） and （五）, the same in both editions."""
    return (
        (WITHHELD_TOTAL, WITHHELD_ROWS),
        (UNAVAILABLE_TOTAL, UNAVAILABLE_ROWS),
        (UNPROCESSED_TOTAL, UNPROCESSED_ROWS),
    )
