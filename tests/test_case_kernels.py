"""`normalize.lowered` and `normalize.casefolded` give `str.lower()` and
`str.casefold()`: compiled, a text those leave as it is is returned as it
is, told by a table of the characters met, which must never tell wrong,
and one where they change only ASCII capitals is lowered as UTF-8 bytes."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from stripper import normalize

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "400"))  # `make fuzz` raises it
_PIECES = st.one_of(
    st.sampled_from(
        list("abcABC ÀÉüß ſ ﬁ ΣΑσς İı Ǆǅǆ ᏸᎠꭰ ΐ ẞ ＡＢ ✓")
        + list("وقالفيمنّـً")
        + ["𝐀", "𐐀", "𐐨", "😀", "مرحبا", "straße", "ΟΔΟΣ"]
    ),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
)
TEXTS = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXTS)
def test_generated_texts(text):
    assert normalize.lowered(text) == text.lower()
    assert normalize.casefolded(text) == text.casefold()


@pytest.mark.parametrize("text", ["مرحبا بكم", "déjà vu", "ωμέγα", "straße", "ΣΟΦΙΑ", "ǅ", "ᏸ", "İ", "😀x"])
def test_each_twice(text):
    # the second time, the characters are met: the table answers
    for _ in range(2):
        assert normalize.lowered(text) == text.lower()
        assert normalize.casefolded(text) == text.casefold()


@pytest.mark.parametrize(
    "text", ["Déjà VU", "“Quoted” — IT’S", "Straße GROSS", "ΟΔΟΣ A", "NO\u00a0BREAK", "A\ud800B", "مرحبا ABC"]
)
def test_ascii_capitals_beside_unchanged_characters(text):
    # lowered (and case-folded) as UTF-8 bytes where nothing else changes;
    # a lone surrogate goes through as it is
    for _ in range(2):
        assert normalize.lowered(text) == text.lower()
        assert normalize.casefolded(text) == text.casefold()


def test_every_character_of_the_plane():
    """Every character of the Basic Multilingual Plane, alone and after an
    Arabic letter (a text beyond ASCII), through the table."""
    for code in range(0x80, 0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        text = "م" + chr(code)
        assert normalize.lowered(text) == text.lower(), hex(code)
        assert normalize.casefolded(text) == text.casefold(), hex(code)
