"""Patterns: what a rule looks for in a line.

Every pattern is matched against the *normalised* line (see
`stripper.normalize`), so one spelling covers its Arabic variants and case.

- `tokens: [...]`: a word list turned into one alternation. `anchor` says
  where it must stand: `full` (default: the whole line, ignoring bullets and
  trailing `:` `*` `...`), `start` (the line begins with a token, at a word
  boundary, after any bullets or an opening bracket) or `any` (anywhere, at
  word boundaries).
- `raw: '...'`: a regular expression (the `regex` package, case-insensitive),
  searched in the normalised line; anchor it yourself with `^` and `$`.
"""

from __future__ import annotations

import re
import warnings
from array import array
from collections import deque
from dataclasses import dataclass, field
from functools import cache

import regex

from .. import pattern_code

try:  # Cython compiles this module (stripper/_native.py) and reads these names as C types
    import cython
except ImportError:  # run as plain Python, Cython absent: the names mean nothing
    from .. import _cython_shim as cython  # type: ignore[no-redef]

try:
    from re import _parser as _sre_parser  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parser

from ..model import LINE_OPENING, cached
from ..normalize import (
    holds_arabic_letter,
    normalize,
    normalize_pattern,
    normalize_with_sources,
    source_indexes,
    strip_decoration,
)

pattern_code.hook_regex()  # the command's start keeps the rules' compiled programs (stripper/pattern_code.py)

ANCHORS = ("full", "start", "any")
# What may stand before a token anchored at the start of a line: bullets of
# flattened lists, quote marks, an opening bracket, and the spaces between.
_LEADING_MARKS = regex.escape(" *+•·▪►|>»«-–—_([")
# A regex gets this long on one line before the rule is reported as timed out.
REGEX_TIMEOUT_DEFAULT = 1.0


class PatternTimeout(Exception):
    pass


# A Pattern's attributes that hold a compiled expression (not pickled), and
# those derived from its expression that the rule cache keeps.
_COMPILED_ATTRIBUTES = ("compiled", "regex", "_document_regex")
_DERIVED_ATTRIBUTES = ("literals", "openings", "line_screen")


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern. Build with `Pattern.from_tokens` / `from_raw`."""

    source: str  # "tokens" or "raw", for messages
    anchor: str
    expression: str  # the regular expression, as it is compiled (`regex`)
    token_set: frozenset = field(default_factory=frozenset)
    # None: a word list, whose alternation of literals cannot run away; it is
    # compiled by the standard library's re, twice as quick to compile
    timeout: float | None = REGEX_TIMEOUT_DEFAULT
    # a raw regex, compiled where it is read (the check that it compiles);
    # None for a word list, which always compiles, and for a raw regex
    # taken from the rule cache (stripper/rules/cache.py: checked when its
    # file was parsed): these are compiled at their first search (many
    # never run one: a whole-line list is looked up in its `token_set`,
    # others stop at their literals), not at each start of the hook
    compiled: regex.Pattern | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_tokens(cls, tokens: list[str], anchor: str = "full") -> Pattern:
        normed = sorted(
            {strip_decoration(normalize(t)) if anchor == "full" else normalize(t) for t in tokens},
            key=lambda t: (-len(t), t),
        )
        alternation = "|".join(regex.escape(t) for t in normed)
        if anchor == "full":
            body = rf"^(?:{alternation})$"
        elif anchor == "start":  # after any bullet or bracket: "• اقرأ أيضا:", "(Lire aussi : ..."
            body = rf"^[{_LEADING_MARKS}]*(?:{alternation})(?!\w)"
        else:
            body = rf"(?<!\w)(?:{alternation})(?!\w)"
        return cls("tokens", anchor, body, frozenset(normed) if anchor == "full" else frozenset(), timeout=None)

    @classmethod
    def from_raw(cls, raw: str, normalized: bool = True) -> Pattern:
        """Compile a raw regex (its Arabic letter variants folded, unless
        `normalized` is False); raises `regex.error` when it does not
        compile."""
        expression = normalize_pattern(raw) if normalized else raw
        return cls("raw", "any", expression, compiled=regex.compile(expression, regex.IGNORECASE))

    @cached
    def regex(self) -> regex.Pattern | re.Pattern:
        """The compiled expression (a word list's, or a cached pattern's,
        at its first search): a raw regex by the regex package, with its
        timeout, a word list (`timeout` None) by re."""
        if self.compiled is not None:
            return self.compiled
        if self.timeout is None:
            return re.compile(self.expression, re.IGNORECASE)
        return regex.compile(self.expression, regex.IGNORECASE)

    def __getstate__(self) -> dict:
        """What the rule cache (stripper/rules/cache.py) keeps of a pattern:
        its fields and its derived data, worked out now where not yet
        (`literals`, `openings`, `line_screen`: parsing each regex again
        cost the first document of a start 35 million instructions), but
        no compiled expression (`compiled`, `regex`, `_document_regex`),
        which an unpickled pattern compiles at its first search."""
        for name in _DERIVED_ATTRIBUTES:
            getattr(self, name)  # worked out, and kept in __dict__ (`cached`)
        state = {name: value for name, value in self.__dict__.items() if name not in _COMPILED_ATTRIBUTES}
        state["compiled"] = None
        return state

    def may_occur(self, doc, stripped_lines: frozenset[str], arabic: bool = True, scanned=None) -> bool:
        """False only when no line of the document can match: a set lookup
        for whole-line tokens (`stripped_lines`: the normalised lines without
        decoration), else a substring test for the literals every match
        contains, else (a pattern that promises none) one search of the
        whole normalised document, instead of one search a line. `arabic`
        False says that the document holds no Arabic letter; `scanned`, what
        a `LiteralScanner` found in the document's folded text
        (`LiteralScanner.scanned`: the literals it knows, those it found,
        and their lines)."""
        if self.token_set:
            return not self.token_set.isdisjoint(stripped_lines)
        if not self.literals_occur(doc, arabic, scanned):
            return False
        if self.literals:  # the lines that hold them are searched one by one next
            return True
        if self._document_regex is None:
            return True
        try:
            return self._document_regex.search(doc.normalized_text, *self._search_limits) is not None
        except TimeoutError:  # a long document, or a slow pattern: go line by line
            return True

    def literals_occur(self, doc, arabic: bool = True, scanned=None) -> bool:
        """Whether the document's folded text holds a string of each set of
        `literals` (False: no line can match). With `arabic` False (the
        document holds no Arabic letter) a literal that holds one is not
        looked for: most rules are Arabic, most of the bench is not, and
        many of its texts are not Latin-1 either (curly quotes), where
        Python's substring search cannot tell at once that it is absent.
        (`literals_held`, with the literals marked once.)"""
        return literals_held(doc, self.marked_literals, arabic, scanned)

    @cached
    def marked_literals(self) -> tuple[tuple[tuple[str, bool], ...], ...]:
        """`literals`, each set sorted, each string with whether it holds an
        Arabic letter (`literals_held`)."""
        return tuple(
            tuple((literal, holds_arabic_letter(literal)) for literal in sorted(needed)) for needed in self.literals
        )

    @cached
    def literals(self) -> tuple[frozenset[str], ...]:
        """Sets of case-folded strings of which every match contains one
        string each (see `required_literals`). A whole-line token matches
        the line without its decoration, so it may stand anywhere in it."""
        if self.token_set:
            return (frozenset(token.casefold() for token in self.token_set),)
        return required_literals(self.expression)

    @cached
    def ascii_literals(self) -> tuple[tuple[str, ...], ...]:
        """The sets of `literals` whose every string is ASCII, each sorted:
        a text that is no matching form (a URL, a file name) that the
        pattern matches holds a string of each set in its `screen_form`
        (`holds_one_of_each`), where it has one. A set holding a string
        beyond ASCII is left out: case-insensitive matching and
        case-folding are not known to agree on it."""
        return tuple(tuple(sorted(needed)) for needed in self.literals if all(lit.isascii() for lit in needed))

    @cached
    def line_screen(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The first set of `literals` as a line holds them, as "\\n" + the
        line would: the openings a line must start with (those literals
        that open with "\\n", without it) and the strings it may hold
        anywhere; a literal that holds a "\\n" further on is on no line."""
        needed = self.literals[0] if self.literals else frozenset()
        openings = sorted(lit[1:] for lit in needed if lit.startswith("\n") and "\n" not in lit[1:])
        anywhere = sorted(lit for lit in needed if not lit.startswith("\n") and "\n" not in lit)
        return tuple(openings), tuple(anywhere)

    @cached
    def _document_regex(self):
        """The pattern with ^ and $ at line boundaries, for `may_occur`; None
        where a document-wide search could miss a line's match (look-arounds
        and absolute anchors see past the line)."""
        if regex.search(r"\(\?<?[=!]|\\[AZzG]", self.expression) and self.source == "raw":
            return None
        if self.timeout is None:
            return re.compile(self.expression, re.IGNORECASE | re.MULTILINE)
        return regex.compile(self.expression, self.regex.flags | regex.MULTILINE)

    @cached
    def openings(self) -> tuple[str, ...]:
        """Strings of which every match starts with one, as a matching form
        (lower-cased) holds them, or () when the pattern promises none
        (`match_openings`). Where it has them, a line is searched only at
        the places they stand: a regex scanning a long line for an
        alternation, case-insensitive, reads each character."""
        return () if self.token_set else match_openings(self.expression)

    def _candidates(self, norm: str):
        """The places in `norm` where a match may start, ascending."""
        found = []
        for opening in self.openings:
            at = norm.find(opening)
            while at >= 0:
                found.append(at)
                at = norm.find(opening, at + 1)
        return sorted(set(found)) if len(self.openings) > 1 else found

    def _matches_at_openings(self, norm: str, first_only: bool) -> list:
        """The matches `finditer` finds in `norm` (or its first), tried only
        where an opening stands: every match starts at one, is not empty,
        and follows the one before it."""
        found = []
        end = 0
        for at in self._candidates(norm):
            if at < end:
                continue
            m = self.regex.match(norm, at, *self._match_limits)
            if m is not None:
                found.append(m)
                if first_only:
                    break
                end = m.end()
        return found

    def matches_empty(self) -> bool:
        return self.regex.search("") is not None

    def search(self, norm: str):
        """Search the normalised line `norm`; a match object or None."""
        if self.token_set:
            target = strip_decoration(norm)
            return _WholeMatch(target) if target in self.token_set else None
        try:
            if self.openings:
                found = self._matches_at_openings(norm, True)
                return found[0] if found else None
            return self.regex.search(norm, *self._search_limits)
        except TimeoutError:
            raise PatternTimeout(self.expression) from None

    # The regex package's timeout, passed by position after the arguments
    # before it at their defaults (re has none): the keyword cost a search
    # 4,000 instructions, parsing it (a search of a short line takes 4,000
    # in all). The positions of search and match: pos, endpos, concurrent,
    # partial, timeout; of finditer: pos, endpos, overlapped, concurrent,
    # partial, timeout (tests/test_engine.py: a timeout still stops each).
    @cached
    def _search_limits(self) -> tuple:
        return () if self.timeout is None else (None, None, None, False, self.timeout)

    @cached
    def _match_limits(self) -> tuple:
        return () if self.timeout is None else (None, None, False, self.timeout)

    @cached
    def _finditer_limits(self) -> tuple:
        return () if self.timeout is None else (None, None, False, None, False, self.timeout)

    def spans(self, line: str, norm: str | None = None) -> list[tuple[int, int]]:
        """Spans of `line` (original text) that the pattern matches; `norm`
        is the line's matching form, when the caller has it (then where the
        matches' ends come from in the line is found only for a line that
        matches, without folding the line again, reading it up to the last
        end: `source_indexes`)."""
        where = None
        if norm is None:
            norm, where = normalize_with_sources(line)
        try:
            if self.openings:
                found = [m.span() for m in self._matches_at_openings(norm, False)]
            else:
                found = [m.span() for m in self.regex.finditer(norm, *self._finditer_limits) if m.end() > m.start()]
        except TimeoutError:
            raise PatternTimeout(self.expression) from None
        if not found:
            return []
        if where is None:
            ends = sorted({a for a, _ in found} | {b - 1 for _, b in found})
            where = dict(zip(ends, source_indexes(line, ends, len(norm))))
        return [(where[a], where[b - 1] + 1) for a, b in found]


# Syntax that Python's parser would read as literal text: fuzzy matching
# ("(?:word){e<=1}") and other braces that are no repeat count.
_REGEX_ONLY_SYNTAX = regex.compile(r"(?<!\\)\{(?![\d,])")


def required_literals(pattern: str) -> tuple[frozenset[str], ...]:
    """Sets of case-folded strings such that every match of `pattern`
    contains one string of each set; empty when there are none (or Python's
    parser does not read the pattern). A substring test for them is far
    cheaper than a regex search, so most rules are ruled out of a document
    without one: `^(?:share|tweet)` needs "\\nshare" or "\\ntweet" in the
    document's lines joined behind "\\n"; `\\(c\\)\\s*\\d{4}` needs "(c)"."""
    parsed = _parsed(pattern)
    if parsed is None:
        return ()
    found = []
    if parsed and parsed[0][0].name == "AT" and parsed[0][1].name == "AT_BEGINNING":
        leading = _leading_literals(parsed[1:])
        if leading:
            found.append(frozenset("\n" + lit for lit in leading))
    anywhere = _sequence_literals(parsed)
    if anywhere:
        found.append(anywhere)
    return tuple(found)


# The characters beyond ASCII that the regex package, case-insensitive,
# matches to an ASCII character of a pattern: "ſ" (U+017F) to "s", the
# Kelvin sign (U+212A) to "k", which case-fold to it; "İ" (U+0130) to "i",
# which folds to "i" and a combining dot, and "ı" (U+0131) to "I", which
# folds to itself (tests/test_engine.py reads every code point).
_FOLDED_TO_ASCII = ("\u017f", "\u212a")
_FOLDED_APART = ("\u0130", "\u0131")


@cython.locals(text=str, ch=cython.Py_UCS4, upper=cython.bint, folds=cython.bint)
def screen_form(text: str) -> str | None:
    """ "\n" + `text`, its ASCII capitals lowered: where a raw pattern
    (regex package, case-insensitive) that matches `text` shows a string of
    each set of its `ascii_literals`, a match of `^` at the start standing
    behind the "\n" as a line's does in a document's `folded_text`. A
    character beyond ASCII is in no match of an ASCII string but those of
    _FOLDED_TO_ASCII (then the text is case-folded) and _FOLDED_APART (then
    None: no set can rule a search out); and none but "İ" and the Kelvin
    sign lowers to an ASCII character. Compiled, one loop tells these (a
    URL's case-folding took 7,000 instructions beyond ASCII); as Python, a
    text beyond ASCII is case-folded."""
    if text.isascii():
        return "\n" + text.lower()
    if not cython.compiled:
        if _FOLDED_APART[0] in text or _FOLDED_APART[1] in text:
            return None
        return "\n" + text.casefold()
    upper = folds = False
    for ch in text:
        if ch < "\x80":
            if "A" <= ch <= "Z":
                upper = True
        elif ch == "\u0130" or ch == "\u0131":  # _FOLDED_APART
            return None
        elif ch == "\u017f" or ch == "\u212a":  # _FOLDED_TO_ASCII
            folds = True
    if folds:
        return "\n" + text.casefold()
    return "\n" + (text.lower() if upper else text)


def holds_one_of_each(text: str | None, sets: tuple[tuple[str, ...], ...]) -> bool:
    """Whether `text` (a `screen_form`) holds a string of each of `sets`
    (a pattern's `ascii_literals`); True for None (no screen)."""
    if text is None:
        return True
    for needed in sets:
        for literal in needed:
            if literal in text:
                break
        else:
            return False
    return True


def _parsed(pattern: str) -> list | None:
    """`pattern` as Python's regex parser reads it, or None where it may
    misread it (the regex package's own syntax: \\p{...}, (?V1), fuzzy
    matching; a "possible nested set" warning: [[:alpha:]])."""
    if _REGEX_ONLY_SYNTAX.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return list(_sre_parser.parse(pattern))
    except Exception:
        return None


# A pattern's "I" and "İ", case-insensitive, match a lower-cased line's "ı"
# and "i" in the regex package, where their case-folding ("i", "i" and a
# combining dot) is not found: a run of literals ends before them, as at
# any part that is not a literal (`Pattern.from_raw("IRAN")` matches
# "ıran"; its literal "iran" would have ruled the line out).
_MATCHED_APART = frozenset({0x49, 0x130})


def _sequence_literals(items) -> frozenset[str] | None:
    """The most selective literal set among the parts a sequence requires:
    its runs of literal characters, its groups, alternations whose every
    branch requires one, and repeats taken at least once."""
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or _selectivity(found) > _selectivity(best)):
            best = found

    run: list[str] = []
    for op, arg in items:
        name = op.name
        if name == "LITERAL" and arg not in _MATCHED_APART:
            run.append(chr(arg))
            continue
        consider(_run_literal(run))
        run = []
        inner = _required_items(name, arg)
        if inner is not None:
            consider(_sequence_literals(inner))
        elif name == "BRANCH":
            branches = [_sequence_literals(branch) for branch in arg[1]]
            if all(branches):
                consider(frozenset().union(*branches))
        elif name == "IN" and all(o.name == "LITERAL" and c not in _MATCHED_APART for o, c in arg):
            consider(frozenset(chr(c).casefold() for _, c in arg))  # [,،] and the like
    consider(_run_literal(run))
    return best


def _leading_literals(items) -> frozenset[str] | None:
    """Case-folded strings of which every match starts with one, or None."""
    run: list[str] = []
    for op, arg in items:
        if op.name == "LITERAL" and arg not in _MATCHED_APART:
            run.append(chr(arg))
            continue
        if run:
            break
        inner = _required_items(op.name, arg)
        if inner is not None:
            return _leading_literals(inner)
        if op.name == "BRANCH":
            branches = [_leading_literals(branch) for branch in arg[1]]
            return frozenset().union(*branches) if all(branches) else None
        return None
    return _run_literal(run)


# Characters an opening may hold: ASCII but the letters that a case-
# insensitive match also finds as a character beyond ASCII ("s" as "ſ",
# "k" as the Kelvin sign, "i" as the dotless "ı" in the re module), and
# the Arabic block, which has no case. A matching form is lower-cased, so
# a character here stands in it as the lower-cased opening has it.
_OPENING_CHARS = frozenset(chr(c) for c in range(0x80) if chr(c) not in "iIsSkK") | frozenset(
    chr(c) for c in range(0x600, 0x700)
)
# An opening shorter than this is too common to be worth finding.
OPENING_MIN_CHARS = 3


@cache
def match_openings(pattern: str) -> tuple[str, ...]:
    """Lower-cased strings of which every match of `pattern` (case-
    insensitive) starts with one, each at least OPENING_MIN_CHARS long, or
    () when there are none: the literal characters each branch opens with,
    after any look-around (it takes no character), up to the first that is
    not one of _OPENING_CHARS."""
    parsed = _parsed(pattern)
    found = _openings_of(parsed) if parsed is not None else None
    if not found or any(len(opening) < OPENING_MIN_CHARS for opening in found):
        return ()
    return tuple(sorted(found))


def _openings_of(items) -> set[str] | None:
    """The opening literals of a parsed sequence (see `match_openings`)."""
    run: list[str] = []
    for op, arg in items:
        name = op.name
        if name == "LITERAL":
            ch = chr(arg)
            if ch not in _OPENING_CHARS:
                break
            run.append(ch.lower())
            continue
        if run:
            break
        if name in ("ASSERT", "ASSERT_NOT") or (name == "AT" and arg.name in ("AT_BOUNDARY", "AT_NON_BOUNDARY")):
            continue  # a look-around or a word boundary: it takes no character
        inner = _required_items(name, arg)
        if inner is not None:
            return _openings_of(inner)
        if name == "BRANCH":
            branches = [_openings_of(branch) for branch in arg[1]]
            return set().union(*branches) if all(branches) else None
        return None
    return {"".join(run)} if run else None


def _required_items(name: str, arg):
    """What a group, or a repeat taken at least once, matches: items every
    match of it holds; None for any other part."""
    if name == "SUBPATTERN":
        return arg[-1]
    if name == "ATOMIC_GROUP":
        return arg
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
        return arg[2]
    return None


def _run_literal(run: list[str]) -> frozenset[str] | None:
    return frozenset({"".join(run).casefold()}) if run else None


def _selectivity(literals: frozenset[str]) -> tuple[int, int]:
    """Longer literals first, then fewer of them."""
    return min(map(len, literals)), -len(literals)


# A document this long has its line openings collected; a shorter one is
# scanned as quickly as the openings would be collected.
OPENINGS_MIN_LINES = 16


def _occurs(literal: str, doc) -> bool:
    """Whether `literal` is in the document's folded text; one that must open
    a line ("\n" first) is first looked up among the lines' openings."""
    if (
        literal[0] == "\n"
        and len(literal) > LINE_OPENING
        and len(doc.lines) >= OPENINGS_MIN_LINES
        and literal[1 : LINE_OPENING + 1] not in doc.line_openings
    ):
        return False
    return literal in doc.folded_text


@cython.ccall
@cython.locals(sets=tuple, needed=tuple, literal=str, arabic=cython.bint, short=cython.bint, folded=str)
@cython.returns(cython.bint)
def literals_held(doc, sets, arabic, scanned=None) -> cython.bint:
    """Whether the document's folded text holds a string of each of `sets`
    (a pattern's `marked_literals`), a string that holds an Arabic letter
    not looked for where `arabic` is False, one that `scanned` (a
    `LiteralScanner`'s answer) knows told by it. A short document's text is
    searched at once (`_occurs` looks a literal that opens a line up among
    the lines' openings first: a long document's gain); site detection
    asks this of each signature, without a method call a pattern."""
    short = len(doc.lines) < OPENINGS_MIN_LINES
    folded = None
    for needed in sets:
        for literal, arabic_literal in needed:
            if not arabic and arabic_literal:
                continue
            if scanned is not None and literal in scanned[0]:
                if literal in scanned[1]:
                    break
            elif short:
                if folded is None:
                    folded = doc.folded_text
                if literal in folded:
                    break
            elif _occurs(literal, doc):
                break
        else:
            return False
    return True


class _WholeMatch:
    """A match standing for the whole (decoration-stripped) line."""

    def __init__(self, text: str):
        self.text = text

    def end(self) -> int:
        return len(self.text)

    def group(self, _=0) -> str:
        return self.text


class LiteralScanner:
    """Which strings of a fixed set a text holds, found in one pass over its
    characters: an Aho-Corasick automaton, its transitions one table (a
    state and a character's symbol give the next state). A rule's literals
    were each searched for in the whole text, a scan each, most of them
    absent (4,582 of 4,965 on the bench sample). Built and run compiled
    only (`LiteralScanner.for_literals`); as Python the strings are searched
    one by one, with the same answers."""

    # characters above this are looked up in a dict (few literals hold one)
    TABLE_CHARS = 0x10000
    # the tables are of bytes (symbols) and 16-bit numbers (states), small
    # enough to stay in the processor's caches between documents: a rule
    # set past these bounds is screened by searches (`for_literals`)
    MAX_SYMBOLS = 0xFF
    MAX_STATES = 0xFFFF

    def __init__(self, literals) -> None:
        self.literals = tuple(sorted({literal for literal in literals if literal}))
        self.known = frozenset(self.literals)
        chars = sorted({ch for literal in self.literals for ch in literal})
        self.width = len(chars) + 1  # symbol 0: a character no literal holds
        symbols = {ch: k + 1 for k, ch in enumerate(chars)}
        table_size = min(max((ord(ch) for ch in chars), default=0) + 1, self.TABLE_CHARS)
        self.symbol_of = array("B", [0]) * table_size
        self.symbol_beyond = {}
        for ch, symbol in symbols.items():
            if ord(ch) < table_size:
                self.symbol_of[ord(ch)] = symbol
            else:
                self.symbol_beyond[ch] = symbol
        # the trie
        children: list[dict[int, int]] = [{}]
        ends: list[list[int]] = [[]]
        for k, literal in enumerate(self.literals):
            state = 0
            for ch in literal:
                symbol = symbols[ch]
                following = children[state].get(symbol)
                if following is None:
                    following = len(children)
                    children.append({})
                    ends.append([])
                    children[state][symbol] = following
                state = following
            ends[state].append(k)
        self.next_state, self.found_from, self.found_to, self.found = self._automaton(children, ends)

    @cython.locals(
        width=cython.Py_ssize_t, state=cython.Py_ssize_t, symbol=cython.Py_ssize_t, fallback=cython.Py_ssize_t
    )
    def _automaton(self, children, ends):
        """The transitions of every state on every symbol (the trie's, else
        its fallback's: the longest proper suffix that is in the trie), and
        the literals that end at each state (its own and its fallback's), in
        breadth-first order, so that a fallback is complete before it is read."""
        width = self.width
        next_state = array("H", [0]) * (len(children) * width)
        fallback_of = [0] * len(children)
        queue = deque()
        for symbol, child in children[0].items():
            next_state[symbol] = child
            queue.append(child)
        while queue:
            state = queue.popleft()
            fallback = fallback_of[state]
            ends[state] = ends[state] + ends[fallback]
            row, fallback_row = state * width, fallback * width
            next_state[row : row + width] = next_state[fallback_row : fallback_row + width]
            for symbol, child in children[state].items():
                fallback_of[child] = next_state[fallback_row + symbol]
                next_state[row + symbol] = child
                queue.append(child)
        found_from, found_to, found = array("i", [0]) * len(children), array("i", [0]) * len(children), array("i")
        for state, literals in enumerate(ends):
            found_from[state] = len(found)
            found.extend(literals)
            found_to[state] = len(found)
        return next_state, found_from, found_to, found

    @classmethod
    def for_literals(cls, literals, build: bool = cython.compiled) -> LiteralScanner | None:
        """A scanner of `literals`, or None (search them one by one) unless
        `build`: by default, where this module runs compiled."""
        if not build:
            return None
        literals = {literal for literal in literals if literal}
        states = 1 + sum(map(len, literals))  # at most: the trie's root and a state a character
        if len({ch for literal in literals for ch in literal}) > cls.MAX_SYMBOLS or states > cls.MAX_STATES:
            return None
        return cls(literals)

    def scanned(self, text: str) -> tuple[frozenset[str], frozenset[str], dict[str, list[int]]]:
        """The literals this scanner knows, those of them `text` holds, and
        the lines each is held on (`lines_holding`)."""
        lines = self.lines_holding(text)
        return self.known, frozenset(lines), lines

    def scan(self, text: str) -> frozenset[str]:
        """The literals that `text` holds."""
        return frozenset(self.lines_holding(text))

    @cython.boundscheck(False)  # every index below is in range by construction
    @cython.wraparound(False)
    @cython.nonecheck(False)  # and every view is set (testing each at each character: 14% of the scan)
    @cython.locals(
        text=str,
        ch=cython.Py_UCS4,
        code=cython.Py_ssize_t,
        state=cython.Py_ssize_t,
        symbol=cython.Py_ssize_t,
        width=cython.Py_ssize_t,
        table_size=cython.Py_ssize_t,
        k=cython.Py_ssize_t,
        literal=cython.Py_ssize_t,
        line=cython.Py_ssize_t,
        next_state=cython.ushort[::1],
        symbol_of=cython.uchar[::1],
        found_from=cython.int[::1],
        found_to=cython.int[::1],
        found=cython.int[::1],
        last_line=cython.int[::1],
    )
    def lines_holding(self, text) -> dict[str, list[int]]:
        """Each literal that `text` holds, and the lines it stands on,
        ascending: a line is counted from the text's first "\\n" (line 0
        follows it, as in a document's `folded_text`), and a literal stands
        on the line of its last character."""
        next_state, symbol_of = self.next_state, self.symbol_of
        found_from, found_to, found = self.found_from, self.found_to, self.found
        beyond = self.symbol_beyond
        width, table_size = self.width, len(self.symbol_of)
        lines: list = [None] * len(self.literals)
        last_line = array("i", [-2]) * len(self.literals)
        state = 0
        line = -1
        for ch in text:
            if ch == "\n":
                line += 1
            code = ord(ch)
            if code < table_size:
                symbol = symbol_of[code]
            else:
                symbol = beyond.get(ch, 0) if beyond else 0
            state = next_state[state * width + symbol]
            for k in range(found_from[state], found_to[state]):
                literal = found[k]
                if last_line[literal] != line:
                    if last_line[literal] == -2:
                        lines[literal] = [line]
                    else:
                        lines[literal].append(line)
                    last_line[literal] = line
        return {self.literals[k]: held for k, held in enumerate(lines) if held is not None}
