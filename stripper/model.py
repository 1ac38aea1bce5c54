"""The one data model that flows through the pipeline.

A `Document` is the input, frozen: its lines (without line endings), the
endings themselves, and what we know about where it came from. Every stage
that decides something emits `Cut`s; nothing edits the document. The output
text is rendered from (document, cuts) by `stripper.assemble`.

Line numbers are 0-based and ranges half-open inside the library
(`Cut.start`, `Cut.end`); reports show them 1-based.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import FrozenInstanceError, dataclass, field, fields
from typing import TYPE_CHECKING, Any

try:  # Cython compiles this module (stripper/_native.py); model.pxd declares Cut's fields
    import cython
except ImportError:  # run as plain Python, Cython absent: Cut is a frozen dataclass
    from . import _cython_shim as cython


@cython.cclass
class _Cached:
    """`functools.cached_property` without the lock that Python 3.11's
    takes at every first read (3.12 dropped it): the value is computed at
    its first read and stored in the instance's __dict__, where the later
    reads find it. The pipeline reads some ten such properties a document
    for the first time (documents, rule contexts): 3.11's cost 500 ns
    each, this one, compiled, 160. Compiled, an extension type (model.pxd),
    whose first read Python calls in C, not as a method `__get__`."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


if TYPE_CHECKING:  # to mypy, what it reads as one
    from functools import cached_property as cached
else:
    cached = _Cached


# What a cut removes. Rule files must use one of these; the reporter groups
# by them.
CATEGORIES = (
    "navigation",  # menus, breadcrumbs, section labels
    "branding",  # site name, logo, slogan
    "insertion",  # "read also: <headline>" inside the body
    "related",  # related / most-read / similar-article lists and tails
    "comments",  # comment forms, threads, policies
    "share",  # share and follow buttons, social links
    "footer",  # copyright, legal, addresses, credits of the site
    "metadata",  # counters, timestamps of the page, tags, hashtags
    "promo",  # newsletter, app, "follow the details on" promos
    "script",  # ad and script leftovers
    "widget",  # tickers, weather, prayer times, polls, "Loading..."
    "duplicate",  # a repeated headline or lead
    "boilerplate",  # the generic classifier's verdict when no finer one fits
)


# Document, Stats and CleanResult are frozen dataclasses whose __init__
# stores the fields in the instance's dict at once, in their order (the
# __init__ a frozen dataclass generates sets each through
# object.__setattr__: 14k instructions a Document, made two or three times
# a cleaning). Each __init__ takes the fields, with their defaults, as the
# generated one would (tests/test_model.py holds them alike).


@cython.cfunc  # (called in C by the three __init__)
@cython.locals(values=tuple, names=tuple, stored=dict, i=cython.Py_ssize_t)
def _store(instance, values) -> None:
    """Store `values` as the fields of the dataclass `instance`, in order."""
    names = _FIELD_NAMES.get(type(instance))
    if names is None:
        names = _FIELD_NAMES[type(instance)] = tuple([f.name for f in fields(instance)])
    stored = instance.__dict__
    for i in range(len(values)):
        stored[names[i]] = values[i]


# each dataclass's field names, in order (a C dict, compiled: read with no method call)
_FIELD_NAMES = cython.declare(dict, {})


@dataclass(frozen=True, init=False)
class Document:
    """An input document. `lines[i]` has no line ending; `endings[i]` is the
    ending that followed it in the source ('' for a last line without one)."""

    lines: tuple[str, ...]
    endings: tuple[str, ...]
    source: str = "<stdin>"
    url: str | None = None
    bom: bool = False
    encoding: str = "utf-8"
    meta: Mapping[str, object] = field(default_factory=dict)

    def __init__(
        self,
        lines: tuple[str, ...],
        endings: tuple[str, ...],
        source: str = "<stdin>",
        url: str | None = None,
        bom: bool = False,
        encoding: str = "utf-8",
        meta: Mapping[str, object] | None = None,  # None: a new dict
    ) -> None:
        _store(self, (lines, endings, source, url, bom, encoding, {} if meta is None else meta))

    @classmethod
    def from_text(cls, text: str, **kwargs: Any) -> Document:
        """Split `text` on \\r\\n, \\n or \\r, remembering each ending."""
        if "\r" in text:
            parts = _LINE_BREAK.split(text)  # line, ending, line, ending, ..., last line
            lines, endings = parts[0::2], [*parts[1::2], ""]
        else:
            lines = text.split("\n")
            endings = ["\n"] * (len(lines) - 1) + [""]
        if lines[-1] == "":  # the text ends with a line break, or is empty
            lines.pop()
            endings.pop()
        doc = cls(lines=tuple(lines), endings=tuple(endings), **kwargs)
        if len(text) <= TEXT_KEPT_MAX_CHARS:
            doc.__dict__["text"] = text  # its lines and endings joined, as `text` would make them
        return doc

    @property
    def text(self) -> str:
        """The lines and their endings joined: the text the document was
        read from (kept by `from_text` up to TEXT_KEPT_MAX_CHARS, not
        joined again)."""
        kept = self.__dict__.get("text")
        return kept if kept is not None else "".join(line + end for line, end in zip(self.lines, self.endings))

    @cached
    def normalized(self) -> tuple[str, ...]:
        """Each line in its matching form (`stripper.normalize`), computed
        once for every stage that matches."""
        return tuple(map(_normalizing().normalize, self.lines))

    def reuse_normalized(self, normalized: tuple[str, ...]) -> None:
        """Take the lines' matching forms from a caller that has them (a
        later cleaning pass, whose lines are the first pass's)."""
        assert len(normalized) == len(self.lines)
        self.__dict__["normalized"] = normalized  # what `cached` would store

    def folds_as_is(self) -> bool:
        """Whether case-folding left the lines' matching forms as they are
        (`folded_text` is "\\n" + `normalized_text`: most texts, lower-cased
        already), told where `folded_text` was made; False where not."""
        folded = self.__dict__.get("folded_text")
        if folded is None:
            return False
        if self.__dict__.get("_folded_as_is"):  # told where it was made: not compared again
            return True
        text = self.normalized_text
        return len(folded) == len(text) + 1 and folded.endswith(text)

    def reuse_folded_as_is(self) -> None:
        """Take `folded_text` as "\\n" + `normalized_text`, without the
        case-folding pass: for a caller that knows it leaves every character
        as it is (`assemble.without_spans`)."""
        self.__dict__["folded_text"] = "\n" + self.normalized_text  # what `cached` would store
        self.__dict__["_folded_as_is"] = True

    @cached
    def normalized_text(self) -> str:
        """The normalised lines joined by "\\n": one search covers them all."""
        return "\n".join(self.normalized)

    @cached
    def folded_text(self) -> str:
        """ "\\n" + `normalized_text`, case-folded: where the literals that a
        rule needs are looked for, each line behind a "\\n" (case-insensitive
        matching equates what folding equates, "ſ" and "s" among them, which
        lower-casing leaves apart)."""
        text = "\n" + self.normalized_text
        # the matching form is lower-cased: an ASCII one is its own folding
        folded = text if text.isascii() else _normalizing().casefolded(text)
        if folded is text:  # (case-folding that changes nothing gives the text itself, compiled)
            self.__dict__["_folded_as_is"] = True  # for `folds_as_is`
        return folded

    @cached
    def header_url(self) -> str | None:
        """The URL alone on the first line (a dump's header), or None."""
        return url_alone(self.lines[0]) if self.lines else None

    @cached
    def holds_arabic(self) -> bool:
        """Whether the text holds an Arabic letter: where it holds none, no
        Arabic literal of a rule or a site's signature is looked for."""
        text = self.folded_text  # (an ASCII text is told at once, not searched)
        return not text.isascii() and _normalizing().holds_arabic_letter(text)

    @cached
    def line_openings(self) -> frozenset[str]:
        """The first LINE_OPENING characters of each line of `folded_text`
        (fewer for a shorter line): a literal that must open a line, and is
        at least that long, is absent when its opening is not in this set."""
        # (one at a time: a million-line dump's list of them would be 60 MB)
        return frozenset(m.group(1) for m in _LINE_OPENING.finditer(self.folded_text))

    def __len__(self) -> int:
        return len(self.lines)


# stripper.normalize, kept once a document's first read of a property
# imports it (not with this module, which the pre-commit hook's start
# imports): an import statement at each read cost a thousand instructions.
_normalize_module = None


@cython.cfunc
def _normalizing():
    """The module stripper.normalize, imported at the first call."""
    global _normalize_module
    if _normalize_module is None:
        from . import normalize

        _normalize_module = normalize
    return _normalize_module


_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
# A document read from a text keeps it up to this size (joining the lines
# again took 1.3% of the cleaning's instructions on the bench); a larger
# one's is joined again when asked, not held for the whole cleaning (a
# million-line Arabic dump's text is 80 MB).
TEXT_KEPT_MAX_CHARS = 1_000_000
LINE_OPENING = 3
_LINE_OPENING = re.compile(r"\n([^\n]{1,%d})" % LINE_OPENING)


@cython.dataclasses.dataclass(frozen=True, order=True)
@cython.cclass
class Cut:
    """One decision to remove text, and who made it.

    A line cut removes lines `start` .. `end - 1`. An inline cut has
    `span=(a, b)`: characters a..b of line `start` (then `end == start + 1`).
    `rule_id` names the rule (`site/rule`, `common-ar/rule`) or the
    classifier decision (`generic.after-body`); `origin` points at its
    definition (`rules/sites/x.yml:12`) or at the producer (`generic`).

    Compiled, an extension type made by Cython's dataclass (a Python
    dataclass's generated __init__ took 670 ns a cut, this one 60 ns); as
    Python, a frozen dataclass. Alike either way: fields, equality, order,
    hash, repr, `dataclasses.replace`, pickling, and FrozenInstanceError
    on a field set.
    """

    start: int
    end: int
    rule_id: str
    category: str
    message: str = ""
    span: tuple[int, int] | None = None
    origin: str = ""

    if cython.compiled:  # read-only members raise a bare AttributeError: say what a frozen dataclass says
        # (as plain Python the dataclass makes these, and refuses a class that has its own)

        def __setattr__(self, name, value):
            raise FrozenInstanceError(f"cannot assign to field {name!r}")

        def __delattr__(self, name):
            raise FrozenInstanceError(f"cannot delete field {name!r}")

    @property
    def is_inline(self) -> bool:
        return self.span is not None

    def lines(self) -> range:
        return range(self.start, self.end)

    def to_dict(self) -> dict:
        d = {
            "start": self.start,
            "end": self.end,
            "rule": self.rule_id,
            "category": self.category,
            "message": self.message,
            "origin": self.origin,
        }
        if self.span is not None:
            d["span"] = list(self.span)
        return d

    @classmethod
    def from_dict(cls, d: Mapping) -> Cut:
        span = d.get("span")
        # (mypy reads no cython.dataclasses: it knows no fields of Cut)
        return cls(  # type: ignore[call-arg]
            start=int(d["start"]),
            end=int(d["end"]),
            rule_id=str(d["rule"]),
            category=str(d["category"]),
            message=str(d.get("message", "")),
            span=tuple(span) if span is not None else None,
            origin=str(d.get("origin", "")),
        )


def cut_position(cut: Cut) -> tuple:
    """Where a cut stands among a document's sorted cuts: its first line,
    then its span (a whole-line cut before the spans of its line)."""
    return cut.start, cut.span or (0, 0)


@dataclass(frozen=True, init=False)
class Stats:
    lines_in: int
    lines_out: int
    chars_in: int
    chars_out: int
    lines_cut: int

    def __init__(self, lines_in: int, lines_out: int, chars_in: int, chars_out: int, lines_cut: int) -> None:
        _store(self, (lines_in, lines_out, chars_in, chars_out, lines_cut))

    @property
    def share_cut(self) -> float:
        return 1.0 - self.chars_out / self.chars_in if self.chars_in else 0.0


# The origin of a page's own cuts (its site's selectors, the HTML engine's
# choice): they stand even when the safety valve holds the others back.
PAGE_ORIGIN = "stripper/html"


@dataclass(frozen=True, init=False)
class CleanResult:
    """What cleaning one document produced. `text` == render(document, cuts)."""

    document: Document
    cuts: tuple[Cut, ...]
    text: str
    stats: Stats
    site: str | None = None
    language: str | None = None
    # Why the document was left as it was although cuts were found (the
    # safety valve), or None.
    held_back: str | None = None
    # Why the generic classifier did not run on this document, or None.
    classifier_off: str | None = None
    # The tail markers the rules held back for the prose after them (line,
    # rule id), which the classifier weighed: `explain` shows them to it again.
    held_tails: tuple[tuple[int, str], ...] = ()

    def __init__(
        self,
        document: Document,
        cuts: tuple[Cut, ...],
        text: str,
        stats: Stats,
        site: str | None = None,
        language: str | None = None,
        held_back: str | None = None,
        classifier_off: str | None = None,
        held_tails: tuple[tuple[int, str], ...] = (),
    ) -> None:
        _store(self, (document, cuts, text, stats, site, language, held_back, classifier_off, held_tails))

    @property
    def changed(self) -> bool:
        return self.text != self.document.text

    @property
    def applied_cuts(self) -> tuple[Cut, ...]:
        """The cuts `text` is made of: all of them, or, held back by the
        safety valve, only a page's own."""
        if not self.held_back:
            return self.cuts
        return tuple(cut for cut in self.cuts if cut.origin == PAGE_ORIGIN)


def url_alone(line: str) -> str | None:
    """The URL that `line` holds alone, as `^\\s*(https?://\\S+)\\s*$` finds
    it (tests/test_url_header.py), or None: the line stripped, when it opens
    with a scheme, goes on past it and holds no white space (a loop tells,
    where a split made a list; the regex took several thousand instructions
    a document)."""
    if not line.startswith("http") and not line[:1].isspace():
        return None  # (most first lines: no stripped copy of them made)
    url = line.strip()
    if url.startswith("https://"):
        scheme = 8
    elif url.startswith("http://"):
        scheme = 7
    else:
        return None
    return url if len(url) > scheme and not _holds_white_space(url) else None


@cython.cfunc
@cython.locals(text=str, ch=cython.Py_UCS4)
@cython.returns(cython.bint)
def _holds_white_space(text) -> bool:
    """Whether `text` holds white space, a character that `str.split()`
    splits at (read up to the first)."""
    for ch in text:
        if ch.isspace():
            return True
    return False
