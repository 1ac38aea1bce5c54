"""What the classifier knows about one line, from the line alone."""

from __future__ import annotations

import re
from functools import cache

try:  # Cython compiles this module (stripper/_native.py) and reads these names as C types
    import cython
except ImportError:  # run as plain Python, Cython absent: the names mean nothing
    from .. import _cython_shim as cython  # type: ignore[no-redef]

from ..lazyre import compile_later
from ..normalize import LIST_ITEM, is_word_char, normalize, word_count, words_and_stopwords, words_of
from ..sentence import ENDING_CHARS, ends_sentence
from .arabic import opens_with_connective
from .cues import NUMBERED

_LINK_TOKEN = compile_later(r"https?://|www\.|\.(?:com|net|org|html?|php)\b|@\w|#\w", re.I)
# Separators between the items of a flattened menu: "Politics | India | Movies",
# and of a breadcrumb or a category picker: "Home > News > Sport".
_SEPARATOR = compile_later(r"\s[|•·>]\s|\|")
# Counters in brackets, as archive and category lists show them: "July (4)".
_COUNTER = compile_later(r"[(\[]\d{1,6}[)\]]")
# A price: a number next to a currency sign ("$250", "250 €"); a year among
# prices is no date ("2025 rates: $250 to $350 per hour").
_PRICE = compile_later(r"[$€£¥]\s?\d|\d\s?[$€£¥]")
# (searched for only where _scan has seen a digit, one of "-/.:", a digit)
# a day, month and year written with one separator twice ("05.12.2024",
# "2024-12-05", "12/5/24"; a rating "4.8/5" is none; nor is a section's
# number, one digit first and last: "3.1.2 Influences"), or a clock time
_DATE = compile_later(
    r"\b(?:\d{2,4}([-/.])\d{1,2}\1\d{1,4}|\d([-/.])\d{1,2}\2\d{2,4})\b|\b\d{1,2}:\d{2}(?:[ap]m)?\b", re.IGNORECASE
)


@cache
def _unspaced_char() -> re.Pattern:
    """A character of a script written without spaces (CJK, kana, Thai):
    two count as a word. Made at the first line that holds one (`re` takes
    3 ms to compile the class, at each start of the command)."""
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f\uac00-\ud7af]")


class LineFeatures:
    """What the classifier knows about one line. Compiled, an extension
    type with C fields (features.pxd declares them): the steps that read
    them for every line, typed so, read a field as C reads a struct's."""

    __slots__ = FIELDS = (
        "chars",
        "words",  # word units: spaced words, or CJK characters / 2
        "stop_share",  # share of words in the language's stoplist
        "sentence_end",  # ends like a sentence
        "marks",  # sentence punctuation inside the line
        "link_tokens",  # URLs, e-mail/handles, hashtags
        "digit_share",  # digits among non-space characters
        "dates",  # dates and clock times
        "run_together",  # words glued together, as flattened menus are
        "position",  # 0 at the top of the document, 1 at the bottom
        "list_item",  # starts with a bullet ("* ", "+ ", "• ")
        "dated",  # carries a date, a clock time, or a year and another number
        "counters",  # bracketed counts: "September (1) July (4)"
        "separators",  # menu separators between items: "Politics | India | Movies"
        "connective",  # opens with an Arabic connective ("وقد", "كما"): prose going on, not a headline
        "goes_on",  # ends with a comma ("،", ","): a sentence that goes on below, not a headline
        "code_marks",  # holds a mark one of which every line of code holds (cues.CODE_LINE): "(", "=", "->"...
    )

    def __init__(
        self,
        chars,
        words,
        stop_share,
        sentence_end,
        marks,
        link_tokens,
        digit_share,
        dates,
        run_together,
        position,
        list_item=False,
        dated=False,
        counters=0,
        separators=0,
        connective=False,
        goes_on=False,
        code_marks=False,
    ):
        self.chars = chars
        self.words = words
        self.stop_share = stop_share
        self.sentence_end = sentence_end
        self.marks = marks
        self.link_tokens = link_tokens
        self.digit_share = digit_share
        self.dates = dates
        self.run_together = run_together
        self.position = position
        self.list_item = list_item
        self.dated = dated
        self.counters = counters
        self.separators = separators
        self.connective = connective
        self.goes_on = goes_on
        self.code_marks = code_marks

    def values(self) -> tuple:
        return tuple(getattr(self, name) for name in LineFeatures.FIELDS)

    def replaced(self, **changes) -> LineFeatures:
        """A copy with some fields changed."""
        values = dict(zip(LineFeatures.FIELDS, self.values()))
        values.update(changes)
        return LineFeatures(**values)

    def as_dict(self) -> dict:
        return {name: round(v, 2) if isinstance(v, float) else v for name, v in zip(LineFeatures.FIELDS, self.values())}

    def __eq__(self, other) -> bool:
        """Field by field (the same class compiled or not: the tests hold one
        to the other)."""
        return getattr(other, "FIELDS", None) == LineFeatures.FIELDS and self.values() == other.values()

    def __repr__(self) -> str:
        return "LineFeatures(" + ", ".join(f"{k}={v!r}" for k, v in zip(LineFeatures.FIELDS, self.values())) + ")"


# A line longer than this is judged by its beginning (a 50 MB line costs no
# more than a paragraph); its word count is scaled up from there.
SAMPLE_CHARS = 20_000


@cython.cfunc
@cython.locals(run=cython.Py_ssize_t, first=cython.Py_UCS4, second=cython.Py_UCS4, third=cython.Py_UCS4)
@cython.returns(cython.bint)
def _reads_as_year(run, first, second, third) -> bool:
    """Whether a run of `run` digits opening with `first`, `second`, `third`
    is a year from 1980 to 2049: (?<!\\d)(?:19[89]\\d|20[0-4]\\d)(?!\\d)."""
    return run == 4 and (
        (first == "1" and second == "9" and third in "89") or (first == "2" and second == "0" and "0" <= third <= "4")
    )


@cython.cfunc
@cython.locals(
    text=str,
    token=str,
    ch=cython.Py_UCS4,
    after_run=cython.Py_UCS4,
    first=cython.Py_UCS4,
    second=cython.Py_UCS4,
    third=cython.Py_UCS4,
    back1=cython.Py_UCS4,
    back2=cython.Py_UCS4,
    back3=cython.Py_UCS4,
    numbers=cython.Py_ssize_t,
    digits=cython.Py_ssize_t,
    run=cython.Py_ssize_t,
    marks=cython.Py_ssize_t,
    unspaced=cython.Py_ssize_t,
    arabic=cython.Py_ssize_t,
    lowers=cython.Py_ssize_t,
    capitalised=cython.Py_ssize_t,
    year=cython.bint,
    between=cython.bint,
    glued=cython.bint,
    linkish=cython.bint,
    code=cython.bint,
    before=cython.Py_UCS4,
    last=cython.Py_UCS4,
)
def _scan(text):
    """One pass over the characters of `text` for what several searches
    found (compiled, a loop in C, several times quicker than they were):
    - the runs of digits (\\d+) and their digits;
    - whether one of the runs reads as a year (_reads_as_year);
    - whether a date or a clock time may be there: a digit, one of "-/.:", a digit;
    - the sentence marks, less the ".,:" between two digits (inside
      numbers, dates and clock times: not prose);
    - the characters of scripts written without spaces (CJK, kana, Thai, Hangul);
    - words run together, as menus and share bars flatten them: three
      capitalised words ("FacebookTwitterLinkedIn"), or 16 Arabic letters
      in a row ("الرئيسيةأخبارسياسة": Arabic words rarely pass 12);
    - whether a link token may be there: "@", "#", "://", "www." or a "."
      before "com", "net", "org", "htm" or "php", in any case (one is in
      every match of _LINK_TOKEN: no character but the capital folds to
      one of these letters);
    - whether a mark of code is there: one of "(;{}[])=_", a box-drawing
      rule, or "<-", "->", "--", "/*" (every match of cues.CODE_LINE
      holds one: a line without one is no code).
    """
    numbers = digits = marks = unspaced = capitalised = 0
    year = between = glued = linkish = code = False
    first = second = third = "0"
    back1 = back2 = back3 = " "  # the last three characters
    # All of these lie inside a white-space token. A word of letters alone
    # holds no digit, mark, "@" nor "#"; short, or ASCII in lower or title
    # case, it holds no glued words either, nor (ASCII or below U+0E00) an
    # unspaced script. Uncompiled, where the loop costs a Python step a
    # character, such words are passed over (two thirds of a line's words);
    # compiled, the loop is quicker than the test.
    for token in (text,) if cython.compiled else text.split():
        if not cython.compiled and (
            token.isalpha()
            and (
                (token.isascii() and (len(token) < 9 or token.islower() or token.istitle()))
                or (len(token) < 9 and max(token) < "\u0e00")
            )
        ):
            continue
        run = arabic = 0
        lowers = -1  # [a-z] since the last [A-Z]; -1: not in a capitalised word
        after_run = "0"  # the character right after the last run of digits
        back1 = back2 = back3 = last = " "
        for ch in token:
            # Most characters are a small ASCII letter or an Arabic one after
            # no digit: the steps below for them, without the tests that
            # cannot pass (a fifth of the scan's work on the bench dumps)
            if run == 0:
                if "a" <= ch <= "z":
                    if back3 != ".":  # (else it may end ".com", ".net"...)
                        before, last = last, ch
                        if not linkish:
                            back3, back2, back1 = back2, back1, ch
                        after_run = "0"
                        if lowers >= 0:
                            lowers += 1
                            if lowers == 2 and capitalised >= 2:
                                glued = True
                        arabic = 0
                        continue
                elif "\u0621" <= ch <= "\u064a":
                    before, last = last, ch
                    if not linkish:
                        back3, back2, back1 = back2, back1, ch
                    after_run = "0"
                    lowers = -1
                    arabic += 1
                    if arabic == 16:
                        glued = True
                    continue
            before, last = last, ch  # (the character before this one, for code's pairs)
            if not linkish:  # (letters in either case: "x in 'cC'" is two comparisons in C)
                if ch == "@" or ch == "#":
                    linkish = True
                elif ch == "/":
                    linkish = back1 == "/" and back2 == ":"
                elif ch == ".":
                    linkish = back1 in "wW" and back2 in "wW" and back3 in "wW"
                elif back3 == "." and ch in "mMtTgGpP":
                    linkish = (
                        (back2 in "cC" and back1 in "oO" and ch in "mM")
                        or (back2 in "nN" and back1 in "eE" and ch in "tT")
                        or (back2 in "oO" and back1 in "rR" and ch in "gG")
                        or (back2 in "hH" and back1 in "tT" and ch in "mM")
                        or (back2 in "pP" and back1 in "hH" and ch in "pP")
                    )
                back3, back2, back1 = back2, back1, ch
            if "0" <= ch <= "9" or (ch > "\x7f" and not "\u0621" <= ch <= "\u064a" and ch.isdecimal()):  # \d
                if run == 0:
                    numbers += 1
                    if after_run in ".,:":  # between two digits: a number's, a date's, a clock time's
                        marks -= 1
                    if after_run in "-/.:":
                        between = True
                    first = ch
                elif run == 1:
                    second = ch
                elif run == 2:
                    third = ch
                run += 1
                digits += 1
                if "\u0e50" <= ch <= "\u0e59":  # Thai digits: of an unspaced script too
                    unspaced += 1
                lowers = -1
                arabic = 0
                continue
            if run:
                year = year or _reads_as_year(run, first, second, third)
                run = 0
                after_run = ch
            else:
                after_run = "0"
            if "a" <= ch <= "z":
                if lowers >= 0:
                    lowers += 1
                    if lowers == 2 and capitalised >= 2:
                        glued = True
                arabic = 0
            elif "A" <= ch <= "Z":
                capitalised = capitalised + 1 if lowers >= 2 else 0
                lowers = 0
                arabic = 0
            else:
                lowers = -1
                if "\u0621" <= ch <= "\u064a":
                    arabic += 1
                    if arabic == 16:
                        glued = True
                    continue
                arabic = 0
                if not code:
                    code = ch in "(;{}[])=_─│┼┌┐└┘├┤┬┴═║" or (
                        (ch == "-" and before in "<-") or (ch == ">" and before == "-") or (ch == "*" and before == "/")
                    )
                if ch in "!?؟。！？،;؛、，.,:":
                    marks += 1
                elif (
                    "\u3040" <= ch <= "\u30ff"
                    or "\u3400" <= ch <= "\u4dbf"
                    or "\u4e00" <= ch <= "\u9fff"
                    or "\u0e00" <= ch <= "\u0e7f"
                    or "\uac00" <= ch <= "\ud7af"
                ):
                    unspaced += 1
        if run:
            year = year or _reads_as_year(run, first, second, third)
    return numbers, digits, year, between, marks, unspaced, glued, linkish, code


@cython.ccall
@cython.locals(
    text=str,
    n=cython.Py_ssize_t,
    at=cython.Py_ssize_t,
    end=cython.Py_ssize_t,
    run=cython.Py_ssize_t,
    count=cython.Py_ssize_t,
)
@cython.returns(cython.Py_ssize_t)
def count_dates(text) -> cython.Py_ssize_t:
    """`len(_DATE.findall(text))`, compiled: a loop in C, where the regex
    tries both its forms at every character. Each form starts a run of
    digits after a non-word character (\\b); its greedy counts can only
    take whole runs (a separator, ":" or a boundary must follow), so a
    match is read off the lengths of the runs. Scanned as findall scans:
    the next match from the end of the last."""
    if not cython.compiled:
        return len(_DATE.findall(text))
    n = len(text)
    count = at = 0
    while at < n:
        if not text[at].isdecimal() or (at > 0 and is_word_char(text[at - 1])):
            at += 1
            continue
        run = _digits_from(text, at, n)
        end = _dotted_date_end(text, at, run, n)
        if end < 0:
            end = _clock_time_end(text, at, run, n)
        if end < 0:
            at += 1
            continue
        count += 1
        at = end
    return count


@cython.cfunc
@cython.locals(text=str, at=cython.Py_ssize_t, n=cython.Py_ssize_t, end=cython.Py_ssize_t)
@cython.returns(cython.Py_ssize_t)
def _digits_from(text, at, n) -> cython.Py_ssize_t:
    """The length of the run of \\d (Unicode decimal digits) at `at`."""
    end = at
    while end < n and text[end].isdecimal():
        end += 1
    return end - at


@cython.cfunc
@cython.locals(
    text=str,
    at=cython.Py_ssize_t,
    run=cython.Py_ssize_t,
    n=cython.Py_ssize_t,
    day=cython.Py_ssize_t,
    year=cython.Py_ssize_t,
    separator=cython.Py_UCS4,
)
@cython.returns(cython.Py_ssize_t)
def _dotted_date_end(text, at, run, n) -> cython.Py_ssize_t:
    """Where `_DATE`'s date (\\d{1,4}([-/.])\\d{1,2}\\1\\d{1,4}\\b, one digit
    first and last refused: "3.1.2") matching a run of `run` digits at
    `at` ends; -1 where it does not match."""
    if run > 4 or at + run >= n or text[at + run] not in "-/.":
        return -1
    separator = text[at + run]
    at += run + 1
    day = _digits_from(text, at, n)
    if not 1 <= day <= 2 or at + day >= n or text[at + day] != separator:
        return -1
    at += day + 1
    year = _digits_from(text, at, n)
    if not 1 <= year <= 4 or (at + year < n and is_word_char(text[at + year])) or run == 1 and year == 1:
        return -1
    return at + year


@cython.cfunc
@cython.locals(text=str, at=cython.Py_ssize_t, run=cython.Py_ssize_t, n=cython.Py_ssize_t, minutes=cython.Py_ssize_t)
@cython.returns(cython.Py_ssize_t)
def _clock_time_end(text, at, run, n) -> cython.Py_ssize_t:
    """Where \\d{1,2}:\\d{2}\\b matching a run of `run` digits at `at`
    ends; -1 where it does not match."""
    if run > 2 or at + run >= n or text[at + run] != ":":
        return -1
    at += run + 1
    minutes = _digits_from(text, at, n)
    if minutes != 2:
        return -1
    at += 2
    if at + 1 < n and text[at] in "apAP" and text[at + 1] in "mM":  # "9:35am", glued
        at += 2
    if at < n and is_word_char(text[at]):
        return -1
    return at


# A list item's opening: the rules' LIST_ITEM (a bullet and white space), or
# a bullet that opens no word, written tight against its item as Chinese
# pages write it ("·中国大幅减持美国国债 巨额美元资产何去何从?").
TIGHT_BULLETS = "•·▪►"
_LIST_ITEM = compile_later(f"{LIST_ITEM.pattern}|^\\s*[{TIGHT_BULLETS}]\\S")


@cython.cfunc
@cython.locals(line=str, at=cython.Py_ssize_t, size=cython.Py_ssize_t)
@cython.returns(cython.bint)
def _opens_as_list_item(line) -> cython.bint:
    """`_LIST_ITEM.match(line)`: compiled, read from the start (white space,
    a bullet, white space or, after one of TIGHT_BULLETS, any character:
    \\s is str.isspace)."""
    if not cython.compiled:
        return _LIST_ITEM.match(line) is not None
    size = len(line)
    at = 0
    while at < size and line[at].isspace():
        at += 1
    return at + 1 < size and (line[at] in "•·▪►" or line[at] in "*+»-–" and line[at + 1].isspace())


@cython.cfunc
@cython.locals(tokens=list, token=str, count=cython.Py_ssize_t)
@cython.returns(cython.Py_ssize_t)
def _tokens_holding(tokens, pattern) -> cython.Py_ssize_t:
    """How many of `tokens` `pattern` finds something in (a loop:
    line_features is a C function, which can hold no generator)."""
    count = 0
    for token in tokens:
        if pattern.search(token):
            count += 1
    return count


@cython.boundscheck(False)  # every index is checked against the end first
@cython.wraparound(False)
@cython.ccall  # (and by the tests)
@cython.locals(text=str, n=cython.Py_ssize_t, at=cython.Py_ssize_t, start=cython.Py_ssize_t, count=cython.Py_ssize_t)
@cython.returns(cython.Py_ssize_t)
def _link_tokens(text) -> cython.Py_ssize_t:
    """`_tokens_holding(text.split(), _LINK_TOKEN)`: compiled, the white-
    space tokens read in place (no list of them, no search a token)."""
    if not cython.compiled:
        return _tokens_holding(text.split(), _LINK_TOKEN)
    n = len(text)
    count = at = 0
    while at < n:
        while at < n and text[at].isspace():
            at += 1
        start = at
        while at < n and not text[at].isspace():
            at += 1
        if at > start and _holds_link(text, start, at):
            count += 1
    return count


@cython.boundscheck(False)  # every index is checked against the end first
@cython.wraparound(False)
@cython.cfunc
@cython.locals(text=str, start=cython.Py_ssize_t, end=cython.Py_ssize_t, k=cython.Py_ssize_t, ch=cython.Py_UCS4)
@cython.returns(cython.bint)
def _holds_link(text, start, end) -> cython.bint:
    """Whether `text[start:end]` holds a match of _LINK_TOKEN ("http://",
    "https://", "www.", a "." before com, net, org, htm, html or php and a
    word's end, "@" or "#" before a word character), in any case: of the
    characters that case-insensitive matching takes for these letters,
    only the long s (U+017F) is no ASCII letter's own case."""
    for k in range(start, end):
        ch = text[k]
        if ch == "@" or ch == "#":
            if k + 1 < end and is_word_char(text[k + 1]):
                return True
        elif ch == ".":
            if (
                _word_at(text, k + 1, end, "com")
                or _word_at(text, k + 1, end, "net")
                or _word_at(text, k + 1, end, "org")
                or _word_at(text, k + 1, end, "html")
                or _word_at(text, k + 1, end, "htm")
                or _word_at(text, k + 1, end, "php")
            ):
                return True
        elif ch == "h" or ch == "H":
            if _letters_at(text, k + 1, end, "ttp"):
                if _letters_at(text, k + 4, end, "://"):
                    return True
                if k + 4 < end and text[k + 4] in "sS\u017f" and _letters_at(text, k + 5, end, "://"):
                    return True
        elif ch == "w" or ch == "W":
            if _letters_at(text, k + 1, end, "ww."):
                return True
    return False


@cython.boundscheck(False)  # every index is checked against the end first
@cython.wraparound(False)
@cython.cfunc
@cython.locals(
    text=str, at=cython.Py_ssize_t, end=cython.Py_ssize_t, letters=str, k=cython.Py_ssize_t, ch=cython.Py_UCS4
)
@cython.returns(cython.bint)
def _letters_at(text, at, end, letters) -> cython.bint:
    """Whether `text[at:end]` opens with `letters` (lower-case ASCII, and
    punctuation), in either case."""
    if at + len(letters) > end:
        return False
    for k in range(len(letters)):
        ch = text[at + k]
        if ch != letters[k] and not ("A" <= ch <= "Z" and ord(ch) + 32 == ord(letters[k])):
            return False
    return True


@cython.cfunc
@cython.locals(text=str, at=cython.Py_ssize_t, end=cython.Py_ssize_t, letters=str, after=cython.Py_ssize_t)
@cython.returns(cython.bint)
def _word_at(text, at, end, letters) -> cython.bint:
    """`letters` (in either case) at `at`, and a word's end after them."""
    after = at + len(letters)
    return _letters_at(text, at, end, letters) and (after >= end or not is_word_char(text[after]))


@cython.boundscheck(False)  # every index is checked against the end first
@cython.wraparound(False)
@cython.ccall  # (and by the tests)
@cython.locals(text=str, n=cython.Py_ssize_t, at=cython.Py_ssize_t, run=cython.Py_ssize_t, count=cython.Py_ssize_t)
@cython.returns(cython.Py_ssize_t)
def _counters(text) -> cython.Py_ssize_t:
    """`len(_COUNTER.findall(text))`: compiled, a bracket, one to six
    decimal digits and a closing bracket, read in place."""
    if not cython.compiled:
        return len(_COUNTER.findall(text))
    n = len(text)
    count = at = 0
    while at < n:
        if text[at] == "(" or text[at] == "[":
            run = _digits_from(text, at + 1, n)
            if 1 <= run <= 6 and at + 1 + run < n and (text[at + 1 + run] == ")" or text[at + 1 + run] == "]"):
                count += 1
                at += run + 2
                continue
        at += 1
    return count


@cython.boundscheck(False)  # every index is checked against the end first
@cython.wraparound(False)
@cython.ccall  # (and by the tests)
@cython.locals(text=str, n=cython.Py_ssize_t, at=cython.Py_ssize_t, count=cython.Py_ssize_t)
@cython.returns(cython.Py_ssize_t)
def _separators(text) -> cython.Py_ssize_t:
    """`len(_SEPARATOR.findall(text))`: compiled, a "|" alone or one of
    "|", "•", "·", ">" between white space, read in place."""
    if not cython.compiled:
        return len(_SEPARATOR.findall(text))
    n = len(text)
    count = at = 0
    while at < n:
        if at + 2 < n and text[at].isspace() and text[at + 1] in "|•·>" and text[at + 2].isspace():
            count += 1
            at += 3
        elif text[at] == "|":
            count += 1
            at += 1
        else:
            at += 1
    return count


@cython.cfunc
@cython.locals(text=str)
@cython.returns(cython.bint)
def _holds_currency(text) -> cython.bint:
    """A currency sign in `text` (before the search for a price)."""
    return "$" in text or "€" in text or "£" in text or "¥" in text


COLUMN_GAP = " " * 8  # a page's two columns flattened into one line: the second's item after this run...
COLUMN_TAIL_CHARS = 40  # ...of at most this many characters, a menu's item


@cython.cfunc
@cython.locals(stripped=str, k=cython.Py_ssize_t, c=cython.Py_UCS4)
@cython.returns(cython.bint)
def _column_ends_sentence(stripped) -> cython.bint:
    """Whether the (stripped) line is a sentence that ends, then a second
    column's short item without a digit after a run of COLUMN_GAP spaces
    or more: a page's two columns flattened into one line ("... Belk
    said.          News by Category"). (A C call: asked of every line
    that ends no sentence.)"""
    k = stripped.rfind(COLUMN_GAP)
    if k <= 0 or len(stripped) - k > len(COLUMN_GAP) + COLUMN_TAIL_CHARS:
        return False  # (most lines: no such run, or a long text after it)
    for c in stripped[k:]:  # an item's digits are a teaser's date or a table's figures, not a menu's
        if c.isdigit():
            return False
    return ends_sentence(stripped[:k].rstrip()[-ENDING_CHARS:])


@cython.locals(
    words=cython.Py_ssize_t,
    norm_words=cython.Py_ssize_t,
    stop=cython.Py_ssize_t,
    f=LineFeatures,
    text=str,
    stripped=str,
    length=cython.Py_ssize_t,
    visible=cython.Py_ssize_t,
)
def line_features(line: str, stopwords: frozenset[str], position: float, normalized: str | None = None) -> LineFeatures:
    """`normalized` is the line's matching form, when the caller has it."""
    text = stripped = line.strip()
    length = len(text)
    scale = 1.0
    if length > SAMPLE_CHARS:
        text, scale = text[:SAMPLE_CHARS], length / SAMPLE_CHARS
    ascii_only = text.isascii()
    if normalized is None:
        normalized = normalize(text)
    numbers, digits, year, between, marks, unspaced, run_together, linkish, code_marks = _scan(text)
    if not unspaced and scale == 1.0 and (ascii_only or "İ" not in text):
        # words are counted in the matching form (İ alone grows when
        # lower-cased): a diacritic splits no word there ("قدّم" is one
        # word, where \w stops at the shadda), and one pass serves both
        # counts
        words, stop = words_and_stopwords(normalized, stopwords)
        norm_words = words
    else:
        if unspaced:
            tokens = words_of(text)
            spaced = len(tokens) - _tokens_holding(tokens, _unspaced_char())
        else:  # a long line's sample: its words counted, no list of them made
            spaced = word_count(text)
        words = round((spaced + unspaced // 2) * scale)
        norm_words, stop = words_and_stopwords(normalized[:SAMPLE_CHARS], stopwords) if stopwords else (0, 0)
    stop_share = stop / norm_words if stopwords and norm_words else 0.0
    visible = (len(text) - text.count(" ")) or 1
    dates = count_dates(text) if between else 0
    # only the stripped line's last characters can end a sentence (a credit
    # after its stop included) or go on: no copy of the line without its
    # end's spaces
    # the fields set one by one (compiled: C stores; no call of __init__)
    f = LineFeatures.__new__(LineFeatures)
    f.chars = length
    f.words = words
    f.stop_share = stop_share
    f.sentence_end = ends_sentence(stripped[-ENDING_CHARS:]) or _column_ends_sentence(stripped)
    f.marks = marks
    f.link_tokens = _link_tokens(text) if linkish else 0
    f.digit_share = digits / visible
    f.dates = dates
    f.run_together = run_together
    f.position = position
    f.list_item = _opens_as_list_item(line)
    # dated: a year alone is no date ("Pandora streaming - in 2012 Hyundai
    # Veloster"): a written date has its day too ("July 7, 2012", "5 يوليو 2012"),
    # and its other numbers are no prices, nor a numbered item's number
    # ("5. Web Summit Rio 2026": a listicle's heading, not a signature)
    f.dated = bool(
        dates
        or (
            numbers >= 2
            and year
            and not (_holds_currency(text) and _PRICE.search(text))
            and not (numbers == 2 and NUMBERED.match(text))
        )
    )
    f.counters = _counters(text) if digits and ("(" in text or "[" in text) else 0
    f.separators = _separators(text) if "|" in text or "•" in text or "·" in text or ">" in text else 0
    f.connective = not ascii_only and opens_with_connective(normalized)
    f.goes_on = stripped.endswith((",", "،"))
    f.code_marks = code_marks
    return f
