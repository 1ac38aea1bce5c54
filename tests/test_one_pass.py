"""The classifier decides once: where a step reads other lines, it reads
them as the output will have them, so cleaning the output again changes
nothing (docs/generic.md, 8). Each case on a dump written for the test."""

from __future__ import annotations

import pytest

import stripper.pipeline as pipeline
from stripper.model import Document
from stripper.pipeline import clean, default_registry

from .conftest import require_shared

PROSE = [
    "The council voted on Tuesday to extend the bus lane on the main road by two miles, after a year in which "
    "journeys on the route became faster for most of the people who use it every day.",
    "Officials said the work would start in the spring and take about four months, and that the cost would be "
    "met from the transport budget that was agreed by the council at the start of the year.",
    "Residents who live along the road will be able to comment on the plans at a meeting next month, where the "
    "engineers will explain how the changes are going to affect parking and deliveries.",
    "The opposition said that the money should have been spent on the roads in the villages instead, which "
    "have not been repaired for many years and which are used by farmers and by school buses.",
]


@pytest.fixture
def classifier_runs(monkeypatch):
    """How many times the classifier ran, over the cleanings of a test."""
    runs = []
    real = pipeline.classify

    def counted(*args, **kwargs):
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "classify", counted)
    return runs


def _clean(text: str) -> str:
    return clean(Document.from_text(text), default_registry(), site_rules=False).text


def _stable(text: str, runs: list) -> tuple[str, int]:
    """The cleaned text, checked to be stable, and how often the classifier
    ran on the way to it."""
    once = _clean(text)
    ran = len(runs)
    assert _clean(once) == once
    return once, ran


def test_a_bulleted_item_whose_bulleted_neighbour_goes_is_cut_with_it(classifier_runs):
    items = [
        "* Highlights: Secure member dashboard, access to resource partners, multiple pricing tiers",
        "* Pricing: Free, Network, Premier, Plus",
    ]
    text = "\n\n".join([*PROSE[:2], "\n".join(items), *PROSE[2:]]) + "\n"
    out, ran = _stable(text, classifier_runs)
    assert not any(item in out.splitlines() for item in items)
    assert all(paragraph in out.splitlines() for paragraph in PROSE)
    assert ran == 1


def test_a_tail_marker_held_back_by_a_comment_thread_heads_the_tail_of_what_stays(classifier_runs):
    related = ["Related Posts", "", "* Five things to know about the new bus lane", "* Parking rules change"]
    thread = []
    for k, name in enumerate(["Mary Jones", "Tom Brown", "Ann Smith", "Joe Green"]):
        thread += [
            f"{name} November {k + 5}, 2012 at 3:1{k} pm",
            "",
            "I have lived on this road for twenty years and I think that the council is right to do this, "
            "because the buses are always late in the morning and the traffic is getting worse every winter.",
            "",
        ]
    text = "\n\n".join(PROSE) + "\n\n" + "\n".join(related) + "\n\n" + "\n".join(thread)
    out, ran = _stable(text, classifier_runs)
    assert [line for line in out.splitlines() if line] == PROSE
    assert ran == 2  # the input, then what stays once the tail went


def test_the_classifier_runs_once_on_nearly_every_development_dump(classifier_runs):
    """Again only where the rules cut something on the output (a tail held
    back by prose the classifier cut): 20 of 4,880 documents measured."""
    paths = sorted(require_shared("bench-train").glob("*/dump/*.txt"))[::20]
    assert len(paths) > 140
    for path in paths:
        clean(Document.from_text(path.read_text(encoding="utf-8")), default_registry())
    assert len(classifier_runs) <= len(paths) * 1.02


AD_SCRIPT = "googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });"


@pytest.fixture
def rules_asked_again(monkeypatch):
    """What the rules found each time they were asked again on an output."""
    asked = []
    real = pipeline._rules_on_what_stays

    def counted(*args, **kwargs):
        found = real(*args, **kwargs)
        asked.append(found)
        return found

    monkeypatch.setattr(pipeline, "_rules_on_what_stays", counted)
    return asked, real


def test_where_only_inline_spans_went_the_rules_are_not_asked_again(rules_asked_again):
    """The output is then the view every other rule and the classifier read
    in the first pass, with the same lines protected: asked again, the
    rules find nothing, so they are not asked."""
    asked, real = rules_asked_again
    text = "https://example.com/news/1\n" + AD_SCRIPT + "    " + PROSE[0] + "\n\n" + "\n\n".join(PROSE[1:]) + "\n"
    result = clean(Document.from_text(text), default_registry())
    assert [cut.span is not None for cut in result.cuts] == [True]
    assert result.text == text.replace(AD_SCRIPT + "    ", "")
    assert asked == []
    output = Document.from_text(result.text)
    rules = default_registry().route(output, result.language).rules
    assert real(output, rules, pipeline._protected(output), True, {}, []) == []


def test_where_a_line_went_whole_too_the_rules_are_asked_again(rules_asked_again):
    """Then the output is not the view the first pass's rules read."""
    asked, _ = rules_asked_again
    text = (
        "https://example.com/news/1\n"
        + AD_SCRIPT
        + " "
        + PROSE[0]
        + "\n\nShare this\n\n"
        + "\n\n".join(PROSE[1:])
        + "\n"
    )
    result = clean(Document.from_text(text), default_registry())
    assert sorted(cut.span is not None for cut in result.cuts) == [False, True]
    assert "Share this" not in result.text and AD_SCRIPT not in result.text
    assert asked == [[]]
