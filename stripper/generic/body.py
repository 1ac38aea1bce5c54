"""The steps that find the article's body and move its edges (docs/generic.md, 5).

Each step reads the `Lines` record, may move `lines.body` (through
`Lines.set_body`, which names the step), and returns its Decisions. They
run only once a body is found, in the order of `BODY_STEPS`.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

try:  # Cython compiles this module (stripper/_native.py); body.pxd types Lines and LineFeatures
    import cython
except ImportError:  # run as plain Python, Cython absent
    from .. import _cython_shim as cython  # type: ignore[no-redef]

from ..normalize import normalize
from ..sentence import ENDING_CHARS
from .arabic import ARABIC_LETTER
from .cues import (
    ANNOUNCING,
    AUTHOR_BOX,
    BYLINE,
    CLOSING_NOT_OPENING,
    CODE_LINE,
    COMMENT_COUNT,
    COMMENT_HEADING,
    COMMENT_TALLY,
    CUT_SHORT,
    CUT_SHORT_NEEDS,
    DIAGRAM_INITIALS,
    DIAGRAM_OPENING,
    FIELD,
    LABELLED_HEADLINE,
    MORE_LINK,
    MORE_LINK_WORDS,
    NOT_CODE,
    NUMBERED,
    OPENS_ANNOUNCING,
    PERSON,
    TABLE_ROW,
    may_tally_comments,
)
from .features import COLUMN_GAP, COLUMN_TAIL_CHARS, SAMPLE_CHARS, LineFeatures
from .labels import PROSE, bad_but_for_a_bullet, bad_by_shape, content_words, headline_like, link_heavy, markup, value
from .lines import Decision, Lines
from .thresholds import Thresholds


@cython.locals(lines=Lines, t=Thresholds)
def densest_run(lines: Lines, t: Thresholds, end: int | None = None) -> tuple[int, int, str | None] | None:
    """The body (a half-open line range) among the lines before `end`, or
    None if nothing is good; with it, what `_article_above` said when it
    chose an article above the densest run (else None).

    The lines are cut into runs wherever the running sum of line values
    drops to zero (Kadane); each run's best stretch is a candidate. The
    article comes before its comments, related lists and footer, so the
    body is the first candidate worth at least `early_share` of the best,
    or an article above it (`_article_above`): the steps that search the
    body again search it as `find_body` and `article_above` did. Values
    come from the first labels only (a line alone), so that the cleaned
    text, which lacks the cut lines, has the same body."""
    found = candidates(lines, t, end)
    body = first_worthy(found, t)
    if body is None:
        return None
    above = _article_above(lines, t, found, body)
    return (body[0], body[1], None) if above is None else above


def first_worthy(found: list[tuple[float, int, int]], t: Thresholds) -> tuple[int, int] | None:
    """The first candidate worth `early_share` of the best, as a line range."""
    if not found:
        return None
    best = max(c[0] for c in found)
    _, begin, stop = next(c for c in found if c[0] >= t.early_share * best)
    return begin, stop


@cython.locals(lines=Lines, t=Thresholds, i=cython.Py_ssize_t)
def _article_above(lines: Lines, t: Thresholds, found: list, body: tuple[int, int]) -> tuple[int, int, str] | None:
    """An earlier candidate that is the article, when the one `first_worthy`
    took (`body`) is not (docs/generic.md, 5.1.1): the first candidate above
    it worth `article_above_share` of it or more, and

    - the body ends fewer than `ended_share` of its prose lines with a
      sentence (`ends_sentence`: a line cut short ends none), and the
      candidate `ended_share` of its own or more, one of them a line with
      no bullet: a sidebar's box ("About me ... View my complete profile",
      "... Learn more »"), a list of the latest comments cut short, a
      site's disclaimer and a dictionary's definitions are worth more than
      a short article above them, and end few sentences;
    - or a line between them, not good, counts or heads the comments
      (`cues.COMMENT_TALLY`, `cues.COMMENT_HEADING`: "2 comments:", "100 of
      253 comments loaded", "Dodaj komentarz"), and the candidate holds a
      good line that ends a sentence with no bullet: the comments come
      after the article, and a long one outweighs a short story.

    The candidate's range and what was passed over; None when the body
    stands."""
    start = body[0]
    worth = next(c[0] for c in found if c[1] == start)
    ended, prose, _ = _ended(lines, start, body[1])
    unended = ended < t.ended_share * prose
    for earlier, begin, stop in found:
        if stop > start:
            return None
        if earlier < t.article_above_share * worth:
            continue
        own, of, paragraph = _ended(lines, begin, stop)
        if not paragraph:
            continue
        run = f"the article above the run of lines {start + 1}-{body[1]}, which"
        if unended and own >= t.ended_share * of:
            return begin, stop, f"{run} ends {ended} of its {prose} prose lines with a sentence"
        if paragraph == "good":
            for i in lines.text_lines(stop, start):
                if lines.first[i] != "good" and _tells_of_comments(lines.texts[i]):
                    return begin, stop, f"{run} lies under the count of the comments on line {i + 1}"
    return None


def _tells_of_comments(text: str) -> bool:
    """A line that counts the comments, alone or inside a longer line
    ("2 comments:", "100 of 253 comments loaded"), or heads them ("Dodaj
    komentarz")."""
    return may_tally_comments(text) and (
        COMMENT_TALLY.search(text) is not None or COMMENT_HEADING.match(text) is not None
    )


@cython.locals(lines=Lines, i=cython.Py_ssize_t, feats=list, first=list)
def _ended(lines: Lines, begin: int, stop: int) -> tuple[int, int, str]:
    """How many prose lines (good or near) of lines begin..stop end a
    sentence (`ends_sentence`), how many there are, and the best label
    ("good", else "near", else "") of those that end one with no bullet.
    (The lines of `Lines.prose_lines`, read in a loop: compiled, a C one.)"""
    ended, prose, paragraph = 0, 0, ""
    feats, first = lines.features, lines.first
    for i in range(begin, stop):
        if feats[i] is None or first[i] not in PROSE:
            continue
        prose += 1
        if ends_sentence(lines, i):
            ended += 1
            if not lines.features[i].list_item and paragraph != "good":
                paragraph = lines.first[i]
    return ended, prose, paragraph


@cython.locals(
    lines=Lines,
    t=Thresholds,
    first=list,
    i=cython.Py_ssize_t,
    gap=cython.Py_ssize_t,
    total=cython.double,
    worth=cython.double,
    label=str,
)
def candidates(lines: Lines, t: Thresholds, end: int | None = None, begin: int = 0) -> list[tuple[float, int, int]]:
    """Each run's best stretch (value, start, end), in order: the body's
    candidates among the lines from `begin` to before `end`. (Compiled,
    the sums are C doubles: the very sums of Python's floats.)"""
    first = lines.first
    found: list[tuple[float, int, int]] = []
    total, start, best_here, gap = 0.0, None, None, 0
    for i in range(begin, len(first) if end is None else end):
        label = first[i]
        if label == "blank":
            continue
        if start is None or total <= 0:
            if best_here:
                found.append(best_here)
            total, start, best_here = 0.0, i, None
        worth = search_value(lines, i, t)
        gap = gap + 1 if worth < 0 else 0
        # long gaps cost more, up to a cap: an article's own table or list of
        # short lines costs no more than a few times its lines
        total += worth * min(t.gap_cost_max, 1 + t.gap_growth * (gap - 1)) if gap else worth
        if total > 0 and (best_here is None or total > best_here[0]):
            best_here = (total, start, i + 1)
    if best_here:
        found.append(best_here)
    return found


def search_value(lines: Lines, i: int, t: Thresholds) -> float:
    """Line i's value in the search for the body: its first label's, but
    nothing for a piece of a wrapped sentence or a line of a code block or
    a table, and a short line's cost in a list of dated teasers. (Each set
    is asked only when it holds a line: most documents have none of them.)"""
    if lines.pieces and i in lines.pieces or lines.code and i in lines.code:
        return 0.0
    if lines.dated_list and i in lines.dated_list or lines.teaser_list and i in lines.teaser_list:
        return -t.short_cost
    return value(lines.features[i], lines.first[i], t)


@cython.locals(lines=Lines)
def wrapped_pieces(lines: Lines, t: Thresholds) -> frozenset[int]:
    """Short Arabic lines that go on the sentence of the prose line right
    above them (no blank line between, no stop there; itself not the first
    line of its block, as a title is) and read as prose (3+ words with a
    stopword, or the end of the sentence; no date, nothing bad by its
    shape: a byline under a title is none): pieces of a hard-wrapped
    paragraph, which cost nothing in the search for the body.
    Arabic only: English pages lose more than they gain (teaser lists under
    a sentence without a stop). A document without an Arabic letter (its
    matching form holds none, nor its text a tatweel, which that form
    drops) has none: its lines are not read."""
    if not lines.doc.holds_arabic and "\u0640" not in lines.doc.text:
        return frozenset()
    feats, first, texts = lines.features, lines.first, lines.texts
    return frozenset(
        i
        for i in range(2, len(feats))
        if first[i] == "short"
        and feats[i - 1] is not None
        and first[i - 1] in PROSE
        and not feats[i - 1].sentence_end
        and feats[i - 2] is not None
        and (feats[i].sentence_end or feats[i].words >= t.wrapped_piece_min_words and feats[i].stop_share)
        and not (feats[i].dated or bad_by_shape(feats[i], t))
        and ARABIC_LETTER.search(texts[i])
    )


@cython.locals(
    lines=Lines,
    t=Thresholds,
    i=cython.Py_ssize_t,
    code=cython.Py_ssize_t,
    rows=cython.Py_ssize_t,
    left=cython.Py_ssize_t,
    needed=cython.double,
    rows_needed=cython.double,
)
def code_blocks(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """An article's code blocks and tables: blocks of lines with no blank
    line between, `code_block_min_lines` or more, none of them good, and
    `code_block_share` or more of them lines of code (`code_line`), or rows
    of a table (`table_row`), `table_rows_min` of them or more. Their lines
    cost nothing in the search for the body and stay inside it
    (`cut_inside`): a technical article's code, a ranking's table, their
    short and bad lines costing as a menu's, split it into pieces, and the
    body was one of them. (`lines.code`.)"""
    feats, first, raw = lines.features, lines.first, lines.doc.lines
    found: set[int] = set()
    block: list[int] = []
    for i in range(len(feats) + 1):
        # (a line with features has text: its raw line is asked only when it has none)
        if i < len(feats) and (feats[i] is not None or raw[i] and not raw[i].isspace()):
            if feats[i] is not None:
                block.append(i)
            continue
        if len(block) >= t.code_block_min_lines and _none_good(first, block):
            needed = t.code_block_share * len(block)
            rows_needed = max(needed, t.table_rows_min)
            code, rows, left = 0, 0, len(block)
            for j in block:  # its lines of code and rows, until too few are left to count
                code += code_line(lines, j)
                rows += table_row(lines, j)
                left -= 1
                if code + left < needed and rows + left < rows_needed:
                    break
            if code >= needed or rows >= rows_needed:
                found.update(block)
                what = f"{code} of them code" if code >= needed else f"{rows} of them a table's rows"
                yield Decision(
                    "code_blocks",
                    range(block[0], block[-1] + 1),
                    "list",
                    f"a block of {len(block)} lines, {what}: free in the search for the body, kept in it",
                )
        block = []
    lines.code = frozenset(found)


@cython.cfunc
@cython.locals(first=list, block=list, j=cython.Py_ssize_t)
@cython.returns(cython.bint)
def _none_good(first, block) -> cython.bint:
    """No line of `block` is good. (Compiled: a C loop, not all() of a
    generator a block.)"""
    for j in block:
        if first[j] == "good":
            return False
    return True


@cython.locals(lines=Lines)
def table_row(lines: Lines, i: int) -> bool:
    """Whether line i reads as a row of a table as a dump lays it out
    (`cues.TABLE_ROW`: three columns or more aligned by runs of spaces),
    a letter among its cells (a calendar's days are none), with no markup,
    link or bullet."""
    text = lines.texts[i]
    if "  " not in text:  # (most lines: no run of spaces that TABLE_ROW needs)
        return False
    return bool(TABLE_ROW.search(text) and not NOT_CODE.search(text) and _holds_letter(text, False))


@cython.locals(lines=Lines, f=LineFeatures)
def code_line(lines: Lines, i: int) -> bool:
    """Whether line i reads as a line of program code (`cues.CODE_LINE`: a
    call, a brace, a statement's end, an assignment, a snake_case name, a
    comment's opening, a printed table's rules), ending no sentence, with
    no markup, link or bullet (`cues.NOT_CODE`) and no letter outside ASCII
    (a Greek question ends with ";", a Russian list's items too), or a
    diagram's first line (`cues.DIAGRAM_OPENING`: "flowchart TD")."""
    f = lines.features[i]
    if f.sentence_end:
        return False
    if not (f.code_marks or f.chars > SAMPLE_CHARS):
        # (most lines: no mark that a match of CODE_LINE holds, seen by the line's features)
        return (
            f.words <= 2
            and _may_open_diagram(lines.texts[i])
            and DIAGRAM_OPENING.match(lines.texts[i].strip()) is not None
        )
    text = lines.texts[i]
    if NOT_CODE.search(text) or CODE_LINE.search(text) is None:
        return False
    return text.isascii() or not _holds_letter(text, True)


@cython.cfunc
@cython.locals(text=str, c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _may_open_diagram(text) -> cython.bint:
    """Whether the line's first visible character opens a word that
    `cues.DIAGRAM_OPENING` starts with (`cues.DIAGRAM_INITIALS`): the
    regex is asked of those alone."""
    for c in text:
        if not c.isspace():
            return c in DIAGRAM_INITIALS
    return False


@cython.cfunc
@cython.locals(text=str, beyond_ascii=cython.bint, c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _holds_letter(text, beyond_ascii) -> cython.bint:
    """Whether `text` holds a letter (`beyond_ascii`: one outside ASCII)."""
    for c in text:
        if c.isalpha() and (not beyond_ascii or c > "\x7f"):
            return True
    return False


@cython.locals(lines=Lines, t=Thresholds, feats=list, text_lines=list)
def dated_lists(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """Lists of dated items: `dated_list_items` or more short dated lines
    ("Сегодня, 9:38", "5 January 2012") each within `dated_list_spacing`
    lines of the next, with prose between: a news ticker or a box of
    teasers, each under its time. The lines from the first to the last
    cost as much as short lines in the search for the body, whatever their
    labels, so that the article, not the box of many teasers, is the body."""
    feats, first = lines.features, lines.first
    text_lines = [i for i in range(len(feats)) if feats[i] is not None]
    items = [
        k
        for k, i in enumerate(text_lines)
        if feats[i].dated and feats[i].words <= t.dated_item_max_words and first[i] != "good"
    ]
    chains, chain = [], []
    for k in items:
        if chain and k - chain[-1] > t.dated_list_spacing:
            chains.append(chain)
            chain = []
        chain.append(k)
    chains.append(chain)
    listed = set()
    for chain in chains:
        if len(chain) < t.dated_list_items:
            continue
        a, b = text_lines[chain[0]], text_lines[chain[-1]]
        if not any(first[j] in PROSE for j in range(a + 1, b)):
            continue  # a column of dates (an archive, a timetable): no teasers
        listed.update(range(a, b + 1))
        yield Decision(
            "dated_lists",
            range(a, b + 1),
            "list",
            f"a list of {len(chain)} dated items (a ticker, a box of teasers): no body there",
        )
    lines.dated_list = frozenset(listed)


@cython.locals(
    lines=Lines,
    t=Thresholds,
    k=cython.Py_ssize_t,
    j=cython.Py_ssize_t,
    n=cython.Py_ssize_t,
    feats=list,
    text_lines=list,
    shaped=list,
    in_a_row=list,
)
def teaser_lists(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """Lists of teasers: `teaser_list_items` or more bulleted headlines in a
    row, each followed right below by one prose line of at most
    `teaser_max_prose_words` words that tells its story (it holds
    `teaser_told_share` of the headline's content words, compared by their
    first `teaser_stem_letters` letters): a "latest news" box, which holds
    more prose than a short article above it. The teasers cost as much as
    short lines in the search for the body. (A flattened second column
    puts a menu's items between an article's paragraphs: they tell no
    story, and the article stays.)"""
    feats = lines.features
    text_lines = [i for i in range(len(feats)) if feats[i] is not None]
    n = len(text_lines)
    # the pairs by their shape first (cheap), and how many follow each in a
    # row; the story is read only in a run long enough to count, once a pair
    shaped = [False] * n
    for k in range(n - 1):
        shaped[k] = _teaser_shape(lines, text_lines[k], text_lines[k + 1], t)
    in_a_row = [0] * (n + 2)
    for k in range(n - 1, -1, -1):
        in_a_row[k] = in_a_row[k + 2] + 1 if shaped[k] else 0
    told: dict[int, bool] = {}
    listed: set[int] = set()
    k = 0
    while k < n:
        if in_a_row[k] < t.teaser_list_items:
            k += 1
            continue
        run = []
        j = k
        while j < n and shaped[j]:
            if j not in told:
                told[j] = _tells_its_story(lines, text_lines[j], text_lines[j + 1], t)
            if not told[j]:
                break
            run.append(text_lines[j + 1])
            j += 2
        if len(run) < t.teaser_list_items:
            k += 1
            continue
        listed.update(run)
        yield Decision(
            "teaser_lists",
            range(text_lines[k], run[-1] + 1),
            "list",
            f"a list of {len(run)} bulleted headlines, each over its story's first lines: no body there",
        )
        k = j
    lines.teaser_list = frozenset(listed)


@cython.cfunc
@cython.locals(lines=Lines, t=Thresholds, h=LineFeatures, p=LineFeatures)
@cython.returns(cython.bint)
def _teaser_shape(lines: Lines, headline: cython.Py_ssize_t, teaser: cython.Py_ssize_t, t: Thresholds) -> cython.bint:
    """Whether line `headline` is a bulleted headline and line `teaser`, right
    below it, a prose line short enough to be its teaser."""
    h, p = lines.features[headline], lines.features[teaser]
    return bool(
        h.list_item
        and lines.first[headline] in ("near", "short")
        and h.words <= t.teaser_max_words
        and headline_like(h)
        and lines.first[teaser] in PROSE
        and p.words <= t.teaser_max_prose_words
    )


@cython.locals(lines=Lines, t=Thresholds)
def _tells_its_story(lines: Lines, headline: int, teaser: int, t: Thresholds) -> bool:
    """Whether line `teaser` holds `teaser_told_share` of the content words
    of line `headline` (by their first `teaser_stem_letters` letters)."""
    norm, stop, letters = lines.doc.normalized, lines.stop, t.teaser_stem_letters
    wanted = {word[:letters] for word in content_words(norm[headline], stop)}
    told = wanted & {word[:letters] for word in content_words(norm[teaser], stop)}
    return bool(told) and len(told) >= t.teaser_told_share * len(wanted)


@cython.locals(lines=Lines, t=Thresholds)
def find_body(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    lines.candidates = candidates(lines, t)
    body = first_worthy(lines.candidates, t)
    if body is not None:
        yield lines.set_body("find_body", *body, "the first densest run of prose")


@cython.locals(lines=Lines, t=Thresholds)
def article_above(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """The body goes back to an earlier candidate that reads as the article
    when the one `find_body` took does not (`article_above`): it ends few
    of its sentences (a sidebar's box, a list of teasers), or lies under
    a count of the comments."""
    above = _article_above(lines, t, lines.candidates, lines.body)
    if above is not None:
        begin, stop, lines.passed_over = above
        yield lines.set_body("article_above", begin, stop, lines.passed_over)


@cython.locals(t=Thresholds)
def article_opening(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """The candidate right before the body (5.1), when it reads as the
    article's opening: `opening_good_min` or more good lines, and
    `opening_ends_share` or more of them ending a sentence. A gallery's
    captions, ads or links between an article's first paragraphs and the
    rest split it into two candidates, and the first, worth less than
    `early_share` of the rest, was left out; teasers and menus above an
    article are near lines, or good ones that end no sentence. The body
    then starts there, and the candidate above it is read in turn, when it
    also tells of the body: `opening_topic_share` or more of its content
    words (`_topic_stems`) are the body's (a ranking's sections, each
    split from the next by its short lines; not other articles' teasers);
    from there on, a candidate that does not read as prose (a table's or
    a list's best stretch) is passed over for the nearest one above it
    that does.
    Good lines only are counted: the headline above the body, which
    stays, joins the candidate in the cleaned text."""
    further = False
    while True:
        start, end = lines.body
        before = [c for c in lines.candidates if c[2] <= start]
        if not before:
            return
        _, begin, stop = before[-1]
        if not _opens_article(lines, t, begin, stop):
            if not further:
                return
            # past a candidate of no prose (a table's, a list's best stretch), the nearest that is
            nearest = _nearest_opening(lines, t, before[-2::-1])
            if nearest is None:
                return
            _, begin, stop = nearest
        why = f"the candidate above (lines {begin + 1}-{stop}) reads as the opening"
        if further:
            told = _tells_of(lines, t, begin, stop, start, end)
            if told is None:
                return
            why += f" and tells of the body below ({told[0]} of its {told[1]} topic words)"
        yield lines.set_body("article_opening", begin, end, why)
        further = True


def _opens_article(lines: Lines, t: Thresholds, begin: int, stop: int) -> bool:
    """Lines begin..stop read as an article's prose: `opening_good_min`
    good lines or more, `opening_ends_share` of them ending a sentence."""
    good = [i for i in lines.prose_lines(begin, stop) if lines.first[i] == "good"]
    ends = sum([lines.features[i].sentence_end for i in good])
    return len(good) >= t.opening_good_min and ends >= t.opening_ends_share * len(good)


def _nearest_opening(lines: Lines, t: Thresholds, candidates: list) -> tuple | None:
    """The first of `candidates` (the body's nearest first) that reads as an
    article's prose (`_opens_article`), or None: the others are not read."""
    for candidate in candidates:
        if _opens_article(lines, t, candidate[1], candidate[2]):
            return candidate
    return None


def _tells_of(lines: Lines, t: Thresholds, begin: int, stop: int, start: int, end: int) -> tuple[int, int] | None:
    """(shared, all) of the topic stems of lines begin..stop when
    `opening_topic_share` of them or more are stems of lines start..end,
    else None."""
    topic = _topic_stems(lines, t, begin, stop)
    told = topic & _topic_stems(lines, t, start, end)
    if not topic or len(told) < t.opening_topic_share * len(topic):
        return None
    return len(told), len(topic)


@cython.locals(lines=Lines, t=Thresholds)
def article_sections(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """The article going on below the body in candidates of its own (5.1):
    a ranking's or a guide's sections, each split from the next by its
    lists of short items (a product's features, `Pros`, `Cons`), whose
    short lines cost more than a section is worth. The next candidate
    below the body joins it when it reads as the article's prose, as
    `article_opening` reads the one above (`_opens_article`), and tells of
    the body (`_tells_of`: `opening_topic_share` of its topic words are the
    body's); then the next one, in turn. A candidate that does not read
    as prose (a table's or a list's best stretch) is passed over for the
    next one that does. The steps after this one still end the body at a
    comment thread, a label or a tail."""
    while True:
        start, end = lines.body
        after = [c for c in lines.candidates if c[1] >= end]
        if not after:
            return
        # past candidates of no prose (a table's, a list's best stretch), the nearest that is
        nearest = _nearest_opening(lines, t, after)
        if nearest is None:
            return
        _, begin, stop = nearest
        told = _tells_of(lines, t, begin, stop, start, end)
        if told is None:
            return
        why = f"the candidate below (lines {begin + 1}-{stop}) goes on the article"
        yield lines.set_body("article_sections", start, stop, f"{why} ({told[0]} of its {told[1]} topic words)")


def _topic_stems(lines: Lines, t: Thresholds, begin: int, stop: int) -> set[str]:
    """The content words of the prose lines begin..stop, by their first
    `teaser_stem_letters` letters (as `teaser_lists` compares them)."""
    norm, stop_words, letters = lines.doc.normalized, lines.stop, t.teaser_stem_letters
    stems: set[str] = set()
    for i in lines.prose_lines(begin, stop):
        stems.update([word[:letters] for word in content_words(norm[i], stop_words)])
    return stems


def footer_lines(lines: Lines) -> set[int]:
    """The lines the rules cut whole as a site's footer (category `footer`:
    a copyright or legal line)."""
    return {cut.start for cut in lines.rule_cuts if cut.span is None and cut.category == "footer"}


@cython.locals(lines=Lines, t=Thresholds, c=cython.Py_ssize_t, first_good=cython.Py_ssize_t)
def site_footer(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """A body found below a site's footer: a line the rules cut whole as a
    footer (a copyright or legal line) in the document's last part (from
    `footer_position_min` of its lines on), above the body's first good
    line. The body is searched again above that line, as the output will
    have it, when a candidate there is worth `footer_above_share` of the
    best: a site's legal text or its rules for comments, under its
    copyright line, hold more prose than a short article above them.
    (Higher up the page, a footer's sign is a photo's credit over the
    article.)"""
    start, end = lines.body
    first_good = start
    while first_good < end and lines.first[first_good] != "good":
        first_good += 1
    low = t.footer_position_min * len(lines.doc.lines)
    c = min([i for i in footer_lines(lines) if low <= i < first_good], default=-1)
    if c < 0:
        return
    found = lines.candidates
    best = max([value for value, _, _ in found])
    if any([value >= t.footer_above_share * best and stop <= c for value, _, stop in found]):
        moved = _body_above(lines, t, "site_footer", c, f"the site's footer on line {c + 1} lies above the body")
        if moved:
            yield moved


@cython.locals(lines=Lines, f=LineFeatures, t=Thresholds)
def headline_roll(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """A body that opens with `headline_list_min` or more headlines each
    labelled with its section ("سياسة: رئيس الحكومة يستقبل ...", "Sport |
    United win the derby": a "latest news" roll; at most
    `teaser_max_words` words, no sentence end, no connective) starts at the
    first prose line after them; they are no title of the article."""
    feats, first, texts = lines.features, lines.first, lines.texts
    start, end = lines.body
    roll = []
    for i in lines.text_lines(start, end):
        f = feats[i]
        if not (
            first[i] in ("near", "short")
            and f.words <= t.teaser_max_words
            and headline_like(f)
            and LABELLED_HEADLINE.match(texts[i])
        ):
            break
        roll.append(i)
    if len(roll) < t.headline_list_min:
        return
    after = next(lines.prose_lines(roll[-1] + 1, end), None)
    if after is None:
        return
    lines.headline_roll = frozenset(roll)
    yield lines.set_body("headline_roll", after, end, f"{len(roll)} section-labelled headlines open the body")


@cython.locals(lines=Lines, f=LineFeatures, t=Thresholds)
def bulleted_opening(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """A body that opens with a list of other articles' headlines ("Recent
    Posts", "Recent Comments"): `headline_list_min` or more bulleted lines,
    near or short, of at most `teaser_max_words` words or, near, cut short
    (a headline run into its teaser, "...": `ends_sentence`), fewer than
    `ended_share` of them ending a sentence (an article's own bulleted list
    is of sentences; a line cut short ends none), with only short lines that are not bulleted between
    them (a box's label) before any other line, read as the output will
    have them. The body is searched again below the last of them, as the
    output (the list gone) will have it, and starts at that candidate when
    its first line has no bullet. A near line without a bullet ends the
    list: two columns flattened into one, a menu's items beside the
    article's paragraphs, are no list. It runs once the body's end is set:
    a step that searches the body again would find the list back."""
    feats, first = lines.features, lines.first
    start, end = lines.body
    items, ended, last = 0, 0, -1
    for i in lines.text_lines(start, end):
        f = feats[i]
        if cut_inside(lines, i):
            continue  # (read as the output will have it)
        if f.list_item and first[i] in ("near", "short") and f.words <= t.teaser_max_words:
            items, ended, last = items + 1, ended + ends_sentence(lines, i), i
        elif f.list_item and first[i] == "near" and f.sentence_end and not ends_sentence(lines, i):
            items, last = items + 1, i  # a headline run into its teaser, cut short ("..."): of any length
        elif first[i] != "short" or f.list_item:
            break
    if items < t.headline_list_min or ended >= t.ended_share * items:
        return
    # the body below the list, searched again as the output will have it (the list gone)
    below = first_worthy(candidates(lines, t, end, last + 1), t)
    if below is None or feats[below[0]].list_item:
        return
    yield lines.set_body("bulleted_opening", below[0], end, f"{items} bulleted headlines open the body")


@cython.locals(lines=Lines, t=Thresholds)
def comment_thread(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """Where a comment thread starts: the first of `thread_signatures` short
    dated lines ("Maria July 7, 2012 at 2:31 pm") each
    followed by prose within `thread_spacing` lines, taking with it the short
    lines just above (commenter's name, "One Comment"), or at a count of
    the comments between its signatures ("4 comments:": the dated lines
    above it are the article's own). A thread is looked for only once the
    article has had its prose; prose between that mostly opens with an
    Arabic connective ("وأضافت", "وكانت") is the article going on under
    dated subheads, unless the body opens with the comments under their
    heading (`_heading_above_body`). A line that ends a sentence (a caption, a reference) is
    no signature, nor is a field of a record ("Date: March 2-5, 2026" over
    "Location: Barcelona"). The body is searched again above it."""
    thread = _thread_start(lines, t)
    if thread is None:
        return
    lines.thread, lines.thread_by = thread, "comment_thread"
    why = f"a comment thread: {t.thread_signatures}+ dated signatures with prose between"
    if thread < lines.body[0]:
        why += ", from its heading above the body, which opened with the comments"
    elif _heads_comments(lines.texts[thread]):
        why += ", from its heading"
    yield Decision("comment_thread", range(thread, len(lines)), "thread", why)
    moved = _body_above(lines, t, "comment_thread", thread, "the body ends above the comment thread")
    if moved:
        yield moved


@cython.locals(lines=Lines, f=LineFeatures, t=Thresholds, feats=list, i=cython.Py_ssize_t)
def comment_count(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """Comments under a count of them, a line of its own ("41 Comments",
    "Comments (41)", "{ 167 comments }": `cues.COMMENT_COUNT`, at most
    `comment_count_max_words` words) in the body after
    `comment_count_min_prose` words of its good lines, with prose after it:
    the comments start at the count, signed or not, and the body ends above
    it (and above a thread of dated signatures found below it), searched
    again above the count."""
    feats, first = lines.features, lines.first
    start, end = lines.body
    prose = 0
    for i in range(start, end):  # (the text lines, in a C loop)
        f = feats[i]
        if f is None:
            continue
        if prose >= t.comment_count_min_prose and counts_comments(lines, t, i):
            if next(lines.prose_lines(i + 1, end), None) is None:
                return
            lines.thread, lines.thread_by = i, "comment_count"
            yield Decision(
                "comment_count", range(i, len(lines)), "thread", f"the comments under the count on line {i + 1}"
            )
            moved = _body_above(lines, t, "comment_count", i, "the body ends above the count of the comments")
            if moved:
                yield moved
            return
        if first[i] == "good":
            prose += f.words


@cython.locals(t=Thresholds)
def _thread_start(lines: Lines, t: Thresholds) -> int | None:
    """The thread's first line, found among the lines as they are or, failing
    that, as the output will have them (without the lines cut inside the
    body: a dated line between two signatures, "December 18, 2006", goes,
    and the cleaned text, cleaned again, would find the thread)."""
    feats = lines.features
    posts: list[int] | None = None

    def blog_posts() -> list[int]:  # `_blog_posts`, searched at the first chain that asks
        nonlocal posts
        if posts is None:
            posts = _blog_posts(lines)
        return posts

    signatures = [i for i in range(lines.body[0], len(feats)) if _signature(lines, t, i)]
    found = _first_chain(lines, t, signatures, lambda a, b: b - a, blog_posts)
    if found is not None:
        return found
    staying = [i for i in signatures if not (i < lines.body[1] and cut_inside(lines, i))]
    return _first_chain(lines, t, staying, lambda a, b: _lines_between(lines, a, b), blog_posts)


@cython.cfunc
@cython.locals(lines=Lines, t=Thresholds, f=LineFeatures, i=cython.Py_ssize_t)
@cython.returns(cython.bint)
def _signature(lines: Lines, t: Thresholds, i) -> cython.bint:
    """Whether line i may sign a comment: a dated line of
    `signature_min_words` to `signature_max_words` words, not good.
    (Compiled: a C function, asked of every line from the body's start.)"""
    f = lines.features[i]
    return bool(
        f
        and f.dated
        and t.signature_min_words <= _signature_words(lines, i) <= t.signature_max_words
        and lines.first[i] != "good"
        and not f.sentence_end  # a caption, a reference: "Real GDP growth, 1947:Q2-2012:Q3."
        and not _record_field(lines, i)
        and not _bracketed(lines.texts[i])  # an aside: "(Begins 2/28/2007; ends 3/14/2007)"
    )


@cython.locals(lines=Lines, t=Thresholds, top=cython.Py_ssize_t, j=cython.Py_ssize_t)
def _heading_above_body(lines: Lines, t: Thresholds, first_signature: int) -> int | None:
    """A body that opens with comments: the chain, followed up from its
    first signature (signatures each within `thread_spacing` lines of the
    next: short comments may have no prose line between), has a heading of
    the comments ("46 Comments") within `thread_spacing` lines above it,
    above the body's start and under a good line: the article, too short
    to win the search, lies above it. The heading, or None."""
    first = lines.first
    top = first_signature
    j = top - 1
    while j >= 0 and top - j <= t.thread_spacing:
        if _signature(lines, t, j):
            top = j
        j -= 1
    for j in range(top - 1, max(-1, top - 1 - t.thread_spacing), -1):
        f = lines.features[j]
        if f is None or f.words > t.comment_count_max_words or first[j] == "good":
            continue
        if _heads_comments(lines.texts[j]):
            return j if j < lines.body[0] and any(first[k] == "good" for k in range(j)) else None
    return None


def _signature_words(lines: Lines, i: int) -> int:
    """Line i's words as a comment's signature: a page's two columns
    flattened into one line ("Football", COLUMN_GAP spaces, "Posted by
    Paul on January 6, 2008 2:09 PM") are counted in the last column, when
    the first is a menu's item (at most COLUMN_TAIL_CHARS characters) and
    the last holds a digit; else all the line's words."""
    text = lines.texts[i].strip()
    k = text.rfind(COLUMN_GAP)
    if k <= 0 or len(text[:k].rstrip()) > COLUMN_TAIL_CHARS:
        return lines.features[i].words
    tail = text[k:]
    if not any([c.isdigit() for c in tail]):
        return lines.features[i].words
    return len(tail.split())


def _bracketed(text: str) -> bool:
    """A line wholly in brackets: an aside (a course's dates, a post's own
    stamp), not a commenter's signature."""
    text = text.strip()
    return text.startswith("(") and text.endswith(")")


@cython.locals(lines=Lines)
def _blog_posts(lines: Lines) -> list[int]:
    """The footers of a blog's posts from the body's start on: lines, not
    good, that count comments inside them or alone (`cues.COMMENT_TALLY`:
    "Posted by jon at 11:08 PM | Comments (2)", "3 Comments"), each with
    a good line between it and the one before or after it (a post's text;
    a related list's counts have headlines between them)."""
    feats, first, texts = lines.features, lines.first, lines.texts
    tallies = [
        i
        for i in range(lines.body[0], len(feats))
        if feats[i] is not None
        and first[i] != "good"
        and feats[i].words
        and feats[i].digit_share  # (a count holds a digit, and a comment word: most lines are not searched)
        and may_tally_comments(texts[i])
        and COMMENT_TALLY.search(texts[i])
    ]
    posts = set()
    for a, b in zip(tallies, tallies[1:]):
        if any(first[j] == "good" for j in range(a + 1, b)):
            posts.update((a, b))
    return sorted(posts)


@cython.locals(lines=Lines)
def _first_chain(lines: Lines, t: Thresholds, signatures: list[int], spacing, blog_posts) -> int | None:
    feats, first = lines.features, lines.first
    for k in range(len(signatures) - t.thread_signatures + 1):
        chain = signatures[k : k + t.thread_signatures]
        if not all(
            spacing(a, b) <= t.thread_spacing and any(first[j] in PROSE for j in range(a + 1, b))
            for a, b in zip(chain, chain[1:])
        ):
            continue
        # (`_blog_posts`, searched only here: a regex a line cost a bench dump 60% more)
        if any(chain[0] <= j <= chain[-1] for j in blog_posts()):
            continue  # a blog's index: its posts, each over its count of comments
        if lines.goes_on(lines.prose_lines(chain[0] + 1, chain[-1])):
            continue  # the article going on under dated subheads ("جلسة 12 مارس 2019"), not comments
        start = chain[0]
        heading = _comment_heading(lines, t, chain[0], chain[-1])
        prose_before = sum(feats[j].words for j in range(lines.body[0], start) if feats[j] and first[j] == "good")
        if prose_before < t.thread_min_prose and heading is None:
            return _heading_above_body(lines, t, chain[0])  # a body that opens with the comments
        count = _comment_count_between(lines, t, chain[0], chain[-1])
        if count is not None:
            return count  # the dated lines above it, the article's ("Posted by John at 3:00 AM"), stay
        if heading is not None and (heading < chain[0] or prose_before < t.thread_min_prose):
            return heading
        for _ in range(t.thread_header_lines):
            j = lines.next_line(start - 1, step=-1)
            if j is None or first[j] in PROSE:
                break
            start = j
        return start
    return None


@cython.locals(lines=Lines)
def _record_field(lines: Lines, i: int) -> bool:
    """Whether line i is a labelled field ("Date: January 6-9, 2026") over
    another ("Location: Las Vegas"): a record's date, not a signature."""
    if not FIELD.match(lines.texts[i]):
        return False
    j = lines.next_line(i + 1)
    return j is not None and FIELD.match(lines.texts[j]) is not None


@cython.locals(lines=Lines, t=Thresholds)
def _comment_heading(lines: Lines, t: Thresholds, a: int, b: int) -> int | None:
    """The first heading of the comments (`cues.COMMENT_HEADING`, a line of
    at most `comment_count_max_words` words, not good) from
    `thread_spacing` lines above signature a down to signature b, with a
    good line of the body above it: "Comments" over the first comment, whose
    signature is below its text."""
    feats, first = lines.features, lines.first
    begin = max(lines.body[0], a - t.thread_spacing)
    seen_good = any(first[j] == "good" for j in range(lines.body[0], begin))
    for j in range(begin, b):
        f = feats[j]
        if f is None:
            continue
        if (
            seen_good
            and f.words <= t.comment_count_max_words
            and first[j] != "good"
            and _heads_comments(lines.texts[j])
        ):
            return j
        seen_good = seen_good or first[j] == "good"
    return None


def _heads_comments(text: str) -> bool:
    """A heading of the comments, with or without their count ("Comments",
    "Reader Comments", "7 Responses", "Comments (2)")."""
    return COMMENT_HEADING.match(text) is not None or COMMENT_COUNT.match(text) is not None


@cython.locals(lines=Lines, t=Thresholds)
def _comment_count_between(lines: Lines, t: Thresholds, a: int, b: int) -> int | None:
    """The first count of the comments (`counts_comments`) between lines a and b."""
    for j in range(a + 1, b):
        if counts_comments(lines, t, j):
            return j
    return None


@cython.locals(lines=Lines, t=Thresholds, f=LineFeatures)
def counts_comments(lines: Lines, t: Thresholds, i: int) -> bool:
    """Whether line i counts the comments: `cues.COMMENT_COUNT`, a line of
    at most `comment_count_max_words` words, not good."""
    f = lines.features[i]
    return (
        f is not None
        and f.words <= t.comment_count_max_words
        and lines.first[i] != "good"
        # (every match of COMMENT_COUNT holds a comment word, as COMMENT_TALLY's
        # do: a line without one's stem is not asked the regex)
        and may_tally_comments(lines.texts[i])
        and COMMENT_COUNT.match(lines.texts[i]) is not None
    )


@cython.locals(lines=Lines)
def _lines_between(lines: Lines, a: int, b: int) -> int:
    """b - a as the output counts it: without the lines cut (by the rules,
    or inside the body) and a blank line that would follow a blank one
    across a cut (the cleaned text, cleaned again, spaces its signatures so)."""
    start, end = lines.body
    count, gap, last_blank = 0, False, False
    for j in range(a + 1, b + 1):
        if not lines.doc.lines[j].strip():
            if not (gap and last_blank):
                count, gap, last_blank = count + 1, False, True
        elif lines.features[j] is None or start <= j < end and cut_inside(lines, j):
            gap = True
        else:
            count, gap, last_blank = count + 1, False, False
    return count


@cython.locals(lines=Lines, t=Thresholds)
def headline_list(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """A body that ends in `headline_list_min` or more lines that read like
    headlines (first label near or short, no sentence mark at the end),
    after prose that ends a sentence, ends with that prose: the headlines
    are a list of other articles under it, with no marker. Unless half of
    them or more open with an Arabic connective: short paragraphs without a
    final stop ("وقد تم نقل ...", "كما تم فتح ...")."""
    feats, first = lines.features, lines.first
    start, end = lines.body
    run = _output_run(lines, start, end)  # as the output reads
    k = len(run)
    while k > 0 and first[run[k - 1]] in ("near", "short") and not feats[run[k - 1]].sentence_end:
        k -= 1
    listed = run[k:]
    if (
        len(listed) >= t.headline_list_min
        and k > 0
        and first[run[k - 1]] == "good"
        and feats[run[k - 1]].sentence_end
        and 2 * sum(feats[i].connective for i in listed) < len(listed)
    ):
        yield lines.set_body(
            "headline_list",
            start,
            run[k - 1] + 1,
            f"{len(listed)} headline-like lines end the body: a list of other articles",
        )


@cython.locals(lines=Lines, t=Thresholds, k=cython.Py_ssize_t)
def author_box(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """A body that ends in an author's box: a label of its own
    (`cues.AUTHOR_BOX`: "About the author", "Author bio", or "About" over a
    name, "About Nancy Atkinson", whose box then speaks of a person:
    `cues.PERSON`, "she", "his", "I") followed by at most
    `author_box_max_lines` lines, prose among them, to the body's end,
    under a good line that ends a sentence. The body ends above the label,
    searched again above it as the output will have it (a short line over
    the label goes with the box): the writer's bio is no part of the
    article. Read as the output reads."""
    feats, first, texts = lines.features, lines.first, lines.texts
    start, end = lines.body
    run = _output_run(lines, start, end)
    for k in range(max(1, len(run) - 1 - t.author_box_max_lines), len(run) - 1):
        label = AUTHOR_BOX.match(texts[run[k]])
        if label is None and not _name_over_bio(lines, run[k], run[k + 1], run[:k], t):
            continue
        box = run[k + 1 :]
        if not any(first[j] in PROSE for j in box):
            return
        if label is not None and label.group(1) is not None and not any(PERSON.search(texts[j]) for j in box):
            return  # "About Logitech": a company's standard text, which a press release's article holds
        if not any(first[j] == "good" and feats[j].sentence_end for j in run[:k]):
            return
        moved = _body_above(
            lines, t, "author_box", run[k], f"an author's box ends the body: its label on line {run[k] + 1}"
        )
        if moved:
            yield moved
        return


@cython.locals(lines=Lines, t=Thresholds)
def _name_over_bio(lines: Lines, label: int, bio: int, above: list, t: Thresholds) -> bool:
    """Whether line `label` is a writer's name over their bio: two to
    four capitalized words, maybe after a byline's opening ("Written by
    Marie LeBaron"), on a line that is not prose, every one of them among
    the first `author_name_reach` words of the prose line `bio`, and
    capitalized there too ("Josh
    Lowensohn" over "Josh Lowensohn joined CNET in 2006 ..."), the last
    of them in no prose line of the body above (`above`): a person the
    article tells of ("Kate Henshaw" over "Veteran Nollywood actress,
    Kate Henshaw, ...") is no writer."""
    first, texts = lines.first, lines.texts  # (the comprehensions below read these, not `lines`)
    if first[label] in PROSE or first[bio] not in PROSE:
        return False
    text = texts[label].strip()
    byline = BYLINE.match(text)
    if byline is not None:
        text = text[byline.end() - 1 :]
    name = text.split()
    if not 2 <= len(name) <= 4 or not all(word[0].isupper() and word.isalpha() for word in name):
        return False
    opening = {  # capitalized there too: "Scholarship Scams" over "Scholarship scams are ..." is a subheading
        word.strip(".,;:()").lower() for word in texts[bio].split()[: t.author_name_reach] if word[0].isupper()
    }
    if not all(word.lower() in opening for word in name):
        return False
    last = name[-1].lower()
    return not any(first[j] in PROSE and last in texts[j].lower() for j in above)


@cython.locals(lines=Lines, f=LineFeatures)
def ends_sentence(lines: Lines, i: int) -> bool:
    """Line i ends a sentence and was not cut short: a teaser that a site's
    program cut ends with three dots typed as such ("...", "[...]") or a
    link to the rest ("Read more"), and ends no sentence of an article; so
    does one whose next text line is such a link alone ("more »":
    `_more_link`). Read on the line's last ENDING_CHARS characters, as
    `sentence_end` is, once a line (the steps that end the body ask of
    every line again)."""
    f = lines.features[i]
    if not f.sentence_end:
        return False
    short = lines.cut_short.get(i)
    if short is None:
        tail = lines.texts[i][-ENDING_CHARS:]
        short = _may_be_cut_short(tail.casefold()) and CUT_SHORT.search(tail) is not None
        if not short:
            below = lines.next_line(i + 1)
            short = below is not None and _more_link(lines, below)
        lines.cut_short[i] = short
    return not short


@cython.cfunc
@cython.locals(folded=str)
@cython.returns(cython.bint)
def _may_be_cut_short(folded) -> cython.bint:
    """Whether a line's end (case folded) holds one of CUT_SHORT_NEEDS: else
    CUT_SHORT cannot match it. (A loop: compiled, no list a line.)"""
    for needed in CUT_SHORT_NEEDS:
        if needed in folded:
            return True
    return False


@cython.cfunc
@cython.locals(lines=Lines, i=cython.Py_ssize_t)
@cython.returns(cython.bint)
def _more_link(lines: Lines, i) -> cython.bint:
    """Line i is a link to the rest of the line above it ("more »", "Read
    more"), not the label of a list under it ("More..." over bulleted
    headlines). (Compiled: a C function, asked by `ends_sentence`.)"""
    if lines.features[i].words > MORE_LINK_WORDS or MORE_LINK.match(lines.texts[i]) is None:
        return False
    below = lines.next_line(i + 1)
    return below is None or not lines.features[below].list_item


def unended_tail(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """The article's sentences end; the headlines, teasers and links after
    it mostly do not (a teaser cut short, "...", ends none: `ends_sentence`).
    A body whose last good line that ends a sentence is
    followed by `unended_tail_min_lines` lines or more (as the output reads
    them), fewer than `ended_share` of whose prose lines end a sentence,
    ends with that line, when `ended_share` or more of the good lines up to
    it end a sentence (prose that ends its sentences, so that one that does
    not tells). Not when a line of the tail of `announce_min_words` or more
    ends with a colon (a list the article announces; a box's label, "See
    also:", is shorter) or most of its prose opens with an Arabic
    connective (short closing paragraphs without a final stop). The body
    is then searched again above the cut (as the output will have it), and
    the test is made again on what is left."""
    while (cut := _unended_tail_start(lines, t)) is not None:
        moved = _body_above(
            lines,
            t,
            "unended_tail",
            cut,
            "the lines after its last sentence mostly end none: headlines, teasers, links",
        )
        if moved is None:
            return
        yield moved


def _unended_tail_start(lines: Lines, t: Thresholds) -> int | None:
    """Where an unended tail starts in the body (the line after its last
    good line that ends a sentence, and after the near lines right below
    it that end one: the article's short closing paragraph), or None. The
    test reads the tail from that good line on."""
    feats, first, texts = lines.features, lines.first, lines.texts
    start, end = lines.body
    run = _output_run(lines, start, end)  # as the output reads
    k = len(run)
    while k > 0 and not (first[run[k - 1]] == "good" and ends_sentence(lines, run[k - 1])):
        k -= 1
    tail = run[k:]
    if k == 0 or len(tail) < t.unended_tail_min_lines:
        return None
    prose = [i for i in tail if first[i] in PROSE or feats[i].sentence_end]
    good = [i for i in run[:k] if first[i] == "good"]
    if (
        sum([ends_sentence(lines, i) for i in prose]) < t.ended_share * len(prose)
        and sum([ends_sentence(lines, i) for i in good]) >= t.ended_share * len(good)
        and not any(texts[i].rstrip().endswith((":", "：")) and feats[i].words >= t.announce_min_words for i in tail)
        and not lines.goes_on(i for i in prose if first[i] in PROSE)
    ):
        while k < len(run) and first[run[k]] == "near" and ends_sentence(lines, run[k]) and not feats[run[k]].list_item:
            k += 1  # the article's closing paragraph, short: the tail starts after it
        return run[k - 1] + 1
    return None


@cython.locals(lines=Lines, t=Thresholds)
def labelled_teasers(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """A body that runs on into other articles' teasers, each a block of a
    section label, a headline and one paragraph ("Politics", "Ministers meet
    again", "The cabinet met on Monday ..."): the paragraphs end their
    sentences, so `unended_tail` keeps them. `teaser_blocks_min` blocks or
    more end the body (read as the output reads it), each one prose line
    (good, or near ending a sentence) under 2 to `teaser_heads_max` short
    lines (short, or near ending no sentence), the first of them a label of
    at most `teaser_label_max_words` words; and `teaser_labels_recurring`
    different labels or more head two blocks or more each: sections recur in
    a list of other articles, while a listicle's items and an article's
    subheads differ, and a caption or a share bar over every paragraph is
    one line recurring. With a good line ending a sentence above the first
    block, the body ends above it, searched again there (as the output will
    have it)."""
    start, end = lines.body
    run = _output_run(lines, start, end)  # as the output reads
    blocks = _teaser_blocks(lines, run, t)
    labels = [_teaser_label(lines, run, block, t) for block in blocks]
    first = len(labels)
    while first > 0 and labels[first - 1] is not None:
        first -= 1
    for j in range(first, len(blocks) - t.teaser_blocks_min + 1):
        heading: dict = {}
        for label in labels[j:]:
            heading[label] = heading.get(label, 0) + 1
        recurring = sum([count >= 2 for count in heading.values()])
        if recurring < t.teaser_labels_recurring:
            return  # the blocks below this one hold fewer still
        above = run[: blocks[j][0]]
        if not any([lines.first[i] == "good" and ends_sentence(lines, i) for i in above]):
            continue
        moved = _body_above(
            lines,
            t,
            "labelled_teasers",
            run[blocks[j][0]],
            f"{len(blocks) - j} blocks of a section label, a headline and a teaser end it, "
            f"{recurring} labels heading two or more: other articles",
        )
        if moved:
            yield moved
        return


@cython.locals(lines=Lines, t=Thresholds)
def _teaser_blocks(lines: Lines, run: list, t: Thresholds) -> list[tuple[int, int]]:
    """The blocks that end `run` (positions in it, half-open, in order): one
    prose line (good, or near ending a sentence) under 1 to
    `teaser_heads_max` short lines (short, or near ending no sentence)."""
    feats, first = lines.features, lines.first
    blocks = []
    k = len(run)
    while k > 0:
        teaser = run[k - 1]
        if not (first[teaser] == "good" or first[teaser] == "near" and feats[teaser].sentence_end):
            break
        a = k - 1
        while (
            a > 0
            and k - 1 - a < t.teaser_heads_max
            and (first[run[a - 1]] == "short" or first[run[a - 1]] == "near" and not feats[run[a - 1]].sentence_end)
        ):
            a -= 1
        if a == k - 1:
            break
        blocks.append((a, k))
        k = a
    blocks.reverse()
    return blocks


@cython.locals(lines=Lines, t=Thresholds)
def _teaser_label(lines: Lines, run: list, block: tuple[int, int], t: Thresholds) -> str | None:
    """A block's section label: its first line when another short line
    stands under it (the headline), of at most `teaser_label_max_words`
    words; its words, case folded. None if it has none."""
    a, b = block
    if b - a < 3 or lines.features[run[a]].words > t.teaser_label_max_words:
        return None
    return " ".join(lines.texts[run[a]].split()).casefold()


def teasers_after_insertion(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """A read-also marker alone takes the one headline below it (the rule);
    when all that follows it in the body reads like more headlines (at most
    `teaser_max_words` words, no sentence mark at the end) and the article's
    prose lies above it, the body ends at the marker: those are its other
    teasers ("قد يهمك أيضا", two headlines, then the site's footer)."""
    feats = lines.features
    start, end = lines.body
    marker = max((c.start for c in insertion_boxes(lines.rule_cuts) if start <= c.start < end), default=None)
    if marker is None:
        return
    after = list(lines.text_lines(marker, end))
    before = list(lines.text_lines(start, marker))
    if (
        after
        and all(feats[i].words <= t.teaser_max_words and headline_like(feats[i]) for i in after)
        and any(lines.first[i] == "good" and feats[i].sentence_end for i in before)
    ):
        yield lines.set_body(
            "teasers_after_insertion",
            start,
            before[-1] + 1,
            f"only teasers follow the read-also marker on line {marker + 1}",
        )


# The categories of the rules' line cuts that label the end of an article:
# share buttons, follow-us prompts, a copyright or legal footer.
END_LABEL_CATEGORIES = frozenset({"share", "footer"})


@cython.locals(lines=Lines, t=Thresholds)
def labelled_end(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """The body ends at the first label in it that the rules know to close
    an article (a line they cut as share buttons or a footer, or a tail
    marker they held back for the prose after it: "Related", "Comments")
    when the classifier's own evidence agrees: `labelled_end_min_good` or
    more good lines ending a sentence lie above it in the body (the
    article), and fewer than `labelled_end_ended_share` of the good and
    near lines below it end a sentence (teasers, headlines, signatures, not
    the article going on; a teaser cut short ends none: `ends_sentence`). A
    "Related" box above the article has the article's sentences below it.
    A copyright or legal line (category `footer`) is a surer end than a
    share bar, which stands above an article and between its paragraphs
    too: `footer_end_min_good` good lines above it are enough; but one with
    the article going on below it, up to the next label, is a newsletter's
    legal line in the middle of the article (`_article_goes_on`)."""
    feats, first = lines.features, lines.first
    start, end = lines.body
    labels = {i: rule_id for i, rule_id in lines.held_tails if start <= i < end}
    for cut in lines.rule_cuts:
        if cut.span is None and cut.category in END_LABEL_CATEGORIES and start <= cut.start < end:
            labels.setdefault(cut.start, cut.rule_id)
    if not labels:
        return
    footers = footer_lines(lines)
    good = 0
    for i in range(start, end):
        f = feats[i]
        if f is not None and first[i] == "good" and ends_sentence(lines, i):
            good += 1
        if i not in labels or good < (t.footer_end_min_good if i in footers else t.labelled_end_min_good):
            continue
        below = list(lines.prose_lines(i, end))
        ended = sum([ends_sentence(lines, j) for j in below])
        upto = min([j for j in labels if j > i], default=end)
        if i in footers and _article_goes_on(lines, t, [j for j in below if j < upto]):
            continue  # a newsletter's legal line in the middle of the article
        if not below or ended < t.labelled_end_ended_share * len(below):
            lines.end_label = f"{labels[i]} on line {i + 1}"
            moved = _body_above(
                lines,
                t,
                "labelled_end",
                i,
                f"the {labels[i]} label on line {i + 1} closes the article: {good} good lines ending a sentence "
                f"above it, {ended} of {len(below)} prose lines below",
            )
            if moved:
                yield moved
            return


@cython.cfunc
@cython.locals(lines=Lines, start=cython.Py_ssize_t, end=cython.Py_ssize_t, i=cython.Py_ssize_t, feats=list)
def _output_run(lines: Lines, start, end) -> list:
    """The text lines of start..end that the output keeps inside the body
    (`cut_inside` passed over), as the steps that end the body read them.
    (Compiled: a C loop, not a generator of `Lines.text_lines`.)"""
    feats = lines.features
    return [i for i in range(start, end) if feats[i] is not None and not cut_inside(lines, i)]


@cython.locals(lines=Lines, t=Thresholds)
def _article_goes_on(lines: Lines, t: Thresholds, below: list) -> bool:
    """Whether the good lines among `below` (the prose lines under a label,
    up to the next label) are an article's paragraphs:
    `labelled_end_min_good` or more of them end a sentence, and
    `labelled_end_ended_share` of them or more (its subheadings, near lines
    that end none, aside): a newsletter's box stands between them."""
    good = [j for j in below if lines.first[j] == "good"]
    ended = sum([ends_sentence(lines, j) for j in good])
    return ended >= t.labelled_end_min_good and ended >= t.labelled_end_ended_share * len(good)


@cython.locals(lines=Lines, t=Thresholds)
def _body_above(lines: Lines, t: Thresholds, step: str, line: int, why: str) -> Decision | None:
    """The body searched again above `line`, as the output will have it
    (the densest run there, else the body cut at `line`), its edges set by
    `step`; a Decision when they moved."""
    found = densest_run(lines, t, end=line)
    if found is None:
        start, end = lines.body
    else:
        start, end, lines.passed_over = found
        if lines.passed_over is not None:
            why = f"{why}; {lines.passed_over}"
    return lines.set_body(step, start, min(end, line), why)


@cython.locals(f=LineFeatures, t=Thresholds, label=str)
def cut_inside(lines: Lines, i: int) -> bool:
    """Whether line i goes even inside the body: bad by its shape (or short
    and bad), or short between bad ones (not a bulleted sentence, an item
    of a list); a line of a code block goes only as HTML markup. Steps that
    read the body's lines as the output will have them pass over these.
    (The code's and the pieces' sets are asked only when they hold a line.)"""
    t, f, label = lines.thresholds, lines.features[i], lines.first[i]
    if lines.code and i in lines.code:
        return markup(lines.texts[i], t)
    return bool(
        label == "bad"
        and (bad_by_shape(f, t) or f.words < t.near_words or markup(lines.texts[i], t))
        or label == "short"
        and lines.above[i] == lines.below[i] == "bad"
        and not (lines.pieces and i in lines.pieces)
        and not (f.list_item and f.sentence_end)
        and not next_section(lines, i)
    )


@cython.locals(lines=Lines, t=Thresholds, f=LineFeatures, j=cython.Py_ssize_t, n=cython.Py_ssize_t)
def next_section(lines: Lines, i: int) -> bool:
    """Whether line i, short between bad lines, is a numbered section's
    heading ("3. Nvidia GTC") that goes on the numbers of the nearest one
    above it ("2. Mobile World Congress"), within `numbered_gap_max` lines,
    that stays: a listicle's heading between its record's bad lines (the
    photo's credit above, a date below) stays with the article's numbered
    sections, where a first heading ("1. Topics" in a menu) still goes."""
    t = lines.thresholds
    m = NUMBERED.match(lines.texts[i])
    if m is None or not _heading_shape(lines.features[i], t):
        return False
    n = int(m.group(1))
    for j in range(i - 1, max(-1, i - 1 - t.numbered_gap_max), -1):
        f = lines.features[j]
        if f is None or lines.first[j] == "good" or not _heading_shape(f, t):
            continue
        above = NUMBERED.match(lines.texts[j])
        if above is not None:
            return int(above.group(1)) == n - 1 and not cut_inside(lines, j)
    return False


@cython.locals(f=LineFeatures, t=Thresholds)
def _heading_shape(f: LineFeatures, t: Thresholds) -> bool:
    """A line no longer than a headline, reading like one, not dated."""
    return f.words <= t.headline_max_words and not f.dates and headline_like(f)


def insertion_boxes(rule_cuts):
    """The rules' read-also insertions that take whole lines (a marker, its
    headline), in order."""
    return [c for c in rule_cuts if c.category == "insertion" and c.span is None]


@cython.locals(lines=Lines, t=Thresholds)
def lists_and_widgets(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """Announced lists and the article going on past a widget, taken in
    turn (up to `extension_rounds`): each may bring the next within reach."""
    for _ in range(t.extension_rounds):
        moved = [d for d in (*announced_list(lines, t), *article_goes_on(lines, t)) if d]
        if not moved:
            return
        yield from moved


@cython.locals(lines=Lines)
def announced_list(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """A sentence that ends the body, or comes right after it, and announces
    a list of the article's own ("the areas concerned are:", "فيما يلي
    الحصيلة ...،"): its short items, and the prose that follows them,
    belong to the body, when the prose comes (a list of headlines under a
    "Related:" label ends the page), or when the sentence says that a list
    follows ("التالية", "فيما يلي"): then the list may end the article.
    Items may be figures ("• صفاقس المدينة 37 مم", "1. ...: 18,4 %"): what
    is announced is the article's own data, and the items go into
    `lines.listed`: kept inside the body, where figures would be cut."""
    feats, first, texts = lines.features, lines.first, lines.texts
    start, end = lines.body
    j = next(
        (
            i
            for i in (end - 1, lines.next_line(end, 1, True))
            if i is not None and feats[i] is not None and _announces(texts[i], feats[i], t)
        ),
        None,
    )
    if j is None:
        return
    items, k = [], lines.next_line(j + 1, 1, True)
    while k is not None and len(items) < t.list_max_items and _announced_item(feats[k], first[k], t):
        items, k = items + [k], lines.next_line(k + 1, 1, True)
    if not items:
        return
    why = f"the list line {j + 1} announces ({len(items)} items)"
    if k is None or not (first[k] in PROSE and feats[k].sentence_end):
        # no prose after the list: it ends the article only when the sentence said a list follows
        if not ANNOUNCING.search(normalize(texts[j])):
            return
        lines.listed.update(items)
        yield lines.set_body("announced_list", start, max(end, items[-1] + 1), why)
        return
    lines.listed.update(items)
    while k is not None and first[k] in PROSE:  # the prose after the list
        end, k = k + 1, lines.next_line(k + 1, 1, True)
    yield lines.set_body("announced_list", start, end, why + " and the prose after it")


@cython.locals(f=LineFeatures, t=Thresholds)
def _announces(text: str, f, t: Thresholds) -> bool:
    """A sentence of `announce_min_words` or more, with stopwords, that ends
    with a colon, or opens on a phrase that announces a list (its first
    `announce_opening_chars` characters decide: the body's last line is
    often a long paragraph), or ends with a comma and has a word that
    announces what follows. Not bad by its shape, but for a link token or
    two under `link_share_bad` ("thanks to Fifobooks.com, you can now read
    it on the following devices:"), which a prose line's label passes over
    too."""
    if f.words < t.announce_min_words or f.stop_share < t.near_stop or link_heavy(f, t):
        return False
    if bad_by_shape(f.replaced(link_tokens=0) if f.link_tokens else f, t):
        return False
    ending = text.rstrip()
    return (
        ending.endswith((":", "："))
        or OPENS_ANNOUNCING.match(normalize(text[: t.announce_opening_chars])) is not None
        or (ending.endswith(("،", ",")) and ANNOUNCING.search(normalize(text)) is not None)
    )


@cython.locals(f=LineFeatures, t=Thresholds)
def _announced_item(f, first: str, t: Thresholds) -> bool:
    """A short item of a list: no sentence end, and not bad by its shape but
    for a bullet or its figures."""
    return (
        first in ("short", "near", "bad")
        and f.words <= t.list_item_max_words
        and not f.sentence_end
        and not bad_by_shape(f.replaced(list_item=False, digit_share=0.0), t)
    )


@cython.locals(lines=Lines, t=Thresholds)
def article_goes_on(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """An Arabic article split by a widget (prayer times, currency rates, a
    most-read box): the lines of digits cost so much that the body is one
    half. When prose past at most `widget_max_lines` short or bad lines
    mostly opens with an Arabic connective ("وقال", "وأكد"), it is the
    article going on, and the body takes it; likewise upwards, when the
    body itself opens so and a good line stands in the prose above (a menu
    is no article). The widget's lines are then judged inside the body."""
    start, end = lines.body
    while (run := _prose_run(lines, end, 1, t)) is not None and lines.goes_on(run):
        end = run[-1] + 1
    while (
        lines.goes_on(islice(lines.prose_lines(start, end), 3))
        and (run := _prose_run(lines, start - 1, -1, t, need_good=True)) is not None
    ):
        start = run[-1]
    moved = lines.set_body(
        "article_goes_on", start, end, "prose past a widget opens with connectives: the article going on"
    )
    if moved:
        yield moved


@cython.locals(lines=Lines, t=Thresholds)
def _prose_run(lines: Lines, i: int, step: int, t: Thresholds, need_good: bool = False) -> list[int] | None:
    """The run of good and near lines met from i on (step 1 or -1) past at
    most `widget_max_lines` other lines, before the comment thread; None if
    none is met. With `need_good`, a run without a good line (a weather
    forecast in a widget) is passed over like the other lines."""
    feats, first, thread = lines.features, lines.first, lines.thread
    skipped, run = 0, []
    while 0 <= i < len(feats) and (thread is None or i < thread):
        if feats[i] is not None:
            if first[i] in PROSE:
                run.append(i)
            elif run and (not need_good or any(first[j] == "good" for j in run)):
                break
            else:
                skipped += 1 + len(run)
                run = []
                if skipped > t.widget_max_lines:
                    return None
        i += step
    return run if run and (not need_good or any(first[j] == "good" for j in run)) else None


@cython.locals(lines=Lines, t=Thresholds, i=cython.Py_ssize_t, last=cython.Py_ssize_t, found=cython.Py_ssize_t)
def numbered_sections(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """A body that ends inside an article of numbered sections ("12.
    Non-contact voltage tester", its paragraph, "13. Outlet tester", ...):
    the sections go on below it while the next number stands within
    `numbered_gap_max` lines of the last, each with prose under its heading
    (a numbered list of headlines, "most read", has none), before the
    comment thread. The body takes them, up to the first run of prose
    under the last heading, when `numbered_more_min` or more follow, or one when the
    body's last two headings run in a row. Each section's short lines (a
    list of products, a heading of its own) cost `short_cost`, so the body
    stopped in the middle of a ranking or a how-to."""
    start, end = lines.body
    last, number, before = -1, -1, -1
    for i in range(start, end):
        n = _numbered(lines, i, t)
        if n >= 0:
            last, number, before = i, n, number
    if last < 0:
        return
    in_a_row = before >= 0 and before == number - 1
    found, more, i, prose = -1, 0, end, True  # (the body's last section has its prose)
    while (j := lines.next_line(i, 1, True)) is not None and j - last <= t.numbered_gap_max:
        n = _numbered(lines, j, t)
        if n >= 0:
            if not prose or not number < n <= number + 1 + t.numbered_missing_max:
                break  # a heading with no prose under it (a list of headlines), or the numbers start again
            last, number, prose = j, n, False
        elif lines.first[j] in PROSE and not prose:
            found, more, prose = j, more + 1, True  # a section: its heading, then prose
        i = j + 1
    if found < end or (more < t.numbered_more_min and not in_a_row):
        return
    end = found + 1  # the last section's first prose line, and the prose right under it
    while (j := lines.next_line(end, 1, True)) is not None and lines.first[j] in PROSE:
        end = j + 1
    moved = lines.set_body("numbered_sections", start, end, f"the numbered sections go on ({more} more)")
    if moved:
        yield moved


@cython.locals(lines=Lines, t=Thresholds, f=LineFeatures)
def _numbered(lines: Lines, i: int, t: Thresholds) -> int:
    """The number of a section's heading on line i ("12. Outlet tester": a
    line no longer than a headline, not a paragraph nor a sentence (an
    item of a numbered list), not dated as a comment's signature is, and
    staying in the body), else -1."""
    f = lines.features[i]
    if f is None or f.words > t.headline_max_words or f.dates or lines.first[i] == "good" or not headline_like(f):
        return -1
    m = NUMBERED.match(lines.texts[i])  # (before the neighbours are read: most lines open on no number)
    return -1 if m is None or cut_inside(lines, i) else int(m.group(1))


@cython.locals(lines=Lines, t=Thresholds)
def bulleted_list_end(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """A body that ends inside a bulleted list of sentences ("- تهيئة قسم
    الاستعجالي بالمستشفى المحلي الجديد."): the next bulleted items that
    end like sentences finish the list, however short. (Teaser and headline
    lists are bulleted too, but their items end without a stop.)"""
    feats = lines.features
    start, end = lines.body
    if not feats[end - 1].list_item:
        return
    while (
        (j := lines.next_line(end, 1, True)) is not None
        and feats[j].list_item
        and feats[j].sentence_end
        and not bad_but_for_a_bullet(feats[j], t)
    ):
        end = j + 1
    moved = lines.set_body("bulleted_list_end", start, end, "the bulleted sentences that finish the list")
    if moved:
        yield moved


@cython.locals(lines=Lines, t=Thresholds)
def closing_line(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """A short sentence that closes the article ("Officials did not
    immediately provide any other details.", "And it happens again, fresh,
    every day.") costs `short_cost` in the search for the body, which ends
    above it. When no step moved the body's end from where `find_body` set
    it, the next text line (no rule's cut between) joins the body if it is
    short, ends a sentence, and is no credit or prompt: not bulleted, not
    dated, no link-like token, not bad by its shape, not opening with a
    bracket or a slash (`(內容由新浪北京提供。)`, `// NEWSru.com //`)."""
    if lines.body_by.get("end") != "find_body":
        return
    feats = lines.features
    start, end = lines.body
    j = lines.next_line(end, 1, True)
    if j is None or lines.first[j] != "short":
        return
    for k in range(end, j):
        if k in lines.decided:  # a rule's cut between: a label, a share bar
            return
    f = feats[j]
    if (
        not f.sentence_end
        or f.list_item
        or f.dated
        or f.link_tokens
        or bad_by_shape(f, t)
        or lines.texts[j].lstrip()[:1] in CLOSING_NOT_OPENING
    ):
        return
    moved = lines.set_body("closing_line", start, j + 1, "the short sentence that closes the article")
    if moved:
        yield moved


@cython.locals(lines=Lines, t=Thresholds)
def wrapped_edges(lines: Lines, t: Thresholds) -> Iterator[Decision]:
    """Dumps that hard-wrap their paragraphs break a sentence across lines,
    and a piece of it can fall outside the body. When the body's last line
    stops mid-sentence, the lines right after it (no blank line between, at
    most `wrap_max_lines`) join it up to the one that ends the sentence, if
    one does; the line right before the body joins when it is medium-long,
    stops mid-sentence and is not bad by its shape (menus, links, counts).
    Last of the body's steps: the edges of the body as extended."""
    feats = lines.features
    start, end = lines.body
    if not feats[end - 1].sentence_end:  # the sentence goes on below the body
        for j in range(end, min(len(feats), end + t.wrap_max_lines)):
            if feats[j] is None or j == lines.thread or bad_by_shape(feats[j], t):
                break
            if feats[j].sentence_end:
                end = j + 1
                break
    before = feats[start - 1] if start > 0 else None
    if (
        before is not None
        and before.words >= t.near_words
        and not before.sentence_end
        and not bad_by_shape(before, t)
        and start - 1 not in lines.headline_roll
    ):
        start -= 1
    moved = lines.set_body("wrapped_edges", start, end, "the pieces of a hard-wrapped sentence at its edges")
    if moved:
        yield moved


# The order of docs/generic.md, section 5.
BODY_STEPS = (
    find_body,
    article_above,
    site_footer,
    article_opening,
    article_sections,
    headline_roll,
    labelled_end,
    comment_thread,
    comment_count,
    author_box,  # before the headlines' steps: a list over the box ends the body once the box goes
    headline_list,
    unended_tail,
    labelled_teasers,
    author_box,  # and again after them: a box under a tail they cut
    teasers_after_insertion,
    lists_and_widgets,
    numbered_sections,
    bulleted_list_end,
    bulleted_opening,
    closing_line,
    wrapped_edges,
)
