"""`ends_sentence` is `sentence_end()`'s search: compiled, the text is read
back from its end; both builds are held to the regex."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from stripper import sentence
from stripper.sentence import sentence_end

from .conftest import as_python

IMPLEMENTATIONS = {"as imported": sentence.ends_sentence, "as Python": as_python(sentence).ends_sentence}
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "400"))  # `make fuzz` raises it
_PIECES = st.one_of(
    st.sampled_from(
        list(".!?؟。！？…\"'”’»)]([“‘«,;:- \n\tab（）【】1")
        + ["end.", "يقول.", "\n\n", ".\n", '."\n']
        + [" (AP)", "（上班族 XXX）", "(Full Story)", "[ Read More ]", "(MORE)", "(12)", "(" + "x" * 40 + ")"]
    ),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
)
TEXTS = st.lists(_PIECES, max_size=12).map("".join)


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXTS)
def test_generated_texts(name, text):
    assert IMPLEMENTATIONS[name](text) == (sentence_end().search(text) is not None)


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("", False),
        ("\n", False),
        ("He said so.", True),
        ('He said "so."', True),
        ("(see above.)]", True),
        ("a list:", False),
        ("end.\n", True),
        ("end.\n\n", False),
        ("end.)\n", True),
        ("هل قال ذلك؟", True),
        ("»", False),
        ("three dots…", True),
        ("他說。（上班族 XXX）", True),
        ("said on Monday. (Reuters)", True),
        ("said on Monday.) ( AP )\n", True),
        ("said on Monday (Reuters)", False),
        ("the teaser. (Full Story)", False),
        ("the teaser. [read more]", False),
        ("a count. (12)", False),
        ("a date. (2 months ago)", False),
        ("empty. ()", False),
        ("long. (" + "x" * 40 + ")", True),
        ("too long. (" + "x" * 41 + ")", False),
    ],
)
def test_known_texts(name, text, ends):
    assert IMPLEMENTATIONS[name](text) is ends
