"""The article finder's thresholds, in one place: `python -m bench fit-html`
fits them on ../shared/bench and prints leave-one-dataset-out scores
(docs/html.md). readability's own constants, which the finder ports, stay
in readable.py."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class FinderThresholds:
    # Values marked "fitted" are `fit-html`'s choice on all seven datasets
    # (it moved them from 0.1, 0.6, 2.5 and 10, set by hand); those in its
    # GRID (bench/html_fit.py) and not marked are set by hand and kept by
    # the fit; the rest are set by hand and not fitted: the bench holds too
    # few endless pages, teaser lists and articles in short blocks.

    # --- `auto`: when trafilatura is asked, and when its text wins ----------
    # the finder's article in doubt: under `small_share` of the page's
    # visible text, or under `split_share` while a part elsewhere on the page
    # scored `split_runner_up` as well as the article
    small_share: float = 0.05  # fitted
    split_share: float = 0.3
    split_runner_up: float = 0.5  # fitted
    # trafilatura's text replaces the article when at least this many times
    # as long ...
    auto_ratio: float = 3.0  # fitted
    # ... and no more than this share of it is link text (more is the page's
    # menus: trafilatura's fast mode takes a whole page now and then)
    extractor_link_density: float = 0.35
    # ... and no more than this share of it is text the page's style hides
    # and the finder left out (hidden slides, collapsed panels: trafilatura
    # reads no style attribute). Also guards the fallback on a page with no
    # article to trust.
    extractor_hidden_share: float = 0.5

    # --- the finder's choice between candidate articles ----------------------
    # a line is the page's headline when it shares this share of the shorter
    # one's words with the <title>, og:title, JSON-LD headline or URL slug
    headline_match: float = 0.6
    # a part that begins under the page's headline, before the next
    # headline, replaces a best part that stands under another headline (the
    # next story of an endless page) when it scores this share of the best
    region_share: float = 0.05
    # teasers: a part whose children are, for `teaser_share` of them and at
    # least `teaser_cards`, short blocks (under `teaser_chars`) each with an
    # image and link text (`teaser_link_share` of its text and
    # `teaser_link_chars` at least); another part scoring
    # `teaser_other_share` of it wins
    teaser_cards: int = 3
    teaser_share: float = 0.5
    teaser_chars: int = 600
    teaser_link_share: float = 0.2  # of a teaser's text: its headline is a link ...
    teaser_link_chars: int = 15  # ... of a headline's length (a share button's is not)
    teaser_other_share: float = 0.1
    # an article split into short blocks (under readability's 25 characters
    # each, so none scores): a parent with this many short blocks of little
    # link text scores their text as paragraphs of `short_run_chars`
    short_run_blocks: int = 6
    short_run_chars: int = 100
    # no article to trust: the best part scores under this (readability's
    # points: a div with one 25-character paragraph scores about 7; the
    # fit on the bench prefers 0, so only a part that its class and id
    # words and its links sink below 0 is "weak")
    min_score: float = 0.0  # fitted


FINDER = FinderThresholds()
_active = [FINDER]


def active() -> FinderThresholds:
    """The thresholds in force: FINDER, unless a fit is trying others."""
    return _active[-1]


@contextmanager
def trying(limits: FinderThresholds):
    """Clean with `limits` instead of FINDER inside the block (the fit in
    bench/html_fit.py)."""
    _active.append(limits)
    try:
        yield limits
    finally:
        _active.pop()
