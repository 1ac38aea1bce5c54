"""What the classifier knows about one line, from the line alone."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..normalize import LIST_ITEM, ascii_twin, count_chars, normalize, run_pattern, words_of
from ..sentence import SENTENCE_END
from .arabic import opens_with_connective

# Characters of scripts written without spaces (CJK, kana, Thai): two count as a word.
_UNSPACED_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f\uac00-\ud7af]")
_UNSPACED_RUN = re.compile(run_pattern(_UNSPACED_CHAR.pattern))
# (not the dots, commas and colons inside numbers, dates and clock times:
# those between two digits are counted, then taken off)
_SENTENCE_MARK = re.compile(r"[!?؟。！？،;؛、，.,:]")
_NUMBER_PUNCTUATION = re.compile(r"(?<=\d)[.,:](?=\d)")
_LINK_TOKEN = re.compile(r"https?://|www\.|\.(?:com|net|org|html?|php)\b|@\w|#\w", re.I)
_DIGITS = re.compile(run_pattern(r"\d"))
_DIGITS_ASCII = ascii_twin(_DIGITS)
# Separators between the items of a flattened menu: "Politics | India | Movies".
_SEPARATOR = re.compile(r"\s[|•·]\s|\|")
# Counters in brackets, as archive and category lists show them: "July (4)".
_COUNTER = re.compile(r"[(\[]\d{1,6}[)\]]")
_DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b|\b\d{1,2}:\d{2}\b")
# A year, as written dates carry in any language ("July 5, 2012", "5 يوليو 2012").
# (?<!\d)(?:19[89]\d|20[0-4]\d)(?!\d): a run of four digits opening so;
# looked for among the runs of digits a line's digit count has found.
_YEAR_OPENINGS = frozenset({"198", "199", "200", "201", "202", "203", "204"})
# Words run together, as menus and share bars flatten: "FacebookTwitterLinkedIn",
# "الرئيسيةأخبارسياسة" (Arabic words rarely pass 12 letters; a run of 16 is several).
# (three capitalised words in a row: spelt out, not as "(...){3,}", the
# search is three times quicker)
_CAMEL_RUN = re.compile(r"[A-Z][a-z]{2,}[A-Z][a-z]{2,}[A-Z][a-z]{2,}")
_ARABIC_RUN = re.compile(run_pattern(r"[\u0621-\u064a]", 16))


class LineFeatures(NamedTuple):  # a tuple: small and quick to make, a million-line dump holds a million
    chars: int
    words: int  # word units: spaced words, or CJK characters / 2
    stop_share: float  # share of words in the language's stoplist
    sentence_end: bool  # ends like a sentence
    marks: int  # sentence punctuation inside the line
    link_tokens: int  # URLs, e-mail/handles, hashtags
    digit_share: float  # digits among non-space characters
    dates: int  # dates and clock times
    run_together: bool  # words glued together, as flattened menus are
    position: float  # 0 at the top of the document, 1 at the bottom
    list_item: bool = False  # starts with a bullet ("* ", "+ ", "• ")
    dated: bool = False  # carries a date, a clock time, or a year and another number
    counters: int = 0  # bracketed counts: "September (1) July (4)"
    separators: int = 0  # menu separators between items: "Politics | India | Movies"
    connective: bool = False  # opens with an Arabic connective ("وقد", "كما"): prose going on, not a headline
    goes_on: bool = False  # ends with a comma ("،", ","): a sentence that goes on below, not a headline

    def as_dict(self) -> dict:
        return {name: round(v, 2) if isinstance(v, float) else v for name, v in zip(self._fields, self)}


def _has_year(numbers: list[str]) -> bool:
    return any(len(n) == 4 and n[:3] in _YEAR_OPENINGS for n in numbers)


def _may_hold_links(normalized: str) -> bool:
    """Whether a line's lower-cased matching form holds a string that every
    _LINK_TOKEN match contains (plain substring tests spare the search)."""
    return (
        "@" in normalized
        or "#" in normalized
        or "://" in normalized
        or "www." in normalized
        or ".com" in normalized
        or ".net" in normalized
        or ".org" in normalized
        or ".htm" in normalized
        or ".php" in normalized
    )


# A line longer than this is judged by its beginning (a 50 MB line costs no
# more than a paragraph); its word count is scaled up from there.
SAMPLE_CHARS = 20_000


def line_features(line: str, stopwords: frozenset[str], position: float, normalized: str | None = None) -> LineFeatures:
    """`normalized` is the line's matching form, when the caller has it."""
    text = line.strip()
    length = len(text)
    scale = 1.0
    if length > SAMPLE_CHARS:
        text, scale = text[:SAMPLE_CHARS], length / SAMPLE_CHARS
    ascii_only = text.isascii()  # no unspaced script, no Arabic run to look for
    if normalized is None:
        normalized = normalize(text)
    if ascii_only and scale == 1.0:
        # lower-casing and folding spaces keep an ASCII line's words: one search serves both counts
        norm_tokens = words_of(normalized)
        words = len(norm_tokens)
    else:
        unspaced = 0 if ascii_only else count_chars(_UNSPACED_RUN, text)
        if not unspaced and scale == 1.0 and "İ" not in text:
            # words are counted in the matching form (İ alone grows when
            # lower-cased): a diacritic splits no word there ("قدّم" is one
            # word, where \w stops at the shadda), and one search serves
            # both counts
            norm_tokens = words_of(normalized)
            words = len(norm_tokens)
        else:
            tokens = words_of(text)
            spaced = sum(1 for t in tokens if not _UNSPACED_CHAR.search(t)) if unspaced else len(tokens)
            words = round((spaced + unspaced // 2) * scale)
            norm_tokens = words_of(normalized[:SAMPLE_CHARS]) if stopwords else []
    if stopwords:
        stop = sum(map(stopwords.__contains__, norm_tokens))
        stop_share = stop / len(norm_tokens) if norm_tokens else 0.0
    else:
        stop_share = 0.0
    visible = (len(text) - text.count(" ")) or 1
    numbers = (_DIGITS_ASCII if ascii_only else _DIGITS).findall(text)
    digits = sum(map(len, numbers))
    # a date, a clock time and a number's inner punctuation stand between two runs of digits
    dates = len(_DATE.findall(text)) if len(numbers) >= 2 else 0
    marks = len(_SENTENCE_MARK.findall(text))
    if marks and len(numbers) >= 2:
        marks -= len(_NUMBER_PUNCTUATION.findall(text))
    maybe_links = scale != 1.0 or _may_hold_links(normalized)
    ending = line.rstrip()[-10:]
    # positional, in the fields' order (keywords cost a microsecond a line)
    return LineFeatures(
        length,  # chars
        words,  # words
        stop_share,  # stop_share
        bool(SENTENCE_END.search(ending)),  # sentence_end
        marks,  # marks
        sum(1 for token in text.split() if _LINK_TOKEN.search(token))  # link_tokens
        if maybe_links and _LINK_TOKEN.search(text)
        else 0,
        digits / visible,  # digit_share
        dates,  # dates
        bool(_CAMEL_RUN.search(text) or (not ascii_only and _ARABIC_RUN.search(text))),  # run_together
        position,  # position
        bool(LIST_ITEM.match(line)),  # list_item
        # dated: a year alone is no date ("Pandora streaming - in 2012 Hyundai
        # Veloster"): a written date has its day too ("July 7, 2012", "5 يوليو 2012")
        bool(dates or (len(numbers) >= 2 and _has_year(numbers))),
        len(_COUNTER.findall(text)) if digits and ("(" in text or "[" in text) else 0,  # counters
        len(_SEPARATOR.findall(text)) if "|" in text or "•" in text or "·" in text else 0,  # separators
        not ascii_only and opens_with_connective(normalized),  # connective
        ending.endswith((",", "،")),  # goes_on
    )
