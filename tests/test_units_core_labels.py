"""zfxxgk.core.labels: the one label normaliser, its notes stripped, its display width."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.core.labels import MAX_LABEL, VARIANTS, core, display_width, normalize

#: What labels are made of: CJK, ASCII, full-width forms, quotes, every kind of space.
#: (Not every Unicode text: NFKC of a spacing mark such as ¯ leaves a combining one that
#: a second NFKC composes, so normalize is idempotent on label text, not on all text.)
label_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
        st.sampled_from("“”‘’＂、，。（）：\n\t\u3000\u00a0\u200b\ufeff"),
    ),
    max_size=300,
)


@given(label_text)
def test_normalize_is_idempotent_and_spaceless(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert not any(ch.isspace() for ch in once)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("（二）部分公开", "(二)部分公开"),
        ("总  计", "总计"),
        ("合计", "总计"),
        ("结果\n维护", "结果维持"),
        ("“规章”", '"规章"'),
        ("1、信访举报投诉类申请", "1.信访举报投诉类申请"),
        ("\u3000自然人\u00a0", "自然人"),
    ],
)
def test_typed_variants_meet(typed: str, canonical: str) -> None:
    assert normalize(typed) == normalize(canonical)


def test_every_variant_reads_as_its_canonical_form() -> None:
    for variant, canonical in VARIANTS:
        assert normalize(variant) == normalize(canonical)


@pytest.mark.parametrize(("value", "text"), [(None, ""), (12, "12"), (1.5, "1.5")])
def test_non_text_is_its_text(value: object, text: str) -> None:
    assert normalize(value) == text


def test_a_long_text_is_normalised_like_a_short_one() -> None:
    long = "总 计" * (MAX_LABEL // 2)
    assert normalize(long) == "总计" * (MAX_LABEL // 2)


@pytest.mark.parametrize(
    ("label", "stripped"),
    [
        ("(二)部分公开(区分处理的,只计这一情形)", "(二)部分公开"),
        ("规章(设区的市)(含)", "规章"),
        ("第二十条第(九)项", "第二十条第(九)项"),
        ("(二)", "(二)"),
    ],
)
def test_core_strips_only_trailing_notes(label: str, stripped: str) -> None:
    assert core(label) == stripped


@given(st.text(alphabet=st.characters(codec="ascii", categories=["L", "N"]), max_size=40))
def test_ascii_is_one_cell_wide(text: str) -> None:
    assert display_width(text) == len(text)


def test_cjk_is_two_cells_wide() -> None:
    assert display_width("自然人") == 6 and display_width("Ａ1") == 3
