"""The Arabic block (U+0600-U+06FF, `normalize._ARABIC_BLOCK_FIRST` to
`_ARABIC_BLOCK_LAST`) has no case: `normalize._met_left_as_is` tells its
characters as left as they are by lower-casing and case-folding without
reading its table, which holds what Python's own mapping does."""

from __future__ import annotations

from stripper import normalize

_BLOCK = "".join(chr(code) for code in range(0x600, 0x700))


def test_lower_and_casefold_leave_the_arabic_block():
    for ch in _BLOCK:
        assert ch.lower() == ch and ch.casefold() == ch, hex(ord(ch))


def test_arabic_text_folds_and_lowers_as_python_does():
    for text in (_BLOCK, _BLOCK + " ABC", "ß " + _BLOCK, "İ" + _BLOCK, "Σ" + _BLOCK + "Σ"):
        assert normalize.casefolded(text) == text.casefold()
        assert normalize.lowered(text) == text.lower()
        assert normalize.normalize(text) == normalize.lowered(normalize._fold(text)).strip()
