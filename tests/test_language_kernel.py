"""Language detection's quick ways give what the definitions they stand
for give: the count of Arabic-script characters (stripper.normalize's
arabic_chars, which language detection reads) is the regex's count of the
script's runs, in the module as imported (compiled
where built, a loop over the characters) and in its .py run as Python (the
regex); the markup test of a prose line is its regex."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from stripper import normalize
from stripper.generic import language
from stripper.normalize import count_chars, words_of

from .conftest import as_python

IMPLEMENTATIONS = {"as imported": normalize.arabic_chars, "as Python": as_python(normalize).arabic_chars}
# every block's edges and the characters beside them, and any character
_EDGES = [chr(ord(c) + d) for pair in normalize.ARABIC_BLOCKS for c in pair for d in (-1, 0, 1)]
TEXTS = st.text(alphabet=st.one_of(st.sampled_from([*_EDGES, "a", " ", "ق", "٣"]), st.characters(codec="utf-8")))
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "400"))  # `make fuzz` raises it


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXTS)
def test_arabic_chars_is_the_regex_count(name, text):
    assert IMPLEMENTATIONS[name](text) == count_chars(normalize.ARABIC_SCRIPT, text)


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXTS, most=st.integers(min_value=-1, max_value=12))
def test_arabic_chars_stops_past_the_bound(name, text, most):
    count = count_chars(normalize.ARABIC_SCRIPT, text)
    assert IMPLEMENTATIONS[name](text, most) == (count if most < 0 else min(count, most + 1))


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
def test_known_texts(name):
    assert IMPLEMENTATIONS[name]("قال الرئيس ﻻ abc ٣") == 11
    assert IMPLEMENTATIONS[name]("\u05ff\u0600\u06ff\u0700\u074f\u0750\ufeff\uff00") == 4


_MARKUP_PIECES = st.one_of(
    st.sampled_from(["http://", "https://", "http:/", "hTTp://", "<", "<a", "</", "<!", "<?", "<1", "< ", "x"]),
    st.characters(),
)


@pytest.mark.parametrize("module", [language, as_python(language)], ids=["as imported", "as Python"])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(line=st.lists(_MARKUP_PIECES, max_size=12).map("".join))
def test_markup_is_the_regex(module, line):
    assert module._holds_markup(line) == bool(re.search(r"https?://|<[a-zA-Z/!?]", line))


_SAMPLE_PIECES = st.one_of(
    st.sampled_from(["the", "The", "THE", "of", "OF", "In", "İN", "İ", "Σ", "ΑΣ", "K", "é", "É", " ", ".", "\n", "x"]),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
)


@pytest.mark.parametrize("module", [language, as_python(language)], ids=["as imported", "as Python"])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(sample=st.lists(_SAMPLE_PIECES, max_size=30).map("".join))
def test_stop_share_is_that_of_the_lowered_sample(module, sample):
    """The English stopwords' share of the words of the lowered sample,
    counted by the regex (compiled, the sample is lowered as it is read)."""
    words = words_of(sample.lower())
    stop = language.stopwords("en")
    assert stop
    share = sum(word in stop for word in words) / len(words) if words else 0.0
    assert module._stop_share(sample, "English") == share
