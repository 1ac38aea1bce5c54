"""Apply rules to a document: each rule kind is one small function.

Kinds run in a fixed order, the widest first, so that a line belongs to the
first rule that claims it: tail, block, insertion, line, repeat, inline.
Within a kind, site rules come before common rules (the rule list is built in
that order by the registry). A line already claimed is never cut twice.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, islice

try:  # Cython compiles this module (stripper/_native.py); engine.pxd declares Context
    import cython
except ImportError:  # run as plain Python, Cython absent
    from .. import _cython_shim as cython  # type: ignore[no-redef]

from ..assemble import cut_line_text, without_spans
from ..errors import RuleTimeout
from ..generic.arabic import opens_with_connective
from ..model import LINE_OPENING, Cut, Document, cached, cut_position
from ..normalize import LIST_ITEM, has_words, holds_arabic_letter, strip_decoration, word_count, word_count_upto
from ..sentence import ends_sentence
from .patterns import LiteralScanner, PatternTimeout
from .schema import Rule

# The order kinds run in: inline first (the others read the lines without
# its spans: `rules_and_view`), then the widest first.
KIND_ORDER = ("inline", "tail", "block", "insertion", "line", "repeat")
_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
# A body line, for the tail rule's "after the body" test.
BODY_LINE_MIN_WORDS_DEFAULT = 10
# Documents this long are searched once per rule before line by line
# (measured: 20% faster on the bench dumps, 30% slower on 5-line dumps).
PREFILTER_MIN_LINES = 16
# Kinds whose max_words bounds every line they cut or start at.
WORD_BOUNDED_KINDS = frozenset({"line", "tail", "insertion"})


_NOT_YET = object()  # a value not computed yet


class Context:
    """What the kind functions share: the document, its normalised lines,
    the lines already claimed, and the cuts made so far."""

    def __init__(
        self,
        doc: Document,
        protected: frozenset[int] = frozenset(),
        occurs: dict[str, bool] | None = None,
        rules: KindOrdered | None = None,
    ):
        self.doc = doc
        self.rules = rules  # whose scanner finds their literals in one pass (compiled only)
        self.occurs = {} if occurs is None else occurs  # rule id -> may_apply's answer
        self.norm = doc.normalized
        self._words: list[int | None] = [None] * len(self.norm)
        self.claimed: set[int] = set(protected)
        self.cuts: list[Cut] = []
        self.held_tails: list[tuple[int, str]] = []  # tail markers held back for the prose after them: (line, rule id)
        self._lines_with: dict[int, list[int]] = {}
        self._scanned = _NOT_YET  # `scanned`, once read
        self._cut_texts: dict[int, str] = {}  # a line without the spans cut of it so far (`_inline`)

    @cached
    def stripped(self) -> list[str]:
        """Each normalised line without its decoration (what a token matches)."""
        # Held by this pass's context, not the Document: on a million-line
        # dump, a set kept for the whole cleaning raised the peak memory by
        # 300 MB (tests/test_faults.py); site detection builds its own.
        return [strip_decoration(line) for line in self.norm]

    @cached
    def stripped_lines(self) -> frozenset[str]:
        return frozenset(self.stripped)

    def may_apply(self, rule: Rule) -> bool:
        """False when the rule's leading pattern occurs nowhere in the
        document: most rules are passed over with one search. (A short
        document skips the search, which costs more than it saves there:
        `ShortScreen` passes its rules over.)"""
        lead = _lead(rule)
        if lead is None:
            return True
        answer = self.occurs.get(rule.id)
        if answer is None:
            answer = self.occurs[rule.id] = lead.may_occur(
                self.doc, self.stripped_lines, self.doc.holds_arabic, self.scanned
            )
        return answer

    @property
    def scanned(self) -> tuple[frozenset[str], frozenset[str], dict[str, list[int]]] | None:
        """The rules' literals their scanner knows, those the document's
        folded text holds, and the lines each is on; None without a scanner
        (each is searched for).
        Built at the first rule a search would screen: a later pass, whose
        answers come from the first, builds none."""
        if self._scanned is _NOT_YET:
            scanner = self.rules.scanner(self.doc.holds_arabic) if self.rules is not None else None
            self._scanned = scanner.scanned(self.doc.folded_text) if scanner is not None else None
        return self._scanned

    @cython.locals(i=cython.Py_ssize_t, fewest=cython.Py_ssize_t, words=cython.Py_ssize_t, seen=cython.bint)
    def fewest_words(self, most: int) -> int:
        """The word count of the shortest line still free (lines are only
        claimed later, never freed: the bound holds for the whole pass),
        each line counted no further than `most` + 1 words (all a bound of
        `most` asks: a paragraph's count stops at its first words); 0 where
        none is free. (A loop: min() over a generator cost a third more.)"""
        known = self._words
        fewest, seen = 0, False
        for i in range(len(self.norm)):
            if self.free(i):
                count = known[i]
                words = count if count is not None else word_count_upto(self.norm[i], most)
                if not seen or words < fewest:
                    fewest, seen = words, True
        return fewest

    def lines_with(self, pattern, lo: int = 0, hi: int | None = None) -> list[int]:
        """The lines in lo..hi-1 where `pattern` can match, ascending: those
        holding one of the literals it needs, found by substring search in
        the case-folded text (a long document) or in each line (a short
        one); all of them when it needs none."""
        hi = len(self.norm) if hi is None else hi
        needed = pattern.literals
        if not needed:
            return list(range(lo, hi))
        if len(self.norm) < PREFILTER_MIN_LINES:
            if pattern.token_set:  # a set lookup a line: no search to spare
                return list(range(lo, hi))
            # a regex search with a timeout reads the process's CPU clock,
            # a system call that cost more than the search (a line holding
            # none of the literals cannot match)
            folded = self._folded_lines
            openings, anywhere = pattern.line_screen
            return [i for i in range(lo, hi) if _holds_one(folded[i], openings, anywhere)]
        key = id(pattern)
        lines = self._lines_with.get(key)
        if lines is None:
            lines = self._lines_with[key] = self._lines_holding(pattern, needed[0])
        return [i for i in lines if lo <= i < hi]

    def _lines_holding(self, pattern, literals: frozenset[str]) -> list[int]:
        if pattern.token_set:  # whole-line tokens: the lines that are one
            tokens = pattern.token_set
            return [i for i, line in enumerate(self.stripped) if line in tokens]
        scanned = None if self._scanned is _NOT_YET else self._scanned  # what the screen's scan found, if it ran
        if scanned is not None:  # a literal the text does not hold is on no line
            known, held, lines_of = scanned
            literals = frozenset(literal for literal in literals if literal in held or literal not in known)
            if all(literal in held and "\n" not in literal[1:] for literal in literals):
                # the scan saw each on its lines (a "\n" that opens a literal
                # stands before the line it opens, as a search finds it)
                return sorted({i for literal in literals for i in lines_of[literal]})
        if all(literal.startswith("\n") for literal in literals):
            # literals a line must start with: the lines are looked up by
            # their openings, not each tested, nor the document scanned a literal
            return self._lines_starting(literal[1:] for literal in literals)
        # a line found, the search goes on from the next one: "- " or "| "
        # stands many times in a line of a menu
        text, found, breaks = self.doc.folded_text, set(), self._line_breaks
        ends = len(breaks)
        for literal in literals:
            at = text.find(literal)
            while at >= 0:
                line = bisect_right(breaks, at) - 1
                found.add(line)
                if line + 1 == ends:
                    break
                at = text.find(literal, breaks[line + 1])
        return sorted(found)

    @cython.locals(lines=list, by_opening=dict, found=set, start=str, opening=str, line=str)
    def _lines_starting(self, starts) -> list[int]:
        """The lines of `_folded_lines` that start with one of `starts`."""
        lines, by_opening, found = self._folded_lines, self._lines_by_opening, set()
        for start in starts:
            if len(start) >= LINE_OPENING:  # the lines that open as it does, then each tested
                for i in by_opening.get(start[:LINE_OPENING], ()):
                    line = lines[i]
                    if line.startswith(start):
                        found.add(i)
            else:  # shorter than an opening: the openings that start with it
                for opening, indexes in by_opening.items():
                    if opening.startswith(start):
                        found.update(indexes)
        return sorted(found)

    @cached
    @cython.locals(index=dict, folded=list, i=cython.Py_ssize_t, line=str)
    def _lines_by_opening(self) -> dict[str, list[int]]:
        """The lines of each opening: the first LINE_OPENING characters of
        a line of `_folded_lines` (all of a shorter one)."""
        index = {}
        folded = self._folded_lines
        for i in range(len(folded)):
            line = folded[i]
            index.setdefault(line[:LINE_OPENING], []).append(i)
        return index

    @cached
    @cython.locals(folded=str)
    def _folded_lines(self) -> list[str]:
        """Each normalised line casefolded, as `doc.folded_text` holds it
        (casefolding goes character by character: a line's folded opening
        is its opening folded). Where casefolding changed nothing (a
        matching form is lower-cased already: most texts), the lines
        themselves, not copies split off the folded text."""
        folded = self.doc.folded_text
        if self.doc.folds_as_is():
            return list(self.norm)
        lines = folded.split("\n")[1:]
        return lines if len(lines) == len(self.norm) else [line.casefold() for line in self.norm]

    @cached
    @cython.locals(text=str, at=cython.Py_ssize_t)
    def _line_breaks(self) -> list[int]:
        """Where each line's "\\n" stands in `doc.folded_text`."""
        breaks, at, text = [], 0, self.doc.folded_text
        while at >= 0:
            breaks.append(at)
            at = text.find("\n", at + 1)
        return breaks

    def matches(self, pattern, i: int) -> bool:
        """Whether `pattern` matches line i: whole-line tokens are looked up
        with the line's decoration stripped once a pass, not once a rule."""
        if pattern.token_set:
            return self.stripped[i] in pattern.token_set
        return pattern.search(self.norm[i]) is not None

    def words(self, i: int) -> int:
        """Word count of normalised line i, counted once per document."""
        count = self._words[i]
        if count is None:
            count = self._words[i] = word_count(self.norm[i])
        return count

    def free(self, i: int) -> bool:
        return i not in self.claimed and bool(self.norm[i])

    def cut(
        self, rule: Rule, start: int, end: int, message: str | None = None, span: tuple[int, int] | None = None
    ) -> None:
        self.cuts.append(Cut(start, end, rule.id, rule.category, message or rule.message, span, rule.origin))
        if span is None:
            self.claimed.update(range(start, end))


@cython.cfunc
@cython.locals(line=str, openings=tuple, anywhere=tuple, literal=str)
@cython.returns(cython.bint)
def _holds_one(line, openings, anywhere) -> cython.bint:
    """Whether the case-folded line holds one of a pattern's first set of
    literals (`Pattern.line_screen`): starts with one of `openings` or
    holds one of `anywhere`. One startswith call tests every opening."""
    if openings and line.startswith(openings):
        return True
    for literal in anywhere:
        if literal in line:
            return True
    return False


class KindOrdered(tuple):
    """Rules already in KIND_ORDER (stable within a kind): what the registry
    hands out, so that apply_rules need not sort them for every document."""

    @classmethod
    def of(cls, rules) -> KindOrdered:
        return rules if isinstance(rules, cls) else cls(sorted(rules, key=_kind_rank))

    @cached
    def short_screen(self) -> ShortScreen:
        return ShortScreen(self)

    @cached
    def inline(self) -> KindOrdered:
        """The inline rules (they run first: `rules_and_view`)."""
        return KindOrdered(rule for rule in self if rule.kind == "inline")

    @cached
    def whole_lines(self) -> KindOrdered:
        """The rules of every other kind, which cut whole lines."""
        return KindOrdered(rule for rule in self if rule.kind != "inline")

    @cached
    def contextual(self) -> KindOrdered:
        """The rules whose decision on a line depends on other lines, so that
        they may find something new on the output of the cuts (the next
        cleaning pass): all but line rules with no position bound
        (`in_first`, `in_last`), inline rules, and repeat rules (the
        output's lines are some of the lines the first pass's repeat rules
        read, with the same texts, in the same order, and those rules cut
        every line but the first of each text they met twice: none is left
        to cut). Kept with the list, as its screen and scanner are: made
        once, not once a document."""
        return KindOrdered(
            rule
            for rule in self
            if not (
                rule.kind in ("inline", "repeat")
                or rule.kind == "line"
                and rule.in_first is None
                and rule.in_last is None
            )
        )

    def scanner(self, arabic: bool) -> LiteralScanner | None:
        """A scanner of the literals the rules' patterns need (the prefilter
        of `Context.may_apply`), where it is built; for a document without
        an Arabic letter (`arabic` False), of the literals without one, which
        are all that is looked for there: a smaller automaton."""
        scanners = self.__dict__.setdefault("_scanners", {})
        if arabic not in scanners:
            # the patterns whose lines are looked up: the leads, and the
            # repeat rules' prefixes
            leads = [lead for lead in map(_lead, self) if lead is not None and not lead.token_set]
            leads += [rule.prefix for rule in self if rule.prefix is not None and not rule.prefix.token_set]
            scanners[arabic] = LiteralScanner.for_literals(
                literal
                for lead in leads
                for needed in lead.literals
                for literal in needed
                if arabic or not holds_arabic_letter(literal)
            )
        return scanners[arabic]


PASSING_KEPT_MAX = 4096  # ShortScreen's answers kept (each a tuple of the rules)


class ShortScreen:
    """Which rules may apply to a short document, told by what is cheaper to
    know than a search: a rule whose every cut needs a line of at most
    max_words words is passed over when no free line is that short; one
    whose lead is a whole-line token, when no line is one; one whose lead
    needs a literal, when no line holds one of its first set (the test
    `Context.lines_with` makes of each line, made here without calling
    the rule: an empty document spent half its cleaning calling rules that
    found no line). Built once for a rule list, so a document is screened
    with a bisection, a few set lookups and the literal tests, not a call a
    rule (a 2-line dump spent a fifth of its cleaning there). Screening
    only spares work: each kind checks its lines itself."""

    def __init__(self, rules: Sequence[Rule]):
        self.rules = rules
        bounded = sorted(
            (rule.max_words, k)
            for k, rule in enumerate(rules)
            if _lead(rule) is not None and rule.max_words is not None and rule.kind in WORD_BOUNDED_KINDS
        )
        self._bounds = [words for words, _ in bounded]
        self._bounded = [k for _, k in bounded]
        self._by_token: dict[str, list[int]] = {}
        for k, rule in enumerate(rules):
            lead = _lead(rule)
            for token in lead.token_set if lead is not None else ():
                self._by_token.setdefault(token, []).append(k)
        self._token_rules = frozenset(k for ks in self._by_token.values() for k in ks)
        # a line longer than every token is none (not looked up: no hash of it made)
        self._longest_token = max(map(len, self._by_token), default=0)
        self._screens = [_literal_screen(rule) for rule in rules]
        # the rules passing, by how many bounded rules are out and which
        # token rules a line hits (most short documents are one of a few),
        # each with its literal screen
        self._passing: dict[tuple[int, frozenset[int]], tuple[tuple[Rule, tuple | None], ...]] = {}

    @cython.locals(ctx=Context, folded=list, text=str, screen=tuple, line=str, longest=cython.Py_ssize_t)
    def passing(self, ctx: Context) -> list[Rule]:
        """The rules, in order, that may cut something in `ctx`'s document
        (the token rules hit: those whose token a line is without its
        decoration, the lines not put in a set, which hashed a long line
        that no token is as long as)."""
        bounded_out = bisect_left(self._bounds, ctx.fewest_words(self._bounds[-1])) if self._bounds else 0
        hit: frozenset[int] = frozenset()
        if self._token_rules:
            by_token, longest, found = self._by_token, self._longest_token, []
            for line in ctx.stripped:
                if len(line) <= longest and line in by_token:
                    found.extend(by_token[line])
            hit = frozenset(found)
        key = (bounded_out, hit)
        candidates = self._passing.get(key)
        if candidates is None:
            out = set(self._bounded[:bounded_out]) | self._token_rules.difference(hit)
            candidates = tuple((rule, self._screens[k]) for k, rule in enumerate(self.rules) if k not in out)
            if len(self._passing) < PASSING_KEPT_MAX:
                self._passing[key] = candidates
        folded, text = ctx._folded_lines, ctx.doc.folded_text  # the lines, and the same behind a "\n" each
        rules = []
        for rule, screen in candidates:
            if screen is not None and not _screen_passes(folded, text, screen[0], screen[1]):
                continue  # no line holds a literal its lead needs
            rules.append(rule)
        return rules


@cython.cfunc
@cython.locals(folded=list, text=str, openings=tuple, anywhere=tuple, line=str, literal=str)
@cython.returns(cython.bint)
def _screen_passes(folded, text, openings, anywhere) -> cython.bint:
    """Whether a line of `folded` starts with one of `openings` or holds one
    of `anywhere`, the latter searched in `text` (the lines, each behind a
    "\n") at once: a test of each line converted an ASCII literal for an
    Arabic line each time (short documents spent a sixth of their cleaning
    there)."""
    if openings:
        for line in folded:
            if line.startswith(openings):
                return True
    for literal in anywhere:
        if literal in text:
            return True
    return False


def _literal_screen(rule: Rule) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The line screen (`Pattern.line_screen`) of the literals a rule's lead
    needs, which `Context.lines_with` tests a short document's lines with;
    None where it tests none (no lead, a whole-line token, no literal)."""
    lead = _lead(rule)
    if lead is None or lead.token_set or not lead.literals:
        return None
    return lead.line_screen


def _lead(rule: Rule):
    """The pattern a rule's every cut starts from (None: no pattern leads)."""
    return rule.pattern or rule.marker or rule.start


def apply_rules(
    doc: Document,
    rules: Sequence[Rule],
    protected: frozenset[int] = frozenset(),
    occurs: dict[str, bool] | None = None,
    held_tails: list[tuple[int, str]] | None = None,
) -> list[Cut]:
    """All cuts the rules make on `doc`, sorted by position (see
    `rules_and_view`)."""
    return rules_and_view(doc, rules, protected, occurs, held_tails)[0]


@cython.locals(ctx=Context, spans_cut=Context)
def rules_and_view(
    doc: Document,
    rules: Sequence[Rule],
    protected: frozenset[int] = frozenset(),
    occurs: dict[str, bool] | None = None,
    held_tails: list[tuple[int, str]] | None = None,
) -> tuple[list[Cut], Document]:
    """All cuts the rules make on `doc`, sorted by position, and the view
    the other kinds read: the inline rules go first, and where they cut
    spans, the rest read `doc` without them (`without_spans`: the same
    lines, as the output will have them), so that a line rule or the
    classifier after them sees no ad script in a line, and a later pass on
    the output asks them nothing new. An inline cut on a line that another
    rule cuts whole is dropped (the line is that rule's).
    `occurs` carries the prefilter's answers from a document to a subset of
    its lines (the next cleaning pass): a rule whose pattern occurs nowhere
    in the first occurs nowhere in the second. `held_tails`, if given,
    receives the tail markers held back for the prose after them (line,
    rule id), for the generic classifier to weigh."""
    ordered = KindOrdered.of(rules)
    ctx = Context(doc, protected, occurs, ordered)
    view = doc
    if ordered.inline:
        _run(ctx, ordered.inline)
        if any([cut.span is not None for cut in ctx.cuts]):  # (a list: quicker than a generator, compiled)
            spans_cut = ctx
            view = without_spans(doc, spans_cut.cuts, spans_cut._cut_texts)
            ctx = Context(view, frozenset(spans_cut.claimed), spans_cut.occurs, ordered)
            ctx.cuts = spans_cut.cuts
    inline_cuts = len(ctx.cuts)
    _run(ctx, ordered.whole_lines)
    cuts = ctx.cuts
    if inline_cuts and len(cuts) > inline_cuts:
        taken = {i for cut in cuts[inline_cuts:] for i in range(cut.start, cut.end)}
        cuts = [cut for cut in cuts[:inline_cuts] if cut.start not in taken] + cuts[inline_cuts:]
    if held_tails is not None:
        held_tails.extend(ctx.held_tails)
    return sorted(cuts, key=cut_position), view


@cython.locals(ctx=Context)
def _run(ctx: Context, rules: KindOrdered) -> None:
    """The cuts of `rules` (in order) on `ctx`'s document."""
    short = len(ctx.norm) < PREFILTER_MIN_LINES
    for rule in rules.short_screen.passing(ctx) if short else rules:  # stable within a kind
        try:
            if short or ctx.may_apply(rule):
                _KINDS[rule.kind](ctx, rule)
        except PatternTimeout:
            raise RuleTimeout(rule.id, rule.origin, ctx.doc.source) from None


def _tail(ctx: Context, rule: Rule) -> None:
    """From the marker to the end, when the marker comes after the body: at
    least min_body_words of prose before it and, if the rule sets
    max_prose_after_pct, at most that much prose after it (in % of the prose
    before: a "Related" box in a sidebar above the article is not a tail),
    and no Arabic article going on after it (`_article_goes_on`). A marker
    held back only for the prose after it goes into `ctx.held_tails`."""
    candidates = [i for i in ctx.lines_with(rule.marker) if ctx.free(i)]
    if not candidates:  # most documents: no prose needs counting
        return
    prose = _prose_words(ctx)
    # running sums: the prose above each line not yet cut, and all of it
    above = list(accumulate((0 if j in ctx.claimed else words for j, words in enumerate(prose)), initial=0))
    through = list(accumulate(prose, initial=0))
    for i in candidates:
        if not ctx.free(i):
            continue  # inside a box cut just before
        body_words = above[i]
        after_words = through[-1] - through[i + 1]
        if (
            ctx.words(i) <= rule.max_words
            and body_words >= rule.min_body_words
            and ctx.matches(rule.marker, i)
            and not _list_item_in_a_list(ctx.doc.lines, i)
        ):
            if rule.max_prose_after_pct is not None and 100 * after_words > rule.max_prose_after_pct * body_words:
                ctx.held_tails.append((i, rule.id))  # the classifier weighs it (labelled_end)
                continue
            goes_on = _article_goes_on(ctx, i, prose)
            if goes_on is None:
                ctx.cut(rule, i, len(ctx.norm), rule.message or "tail after the body")
                return
            if all(ctx.words(j) <= BOX_ITEM_MAX_WORDS for j in range(i + 1, goes_on) if ctx.free(j)):
                ctx.cut(
                    rule,
                    i,
                    goes_on,
                    (rule.message or "tail") + f": a box inside the article, which goes on at line {goes_on + 1}",
                )
            # the article goes on: a later marker may still open the real tail


BOX_ITEM_MAX_WORDS = 15
PARAGRAPH_MIN_WORDS = 15


def _article_goes_on(ctx: Context, i: int, prose: list[int]) -> int | None:
    """Where the article goes on after the marker on line i, or None: the
    first prose line after it, when most of the first three paragraphs
    (lines of 15+ words, or 10+ that end like a sentence: not the box's
    headlines) open with an Arabic connective ("وأكد", "وقال"), as a box
    inside the article ("الأكثر قراءة" and its headlines) has paragraphs
    after it. Teasers and captions of a real tail open with a name or a
    noun. Then only the box is cut: the marker and its short lines, up to
    the article."""
    after = list(
        islice(
            (
                j
                for j in range(i + 1, len(prose))
                if prose[j] and j not in ctx.claimed and (prose[j] >= PARAGRAPH_MIN_WORDS or ends_sentence(ctx.norm[j]))
            ),
            3,
        )
    )
    if after and 2 * sum(opens_with_connective(ctx.norm[j]) for j in after) > len(after):
        return after[0]
    return None


SHARE_ITEM_MAX_WORDS = 3


def _list_item_in_a_list(lines, i: int) -> bool:
    """A marker that is one bulleted item among other short ones
    ("* Comments", "* Email", "* Twitter") is a link in a share bar or menu,
    not the heading of a section. (A bulleted heading over bulleted
    headlines, "* Related" then "* Five things to know about ...", still is.)"""
    if not LIST_ITEM.match(lines[i]):
        return False
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].strip():
            j += step
        if (
            0 <= j < len(lines)
            and LIST_ITEM.match(lines[j])
            and word_count(LIST_ITEM.sub("", lines[j])) <= SHARE_ITEM_MAX_WORDS
        ):
            return True
    return False


@cython.locals(ctx=Context)
def _block(ctx: Context, rule: Rule) -> None:
    n, after = len(ctx.norm), 0  # a block cut ends where the next may start
    for i in ctx.lines_with(rule.start):
        if i < after or not ctx.free(i) or not ctx.matches(rule.start, i):
            continue
        for j in range(i, min(n, i + rule.max_lines)):
            if j in ctx.claimed:
                break
            if (j > i or rule.end is not rule.start) and ctx.norm[j] and ctx.matches(rule.end, j):
                ctx.cut(rule, i, j + 1)
                after = j + 1
                break


@cython.locals(ctx=Context)
def _insertion(ctx: Context, rule: Rule) -> None:
    n = len(ctx.norm)
    for i in ctx.lines_with(rule.marker):
        if not ctx.free(i):
            continue
        norm = ctx.norm[i]
        m = rule.marker.search(norm)
        if not m or ctx.words(i) > rule.max_words:
            continue
        rest = strip_decoration(norm[m.end() :])
        if rest:  # marker and headline on one line
            ctx.cut(rule, i, i + 1)
            continue
        j = i + 1  # marker alone: take the headline on the next non-blank line
        while j < n and not ctx.norm[j]:
            j += 1
        if j < n and ctx.free(j) and _looks_like_headline(ctx.doc.lines[j], rule.headline_max_words):
            ctx.cut(rule, i, i + 1)
            ctx.cut(rule, j, j + 1, (rule.message + ": " if rule.message else "") + "the headline it introduces")
        else:
            ctx.cut(rule, i, i + 1)


def _looks_like_headline(line: str, max_words: int) -> bool:
    text = line.strip()
    words = word_count(text)
    return 0 < words <= max_words and not (text.endswith(".") and ends_sentence(text))


@cython.locals(ctx=Context)
def _line(ctx: Context, rule: Rule) -> None:
    n = len(ctx.norm)
    lo = 0
    hi = n
    if rule.in_first is not None:
        hi = min(hi, _nth_nonblank(ctx.norm, rule.in_first))
    if rule.in_last is not None:
        lo = max(lo, _nth_nonblank_from_end(ctx.norm, rule.in_last))
    run_start = last_hit = None
    for i in ctx.lines_with(rule.pattern, lo, hi):
        if not (ctx.free(i) and _words_ok(ctx.words(i), rule) and ctx.matches(rule.pattern, i)):
            continue
        # a run of hits separated only by blank lines becomes one cut
        if run_start is not None and not _only_blank_between(ctx, last_hit, i):
            ctx.cut(rule, run_start, last_hit + 1)
            run_start = None
        if run_start is None:
            run_start = i
        last_hit = i
    if run_start is not None:
        ctx.cut(rule, run_start, last_hit + 1)


@cython.locals(ctx=Context, a=cython.Py_ssize_t, b=cython.Py_ssize_t, j=cython.Py_ssize_t)
def _only_blank_between(ctx: Context, a: int, b: int) -> bool:
    """Whether the lines between a and b are blank and free (a run of
    hits separated by them is one cut)."""
    for j in range(a + 1, b):
        if ctx.norm[j] or j in ctx.claimed:
            return False
    return True


def _words_ok(words: int, rule: Rule) -> bool:
    if rule.max_words is not None and words > rule.max_words:
        return False
    return rule.min_words is None or words >= rule.min_words


def _nth_nonblank(norm: list[str], k: int) -> int:
    """Index just past the k-th non-blank line."""
    seen = 0
    for i, line in enumerate(norm):
        if line:
            seen += 1
            if seen == k:
                return i + 1
    return len(norm)


def _nth_nonblank_from_end(norm: list[str], k: int) -> int:
    seen = 0
    for i in range(len(norm) - 1, -1, -1):
        if norm[i]:
            seen += 1
            if seen == k:
                return i
    return 0


@cython.locals(ctx=Context, i=cython.Py_ssize_t, words=cython.Py_ssize_t)
def _prose_words(ctx) -> list[int]:
    """Each line's words if it reads as a body line's prose, else 0 (a
    loop: the line counts are C calls)."""
    prose = []
    for i in range(len(ctx.norm)):
        words = ctx.words(i)
        prose.append(words if words >= BODY_LINE_MIN_WORDS_DEFAULT else 0)
    return prose


@cython.locals(ctx=Context)
def _repeat(ctx: Context, rule: Rule) -> None:
    # Each line is compared as it is and without its prefix ("Site - <headline>").
    # Copies that another decision cut do not make the next one a repeat.
    # A line alone repeats nothing: a text twice over needs its half met on
    # a line of its own (a headline, then "headline headline").
    norm, claimed = ctx.norm, ctx.claimed
    free = [i for i in range(len(norm)) if norm[i] and i not in claimed]  # ctx.free, inlined
    if len(free) < 2:
        return
    prefix = rule.prefix
    rests: dict[int, str] = {}  # a free line's text after its prefix, where it has one
    for i in ctx.lines_with(prefix) if prefix is not None else ():
        if norm[i] and i not in claimed:
            m = prefix.search(norm[i])
            if m and (rest := strip_decoration(norm[i][m.end() :])):
                rests[i] = rest
    # Only a text met twice, or the half of a line that is one text twice
    # over, can make a repeat: the other lines need no word count.
    met: dict[str, int] = {}
    for key in [norm[i] for i in free] + list(rests.values()):
        met[key] = met.get(key, 0) + 1
    halves = {}
    for key in met:
        half = _doubled(key)
        if half is not None and half in met:
            halves[key] = half
    wanted = {key for key, count in met.items() if count > 1} | set(halves) | set(halves.values())
    seen: dict[str, int] = {}
    for i in free:
        text, rest = norm[i], rests.get(i, "")
        if text not in wanted and rest not in wanted:
            continue
        keys = [
            key
            for key in (text, rest)
            if key in wanted and (ctx.words(i) if key is text else word_count(key)) >= rule.min_words
        ]
        first = next((seen[key] for key in keys if key in seen), None)
        if first is not None:
            ctx.cut(rule, i, i + 1, f"{rule.message or 'repeat'} (of line {first + 1})")
            continue
        for key in keys:
            seen[key] = i
            half = halves.get(key)  # a line that is the same text twice over repeats itself
            if half is not None and half in seen:
                ctx.cut(rule, i, i + 1, f"{rule.message or 'repeat'} (of line {seen[half] + 1}, twice over)")
                break


@cython.ccall
@cython.locals(key=str, n=cython.Py_ssize_t, mid=cython.Py_ssize_t)
def _doubled(key) -> str | None:
    """The text that `key` is twice over, with a space between, or None.
    (Its ends and middle are read first: most lines are told there, no
    copy of their halves made.)"""
    n = len(key)
    mid = n // 2
    if n % 2 == 0 or key[mid] != " ":
        return None
    if n > 1 and (key[0] != key[mid + 1] or key[mid - 1] != key[n - 1]):
        return None
    half = key[:mid]
    return half if key.endswith(half) else None


@cython.locals(ctx=Context)
def _inline(ctx: Context, rule: Rule) -> None:
    for i in ctx.lines_with(rule.pattern):
        line = ctx.doc.lines[i]
        if not ctx.free(i) or (rule.pattern.token_set and not ctx.matches(rule.pattern, i)):
            continue
        found = rule.pattern.spans(line, ctx.norm[i])  # (one search: none found, no span made)
        if not found:
            continue
        taken = [c.span for c in ctx.cuts if c.start == i and c.span]
        spans = [_widen(line, s) for s in found]
        spans = [s for s in spans if not any([a < s[1] and s[0] < b for a, b in taken])]
        if not spans:
            continue
        remaining = cut_line_text(line, taken + spans)
        if not has_words(remaining):
            ctx.cut(rule, i, i + 1, (rule.message or "inline") + " (nothing else on the line)")
            continue
        for span in spans:
            ctx.cut(rule, i, i + 1, span=span)
        ctx._cut_texts[i] = remaining  # the line without every span cut of it: the view's line


@cython.locals(line=str, a=cython.Py_ssize_t, b=cython.Py_ssize_t, k=cython.Py_ssize_t, n=cython.Py_ssize_t)
def _widen(line: str, span: tuple[int, int]) -> tuple[int, int]:
    """Take the white space after the span along (or before it, at line end,
    or where only white space stands before it: `line[:a].strip()` empty,
    told without copying the line's beginning)."""
    a, b = span
    n = len(line)
    while b < n and line[b].isspace():
        b += 1
    k = 0
    while k < a and line[k].isspace():
        k += 1
    if b == n or k == a:
        while a > 0 and line[a - 1].isspace():
            a -= 1
    return a, b


def _kind_rank(rule: Rule) -> int:
    return _KIND_RANK[rule.kind]


_KINDS = {"tail": _tail, "block": _block, "insertion": _insertion, "line": _line, "repeat": _repeat, "inline": _inline}
