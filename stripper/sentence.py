"""The one definition of a sentence's end, for the rules and the classifier."""

from __future__ import annotations

import re
from functools import cache

try:  # Cython compiles this module (stripper/_native.py) and reads these names as C types
    import cython
except ImportError:  # run as plain Python, Cython absent: the names mean nothing
    from . import _cython_shim as cython  # type: ignore[no-redef]

_STOPS = ".!?؟。！？…"
_CLOSERS = "\"'”’»)]"
# A credit in brackets after the stop, ending the line: "…。（上班族 XXX）",
# "... on Monday. (Reuters)". At most CREDIT_MAX_CHARS characters, with no
# digit (a count, "(12)", or a date: "(2 months ago)"), no stop and no
# bracket, and no link's label: "... (Full Story)" ends a teaser.
CREDIT_MAX_CHARS = 40
_CREDIT_OPENERS = "(（[【"
_CREDIT_CLOSERS = ")）]】"
LINK_LABELS = frozenset({"more", "read more", "full story", "continue reading"})
# The characters of a line's end that ends_sentence needs: a credit, the
# space and the stop before it, and a few closers.
ENDING_CHARS = CREDIT_MAX_CHARS + 16


def _any_case(label: str) -> str:
    """`label` as a pattern that matches it in any case of its ASCII letters."""
    return "".join(f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c) for c in label)


def _chars(chars: str) -> str:
    """`chars` escaped for a character class."""
    return "".join(map(re.escape, chars))


@cache
def sentence_end() -> re.Pattern:
    """A stop, then any closing quotes and brackets, then maybe a credit (no
    digit, stop nor bracket in it). The loops below spell these sets out: C
    compares a character with a literal's. Compiled at its first use (run
    as Python, and by the tests): compiling it cost every start of the
    command 10 million instructions."""
    return re.compile(
        f"[{_chars(_STOPS)}][{_chars(_CLOSERS)}]*"
        f"(?:\\s*[{_chars(_CREDIT_OPENERS)}]"
        f"(?!\\s*(?:{'|'.join(map(_any_case, sorted(LINK_LABELS)))})\\s*[{_chars(_CREDIT_CLOSERS)}])"
        f"[^\\d{_chars(_CREDIT_OPENERS + _CREDIT_CLOSERS + _STOPS)}]{{1,{CREDIT_MAX_CHARS}}}"
        f"[{_chars(_CREDIT_CLOSERS)}])?$"
    )


@cython.locals(last=cython.Py_ssize_t)  # (cpdef in sentence.pxd)
def ends_sentence(text) -> cython.bint:
    """Whether `text` (a line, or its last ENDING_CHARS characters) ends
    like a sentence: `sentence_end()`'s search. Compiled, the text is read back
    from its end (the stops and the closers have no character in common, so
    the closers after the last stop are all the characters after it)."""
    if not cython.compiled:
        return sentence_end().search(text) is not None
    last = len(text) - 1
    if last >= 0 and text[last] == "\n":  # $ stands before a final line break too
        last -= 1
    return _stop_before_closers(text, last) or _credit_after_stop(text, last)


@cython.cfunc
@cython.locals(text=str, at=cython.Py_ssize_t, ch=cython.Py_UCS4)
@cython.returns(cython.bint)
def _stop_before_closers(text, at) -> cython.bint:
    """Whether text[: at + 1] ends with a stop and any closers after it."""
    while at >= 0:
        ch = text[at]
        if ch in "\"'”’»)]":
            at -= 1
            continue
        return ch in ".!?؟。！？…"
    return False


@cython.cfunc
@cython.locals(text=str, at=cython.Py_ssize_t, j=cython.Py_ssize_t, ch=cython.Py_UCS4)
@cython.returns(cython.bint)
def _credit_after_stop(text, at) -> cython.bint:
    """Whether text[: at + 1] ends with a credit in brackets (CREDIT_MAX_CHARS
    characters at most, none a digit, a stop or a bracket; no link's label)
    after a stop and its closers, with or without spaces between."""
    if at < 0 or text[at] not in ")）]】":
        return False
    j = at - 1
    while j >= 0 and at - j - 1 <= CREDIT_MAX_CHARS:
        ch = text[j]
        if ch in "(（[【":
            break
        if ch.isdecimal() or ch in ")）]】" or ch in ".!?؟。！？…":
            return False
        j -= 1
    else:
        return False
    if at - j - 1 < 1 or at - j - 1 > CREDIT_MAX_CHARS or text[j + 1 : at].strip().lower() in LINK_LABELS:
        return False
    j -= 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return _stop_before_closers(text, j)


def ends_paragraph(text: str) -> bool:
    """A sentence's end, or a colon that announces what follows."""
    return text.rstrip().endswith((":", "：")) or ends_sentence(text)
