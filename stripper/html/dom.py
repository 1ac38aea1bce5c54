"""DOM decisions, as cuts on the lines `reader.py` made: a site's `html:`
selectors, or an extractor's text matched back to lines (engines.py). Each
cut says which decision made it."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from ..model import PAGE_ORIGIN as ORIGIN, Cut, Document
from .reader import Block

# Elements that hold page furniture, not the article, even inside a site's
# body selector.
BOILERPLATE_TAGS = {"nav": "navigation", "aside": "related", "footer": "footer", "form": "comments"}
# An extractor's output, matched back to lines by words (extraction_cuts).
WORD_MATCH_MIN_WORDS = 6
WORD_MATCH_SHARE = 0.9
SOLID_MATCH_MIN_CHARS = 20  # lines matched with all white space removed


def site_cuts(doc: Document, drop_lines: frozenset[int], body_lines: frozenset[int] | None, site: str) -> list[Cut]:
    """Cuts from a site's `html:` selectors (see selectors.py): the lines
    under a drop selector; with a body selector, the lines outside it (the
    `h1` stays) and those in nav/aside/footer/form elements inside it."""
    tags = doc.meta["elements"].tags
    cuts = []
    for i, block in enumerate(doc.meta["blocks"]):
        decision = _decide(i, block, drop_lines, body_lines, site, tags)
        if decision:
            rule_id, category, message = decision
            cuts.append(Cut(i, i + 1, rule_id, category, message, None, ORIGIN))
    return merge_runs(cuts)


def _decide(i, block: Block, drop_lines, body_lines, site, tags: list[str]):
    if i in drop_lines:
        return f"html.drop:{site}", "boilerplate", f"matches a drop selector of {site}"
    if body_lines is None:
        return None
    if i not in body_lines:
        return (
            None
            if block.tag == "h1"
            else (f"html.outside-body:{site}", "boilerplate", f"outside the body selector of {site}")
        )
    for element in block.ids:
        if tags[element] in BOILERPLATE_TAGS:
            return "html.container", BOILERPLATE_TAGS[tags[element]], f"inside <{tags[element]}>"
    return None


def without_lines(cuts: list[Cut], lines: frozenset[int]) -> list[Cut]:
    """`cuts` with `lines` taken out of them (whole-line cuts split around
    them): for lines another decision already cut."""
    if not lines:
        return cuts
    out = []
    for cut in cuts:
        start = cut.start
        for i in range(cut.start, cut.end + 1):
            if i == cut.end or i in lines:
                if start < i:
                    out.append(Cut(start, i, cut.rule_id, cut.category, cut.message, cut.span, cut.origin))
                start = i + 1
    return out


def merge_runs(cuts: list[Cut]) -> list[Cut]:
    """One-line cuts in line order, adjacent ones with the same rule and
    message merged into one."""
    out: list[Cut] = []
    for cut in cuts:
        last = out[-1] if out else None
        if last and last.end == cut.start and (last.rule_id, last.message) == (cut.rule_id, cut.message):
            out[-1] = Cut(last.start, cut.end, last.rule_id, last.category, last.message, None, ORIGIN)
        else:
            out.append(cut)
    return out


def extraction_cuts(doc: Document, kept: str, engine: str, why: str = "") -> list[Cut]:
    """The lines of `doc` that an extractor's output `kept` does not hold,
    as `html.<engine>` cuts. `why` says why this engine decided.

    Extractors wrap lines and add list bullets, so a line is matched with
    its white space folded (or removed, for lines long enough: CJK text is
    broken anywhere), or, failing that, by its words: kept when nearly all
    of them occur in the output. Three things keep a match honest:
    - of the lines found verbatim, those in the same order as the output
      (the longest such run) stand where they are found; a line found only
      where one of them stands is a second copy (a teaser of the story's
      own paragraph above the story) and goes;
    - a line matched by its words needs words that no other line used, so a
      second copy of the article (a summary, a flattened `<noscript>` copy)
      does not match again;
    - a short line (a label, a heading, a one-word menu item) must stand in
      the output between the lines matched around it, not anywhere: "News"
      or "an" occur in most articles."""
    from ..normalize import normalize

    flat = " ".join(normalize(kept).split())
    solid = flat.replace(" ", "")
    texts: dict[int, str] = {}  # line -> its normalised words, one space between
    found: dict[int, int] = {}  # line found verbatim -> where in `flat`
    by_words: list[int] = []
    short: list[int] = []
    gone: list[int] = []
    for i, (line, norm) in enumerate(zip(doc.lines, doc.normalized)):
        if not line.strip():
            continue
        tokens = norm.split()
        texts[i] = " ".join(tokens)
        if len(tokens) < WORD_MATCH_MIN_WORDS and sum(map(len, tokens)) < SOLID_MATCH_MIN_CHARS:
            short.append(i)
        elif (at := flat.find(texts[i])) >= 0:
            found[i] = at
        elif sum(map(len, tokens)) >= SOLID_MATCH_MIN_CHARS and "".join(tokens) in solid:
            continue  # kept, with no position in `flat`
        elif len(tokens) >= WORD_MATCH_MIN_WORDS:
            by_words.append(i)
        else:
            gone.append(i)
    where = {i: (found[i], found[i] + len(texts[i])) for i in _in_order(found)}
    unused = Counter(flat.split())
    for i in found:
        if i not in where and all(
            _overlaps(at, at + len(texts[i]), where.values()) for at in _occurrences(flat, texts[i])
        ):
            gone.append(i)  # only where an in-order line stands: a second copy
        else:
            unused -= Counter(texts[i].split())
    for i in by_words:
        counts = Counter(texts[i].split())
        if sum(min(n, unused[t]) for t, n in counts.items()) < WORD_MATCH_SHARE * sum(counts.values()):
            gone.append(i)  # not there, or its words went to another line
        else:
            unused -= counts
    anchors = sorted(where)
    for i in short:
        text = texts[i]
        k = bisect_left(anchors, i)
        lo = where[anchors[k - 1]][1] if k > 0 else 0
        hi = where[anchors[k]][0] if k < len(anchors) else len(flat)
        if not (text in flat[lo:hi] if lo <= hi else text in flat):
            gone.append(i)
    message = f"not in {engine}'s extraction" + (f" ({why})" if why else "")
    return merge_runs([Cut(i, i + 1, f"html.{engine}", "boilerplate", message, None, ORIGIN) for i in sorted(gone)])


def _in_order(found: dict[int, int]) -> list[int]:
    """The longest run of lines (in document order) whose places in the
    output increase: the lines that stand where they are found."""
    tails: list[int] = []  # tails[k]: the line ending the best run of length k + 1
    tail_at: list[int] = []  # and where it stands in the output
    before: dict[int, int | None] = {}
    for i in sorted(found):
        k = bisect_left(tail_at, found[i])
        before[i] = tails[k - 1] if k else None
        if k == len(tails):
            tails.append(i)
            tail_at.append(found[i])
        else:
            tails[k], tail_at[k] = i, found[i]
    run, i = [], tails[-1] if tails else None
    while i is not None:
        run.append(i)
        i = before[i]
    return run[::-1]


def _occurrences(text: str, part: str):
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def _overlaps(a: int, b: int, spans) -> bool:
    return any(a < end and start < b for start, end in spans)
