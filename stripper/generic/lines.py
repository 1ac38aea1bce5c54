"""The one record the classifier's steps read and add to, and the record of
what a step decided (docs/generic.md is the spec of the steps)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

try:  # Cython compiles this module (stripper/_native.py); lines.pxd declares its classes
    import cython
except ImportError:  # run as plain Python, Cython absent
    from .. import _cython_shim as cython  # type: ignore[no-redef]

from ..model import Cut, Document
from .labels import PROSE
from .thresholds import Thresholds

RULE_PREFIX = "generic"


class Decision:
    """What a step decided, for `explain`: the lines it decided (or the body
    it set), keep / cut / body, and why. A cut carries its rule id and
    category, as a rule's cut does. Compiled, an extension type (lines.pxd)."""

    __slots__ = ("step", "lines", "verdict", "reason", "rule_id", "category", "keep")

    def __init__(
        self,
        step: str,
        lines: range,
        verdict: str,  # keep | cut (a line's), body | thread (where they lie)
        # why, in words: or a function that says it, where the words are often
        # not read (a cut line that joins the cut above it, whose reason stands)
        reason: str | Callable[[], str],
        rule_id: str | None = None,
        category: str | None = None,
    ):
        _fill(self, step, lines, verdict, reason, rule_id, category)

    @property
    def why(self) -> str:
        return self.reason if isinstance(self.reason, str) else self.reason()

    def __repr__(self) -> str:
        said = (self.step, self.lines, self.verdict, self.why, self.rule_id, self.category)
        return f"Decision{said!r}"


def decision(
    step: str,
    lines: range,
    verdict: str,
    reason: str | Callable[[], str],
    rule_id: str | None = None,
    category: str | None = None,
) -> Decision:
    """A Decision made without a call of __init__ (compiled: C stores): the
    steps that decide every line make one a line."""
    return _fill(Decision.__new__(Decision), step, lines, verdict, reason, rule_id, category)


@cython.cfunc
@cython.locals(made=Decision)
def _fill(made, step, lines, verdict, reason, rule_id, category) -> Decision:
    """`made`, its fields set: the one place that sets them."""
    made.step = step
    made.lines = lines
    made.verdict = verdict
    made.reason = reason
    made.rule_id = rule_id
    made.category = category
    made.keep = verdict == "keep"
    return made


class Lines:
    """A document's lines as the classifier sees them. Compiled, an
    extension type (lines.pxd declares its fields): the steps typed to
    take one read a field as C reads a struct's."""

    def __init__(
        self,
        doc: Document,
        thresholds: Thresholds,
        stop: frozenset[str],  # the language's stoplist (empty: none)
        decided: frozenset[int],  # lines the rules cut or protect: left alone
        rule_cuts: Sequence[Cut],  # the rules' cuts (read-also insertions are read)
        held_tails: Sequence[tuple[int, str]] = (),  # tail markers the rules held back: (line, rule id)
    ):
        self.doc = doc
        self.thresholds = thresholds
        self.stop = stop
        self.decided = decided
        self.rule_cuts = rule_cuts
        self.held_tails = held_tails
        self.texts = []  # what the rules leave of each line
        self.features = []  # each line's LineFeatures; None: blank or decided
        self.first = []  # good | near | short | bad | blank
        self.revised = []
        self.above = []  # the nearest good or bad label above each line
        self.below = []  # ...and below
        self.pieces = frozenset()  # pieces of a hard-wrapped sentence, free in the body search
        self.code = frozenset()  # lines of the article's code blocks and tables: free in the body search, kept in it
        self.dated_list = frozenset()  # lines of a list of dated teasers: no body there
        self.teaser_list = frozenset()  # the teasers of a list of bulleted headlines: no body there
        self.cut_short = {}  # line -> whether it ends cut short ("...", "Read more"): body.ends_sentence's memo
        self.candidates = []  # the body search's (value, start, end)
        self.body = None  # the article's lines, half-open
        self.body_by = {}  # edge ("start", "end") -> the step that set it
        self.body_said = None  # how a cut's reason says the body (classifier.py), until it moves
        self.thread = None  # a comment thread's first line
        self.thread_by = None  # the step that found it
        self.end_label = None  # the label the body ends at (`labelled_end`): "common-en/share on line 41"
        self.passed_over = None  # the run the body passed over for the article above it (`article_above`)
        self.listed = set()  # items of a list the article announces
        self.headline_roll = frozenset()  # section-labelled headlines above the body: no title
        self.second_article = None  # the Decision that cuts a second article's lines, to the end
        self.rules_decided = frozenset()  # the rules' lines, when a second article adds its own
        self.decisions = {}  # line -> the Decision of a step that decides a few lines
        self.trace = []  # every step's Decisions, in order

    def __len__(self) -> int:
        return len(self.features)

    def next_line(self, i: int, step: int = 1, before_thread: bool = False) -> int | None:
        """The next line from i (step 1 down, -1 up) with text to judge; with
        `before_thread`, none at or past the comment thread. (Compiled: a
        cpdef method, lines.pxd; the typed steps call it in C, and pass
        `before_thread` by position, `next_line(i, 1, True)`: a C call takes
        no keyword past a default left out.)"""
        feats = self.features
        while 0 <= i < len(feats):
            if feats[i] is not None:
                return None if before_thread and self.thread is not None and i >= self.thread else i
            i += step
        return None

    def text_lines(self, start: int, end: int) -> Iterator[int]:
        return (i for i in range(start, end) if self.features[i] is not None)

    def prose_lines(self, start: int, end: int) -> Iterator[int]:
        return (i for i in self.text_lines(start, end) if self.first[i] in PROSE)

    def goes_on(self, indexes) -> bool:
        """Most of these lines open with an Arabic connective: the article going on."""
        indexes = list(indexes)
        return bool(indexes) and 2 * sum(self.features[i].connective for i in indexes) > len(indexes)

    def set_body(self, step: str, start: int, end: int, why: str) -> Decision | None:
        """Move the body's edges; a Decision when they moved."""
        old = self.body
        if old == (start, end):
            return None
        if old is None or old[0] != start:
            self.body_by["start"] = step
        if old is None or old[1] != end:
            self.body_by["end"] = step
        self.body = (start, end)
        self.body_said = None
        return Decision(step, range(start, end), "body", why)
