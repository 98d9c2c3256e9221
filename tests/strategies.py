"""Hypothesis strategies for reports of every edition."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from zfxxgk import EDITIONS, AnnualReport
from zfxxgk.core.evaluate import evaluate, report_getter
from zfxxgk.core.layout import Field, Kind
from zfxxgk.xlsx.numbers import MAX_EXACT_INT

counts = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=50),
    st.integers(min_value=0, max_value=MAX_EXACT_INT),
    st.integers(min_value=10**9, max_value=10**12),
)
signed = st.one_of(
    st.none(),
    st.integers(min_value=-MAX_EXACT_INT, max_value=MAX_EXACT_INT),
    st.integers(min_value=-100, max_value=100),
)
money = st.one_of(
    st.none(),
    st.decimals(
        min_value=0,
        max_value=Decimal("999999999.999999"),
        places=6,
        allow_nan=False,
        allow_infinity=False,
    ),
    st.decimals(
        min_value=0,
        max_value=Decimal("99999999999999"),
        places=0,
        allow_nan=False,
        allow_infinity=False,
    ),
    st.decimals(
        min_value=0, max_value=Decimal("999999.99"), places=2, allow_nan=False, allow_infinity=False
    ),
)
texts = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from(["=某局", "+86 10 1234", "-某单位", "@机关", "高安市科学技术局"]),
)


def value_for(field: Field) -> st.SearchStrategy[object]:
    if field.kind is Kind.COUNT:
        return counts
    if field.kind is Kind.SIGNED:
        return signed
    if field.kind is Kind.MONEY:
        return money
    return st.one_of(st.none(), st.sampled_from(field.choices))


@st.composite
def reports(draw: st.DrawFn, edition: str | None = None, optional: bool = True) -> AnnualReport:
    """A random report: absent cells, totals that need not add up, optional subtotals."""
    ed = draw(st.sampled_from(sorted(EDITIONS))) if edition is None else edition
    report = AnnualReport(
        edition=ed,
        agency=draw(texts),
        year=draw(st.one_of(st.none(), st.integers(min_value=2019, max_value=2030))),
    )
    for f in report.layout.fields():
        if not f.official and not (optional and draw(st.booleans())):
            continue
        report.set(f.path, draw(value_for(f)))
    if draw(st.booleans()):
        report.meta = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "filled_by": st.text(max_size=10),
                    "phone": st.from_regex(r"0\d{2,3}-\d{7,8}", fullmatch=True),
                    "notes": st.lists(st.text(max_size=20), max_size=3),
                    "agency_code": st.text(max_size=18),
                    "date": st.one_of(st.dates().map(lambda d: d.isoformat()), st.integers()),
                },
            )
        )
    return report


@st.composite
def consistent_reports(draw: st.DrawFn, edition: str | None = None) -> AnnualReport:
    """A report whose inputs are all stated and whose totals are computed."""
    ed = draw(st.sampled_from(sorted(EDITIONS))) if edition is None else edition
    report = AnnualReport(edition=ed, agency="某某局", year=2024 if ed == "2021" else 2020)
    computed = {eq.total for eq in report.layout.equations if eq.op == "=" and not eq.cross_year}
    small = st.integers(min_value=0, max_value=1000)
    for f in report.layout.fields():
        if not f.official or f.path in computed:
            continue
        if f.kind is Kind.COUNT:
            report.set(f.path, draw(small))
        elif f.kind is Kind.SIGNED:
            report.set(f.path, draw(st.integers(min_value=-50, max_value=50)))
        elif f.kind is Kind.MONEY:
            report.set(f.path, draw(money.filter(lambda v: v is not None)))
        else:
            report.set(f.path, draw(st.sampled_from(f.choices)))
    applicants = (
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "public_welfare_org",
        "legal_service_org",
        "other_org",
    )
    results = {
        eq.total[2]: evaluate(eq, report_getter(report)).computed
        for eq in report.layout.equations
        if eq.rule == "R3-RESULT-TOTAL" and eq.total[2] in applicants
    }
    for col in applicants:
        report.set(("applications", "carried_forward", col), draw(small))
    for col in applicants:
        # 一 + 二 = （七） + 四, with both carried counts non-negative
        due = results[col] + report.get(("applications", "carried_forward", col))
        carried = draw(st.integers(min_value=0, max_value=due))
        report.set(("applications", "carried_over", col), carried)
        report.set(("applications", "new_received", col), due - carried)
    for row in ("carried_over", "new_received"):
        report.set(("applications", row, "total"), None)
    return report.with_totals()
