"""A second article appended after a read-also insertion (docs/generic.md, 2).

A read-also insertion (cut by a rule) on a line of its own, after a first
article, opens a second article when the text after it opens with a
dateline, the text before it closed with a source credit, or the paragraph
after it tells the story of the box's headline.
"""

from __future__ import annotations

try:  # Cython compiles this module (stripper/_native.py); second_article.pxd types Lines and Thresholds
    import cython
except ImportError:  # run as plain Python, Cython absent
    from .. import _cython_shim as cython  # type: ignore[no-redef]

from ..normalize import word_count
from ..sentence import ends_paragraph
from .arabic import opens_with_connective
from .body import insertion_boxes
from .cues import DATELINE, SOURCE_CREDIT, TEASER_END
from .labels import content_words
from .lines import Lines
from .thresholds import Thresholds


@cython.locals(lines=Lines, t=Thresholds)
def second_article(lines: Lines, t: Thresholds) -> tuple[int, str] | None:
    """Where a second article starts, and why: at a read-also insertion on
    a line of its own (the marker with its headline, or the marker alone with
    the headline on a line of its own below), after a first article (at
    least `second_article_after_words` words of prose above it)."""
    text, decided = lines.doc.lines, lines.decided
    boxes = insertion_boxes(lines.rule_cuts)
    for k, cut in enumerate(boxes):
        if cut.end - cut.start != 1 or (
            k
            and boxes[k - 1].end <= cut.start
            and all(j in decided or not text[j].strip() for j in range(boxes[k - 1].end, cut.start))
        ):
            continue  # a box of several lines, or the headline right under a marker (judged with it)
        after = _next_text_line(lines, cut.end)
        before = _next_text_line(lines, cut.start - 1, step=-1)
        if after is None:
            continue
        below = [c.start for c in boxes[k + 1 :] if c.start < after]
        headline = below[0] if below else cut.start  # else the marker's line holds it
        if headline == cut.start and word_count(text[cut.start]) < t.headline_content_words_min + 2:
            continue  # a marker alone, and no headline under it
        if _prose_words_above(lines, cut.start, t) < t.second_article_after_words:
            continue  # a read-also box above the article: what follows is the article
        opening = f"second article after the read-also marker on line {cut.start + 1}"
        if DATELINE.match(text[after][:60]):
            return cut.start, f"{opening} (line {after + 1} opens with a dateline)"
        if before is not None and SOURCE_CREDIT.match(text[before]):
            return cut.start, f"{opening} (the first closed with a source credit on line {before + 1})"
        if _tells_the_headlines_story(lines, headline, after, cut.start, t):
            return cut.start, f"{opening} (line {after + 1} opens on the words of the headline on line {headline + 1})"
    return None


@cython.locals(t=Thresholds)
def _tells_the_headlines_story(lines: Lines, headline: int, after: int, marker: int, t: Thresholds) -> bool:
    """Whether the paragraph on line `after` opens the story of the headline
    on line `headline`, rather than going on with the article above the
    read-also marker on line `marker`: it holds `headline_covered` of the
    headline's content words, more than the first article does, and does
    not open with a connective (a paragraph that goes on the first article
    after a box opens so six times in ten, and may share words with the
    box's headline: a story from the same town), nor is it a teaser cut
    short ("... اقرأ المزيد")."""
    norm, stop = lines.doc.normalized, lines.stop
    wanted = content_words(norm[headline], stop)
    paragraph = _wrapped_paragraph(lines, after, t)
    if (
        len(wanted) < t.headline_content_words_min
        or word_count(paragraph) < t.near_words
        or opens_with_connective(paragraph)
        or TEASER_END.search(paragraph)
    ):
        return False
    covered = len(wanted & content_words(paragraph, stop))
    if covered < t.headline_covered * len(wanted):
        return False  # (the words of the lines above are read only when it may be so)
    above = set().union(*(content_words(norm[i], stop) for i in range(marker) if i not in lines.decided))
    return covered > len(wanted & above)


@cython.locals(lines=Lines, t=Thresholds)
def _wrapped_paragraph(lines: Lines, i: int, t: Thresholds) -> str:
    """Line i's matching form and, in a hard-wrapped dump, the lines that go
    on with its paragraph (the line above does not end it), joined."""
    norm = lines.doc.normalized
    parts = [norm[i]]
    j = i + 1
    while (
        len(parts) < t.wrapped_paragraph_max_lines
        and j < len(norm)
        and norm[j]
        and j not in lines.decided
        and not ends_paragraph(parts[-1])
    ):
        parts.append(norm[j])
        j += 1
    return " ".join(parts)


@cython.locals(lines=Lines, t=Thresholds)
def _prose_words_above(lines: Lines, end: int, t: Thresholds) -> int:
    """Words of the lines above `end` that are long enough to be prose
    (`near_words` or more), rules' lines left out; counted up to the need."""
    total = 0
    for i in range(end):
        if i not in lines.decided:
            words = word_count(lines.doc.lines[i])
            if words >= t.near_words:
                total += words
                if total >= t.second_article_after_words:
                    break
    return total


@cython.locals(lines=Lines)
def _next_text_line(lines: Lines, i: int, step: int = 1) -> int | None:
    """The next line from i that holds text and no rule decided."""
    text = lines.doc.lines
    while 0 <= i < len(text):
        if text[i].strip() and i not in lines.decided:
            return i
        i += step
    return None
