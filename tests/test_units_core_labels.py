"""zfxxgk.core.labels: the one label normaliser, its notes stripped, its display width."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
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
        st.sampled_from("“”‘’＂、，。（）：\n\t\u3000\u00a0\u200b\ufeff萬業總計開報"),
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


#: Characters whose folding meets a Han character's: letters and combining marks that
#: NFKC composes (e + ́), half-width katakana and its voiced mark, Hangul jamo,
#: compatibility ideographs and squared words (decomposed), full-width forms, other
#: blocks of Han ideographs, Han characters themselves, and now and then any character.
_FOLDED = (
    "eaoEA\u0301\u0323\u0300\u0345ｶﾞﾟｳ\u1100\u1161\u11a8가ＡＢ１（），：\uf900\uf9ff"
    "\u2f00㍿㈱①\u3400\u4dbf\u3099\u309a\u309b\u309cか中国萬總\u4e00\u9fff"
)
_folded_text = st.text(
    alphabet=st.one_of(st.sampled_from(_FOLDED), st.sampled_from(_FOLDED), st.characters()),
    min_size=65,
    max_size=200,
)


def test_nfkc_in_pieces_folds_every_pair_as_the_whole() -> None:
    """Every two of these characters side by side, and with a Han character between
    them, in a paragraph's length: folded in pieces as whole."""
    import unicodedata

    from zfxxgk.core.labels import nfkc

    pad = "本机关，（一）" * 10
    for a in _FOLDED:
        for b in _FOLDED:
            for text in (pad + a + b + pad, pad + a + "中" + b + pad, a + b + pad):
                assert nfkc(text) == unicodedata.normalize("NFKC", text), (a, b)


@given(_folded_text)
@settings(max_examples=500)
def test_nfkc_in_pieces_is_nfkc_of_the_whole(text: str) -> None:
    """The text folded between its runs of Han characters is the text folded whole."""
    import unicodedata

    from zfxxgk.core.labels import nfkc

    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@given(label_text)
def test_the_tables_change_only_what_their_searches_find(text: str) -> None:
    """The quotes' and traditional characters' translations, made only where a search
    finds a character of theirs, give what translating every text gives."""
    from zfxxgk.core import labels

    folded = labels.nfkc(text)
    expected = labels._SPACE.sub("", folded).translate(labels._QUOTES)
    expected = expected.translate(labels._TRADITIONAL)
    expected = labels._ITEM_NUMBER.sub(r"\1.", expected)
    for variant, canonical in VARIANTS:
        expected = expected.replace(variant, canonical)
    assert normalize(text) == expected
