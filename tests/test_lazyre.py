"""A pattern compiled at its first use behaves as the compiled pattern."""

from __future__ import annotations

import re
import subprocess
import sys

from stripper.lazyre import LazyPattern, compile_later


def test_a_lazy_pattern_answers_as_the_compiled_one():
    for source, flags in ((r"(\d+)-(?P<word>\w+)", 0), (r"^read more$", re.IGNORECASE | re.MULTILINE)):
        lazy, compiled = compile_later(source, flags), re.compile(source, flags)
        assert lazy.pattern == compiled.pattern
        assert isinstance(lazy, LazyPattern) and "search" not in vars(lazy)  # not compiled yet
        text = "12-ab 7-cd\nREAD MORE\n"
        assert lazy.search(text).span() == compiled.search(text).span()
        assert "search" in vars(lazy)  # compiled once, its methods kept
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
        assert lazy.findall(text) == compiled.findall(text)
        assert lazy.sub("x", text) == compiled.sub("x", text)
        assert (lazy.match(text) is None) == (compiled.match(text) is None)
        assert (lazy.flags, lazy.groups, lazy.groupindex) == (compiled.flags, compiled.groups, compiled.groupindex)


def test_the_cues_are_not_compiled_at_import():
    """Importing the pipeline compiles none of the classifier's cues: a
    corpus of one-line articles never reads them."""
    probe = (
        "import stripper.pipeline, stripper.generic.cues as cues, stripper.generic.features as features;"
        "from stripper.lazyre import LazyPattern;"
        "lazy = [v for m in (cues, features) for v in vars(m).values() if isinstance(v, LazyPattern)];"
        "print(len(lazy), sum('search' in vars(v) for v in lazy))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) >= 20
    assert out[1] == "0"  # (CUT_SHORT's literals are read from its `pattern` at import: no compiling)
