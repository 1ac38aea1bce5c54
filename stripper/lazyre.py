"""Regular expressions compiled at their first use.

The generic classifier's cues are read only where its steps run (a document
with more than one line left to judge): a corpus of one-line articles never
reads most of them, and compiling them at import took 49 million
instructions of every start, a tenth of `stripper check`'s."""

from __future__ import annotations

import re

# what the compiled pattern lends its stand-in at the first use
_LENT = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "flags", "groups", "groupindex")


class LazyPattern:
    """Stands for `re.compile(pattern, flags)`. The first use of any other
    attribute than `pattern` compiles it and takes the compiled pattern's
    methods as its own: each later call costs what the compiled one's does."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern  # (what the compiled pattern's `pattern` is)
        self._flags_given = flags

    def __getattr__(self, name: str):  # only for a name not set yet
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags_given)
        for lent in _LENT:
            setattr(self, lent, getattr(compiled, lent))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags_given})"


def compile_later(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, compiled at its first use."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
