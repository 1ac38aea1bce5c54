import re

import pytest
from hypothesis import given, strategies as st

from stripper.normalize import (
    _TABLE,
    _fold,
    ascii_twin,
    normalize,
    normalize_with_map,
    normalize_words,
    strip_decoration,
    word_count,
    words_of,
)


@pytest.mark.parametrize("variant", ["أيضاً", "أيضًا", "أيضا", "ايضا", "ايضاً", "أيضاَ", "أيضاُ", "أيـضا"])
def test_also_variants_fold(variant):
    assert normalize(variant) == "ايضا"


@pytest.mark.parametrize("variant", ["اقرأ", "إقرأ", "اقرا", "أقرأ"])
def test_read_variants_fold(variant):
    assert normalize(variant) == "اقرا"


def test_marks_spaces_and_case():
    assert normalize("\u200fShare\u00a0\u00a0This\u200b ") == "share this"
    assert normalize("المدرسة") == "المدرسه"
    assert normalize("مستشفى") == "مستشفي"


def test_strip_decoration():
    assert strip_decoration(normalize("الاسم : *")) == "الاسم"
    assert strip_decoration(normalize("• شارك الخبر:")) == "شارك الخبر"


def test_map_points_back_to_source():
    text = "  شاهد  أيضاً: X"
    norm, where = normalize_with_map(text)
    assert norm == "شاهد ايضا: x"
    start = norm.index("ايضا")
    assert text[where[start]] == "أ"
    assert len(where) == len(norm)


TRICKY = st.sampled_from(" \t\u00a0\u0640\u064e\u200fأاىةİΣ")


@given(st.text(alphabet=st.one_of(TRICKY, st.characters())))
def test_map_points_each_character_to_its_source(text):
    norm, where = normalize_with_map(text)
    assert len(where) == len(norm)
    assert all(a < b for a, b in zip(where, where[1:])) or "İ" in text  # İ folds to two
    for k, ch in enumerate(norm):
        assert ch in text[where[k]].translate(_TABLE).lower() or ch == "ς"


@given(st.text(alphabet=" \t\u00a0\u0640\u064e\u200fأاىةشهديضShrex:"))
def test_map_agrees_with_normalize(text):
    assert normalize_with_map(text)[0] == normalize(text)


@given(st.text(alphabet=st.one_of(st.sampled_from(" \t\u2003:*•·|>»«-–—_؛;.…،,!："), st.characters())))
def test_strip_decoration_is_the_regex_it_replaced(text):
    import re

    trailing = re.compile(r"[\s:：؛;.…*»«>|\-–—_،,!]+$")
    leading = re.compile(r"^[\s:*•·|>»«\-–—_]+")
    assert strip_decoration(text) == leading.sub("", trailing.sub("", text))


@given(st.text(alphabet=st.one_of(TRICKY, st.characters())))
def test_fold_is_the_translation_it_replaced(text):
    assert _fold(text) == text.translate(_TABLE)


@given(st.text(alphabet=st.one_of(TRICKY, st.characters(), st.sampled_from(" _\u0651\u00a0\x1c-،"))))
def test_word_count_is_the_regex_it_replaced(text):
    import re

    assert word_count(text) == len(re.findall(r"\w+", text))


def test_fold_pairs_need_no_order():
    """_fold replaces one mapped character after another: that equals one
    translation only if no replacement is itself mapped, and its ASCII
    shortcut only if the tab is the one ASCII character mapped."""
    replacements = {to if isinstance(to, str) else chr(to) for to in _TABLE.values() if to is not None}
    assert not {ord(r) for r in replacements} & set(_TABLE)
    assert {chr(code) for code in _TABLE if code < 128} == {"\t"}


@given(st.text(alphabet=st.one_of(TRICKY, st.characters(), st.sampled_from("ΣσςİI\u200b\u0640"))))
def test_normalize_words_is_normalize_of_each_word(text):
    words = text.split()
    assert normalize_words(words) == [normalize(w) for w in words]


def test_arabic_lines_that_go_on_with_and_are_told_from_headlines():
    from stripper.generic.arabic import opens_with_connective

    for line in (
        "وقال الوزير إن",
        "كما أكد",
        "وبالمناداة على المتضررين",
        "و بعد تكثيف التحريات",
        "ولا تزال",
        "هذا وقد أكد",
        "من جهة أخرى تمكنت",
        "من جهته، قال",
        "في سياق متصل، أفاد",
        "إلى ذلك",
        "س: ولماذا؟",
        "ج - بسبب الغلاء",
    ):
        assert opens_with_connective(normalize(line)), line
    for line in (
        "وزير الداخلية يعلن",
        "وفاة شاب غرقا",
        "وقفة احتجاجية أمام الولاية",
        "والي القيروان",
        "وكالة الأنباء",
        "الجنوب: تجدد الاحتجاجات",
        "ومض",
        "هذا القرار",
        "في المقابلة الأولى",
        "سوق الجملة",
    ):
        assert not opens_with_connective(normalize(line)), line


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_twin_matches_as_the_pattern_on_ascii_text(text):
    for pattern in (re.compile(r"\w+"), re.compile(r"\d+"), re.compile(r"\b\d{1,2}:\d{2}\b")):
        assert ascii_twin(pattern).findall(text) == pattern.findall(text)
    assert words_of(text) == re.findall(r"\w+", text)


def test_words_of_beyond_ascii():
    assert words_of("قدّم 12 ١٢ naïve") == re.findall(r"\w+", "قدّم 12 ١٢ naïve")


def test_no_ascii_twin_where_ascii_matches_otherwise():
    # Unicode's \s takes \x1c-\x1f; IGNORECASE folds "ſ" to "s", "K" (Kelvin) to "k"
    assert re.findall(r"\s", "\x1c") and not re.findall(r"\s", "\x1c", re.ASCII)
    for pattern in (re.compile(r"a\sb"), re.compile(r"\S+"), re.compile("ſ", re.IGNORECASE)):
        with pytest.raises(ValueError):
            ascii_twin(pattern)


def test_the_code_tables_are_their_definitions():
    """The tables by code point, set character by character (a test of
    every code point took every start 27 million instructions), hold what
    that test gives, compiled or not."""
    from stripper import normalize

    from .conftest import as_python

    plain = as_python(normalize)
    for module in (normalize, plain):
        mapped = module._REPLACEMENT.keys() - {"\ufeff"}
        assert module._MAPPED_FLAGS == bytearray(
            chr(c) in module._REPLACEMENT for c in range(max(map(ord, mapped)) + 1)
        )
        folded = (set(module._DELETE) | set(module._SPACES)) - {"\ufeff"}
        assert module._FOLD_KINDS == bytearray(
            plain._GONE
            if chr(c) in module._DELETE
            else plain._SPACE
            if chr(c) in " " + module._SPACES
            else plain._BREAK
            if chr(c) in module._BREAKS
            else plain._KEPT
            for c in range(max(map(ord, folded)) + 1)
        )
