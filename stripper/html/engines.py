"""The extractor engines: which lines of a page are the article, by
stripper's own article finder (readable.py: `stripper`), by trafilatura, by
readability-lxml, or by the finder with trafilatura as a second opinion
(`auto`, the default). Each returns cuts (`html.readable`,
`html.trafilatura`, `html.readability`) whose message says why.

The second opinion: the finder, like readability, now and then takes one
block of an article that spans several, or a teaser instead of the story,
and its article is then small. Where it kept under 5% of the page, or
under 30% while another part of the page scored half as well, trafilatura
runs, and decides when its extraction is at least 3 times as long and
not mostly link text (FinderThresholds in thresholds.py; docs/html.md has
the measurements). Where the finder finds no article it can trust,
trafilatura (full) decides under `auto`. Either way the page's headline
stays (GUIDELINE.md counts it as main content).
"""

from __future__ import annotations

import copy
import html
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache, lru_cache

from ..assemble import removed_lines
from ..model import Cut, Document
from ..normalize import normalize
from .dom import ORIGIN, extraction_cuts, merge_runs, without_lines
from .readable import HEADLINE_TAGS, Article, find_article
from .signals import TITLE, TITLE_SEPARATOR, Signals, page_signals, words
from .thresholds import FinderThresholds, active

# `auto`'s thresholds (when trafilatura is asked, when its text wins) are
# FinderThresholds' small_share, split_share, split_runner_up, auto_ratio
# and extractor_link_density (thresholds.py).


def extractor_cuts(
    doc: Document, engine: str, excluded: frozenset[int] = frozenset(), limits: FinderThresholds | None = None
) -> list[Cut]:
    """The cuts of `engine` (one of pipeline.ENGINES) on a page read by reader.py
    (its HTML is in doc.meta["html"]), leaving out the `excluded` lines,
    which another decision cut (a site's drop selectors). The page's first
    `h1`, its headline, stays even where the extractor left it out
    (readability takes the body's container, which seldom holds the title).
    `limits`: the finder's thresholds (thresholds.py; those in force by
    default). Where stripper's finder finds no article it can trust, `doc.meta["no_article"]`
    says so: {"category", "reason", "fallback"}."""
    limits = limits or active()
    signals = cache(lambda: page_signals(doc.meta["html"], doc.url))  # read once, where needed
    cuts = _extractor_cuts(doc, engine, excluded, limits, signals)
    return without_lines(_keep_headline(doc, cuts, limits, signals()), excluded)


def _keep_headline(doc: Document, cuts: list[Cut], limits: FinderThresholds, signals: Signals) -> list[Cut]:
    for headline in {_headline(doc), _stated_headline(doc, limits, signals)} - {None}:
        kept = []
        for cut in cuts:
            if cut.start <= headline < cut.end:
                kept += [c for c in (replace(cut, end=headline), replace(cut, start=headline + 1)) if c.start < c.end]
            else:
                kept.append(cut)
        cuts = kept
    return cuts


def _stated_headline(doc: Document, limits: FinderThresholds, signals: Signals) -> int | None:
    """The line of the first h1-h3 whose words are the headline the page
    states of itself (its <title>, og:title, JSON-LD headline or URL slug,
    signals.py): the headline of a page whose first h1 is the site's name,
    or whose headline is an h2."""
    if not signals.titles:
        return None
    for i, block in enumerate(doc.meta["blocks"]):
        line = doc.lines[i]
        if (
            block.tag in HEADLINE_TAGS
            and len(line) <= 300
            and signals.headline_match(words(line), limits.headline_match)
        ):
            return i
    return None


_WORD = re.compile(r"\w+")
HEADLINE_IN_TITLE = 0.6


def _headline(doc: Document) -> int | None:
    """The line of the page's first `h1` when it is the article's headline:
    it and the page's <title> ("Headline - Site") share most of the shorter
    one's words, and it is not the title's last part, where the site's name
    stands (an `h1` holding "I Geek" over a post titled "A post - I Geek" is
    branding, and the extractor decides it)."""
    h1 = next((i for i, block in enumerate(doc.meta["blocks"]) if block.tag == "h1" and doc.lines[i].strip()), None)
    found = TITLE.search(doc.meta["html"])
    if h1 is None or found is None:
        return None
    title = normalize(html.unescape(found.group(1)))
    words = set(_WORD.findall(doc.normalized[h1]))
    parts = [set(_WORD.findall(part)) for part in TITLE_SEPARATOR.split(title) if part.strip()]
    title_words = set(_WORD.findall(title))
    if not words or len(words & title_words) < HEADLINE_IN_TITLE * min(len(words), len(title_words)):
        return None  # (titles are often the headline cut short, or the headline with more)
    if len(parts) > 1 and len(words & parts[-1]) >= HEADLINE_IN_TITLE * len(words | parts[-1]):
        return None  # the site's name
    return h1


def _extractor_cuts(
    doc: Document, engine: str, excluded: frozenset[int], limits: FinderThresholds, signals: Callable[[], Signals]
) -> list[Cut]:
    page = doc.meta["html"]
    if engine == "trafilatura":
        return extraction_cuts(doc, trafilatura_text(page), "trafilatura")
    if engine == "readability":
        return extraction_cuts(doc, readability_text(page), "readability")
    article = find_article(doc.lines, doc.meta["blocks"], doc.meta["elements"], excluded, signals, limits)
    if article.untrusted:
        return _untrusted(doc, article, engine, limits)
    if engine == "stripper":
        return _article_cuts(doc, article)
    kept = sum(len(doc.lines[i]) + 1 for i in article.kept)
    visible = sum(len(line) + 1 for line in doc.lines)
    doubt = _doubt(kept, visible, article.runner_up, limits)
    if doubt is None:
        return _article_cuts(doc, article)
    trafilatura = trafilatura_text(page, fast=True)
    sizes = f"trafilatura {len(trafilatura):,} characters, stripper's article {kept:,} of the page's {visible:,}"
    if len(trafilatura) < limits.auto_ratio * kept:
        return _article_cuts(
            doc, article, f"; trafilatura, asked since {doubt}, kept less than {limits.auto_ratio:g}x as much: {sizes}"
        )
    cuts = extraction_cuts(
        doc,
        trafilatura,
        "trafilatura",
        f"picked over stripper's article ({doubt}), which was less than 1/{limits.auto_ratio:g} as long: {sizes}",
    )
    links = link_density(doc, cuts)
    if links > limits.extractor_link_density:
        return _article_cuts(
            doc,
            article,
            f"; trafilatura, asked since {doubt}, kept more ({sizes}) "
            f"but {links:.0%} of it link text, the page's menus",
        )
    hidden = hidden_share(doc, cuts, article)
    if kept and hidden > limits.extractor_hidden_share:
        return _article_cuts(
            doc, article, f"; trafilatura, asked since {doubt}, kept more ({sizes}) but {_hidden_note(hidden)}"
        )
    return cuts


def _untrusted(doc: Document, article: Article, engine: str, limits: FinderThresholds) -> list[Cut]:
    """No article the finder can trust: `auto` falls back to trafilatura
    (the best of the engines on such pages, docs/html.md), `stripper`
    keeps the finder's pick; both say so in doc.meta["no_article"]."""
    category, _, reason = article.untrusted.partition(": ")
    fallback = "trafilatura" if engine == "auto" else "stripper"
    doc.meta["no_article"] = {"category": category, "reason": reason, "fallback": fallback}
    if engine != "auto":
        return _article_cuts(doc, article, f"; no article to trust ({article.untrusted})")
    cuts = extraction_cuts(
        doc,
        trafilatura_text(doc.meta["html"]),
        "trafilatura",
        f"no article stripper's finder can trust ({article.untrusted}): trafilatura's extraction instead",
    )
    hidden = hidden_share(doc, cuts, article)
    if article.kept and hidden > limits.extractor_hidden_share:
        doc.meta["no_article"]["fallback"] = "stripper"
        return _article_cuts(
            doc, article, f"; no article to trust ({article.untrusted}), but trafilatura's text {_hidden_note(hidden)}"
        )
    return cuts


def hidden_share(doc: Document, cuts: list[Cut], article: Article) -> float:
    """The share of the text that `cuts` leave that the page's style hides
    and the finder did not keep (a slideshow's slides, a collapsed panel:
    trafilatura reads no style attribute, so it takes them as text)."""
    hidden = doc.meta["elements"].styled_hidden
    if not hidden:
        return 0.0
    hidden = frozenset(hidden)
    gone = removed_lines(cuts)
    chars = unseen = 0
    for i, (line, block) in enumerate(zip(doc.lines, doc.meta["blocks"])):
        if i not in gone:
            chars += len(line)
            if i not in article.kept and not hidden.isdisjoint(block.ids):
                unseen += len(line)
    return unseen / chars if chars else 0.0


def _hidden_note(share: float) -> str:
    return f"{share:.0%} of it is text the page's style hides: stripper's article stands"


def link_density(doc: Document, cuts: list[Cut]) -> float:
    """The share of link text in the lines that `cuts` leave."""
    gone = removed_lines(cuts)
    blocks = doc.meta["blocks"]
    chars = links = 0
    for i, line in enumerate(doc.lines):
        if i not in gone:
            chars += len(line)
            links += blocks[i].link_chars
    return links / chars if chars else 0.0


def _doubt(kept: int, visible: int, runner_up: float, limits: FinderThresholds) -> str | None:
    """Why the finder's article needs trafilatura's second opinion, or None."""
    if kept < limits.small_share * visible:
        return f"the article was under {limits.small_share:.0%} of the page"
    if kept < limits.split_share * visible and runner_up >= limits.split_runner_up:
        return (
            f"the article was under {limits.split_share:.0%} of the page and a part elsewhere scored "
            f"{runner_up:.0%} as well"
        )
    return None


def _article_cuts(doc: Document, article: Article, note: str = "") -> list[Cut]:
    """The lines that stripper's own article finder (readable.py) leaves
    out, each with its reason, as `html.readable` cuts."""
    return merge_runs(
        [
            Cut(i, i + 1, "html.readable", "boilerplate", article.why[i] + note, None, ORIGIN)
            for i in range(len(doc.lines))
            if i not in article.kept
        ]
    )


def trafilatura_text(page: str, fast: bool = False) -> str:
    """trafilatura's text, comments left out; `fast` skips its fallback
    extractors (readability and jusText inside trafilatura), half its time."""
    import trafilatura

    return trafilatura.extract(page, include_comments=False, fast=fast) or ""


def readability_text(page: str) -> str:
    """readability-lxml's article, as text with a line break after each block."""
    import lxml.html
    from readability import Document as ReadabilityDocument, readability as module

    # readability logs a traceback for a page it cannot read (an empty one);
    # here that page just has no readability text, and trafilatura decides
    log = logging.getLogger("readability.readability")
    was_disabled, log.disabled = log.disabled, True
    # Its HTML cleaner also rewrites every link to blank `javascript:` ones
    # and drops `on*` attributes: a quarter of its time, for nothing that
    # changes the text or its scores (links count by their text); and its
    # `clean`, run on the text of every node it scores, makes three regex
    # substitutions where most texts need none. Only stripper's own calls
    # take the shortcuts: the module's own are put back after.
    cleaner, text_clean = module.html_cleaner, module.clean
    module.html_cleaner, module.clean = _text_cleaner(cleaner), _clean_text
    try:
        summary = ReadabilityDocument(page).summary(html_partial=True)
        tree = lxml.html.fromstring(summary)
    except Exception:  # readability gives up on pages without a body ("Unparseable")
        return ""
    finally:
        log.disabled = was_disabled
        module.html_cleaner, module.clean = cleaner, text_clean
    return block_text(tree)


def block_text(tree) -> str:
    """The text of an lxml tree, with a line break after each block."""
    for element in tree.iter(
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "td", "th", "blockquote", "pre"
    ):
        element.tail = (element.tail or "") + "\n"
    return tree.text_content()


@lru_cache(maxsize=1)  # copied once: a copy takes half a millisecond
def _text_cleaner(cleaner):
    """readability's cleaner without its javascript pass."""
    text_only = copy.copy(cleaner)
    text_only.javascript = False
    return text_only


_LONG_SPACE = re.compile(r"\s{255,}")
_SPACED_BREAK = re.compile(r"\s*\n\s*")
_TAB_OR_SPACES = re.compile(r"\t|[ \t]{2,}")


def _clean_text(text: str) -> str:
    """readability's `clean(text)`, its three substitutions made only where
    they can match (a run of 255 white spaces needs 255 characters, the
    second pattern a line break, the third a tab or two spaces)."""
    if len(text) >= 255:
        text = _LONG_SPACE.sub(" " * 255, text)
    if "\n" in text:
        text = _SPACED_BREAK.sub("\n", text)
    if "\t" in text or "  " in text:
        text = _TAB_OR_SPACES.sub(" ", text)
    return text.strip()
