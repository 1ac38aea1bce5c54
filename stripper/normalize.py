"""Arabic-aware normalisation for matching. It never changes output text.

`normalize(s)` folds the spelling variants that scraped Arabic shows for one
word (alef forms, alef maqsura, ta marbuta, tashkeel, tatweel), removes bidi
and zero-width marks, turns NBSP and other spaces into one space, lower-cases
and trims. `أيضاً`, `أيضًا`, `ايضا` all become `ايضا`.

`normalize_with_map(s)` does the same and also returns, for every character
of the result, the index of the source character it came from, so that a
match found on the normalised text can be mapped back to a span of the
original (inline cuts need this).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache

try:  # Cython compiles this module (stripper/_native.py) and reads these names as C types
    import cython
except ImportError:  # run as plain Python, Cython absent: the names mean nothing
    from . import _cython_shim as cython  # type: ignore[no-redef]

# Characters deleted outright: tashkeel (harakat, tanween, shadda, sukun,
# superscript alef), tatweel, Quranic marks, bidi controls and zero-width
# characters, soft hyphen, BOM.
_DELETE = (
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655"
    "\u0656\u0657\u0658\u0659\u065a\u065b\u065c\u065d\u065e\u065f\u0670"
    "\u0640"
    "\u06d6\u06d7\u06d8\u06d9\u06da\u06db\u06dc\u06df\u06e0\u06e1\u06e2"
    "\u06e3\u06e4\u06e7\u06e8\u06ea\u06eb\u06ec\u06ed"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u061c\u00ad\ufeff\u2060"
)
_FOLD = {
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0622": "\u0627",  # آ -> ا
    "\u0671": "\u0627",  # ٱ -> ا
    "\u0672": "\u0627",
    "\u0673": "\u0627",
    "\u0649": "\u064a",  # ى -> ي
    "\u06cc": "\u064a",  # Persian ye -> ي
    "\u0629": "\u0647",  # ة -> ه
    "\u06a9": "\u0643",  # keheh -> ك
}
# Every Unicode space separator, tab included, becomes an ordinary space.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

_TABLE = str.maketrans({**{c: None for c in _DELETE}, **_FOLD, **{c: " " for c in _SPACES}})
# The same mapping as pairs
_FOLD_PAIRS = tuple(
    (chr(code), "" if to is None else to if isinstance(to, str) else chr(to)) for code, to in _TABLE.items()
)
# The folding without deletions and case: safe to apply to a regex pattern.
PATTERN_TABLE = str.maketrans({**{c: None for c in _DELETE}, **_FOLD})


def run_pattern(char_class: str, least: int = 1) -> str:
    """The regex of a run of at least `least` characters of `char_class`,
    written `[a-z][a-z]*`, not `[a-z]+`: the regex engine looks ahead for
    where a match may start only when the pattern opens with a character
    (class); a pattern that opens with a repeat is tried at every position
    (measured on the bench's lines: `\\d+` 19.6k instructions a line,
    `\\d\\d*` 9.6k)."""
    return f"{char_class}{char_class}{{{least - 1},}}"


_MULTISPACE = re.compile(run_pattern(" ", 2))
# Letters of the Arabic alphabet proper (a line holding one is Arabic text).
_ARABIC_LETTER_FIRST, _ARABIC_LETTER_LAST = "\u0621", "\u064a"
ARABIC_LETTER = re.compile(f"[{_ARABIC_LETTER_FIRST}-{_ARABIC_LETTER_LAST}]")


@cython.locals(text=str, ch=cython.Py_UCS4, first=cython.Py_UCS4, last=cython.Py_UCS4)
def holds_arabic_letter(text) -> bool:
    """`ARABIC_LETTER.search(text) is not None`: compiled, a loop over the
    characters (several times quicker on a long text that holds none); as
    Python, the search."""
    if not cython.compiled:
        return ARABIC_LETTER.search(text) is not None
    first, last = _ARABIC_LETTER_FIRST, _ARABIC_LETTER_LAST
    for ch in text:
        if first <= ch <= last:
            return True
    return False


@cython.ccall  # called here in C (normalize), and by the tests
@cython.locals(text=str)
def _fold(text: str) -> str:
    """`text.translate(_TABLE)`, several times quicker: str.translate looks
    up every character of non-ASCII text in a dict, while most lines hold a
    few of the mapped characters, each replaced in one C-level pass (no
    replacement is itself a mapped character, so the order does not matter).
    Compiled, one loop over the characters finds the few to replace; as
    Python, each mapped character is looked for in turn."""
    if text.isascii():  # of the mapped characters only the tab is ASCII
        return text.replace("\t", " ") if "\t" in text else text
    if cython.compiled:
        found = _mapped_in(text)
        if found is not None:
            for char in found:
                text = text.replace(char, _REPLACEMENT[char])
        return text
    for char, replacement in _FOLD_PAIRS:
        if char in text:  # (a test is quicker than a replace that finds nothing)
            text = text.replace(char, replacement)
    return text


# mapped character -> what it becomes ("" for a deleted one)
_REPLACEMENT = dict(_FOLD_PAIRS)


def _code_table(marks: list[tuple[str, int]]) -> bytearray:
    """A table by code point up to the last of the characters `marks`
    names but U+FEFF (far beyond the others): each of them has its value
    (a later one's over an earlier one's), every other code 0. Set
    character by character: a table made of one test a code point took
    27 million instructions of every start, 5% of the pre-commit hook's."""
    table = bytearray(max(ord(ch) for ch, _ in marks if ch != "\ufeff") + 1)
    for ch, value in marks:
        if ord(ch) < len(table):
            table[ord(ch)] = value
    return table


# Whether each code point up to the last mapped one but U+FEFF is mapped (1),
# read through a view made once (as _DECORATION_VIEW below).
_MAPPED_FLAGS = _code_table([(ch, 1) for ch in _REPLACEMENT])
_MAPPED_VIEW = cython.declare(cython.uchar[::1], _MAPPED_FLAGS)


@cython.cfunc
@cython.boundscheck(False)  # a code is read only up to the last
@cython.wraparound(False)
@cython.nonecheck(False)  # and the view is set
@cython.locals(text=str, ch=cython.Py_UCS4, flags=cython.uchar[::1], code=cython.Py_ssize_t, last=cython.Py_ssize_t)
def _mapped_in(text) -> set:
    """The mapped characters that `text` holds; None for none (most lines:
    no set made)."""
    found = None
    flags = _MAPPED_VIEW
    last = len(flags) - 1
    for ch in text:
        code = ord(ch)
        if (code <= last and flags[code]) or code == 0xFEFF:
            if found is None:
                found = set()
            found.add(ch)
    return found


@cython.locals(out=str)
def normalize(text: str) -> str:
    """The matching form of `text` (see the module doc)."""
    if cython.compiled and not text.isascii():
        out = _normalized_in_one_pass(text)
        if out is not None:
            return out
    out = lowered(_fold(text))
    if "  " in out:
        out = _MULTISPACE.sub(" ", out)
    return out.strip()


# What each code point up to the last mapped one but U+FEFF becomes in
# folding: its replacement ("" deleted, " " a space, a letter), or None for
# one left as it is (as _MAPPED_FLAGS, a list read by index).
_REPLACEMENT_BY_CODE = [None] * len(_MAPPED_FLAGS)
for _ch, _to in _REPLACEMENT.items():
    if ord(_ch) < len(_REPLACEMENT_BY_CODE):
        _REPLACEMENT_BY_CODE[ord(_ch)] = _to


@cython.ccall  # called in C by normalize, and by the tests
@cython.boundscheck(False)  # a code is read only up to the last
@cython.wraparound(False)
@cython.nonecheck(False)  # and the views are set
@cython.locals(
    text=str,
    flags=cython.uchar[::1],
    met=cython.uchar[::1],
    by_code=list,
    last=cython.Py_ssize_t,
    i=cython.Py_ssize_t,
    run_from=cython.Py_ssize_t,
    code=cython.Py_ssize_t,
    ch=cython.Py_UCS4,
    after_space=cython.bint,
    replacement=str,
    pieces=list,
)
def _normalized_in_one_pass(text) -> str | None:
    """`normalize(text)` in one walk of the text, for a text where
    lower-casing changes no character beyond ASCII (None for another one:
    then the three passes, `_fold`, `lowered` and the spaces' regex, each
    of which copies the text): the stretches of characters kept as they
    are go in as slices, between the mapped characters' replacements and
    the lowered ASCII capitals, and a space right after a space is left
    out, as the regex does; then str.strip()."""
    flags, met, by_code = _MAPPED_VIEW, _LOWER_MET_VIEW, _REPLACEMENT_BY_CODE
    last = len(flags) - 1
    pieces: list = []
    run_from = 0  # the stretch of `text` kept as it is, up to the character read
    after_space = False  # what goes out last is a space
    i = -1
    for ch in text:
        i += 1
        code = ord(ch)
        if (code <= last and flags[code]) or code == 0xFEFF:
            replacement = by_code[code] if code <= last else ""
        elif code < 0x80:
            if ch == " ":
                if after_space:
                    replacement = ""
                else:
                    after_space = True
                    continue
            elif "A" <= ch <= "Z":
                replacement = chr(code + 32)
            else:
                after_space = False
                continue
        else:
            if not _met_left_as_is(ch, met, False):
                return None
            after_space = False
            continue
        # the character goes out as `replacement` ("" for none), a space
        # after a space left out
        if replacement == " ":
            if after_space:
                replacement = ""
            after_space = True
        elif replacement:
            after_space = False
        if run_from < i:
            pieces.append(text[run_from:i])
        if replacement:
            pieces.append(replacement)
        run_from = i + 1
    if run_from == 0:
        return text.strip()
    if run_from < i + 1:
        pieces.append(text[run_from:])
    return "".join(pieces).strip()


def normalize_words(words: list[str]) -> list[str]:
    """`normalize` of each of `words` (none holding white space, as from
    `str.split()`), in one pass over them all: folding is character by
    character, and a line break, which no word holds, keeps them apart.
    Several times quicker for a long list."""
    return lowered(_fold("\n".join(words))).split("\n") if words else []


def normalize_pattern(pattern: str) -> str:
    """Fold Arabic letter variants inside a regex pattern, so that a rule
    written with `أ` matches text written with `ا`. Case is handled by the
    IGNORECASE flag, never by lower-casing the pattern (`\\D` is not `\\d`)."""
    return pattern.translate(PATTERN_TABLE)


@cache
def _kept_run() -> re.Pattern:
    """A run of characters that folding keeps: for `_normalize_with_list`
    only (run as Python, or for a line the compiled loop passes over), so
    compiled at its first use (4 million instructions of every start)."""
    return re.compile(run_pattern("[^" + _DELETE + "]"))


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """`normalize(text)` and, per output character, its source index."""
    norm, sources = normalize_with_sources(text)
    return norm, list(sources)


def normalize_with_sources(text: str) -> tuple[str, SourceRuns | list[int]]:
    """`normalize_with_map(text)`, its index list held as runs where that
    is quicker to make (compiled: `SourceRuns`): an inline cut maps back the
    two ends of a match, not each of a long line's characters."""
    if cython.compiled and text:
        folded = lowered(_fold(text))  # what normalize_with_map's join folds: the deletions are _fold's
        runs = _runs_one_for_one(text, folded)
        if runs is not None:
            return runs
    return _normalize_with_list(text)


def _normalize_with_list(text: str) -> tuple[str, list[int]]:
    """`normalize_with_map`'s text and index list, made from the regex's
    runs of kept characters and of spaces (the way run as Python)."""
    parts: list[str] = []
    where: list[int] = []
    for run in _kept_run().finditer(text):  # what survives the deletions
        parts.append(run.group())
        where.extend(range(run.start(), run.end()))
    folded = lowered(_fold("".join(parts)))  # now one character for one
    if len(folded) != len(where):  # a case fold that grows (İ -> i̇)
        return _normalize_by_char(text)
    if "  " not in folded and not folded.startswith(" ") and not folded.endswith(" "):
        return folded, where
    chars: list[str] = []
    kept: list[int] = []
    pos = len(folded) - len(folded.lstrip(" "))  # no spaces at the ends
    end = len(folded.rstrip(" "))
    # a run of spaces inside becomes one (the ends are searched apart: " {2,}|^ +| +$"
    # tried three branches at every character, 4x slower on a long line)
    for run in _MULTISPACE.finditer(folded, pos, max(pos, end)):
        chars.append(folded[pos : run.start()])
        kept.extend(where[pos : run.start()])
        chars.append(" ")
        kept.append(where[run.start()])
        pos = run.end()
    chars.append(folded[pos:end])
    kept.extend(where[pos:end])
    return "".join(chars), kept


class SourceRuns:
    """The source index of each character of a normalised text, held as
    runs: the characters from `starts[j]` on come one for one from
    `sources[j]` on, up to the next run."""

    __slots__ = ("starts", "sources", "length")

    def __init__(self, starts: list[int], sources: list[int], length: int):
        self.starts, self.sources, self.length = starts, sources, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, k: int) -> int:
        if not 0 <= k < self.length:
            raise IndexError(k)
        j = bisect_right(self.starts, k) - 1
        return self.sources[j] + k - self.starts[j]

    def __iter__(self):
        ends = [*self.starts[1:], self.length]
        for start, end, source in zip(self.starts, ends, self.sources):
            yield from range(source, source + end - start)


# What _fold makes of each code point up to the last space or deleted one
# but U+FEFF: _KEPT (itself, or one other character), _GONE (deleted) or
# _SPACE (a space), read through a view made once (as _MAPPED_VIEW). Lower-
# casing turns no character into a space, nor a space into another one, so
# where each kept character becomes one (`_runs_one_for_one`) the folded
# text's spaces are told from the text's characters alone. _BREAK is kept
# too: the white space that folding leaves as it is (line breaks: a
# Document's line may hold \v, \f, \x1c-\x1f, \x85, \u2028, \u2029), which
# normalize's strip() takes at either end, as it takes the spaces.
# (C numbers compiled, where a module's names are Python objects)
_KEPT = cython.declare(cython.uchar, 0)
_GONE = cython.declare(cython.uchar, 1)
_SPACE = cython.declare(cython.uchar, 2)
_BREAK = cython.declare(cython.uchar, 3)
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_FOLD_KINDS = _code_table(
    [(ch, _BREAK) for ch in _BREAKS] + [(ch, _SPACE) for ch in " " + _SPACES] + [(ch, _GONE) for ch in _DELETE]
)
_FOLD_KINDS_VIEW = cython.declare(cython.uchar[::1], _FOLD_KINDS)
_FOLD_KINDS_LAST = cython.declare(cython.Py_ssize_t, len(_FOLD_KINDS) - 1)


@cython.cfunc
@cython.inline
@cython.boundscheck(False)  # a code is read only up to the last
@cython.wraparound(False)
@cython.nonecheck(False)  # and the view is set
@cython.exceptval(check=False)
@cython.locals(code=cython.Py_ssize_t)
@cython.returns(cython.uchar)
def _fold_kind(code) -> int:
    """What folding makes of the character of code point `code` (the walks
    below read each character's so): its _FOLD_KINDS value; beyond the
    table, U+FEFF goes (_GONE) and every other character stays (_KEPT)."""
    if code <= _FOLD_KINDS_LAST:
        return _FOLD_KINDS_VIEW[code]
    return _GONE if code == 0xFEFF else _KEPT


# The one character that lower-casing makes two (İ -> i̇: tests/test_normalize_kernels.py
# checks the running Python's Unicode tables).
_LOWER_GROWS = "\u0130"


@cython.ccall  # called here in C, and by the tests
@cython.boundscheck(False)  # every index below is in range
@cython.wraparound(False)
@cython.nonecheck(False)  # and no argument is None
@cython.locals(
    text=str,
    folded=str,
    i=cython.Py_ssize_t,
    p=cython.Py_ssize_t,
    k=cython.Py_ssize_t,
    piece=cython.Py_ssize_t,
    code=cython.Py_ssize_t,
    kind=cython.uchar,
    ch=cython.Py_UCS4,
    joined=cython.bint,
    after_space=cython.bint,
)
def _runs_one_for_one(text, folded) -> tuple:
    """`_normalize_with_list(text)` in one loop over the characters, as
    `(norm, SourceRuns)`, for `folded`, the text folded and lower-cased
    (its deletions gone); None where that is not one character for each
    kept one (a case fold that grows). Each kept character's folded one is
    a space where the text's is one of _FOLD_KINDS's spaces: the loop reads
    `text` alone, and `folded` is only sliced."""
    starts: list = []
    sources: list = []
    pieces: list = []  # the stretches of `folded` kept (a dropped space ends one)
    i = p = k = piece = 0  # the text's character; the next of `folded`; characters kept; where this stretch starts
    joined = False  # whether the next character kept goes on the current run
    after_space = True  # at the start, or after a space kept: a space is dropped
    for ch in text:
        code = ord(ch)
        kind = _fold_kind(code)
        if kind == _GONE:
            joined = False
            i += 1
            continue
        if kind == _SPACE and after_space:
            pieces.append(folded[piece:p])
            p += 1
            piece = p
            joined = False
            i += 1
            continue
        if not joined:
            starts.append(k)
            sources.append(i)
            joined = True
        after_space = kind == _SPACE
        p += 1
        k += 1
        i += 1
    if p != len(folded):
        return None
    pieces.append(folded[piece:p])
    norm = "".join(pieces)
    if k and after_space:  # the one space kept at the end goes too
        k -= 1
        norm = norm[:k]
        if starts[len(starts) - 1] == k:
            starts.pop()
            sources.pop()
    return norm, SourceRuns(starts, sources, k)


def source_indexes(line: str, positions: list[int], size: int) -> list[int]:
    """The index in `line` of the character that each of `positions`
    (ascending) of `normalize(line)` comes from, given `size`, that form's
    length: those in its first half read from the line's start, the others
    from its end, each walk up to the last it needs: a match's two ends
    (an ad script at each end of a long line: the article between is not
    read). Read as normalize reads the line: a deleted
    character makes none, a run of spaces one (from its first space),
    white space at either end none (strip()), İ two (its lower case)."""
    half = bisect_left(positions, (size + 1) // 2)
    found = [0] * len(positions)
    _indexes_from_start(line, positions, half, found)
    _indexes_from_end(line, positions, half, size, found)
    return found


@cython.cfunc
@cython.boundscheck(False)  # every index below is in range
@cython.wraparound(False)
@cython.nonecheck(False)  # and no argument is None
@cython.locals(
    line=str,
    positions=list,
    found=list,
    stop=cython.Py_ssize_t,
    q=cython.Py_ssize_t,
    i=cython.Py_ssize_t,
    k=cython.Py_ssize_t,
    want=cython.Py_ssize_t,
    code=cython.Py_ssize_t,
    kind=cython.uchar,
    ch=cython.Py_UCS4,
    after_space=cython.bint,
)
def _indexes_from_start(line, positions, stop, found) -> None:
    """`source_indexes` of positions[:stop], the line read from its start."""
    if stop == 0:
        return
    q = 0
    want = positions[0]
    k = 0  # the characters of the normal form made so far
    after_space = True  # at the start (strip()), or after a space kept
    i = -1
    for ch in line:
        i += 1
        code = ord(ch)
        kind = _fold_kind(code)
        if kind == _GONE or (kind == _SPACE and after_space) or (kind == _BREAK and k == 0):
            continue
        after_space = kind == _SPACE
        k += 2 if ch == "\u0130" else 1  # (_LOWER_GROWS, as a C character)
        while want < k:  # made from this character
            found[q] = i
            q += 1
            if q == stop:
                return
            want = positions[q]
    raise IndexError(f"position {want} past the normal form's end")


@cython.cfunc
@cython.boundscheck(False)  # every index below is in range
@cython.wraparound(False)
@cython.nonecheck(False)  # and no argument is None
@cython.locals(
    line=str,
    positions=list,
    found=list,
    start=cython.Py_ssize_t,
    size=cython.Py_ssize_t,
    q=cython.Py_ssize_t,
    i=cython.Py_ssize_t,
    k=cython.Py_ssize_t,
    want=cython.Py_ssize_t,
    run_q=cython.Py_ssize_t,
    code=cython.Py_ssize_t,
    kind=cython.uchar,
    ch=cython.Py_UCS4,
    begun=cython.bint,
    in_run=cython.bint,
)
def _indexes_from_end(line, positions, start, size, found) -> None:
    """`source_indexes` of positions[start:], the line read from its end:
    its white space there gone (strip()), a run of spaces makes one from
    its first (leftmost) space, found once the run ends."""
    q = len(positions) - 1
    if q < start:
        return
    want = size - 1 - positions[q]  # counted from the end
    k = 0  # the characters of the normal form made so far, from its end
    begun = in_run = False  # past the white space at the end; in a run of spaces
    run_q = -1  # the first position found in the run, whose source moves left with it
    i = len(line)
    while i > 0:
        i -= 1
        ch = line[i]
        code = ord(ch)
        kind = _fold_kind(code)
        if kind == _GONE or (not begun and kind != _KEPT):
            continue
        begun = True
        if kind == _SPACE:
            if in_run:
                if run_q >= 0:
                    found[run_q] = i
                continue
            in_run = True
            k += 1
            run_q = -1
            if want < k:  # this run's space (a run makes one character)
                run_q = q
                found[q] = i
                q -= 1
                if q >= start:
                    want = size - 1 - positions[q]
            continue
        if in_run and q < start:
            return  # the run's first space found
        in_run = False
        run_q = -1
        if q < start:
            return
        k += 2 if ch == "\u0130" else 1  # (_LOWER_GROWS, as a C character)
        while want < k:  # made from this character
            found[q] = i
            q -= 1
            if q < start:
                return
            want = size - 1 - positions[q]
    if q >= start:
        raise IndexError(f"position {positions[q]} before the normal form's start")


# The one character whose lower-casing reads the characters around it
# (Σ: σ, or ς at a word's end): a line holding it is normalised again.
_LOWER_READS_AROUND = "\u03a3"


def parts_fold_alike(line: str) -> bool:
    """Whether the matching form of `line` without some spans holds only
    characters of `normalize(line)`, and spaces: each character is put in
    its matching form by itself, but for Σ (σ, or ς at a word's end). Then
    where case-folding leaves `normalize(line)` as it is, it leaves that
    form as it is too."""
    return _LOWER_READS_AROUND not in line


def normalized_without(line: str, norm: str, spans, text: str) -> str:
    """`normalize(text)`, where `text` is `line` without its `spans` (as
    `assemble.cut_line_text` makes it) and `norm` is `normalize(line)`:
    compiled, where folding and lower-casing make each kept character of
    `line` one by itself (no _LOWER_GROWS, no _LOWER_READS_AROUND), made
    from `norm` without folding `text` (`_walked_without`)."""
    if cython.compiled and _LOWER_GROWS not in line and _LOWER_READS_AROUND not in line:
        found = _walked_without(line, norm, sorted(spans))
        if found is not None:
            return found
    return normalize(text)


@cython.ccall  # called here in C, and by the tests
@cython.boundscheck(False)  # every index below is in range
@cython.wraparound(False)
@cython.nonecheck(False)  # and no argument is None
@cython.locals(
    line=str,
    norm=str,
    gone=list,
    size=cython.Py_ssize_t,
    i=cython.Py_ssize_t,
    j=cython.Py_ssize_t,
    at=cython.Py_ssize_t,
    a=cython.Py_ssize_t,
    b=cython.Py_ssize_t,
    run_from=cython.Py_ssize_t,
    run_to=cython.Py_ssize_t,
    gone_from=cython.Py_ssize_t,
    gone_to=cython.Py_ssize_t,
    span=cython.Py_ssize_t,
    code=cython.Py_ssize_t,
    kind=cython.uchar,
    ch=cython.Py_UCS4,
    line_after_space=cython.bint,
    after_space=cython.bint,
    leading_break=cython.bint,
    leapt=cython.bint,
    n=cython.Py_ssize_t,
    to=cython.Py_ssize_t,
    made=cython.Py_ssize_t,
)
def _walked_without(line, norm, gone) -> str:
    """`normalize` of `line` without the spans `gone` (sorted), read from
    `norm`, `normalize(line)`, for a line whose every kept character folds
    and lower-cases to one by itself; None where `norm` is not what
    `_runs_one_for_one` keeps of the line (white space other than spaces
    at an end, which normalize's strip() takes too). One loop walks the
    line as `_runs_one_for_one` does, once as it is and once without the
    spans: a character the second walk keeps is the one the first kept of
    it in `norm`, or a space the first dropped (where the spans' removal
    joins two stretches of spaces); then normalize's strip(). Past the last
    span, once the two walks keep the same character, they keep the same
    ones to the end: the rest is `norm`'s rest, not walked (an ad script
    cut at a line's start: the line is not read past it); and before the
    last span, they keep alike up to it: the walk leaps to the plain
    character nearest before it, found in `norm` by counting from the end
    (`_made_from`; an ad script at each end of a line: the article between
    is not read). Neither where a line break opens the line: strip() took
    it from `norm`, the walk counts it."""
    size = len(norm)
    pieces: list = []
    j = 0  # the first walk's next character of `norm`
    run_from = run_to = 0  # the stretch of `norm` the second walk is keeping (none while empty)
    span = 0
    gone_from = gone_to = -1  # the span at or after the character (-1: none left)
    if gone:
        gone_from, gone_to = gone[0]
    line_after_space = after_space = True  # as `_runs_one_for_one` starts
    leading_break = leapt = False
    n = len(line)
    i = -1
    while i < n - 1:
        i += 1
        ch = line[i]
        while gone_to >= 0 and i >= gone_to:  # the next span (spans may overlap)
            span += 1
            if span < len(gone):
                a, b = gone[span]
                gone_from, gone_to = max(a, gone_to), max(b, gone_to)
            else:
                gone_from = gone_to = -1
        code = ord(ch)
        kind = _fold_kind(code)
        if kind == _GONE:
            continue
        # the first walk, over the line: where the character stands in `norm`
        at = -1  # (dropped there, or the line's last space, which `norm` drops)
        if not (kind == _SPACE and line_after_space):
            if j == 0 and kind == _BREAK:
                leading_break = True
            if j < size:
                at = j
            elif kind != _SPACE:
                return None
            j += 1
            line_after_space = kind == _SPACE
        if gone_from <= i < gone_to:
            continue  # in a span
        # the second walk, over the line without the spans
        if kind == _SPACE and after_space:
            continue
        after_space = kind == _SPACE
        if at >= 0 and at == run_to and run_to > run_from:
            if gone_to < 0 and not leading_break:  # past the spans, the walks keep alike
                pieces.append(norm[run_from:])
                return "".join(pieces).strip()
            run_to += 1
            if span == len(gone) - 1 and not leapt and not leading_break:  # before the last span: leap
                leapt = True
                to = _plain_before(line, gone_from, i)
                if to > i + 1:
                    made = size - _made_from(line, to)  # where line[to] stands in `norm`
                    if made >= j:
                        run_to += made - j
                        j = made
                        i = to - 1  # (line[to] is kept alike, whatever the spaces before it)
            continue
        if run_to > run_from:
            pieces.append(norm[run_from:run_to])
        if at >= 0:
            run_from, run_to = at, at + 1
        else:
            run_from = run_to = 0
            pieces.append(" ")
    if j - (1 if j and line_after_space else 0) != size:
        return None
    if run_to > run_from:
        pieces.append(norm[run_from:run_to])
    return "".join(pieces).strip()


@cython.cfunc
@cython.boundscheck(False)  # every index below is in range
@cython.wraparound(False)
@cython.nonecheck(False)  # and no argument is None
@cython.locals(
    line=str,
    stop=cython.Py_ssize_t,
    after=cython.Py_ssize_t,
    i=cython.Py_ssize_t,
    code=cython.Py_ssize_t,
)
@cython.returns(cython.Py_ssize_t)
def _plain_before(line, stop, after) -> int:
    """The index of the last character before `stop` and after `after`
    that folding keeps and is no white space (-1: none)."""
    i = stop
    while i > after + 1:
        i -= 1
        code = ord(line[i])
        if _fold_kind(code) == _KEPT:
            return i
    return -1


@cython.cfunc
@cython.boundscheck(False)  # every index below is in range
@cython.wraparound(False)
@cython.nonecheck(False)  # and no argument is None
@cython.locals(
    line=str,
    stop=cython.Py_ssize_t,
    i=cython.Py_ssize_t,
    k=cython.Py_ssize_t,
    code=cython.Py_ssize_t,
    kind=cython.uchar,
    ch=cython.Py_UCS4,
    begun=cython.bint,
    in_run=cython.bint,
)
@cython.returns(cython.Py_ssize_t)
def _made_from(line, stop) -> int:
    """How many characters of `normalize(line)` the line makes from
    `stop` on, where line[stop] is a kept character and no white space
    (so what stands before it changes nothing): counted from the end, its
    white space there gone (strip()), a run of spaces one, İ two."""
    k = 0
    begun = in_run = False
    i = len(line)
    while i > stop:
        i -= 1
        ch = line[i]
        code = ord(ch)
        kind = _fold_kind(code)
        if kind == _GONE or (not begun and kind != _KEPT):
            continue
        begun = True
        if kind == _SPACE:
            if not in_run:
                in_run = True
                k += 1
            continue
        in_run = False
        k += 2 if ch == "\u0130" else 1  # (_LOWER_GROWS, as a C character)
    return k


def _normalize_by_char(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = ch.translate(_TABLE)
        if not folded:
            continue
        folded = folded.lower()
        if folded == " " and (not chars or chars[-1] == " "):
            continue
        for f in folded:
            chars.append(f)
            where.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        where.pop()
    return "".join(chars), where


# Decoration that a marker line carries in the wild: "شاهد أيضا:",
# "الاسم : *", "اقرأ المزيد...", "Share »", "• شارك". White space is every
# character str.isspace() knows (what `\s` matches).
_WHITESPACE = (
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
_TRAILING_DECORATION = _WHITESPACE + ":：؛;.…*»«>|-–—_،,!"
_LEADING_DECORATION = _WHITESPACE + ":*•·|>»«-–—_"


# Which characters of the Basic Multilingual Plane (all the decoration
# is there) each end strips, by code: 1 the trailing end, 2 the leading.
def _decoration_table() -> bytearray:
    table = bytearray(0x10000)
    for ch in _TRAILING_DECORATION:
        table[ord(ch)] |= 1
    for ch in _LEADING_DECORATION:
        table[ord(ch)] |= 2
    return table


_DECORATION = _decoration_table()
# Compiled, the tables the loops read are typed views made once: a view
# made at each call (Cython checks the buffer's format and shape) took 380
# instructions, more than the stripping of a line.
_DECORATION_VIEW = cython.declare(cython.uchar[::1], _DECORATION)


@cython.locals(start=cython.Py_ssize_t, end=cython.Py_ssize_t, table=cython.uchar[::1], ch=cython.Py_UCS4)
def strip_decoration(norm: str) -> str:
    """Drop punctuation and bullets around a normalised marker line:
    `norm.rstrip(_TRAILING_DECORATION).lstrip(_LEADING_DECORATION)`,
    compiled as two loops in C over a table of the decoration."""
    if not cython.compiled:
        return norm.rstrip(_TRAILING_DECORATION).lstrip(_LEADING_DECORATION)
    table = _DECORATION_VIEW
    end = len(norm)
    while end > 0:
        ch = norm[end - 1]
        if ch > "\uffff" or not table[ch] & 1:
            break
        end -= 1
    start = 0
    while start < end:
        ch = norm[start]
        if ch > "\uffff" or not table[ch] & 2:
            break
        start += 1
    return norm if start == 0 and end == len(norm) else norm[start:end]


def ascii_twin(pattern: re.Pattern) -> re.Pattern:
    """`pattern` compiled with re.ASCII, to search ASCII text with: there it
    matches exactly what `pattern` matches (\\w, \\d and \\b differ only
    beyond ASCII), and tests each character against ASCII's tables, not
    Unicode's (measured: \\w+ 11% and \\d+ 9% fewer instructions a bench
    line). Not for \\s (Unicode's takes \\x1c-\\x1f too) nor IGNORECASE
    (which folds non-ASCII letters of a pattern to ASCII ones)."""
    if re.search(r"\\[sS]", pattern.pattern) or pattern.flags & re.IGNORECASE:
        raise ValueError(f"no ASCII twin for {pattern.pattern!r}")
    return re.compile(pattern.pattern, pattern.flags & ~re.UNICODE | re.ASCII)


_WORD = re.compile(run_pattern(r"\w"))
_WORD_ASCII = ascii_twin(_WORD)


def words_of(text: str) -> list[str]:
    """The runs of word characters (\\w+) in `text`."""
    return (_WORD_ASCII if text.isascii() else _WORD).findall(text)


# A bulleted item, as dumps flatten <li>: menus, share bars, teaser and
# headline lists. (Numbered items are mostly an article's own steps.)
LIST_ITEM = re.compile(r"^\s*[*+•·▪►»\-–]\s")


def word_count(text: str) -> int:
    """The runs of word characters (\\w+) in `text` (`words_and_stopwords`)."""
    return words_and_stopwords(text, _NO_STOPWORDS)[0]


_NO_STOPWORDS: frozenset[str] = frozenset()


@cython.ccall  # (declared in normalize.pxd: the C compiler inlines it in this module's loops)
@cython.exceptval(check=False)  # (it raises nothing)
@cython.locals(ch=cython.Py_UCS4)
@cython.returns(cython.bint)
def is_word_char(ch) -> cython.bint:
    """Whether `ch` is a word character (\\w, one side of \\b):
    alphanumeric (str.isalnum, the test Python's regex engine makes) or
    "_"; ASCII's and the Arabic letters told by their ranges. The compiled
    word loops here and the date finder of the line features read it."""
    if ch < "\x80":
        return "a" <= ch <= "z" or "A" <= ch <= "Z" or "0" <= ch <= "9" or ch == "_"
    return "\u0621" <= ch <= "\u064a" or ch.isalnum()


@cython.locals(
    sample=str,
    counts=dict,
    ch=cython.Py_UCS4,
    i=cython.Py_ssize_t,
    start=cython.Py_ssize_t,
    in_run=cython.bint,
)
def word_counts(sample) -> dict[str, int]:
    """`Counter(words_of(sample))` as a dict: each run of word characters
    (\\w+) and how many times it occurs, in the order of their first
    occurrences. Compiled, one loop over the characters (the regex and the
    Counter took over twice the instructions)."""
    if not cython.compiled:
        return dict(Counter(words_of(sample)))
    counts = {}
    start = 0
    in_run = False
    i = 0
    for ch in sample:
        if is_word_char(ch):
            if not in_run:
                in_run = True
                start = i
        elif in_run:
            in_run = False
            word = sample[start:i]
            counts[word] = counts.get(word, 0) + 1
        i += 1
    if in_run:
        word = sample[start:i]
        counts[word] = counts.get(word, 0) + 1
    return counts


@cython.ccall
@cython.locals(text=str, most=cython.Py_ssize_t, words=cython.Py_ssize_t, ch=cython.Py_UCS4, in_run=cython.bint)
@cython.returns(cython.Py_ssize_t)
def word_count_upto(text, most) -> int:
    """`min(word_count(text), most + 1)`: compiled, the loop of
    `_runs_and_stopwords` that stops at the run past `most`."""
    if not cython.compiled:
        return min(word_count(text), most + 1)
    words = 0
    in_run = False
    for ch in text:
        if is_word_char(ch):
            if not in_run:
                in_run = True
                words += 1
                if words > most:
                    return words
        else:
            in_run = False
    return words


# (cpdef in normalize.pxd: called in C here, by the line features and by the rules)
@cython.locals(token=str, words=cython.Py_ssize_t, stops=cython.Py_ssize_t)
def words_and_stopwords(text, stopwords, lower=False):
    """How many runs of word characters (\\w+) `text` holds, and how many of
    them are in `stopwords`; with `lower`, those of `text.lower()`. No list
    of the words is made. Compiled, one loop over the characters
    (`_runs_and_stopwords`), which lowers them as it reads; as Python, a
    white-space token made only of word characters is one run, found
    without the regex (the regex alone took 18 us on a 300-character Arabic
    line), and the others (punctuation attached, a diacritic inside) are
    searched together."""
    if cython.compiled:
        return _runs_and_stopwords(text, stopwords, lower)
    if lower:
        text = text.lower()
    words = stops = 0
    odd = []
    for token in text.split():
        if token.isalnum():
            words += 1
            if stopwords and token in stopwords:
                stops += 1
        else:
            odd.append(token)
    if odd:
        for token in words_of(" ".join(odd)):
            words += 1
            if stopwords and token in stopwords:
                stops += 1
    return words, stops


@cython.cfunc
@cython.boundscheck(False)  # the table's offsets are in range by construction (_stop_table)
@cython.wraparound(False)
@cython.nonecheck(False)  # and the table is set before it is read
@cython.locals(
    text=str,
    stopwords=frozenset,
    table=cython.int[::1],
    ch=cython.Py_UCS4,
    i=cython.Py_ssize_t,
    start=cython.Py_ssize_t,
    words=cython.Py_ssize_t,
    stops=cython.Py_ssize_t,
    longest=cython.Py_ssize_t,
    multiplier=cython.Py_ssize_t,
    hash_bits=cython.Py_ssize_t,
    h=cython.Py_ssize_t,
    code=cython.Py_ssize_t,
    in_run=cython.bint,
    lower=cython.bint,
)
def _runs_and_stopwords(text, stopwords, lower=False):
    """`words_and_stopwords` as one loop over the characters, each told a
    word character (\\w) or not by `is_word_char`. A run is looked up in
    the stoplist's table (`_stop_table`) by a hash of its code points made
    as the run is read: no string is made. A run longer than the longest
    stopword is not looked up. With `lower`, the code points hashed and
    compared are those that str.lower() gives: each character's own
    (lowering turns no word character into another kind), but for İ, which
    it makes two characters, and Σ, σ or ς by the characters around it: a
    text that holds one is lowered first."""
    longest = multiplier = 0
    hash_bits = _HASH_BITS  # (a C number here, where a literal over 2**31 is a Python int)
    if stopwords:
        table = _stop_table_of(stopwords)
        longest, multiplier = table[0], table[2]
    words = stops = start = h = 0
    in_run = False
    i = 0
    if lower and ("\u0130" in text or "\u03a3" in text):  # (no search in a text of narrower characters)
        text, lower = text.lower(), False
    for ch in text:
        if is_word_char(ch):
            if not in_run:
                in_run = True
                start = i
                words += 1
                h = 0
            if i - start < longest:
                code = ord(ch)
                if lower and ch >= "A" and not "a" <= ch <= "z":  # (a cased character, maybe)
                    code = _lowered_code(ch)
                h = (h * multiplier + code) & hash_bits
        elif in_run:
            in_run = False
            if i - start <= longest and _table_holds(table, h, text, start, i, lower):
                stops += 1
        i += 1
    if in_run and i - start <= longest and _table_holds(table, h, text, start, i, lower):
        stops += 1
    return words, stops


# A stoplist's table, an array of C ints: a header of 3 (the longest
# word's length, the slot mask, the hash's multiplier), then the slots, 3
# ints each (a word's hash, where its code points start in the table, its
# length; 0: a free slot), then the words' code points. A word's slot is
# the first free one from its hash's low bits on; at most half are taken.
# (The compiled loops read these offsets as numbers: a module's names are
# Python objects there.)
_HEADER = 3
_SLOT = 3
# The hash of code points c1..cn: h = h * multiplier + c, kept to 40 bits
# (h * multiplier + c stays under 2**61: no C integer overflows); the
# table holds its low 31 bits.
_HASH_BITS = (1 << 40) - 1
_STORED_HASH_BITS = (1 << 31) - 1
_MULTIPLIER = 1_000_003  # (under 2**20)


@cython.locals(
    words=list,
    word=str,
    ch=cython.Py_UCS4,
    view=cython.int[::1],
    h=cython.Py_ssize_t,
    times=cython.Py_ssize_t,
    hash_bits=cython.Py_ssize_t,
    header=cython.Py_ssize_t,
    width=cython.Py_ssize_t,
    slots=cython.Py_ssize_t,
    mask=cython.Py_ssize_t,
    slot=cython.Py_ssize_t,
    at=cython.Py_ssize_t,
    code_at=cython.Py_ssize_t,
)
def _stop_table(stopwords: frozenset[str], multiplier: int = _MULTIPLIER) -> array:
    """The table of `stopwords` (see above). Another `multiplier` (under
    2**20) makes another hash: 1 sums the code points, for tests that want
    many words of one hash. (Made at its full size and filled through a
    typed view: a process makes the table of its first document's
    stoplist, and that took 7.6 million instructions as Python numbers.)"""
    if not 0 <= multiplier < 1 << 20:
        raise ValueError(f"hash multiplier out of range: {multiplier}")
    words = sorted([w for w in stopwords if w])
    header, width, times, hash_bits = _HEADER, _SLOT, multiplier, _HASH_BITS
    slots = 1
    while slots < 2 * len(words):
        slots *= 2
    mask = slots - 1
    code_at = header + width * slots
    table = array("i", [0]) * (code_at + sum([len(w) for w in words]))
    view = table
    view[0], view[1], view[2] = max([len(w) for w in words], default=0), mask, multiplier
    for word in words:
        h = 0
        for ch in word:
            h = (h * times + ord(ch)) & hash_bits
        slot = h & mask
        while view[header + width * slot + 2]:
            slot = (slot + 1) & mask
        at = header + width * slot
        view[at] = h & _STORED_HASH_BITS
        view[at + 1] = code_at
        view[at + 2] = len(word)
        for ch in word:
            view[code_at] = ord(ch)
            code_at += 1
    return table


_STOP_TABLES: dict[frozenset, array] = {}


@cython.cfunc
@cython.locals(tables=dict, view=cython.int[::1])
def _stop_table_of(stopwords):
    """The table of a stoplist, made once a list. Compiled, what is kept is
    a typed view of it (`view`): a call takes its own view of that in about
    50 instructions, of the array in over 300."""
    tables = _STOP_TABLES
    table = tables.get(stopwords)
    if table is None:
        if len(tables) >= 64:  # stoplists made on the fly (tests): the cache stays small
            tables.clear()
        view = _stop_table(stopwords)
        table = tables[stopwords] = view
    return table


@cython.cfunc
@cython.boundscheck(False)
@cython.wraparound(False)
@cython.nonecheck(False)
@cython.locals(
    table=cython.int[::1],
    h=cython.Py_ssize_t,
    text=str,
    start=cython.Py_ssize_t,
    end=cython.Py_ssize_t,
    slot=cython.Py_ssize_t,
    mask=cython.Py_ssize_t,
    at=cython.Py_ssize_t,
    length=cython.Py_ssize_t,
    stored=cython.Py_ssize_t,
    word_at=cython.Py_ssize_t,
    k=cython.Py_ssize_t,
    lower=cython.bint,
    ch=cython.Py_UCS4,
    code=cython.Py_ssize_t,
)
@cython.returns(cython.bint)
def _table_holds(table, h, text, start, end, lower) -> cython.bint:
    """Whether the stoplist of `table` holds `text[start:end]` (lowered
    with `lower`), whose hash is `h`: its code points are compared with
    those of each word of that hash and length."""
    mask, length, stored = table[1], end - start, h & 0x7FFFFFFF  # (_STORED_HASH_BITS)
    slot = h & mask
    while True:
        at = 3 + 3 * slot  # (_HEADER + _SLOT * slot)
        if table[at + 2] == 0:
            return False
        if table[at] == stored and table[at + 2] == length:
            word_at = table[at + 1]
            for k in range(length):
                ch = text[start + k]
                code = ord(ch)
                if lower and ch >= "A" and not "a" <= ch <= "z":  # (as the loop lowers)
                    code = _lowered_code(ch)
                if table[word_at + k] != code:
                    break
            else:
                return True
        slot = (slot + 1) & mask


@cython.cfunc
@cython.inline  # in the loops' C, as if written there
@cython.exceptval(check=False)  # (it raises nothing)
@cython.locals(ch=cython.Py_UCS4)
@cython.returns(cython.Py_ssize_t)
def _lowered_code(ch) -> cython.Py_ssize_t:
    """The code point str.lower() gives the word character `ch`, from "A"
    up but not in a-z (nor İ, which it makes two): str.lower() in C
    changes only the cased characters."""
    if ch <= "Z":
        return ord(ch) + 32
    if ch.isupper() or ch.istitle():
        return ord(ch.lower())
    return ord(ch)


def has_words(text: str) -> bool:
    """`word_count(text) > 0`, found at the first word."""
    return _WORD.search(text) is not None


def count_chars(runs: re.Pattern, text: str) -> int:
    """The characters of `text` in the runs that `runs` (a class and "+")
    finds: a list of runs is several times quicker to make than one of
    characters."""
    return sum(map(len, runs.findall(text)))


# The Arabic script's blocks: Arabic, its supplement, extended-A, and the
# presentation forms A and B; and the regex of a run of their characters.
ARABIC_BLOCKS = (
    ("\u0600", "\u06ff"),
    ("\u0750", "\u077f"),
    ("\u08a0", "\u08ff"),
    ("\ufb50", "\ufdff"),
    ("\ufe70", "\ufeff"),
)
ARABIC_SCRIPT = re.compile(run_pattern("[" + "".join(f"{first}-{last}" for first, last in ARABIC_BLOCKS) + "]"))


@cython.locals(
    text=str,
    most=cython.Py_ssize_t,
    ch=cython.Py_UCS4,
    count=cython.Py_ssize_t,
    first0=cython.Py_UCS4,
    last0=cython.Py_UCS4,
    first1=cython.Py_UCS4,
    last1=cython.Py_UCS4,
    first2=cython.Py_UCS4,
    last2=cython.Py_UCS4,
    first3=cython.Py_UCS4,
    last3=cython.Py_UCS4,
    first4=cython.Py_UCS4,
    last4=cython.Py_UCS4,
)
def arabic_chars(text, most: int = -1) -> int:
    """The characters of `text` in the Arabic script's blocks, counted no
    further than `most` + 1 if `most` is set (all that a bound asks: a
    sample's share of Arabic is told before its end). Compiled, one loop
    over the characters; as Python, the script's runs found by the regex (a
    list of runs is quicker to make there than a loop)."""
    if not cython.compiled:
        count = count_chars(ARABIC_SCRIPT, text)
        return count if most < 0 else min(count, most + 1)
    (first0, last0), (first1, last1), (first2, last2), (first3, last3), (first4, last4) = ARABIC_BLOCKS
    count = 0
    for ch in text:
        if ch >= first0 and (
            ch <= last0
            or first1 <= ch <= last1
            or first2 <= ch <= last2
            or first3 <= ch <= last3
            or first4 <= ch <= last4
        ):
            count += 1
            if count == most + 1:
                break
    return count


LETTERS = re.compile(run_pattern(r"[^\W\d_]"))  # runs of letters (of any script)


def arabic_share(text: str) -> float:
    """Share of letters that are Arabic script."""
    letters = count_chars(LETTERS, text)
    if not letters:
        return 0.0
    return arabic_chars(text) / letters


# The characters of the Basic Multilingual Plane met so far, by code: 0 not
# met yet, 1 left as it is by lower-casing (or case-folding), 2 changed.
_LOWER_MET = bytearray(0x10000)
_FOLD_MET = bytearray(0x10000)
_LOWER_MET_VIEW = cython.declare(cython.uchar[::1], _LOWER_MET)  # (as _DECORATION_VIEW)
_FOLD_MET_VIEW = cython.declare(cython.uchar[::1], _FOLD_MET)


# The Arabic block, which lower-casing and case-folding leave as it is
# (`_met_left_as_is`; tests/test_issue53_caseless_block.py reads each code point).
_ARABIC_BLOCK_FIRST = cython.declare(cython.Py_UCS4, "\u0600")
_ARABIC_BLOCK_LAST = cython.declare(cython.Py_UCS4, "\u06ff")

# What lower-casing (or case-folding) changes in a text (`_case_change`).
_UNCHANGED = cython.declare(cython.int, 0)  # (C numbers, compiled)
_ASCII_CAPITALS = cython.declare(cython.int, 1)  # its ASCII capitals alone
_OTHERS = cython.declare(cython.int, 2)  # a character beyond ASCII


@cython.ccall  # called here in C, and by the other modules
@cython.locals(text=str)
def lowered(text: str) -> str:
    """`text.lower()`. A text with a character beyond ASCII goes through
    the full case mapping character by character (over 40 instructions
    each); compiled, a text that lower-casing leaves as it is (Arabic, a
    line already lower-cased) is told so by a table of the characters met,
    and returned as it is, and one where it changes only ASCII capitals (a
    line with a curly quote or a dash) is lowered as its UTF-8 bytes, where
    every other character's bytes lie beyond ASCII (a third of the work)."""
    if cython.compiled and not text.isascii():
        return _case_mapped(text, _LOWER_MET_VIEW, False)
    return text.lower()


@cython.ccall
@cython.locals(text=str)
def casefolded(text: str) -> str:
    """`text.casefold()`, as `lowered` is `text.lower()`."""
    if cython.compiled and not text.isascii():
        return _case_mapped(text, _FOLD_MET_VIEW, True)
    return text.casefold()


@cython.cfunc
@cython.locals(text=str, met=cython.uchar[::1], fold=cython.bint, changed=cython.int)
def _case_mapped(text, met, fold) -> str:
    """`text.casefold()` if `fold`, else `text.lower()`, for a text beyond
    ASCII: itself where the mapping changes nothing, its UTF-8 bytes
    lowered where it changes only ASCII capitals (ASCII's case-folding is
    its lower-casing), else the full mapping."""
    changed = _case_change(text, met, fold)
    if changed == _UNCHANGED:
        return text
    if changed == _ASCII_CAPITALS:
        return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    return text.casefold() if fold else text.lower()


@cython.cfunc
@cython.boundscheck(False)  # a character read from the table is under U+10000, its length
@cython.wraparound(False)
@cython.nonecheck(False)  # and the table is set
@cython.locals(text=str, met=cython.uchar[::1], fold=cython.bint, ch=cython.Py_UCS4, capitals=cython.bint)
@cython.returns(cython.int)
def _case_change(text, met, fold) -> cython.int:
    """What lower-casing (`fold`: case-folding) changes in `text`: nothing,
    its ASCII capitals alone, or a character beyond ASCII (the first such
    ends the reading). Both map character by character, but for the
    capital sigma, which they change either way."""
    capitals = False
    for ch in text:
        if ch < "\x80":
            if "A" <= ch <= "Z":
                capitals = True
        elif not _met_left_as_is(ch, met, fold):
            return _OTHERS
    return _ASCII_CAPITALS if capitals else _UNCHANGED


@cython.cfunc
@cython.inline
@cython.boundscheck(False)  # a code is read only up to U+FFFF, the table's length
@cython.wraparound(False)
@cython.nonecheck(False)  # and the table is set
@cython.locals(ch=cython.Py_UCS4, met=cython.uchar[::1], fold=cython.bint, state=cython.uchar)
@cython.returns(cython.bint)
def _met_left_as_is(ch, met, fold) -> cython.bint:
    """Whether lower-casing (`fold`: case-folding) leaves `ch` as it is,
    kept in `met` by code once asked, up to U+FFFF (1 as it is, 2 changed).
    The Arabic block has no case: its characters, most of those met beyond
    ASCII, are told without the table read."""
    if _ARABIC_BLOCK_FIRST <= ch <= _ARABIC_BLOCK_LAST:
        return True
    if ch > "\uffff":
        return _char_left_as_is(ch, fold)
    state = met[ord(ch)]
    if state == 0:
        state = 1 if _char_left_as_is(ch, fold) else 2
        met[ord(ch)] = state
    return state == 1


@cython.cfunc
@cython.locals(ch=cython.Py_UCS4, fold=cython.bint)
@cython.returns(cython.bint)
def _char_left_as_is(ch, fold) -> cython.bint:
    single = str(ch)
    return (single.casefold() if fold else single.lower()) == single
