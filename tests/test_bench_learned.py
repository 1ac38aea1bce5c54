"""bench/learned.py: the classifier wrapped for the learned-correction experiment."""

from __future__ import annotations

import numpy as np

import bench.learned as learned
import stripper.pipeline as pipeline
from stripper import Document, clean, default_registry

MENU = "Home\nNews\nSport\nWeather\n\n"
ARTICLE = (
    "The police of the city warned the homeless on Tuesday of a killer who attacks people sleeping in the "
    "street; three men have died so far, the agency said.\n\n"
    "They were told to carry lights and whistles, and not to sleep alone in the street but to use the "
    "shelters that the city opened for the winter.\n"
)


def test_without_a_model_the_wrapped_classifier_cuts_as_the_shipped_one(monkeypatch):
    registry = default_registry()
    shipped = clean(Document.from_text(MENU + ARTICLE), registry)
    monkeypatch.setattr(pipeline, "classify", learned.corrected_classify)

    wrapped = clean(Document.from_text(MENU + ARTICLE), registry)

    assert wrapped.text == shipped.text
    assert [c.rule_id for c in wrapped.cuts] == [c.rule_id for c in shipped.cuts]


def test_a_confident_model_flips_the_lines_it_is_sure_of(monkeypatch):
    registry = default_registry()
    monkeypatch.setattr(pipeline, "classify", learned.corrected_classify)
    width = len(learned.vectors_width())
    never_gold = np.zeros(width)
    never_gold[0] = -20.0  # the bias: every line's gold probability near 0
    monkeypatch.setitem(learned._STATE, "model", (never_gold, 0.5, None))

    result = clean(Document.from_text(MENU + ARTICLE), registry)

    assert result.text.strip() == ""
    assert any(c.rule_id == learned.LEARNED_ID for c in result.cuts)


def test_the_rows_are_as_wide_as_said(monkeypatch):
    rows = []
    monkeypatch.setattr(pipeline, "classify", learned.corrected_classify)
    monkeypatch.setitem(learned._STATE, "record", rows)

    clean(Document.from_text(MENU + ARTICLE), default_registry())

    idx, vectors, keeps, texts = rows[0]
    assert len(idx) == len(vectors) == len(keeps) == len(texts) == 5  # "Home": a rule cut it
    assert {len(v) for v in vectors} == {len(learned.vectors_width())}
    assert keeps == [False] * 3 + [True] * 2


def test_a_lines_gold_share_is_read_by_word_trigrams():
    gold = "the police of the city warned the homeless".split()
    shingles, joined = set(zip(gold, gold[1:], gold[2:])), f" {' '.join(gold)} "

    assert learned._gold_share("the police of the city".split(), shingles, joined) == 1.0
    assert learned._gold_share("the city of the police".split(), shingles, joined) == 0.0  # its words, not its text
    assert learned._gold_share(["homeless"], shingles, joined) == 1.0
    assert learned._gold_share(["sport"], shingles, joined) == 0.0


def test_the_regression_learns_the_input_that_decides():
    rng = np.random.default_rng(7)
    x = rng.random(400)
    X = np.column_stack([np.ones(400), x, rng.random(400)])
    w = learned.fit(X, (x > 0.5).astype(float), np.ones(400), l2=1e-4)
    assert w[1] > 5 and abs(w[2]) < 1
