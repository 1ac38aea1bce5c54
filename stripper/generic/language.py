"""Offline language detection and stopword lists.

The script decides first: Arabic, Chinese, Japanese, Korean, Greek, Hebrew,
Thai and others are told apart by their letters alone. Latin and Cyrillic
text is matched against jusText's stoplists (about 100 languages): the
language whose stopwords cover most of the text's words wins. The stoplists
are read from justext's package folder without importing justext (which
would pull in lxml): cleaning text stays light.
"""

from __future__ import annotations

import importlib.util
import re
from array import array
from functools import cache
from pathlib import Path

try:  # Cython compiles this module (stripper/_native.py) and reads these names as C types
    import cython
except ImportError:  # run as plain Python, Cython absent: the names mean nothing
    from .. import _cython_shim as cython  # type: ignore[no-redef]

from ..lazyre import compile_later
from ..normalize import (
    ARABIC_BLOCKS,
    ARABIC_SCRIPT,
    LETTERS,
    arabic_chars,
    count_chars,
    holds_arabic_letter,
    normalize_words,
    run_pattern,
    word_counts,
    words_and_stopwords,
)

# Stoplist file name (justext) -> the code stripper uses for the language.
_CODES = {
    "Arabic": "ar",
    "English": "en",
    "French": "fr",
    "German": "de",
    "Spanish": "es",
    "Portuguese": "pt",
    "Italian": "it",
    "Dutch": "nl",
    "Russian": "ru",
    "Ukrainian": "uk",
    "Polish": "pl",
    "Czech": "cs",
    "Slovak": "sk",
    "Greek": "el",
    "Turkish": "tr",
    "Persian": "fa",
    "Urdu": "ur",
    "Hebrew": "he",
    "Swedish": "sv",
    "Danish": "da",
    "Norwegian_Bokmal": "no",
    "Finnish": "fi",
    "Hungarian": "hu",
    "Romanian": "ro",
    "Bulgarian": "bg",
    "Serbian": "sr",
    "Croatian": "hr",
    "Indonesian": "id",
    "Malay": "ms",
    "Vietnamese": "vi",
    "Catalan": "ca",
    "Slovenian": "sl",
    "Lithuanian": "lt",
    "Latvian": "lv",
    "Estonian": "et",
}
_NAMES = {code: name for name, code in _CODES.items()}

# Scripts that name their language (or its family) outright, by their
# blocks (first and last character), looked for in this order.
SCRIPT_BLOCKS = (
    ("ar", ARABIC_BLOCKS),
    ("ja", (("\u3040", "\u30ff"),)),  # kana: Japanese even among kanji
    ("ko", (("\uac00", "\ud7af"), ("\u1100", "\u11ff"))),
    ("zh", (("\u4e00", "\u9fff"), ("\u3400", "\u4dbf"))),
    ("el", (("\u0370", "\u03ff"),)),
    ("he", (("\u0590", "\u05ff"),)),
    ("th", (("\u0e00", "\u0e7f"),)),
    ("hi", (("\u0900", "\u097f"),)),
    ("cyrillic", (("\u0400", "\u04ff"),)),
)


@cache
def _script_runs() -> list:
    """Each script's regex of a run of its characters (what is counted), in
    the order of SCRIPT_BLOCKS: for the uncompiled count only, so made at
    its first use (the kana, hangul and CJK classes cost `re` 6 ms to
    compile, at each start of the command)."""
    return [
        ARABIC_SCRIPT if code == "ar" else re.compile(run_pattern("[" + "".join(f"{a}-{b}" for a, b in blocks) + "]"))
        for code, blocks in SCRIPT_BLOCKS
    ]


def _script_table() -> bytearray:
    """Code point of the Basic Multilingual Plane (where every block lies)
    -> 1 + the index in SCRIPT_BLOCKS of its script, 0 for none."""
    table = bytearray(0x10000)
    for index, (_, blocks) in enumerate(SCRIPT_BLOCKS):
        for first, last in blocks:
            table[ord(first) : ord(last) + 1] = bytes([index + 1]) * (ord(last) - ord(first) + 1)
    return table


_SCRIPT_OF = _script_table()
_INT_MAX = 2**31 - 1  # what a C int (a script's count, compiled) holds
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
_ARABIC_BLOCK = ARABIC_BLOCKS[0]  # U+0600-U+06FF: the Arabic block itself
SAMPLE_CHARS = 6000


def _stoplist_dir() -> Path | None:
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    return folder if folder.is_dir() else None


@cache
def _stoplist_by_name(name: str) -> frozenset[str]:
    folder = _stoplist_dir()
    path = folder / f"{name}.txt" if folder else None
    if path is None or not path.is_file():
        return frozenset()
    # in one pass (4x quicker): the first page in a language that no
    # stoplist fits well reads all hundred lists
    return frozenset(normalize_words(path.read_text(encoding="utf-8").split()))


@cache
def _all_stoplist_names() -> tuple[str, ...]:
    folder = _stoplist_dir()
    return tuple(sorted(p.stem for p in folder.glob("*.txt"))) if folder else ()


@cache
def _all_stopwords() -> frozenset[str]:
    """Every word of every stoplist: a sample's other words are passed over."""
    return frozenset().union(*map(_stoplist_by_name, _all_stoplist_names()))


# stopword -> the indices in _all_stoplist_names() of the stoplists that hold it
_HOLDING: dict[str, tuple[int, ...]] = {}


def _stoplists_holding(word: str) -> tuple[int, ...]:
    """The stoplists that hold `word` (a stopword), by their index in
    `_all_stoplist_names()`, looked up when a sample first has it: a
    sample's words are looked up once, where matching it against a hundred
    lists took 3 ms, and the index of all 150,000 stopwords took 0.4 s to
    build, before the first document."""
    held = _HOLDING.get(word)
    if held is None:
        names = _all_stoplist_names()
        held = _HOLDING[word] = tuple(i for i in range(len(names)) if word in _stoplist_by_name(names[i]))
    return held


def stopwords(language: str) -> frozenset[str]:
    """The normalised stopwords of `language` (a code such as "ar", or a
    justext stoplist name); empty when there is no list."""
    return _stoplist_by_name(_NAMES.get(language, language))


def detect_language(text: str) -> str:
    """A language code for `text` ("ar", "en", "zh", ...), "und" if unknown.
    The longest prose lines speak for the document: menus and link lists are
    left out of the sample, and the lines sampled are the body's, which
    cleaning keeps, so that the cleaned text gets the language its dump got."""
    return language_of_sample(prose_sample(text))


def language_of_sample(sample: str) -> str:
    """The language of a sample made by `prose_sample`."""
    first = _first_letter(sample)
    if first < 0:
        return "und"
    if not sample.isascii():
        # `_language_by_script`'s first test without the Latin-1 copy: every
        # Arabic block lies beyond Latin-1 (tried first where the first
        # letter is Arabic, which costs a Latin text nothing)
        first_letter = sample[first]
        if _ARABIC_BLOCK[0] <= first_letter <= _ARABIC_BLOCK[1] and _mostly_arabic(sample):
            return "ar"
        latin1 = sample.encode("latin-1", "ignore")
        beyond_latin1 = len(sample) - len(latin1)
        by_script = _language_by_script(sample, latin1, beyond_latin1)
        if by_script is not None:
            return by_script
    return _language_by_stopwords(sample)


@cython.ccall  # called in C here, and by the tests
@cython.locals(sample=str, ch=cython.Py_UCS4, at=cython.Py_ssize_t)
@cython.returns(cython.Py_ssize_t)
def _first_letter(sample) -> int:
    """Where the first letter of `sample` stands (where `LETTERS` finds
    one first: a word character that is no digit nor "_"), or -1: a loop
    that stops there (the regex's search took 7k instructions a sample)."""
    at = 0
    for ch in sample:
        if ch.isalnum() and not ch.isdecimal():
            return at
        at += 1
    return -1


@cython.cfunc
@cython.locals(sample=str, bar=cython.double)
@cython.returns(cython.bint)
def _mostly_arabic(sample: str) -> bool:
    """Over SCRIPT_SHARE of the sample's characters are of the Arabic
    script (counted up to the first past the bar)."""
    bar = SCRIPT_SHARE * len(sample)
    return arabic_chars(sample, int(bar)) > bar


@cython.locals(sample=str, cut_out=list, shortened=list, text=str, line=str)
def stays_arabic(sample: str, cut_out: list[str], shortened: list[str]) -> bool:
    """Whether the sample of a text read as Arabic is read as Arabic still
    once `cut_out`, spans of some of its lines, are cut out of them, which
    leaves `shortened`: without reading the new sample. So where
    - the sample is all the text's prose lines (shorter than SAMPLE_CHARS:
      not cut short), and the lines cut were among them (the caller's
      part), and each still reads as prose: the new sample is made of the
      same lines, the cut ones shorter (in another order, maybe), no
      longer than the old;
    - the spans hold no character of the Arabic script: the new sample
      holds every Arabic character of the old, and no more characters;
    - the old holds an Arabic letter, and is mostly Arabic (`_mostly_arabic`):
      so is the new, whose first letter opens it as Arabic, or whose
      characters beyond Latin-1 (its Arabic ones at least) pass the bar:
      `language_of_sample` says "ar" either way."""
    if len(sample) >= SAMPLE_CHARS or not holds_arabic_letter(sample) or not _mostly_arabic(sample):
        return False
    for text in cut_out:
        if arabic_chars(text, 0):
            return False
    for line in shortened:
        if not reads_as_prose(line):
            return False
    return True


def _language_by_script(sample: str, latin1: bytes, beyond_latin1: int) -> str | None:
    """The language a script over SCRIPT_SHARE of the letters names, or None.
    Every script here lies above U+00FF, so the letters are counted only
    when the characters beyond Latin-1 can pass the bar."""
    if beyond_latin1 > SCRIPT_SHARE * len(sample) and _mostly_arabic(sample):
        # Arabic, the first script looked for, is over the bar of the letters
        # when it is over that of all characters: no letter count
        return "ar"
    if beyond_latin1 <= SCRIPT_SHARE * (len(latin1) - len(latin1.translate(None, _ASCII_LETTERS))):
        return None  # under the bar of the ASCII letters alone, so of all letters (Latin text)
    letters, counts = letters_and_scripts(sample)
    if not letters or beyond_latin1 <= SCRIPT_SHARE * letters:
        return None
    for (code, _), count in zip(SCRIPT_BLOCKS, counts):
        if count / letters > SCRIPT_SHARE:
            if code == "cyrillic":
                return (
                    _by_stopwords(sample, ("Russian", "Ukrainian", "Bulgarian", "Serbian", "Belarusian", "Macedonian"))
                    or "ru"
                )
            return code
    return None


@cython.locals(
    sample=str,
    ch=cython.Py_UCS4,
    code=cython.Py_ssize_t,
    letters=cython.Py_ssize_t,
    script_of=cython.uchar[::1],
    counted=cython.int[::1],
)
def letters_and_scripts(sample):
    """The letters of `sample` (what `LETTERS` finds), and the characters
    of each script of SCRIPT_BLOCKS (what its regex finds), in that order.
    Compiled, one loop over the characters counts them all (with a regex
    pass each, the script test took 3 times the instructions over the
    bench dumps); as Python, the regexes, each script's only when the
    caller reads it (the first over the bar ends the reading)."""
    if not cython.compiled or len(sample) > _INT_MAX:
        return count_chars(LETTERS, sample), _scripts_by_regex(sample)
    script_of = _SCRIPT_OF
    counted = array("i", bytes(4 * (len(SCRIPT_BLOCKS) + 1)))  # by script, as _SCRIPT_OF numbers them
    letters = 0
    for ch in sample:
        if ch < 0x80:
            if "a" <= ch <= "z" or "A" <= ch <= "Z":
                letters += 1
            continue
        # [^\W\d_]: a word character (alphanumeric, or "_") but no digit (decimal) nor "_"
        if ch.isalnum() and not ch.isdecimal():
            letters += 1
        code = ord(ch)
        if code < 0x10000:
            counted[script_of[code]] += 1
    return letters, [counted[code] for code in range(1, len(SCRIPT_BLOCKS) + 1)]


def _scripts_by_regex(sample: str):
    for script in _script_runs():
        yield count_chars(script, sample)


def _language_by_stopwords(sample: str) -> str:
    # English first: most Latin-script pages are, and it spares reading 100
    # lists; at a glance first, then the whole sample
    if (
        len(sample) > ENGLISH_GLANCE_CHARS
        and _stop_share(sample[:ENGLISH_GLANCE_CHARS], "English") >= ENGLISH_AT_A_GLANCE
    ):
        return "en"
    english = _stop_share(sample, "English")
    if english >= ENGLISH_SURE:
        return "en"
    best, share = _best_stoplist(sample, _all_stoplist_names())
    # Weak evidence (a sample of names and numbers) does not overturn English
    if best is None or share < ENGLISH_MARGIN * english:
        return "en"
    return best


SCRIPT_SHARE = 0.3  # a script this much of the letters names the language
ENGLISH_SURE = 0.2  # English prose runs at 0.4 to 0.5 of its words stopwords, others below 0.1
ENGLISH_MARGIN = 1.5  # another language must cover this many times English's share
# A sample whose first ENGLISH_GLANCE_CHARS characters are this much English
# stopwords is English, the rest unread: on the 3,763 dumps of bench-train,
# the seeds and every tenth of tunisia-news, 2,040 samples are told so, and
# none gets another language than from the whole sample.
ENGLISH_GLANCE_CHARS = 1500
ENGLISH_AT_A_GLANCE = 0.3


def _stop_share(sample: str, name: str) -> float:
    """The share of the words of `sample.lower()` that are stopwords of
    stoplist `name` (compiled, counted with no lowered copy made: it took
    as many instructions as the count)."""
    words, stops = words_and_stopwords(sample, _stoplist_by_name(name), lower=True)
    return stops / words if words else 0.0


PROSE_MIN_WORDS = 8
PROSE_MIN_CHARS = 2 * PROSE_MIN_WORDS - 1  # 8 words and the spaces between (60 unspaced characters are more)


# Markup and URLs left in a dump are long lines, but they speak no language.
_TAG_OPENING = compile_later(r"<[a-zA-Z/!?]")


@cython.ccall
@cython.returns(cython.bint)
def _holds_markup(line: str) -> bool:
    """`re.search(r"https?://|<[a-zA-Z/!?]", line)`: substring tests first
    (the alternation has the regex engine try both branches at every
    character, 7k instructions a line), "://" before the two schemes (one
    scan of a line that holds none)."""
    return ("://" in line and ("http://" in line or "https://" in line)) or (
        "<" in line and _TAG_OPENING.search(line) is not None
    )


@cython.ccall
@cython.returns(cython.bint)
def reads_as_prose(line: str) -> bool:
    """Whether `prose_sample` may take the line: 8+ words, or a long run
    without spaces (CJK), and no markup or URL."""
    if len(line) < PROSE_MIN_CHARS:
        return False
    return (_has_words(line, PROSE_MIN_WORDS) or len(line) >= 60 and " " not in line.strip()) and not _holds_markup(
        line
    )


@cython.cfunc
@cython.locals(line=str, least=cython.Py_ssize_t, ch=cython.Py_UCS4, words=cython.Py_ssize_t, spaced=cython.bint)
@cython.returns(cython.bint)
def _has_words(line, least) -> cython.bint:
    """`len(line.split(maxsplit=least)) >= least`: at least `least` runs of
    characters other than white space. Compiled, a loop over the characters
    up to the last run needed (the split made them all, over 1k
    instructions a line)."""
    if not cython.compiled:
        return len(line.split(maxsplit=least)) >= least  # (stops early)
    words, spaced = 0, True
    for ch in line:
        if not "\u0621" <= ch <= "\u064a" and ch.isspace():  # (no Arabic letter is: no table read)
            spaced = True
        elif spaced:
            words += 1
            if words >= least:
                return True
            spaced = False
    return False


def prose_sample(text: str) -> str:
    """The longest prose lines (the body's, most often: they survive
    cleaning), or, in a text without prose lines, its beginning. The
    language is a function of this sample alone."""
    return sample_of(text, sampled_lines(text))


def sample_of(text: str, prose: list[str]) -> str:
    """The sample made of `text`'s `sampled_lines`."""
    return "\n".join(prose)[:SAMPLE_CHARS] if prose else text[:SAMPLE_CHARS]


def sampled_lines(text: str) -> list[str]:
    """The prose lines `prose_sample` takes of `text` (`sampled_lines_of`)."""
    return sampled_lines_of((text,))


@cython.locals(
    ordered=list,
    prose=list,
    run=list,
    line=str,
    piece=str,
    least=cython.Py_ssize_t,
    size=cython.Py_ssize_t,
    start=cython.Py_ssize_t,
    end=cython.Py_ssize_t,
    count=cython.Py_ssize_t,
    length=cython.Py_ssize_t,
)
def sampled_lines_of(lines) -> list[str]:
    """The prose lines `prose_sample` takes of the text made of `lines`
    and their line breaks (a document's lines, or one text), longest
    first, lines of one length in the order of their text. A text whose
    cuts take none of them (and shorten none) has the same sample: its
    other prose lines are shorter, or come after them."""
    # the text's lines as str.splitlines() makes them (it also breaks at
    # \v, \f, \x1c-\x1e, \x85, \u2028, \u2029), the parts of each of
    # `lines`: a line too short to read as prose, so its parts, is passed
    # over before it is split (the split of a whole document made a string
    # a line); the others are sorted by their length alone, and only lines
    # of one length that are read by their text (sorting every line by its
    # text first took twice the sort by length)
    least = PROSE_MIN_CHARS
    ordered = [piece for line in lines if len(line) >= least for piece in line.splitlines() if len(piece) >= least]
    ordered.sort(key=len, reverse=True)  # longest first, equals in text order
    prose, size = [], 0
    start, count = 0, len(ordered)
    while start < count:  # only the longest lines need reading
        length, end = len(ordered[start]), start + 1
        while end < count and len(ordered[end]) == length:
            end += 1
        run = [ordered[start]] if end == start + 1 else sorted(ordered[start:end])
        for line in run:
            if not reads_as_prose(line):
                continue
            prose.append(line)
            size += len(line)
            if size >= SAMPLE_CHARS:
                return prose
        start = end
    return prose


# Stoplists so alike that the same text scores either way by a hair, so
# that a dump and its cleaned text could get different languages (and
# cleaning would not be idempotent): the first is read as the second.
_READ_AS = {"Malay": "Indonesian"}


def _by_stopwords(sample: str, names) -> str | None:
    return _best_stoplist(sample, names)[0]


@cython.locals(counts=dict, hits=list, holding=dict, held=tuple, index=dict, every=frozenset, i=cython.Py_ssize_t)
def _best_stoplist(sample: str, names) -> tuple[str | None, float]:
    """The stoplist of `names` (the first of the best, in the order given)
    that holds most of the words of `sample` once normalised, and that
    share. The words are counted by their text, each distinct one
    normalised once; a word's stoplists add its count to theirs, kept by
    the lists' index in a list (in a dict by their name, each addition
    hashed the name)."""
    counts = word_counts(sample)
    if not counts:
        return None, 0.0
    total = sum(counts.values())
    every, holding = _all_stopwords(), _HOLDING
    hits = [0] * len(_all_stoplist_names())  # stoplist -> how many of the sample's words it holds
    for word, count in zip(normalize_words(list(counts)), counts.values()):  # each distinct word once, in one pass
        if word in every:
            held = holding.get(word)
            for i in held if held is not None else _stoplists_holding(word):
                hits[i] += count
    index = _stoplist_index()
    best, best_share = None, 0.0
    for name in names:
        if name in _READ_AS:
            continue
        at = index.get(name)
        share = (0 if at is None else hits[at]) / total
        if share > best_share:
            best, best_share = name, share
    if best is None:
        return None, 0.0
    return _CODES.get(best, best.lower()), best_share


@cache
def _stoplist_index() -> dict[str, int]:
    return {name: i for i, name in enumerate(_all_stoplist_names())}
