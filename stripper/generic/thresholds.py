"""Every number the generic classifier decides with, in one place.

The defaults are the values docs/generic.md states; `python -m bench fit`
chooses them on the bench-train pages and the seeds (leave one dataset out
to report how a choice carries over to unseen sites), and writes them here.
`classify(..., thresholds=Thresholds(good_words=18))` tries another set.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields

try:  # Cython compiles this module (stripper/_native.py); thresholds.pxd declares the fields
    import cython
except ImportError:  # run as plain Python, Cython absent: a frozen dataclass
    from .. import _cython_shim as cython  # type: ignore[no-redef]


# Compiled, an extension type whose fields (Python objects) the steps typed
# to take one (`t=Thresholds`) read as C reads a struct's members; as plain
# Python, a frozen dataclass. Either way the fields keep what was given, and
# setting or deleting one raises FrozenInstanceError.
@cython.dataclasses.dataclass(frozen=True)
@cython.cclass
class Thresholds:
    # --- first label, from the line alone (word units: CJK characters count half)
    good_words: int = 20  # a long line...
    good_stop: float = 0.30  # ...of running prose is good (English prose 0.4-0.5, Arabic 0.5-0.6)
    near_words: int = 9  # a medium line with some prose is near-good
    near_stop: float = 0.20
    short_words: int = 5  # below this a line says nothing by itself
    no_stoplist_marks: int = 2  # languages without a stoplist: prose shows punctuation
    link_share_bad: float = 0.3  # link-like tokens per word that make a line bad
    counters_bad: int = 3  # 3+ bracketed counts...
    counter_words: int = 6  # ...one per 6 words or denser: an archive list
    separators_bad: int = 2  # "A | B | C"...
    separator_words: int = 6  # ...one per 6 words or denser: a flattened menu
    digit_share_bad: float = 0.3  # digits per visible character: scores, tables, timetables
    markup_share_bad: float = 0.3  # characters inside HTML tags: a line of code, bad
    unpunctuated_words: int = 40  # words a sentence mark or more: a flattened list, bad

    # --- the body: the first densest run of line values (Kadane)
    near_weight: float = 0.5  # a near line is worth this share of its words
    bad_weight: float = 1.0  # a bad line costs its words times this, plus short_cost
    short_cost: float = 5.0  # what a short line costs
    gap_growth: float = 0.2  # each further line of a run of bad/short lines costs this much more...
    gap_cost_max: float = 2.0  # ...up to this many times its value: an article's own table is no menu
    early_share: float = 0.7  # the first candidate worth this share of the best is the body...
    article_above_share: float = 0.4  # ...or one above it worth this share of it, when it is no article
    opening_good_min: int = 2  # the candidate above the body with this many good lines...
    opening_ends_share: float = 0.8  # ...this share of them ending sentences: the article's opening
    opening_topic_share: float = 0.3  # a further candidate above: this share of its topic's stems in the body
    code_block_min_lines: int = 2  # a block of this many lines...
    code_block_share: float = 0.4  # ...this share of them code: free in the body search
    table_rows_min: int = 3  # ...or this many rows of a table, and that share of them
    wrapped_piece_min_words: int = 3  # an Arabic piece of a hard-wrapped sentence, free in the search

    # --- lists of dated items (a ticker, teasers each under its time): no body there
    dated_list_items: int = 4
    dated_list_spacing: int = 6  # lines from one item to the next
    dated_item_max_words: int = 4  # "Сегодня, 9:38", "5 January 2012"

    # --- lists of teasers (a bulleted headline, then its story's first lines): no body there
    teaser_list_items: int = 3
    teaser_max_prose_words: int = 60  # a teaser is this short; an article's paragraph may be longer
    teaser_told_share: float = 0.2  # of the headline's content words the teaser holds (their first letters)
    teaser_stem_letters: int = 5  # a word's first letters stand for it ("απεργιακές", "απεργιακών")

    # --- the headline above the body
    headline_min_words: int = 3
    headline_max_words: int = 30
    headline_lookback: int = 4  # among this many lines just before the body...
    headlines_max: int = 1  # ...at most this many title-like lines stay
    headline_story_lines: int = 3  # the body's first prose lines a headline tells of (a credit under it tells nothing)
    title_max_words: int = 15  # an Arabic line bad for want of stopwords may still be a title
    furniture_max_lines: int = 6  # dates, bylines, share bars passed over between headline and body
    furniture_max_words: int = 6  # a date or byline line is this short

    # --- comment threads: short dated signatures with prose between them
    signature_min_words: int = 3
    signature_max_words: int = 12
    thread_signatures: int = 3
    thread_spacing: int = 12
    thread_min_prose: int = 40  # words of the article's prose before a thread is looked for
    thread_header_lines: int = 3  # short lines above the first signature that go with it
    comment_count_min_prose: int = 120  # words of the article's prose before a comment count ends it...
    comment_count_max_words: int = 4  # ...a line of this many words at most: "41 Comments", "Comments (41)"

    # --- the body's edges moved by what the article says
    headline_list_min: int = 3  # headlines ending the body, after a sentence: a related list
    unended_tail_min_lines: int = 5  # lines after the body's last sentence...
    ended_share: float = 0.5  # ...fewer of whose prose lines end a sentence, after prose that ends its own
    teaser_max_words: int = 20  # all that follows a read-also marker this short: its teasers
    teaser_blocks_min: int = 4  # blocks of a section label, a headline and a teaser ending the body...
    teaser_heads_max: int = 2  # ...each of one teaser under at most this many short lines...
    teaser_label_max_words: int = 4  # ...the first of them a label this short...
    teaser_labels_recurring: int = 2  # ...this many labels each heading two blocks or more: other articles
    footer_position_min: float = 0.75  # a copyright or legal line this far down is the site's footer...
    footer_above_share: float = 0.3  # ...a body below it goes back above it to a candidate worth this share of the best
    labelled_end_min_good: int = 6  # good lines ending a sentence above a share or footer label...
    labelled_end_ended_share: float = 0.8  # ...and fewer of the prose lines below it ending one: the body ends there
    footer_end_min_good: int = 4  # ...or this many above a copyright or legal line, a surer end than a share bar
    author_box_max_lines: int = 3  # prose lines under an "About the author" label that end the body: the box
    author_name_reach: int = 5  # a writer's name over a bio is among its first words ("Josh Lowensohn joined ...")
    teasers_min: int = 2  # headlines right under a marker's headline that go with it
    extension_rounds: int = 4  # announced lists and the article going on, taken in turn
    announce_min_words: int = 4  # "وتشمل الأشغال الأحياء التالية:", not a label ("Read also:")
    announce_opening_chars: int = 60  # a sentence's opening that is read for "فيما يلي"
    list_item_max_words: int = 20
    list_max_items: int = 40
    widget_max_lines: int = 12  # lines of a widget the article goes on past
    wrap_max_lines: int = 5  # wrapped lines that finish the body's last sentence
    numbered_gap_max: int = 150  # lines from a numbered section's heading to the next ("12. ...", "13. ...")...
    numbered_more_min: int = 2  # ...this many more below the body, or one when the body ends on two in a row
    numbered_missing_max: int = 1  # numbers a chain may miss (a heading the output drops: "4. Site.com")

    # --- a second article after a read-also insertion
    second_article_after_words: int = 40  # prose words a first article needs above the marker
    headline_content_words_min: int = 3  # content words a box's headline needs for the story test
    headline_covered: float = 0.4  # share of them the next paragraph tells
    wrapped_paragraph_max_lines: int = 6  # wrapped lines read as one paragraph there

    if cython.compiled:  # read-only members raise a bare AttributeError: say what a frozen dataclass says
        # (as plain Python the dataclass makes these, and refuses a class that has its own)

        def __setattr__(self, name, value):
            raise FrozenInstanceError(f"cannot assign to field {name!r}")

        def __delattr__(self, name):
            raise FrozenInstanceError(f"cannot delete field {name!r}")

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


DEFAULT = Thresholds()
