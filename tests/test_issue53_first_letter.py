"""`language._first_letter` finds the first letter where `LETTERS` does
(compiled, a loop over the characters; language_of_sample reads it)."""

from __future__ import annotations

import sys

from stripper.generic import language


def _by_regex(text: str) -> int:
    found = language.LETTERS.search(text)
    return -1 if found is None else found.start()


def test_every_code_point_alone_and_after_non_letters():
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        for text in (ch, "_1 " + ch, "٣" + ch + "a"):
            assert language._first_letter(text) == _by_regex(text), hex(code)


def test_samples():
    for text in ("", "123 _ -- ..", "12 abc", "__é", "٣٤ وقال", "\u00b2\u2160x", "http://x.y"):
        assert language._first_letter(text) == _by_regex(text), text
