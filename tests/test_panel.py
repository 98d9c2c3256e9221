"""``to_frame`` with numeric columns, harmonised rows across editions, ``zfxxgk panel``."""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest

import zfxxgk
from rendering import SAMPLES, sample
from zfxxgk.cli import main
from zfxxgk.errors import ZfxxgkError

pd = pytest.importorskip("pandas")


def test_dtypes_and_units() -> None:
    df = zfxxgk.to_frame([sample(n) for n in SAMPLES])
    assert str(df["count"].dtype) == "Int64"
    assert str(df["amount_wan"].dtype) == "float64"
    assert str(df["year"].dtype) == "Int64"
    assert str(df["text"].dtype).startswith("string")
    pingtan = df[(df.agency == "平潭综合实验区") & (df.row == "procurement")]
    amount = pingtan[pingtan.column == "amount"].iloc[0]
    assert amount.text == "75394432.52" and amount.unit == "元"
    assert amount.amount_wan == pytest.approx(7539.443252)  # 元 → 万元
    assert pd.isna(amount["count"])
    fee = df[(df.agency == "淮安市洪泽区人民政府") & (df.row == "fees")].iloc[0]
    assert (fee.amount_wan, fee.text, fee.unit) == (7545.0, "7545", "万元")
    new = df[(df.agency == "淮安市洪泽区人民政府") & (df.row == "new_received")]
    assert new[new.column == "total"]["count"].tolist() == [95]


def test_blank_is_na_not_zero() -> None:
    report = sample("2023-shuyang-drc")
    report.applications.new_received.natural_person = None
    report.applications.new_received.total = 0
    df = zfxxgk.to_frame([report])
    row = df[(df.row == "new_received")].set_index("column")
    blank = row.loc["natural_person"]
    assert pd.isna(blank["count"]) and pd.isna(blank["text"])
    assert row.loc["total", "count"] == 0 and row.loc["total", "text"] == "0"
    counts = df["count"].dropna()
    assert (counts.astype(object) == df.loc[counts.index, "value"]).all()


def test_signed_and_large_counts_are_exact() -> None:
    report = sample("2019-pingtan")
    report.proactive.licensing.change = -8
    report.applications.new_received.natural_person = 2**53 - 1
    df = zfxxgk.to_frame([report])
    assert df[(df.row == "licensing") & (df.column == "change")]["count"].tolist() == [-8]
    big = df[(df.row == "new_received") & (df.column == "natural_person")].iloc[0]
    assert big["count"] == 2**53 - 1 and big.text == str(2**53 - 1)


def test_harmonised_mixed_editions() -> None:
    """2019 and 2021 reports on common rows where the mapping says they mean the same;
    rows of one edition only kept apart."""
    last = sample("2019-pingtan")
    this = sample("2024-hongze-district")
    df = zfxxgk.to_frame([last, this], harmonise=True)
    assert str(df["count"].dtype) == "Int64" and df["common"].dtype == bool
    common = df[df.common]
    keys = common.groupby("key").edition.nunique()
    assert (keys == 2).all()  # every common row has a value row of each edition
    assert not df.duplicated(["agency", "key"]).any()  # each value once (no subtotal twice)
    other = common[common.key == "applications.other_total.total"].set_index("edition")
    assert other.loc["2019", "count"] == last.applications.other_total.total
    assert other.loc["2021", "count"] == this.applications.other_total.total
    approx = common[common.key == "proactive.licensing.decisions"]
    assert not approx.exact.any() and sorted(approx["count"].tolist()) == [181, 9487]
    apart = df[~df.common]
    assert set(apart[apart.edition == "2019"].key) >= {
        "proactive.procurement.amount",
        "proactive.rules.total_published",
    }
    assert "proactive.normative_documents.in_force" in set(apart[apart.edition == "2021"].key)
    proc = apart[apart.key == "proactive.procurement.amount"].iloc[0]
    assert proc.amount_wan == pytest.approx(7539.443252)


def test_panel_of_a_mixed_folder(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "pingtan.json").write_text(sample("2019-pingtan").to_json(), encoding="utf-8")
    zfxxgk.fill(sample("2023-shuyang-drc"), folder / "shuyang.xlsx")
    zfxxgk.render(sample("2024-hongze-district"), folder / "hongze.docx")
    out = tmp_path / "panel.csv"
    assert main(["panel", str(folder), "-o", str(out), "--harmonise"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(out, encoding="utf-8-sig", dtype={"text": str})
    assert set(df.agency) == {"平潭综合实验区", "沭阳县发展和改革局", "淮安市洪泽区人民政府"}
    new = df[df.key == "applications.new_received.total"].set_index("agency")
    assert new.loc["淮安市洪泽区人民政府", "count"] == 95
    assert new.loc["平潭综合实验区", "count"] == 23
    plain = tmp_path / "plain.csv"
    assert main(["panel", str(folder), "-o", str(plain)]) == 0
    assert list(pd.read_csv(plain, encoding="utf-8-sig").columns[:7]) == [
        "agency",
        "year",
        "edition",
        "table",
        "row",
        "column",
        "value",
    ]


def test_panel_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.json"
    src.write_text(sample("2019-pingtan").to_json(), encoding="utf-8")
    out = tmp_path / "panel.parquet"
    code = main(["panel", str(src), "-o", str(out)])
    if importlib.util.find_spec("pyarrow") is None:
        assert code == 2 and "pyarrow" in capsys.readouterr().err and not out.exists()
        return
    assert code == 0
    df = pd.read_parquet(out)
    assert str(df["count"].dtype) == "Int64"
    amount = df[df.column == "amount"].iloc[0]
    assert Decimal(amount.text) == Decimal("75394432.52")


def test_panel_of_nothing_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["panel", str(tmp_path), "-o", str(tmp_path / "p.csv")]) == 2
    said = ZfxxgkError.of("no-files", command="panel").en
    assert said in capsys.readouterr().err and not (tmp_path / "p.csv").exists()
