import pytest

from stripper.normalize import normalize, normalize_with_map, strip_decoration


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
