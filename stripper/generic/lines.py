"""The one record the classifier's steps read and add to, and the record of
what a step decided (docs/generic.md is the spec of the steps)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model import Cut, Document
from .features import LineFeatures
from .labels import PROSE
from .thresholds import Thresholds

RULE_PREFIX = "generic"


class Decision(NamedTuple):
    """What a step decided, for `explain`: the lines it decided (or the body
    it set), keep / cut / body, and why. A cut carries its rule id and
    category, as a rule's cut does."""

    step: str
    lines: range
    verdict: str  # keep | cut (a line's), body | thread (where they lie)
    # why, in words: or a function that says it, where the words are often
    # not read (a cut line that joins the cut above it, whose reason stands)
    reason: str | Callable[[], str]
    rule_id: str | None = None
    category: str | None = None

    @property
    def keep(self) -> bool:
        return self.verdict == "keep"

    @property
    def why(self) -> str:
        return self.reason if isinstance(self.reason, str) else self.reason()


def decision(
    step: str,
    lines: range,
    verdict: str,
    reason: str | Callable[[], str],
    rule_id: str | None = None,
    category: str | None = None,
) -> Decision:
    """A Decision made without NamedTuple.__new__'s Python frame: the steps
    that decide every line make one a line."""
    return tuple.__new__(Decision, (step, lines, verdict, reason, rule_id, category))


@dataclass
class Lines:
    """A document's lines as the classifier sees them."""

    doc: Document
    thresholds: Thresholds
    stop: frozenset[str]  # the language's stoplist (empty: none)
    decided: frozenset[int]  # lines the rules cut or protect: left alone
    rule_cuts: Sequence[Cut]  # the rules' cuts (read-also insertions are read)
    texts: list[str] = field(default_factory=list)  # what the rules leave of each line
    features: list[LineFeatures | None] = field(default_factory=list)  # None: blank or decided
    first: list[str] = field(default_factory=list)  # good | near | short | bad | blank
    revised: list[str] = field(default_factory=list)
    above: list[str | None] = field(default_factory=list)  # the nearest good or bad label above each line
    below: list[str | None] = field(default_factory=list)  # ...and below
    pieces: frozenset[int] = frozenset()  # pieces of a hard-wrapped sentence, free in the body search
    dated_list: frozenset[int] = frozenset()  # lines of a list of dated teasers: no body there
    candidates: list[tuple[float, int, int]] = field(default_factory=list)  # the body search's (value, start, end)
    body: tuple[int, int] | None = None  # the article's lines, half-open
    body_by: dict[str, str] = field(default_factory=dict)  # edge ("start", "end") -> the step that set it
    body_said: str | None = None  # how a cut's reason says the body (classifier.py), until it moves
    thread: int | None = None  # a comment thread's first line
    listed: set[int] = field(default_factory=set)  # items of a list the article announces
    headline_roll: frozenset[int] = frozenset()  # section-labelled headlines above the body: no title
    second_article: Decision | None = None  # a second article's lines, to the end
    rules_decided: frozenset[int] = frozenset()  # the rules' lines, when a second article adds its own
    decisions: dict[int, Decision] = field(default_factory=dict)  # the steps that decide a few lines
    trace: list[Decision] = field(default_factory=list)  # every step's decisions, in order

    def __len__(self) -> int:
        return len(self.features)

    def next_line(self, i: int, step: int = 1, before_thread: bool = False) -> int | None:
        """The next line from i (step 1 down, -1 up) with text to judge; with
        `before_thread`, none at or past the comment thread."""
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
