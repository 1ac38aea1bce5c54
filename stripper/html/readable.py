"""readability's article finder, on the lines and element table that
reader.py already made, so a page is parsed and walked once.

The algorithm is readability-lxml's (itself Arc90's Readability):
1. drop the elements whose class or id looks like furniture ("comment",
   "sidebar", ...) unless it also looks like content ("article", "main"),
   or names comments whole ("commentbody": stripper's), and what a style
   hides or `<noscript>` holds (a `blockquote` is never furniture: a
   quoted tweet's class says "tweet");
2. score every paragraph of 25+ characters (`p`, `pre`, `td`,
   `blockquote`, a `div` that holds no block, a run of text in a `div`
   that does): 1, plus its commas + 1, plus a point per 100 characters (3
   at most), added to its parent and half of it to its grandparent, whose
   scores start from their tag and their class and id words;
3. scale each scored element by (1 - its link density) and take the best,
   or, as Readability.js does, the ancestor of three close runners-up
   (stripper's own steps: a parent of many short blocks of prose scores
   their text; and between candidates, what the page says of itself,
   signals.py: the part under the page's headline over one under the next
   story's headline, a part that is not a list of teasers over one that
   is; a page with no article to trust says why);
4. the article is the best element, what readability merges into it (an
   `h2` before it, segments of its content class, a standfirst), and those
   of its siblings that scored at least a fifth as well, or read as prose;
5. inside it, drop headings, forms and containers that look like furniture
   (negative score, more links than text for their weight, too short, ...);
6. an article whose HTML would be under 250 characters is tried again
   without the furniture step.

What it leaves out, and why each line went, becomes cuts in engines.py.
Elements are numbered in document order, so an element's descendants are
the numbers from it to `last[it]`, and its lines one run of lines."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from .reader import BLOCK_TAGS, Block, Elements
from .signals import NO_SIGNALS, Signals, words
from .thresholds import FINDER, FinderThresholds

# readability-lxml's patterns, as they are there.
UNLIKELY = re.compile(
    r"combx|comment|community|disqus|extra|foot|header|menu|remark|rss|shoutbox|sidebar|"
    r"sponsor|ad-break|agegate|pagination|pager|popup|tweet|twitter",
    re.I,
)
MAYBE_CANDIDATE = re.compile(r"and|article|body|column|content|main|shadow", re.I)
POSITIVE = re.compile(r"article|body|content|entry|hentry|main|page|pagination|post|text|blog|story", re.I)
NEGATIVE = re.compile(
    r"combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|"
    r"related|scroll|shoutbox|sidebar|sponsor|shopping|tags|tool|widget",
    re.I,
)
# A class or id word that names a comment thread or one comment, whole
# ("comments", "commentbody", "comment-content"): readability's UNLIKELY
# finds "comment" in it, but MAYBE_CANDIDATE's "body" or "content" saves it,
# and a blog's comments then score as its article.
COMMENT_NAME = re.compile(
    r"^comments?(?:[-_]?(?:body|content|text|list|area|wrap|wrapper|container|thread|section))?$", re.I
)
EDITORIAL_LEAD = re.compile(r"(?:^|[\s_-])(?:subhead|story[\s_-]*lead|standfirst|dek|subtitle)(?:$|[\s_-])", re.I)
CALL_TO_ACTION = re.compile(r"^\s*(?:sign up|subscribe|download|get the latest)\b", re.I)
SENTENCE_END = re.compile(r"\.( |$)")

PARAGRAPH_TAGS = frozenset({"p", "pre", "td", "blockquote"})
# A div holding none of these (anywhere inside) is read as a paragraph.
PARAGRAPH_BLOCKERS = frozenset({"blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"})
CLEANED_TAGS = ("table", "ul", "div", "aside", "header", "footer", "section")
ROW_GROUPS = frozenset({"tbody", "thead", "tfoot"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
HEADLINE_TAGS = frozenset({"h1", "h2", "h3"})  # where a page's headline stands (h4-h6 label menus)
TAG_SCORES = {
    "div": 5,
    "article": 5,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    **dict.fromkeys(("address", "ol", "ul", "dl", "dd", "dt", "li", "form", "aside"), -3),
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6", "th", "header", "footer", "nav"), -5),
}
MIN_PARAGRAPH = 25  # characters: shorter paragraphs are not scored
RETRY_LENGTH = 250  # an article whose HTML is shorter is tried again, furniture kept
SIBLING_SHARE = 0.2  # siblings scoring this share of the best join it (at least 10)
RUNNER_UP_SHARE = 0.75  # runners-up this close to the best may share the article


# class and id words recur across a page and across pages: their verdicts are kept
@lru_cache(maxsize=8192)
def _unlikely(names: str) -> bool:
    """readability's test for furniture by "class id" (at least 2 characters)."""
    return len(names) >= 2 and bool(UNLIKELY.search(names)) and not MAYBE_CANDIDATE.search(names)


def _comments(names: str) -> bool:
    """Whether a word of "class id" names comments (COMMENT_NAME)."""
    return any(COMMENT_NAME.match(name) for name in names.split())


@lru_cache(maxsize=8192)
def _out_by_name(names: str) -> str | None:
    """Why step 1 leaves out an element of "class id" `names`, or None."""
    if _unlikely(names):
        return "looks like furniture"
    return "names comments" if "omment" in names and _comments(names) else None


@lru_cache(maxsize=8192)
def _weight(name: str) -> int:
    return 25 * (bool(POSITIVE.search(name)) - bool(NEGATIVE.search(name))) if name else 0


def _commas(line: str) -> int:
    """Commas, Arabic and CJK ones too (readability counts "," alone, which
    leaves Arabic, Chinese and Japanese prose scoring as if it had none)."""
    return line.count(",") + line.count("،") + line.count("，") + line.count("、")


PROSE_LONG = 80  # characters


def _reads_as_paragraph(chars: int, links: int, text: str) -> bool:
    """readability's test for a sibling paragraph that joins the article:
    long with under a quarter of it links, or short with no link and a
    sentence's end (`text` is read only when short)."""
    if chars > PROSE_LONG:
        return links < 0.25 * chars
    return links == 0 and bool(SENTENCE_END.search(text))


@dataclass(frozen=True)
class Article:
    """What the finder decided: the lines it kept, and for each line it left
    out, why."""

    kept: frozenset[int]
    why: dict[int, str]
    best: str  # the best element, described ("div#content.post")
    size: int  # about the length of its HTML, readability's measure
    runner_up: float = 0.0  # the best score elsewhere on the page, as a share of the best's
    # why no article on the page can be trusted ("<category>: <reason>"), or None
    untrusted: str | None = None


def find_article(
    lines: list[str],
    blocks: tuple[Block, ...],
    elements: Elements,
    excluded: frozenset[int] = frozenset(),
    signals: Signals | Callable[[], Signals] = NO_SIGNALS,
    limits: FinderThresholds = FINDER,
) -> Article:
    """The article among a page's lines (reader.py's lines, Blocks and
    Elements), the `excluded` lines left out of play (a site's drop
    selectors cut them); `signals` are what the page says of its headline
    (signals.py), or what makes them, called only on a page where they can
    decide. With no paragraph to score at all, the whole page, marked
    untrusted."""
    page = _Page(lines, blocks, elements, excluded, signals, limits)
    article = page.article(ruthless=True)
    if article is None or article.size < RETRY_LENGTH:
        article = page.article(ruthless=False) or article
    return article or Article(
        frozenset(range(len(lines))),
        {},
        "body",
        0,
        untrusted=f"no-article: no paragraph of {MIN_PARAGRAPH}+ characters on the page",
    )


class _LineSums:
    """Characters (each line's + 1), link characters and commas of the lines
    still in play, summed over any run of lines in logarithmic time, with
    lines taken out as the finder drops them (a Fenwick tree: nested tables
    500 deep over 3,000 lines took seconds when every element summed its
    own lines)."""

    def __init__(self, lines: list[str], blocks: tuple[Block, ...], gone):
        n = len(lines)
        self.values = [
            (0, 0, 0) if i in gone else (len(line) + 1, block.link_chars, _commas(line))
            for i, (line, block) in enumerate(zip(lines, blocks))
        ]
        chars, links, commas = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
        for i, (c, k, m) in enumerate(self.values, 1):  # the linear build
            chars[i] += c
            links[i] += k
            commas[i] += m
            up = i + (i & -i)
            if up <= n:
                chars[up] += chars[i]
                links[up] += links[i]
                commas[up] += commas[i]
        self.trees = chars, links, commas

    def take_out(self, i: int) -> None:
        values, self.values[i] = self.values[i], (0, 0, 0)
        chars, links, commas = self.trees
        k, n = i + 1, len(chars) - 1
        while k <= n:
            chars[k] -= values[0]
            links[k] -= values[1]
            commas[k] -= values[2]
            k += k & -k

    def _prefix(self, k: int) -> tuple[int, int, int]:
        chars, links, commas = self.trees
        c = t = m = 0
        while k > 0:
            c += chars[k]
            t += links[k]
            m += commas[k]
            k -= k & -k
        return c, t, m

    def between(self, first: int, last: int) -> tuple[int, int, int]:
        """The sums over lines first..last."""
        c1, l1, m1 = self._prefix(last + 1)
        c0, l0, m0 = self._prefix(first)
        return c1 - c0, l1 - l0, m1 - m0


class _Removed:
    """Subtrees out of the page's tree, as their top elements in order; none
    lies inside another, so the one that could hold an element is the last
    that starts before it (all lookups by bisection: a page can drop
    thousands)."""

    def __init__(self, last: list[int]):
        self.last = last
        self.tops: list[int] = []

    def add(self, e: int) -> None:
        if self.holds(e):
            return
        lo, hi = bisect_left(self.tops, e), bisect_right(self.tops, self.last[e])
        self.tops[lo:hi] = [e]  # what it holds goes with it

    def holds(self, e: int) -> bool:
        k = bisect_right(self.tops, e) - 1
        return k >= 0 and e <= self.last[self.tops[k]]

    def inside(self, e: int) -> list[int]:
        """The removed tops strictly inside `e`."""
        return self.tops[bisect_right(self.tops, e) : bisect_right(self.tops, self.last[e])]


class _Page:
    def __init__(
        self,
        lines: list[str],
        blocks: tuple[Block, ...],
        elements: Elements,
        excluded: frozenset[int] = frozenset(),
        signals: Signals | Callable[[], Signals] = NO_SIGNALS,
        limits: FinderThresholds = FINDER,
    ):
        self.lines, self.blocks, self.el, self.excluded = lines, blocks, elements, excluded
        self._signals, self.limits = signals, limits
        self.note = ""  # the choice step's reason, added to the reasons of lines left out
        self.placed = False  # whether the page's headline moved the choice
        tags, parents = elements.tags, elements.parents
        n = len(tags)
        last = list(range(n))  # each element's last descendant
        for e in range(n - 1, 0, -1):
            if last[e] > last[parents[e]]:
                last[parents[e]] = last[e]
        self.last = last
        self.at: dict[str, list[int]] = {}  # tag -> its elements, in order
        for e, tag in enumerate(tags):
            self.at.setdefault(tag, []).append(e)
        first_line = [-1] * n
        last_line = [-1] * n
        self.home = []  # each line's innermost block element
        # a line's ids are a chain of parents: its innermost element gets the
        # line, and each element passes its first and last lines up to its
        # parent (children are numbered after their parents)
        for i, block in enumerate(blocks):
            ids = block.ids
            if ids:
                e = ids[-1]
                if first_line[e] < 0:
                    first_line[e] = i
                last_line[e] = i
            self.home.append(next((e for e in reversed(ids) if tags[e] in BLOCK_TAGS), 0))
        for e in range(n - 1, 0, -1):
            if first_line[e] >= 0:
                p = parents[e]
                if first_line[p] < 0 or first_line[e] < first_line[p]:
                    first_line[p] = first_line[e]
                if last_line[e] > last_line[p]:
                    last_line[p] = last_line[e]
        if lines:  # the root spans every line
            first_line[0], last_line[0] = 0, len(lines) - 1
        else:
            first_line[0] = last_line[0] = -1
        self.first_line, self.last_line = first_line, last_line
        # a div with no block inside reads as a paragraph (readability makes it a <p>)
        blockers = sorted(e for tag in PARAGRAPH_BLOCKERS for e in self.at.get(tag, ()))
        self.div_paragraph = {
            e for e in self.at.get("div", ()) if bisect_right(blockers, last[e]) == bisect_right(blockers, e)
        }
        self.paragraphs = sorted([*(e for tag in PARAGRAPH_TAGS for e in self.at.get(tag, ())), *self.div_paragraph])
        self.p_like = sorted([*self.at.get("p", ()), *self.div_paragraph])
        # elements out of the tree: hidden, and what a pass of the finder dropped
        self.removed = _Removed(last)

    @property
    def signals(self) -> Signals:
        if not isinstance(self._signals, Signals):
            self._signals = self._signals()
        return self._signals

    # --- measures over the lines still in play -------------------------------
    def _line_range(self, e: int) -> range:
        return range(self.first_line[e], self.last_line[e] + 1) if self.first_line[e] >= 0 else range(0)

    def text(self, e: int) -> tuple[int, int, int]:
        """Characters, link characters and commas of element `e`'s lines
        still in play."""
        if self.first_line[e] < 0:
            return 0, 0, 0
        chars, links, commas = self.sums.between(self.first_line[e], self.last_line[e])
        return max(chars - 1, 0), links, commas

    def length(self, kept) -> int:
        return sum(len(self.lines[i]) + 1 for i in kept)

    def count(self, tag_list: list[int], e: int) -> int:
        """How many of `tag_list`'s elements lie inside `e` (not `e` itself)."""
        return bisect_right(tag_list, self.last[e]) - bisect_right(tag_list, e)

    def count_present(self, tag_list: list[int], e: int) -> int:
        """The same, leaving out what was removed from the tree."""
        n = self.count(tag_list, e)
        for r in self.removed.inside(e):
            n -= self.count(tag_list, r) + (bisect_right(tag_list, r) - bisect_left(tag_list, r))
        return n

    def inside(self, e: int, ancestor: int) -> bool:
        return ancestor < e <= self.last[ancestor]

    def weight(self, e: int) -> int:
        """readability's class weight: +-25 for the class, +-25 for the id."""
        return _weight(self.el.classes[e]) + _weight(self.el.idents[e])

    def describe(self, e: int) -> str:
        ident, classes = self.el.idents[e], self.el.classes[e].split()
        return self.el.tags[e] + (f"#{ident}" if ident else "") + "".join(f".{c}" for c in classes[:2])

    # --- the steps ------------------------------------------------------------
    def unlikely(self) -> tuple[set[int], dict[int, str]]:
        """Step 1: the lines inside elements that look like furniture."""
        gone: set[int] = set()
        why: dict[int, str] = {}
        tags, classes, idents = self.el.tags, self.el.classes, self.el.idents
        protected = sorted(e for tag in ("main", "article", "math") for e in self.at.get(tag, ()))
        e, n = 1, len(tags)
        while e < n:
            if (
                (classes[e] or idents[e])
                and (verdict := _out_by_name(f"{classes[e]} {idents[e]}"))
                and tags[e] not in ("html", "body", "blockquote")
                and bisect_right(protected, self.last[e]) == bisect_left(protected, e)
                and not any(tags[a] in ("pre", "code") for a in (e, *self.ancestors(e)))
            ):
                self.removed.add(e)
                reason = f"inside {self.describe(e)}, whose class or id {verdict}"
                for i in self._line_range(e):
                    if i not in gone:
                        gone.add(i)
                        why[i] = reason
                e = self.last[e] + 1
                continue
            e += 1
        return gone, why

    def hidden(self) -> tuple[set[int], dict[int, str]]:
        """The lines inside elements that a style attribute hides, inside
        `<noscript>` (reader.py reads it for the other engines; readability
        drops it, and it holds ads and tracking more often than articles),
        and the lines excluded from play. The hidden elements leave the tree."""
        gone: set[int] = set()
        why: dict[int, str] = {}
        for e in sorted([*self.el.styled_hidden, *self.at.get("noscript", ())]):
            self.removed.add(e)
            for i in self._line_range(e):
                gone.add(i)
                why.setdefault(
                    i,
                    f"inside {self.describe(e)}, which "
                    + ("shows only where scripts are off" if self.el.tags[e] == "noscript" else "its style hides"),
                )
        for i in self.el.noscript_lines:
            gone.add(i)
            why.setdefault(i, "inside <noscript>, which shows only where scripts are off")
        for i in self.excluded:
            gone.add(i)
            why.setdefault(i, "cut by the site's selectors")
        return gone, why

    def article(self, ruthless: bool) -> Article | None:
        """One pass of the finder; `ruthless` drops what looks like furniture
        first (step 1). None when no paragraph scored."""
        self.removed = _Removed(self.last)
        gone, why = self.hidden()
        if ruthless:
            unlikely, because = self.unlikely()
            gone |= unlikely
            why = {**because, **why}
        self.sums = _LineSums(self.lines, self.blocks, gone)
        scores = self.score(gone)
        if not scores:
            return None
        best, untrusted = self.choose(self.best(scores, gone), scores, gone)
        best = self.semantic_main(best, scores, gone)
        members, kept = self.gather(best, scores, gone)
        article = self.sanitize(best, members, kept, scores, gone, why)
        # a part elsewhere that scored as well is no doubt when the page's
        # headline placed the article away from it
        runner_up = 0.0 if self.placed else self.runner_up(best, scores)
        return replace(article, runner_up=runner_up, untrusted=untrusted)

    def runner_up(self, best: int, scores) -> float:
        """The best score of an element neither inside the best one nor
        holding it, as a share of the best's: near 1, the page has a second
        article-like part (the story split in two, or a wrong pick)."""
        if scores[best] <= 0:
            return 0.0
        elsewhere = [
            score for e, score in scores.items() if e != best and not self.inside(e, best) and not self.inside(best, e)
        ]
        return max(elsewhere, default=0.0) / scores[best]

    def score(self, gone) -> dict[int, float]:
        """Steps 2 and 3: each scored element's score."""
        tags, parents = self.el.tags, self.el.parents
        scores: dict[int, float] = {}

        def add(e: int, points: float):
            if e not in scores:
                scores[e] = self.weight(e) + TAG_SCORES.get(tags[e], 0)
            scores[e] += points

        def paragraph(parent: int, chars: int, commas: int):
            if chars < MIN_PARAGRAPH:
                return
            points = 1 + commas + 1 + min(chars / 100, 3)
            add(parent, points)
            if parent:  # the root has no parent
                add(parents[parent], points / 2)

        short: dict[int, list[int]] = {}  # parent -> [blocks, characters, commas] of short prose
        for e in self.paragraphs:
            chars, links, commas = self.text(e)
            paragraph(parents[e], chars, commas)
            if 0 < chars < MIN_PARAGRAPH and links * 2 < chars and tags[e] != "td":
                run = short.setdefault(parents[e], [0, 0, 0])
                run[0] += 1
                run[1] += chars - links
                run[2] += commas
        self._short_runs(short, paragraph)
        # runs of text in a div that holds blocks: each a paragraph of its own
        for i, home in enumerate(self.home):
            if i not in gone and tags[home] == "div" and home not in self.div_paragraph:
                paragraph(home, len(self.lines[i]), _commas(self.lines[i]))
        for e in scores:
            chars, links, _ = self.text(e)
            scores[e] *= 1 - links / max(chars, 1)
        return scores

    def _short_runs(self, short: dict[int, list[int]], paragraph) -> None:
        """An article split into short blocks (a line or a sentence each,
        none of readability's 25 characters): a parent holding many of
        them, of little link text, scores their text as paragraphs."""
        size = self.limits.short_run_chars
        for parent, (blocks, chars, commas) in short.items():
            if blocks >= self.limits.short_run_blocks and chars >= size:
                pieces = chars // size
                for _ in range(pieces):
                    paragraph(parent, size, commas / pieces)

    def best(self, scores: dict[int, float], gone) -> int:
        """Step 3's pick: the top score; before it, an `itemprop=articleBody`
        element of few links; inside it, an `article` of a quarter its score;
        for a `tbody`, `thead` or `tfoot`, its table."""
        ranked = sorted(scores, key=lambda e: -scores[e])
        best = ranked[0]
        body = [e for e in ranked if "articleBody" in self.el.itemprops[e].split() and self._density(e) <= 0.1]
        if body:
            best = body[0]
        nested = [
            e
            for e in ranked
            if self.el.tags[e] == "article"
            and self.inside(e, best)
            and self.text(e)[0] >= 250
            and scores[e] >= scores[best] * 0.25
        ]
        if nested:
            best = nested[0]
        best = self.climb(best, ranked, scores)
        # a table's row group (td's grandparent, so often the top score)
        # stands for its table, whose siblings then join as step 4 says
        while self.el.tags[best] in ROW_GROUPS and best:
            table = self.el.parents[best]
            scores[table] = max(scores.get(table, float("-inf")), scores[best])
            best = table
        return best

    def climb(self, best: int, ranked: list[int], scores) -> int:
        """Readability.js's step up from the best element, which
        readability-lxml lacks: when three of the five runners-up score at
        least 3/4 of the best, the article is split into scored parts, and
        their nearest common ancestor below `body` that holds three of them
        is the article. (Its other two steps, up while the parent scores
        higher and up while the best is an only child, lost on the bench.)"""
        tags, parents = self.el.tags, self.el.parents
        runners = [e for e in ranked[:6] if e != best and scores[e] >= RUNNER_UP_SHARE * scores[best]][:5]
        if len(runners) < 3:
            return best
        e = parents[best]
        while e and tags[e] != "body":
            if sum(self.inside(r, e) for r in runners) >= 3:
                scores.setdefault(e, self.weight(e) + TAG_SCORES.get(tags[e], 0))
                return e
            e = parents[e]
        return best

    # --- the choice between candidate articles (what the page says of itself) --
    def choose(self, best: int, scores, gone) -> tuple[int, str | None]:
        """The best element, or another candidate that the page's own
        signals (signals.py) point at: the part under the page's headline
        over a part under another headline (the next story of an endless
        page), a part that is not a list of teasers over one that is. A move
        is named in `self.note`, which the lines left out carry. Also why
        the article cannot be trusted ("<category>: <reason>"), or None."""
        self.note = ""
        anchor = self.headline_line() if self._headlines_before(best) else None
        placed = self._under_headline(best, anchor, scores) if anchor is not None else best
        self.placed = placed != best
        best = placed
        teasers = self._teaser_shape(best)
        if teasers:
            other = self._not_teasers(best, scores)
            if other is None:
                return best, f"teasers: the best part of the page, {self.describe(best)}, is {teasers}"
            self._say(f"{self.describe(best)} is {teasers}; {self.describe(other)} is not")
            best = other
        if scores[best] < self.limits.min_score:
            return best, (
                f"weak: the best part of the page, {self.describe(best)}, scores "
                f"{scores[best]:.1f}, under {self.limits.min_score:g}"
            )
        return best, None

    def _headlines_before(self, best: int) -> bool:
        """Whether the page's headline and the next one can both stand
        before the best element (two h1-h3 before it, or one and two
        `article` elements): else the headline cannot move the choice, and
        the page's signals are not read."""
        first = self.first_line[best]
        heads = 0
        for i in range(max(first, 0)):
            if self.blocks[i].tag in HEADLINE_TAGS:
                heads += 1
                if heads >= 2 or len(self.at.get("article", ())) >= 2:
                    return True
        return False

    def _say(self, note: str) -> None:
        self.note = f"{self.note}; {note}" if self.note else note

    def headline_line(self) -> int | None:
        """The line of the page's headline: the first h1-h3 whose words
        are the page's title, og:title, JSON-LD headline or URL slug; else
        the first paragraph that holds the page's description (its lead)."""
        signals, share = self.signals, self.limits.headline_match
        if signals.titles:
            for i, block in enumerate(self.blocks):
                if (
                    block.tag in HEADLINE_TAGS
                    and len(self.lines[i]) <= 300
                    and signals.headline_match(words(self.lines[i]), share)
                ):
                    return i
        description = signals.description
        if len(description) >= 5:
            for i, line in enumerate(self.lines):
                if len(line) >= 40 and len(words(line) & description) >= 0.8 * len(description):
                    return i
        return None

    def _next_headline(self, anchor: int) -> int | None:
        """Where the page's article ends at the latest: the next heading of
        the headline's rank or above that is not the page's title, or the
        next `article` element after the one holding the headline."""
        tag = self.blocks[anchor].tag
        rank = int(tag[1]) if self.blocks[anchor].heading else 2
        end = None
        for i in range(anchor + 1, len(self.lines)):
            block = self.blocks[i]
            if (
                block.heading
                and int(block.tag[1]) <= rank
                and sum(map(str.isalpha, self.lines[i])) >= 20
                and not self.signals.headline_match(words(self.lines[i]), self.limits.headline_match)
            ):
                end = i
                break
        holder = next((e for e in reversed(self.blocks[anchor].ids) if self.el.tags[e] == "article"), None)
        if holder is not None:
            following = self.at["article"][bisect_right(self.at["article"], self.last[holder]) :]
            nxt = next((self.first_line[e] for e in following if self.first_line[e] > anchor), None)
            if nxt is not None and (end is None or nxt < end):
                end = nxt
        return end

    def _under_headline(self, best: int, anchor: int, scores) -> int:
        """A best element that follows the next headline gives way to the
        best candidate between the page's headline and that one, when it
        scores `region_share` of the best. (One that holds the next
        headline is left alone: an article's subheadings are headings too.)"""
        end = self._next_headline(anchor)
        if end is None or self.first_line[best] < end:
            return best
        floor = self.limits.region_share * scores[best]
        region = [
            e
            for e, score in scores.items()
            if score >= floor
            and score > 0
            and self.first_line[e] >= 0
            and anchor < self.last_line[e] < end
            and self.first_line[e] <= end
        ]
        if not region:
            return best
        chosen = max(region, key=lambda e: scores[e])
        self._say(
            f"{self.describe(chosen)} stands under the page's headline (line {anchor + 1}), "
            f"{self.describe(best)} under another headline (line {end + 1}: {self.lines[end][:60]!r})"
        )
        return chosen

    def _teaser_shape(self, e: int) -> str | None:
        """Whether `e` (or its parent) is a list of teasers: most of its
        children, and at least `teaser_cards`, short blocks each with a link
        and an image."""
        holder = self._teasers_around(e)
        if holder is None:
            return None
        return f"a list of {self._cards(holder)} teasers (short blocks, each with a link and an image)"

    def _teasers_around(self, e: int) -> int | None:
        """`e`, or its parent when `e` is short enough to be one teaser,
        whichever is a list of teasers, or None."""
        one = self.text(e)[0] < self.limits.teaser_chars
        for container in (e, self.el.parents[e]) if one else (e,):
            if container and self.el.tags[container] not in ("body", "html") and self._cards(container):
                return container
        return None

    def _cards(self, container: int) -> int:
        """How many teasers `container` lists (0 unless it is a list of them)."""
        tags, limits = self.el.tags, self.limits
        if self.count(self.at.get("img", []), container) < limits.teaser_cards:
            return 0
        kids = [c for c in self.children(container) if self.text(c)[0] > 0]
        if len(kids) == 1:
            kids = [c for c in self.children(kids[0]) if self.text(c)[0] > 0]
        cards = 0
        for c in kids:
            link = tags[c] == "a" or self.count(self.at.get("a", []), c) > 0
            image = tags[c] == "img" or self.count(self.at.get("img", []), c) > 0
            chars, links, _ = self.text(c)
            cards += (
                link
                and image
                and chars < limits.teaser_chars
                and links >= max(limits.teaser_link_share * chars, limits.teaser_link_chars)
            )
        return cards if cards >= limits.teaser_cards and cards >= limits.teaser_share * len(kids) else 0

    def _not_teasers(self, best: int, scores) -> int | None:
        """The best candidate that is neither the teasers nor inside or
        around them, scoring `teaser_other_share` of them."""
        floor = self.limits.teaser_other_share * scores[best]
        teasers = self._teasers_around(best)
        for e in sorted(scores, key=lambda e: -scores[e]):
            if scores[e] < floor:
                return None
            if e == teasers or self.inside(e, teasers) or self.inside(teasers, e):
                continue
            if self._teasers_around(e) is None:
                return e
        return None

    def _density(self, e: int) -> float:
        chars, links, _ = self.text(e)
        return links / max(chars, 1)

    def children(self, parent: int):
        e = parent + 1
        while e <= self.last[parent]:
            yield e
            e = self.last[e] + 1

    def gather(self, best: int, scores, gone) -> tuple[list[int], set[int]]:
        """Step 4: the best element and the siblings that join it, and their
        lines."""
        threshold = max(10.0, scores[best] * SIBLING_SHARE)
        parent = self.el.parents[best]
        siblings = list(self.children(parent)) if best else []
        self._heading_preamble(best, siblings, scores, threshold, gone)
        members = [best, *self._segments(best, scores, threshold, gone), *self._editorial_leads(best, gone)]
        for sibling in siblings:
            if sibling == best or sibling in members:
                continue
            if scores.get(sibling, float("-inf")) >= threshold or (
                sibling in self.p_like and self._prose(sibling, gone)
            ):
                members.append(sibling)
        kept = {i for e in members for i in self._line_range(e) if i not in gone}
        # runs of text directly in a div parent are paragraphs too
        if self.el.tags[parent] == "div" and parent not in self.div_paragraph:
            for i in self._line_range(parent):
                if self.home[i] == parent and i not in gone and self._prose_line(i):
                    kept.add(i)
        return members, kept

    def semantic_main(self, best: int, scores, gone) -> int:
        """readability's step to a `main` element that holds far more text
        than the best one, when no `article` holds the best."""
        tags = self.el.tags
        if any(tags[e] == "article" for e in (best, *self.ancestors(best))):
            return best
        main = next((e for e in self.ancestors(best) if tags[e] == "main"), None)
        if main is None or self.text(main)[0] < max(500, 2 * self.text(best)[0]):
            return best
        if self._density(main) > 0.15:
            return best
        scores[main] = self.weight(main) + TAG_SCORES.get("main", 0)
        return main

    def ancestors(self, e: int):
        parents = self.el.parents
        while e:
            e = parents[e]
            yield e

    def _heading_preamble(self, best: int, siblings: list[int], scores, threshold: float, gone):
        """An `h2` (or what holds one) just before the best element joins it."""
        k = siblings.index(best) if best in siblings else 0
        if k == 0:
            return
        previous = siblings[k - 1]
        if previous in scores:
            return
        if self.el.tags[previous] != "h2" and not self.count(self.at.get("h2", []), previous):
            return
        chars, links, _ = self.text(previous)
        if chars < MIN_PARAGRAPH or links / max(chars, 1) > 0.2:
            return
        scores[previous] = threshold

    def _frame(self, best: int) -> int | None:
        """The nearest `article` or `main` holding the best element."""
        return next((e for e in self.ancestors(best) if self.el.tags[e] in ("article", "main")), None)

    def _classes(self, e: int) -> set[str]:
        return set(self.el.classes[e].split())

    def _segments(self, best: int, scores, threshold: float, gone) -> list[int]:
        """readability's merge of article segments: elements elsewhere in the
        article's frame with the best one's tag and content class (a story
        split into several `div.content` by ads or steps)."""
        tags, parents = self.el.tags, self.el.parents
        best_classes = self._classes(best)
        content_classes = {name for name in best_classes if POSITIVE.search(name)}
        frame = self._frame(best)
        neutral = (
            not content_classes
            and tags[best] != "article"
            and bool(best_classes)
            and frame is not None
            and tags[frame] == "article"
        )
        segment_threshold = max(10.0, scores[best] * 0.05) if neutral else threshold
        if not content_classes and tags[best] != "article" and not neutral:
            return []
        best_parent = parents[best]
        parent_classes = self._classes(best_parent)

        def matching(e: int) -> bool:
            if e == best or e not in scores:
                return False
            classless_article = not content_classes and tags[e] == "article"
            if scores[e] < segment_threshold and not classless_article:
                return False
            if parents[e] == best_parent or tags[e] != tags[best]:
                return False
            if content_classes and not content_classes & self._classes(e):
                return False
            if neutral and self._classes(e) != best_classes:
                return False
            if classless_article and not parent_classes & self._classes(parents[e]):
                return False
            if self._density(e) > 0.2:
                return False
            return not self.inside(best, e) and not self.inside(e, best)

        if frame is None:
            frame = next(
                (
                    a
                    for a in self.ancestors(best)
                    if POSITIVE.search(f"{self.el.classes[a]} {self.el.idents[a]}")
                    and any(matching(c) and self.inside(c, a) for c in scores)
                ),
                None,
            )
        if frame is None:
            return []
        selected: list[int] = []
        for e in range(frame, self.last[frame] + 1):
            if e != best and matching(e) and not any(self.inside(e, s) for s in selected):
                selected.append(e)
        return selected

    def _editorial_leads(self, best: int, gone) -> list[int]:
        """A standfirst or subtitle before the best element, in its frame."""
        frame = self._frame(best)
        if frame is None:
            return []
        ancestors = set(self.ancestors(best))
        leads: list[int] = []
        for e in range(frame, best):
            if e in ancestors:
                continue
            if not EDITORIAL_LEAD.search(f"{self.el.classes[e]} {self.el.idents[e]}"):
                continue
            if self._density(e) > 0.2 or any(self.inside(e, lead) for lead in leads):
                continue
            leads.append(e)
        return leads

    def _prose(self, e: int, gone) -> bool:
        chars, links, _ = self.text(e)
        short = chars <= PROSE_LONG
        return _reads_as_paragraph(
            chars, links, " ".join(self.lines[i] for i in self._line_range(e) if i not in gone) if short else ""
        )

    def _prose_line(self, i: int) -> bool:
        return _reads_as_paragraph(len(self.lines[i]), self.blocks[i].link_chars, self.lines[i])

    def sanitize(self, best: int, members: list[int], kept: set[int], scores, gone, why) -> Article:
        """Step 5: headings, forms and furniture inside the article go."""
        dropped = set(gone)
        reasons = dict(why)

        def drop(e: int, reason: str):
            self.removed.add(e)
            for i in self._line_range(e):
                if i in kept and i not in dropped:
                    dropped.add(i)
                    self.sums.take_out(i)
                    reasons[i] = f"{self.describe(e)} inside the article: {reason}"

        spans = sorted((m, self.last[m]) for m in members)

        def in_article(e: int) -> bool:  # the members and what they hold, still there
            return any(m <= e <= end for m, end in spans) and not self.removed.holds(e)

        for tag in HEADINGS:
            for e in self.at.get(tag, ()):
                if in_article(e) and (self.weight(e) < 0 or self._density(e) > 0.33):
                    drop(e, "a heading whose class looks like furniture or that is mostly links")
        for e in self.at.get("p", ()):
            if in_article(e) and self._density(e) > 0.2:
                text = " ".join(self.lines[i] for i in self._line_range(e))
                if CALL_TO_ACTION.search(text):
                    drop(e, "a call to sign up or subscribe")
        for e in self.at.get("form", ()):
            if in_article(e):
                drop(e, "a form")
        for tag in CLEANED_TAGS:
            for e in reversed(self.at.get(tag, ())):
                if tag == "div" and e in self.div_paragraph or not in_article(e):
                    continue
                reason = self._furniture(e, scores, dropped)
                if reason:
                    drop(e, reason)
        final = frozenset(i for i in kept if i not in dropped)
        best_name = self.describe(best)
        outside = f"outside the article ({best_name} and the siblings that join it)" + (
            f"; {self.note}" if self.note else ""
        )
        for i in range(len(self.lines)):
            if i not in final and i not in reasons:
                reasons[i] = outside
        return Article(final, reasons, best_name, self.length(final) + self._markup(members))

    def _markup(self, members: list[int]) -> int:
        """About how many characters the members' tags take in HTML."""
        tags, classes, idents, last = self.el.tags, self.el.classes, self.el.idents, self.last
        removed_tops = set(self.removed.tops)
        size = 0
        for m in members:
            e = m
            while e <= last[m]:
                if e in removed_tops:
                    e = last[e] + 1
                    continue
                size += (
                    2 * len(tags[e])
                    + 5
                    + (len(classes[e]) + 9 if classes[e] else 0)
                    + (len(idents[e]) + 6 if idents[e] else 0)
                )
                e += 1
        return size

    def _furniture(self, e: int, scores, dropped) -> str | None:
        """readability's conditional cleaning of a container: why it goes."""
        weight = self.weight(e)
        score = scores.get(e, 0)
        if weight + score < 0:
            return f"its class weight and score add up below 0 ({weight + score:.1f})"
        chars, links, commas = self.text(e)
        if commas >= 10:
            return None
        p = self.count_present(self.p_like, e) + sum(
            1
            for i in self._line_range(e)
            if i not in dropped and self.el.tags[self.home[i]] == "div" and self.home[i] not in self.div_paragraph
        )
        img = self.count_present(self.at.get("img", []), e)
        li = self.count_present(self.at.get("li", []), e) - 100
        inputs = self.count_present(self.at.get("input", []), e)
        embeds = self.count_present(self.at.get("embed", []), e)
        density = links / max(chars, 1)
        tag = self.el.tags[e]
        if p and img > 1 + p * 1.3:
            return f"more images ({img}) than paragraphs can carry"
        if li > p and tag not in ("ol", "ul"):
            return "more list items than paragraphs"
        if inputs > p / 3:
            return "more form fields than a third of its paragraphs"
        if chars < MIN_PARAGRAPH and img == 0:
            return f"too short ({chars} characters) and no image"
        if chars < MIN_PARAGRAPH and img > 2:
            return f"too short ({chars} characters) for {img} images"
        bound = 0.25 if tag in ("ul", "section") and self._in_semantic(e) else 0.2
        if weight < 25 and density > bound:
            return f"link density {density:.2f} over {bound} for its class weight {weight}"
        if weight >= 25 and density > 0.5:
            return f"link density {density:.2f} over 0.5"
        if (embeds == 1 and chars < 75) or embeds > 1:
            return "embeds with little text"
        return None

    def _in_semantic(self, e: int) -> bool:
        return any(self.el.tags[a] in ("main", "article") for a in self.ancestors(e))
