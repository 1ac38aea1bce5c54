"""The generic line classifier (docs/generic.md is its spec).

1. features of each line alone (features.py);
2. a first label from those features: good, near, short or bad;
3. a revised label from the neighbours: short and near lines take the
   label of the good or bad lines around them;
4. the body: the densest run of good lines (a maximum-sum segment);
5. cuts: what lies before the body (menus, bylines, share bars) except the
   headline, bad lines inside the body, and everything after the body
   (related headlines and teasers, comments, footers) as a tail.
"""
from __future__ import annotations

import re
from itertools import islice
from typing import Iterator, NamedTuple, Sequence

from ..assemble import cut_line_text, inline_spans
from ..model import Cut, Document
from ..normalize import normalize, opens_with_connective, word_count
from .features import LineFeatures, line_features
from .language import stopwords

# First label thresholds (in word units; CJK characters count half a word).
GOOD_WORDS = 20         # a long line...
GOOD_STOP = 0.30        # ...made of running prose is good (English prose runs 0.4-0.5, Arabic 0.5-0.6)
NEAR_WORDS = 9          # a medium line with prose is near-good
NEAR_STOP = 0.20
SHORT_WORDS = 5         # below this a line says nothing by itself
NO_STOPLIST_MARKS = 2   # languages without a stoplist: prose shows punctuation
LINK_SHARE_BAD = 0.3    # link-like tokens per word that make a line bad
COUNTERS_BAD, COUNTER_WORDS = 3, 6  # 3+ bracketed counts, one per 6 words or denser: an archive list
SEPARATORS_BAD, SEPARATOR_WORDS = 3, 5  # "A | B | C | D": a flattened menu
DIGIT_SHARE_BAD = 0.3   # digits per visible character: scores, tables, timetables

# The body: good lines score their words, near lines part of theirs, bad
# lines cost theirs, short lines cost a little, so that a run of menu lines
# breaks the body.
NEAR_WEIGHT = 0.5
EARLY_SHARE = 0.7   # see _body
GAP_GROWTH = 0.2    # each further line of a run of bad/short lines costs this much more
BAD_WEIGHT = 1.0
LIST_CAP = True     # a bulleted item is never good by itself: menus and teaser lists are bulleted
SHORT_COST = 5.0
# Headline: title-like lines among the few just before the body.
HEADLINE_MIN_WORDS, HEADLINE_MAX_WORDS, HEADLINE_LOOKBACK, HEADLINES_MAX = 3, 30, 4, 2
TITLE_MAX_WORDS = 15  # an Arabic line "bad" for want of stopwords may still be a title this long
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")

# Comment threads: short dated lines (the commenter's signature) recurring
# with prose between them, after the article's own prose.
SIGNATURE_MIN_WORDS, SIGNATURE_MAX_WORDS = 3, 12
THREAD_SIGNATURES = 3
THREAD_SPACING = 12
THREAD_MIN_PROSE = 40
THREAD_HEADER_LINES = 3

RULE_PREFIX = "generic"

# A second article appended after a read-also marker opens like an article:
# with a dateline ("سرايا - نشرت ...", "MOSCOW (Reuters) - ..."), or it follows
# the first article's source credit ("المصدر: الحرة").
# (a place opens it, not a number: "1 - ..." is an item of a list)
_DATELINE = re.compile(r"^\s*[^\W\d_]\S*(?:\s+\S+){0,4}?\s*(?:\([^)]{1,30}\))?\s+[-–—]\s+\S")
SECOND_ARTICLE_AFTER_WORDS = 40
_WORD = re.compile(r"\w+")
_SOURCE_CREDIT = re.compile(r"^\s*(?:المصدر|المصادر|source|sources)\s*:", re.I)


class LineVerdict(NamedTuple):  # one a line and pass: a tuple is the quickest record to make
    index: int
    features: LineFeatures | None   # None for blank lines
    first: str                      # good | near | short | bad | blank
    revised: str
    keep: bool
    rule_id: str | None             # the decision that cut it
    category: str | None
    reason: str
    score: float = 0.0              # the line's value in the search for the body


def explain_lines(doc: Document, decided: frozenset[int] = frozenset(),
                  language: str = "en", rule_cuts: Sequence[Cut] = (),
                  cache: dict | None = None) -> list[LineVerdict]:
    """Every line's features, labels and the classifier's decision (see `verdicts`)."""
    return list(verdicts(doc, decided, language, rule_cuts, cache))


def verdicts(doc: Document, decided: frozenset[int] = frozenset(),
             language: str = "en", rule_cuts: Sequence[Cut] = (),
             cache: dict | None = None) -> Iterator[LineVerdict]:
    """Every line's features, labels and the classifier's decision, line by
    line (a million-line dump need not hold a million verdicts). `decided`
    lines (cut by rules, or protected) are left alone; `rule_cuts` are the
    rules' cuts, read for the insertions that may open a second article.
    `cache` keeps features by line text between the passes of one cleaning
    (same language; a line's features do not depend on its neighbours, and
    its position is kept from the first pass: no decision reads it)."""
    stop = stopwords(language)
    n = len(doc.lines)
    second = _second_article(doc, decided, rule_cuts, stop)
    if second is not None:
        yield from islice(verdicts(doc, decided | frozenset(range(second[0], n)), language, cache=cache),
                          second[0])
        for i in range(second[0], n):
            yield (LineVerdict(i, None, "blank", "blank", True, None, None, "decided by a rule")
                   if i in decided or not doc.lines[i].strip() else
                   LineVerdict(i, None, "second-article", "second-article", False,
                               f"{RULE_PREFIX}.second-article", "related", second[1]))
        return
    spans = inline_spans(rule_cuts)  # judge a line by what the rules leave of it
    texts = [cut_line_text(line, spans[i]) if i in spans else line for i, line in enumerate(doc.lines)]
    normalized = doc.normalized
    feats: list[LineFeatures | None] = [None] * n
    for i, text in enumerate(texts):
        if i in decided or not text.strip():
            continue
        f = None if cache is None else cache.get(text)
        if f is None:
            f = line_features(text, stop, i / max(1, n - 1), None if i in spans else normalized[i])
            if cache is not None:
                cache[text] = f
        feats[i] = f
    first = [_first_label(f, bool(stop)) if f else "blank" for f in feats]
    revised = _revise(first)
    pieces = _wrapped_pieces(texts, feats, first)
    body = _body(feats, first, pieces)
    thread = _comment_thread(feats, first, body)
    if thread is not None:
        body = _body(feats[:thread], first[:thread], pieces) or body
        body = (body[0], min(body[1], thread))
    body = _without_a_headline_list(feats, first, body)
    body = _without_teasers_after_an_insertion(feats, first, body, rule_cuts)
    listed: set[int] = set()  # the items of lists the article announces: kept inside the body
    for _ in range(EXTENSION_ROUNDS):  # each may bring the next list or paragraph within reach
        extended = _with_the_article_going_on(
            feats, first, _with_an_announced_list(texts, feats, first, body, thread, listed), thread)
        if extended == body:
            break
        body = extended
    body = _with_its_list_finished(feats, body, thread)
    body = _with_wrapped_edges(feats, body, thread)  # last: the edges of the body as extended
    headlines = _headlines(texts, feats, body, first, bool(stop))
    context = _bad_on_both_sides(first)
    lone = _lone_list_items(feats)
    teasers = _teasers_under_insertions(feats, first, rule_cuts)
    for i in range(n):
        verdict = _decide(i, feats[i], first[i], revised[i], context[i] and i not in pieces, lone[i], body,
                          headlines, thread, i in listed)
        if verdict.keep and i in teasers:
            verdict = verdict._replace(keep=False, rule_id=f"{RULE_PREFIX}.inside", category="related",
                                       reason=f"headline under the read-also marker on line {teasers[i] + 1}")
        yield verdict


def classify(doc: Document, decided: frozenset[int] = frozenset(),
             language: str = "en", rule_cuts: Sequence[Cut] = (),
             cache: dict | None = None) -> list[Cut]:
    """Cuts for the lines no rule decided (whole lines; runs merged)."""
    cuts: list[Cut] = []
    for v in verdicts(doc, decided, language, rule_cuts, cache):
        if v.keep or v.rule_id is None:
            continue
        last = cuts[-1] if cuts else None
        if (last and last.end == v.index and last.rule_id == v.rule_id
                and last.category == v.category):
            cuts[-1] = Cut(last.start, v.index + 1, last.rule_id, last.category,
                           last.message, None, last.origin)
        else:
            cuts.append(Cut(v.index, v.index + 1, v.rule_id, v.category, v.reason, None,
                            "stripper/generic"))
    return cuts


def _second_article(doc: Document, decided, rule_cuts, stop: frozenset[str]) -> tuple[int, str] | None:
    """Where a second article starts: at a read-also insertion on a line of
    its own (the marker with its headline, or the marker alone with the
    headline on a line of its own below), after a first article (at least
    SECOND_ARTICLE_AFTER_WORDS words of prose above it), when the text
    after it opens with a dateline, the text before it closed with a source
    credit, or the paragraph after it tells the story of its headline."""
    lines = doc.lines
    boxes = _boxes(rule_cuts)
    for k, cut in enumerate(boxes):
        if cut.end - cut.start != 1 or (k and boxes[k - 1].end <= cut.start and all(
                j in decided or not lines[j].strip() for j in range(boxes[k - 1].end, cut.start))):
            continue  # a box of several lines, or the headline right under a marker (judged with it)
        after = _next_text_line(lines, cut.end, decided)
        before = _next_text_line(lines, cut.start - 1, decided, step=-1)
        if after is None:
            continue
        below = [c.start for c in boxes[k + 1:] if c.start < after]
        headline = below[0] if below else cut.start  # else the marker's line holds it
        if headline == cut.start and word_count(lines[cut.start]) < HEADLINE_CONTENT_WORDS_MIN + 2:
            continue  # a marker alone, and no headline under it
        if _prose_words_above(doc, cut.start, decided) < SECOND_ARTICLE_AFTER_WORDS:
            continue  # a read-also box above the article: what follows is the article
        if _DATELINE.match(lines[after][:60]):
            return cut.start, (f"second article after the read-also marker on line {cut.start + 1} "
                               f"(line {after + 1} opens with a dateline)")
        if before is not None and _SOURCE_CREDIT.match(lines[before]):
            return cut.start, (f"second article after the read-also marker on line {cut.start + 1} "
                               f"(the first closed with a source credit on line {before + 1})")
        if _leads_on_from_the_headline(doc, headline, after, cut.start, decided, stop):
            return cut.start, (f"second article after the read-also marker on line {cut.start + 1} "
                               f"(line {after + 1} opens on the words of the headline on line {headline + 1})")
    return None


HEADLINE_CONTENT_WORDS_MIN = 3  # content words a box's headline needs for the headline-story test
# A paragraph that opens a second article tells its own headline's story:
# it holds this share of the headline's words, more than the first article
# does, and it does not open with a connective (a paragraph that goes on
# the first article after a read-also box opens so six times in ten, and
# may share words with the box's headline: a story from the same town).
HEADLINE_COVERED = 0.4
# A box's teaser, cut short with a link to the rest: the box's, not an article's
_TEASER_END = re.compile(r"(?:\.\.\.|…|\b(?:اقرا|read) (?:المزيد|more))\W*$")
_CLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و")  # stripped before comparing Arabic words


def _leads_on_from_the_headline(doc: Document, headline: int, after: int, marker: int,
                                decided, stop: frozenset[str]) -> bool:
    """Whether the paragraph on line `after` opens the story of the headline
    on line `headline` (see HEADLINE_COVERED), rather than going on with the
    article above the read-also marker on line `marker`."""
    norm = doc.normalized
    wanted = _content_words(norm[headline], stop)
    paragraph = _wrapped_paragraph(norm, after, decided)
    if (len(wanted) < HEADLINE_CONTENT_WORDS_MIN or word_count(paragraph) < NEAR_WORDS
            or opens_with_connective(paragraph) or _TEASER_END.search(paragraph)):
        return False
    covered = len(wanted & _content_words(paragraph, stop))
    above = set().union(*(_content_words(norm[i], stop) for i in range(marker) if i not in decided))
    return covered >= HEADLINE_COVERED * len(wanted) and covered > len(wanted & above)


WRAPPED_PARAGRAPH_MAX_LINES = 6
_ENDS_A_SENTENCE = re.compile(r"[.!?؟:。][\"'”’»)\]]*$")


def _wrapped_paragraph(norm, i: int, decided) -> str:
    """Line i and, in a hard-wrapped dump, the lines that go on with its
    paragraph (the line above ends mid-sentence), joined."""
    parts = [norm[i]]
    j = i + 1
    while (len(parts) < WRAPPED_PARAGRAPH_MAX_LINES and j < len(norm) and norm[j] and j not in decided
           and not _ENDS_A_SENTENCE.search(parts[-1])):
        parts.append(norm[j])
        j += 1
    return " ".join(parts)


def _content_words(normalized: str, stop: frozenset[str]) -> set[str]:
    """A line's words that carry its topic: no stopwords, numbers or words
    under 3 letters; Arabic ones without "ال" and a joined "و", "ب"..."""
    words = set()
    for word in _WORD.findall(normalized):
        if word in stop or len(word) < 3 or word.isdigit():
            continue
        for clitic in _CLITICS:
            if word.startswith(clitic) and len(word) - len(clitic) >= 3:
                word = word[len(clitic):]
                break
        words.add(word)
    return words


def _boxes(rule_cuts) -> list[Cut]:
    """The rules' read-also insertions that take whole lines (a marker, its
    headline), in order."""
    return [c for c in rule_cuts if c.category == "insertion" and c.span is None]


def _prose_words_above(doc: Document, end: int, decided) -> int:
    """Words of the lines above `end` that are long enough to be prose
    (NEAR_WORDS or more), rules' lines left out; counted up to the need."""
    total = 0
    for i in range(end):
        if i not in decided:
            words = word_count(doc.lines[i])
            if words >= NEAR_WORDS:
                total += words
                if total >= SECOND_ARTICLE_AFTER_WORDS:
                    break
    return total


def _next_text_line(lines, i, decided, step=1) -> int | None:
    while 0 <= i < len(lines):
        if lines[i].strip() and i not in decided:
            return i
        i += step
    return None


def _glued(f: LineFeatures) -> bool:
    """Words run together, as menus and share bars flatten, on a line that
    is not a long sentence: one typo that glues two words ("الأبحاثوالتحريات")
    does not make a paragraph a menu."""
    return f.run_together and not (f.words >= GOOD_WORDS and (f.sentence_end or f.stop_share >= GOOD_STOP))


def _first_label(f: LineFeatures, has_stoplist: bool) -> str:
    if _glued(f) or (f.words and f.link_tokens / f.words >= LINK_SHARE_BAD):
        return "bad"
    if f.digit_share >= DIGIT_SHARE_BAD and f.words < GOOD_WORDS:
        return "bad"
    if _archive_list(f) or _flat_menu(f):
        return "bad"
    if f.words < SHORT_WORDS:
        return "short"
    prose = (f.stop_share >= GOOD_STOP) if has_stoplist else (f.marks >= NO_STOPLIST_MARKS or f.sentence_end)
    if f.words >= GOOD_WORDS and prose and not (LIST_CAP and f.list_item):
        return "good"
    near = (f.stop_share >= NEAR_STOP) if has_stoplist else (f.marks >= 1 or f.sentence_end)
    if f.words >= NEAR_WORDS and (near or f.sentence_end):
        return "near"
    return "short" if f.words < NEAR_WORDS else "bad"


def _archive_list(f: LineFeatures) -> bool:
    return f.counters >= COUNTERS_BAD and f.counters * COUNTER_WORDS >= f.words


def _flat_menu(f: LineFeatures) -> bool:
    return f.separators >= SEPARATORS_BAD and f.separators * SEPARATOR_WORDS >= f.words


def _revise(first: list[str]) -> list[str]:
    """Short and near lines take their context: good on both sides -> good;
    bad on both sides -> bad; one of each -> near lines good, short lines bad."""
    anchors = [i for i, lab in enumerate(first) if lab in ("good", "bad")]
    out = list(first)
    prev_of = _nearest(first, anchors, before=True)
    next_of = _nearest(first, anchors, before=False)
    for i, lab in enumerate(first):
        if lab not in ("short", "near"):
            continue
        before, after = prev_of[i], next_of[i]
        if before == after == "good":
            out[i] = "good"
        elif before == after == "bad" or (before is None and after == "bad") or (after is None and before == "bad"):
            out[i] = "bad"
        else:
            out[i] = "good" if lab == "near" else "bad"
    return out


def _bad_on_both_sides(first: list[str]) -> list[bool]:
    before = _nearest(first, None, before=True)
    after = _nearest(first, None, before=False)
    return [b == a == "bad" for b, a in zip(before, after)]


def _lone_list_items(feats) -> list[bool]:
    """Bulleted items standing alone between plain lines: a teaser slipped
    into the article, not a list of the article's own."""
    out = [False] * len(feats)
    present = [i for i, f in enumerate(feats) if f is not None]
    for k, i in enumerate(present):
        if feats[i].list_item:
            before = feats[present[k - 1]].list_item if k > 0 else False
            after = feats[present[k + 1]].list_item if k + 1 < len(present) else False
            out[i] = not before and not after
    return out


def _nearest(first, anchors, before: bool) -> list[str | None]:
    out: list[str | None] = [None] * len(first)
    current = None
    order = range(len(first)) if before else range(len(first) - 1, -1, -1)
    for i in order:
        out[i] = current
        if first[i] in ("good", "bad"):
            current = first[i]
    return out


def _body(feats, first, pieces: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """The body (a half-open line range), or None if nothing is good.

    The lines are cut into runs wherever the running sum of line values
    drops to zero (Kadane); each run's best stretch is a candidate. The
    article comes before its comments, related lists and footer, so the
    body is the first candidate worth at least EARLY_SHARE of the best one.
    Values come from the first labels only, so that removing the cut lines
    and running again finds the same body (cleaning is idempotent)."""
    candidates: list[tuple[float, int, int]] = []
    total, start, best_here, gap = 0.0, None, None, 0
    for i, lab in enumerate(first):
        if lab == "blank":
            continue
        if start is None or total <= 0:
            if best_here:
                candidates.append(best_here)
            total, start, best_here = 0.0, i, None
        value = 0.0 if i in pieces else _value(feats[i], lab)
        gap = gap + 1 if value < 0 else 0
        total += value * (1 + GAP_GROWTH * (gap - 1)) if gap else value  # long gaps cost more
        if total > 0 and (best_here is None or total > best_here[0]):
            best_here = (total, start, i + 1)
    if best_here:
        candidates.append(best_here)
    if not candidates:
        return None
    best = max(c[0] for c in candidates)
    score, begin, end = next(c for c in candidates if c[0] >= EARLY_SHARE * best)
    return begin, end


HEADLINE_LIST_MIN = 3


def _without_a_headline_list(feats, first, body) -> tuple[int, int] | None:
    """A body that ends in HEADLINE_LIST_MIN or more lines that read like
    headlines (first label near or short: a dozen words or fewer, no
    sentence mark at the end), after prose that ends a sentence, ends with
    that prose: the headlines are a list of other articles under it, with
    no marker. Unless half of them or more open with an Arabic connective:
    short paragraphs without a final stop ("وقد تم نقل ...", "كما تم فتح ...")."""
    if body is None:
        return None
    start, end = body
    run = [i for i in range(start, end) if feats[i] is not None]
    k = len(run)
    while k > 0 and first[run[k - 1]] in ("near", "short") and not feats[run[k - 1]].sentence_end:
        k -= 1
    listed = run[k:]
    if len(listed) >= HEADLINE_LIST_MIN and k > 0 and first[run[k - 1]] == "good" \
            and feats[run[k - 1]].sentence_end \
            and 2 * sum(feats[i].connective for i in listed) < len(listed):
        return start, run[k - 1] + 1
    return body


TEASER_MAX_WORDS = 20


def _headline_like(f: LineFeatures) -> bool:
    """No sentence end, and no Arabic connective first: "وقد تم نقل ..."
    goes on the article's sentences; headlines open with a name or a noun
    ("الجنوب: تجدد ..."). (A line that ends with a comma is a sentence going
    on: `sentence_end` is False there too, and `goes_on` says so.)"""
    return not f.sentence_end and not f.connective and not f.goes_on


def _without_teasers_after_an_insertion(feats, first, body, rule_cuts) -> tuple[int, int] | None:
    """A read-also marker alone takes the one headline below it (the rule);
    when all that follows it in the body reads like more headlines (at most
    TEASER_MAX_WORDS words, no sentence mark at the end) and the article's
    prose lies above it, the body ends at the marker: those are its other
    teasers ("قد يهمك أيضا", two headlines, then the site's footer)."""
    if body is None:
        return None
    start, end = body
    marker = max((c.start for c in _boxes(rule_cuts) if start <= c.start < end), default=None)
    if marker is None:
        return body
    after = [i for i in range(marker, end) if feats[i] is not None]
    before = [i for i in range(start, marker) if feats[i] is not None]
    if after and all(feats[i].words <= TEASER_MAX_WORDS and _headline_like(feats[i]) for i in after) \
            and any(first[i] == "good" and feats[i].sentence_end for i in before):
        return start, before[-1] + 1
    return body


EXTENSION_ROUNDS = 4  # announced lists and the article going on, taken in turn
ANNOUNCE_MIN_WORDS = 4     # "وتشمل الأشغال الأحياء التالية:", not a label ("Read also:")
LIST_ITEM_MAX_WORDS = 20
LIST_MAX_ITEMS = 40
# A sentence that opens so announces a list, whatever its end: "فيما يلي الأسعار ..."
ANNOUNCE_OPENING_CHARS = 60
_OPENS_ANNOUNCING = re.compile(r"(?:و?في ?ما يلي|following are|here are|voici)(?!\w)", re.IGNORECASE)
# Words that announce what follows: "النتائج التالية", "فيما يلي", "as follows"
_ANNOUNCING = re.compile(r"(?<!\w)(?:يلي|كالتالي|التالي|التاليه|following|follows|suivants?|suivantes?)(?!\w)",
                         re.IGNORECASE)


def _with_an_announced_list(texts, feats, first, body, thread, listed: set[int]) -> tuple[int, int] | None:
    """A sentence that ends the body, or comes right after it, and announces
    a list of the article's own ("the areas concerned are:", "فيما يلي
    الحصيلة ...،"): its short items, and the prose that follows them,
    belong to the body, when the prose comes (a list of headlines under a
    "Related:" label ends the page), or when the sentence says that a list
    follows ("التالية", "فيما يلي"): then the list may end the article.
    Items may be figures ("• صفاقس المدينة 37 مم", "1. ...: 18,4 %"): what
    is announced is the article's own data, and the items go into
    `listed`: kept inside the body, where figures would be cut."""
    if body is None:
        return None
    start, end = body
    j = next((i for i in (end - 1, _next_line(feats, end, thread))
              if i is not None and feats[i] is not None and _announces(texts[i], feats[i])), None)
    if j is None:
        return body
    items, k = [], _next_line(feats, j + 1, thread)
    while k is not None and len(items) < LIST_MAX_ITEMS and _announced_item(feats[k], first[k]):
        items, k = items + [k], _next_line(feats, k + 1, thread)
    if not items:
        return body
    if k is None or not (first[k] in ("good", "near") and feats[k].sentence_end):
        # no prose after the list: it ends the article only when the sentence said a list follows
        if not _ANNOUNCING.search(normalize(texts[j])):
            return body
        listed.update(items)
        return start, max(end, items[-1] + 1)
    listed.update(items)
    while k is not None and first[k] in ("good", "near"):  # the prose after the list
        end, k = k + 1, _next_line(feats, k + 1, thread)
    return start, end


def _announces(text: str, f: LineFeatures) -> bool:
    """A sentence of ANNOUNCE_MIN_WORDS or more, with stopwords, that ends
    with a colon, or opens on a phrase that announces a list (its first
    ANNOUNCE_OPENING_CHARS characters decide: the body's last line is often
    a long paragraph), or ends with a comma and has a word that announces
    what follows."""
    if f.words < ANNOUNCE_MIN_WORDS or f.stop_share < NEAR_STOP or _bad_by_shape(f):
        return False
    ending = text.rstrip()
    return (ending.endswith((":", "："))
            or _OPENS_ANNOUNCING.match(normalize(text[:ANNOUNCE_OPENING_CHARS])) is not None
            or (ending.endswith(("،", ",")) and _ANNOUNCING.search(normalize(text)) is not None))


def _announced_item(f: LineFeatures, first: str) -> bool:
    """A short item of a list: no sentence end, and not bad by its shape but
    for a bullet or its figures."""
    return (first in ("short", "near", "bad") and f.words <= LIST_ITEM_MAX_WORDS and not f.sentence_end
            and not _bad_by_shape(f._replace(list_item=False, digit_share=0.0)))


TEASERS_MIN = 2


def _teasers_under_insertions(feats, first, rule_cuts) -> dict[int, int]:
    """The other headlines of a read-also box: a marker alone takes the one
    headline below it (the rule); when TEASERS_MIN or more lines right under
    that read like headlines too (3 to 15 words, no sentence end, no Arabic
    connective, not good prose), they are the box's other items. One such
    line alone may be the article's subheading: it stays. Line -> marker."""
    found: dict[int, int] = {}
    for cut in _boxes(rule_cuts):
        j, run = _next_feature_line(feats, cut.end), []
        while j is not None and HEADLINE_MIN_WORDS <= feats[j].words <= TITLE_MAX_WORDS \
                and first[j] != "good" and _headline_like(feats[j]):
            run.append(j)
            j = _next_feature_line(feats, j + 1)
        if len(run) >= TEASERS_MIN:
            found.update((i, cut.start) for i in run)
    return found


WIDGET_MAX_LINES = 12


def _with_the_article_going_on(feats, first, body, thread) -> tuple[int, int] | None:
    """An Arabic article split by a widget (prayer times, currency rates, a
    most-read box): the lines of digits cost so much that the body is one
    half. When prose past at most WIDGET_MAX_LINES short or bad lines
    mostly opens with an Arabic connective ("وقال", "وأكد"), it is the
    article going on, and the body takes it; likewise upwards, when the
    body itself opens so and a good line stands in the prose above (a menu
    is no article). The widget's lines are then cut inside the body."""
    if body is None:
        return None
    start, end = body
    while (run := _prose_run(feats, first, end, 1, thread)) is not None and _goes_on(feats, run):
        end = run[-1] + 1
    while _goes_on(feats, list(islice(_prose_lines(feats, first, start, end), 3))) \
            and (run := _prose_run(feats, first, start - 1, -1, thread, need_good=True)) is not None:
        start = run[-1]
    return start, end


def _with_its_list_finished(feats, body, thread) -> tuple[int, int] | None:
    """A body that ends inside a bulleted list of sentences ("- تهيئة قسم
    الاستعجالي بالمستشفى المحلي الجديد."): the next bulleted items that
    end like sentences finish the list, however short. (Teaser and headline
    lists are bulleted too, but their items end without a stop.)"""
    if body is None or not feats[body[1] - 1].list_item:
        return body
    start, end = body
    while (j := _next_line(feats, end, thread)) is not None and feats[j].list_item \
            and feats[j].sentence_end and not _bad_but_for_a_bullet(feats[j]):
        end = j + 1
    return start, end


def _prose_lines(feats, first, start, end) -> Iterator[int]:
    return (i for i in range(start, end) if feats[i] is not None and first[i] in ("good", "near"))


def _prose_run(feats, first, i, step, thread, need_good=False) -> list[int] | None:
    """The run of good and near lines met from i on (step 1 or -1) past at
    most WIDGET_MAX_LINES other lines, before the comment thread; None if
    none is met. With `need_good`, a run without a good line (a weather
    forecast in a widget) is passed over like the other lines."""
    skipped, run = 0, []
    while 0 <= i < len(feats) and (thread is None or i < thread):
        if feats[i] is not None:
            if first[i] in ("good", "near"):
                run.append(i)
            elif run and (not need_good or any(first[j] == "good" for j in run)):
                break
            else:
                skipped += 1 + len(run)
                run = []
                if skipped > WIDGET_MAX_LINES:
                    return None
        i += step
    return run if run and (not need_good or any(first[j] == "good" for j in run)) else None


def _goes_on(feats, lines) -> bool:
    return bool(lines) and 2 * sum(feats[i].connective for i in lines) > len(lines)


def _next_line(feats, i, thread) -> int | None:
    """The next line from i with text to judge, before the comment thread."""
    j = _next_feature_line(feats, i)
    return j if j is not None and (thread is None or j < thread) else None


WRAP_MAX_LINES = 5


def _with_wrapped_edges(feats, body, thread) -> tuple[int, int] | None:
    """Dumps that hard-wrap their paragraphs break a sentence across lines,
    and a piece of it can fall outside the body: the last pieces, short
    ("... المرفوعة لديها."), or a first piece with few stopwords. When the
    body's last line stops mid-sentence, the lines right after it (no blank
    line between, at most WRAP_MAX_LINES) join it up to the one that ends
    the sentence, if one does; the line right before the body joins when it
    is medium-long, stops mid-sentence and is not bad by its shape (menus,
    links, counts)."""
    if body is None:
        return None
    start, end = body
    if not feats[end - 1].sentence_end:  # the sentence goes on below the body
        for j in range(end, min(len(feats), end + WRAP_MAX_LINES)):
            if feats[j] is None or j == thread or _bad_by_shape(feats[j]):
                break
            if feats[j].sentence_end:
                end = j + 1
                break
    before = feats[start - 1] if start > 0 else None
    if (before is not None and before.words >= NEAR_WORDS and not before.sentence_end
            and not _bad_by_shape(before)):
        start -= 1
    return start, end


def _bad_by_shape(f: LineFeatures) -> bool:
    return bool(_glued(f) or f.link_tokens or f.digit_share >= DIGIT_SHARE_BAD
                or f.counters >= COUNTERS_BAD or f.separators >= SEPARATORS_BAD or f.list_item)


def _bad_but_for_a_bullet(f: LineFeatures) -> bool:
    """Bad by its shape for another reason than a bullet (a list's item)."""
    return _bad_by_shape(f._replace(list_item=False))


def _comment_thread(feats, first, body) -> int | None:
    """Where a comment thread starts: the first of THREAD_SIGNATURES short
    dated lines ("Maria July 7, 2012 at 2:31 pm", "3 hours ago") each
    followed by prose within THREAD_SPACING lines, taking with it the
    short lines just above (commenter's name, "One Comment"). A thread is
    looked for only once the article has had its prose; prose between that
    mostly opens with an Arabic connective ("وأضافت", "وكانت") is the
    article going on under dated subheads."""
    if body is None:
        return None
    signatures = [i for i in range(body[0], len(feats))
                  if feats[i] and feats[i].dated and SIGNATURE_MIN_WORDS <= feats[i].words <= SIGNATURE_MAX_WORDS
                  and first[i] != "good"]
    for k in range(len(signatures) - THREAD_SIGNATURES + 1):
        chain = signatures[k:k + THREAD_SIGNATURES]
        if not all(b - a <= THREAD_SPACING and any(first[j] in ("good", "near") for j in range(a + 1, b))
                   for a, b in zip(chain, chain[1:])):
            continue
        if _goes_on(feats, list(_prose_lines(feats, first, chain[0] + 1, chain[-1]))):
            continue  # the article going on under dated subheads ("جلسة 12 مارس 2019"), not comments
        start = chain[0]
        prose_before = sum(feats[j].words for j in range(body[0], start) if feats[j] and first[j] == "good")
        if prose_before < THREAD_MIN_PROSE:
            return None
        for _ in range(THREAD_HEADER_LINES):
            j = _next_feature_line(feats, start - 1, step=-1)
            if j is None or first[j] in ("good", "near"):
                break
            start = j
        return start
    return None


def _arabic_title(text: str, f: LineFeatures) -> bool:
    """An Arabic line "bad" only for want of stopwords that can be a title:
    Arabic headlines are nouns and verbs ("مهرّب سجائر يتزعم عصابة مسلحة
    لترويج البضائع المقلدة"), with fewer stopwords than the justext list
    expects of prose.
    (Elsewhere titles carry their articles and prepositions: the bench's
    English pages lose as much as they gain from this.)"""
    return (not _bad_by_shape(f) and f.words <= TITLE_MAX_WORDS and not f.sentence_end
            and _ARABIC_LETTER.search(text) is not None)


def _next_feature_line(feats, i, step=1) -> int | None:
    while 0 <= i < len(feats):
        if feats[i] is not None:
            return i
        i += step
    return None


WRAPPED_PIECE_MIN_WORDS = 3


def _wrapped_pieces(texts, feats, first) -> frozenset[int]:
    """Short Arabic lines that go on the sentence of the prose line right
    above them (no blank line between, no stop there; itself not the first
    line of its block, as a title is) and read as prose (3+ words with a
    stopword, or the end of the sentence; no date, nothing bad by its
    shape: a byline under a title is none): pieces of a hard-wrapped
    paragraph, which cost nothing in the search for the body.
    Arabic only: English pages lose more than they gain (teaser lists under
    a sentence without a stop)."""
    return frozenset(i for i in range(2, len(feats))
                     if first[i] == "short" and feats[i - 1] is not None and first[i - 1] in ("good", "near")
                     and not feats[i - 1].sentence_end and feats[i - 2] is not None
                     and (feats[i].sentence_end
                          or feats[i].words >= WRAPPED_PIECE_MIN_WORDS and feats[i].stop_share)
                     and not (feats[i].dated or _bad_by_shape(feats[i]))
                     and _ARABIC_LETTER.search(texts[i]))


def _value(f: LineFeatures, label: str) -> float:
    if label == "good":
        return f.words
    if label == "near":
        return f.words * NEAR_WEIGHT
    if label == "bad":
        return -(f.words * BAD_WEIGHT + SHORT_COST)
    return -SHORT_COST


def _headlines(texts, feats, body, first, has_stoplist: bool) -> frozenset[int]:
    """Title-like lines among the few just before the body: the headline
    (and a subtitle, or the headline given twice) stays with the article.
    A line bad by itself is none, where the language has a stoplist (without
    one, a headline is "bad" for want of punctuation alone), unless it is an
    Arabic title bad only for want of stopwords (`_arabic_title`)."""
    if body is None:
        return frozenset()
    found, seen = [], 0
    for i in range(body[0] - 1, -1, -1):
        f = feats[i]
        if f is None:
            continue
        seen += 1
        if seen > HEADLINE_LOOKBACK or len(found) == HEADLINES_MAX:
            break
        if (HEADLINE_MIN_WORDS <= f.words <= HEADLINE_MAX_WORDS and not f.run_together
                and not (first[i] == "bad" and has_stoplist and not _arabic_title(texts[i], f))
                and not f.link_tokens and f.digit_share < DIGIT_SHARE_BAD and not f.dates):
            found.append(i)
    return frozenset(found)


def _decide(i, f, first, revised, bad_context, lone_item, body, headlines, thread, listed=False) -> LineVerdict:
    if f is None:
        return LineVerdict(i, None, first, revised, True, None, None, "blank or decided by a rule")

    def verdict(keep, rule_id, category, reason) -> LineVerdict:
        return LineVerdict(i, f, first, revised, keep, rule_id, category, reason, _value(f, first))

    if body is None:
        return verdict(True, None, None, "no body found: nothing cut")
    start, end = body
    if i in headlines:
        return verdict(True, None, None, "headline just before the body")
    if start <= i < end and listed:
        return verdict(True, None, None, "item of a list the article announces")
    if start <= i < end:
        # inside the body only what is bad by its shape (or short and bad)
        # goes, or a short line between bad ones (not a bulleted sentence,
        # an item of the article's own list), or a short bulleted item
        # alone between plain lines (a teaser); a short line next to the
        # body's prose, or a long one bad only for want of stopwords, stays
        if first == "short" and lone_item:
            return verdict(False, f"{RULE_PREFIX}.inside", "related",
                           "short bulleted item alone between plain lines (a teaser) inside the body")
        if (first == "bad" and (_bad_by_shape(f) or f.words < NEAR_WORDS)
                or first == "short" and bad_context and not (f.list_item and f.sentence_end)):
            return verdict(False, f"{RULE_PREFIX}.inside", _category(f), f"{_why(f, first)} inside the body")
        return verdict(True, None, None, f"{revised} line in the body")
    if i < start:
        return verdict(False, f"{RULE_PREFIX}.before-body", _category(f, "navigation"),
                       f"{_why(f, first)} before the body (lines {start + 1}-{end})")
    if thread is not None and i >= thread:
        return verdict(False, f"{RULE_PREFIX}.comments", "comments",
                       f"{_why(f, first)} in the comment thread from line {thread + 1}")
    return verdict(False, f"{RULE_PREFIX}.tail", _category(f, "related"),
                   f"{_why(f, first)} after the body (lines {start + 1}-{end})")


def _category(f: LineFeatures, default: str = "boilerplate") -> str:
    if _glued(f) or f.link_tokens:
        return "share"
    if f.dates or f.digit_share >= DIGIT_SHARE_BAD:
        return "metadata"
    return default


def _why(f: LineFeatures, first: str) -> str:
    if _glued(f):
        return "words run together"
    if _archive_list(f):
        return f"{f.counters} bracketed counts (an archive or category list)"
    if _flat_menu(f):
        return f"{f.separators} item separators (a flattened menu)"
    if f.words and f.link_tokens / f.words >= LINK_SHARE_BAD:
        return f"{f.link_tokens} link-like tokens"
    if first == "short":
        return f"short line ({f.words} words)"
    if first == "bad":
        return f"line without prose ({f.words} words, {f.stop_share:.0%} stopwords)"
    return f"{first} line ({f.words} words)"
