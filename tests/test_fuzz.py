"""Fuzzing the rule loader and the cleaner with hypothesis.

Run at a high count with `make fuzz` (HYPOTHESIS_EXAMPLES=20000); the suite
runs a few hundred examples each time."""

import os

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from stripper.errors import RuleError
from stripper.model import CATEGORIES, Document
from stripper.pipeline import clean
from stripper.rules.registry import RuleRegistry
from stripper.rules.schema import CLASSIFIER_MODES, KINDS, parse_rule_file

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

KEYS = [
    "id",
    "kind",
    "category",
    "message",
    "tokens",
    "raw",
    "anchor",
    "marker",
    "start",
    "end",
    "max_words",
    "min_words",
    "in_first",
    "in_last",
    "max_lines",
    "min_body_words",
    "headline_max_words",
    "prefix",
    "bogus",
]
scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 50),
    st.text(max_size=12),
    st.sampled_from(
        list(KINDS) + list(CATEGORIES) + ["full", "start", "any", "(", "[a-", ".*", "^x$", "a|", "\\", "(?P<x>"]
    ),
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
    max_leaves=10,
)
rule = st.dictionaries(st.sampled_from(KEYS), value, max_size=7)
rule_file = st.fixed_dictionaries(
    {"site": st.one_of(st.just("fuzz"), scalar)},
    optional={
        "rules": st.one_of(st.lists(rule, max_size=4), value),
        "match": st.lists(
            st.dictionaries(st.sampled_from(["url", "filename", "signature", "x"]), value, max_size=2), max_size=2
        ),
        "classifier": st.sampled_from(list(CLASSIFIER_MODES) + ["maybe"]),
        "tests": st.lists(
            st.dictionaries(st.sampled_from(["input", "expect", "cuts", "name"]), value, max_size=3), max_size=2
        ),
    },
)


@FUZZ
@given(rule_file)
def test_rule_loader_accepts_or_explains(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        parsed = parse_rule_file(text, "fuzz.yml")
    except RuleError as exc:
        assert str(exc).startswith("fuzz.yml")
        assert "\n" not in str(exc)
        return
    # a file that loads must not cut an empty line or match everything
    registry = RuleRegistry([*RuleRegistry.load().commons.values(), parsed])
    clean(Document.from_text("\n\nA sentence.\n"), registry, site=parsed.name, classifier=False)


@FUZZ
@given(st.text(max_size=300))
def test_rule_loader_on_arbitrary_text(text):
    try:
        parse_rule_file(text, "fuzz.yml")
    except RuleError as exc:
        assert str(exc).startswith("fuzz.yml")


@FUZZ
@given(st.text(max_size=2000))
def test_cleaner_on_arbitrary_text(registry, text):
    result = clean(Document.from_text(text), registry)
    assert clean(Document.from_text(result.text), registry).text == result.text


# HTML as scraped pages have it: odd nodes (processing instructions, CDATA,
# comments, noscript, svg, templates), unclosed and stray tags, entities,
# mixed scripts. Reading and cleaning must never raise.
_TAGS = [
    "p",
    "div",
    "li",
    "ul",
    "a",
    "span",
    "h1",
    "h2",
    "nav",
    "aside",
    "footer",
    "form",
    "br",
    "table",
    "td",
    "tr",
    "noscript",
    "script",
    "style",
    "svg",
    "template",
    "pre",
    "article",
]
_ODD = [
    "<?php include('x'); ?>",
    "<!-- c -->",
    "<![CDATA[ x ]]>",
    "<!DOCTYPE html>",
    "&nbsp;",
    "&#0;",
    "&bogus;",
    "</p>",
    "<p",
    "<a href='x'>",
    "\x00",
    "<html>",
    "</body>",
    "<body hidden>",
    "<meta charset='windows-1256'>",
    "<div class='share comments' id='x'>",
    # what the article finder reads: hidden styles, articleBody, content
    # classes, form fields, images and embeds it counts
    "<div style='display: none'>",
    "<div itemprop='articleBody'>",
    "<div class='post-content'>",
    "<main>",
    "<input type='text'>",
    "<img src='x'>",
    "<embed src='x'>",
    "<h2 class='widget'>",
]
_words = st.sampled_from(["The", "article", "says", "شاهد", "ايضاً", ":", "news", "新闻", "。", "2024", "*"])
_text = st.lists(_words, max_size=12).map(" ".join)


@st.composite
def _html(draw):
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            tag = draw(st.sampled_from(_TAGS))
            parts.append(f"<{tag}>{draw(_text)}" + (f"</{tag}>" if draw(st.booleans()) else ""))
        elif kind == 1:
            parts.append(draw(st.sampled_from(_ODD)))
        else:
            parts.append(draw(_text))
    return "".join(parts)


@FUZZ
@given(_html(), st.sampled_from(["stripper", "trafilatura", "readability", "auto"]))
def test_html_reader_and_engines_on_arbitrary_pages(registry, page, engine):
    from stripper.html import read_html

    doc = read_html(page.encode("utf-8"), "fuzz.html")
    result = clean(doc, registry, engine=engine)
    kept = [line for line in result.text.splitlines() if line.strip()]
    assert all(any(k in line for line in doc.lines) for k in kept)  # nothing invented


@FUZZ
@given(_html())
def test_the_article_finder_accounts_for_every_line(page):
    from stripper.html import read_html
    from stripper.html.readable import find_article

    doc = read_html(page.encode("utf-8"), "fuzz.html")
    article = find_article(doc.lines, doc.meta["blocks"], doc.meta["elements"])
    assert set(article.kept) | set(article.why) == set(range(len(doc.lines)))
    assert not set(article.kept) & set(article.why)  # kept or cut, never both
    assert find_article(doc.lines, doc.meta["blocks"], doc.meta["elements"]) == article  # deterministic
