"""`labelled_end` (docs/generic.md, 5.2.1): the body ends at a label the
rules know to close an article (share buttons, a footer, a tail marker held
back for the prose after it) when the classifier's own evidence agrees; on
dumps written for the test."""

from __future__ import annotations

from stripper.generic import explain_lines
from stripper.generic.classifier import run_steps, step_names
from stripper.generic.thresholds import DEFAULT, Thresholds
from stripper.model import Document
from stripper.pipeline import clean, default_registry
from stripper.rules.engine import apply_rules

ARTICLE = [
    "The city council voted on Tuesday to rebuild the old bridge over the river, after two years of debate about "
    "its cost and about the traffic it carries every day.",
    "The mayor said that the work would begin in the spring and that the bridge would be closed to cars for most "
    "of the summer, while buses and bicycles would still be able to cross it.",
    "Engineers who inspected the bridge last year found that several of its steel beams had rusted through, and "
    "they warned that it could not carry heavy trucks for much longer.",
    "The council will pay for most of the work with a loan from the state, which it expects to repay over twenty "
    "years from the tolls that the new bridge will collect from trucks.",
    "Some residents of the neighbourhood near the bridge told the council that they were worried about the noise "
    "of the work and about the dust that it would bring to their homes.",
    "The mayor promised that the builders would work only during the day and that the city would clean the "
    "streets around the site every week until the new bridge is finished.",
    "A second vote on the final design of the bridge is planned for the next meeting of the council, which will "
    "be held at the end of the month in the town hall.",
]
TEASERS = [
    "Five things to know about the new school budget and what it means for the families who live in the city",
    "Why the old market on the main square is closing after almost a hundred years of trade in the heart of town",
    "The police are asking for the help of the public to find a car that was stolen from a parking lot.",
    "How the local football club plans to build a new stadium on the land next to the railway station in the north",
]
MORE = [
    "The council also agreed to plant new trees along the river bank and to build a path for walkers and runners "
    "that will link the bridge to the park on the other side of the water.",
    "Work on the path is expected to take about six months and to cost less than a tenth of the price of the new "
    "bridge, according to the report that the council published this week.",
]


def _text(*blocks: list[str]) -> str:
    return "".join(line + "\n\n" for block in blocks for line in block)


def _cleaned(text: str, **kw) -> list[str]:
    return [line for line in clean(Document.from_text(text), default_registry(), **kw).text.splitlines() if line]


def _explained(text: str):
    result = clean(Document.from_text(text), default_registry())
    rule_cuts = [c for c in result.cuts if not c.rule_id.startswith("generic.")]
    decided = frozenset(i for c in rule_cuts if c.span is None for i in range(c.start, c.end))
    return explain_lines(result.document, decided, result.language, rule_cuts, held_tails=result.held_tails)


def test_the_body_ends_at_share_buttons_followed_by_teasers():
    text = _text(["City news"], ARTICLE, ["Share this article"], TEASERS)
    kept = _cleaned(text)
    assert kept[-1] == ARTICLE[-1]
    assert not any(teaser in kept for teaser in TEASERS)
    # without the step the teasers stay: the rule cut the label only
    off = _cleaned(text, thresholds=Thresholds(labelled_end_min_good=100_000))
    assert all(teaser in off for teaser in TEASERS)


def test_explain_names_the_step_and_the_label_that_ended_the_body():
    text = _text(["City news"], ARTICLE, ["Share this article"], TEASERS)
    verdicts = _explained(text)
    teaser = next(v for v in verdicts if text.splitlines()[v.index] == TEASERS[0])
    assert not teaser.keep and teaser.step == "outside_body"
    label_line = text.splitlines().index("Share this article") + 1
    assert f"end by labelled_end at common-en/share on line {label_line}" in teaser.reason
    assert "labelled_end" in step_names()


def test_a_tail_marker_held_back_for_the_teasers_after_it_ends_the_body():
    # the teasers after "Related" are more prose than half the article's: the
    # tail rule holds the marker back, and the classifier weighs it
    teasers = TEASERS + [t.replace("the", "a") for t in TEASERS]
    text = _text(ARTICLE, ["Related"], teasers)
    doc = Document.from_text(text)
    held: list[tuple[int, str]] = []
    rules = default_registry().route(doc, "en").rules
    assert not any(c.rule_id == "common-en/related-tail" for c in apply_rules(doc, rules, held_tails=held))
    marker = text.splitlines().index("Related")
    assert held == [(marker, "common-en/related-tail")]
    kept = _cleaned(text)
    assert kept[-1] == ARTICLE[-1] and not any(teaser in kept for teaser in teasers)
    lines = run_steps(doc, frozenset(), "en", (), None, DEFAULT, held)
    assert lines.body_by["end"] == "labelled_end" and lines.body[1] <= marker
    last = next(v for v in reversed(_explained(text)) if v.features is not None)
    assert f"end by labelled_end at common-en/related-tail on line {marker + 1}" in last.reason


def test_a_label_with_the_article_going_on_below_it_is_no_end():
    # a share bar after the first paragraphs, sentences after it
    text = _text(ARTICLE[:6], ["Share this article"], ARTICLE[6:], MORE)
    assert _cleaned(text)[-3:] == [ARTICLE[-1], *MORE]
    # a "Related" box above the article: few sentences above it
    text = _text(MORE, ["Related"], TEASERS[:1], ARTICLE)
    assert _cleaned(text)[-len(ARTICLE) :] == ARTICLE


def test_the_output_cleaned_again_is_the_output():
    for text in (_text(ARTICLE, ["Share this article"], TEASERS), _text(ARTICLE, ["Related"], TEASERS * 2)):
        once = clean(Document.from_text(text), default_registry()).text
        assert clean(Document.from_text(once), default_registry()).text == once


def test_four_sentences_above_a_copyright_line_end_the_body_a_share_bar_needs_six():
    article = ARTICLE[:4]
    for label, ends in (("Copyright 2024 The City Times. All rights reserved.", True), ("Share this article", False)):
        text = _text(["City news"], article, [label], TEASERS)
        kept = _cleaned(text)
        assert (kept[-1] == article[-1]) is ends, label
        assert all(line in kept for line in article)
    # the footer's own bar, as the shipped share bar's
    text = _text(["City news"], article, ["Copyright 2024 The City Times. All rights reserved."], TEASERS)
    assert TEASERS[0] in _cleaned(text, thresholds=Thresholds(footer_end_min_good=6))


def test_a_newsletter_box_in_the_middle_of_the_article_is_no_end():
    """A newsletter's box between two parts of the article, its legal line
    cut by the rules: the part below, its paragraphs ending their sentences
    under subheadings that end none, is the article going on."""
    box = [
        "Get posts like this in your inbox.",
        "* Email Address",
        "By signing up, you agree to our Privacy Policy and Terms of Use.",
        "Submit",
    ]
    heads = [
        "What the new bridge will cost the families who live in the city",
        "How the traffic will go around the river while the work is done",
        "When the council will vote again on the final design of the bridge",
    ]
    second = [line.replace("bridge", "crossing") for line in ARTICLE[:6]]
    part = [heads[0], *second[:2], heads[1], *second[2:4], heads[2], *second[4:]]
    text = _text(["City news"], ARTICLE, box, part, ["Share this article"], TEASERS)
    kept = _cleaned(text)
    assert all(line in kept for line in ARTICLE + second)
    assert not any(teaser in kept for teaser in TEASERS)
    # the same box over teasers and headlines that end no sentence still ends the body
    text = _text(["City news"], ARTICLE, box, TEASERS, heads)
    assert _cleaned(text)[-1] == ARTICLE[-1]
