"""The generic line classifier: named steps over one record of the lines.

docs/generic.md is the spec; the steps run in its order:

1. second_article   a second article after a read-also insertion goes whole
2. first_labels     features of each line alone, and its first label
3. revised_labels   short and near lines take their neighbours' label
   dated_lists      a ticker of dated teasers is no place for the body
   teaser_lists     nor is a box of bulleted headlines over their teasers
   code_blocks      an article's code costs nothing there, and stays
4. the body         find_body, then the steps that move its edges (body.py)
5. the cuts         before the body, after it, in a comment thread, inside
                    it; the headline and the items of an announced list stay;
                    the other headlines of a read-also box go

Every step returns Decisions; `explain` shows for every line the step that
decided it and why, and which step set the body's edges. All numbers are in
`Thresholds`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

try:  # Cython compiles this module (stripper/_native.py); classifier.pxd types Lines and LineFeatures
    import cython
except ImportError:  # run as plain Python, Cython absent
    from .. import _cython_shim as cython  # type: ignore[no-redef]

from ..assemble import cut_line_text, inline_spans
from ..model import Cut, Document
from .body import (
    BODY_STEPS,
    code_blocks,
    cut_inside,
    dated_lists,
    insertion_boxes,
    next_section,
    search_value,
    teaser_lists,
    wrapped_pieces,
)
from .cues import BYLINE, blank
from .features import LineFeatures, line_features
from .labels import (
    arabic_title,
    bad_by_shape,
    category,
    content_words,
    first_label,
    headline_like,
    markup,
    nearest_anchors,
    revised_labels as revise,
    why,
)
from .language import stopwords
from .lines import RULE_PREFIX, Decision, Lines, decision
from .second_article import second_article as find_second_article
from .thresholds import DEFAULT, Thresholds


class LineVerdict(NamedTuple):  # one a line: what `explain` shows
    index: int
    features: LineFeatures | None  # None for blank lines and lines the rules decided
    first: str  # good | near | short | bad | blank | second-article
    revised: str
    keep: bool
    rule_id: str | None  # the decision that cut it
    category: str | None
    reason: str
    score: float = 0.0  # the line's value in the search for the body
    step: str | None = None  # the step that decided it


# The rule ids of the classifier's cuts (made once: the line steps take
# every line).
SECOND_ARTICLE_ID = f"{RULE_PREFIX}.second-article"
BEFORE_BODY_ID = f"{RULE_PREFIX}.before-body"
COMMENTS_ID = f"{RULE_PREFIX}.comments"
TAIL_ID = f"{RULE_PREFIX}.tail"
INSIDE_ID = f"{RULE_PREFIX}.inside"


@cython.locals(
    lines=Lines, d=Decision, first=Decision, i=cython.Py_ssize_t, start=cython.Py_ssize_t, end=cython.Py_ssize_t
)
def classify(
    doc: Document,
    decided: frozenset[int] = frozenset(),
    language: str = "en",
    rule_cuts: Sequence[Cut] = (),
    cache: dict | None = None,
    *,
    thresholds: Thresholds = DEFAULT,
    held_tails: Sequence[tuple[int, str]] = (),
) -> list[Cut]:
    """Cuts for the lines no rule decided (whole lines; runs merged).
    `held_tails` are the tail markers the rules held back (line, rule id)."""
    if _lone_line(doc, decided, rule_cuts, held_tails):
        return []
    lines = run_steps(doc, decided, language, rule_cuts, cache, thresholds, held_tails)
    cuts: list[Cut] = []
    first: Decision | None = None  # the decision of the run of cut lines going on: one Cut a run
    start = end = 0  # the run's lines
    for i in range(len(lines)):
        d = line_decision(lines, i)
        if d is None or d.keep or d.rule_id is None:
            continue
        if first is not None and end == i and first.rule_id == d.rule_id and first.category == d.category:
            end = i + 1
            continue
        if first is not None:
            cuts.append(_run_cut(first, start, end))
        first, start, end = d, i, i + 1
    if first is not None:
        cuts.append(_run_cut(first, start, end))
    return cuts


@cython.locals(i=cython.Py_ssize_t, seen=cython.Py_ssize_t)
def _lone_line(
    doc: Document, decided: frozenset[int], rule_cuts: Sequence[Cut], held_tails: Sequence[tuple[int, str]]
) -> bool:
    """Whether at most one line is left to judge (not blank, not decided),
    and the rules cut no whole line (an insertion may open a second
    article) and held no tail marker back: then the steps have nothing to
    weigh the line against, and keep it (a body of its own, or no body
    found: nothing cut). Most documents of a one-paragraph corpus (a URL
    header and the article on one line) are so, and skip the steps; the
    steps are asked all the same by `explain`, and
    tests/test_generic_steps.py holds them to keeping every such line."""
    if held_tails or any(cut.span is None for cut in rule_cuts):
        return False
    seen = 0
    for i, line in enumerate(doc.lines):
        if i not in decided and not blank(line):
            seen += 1
            if seen > 1:
                return False
    return True


@cython.locals(first=Decision)
def _run_cut(first: Decision, start: int, end: int) -> Cut:
    """The Cut of a run of lines, said as its first line's decision."""
    return Cut(start, end, first.rule_id, first.category, first.why, None, "stripper/generic")


def explain_lines(
    doc: Document,
    decided: frozenset[int] = frozenset(),
    language: str = "en",
    rule_cuts: Sequence[Cut] = (),
    cache: dict | None = None,
    *,
    thresholds: Thresholds = DEFAULT,
    held_tails: Sequence[tuple[int, str]] = (),
) -> list[LineVerdict]:
    """Every line's features, labels and the step that decided it."""
    return list(verdicts(doc, decided, language, rule_cuts, cache, thresholds=thresholds, held_tails=held_tails))


def verdicts(
    doc: Document,
    decided: frozenset[int] = frozenset(),
    language: str = "en",
    rule_cuts: Sequence[Cut] = (),
    cache: dict | None = None,
    *,
    thresholds: Thresholds = DEFAULT,
    held_tails: Sequence[tuple[int, str]] = (),
) -> Iterator[LineVerdict]:
    """Run the steps, then read each line's verdict, line by line (a
    million-line dump need not hold a million verdicts). `decided` lines
    (cut by rules, or protected) are left alone; `rule_cuts` are the rules'
    cuts, read for the insertions that may open a second article, and
    `held_tails` the tail markers they held back. `cache` keeps features by
    line text between calls with one language."""
    lines = run_steps(doc, decided, language, rule_cuts, cache, thresholds, held_tails)
    return (_verdict(lines, i) for i in range(len(lines)))


@cython.locals(lines=Lines, t=Thresholds)
def run_steps(
    doc: Document,
    decided: frozenset[int],
    language: str,
    rule_cuts: Sequence[Cut],
    cache: dict | None,
    t: Thresholds,
    held_tails: Sequence[tuple[int, str]] = (),
) -> Lines:
    """The record of the document's lines after every step, its trace
    filled: the body's moves and the decisions on a few lines (a second
    article, headlines, list items, a box's headlines). The cuts before,
    after and inside the body follow from the body line by line
    (`LINE_STEPS`), when a line's verdict is read."""
    lines = Lines(doc, t, stopwords(language), decided, rule_cuts, held_tails)
    lines.trace.extend(second_article(lines, t))
    first_labels(lines, t, cache)
    revised_labels(lines, t)
    lines.trace.extend(dated_lists(lines, t))
    lines.trace.extend(teaser_lists(lines, t))
    lines.trace.extend(code_blocks(lines, t))
    for step in BODY_STEPS:  # find_body first; the others move its edges
        lines.trace.extend(step(lines, t))
        if lines.body is None:
            break
    for step in FEW_LINE_STEPS:
        for made in step(lines, t):
            lines.trace.append(made)
            for i in made.lines:
                lines.decisions[i] = made
    return lines


@cython.locals(lines=Lines, t=Thresholds)
def second_article(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """Everything from a second article's read-also marker on goes, and the
    steps after this one judge only what lies above it."""
    found = find_second_article(lines, t)
    if found is None:
        return
    start, reason = found
    lines.second_article = Decision(
        "second_article", range(start, len(lines.doc.lines)), "cut", reason, SECOND_ARTICLE_ID, "related"
    )
    lines.rules_decided = lines.decided
    lines.decided = lines.decided | frozenset(lines.second_article.lines)
    yield lines.second_article


@cython.locals(
    lines=Lines,
    t=Thresholds,
    cache=dict,
    spans=dict,
    feats=list,
    normalized=tuple,
    text=str,
    n=cython.Py_ssize_t,
    i=cython.Py_ssize_t,
)
def first_labels(lines: Lines, t: Thresholds, cache: dict | None = None) -> None:
    """Each line's features, judged by what the rules leave of it, and its
    first label from those alone (docs/generic.md, 3)."""
    doc, n, stop = lines.doc, len(lines.doc.lines), lines.stop
    spans = inline_spans(lines.rule_cuts)
    lines.texts = [cut_line_text(line, spans[i]) if i in spans else line for i, line in enumerate(doc.lines)]
    normalized = doc.normalized
    feats: list[LineFeatures | None] = [None] * n
    for i, text in enumerate(lines.texts):
        if i in lines.decided or blank(text):
            continue
        f = None if cache is None else cache.get(text)
        if f is None:
            f = line_features(text, stop, i / max(1, n - 1), None if i in spans else normalized[i])
            if cache is not None:
                cache[text] = f
        feats[i] = f
    lines.features = feats
    lines.first = [
        "bad" if f and markup(text, t) else first_label(f, bool(stop), t) if f else "blank"
        for f, text in zip(feats, lines.texts)
    ]


@cython.locals(lines=Lines, t=Thresholds)
def revised_labels(lines: Lines, t: Thresholds) -> None:
    """The neighbours' labels (kept for `explain`), the nearest good or bad
    line above and below each line, and the
    pieces of hard-wrapped sentences that the body search passes free."""
    lines.above = nearest_anchors(lines.first, upwards=True)
    lines.below = nearest_anchors(lines.first, upwards=False)
    lines.revised = revise(lines.first, lines.above, lines.below)
    lines.pieces = wrapped_pieces(lines, t)


# --- the cuts: each step decides some lines; a later step overrides an earlier one


@cython.locals(f=LineFeatures, t=Thresholds)
def outside_body(lines: Lines, i: int) -> Decision | None:
    """Before the body: navigation (menus, bylines, share bars); after it: a
    tail (related headlines, teasers, footers), or a comment thread. With no
    body found, nothing is cut."""
    if lines.body is None:
        return decision("outside_body", range(i, i + 1), "keep", "no body found: nothing cut")
    t, f = lines.thresholds, lines.features[i]
    start, end = lines.body
    if i < start:
        return decision(
            "outside_body",
            range(i, i + 1),
            "cut",
            _outside(lines, i, "before"),
            BEFORE_BODY_ID,
            category(f, t, "navigation"),
        )
    if i < end:
        return None
    if lines.thread is not None and i >= lines.thread:
        return decision(lines.thread_by, range(i, i + 1), "cut", _outside(lines, i, "in"), COMMENTS_ID, "comments")
    return decision(
        "outside_body",
        range(i, i + 1),
        "cut",
        _outside(lines, i, "after"),
        TAIL_ID,
        category(f, t, "related"),
    )


class _OutsideWhy:
    """Why a line outside the body is cut, said when read (`_outside_why`).
    Compiled, an extension type (classifier.pxd) made in C by `_outside`:
    a `functools.partial` of `_outside_why` cost a Python call a line."""

    __slots__ = ("lines", "i", "where")

    def __call__(self) -> str:
        return _outside_why(self.lines, self.i, self.where)


@cython.cfunc
@cython.locals(made=_OutsideWhy)
def _outside(lines, i, where) -> _OutsideWhy:
    """The reason of line i's cut `before` or `after` the body, or `in` the
    comment thread, to be said when read."""
    made = _OutsideWhy.__new__(_OutsideWhy)
    made.lines = lines
    made.i = i
    made.where = where
    return made


@cython.locals(lines=Lines)
def _outside_why(lines: Lines, i: int, where: str) -> str:
    """Why line i is cut `before` or `after` the body, or `in` the comment
    thread: said only when read (a cut line that joins the run above it
    keeps that line's reason)."""
    what = why(lines.features[i], lines.first[i], lines.thresholds, lines.texts[i])
    if where == "in":
        return f"{what} in the comment thread from line {lines.thread + 1}"
    return f"{what}{_in_a_list(lines, i)} {where} the body ({_body_words(lines)})"


@cython.cfunc
@cython.locals(lines=Lines)
def _in_a_list(lines: Lines, i) -> str:
    if i in lines.dated_list:
        return " in a list of dated teasers"
    return " in a list of teasers" if i in lines.teaser_list else ""


@cython.cfunc
@cython.locals(lines=Lines)
def _body_words(lines: Lines) -> str:
    """How the body is said in a cut's reason ("lines 12-40; start and end
    set by find_body"), made once a body (`Lines.set_body` forgets it)."""
    if lines.body_said is None:
        start, end = lines.body
        by = lines.body_by
        setters = (
            f"start and end set by {by['start']}"
            if by.get("start") == by.get("end")
            else f"start set by {by.get('start')}, end by {by.get('end')}"
        )
        if by.get("end") == "labelled_end":
            setters += f" at {lines.end_label}"
        if lines.passed_over is not None:
            setters += f"; {lines.passed_over}"
        lines.body_said = f"lines {start + 1}-{end}; {setters}"
    return lines.body_said


@cython.locals(f=LineFeatures, t=Thresholds)
def inside_body(lines: Lines, i: int) -> Decision | None:
    """Inside the body only what is bad by its shape (or short and bad)
    goes, a short line between bad ones (not a bulleted sentence, an item of
    the article's own list), or a short bulleted item alone among the lines
    that stay (a teaser); a short line next to the body's prose, or a long
    one bad only for want of stopwords, stays."""
    if lines.body is None or not lines.body[0] <= i < lines.body[1]:
        return None
    t, f, label = lines.thresholds, lines.features[i], lines.first[i]
    if label == "short" and f.list_item and _lone_item(lines, i):
        return decision(
            "inside_body",
            range(i, i + 1),
            "cut",
            "short bulleted item alone among the lines that stay (a teaser) inside the body",
            INSIDE_ID,
            "related",
        )
    if cut_inside(lines, i):
        return decision(
            "inside_body",
            range(i, i + 1),
            "cut",
            f"{why(f, label, t, lines.texts[i])} inside the body",
            INSIDE_ID,
            category(f, t),
        )
    if (
        label == "short"
        and lines.above[i] == lines.below[i] == "bad"
        and i not in lines.code
        and next_section(lines, i)
    ):
        return decision("inside_body", range(i, i + 1), "keep", _NEXT_SECTION)
    return decision("inside_body", range(i, i + 1), "keep", _in_body_reason(lines.revised[i]))


_NEXT_SECTION = "numbered heading going on the numbers of the one above it, between bad lines, in the body"


_IN_BODY_REASONS: dict[str, str] = {}  # label -> the reason a body line of it stays


@cython.cfunc
def _in_body_reason(label: str) -> str:
    reason = _IN_BODY_REASONS.get(label)
    if reason is None:
        reason = _IN_BODY_REASONS[label] = f"{label} line in the body"
    return reason


@cython.locals(lines=Lines)
def _lone_item(lines: Lines, i: int) -> bool:
    """A bulleted item without a bulleted neighbour that stays (the nearest
    line above and below, blank lines aside): a teaser slipped into the
    article, not a list of its own. A neighbour that goes does not hold it
    in a list, so that the output, cleaned again, finds no item alone."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and lines.features[j] is None:
            j += step
        if 0 <= j < len(lines) and lines.features[j].list_item and _stays(lines, j):
            return False
    return True


@cython.locals(lines=Lines)
def _stays(lines: Lines, j: int) -> bool:
    """Whether line j stays, the test of a bulleted item alone aside."""
    decision = lines.decisions.get(j)
    if decision is not None:
        return decision.keep
    if lines.body is None:
        return True
    start, end = lines.body
    return start <= j < end and not cut_inside(lines, j)


@cython.locals(lines=Lines, f=LineFeatures, t=Thresholds)
def headline(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """Title-like lines among the few just before the body: the headline
    (`headlines_max`: one; a second line above it was more often a
    section's or the site's name than a subtitle) stays with the article.
    The search passes over the furniture between headline and body (a
    date, a byline, a share bar: `furniture`), and stops at a labelled
    headline roll. A line bad by itself is no title where the language has
    a stoplist (without one, a headline is "bad" for want of punctuation
    alone), unless it is an Arabic title bad only for want of stopwords."""
    if lines.body is None:
        return
    feats, first = lines.features, lines.first
    found = seen = passed = 0
    titles: list[int] = []
    for i in range(lines.body[0] - 1, -1, -1):
        f = feats[i]
        if f is None:
            continue
        if i in lines.headline_roll:
            break
        if furniture(lines, i, t):
            passed += 1
            if passed > t.furniture_max_lines:
                break
            continue
        seen += 1
        if seen > t.headline_lookback:
            break
        if (
            t.headline_min_words <= f.words <= t.headline_max_words
            and not f.run_together
            and not (first[i] == "bad" and lines.stop and not arabic_title(lines.texts[i], f, t))
            and not f.link_tokens
            and f.digit_share < t.digit_share_bad
        ):
            titles.append(i)
    if titles and _credit_like(lines, titles[0], t):
        telling = _first_telling(lines, titles, t)
        if telling > 0:
            # the nearest is a credit under the headline ("Staff and agencies", "Arizona Daily Star")
            titles.insert(0, titles.pop(telling))
            found = 1
    for i in sorted(titles[: t.headlines_max], reverse=True):
        if found and i == titles[0]:
            yield Decision("headline", range(i, i + 1), "keep", _TELLING)
        else:
            yield Decision("headline", range(i, i + 1), "keep", "headline just before the body")


_TELLING = "headline just before the body, the nearest title-like line that tells of the body's first lines"


@cython.locals(lines=Lines, t=Thresholds, f=LineFeatures)
def _credit_like(lines: Lines, i: int, t: Thresholds) -> bool:
    """A line as short as a byline that ends no sentence, in a language
    with a stoplist: it may be a credit under the headline."""
    f = lines.features[i]
    return bool(lines.stop) and f.words <= t.furniture_max_words and not f.sentence_end


@cython.locals(lines=Lines, t=Thresholds, k=cython.Py_ssize_t, p=cython.Py_ssize_t)
def _first_telling(lines: Lines, titles: list[int], t: Thresholds) -> int:
    """Where in `titles` the first line is that tells of the body: shares a
    content word (its first `teaser_stem_letters` letters) with one of the
    body's first `headline_story_lines` prose lines; -1 for none. A body
    line's words (often a whole paragraph) are read once, and only when it
    holds one of a title's stems: the first line most often tells."""
    norm, stop, letters = lines.doc.normalized, lines.stop, t.teaser_stem_letters
    story = _story_lines(lines, t)
    stems: list[set[str] | None] = [None] * len(story)
    for k in range(len(titles)):
        wanted = {word[:letters] for word in content_words(norm[titles[k]], stop)}
        for p in range(len(story)):
            if not _holds_one(story[p], wanted):
                continue  # (a stem of the line's words is in its text)
            if stems[p] is None:
                stems[p] = {word[:letters] for word in content_words(story[p], stop)}
            if not wanted.isdisjoint(stems[p]):
                return k
    return -1


def _holds_one(text: str, stems: set[str]) -> bool:
    """Whether `text` holds one of `stems`."""
    for stem in stems:
        if stem in text:
            return True
    return False


@cython.locals(lines=Lines, t=Thresholds, seen=cython.Py_ssize_t)
def _story_lines(lines: Lines, t: Thresholds) -> list[str]:
    """The matching forms of the body's first `headline_story_lines` prose
    lines (good or near good)."""
    story: list[str] = []
    seen = 0
    for j in range(lines.body[0], lines.body[1]):
        if lines.first[j] in ("good", "near"):
            story.append(lines.doc.normalized[j])
            seen += 1
            if seen == t.headline_story_lines:
                break
    return story


@cython.locals(lines=Lines, f=LineFeatures, t=Thresholds)
def furniture(lines: Lines, i: int, t: Thresholds) -> bool:
    """What stands between a headline and its body: a date or a time
    ("الأربعاء 14 أوت 2024 - 10:35", "منذ 3 ساعات"), a byline ("بقلم: ...",
    "By ..."), or a line bad by its shape (a share bar, links)."""
    f = lines.features[i]
    return bool(
        f.dates
        or bad_by_shape(f, t)
        or f.words <= t.furniture_max_words
        and (f.dated or BYLINE.match(lines.texts[i]))
        or f.words <= 3
        and f.digit_share > 0
    )


@cython.locals(lines=Lines, t=Thresholds)
def announced_items(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """The items of a list the article announces stay inside the body,
    where lines of figures would be cut (a timetable, results)."""
    if lines.body is None:
        return
    start, end = lines.body
    for i in sorted(lines.listed):
        if start <= i < end:
            yield Decision("announced_items", range(i, i + 1), "keep", "item of a list the article announces")


@cython.locals(lines=Lines, t=Thresholds)
def box_headlines(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """The other headlines of a read-also box: a marker alone takes the one
    headline below it (the rule); when `teasers_min` or more lines right
    under that read like headlines too (3 to 15 words, no sentence end, no
    Arabic connective, not good prose), they are the box's other items. One
    such line alone may be the article's subheading: it stays."""
    feats, first = lines.features, lines.first
    for cut in insertion_boxes(lines.rule_cuts):
        j, run = lines.next_line(cut.end), []
        while (
            j is not None
            and t.headline_min_words <= feats[j].words <= t.title_max_words
            and first[j] != "good"
            and headline_like(feats[j])
        ):
            run.append(j)
            j = lines.next_line(j + 1)
        if len(run) < t.teasers_min:
            continue
        for i in run:
            current = decision_of(lines, i)
            if current is None or current.keep or current.step == "box_headlines":
                yield Decision(
                    "box_headlines",
                    range(i, i + 1),
                    "cut",
                    f"headline under the read-also marker on line {cut.start + 1}",
                    INSIDE_ID,
                    "related",
                )


# The order of docs/generic.md, section 6: the cuts outside and inside the
# body follow line by line from the body; the steps on a few lines come
# after them, each overriding the earlier ones on its lines.
LINE_STEPS = (outside_body, inside_body)
FEW_LINE_STEPS = (headline, announced_items, box_headlines)


def decision_of(lines: Lines, i: int) -> Decision | None:
    """The decision on line i (with features): the last step's that took it."""
    return lines.decisions.get(i) or inside_body(lines, i) or outside_body(lines, i)


@cython.locals(d=Decision)
def line_decision(lines: Lines, i: int) -> Decision | None:
    """The decision that stands for line i; None for a blank line or one the
    rules decided."""
    d = lines.second_article
    if d is not None and i in d.lines:
        return None if i in lines.rules_decided or not lines.doc.lines[i].strip() else d
    if lines.features[i] is None:
        return None
    return decision_of(lines, i)


@cython.locals(lines=Lines, f=LineFeatures)
def _verdict(lines: Lines, i: int) -> LineVerdict:
    decision = line_decision(lines, i)
    if decision is None:
        return LineVerdict(i, None, "blank", "blank", True, None, None, "blank or decided by a rule")
    if decision is lines.second_article:
        d = decision
        return LineVerdict(
            i, None, "second-article", "second-article", False, d.rule_id, d.category, d.why, step=d.step
        )
    f, first = lines.features[i], lines.first[i]
    return LineVerdict(
        i,
        f,
        first,
        lines.revised[i],
        decision.keep,
        decision.rule_id,
        decision.category,
        decision.why,
        search_value(lines, i, lines.thresholds),
        decision.step,
    )


def step_names() -> list[str]:
    """The names of the steps, in the order they run."""
    return [
        s.__name__
        for s in (
            second_article,
            first_labels,
            revised_labels,
            dated_lists,
            teaser_lists,
            code_blocks,
            *BODY_STEPS,
            *LINE_STEPS,
            *FEW_LINE_STEPS,
        )
    ]
