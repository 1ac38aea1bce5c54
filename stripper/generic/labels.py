"""A line's labels and the words that explain them (docs/generic.md, 3-4).

The first label comes from the line alone: good, near, short or bad. The
revised label comes from the neighbours. The predicates on a line's shape
(a flattened menu, an archive list, link-like tokens...) are shared by the
steps that read them, and `why` says in words what made a line bad.
"""

from __future__ import annotations

import re

try:  # Cython compiles this module (stripper/_native.py); labels.pxd types LineFeatures
    import cython
except ImportError:  # run as plain Python, Cython absent
    from .. import _cython_shim as cython  # type: ignore[no-redef]

from ..lazyre import compile_later
from ..normalize import is_word_char
from .arabic import ARABIC_LETTER, CLITICS
from .features import LineFeatures
from .thresholds import Thresholds

PROSE = ("good", "near")
# An HTML tag of a page's layout, an ad's or a widget's code left in the
# text: "<a href=...>", "</div>", "<script src=...>" (not "<The Palace>")
_TAG = compile_later(
    r"<\s*/?\s*(?:a|br|div|embed|form|iframe|img|input|ins|li|link|meta|noscript|object|p|param|script|span|style"
    r"|table|td|tr|ul)\b[^<>]*>",
    re.IGNORECASE,
)


def glued(f: LineFeatures, t: Thresholds) -> bool:
    """Words run together, as menus and share bars flatten, on a line that
    is not a long sentence: one typo that glues two words ("الأبحاثوالتحريات")
    does not make a paragraph a menu."""
    return f.run_together and not (f.words >= t.good_words and (f.sentence_end or f.stop_share >= t.good_stop))


def archive_list(f: LineFeatures, t: Thresholds) -> bool:
    return f.counters >= t.counters_bad and f.counters * t.counter_words >= f.words


def flat_menu(f: LineFeatures, t: Thresholds) -> bool:
    return f.separators >= t.separators_bad and f.separators * t.separator_words >= f.words


def link_heavy(f: LineFeatures, t: Thresholds) -> bool:
    return bool(f.words) and f.link_tokens / f.words >= t.link_share_bad


def bad_by_shape(f: LineFeatures, t: Thresholds) -> bool:
    """Words run together, link-like tokens, digits, bracketed counts, menu
    separators, or a bullet: what no sentence of an article looks like."""
    return bool(
        glued(f, t)
        or f.link_tokens
        or f.digit_share >= t.digit_share_bad
        or f.counters >= t.counters_bad
        or f.separators >= t.separators_bad
        or f.list_item
    )


def unpunctuated(f: LineFeatures, t: Thresholds) -> bool:
    """Fewer than one sentence mark in `unpunctuated_words` words, and no
    sentence end: a list flattened into a line (region names, tags, a menu
    of categories), not prose, whose sentences hold a comma or a stop far
    more often."""
    return f.words >= t.unpunctuated_words * (f.marks + 1) and not f.sentence_end


def markup(text: str, t: Thresholds) -> bool:
    """HTML tags for `markup_share_bad` of the line's characters or more: an
    ad's or a widget's code left in the dump, never the article's text (a
    tag or two inside a long line of prose is passed over)."""
    if "<" not in text:
        return False
    tags = 0
    for tag in _TAG.finditer(text):
        tags += len(tag.group(0))
    return tags > 0 and tags >= t.markup_share_bad * len(text.strip())


@cython.locals(f=LineFeatures, t=Thresholds)
def bad_but_for_a_bullet(f: LineFeatures, t: Thresholds) -> bool:
    """Bad by its shape for another reason than a bullet (a list's item)."""
    return bad_by_shape(f.replaced(list_item=False), t)


def headline_like(f: LineFeatures) -> bool:
    """No sentence end, no Arabic connective first ("وقد تم نقل ..." goes
    on the article's sentences; headlines open with a name or a noun), and
    no comma at the end (a sentence going on)."""
    return not f.sentence_end and not f.connective and not f.goes_on


@cython.locals(f=LineFeatures, t=Thresholds)
def arabic_title(text: str, f: LineFeatures, t: Thresholds) -> bool:
    """An Arabic line "bad" only for want of stopwords that can be a title:
    Arabic headlines are nouns and verbs ("مهرّب سجائر يتزعم عصابة مسلحة
    لترويج البضائع المقلدة"), with fewer stopwords than the stoplist expects
    of prose. (Elsewhere titles carry their articles and prepositions: the
    bench's English pages lose as much as they gain from this.)"""
    return (
        not bad_by_shape(f, t)
        and f.words <= t.title_max_words
        and not f.sentence_end
        and ARABIC_LETTER.search(text) is not None
    )


def first_label(f: LineFeatures, has_stoplist: bool, t: Thresholds) -> str:
    """good, near, short or bad, from the line alone."""
    if glued(f, t) or link_heavy(f, t):
        return "bad"
    if f.digit_share >= t.digit_share_bad and f.words < t.good_words:
        return "bad"
    if archive_list(f, t) or flat_menu(f, t):
        return "bad"
    if f.words < t.short_words:
        return "short"
    if unpunctuated(f, t):
        return "bad"
    prose = (f.stop_share >= t.good_stop) if has_stoplist else (f.marks >= t.no_stoplist_marks or f.sentence_end)
    if f.words >= t.good_words and prose and not f.list_item:  # menus and teaser lists are bulleted
        return "good"
    near = (f.stop_share >= t.near_stop) if has_stoplist else (f.marks >= 1 or f.sentence_end)
    if f.words >= t.near_words and (near or f.sentence_end):
        return "near"
    return "short" if f.words < t.near_words else "bad"


@cython.locals(first=list, before=list, after=list, out=list, i=cython.Py_ssize_t, label=str, b=str, a=str)
def revised_labels(first: list[str], before: list[str | None], after: list[str | None]) -> list[str]:
    """Short and near lines take their context (`before`, `after`: the
    nearest anchors, `nearest_anchors`): good on both sides -> good; bad on
    both sides, or bad and the document's edge -> bad; one of each -> near
    lines good, short lines bad."""
    out = list(first)
    # (compiled: a C loop over the lists; the labels typed as str, so that
    # a test of one against "good" is the strings' identity first)
    for i in range(len(first)):
        label = first[i]
        if label != "short" and label != "near":
            continue
        b, a = before[i], after[i]
        if b == a == "good":
            out[i] = "good"
        elif b == a == "bad" or (b is None and a == "bad") or (a is None and b == "bad"):
            out[i] = "bad"
        else:
            out[i] = "good" if label == "near" else "bad"
    return out


@cython.locals(
    first=list, out=list, i=cython.Py_ssize_t, step=cython.Py_ssize_t, _=cython.Py_ssize_t, label=str, current=str
)
def nearest_anchors(first: list[str], upwards: bool) -> list[str | None]:
    """For each line, the label of the nearest good or bad line above it
    (`upwards`) or below it, None at the document's edge."""
    out = [None] * len(first)
    current = None
    i = 0 if upwards else len(first) - 1
    step = 1 if upwards else -1
    for _ in range(len(first)):  # (compiled: a C loop over the lists, the labels typed as in revised_labels)
        out[i] = current
        label = first[i]
        if label == "good" or label == "bad":
            current = label
        i += step
    return out


def value(f: LineFeatures, label: str, t: Thresholds) -> float:
    """A line's value in the search for the body, from its first label."""
    if label == "good":
        return f.words
    if label == "near":
        return f.words * t.near_weight
    if label == "bad":
        return -(f.words * t.bad_weight + t.short_cost)
    return -t.short_cost


def category(f: LineFeatures, t: Thresholds, default: str = "boilerplate") -> str:
    """The category of a cut line: link-like or run together -> share; dates
    or digits -> metadata; else what the line's place says."""
    if glued(f, t) or f.link_tokens:
        return "share"
    if f.dates or f.digit_share >= t.digit_share_bad:
        return "metadata"
    return default


@cython.locals(f=LineFeatures, t=Thresholds)
def why(f: LineFeatures, first: str, t: Thresholds, text: str = "") -> str:
    """What the line is, in words, for a cut's reason (`text`, the line's,
    tells a line of markup)."""
    if first == "bad" and markup(text, t):
        return "HTML markup"
    if glued(f, t):
        return "words run together"
    if archive_list(f, t):
        return f"{f.counters} bracketed counts (an archive or category list)"
    if flat_menu(f, t):
        return f"{f.separators} item separators (a flattened menu)"
    if link_heavy(f, t):
        return f"{f.link_tokens} link-like tokens"
    if first == "short":
        return f"short line ({f.words} words)"
    if first == "bad" and unpunctuated(f, t):
        return f"{f.words} words with {f.marks} sentence marks (a flattened list)"
    if first == "bad":
        return f"line without prose ({f.words} words, {f.stop_share:.0%} stopwords)"
    return f"{first} line ({f.words} words)"


_WORD = compile_later(r"\w+")
_CLITIC_OPENINGS = frozenset(clitic[0] for clitic in CLITICS)


@cython.locals(
    normalized=str, words=set, ch=cython.Py_UCS4, i=cython.Py_ssize_t, start=cython.Py_ssize_t, in_run=cython.bint
)
def content_words(normalized: str, stop: frozenset[str]) -> set[str]:
    """A line's words that carry its topic: no stopwords, numbers or words
    under 3 letters; Arabic ones without "ال" and a joined "و", "ب"...
    Compiled, the runs of word characters (\\w+: `normalize.is_word_char`)
    are read in a C loop, not found by the regex (a paragraph's findall
    cost 15,000 instructions); tests/test_features_kernel.py holds the two
    alike."""
    words = set()
    if not cython.compiled:
        for word in _WORD.findall(normalized):
            _add_content_word(words, word, stop)
        return words
    in_run, start, i = False, 0, 0
    for ch in normalized:
        if is_word_char(ch):
            if not in_run:
                in_run, start = True, i
        elif in_run:
            in_run = False
            _add_content_word(words, normalized[start:i], stop)
        i += 1
    if in_run:
        _add_content_word(words, normalized[start:i], stop)
    return words


@cython.cfunc
@cython.locals(words=set, word=str)
def _add_content_word(words, word, stop) -> None:
    """`word` into `words` if it carries a topic (`content_words`)."""
    if word in stop or len(word) < 3 or word.isdigit():
        return
    if word[0] not in _CLITIC_OPENINGS:  # no clitic opens it (most words of most languages)
        words.add(word)
        return
    for clitic in CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            word = word[len(clitic) :]
            break
    words.add(word)
