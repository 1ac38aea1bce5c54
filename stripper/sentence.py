"""The one definition of a sentence's end, for the rules and the classifier."""

from __future__ import annotations

import re

try:  # Cython compiles this module (stripper/_native.py) and reads these names as C types
    import cython
except ImportError:  # run as plain Python, Cython absent: the names mean nothing
    from . import _cython_shim as cython  # type: ignore[no-redef]

# A stop (Arabic "؟" and CJK "。！？" included, the ellipsis too), then any
# closing quotes and brackets.
SENTENCE_END = re.compile(r"[.!?؟。！？…][\"'”’»)\]]*$")


@cython.ccall
@cython.locals(text=str, last=cython.Py_ssize_t)
def ends_sentence(text) -> cython.bint:
    """Whether `text` (a line, or its last characters) ends like a sentence:
    SENTENCE_END's search. Compiled, the text is read back from its end
    (the stops and the closers have no character in common, so the closers
    after the last stop are all the characters after it)."""
    if not cython.compiled:
        return SENTENCE_END.search(text) is not None
    last = len(text) - 1
    if last >= 0 and text[last] == "\n":  # $ stands before a final line break too
        last -= 1
    return _stop_before_closers(text, last)


@cython.cfunc
@cython.locals(text=str, at=cython.Py_ssize_t, ch=cython.Py_UCS4)
def _stop_before_closers(text, at) -> cython.bint:
    """Whether text[: at + 1] ends with a stop and any closers after it."""
    while at >= 0:
        ch = text[at]
        if ch in "\"'”’»)]":
            at -= 1
            continue
        return ch in ".!?؟。！？…"
    return False


def ends_paragraph(text: str) -> bool:
    """A sentence's end, or a colon that announces what follows."""
    return text.rstrip().endswith((":", "：")) or ends_sentence(text)
