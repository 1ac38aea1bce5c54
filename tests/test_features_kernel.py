"""The line features' one-pass scan (stripper/generic/features.py, _scan)
gives, bit for bit, what the searches it replaced gave: the old regex
definitions are kept here as the oracle. Both builds are checked: the
module as imported (compiled where built) and its .py run as Python."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from stripper.generic import features, labels
from stripper.generic.arabic import opens_with_connective
from stripper.generic.cues import NUMBERED
from stripper.generic.features import SAMPLE_CHARS, LineFeatures
from stripper.generic.language import detect_language, stopwords
from stripper.normalize import LIST_ITEM, ascii_twin, count_chars, normalize, run_pattern, words_of
from stripper.sentence import ENDING_CHARS, sentence_end

from .conftest import as_python, require_shared

# --- the oracle: line_features as it was, searches and all

_UNSPACED_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f\uac00-\ud7af]")
_UNSPACED_RUN = re.compile(run_pattern(_UNSPACED_CHAR.pattern))
_SENTENCE_MARK = re.compile(r"[!?؟。！？،;؛、，.,:]")
_NUMBER_PUNCTUATION = re.compile(r"(?<=\d)[.,:](?=\d)")
_LINK_TOKEN = re.compile(r"https?://|www\.|\.(?:com|net|org|html?|php)\b|@\w|#\w", re.I)
_DIGITS = re.compile(run_pattern(r"\d"))
_DIGITS_ASCII = ascii_twin(_DIGITS)
_SEPARATOR = re.compile(r"\s[|•·>]\s|\|")
_COUNTER = re.compile(r"[(\[]\d{1,6}[)\]]")
_DATE = re.compile(
    r"\b(?:\d{2,4}([-/.])\d{1,2}\1\d{1,4}|\d([-/.])\d{1,2}\2\d{2,4})\b|\b\d{1,2}:\d{2}(?:[ap]m)?\b", re.I
)
_PRICE = re.compile(r"[$€£¥]\s?\d|\d\s?[$€£¥]")  # a number next to a currency sign
_YEAR_OPENINGS = frozenset({"198", "199", "200", "201", "202", "203", "204"})
_CAMEL_RUN = re.compile(r"[A-Z][a-z]{2,}[A-Z][a-z]{2,}[A-Z][a-z]{2,}")
_ARABIC_RUN = re.compile(run_pattern(r"[\u0621-\u064a]", 16))
_CODE_MARK = re.compile(r"[(;{}\[\])=_─│┼┌┐└┘├┤┬┴═║]|<-|->|--|/\*")


# a sentence, a run of 8 spaces or more, and a second column's short item without a digit
_COLUMN = re.compile(r" {8,}([^ ](?:(?! {8}).)*)$")


def _column_oracle(stripped: str) -> bool:
    m = _COLUMN.search(stripped)
    return bool(
        m
        and len(m.group(1)) <= 40
        and not any(c.isdigit() for c in m.group(1))
        and sentence_end().search(stripped[: m.start()].rstrip()[-ENDING_CHARS:])
    )


def _may_hold_links(normalized: str) -> bool:
    return any(s in normalized for s in ("@", "#", "://", "www.", ".com", ".net", ".org", ".htm", ".php"))


def oracle(line: str, stopwords: frozenset[str], position: float, normalized: str | None = None) -> LineFeatures:
    text = line.strip()
    length = len(text)
    scale = 1.0
    if length > SAMPLE_CHARS:
        text, scale = text[:SAMPLE_CHARS], length / SAMPLE_CHARS
    ascii_only = text.isascii()
    if normalized is None:
        normalized = normalize(text)
    if ascii_only and scale == 1.0:
        norm_tokens = words_of(normalized)
        words = len(norm_tokens)
    else:
        unspaced = 0 if ascii_only else count_chars(_UNSPACED_RUN, text)
        if not unspaced and scale == 1.0 and "İ" not in text:
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
    dates = len(_DATE.findall(text)) if len(numbers) >= 2 else 0
    marks = len(_SENTENCE_MARK.findall(text))
    if marks and len(numbers) >= 2:
        marks -= len(_NUMBER_PUNCTUATION.findall(text))
    maybe_links = scale != 1.0 or _may_hold_links(normalized)
    has_year = any(len(n) == 4 and n[:3] in _YEAR_OPENINGS for n in numbers)
    return LineFeatures(
        length,
        words,
        stop_share,
        bool(sentence_end().search(line.rstrip()[-ENDING_CHARS:])) or _column_oracle(line.strip()),
        marks,
        sum(1 for token in text.split() if _LINK_TOKEN.search(token))
        if maybe_links and _LINK_TOKEN.search(text)
        else 0,
        digits / visible,
        dates,
        bool(_CAMEL_RUN.search(text) or (not ascii_only and _ARABIC_RUN.search(text))),
        position,
        bool(LIST_ITEM.match(line) or re.match(r"\s*[•·▪►]\S", line)),
        bool(
            dates
            or (
                len(numbers) >= 2
                and has_year
                and not _PRICE.search(text)
                and not (len(numbers) == 2 and NUMBERED.match(text))
            )
        ),
        len(_COUNTER.findall(text)) if digits and ("(" in text or "[" in text) else 0,
        len(_SEPARATOR.findall(text)) if "|" in text or "•" in text or "·" in text or ">" in text else 0,
        not ascii_only and opens_with_connective(normalized),
        line.rstrip()[-10:].endswith((",", "،")),
        bool(_CODE_MARK.search(text)),
    )


IMPLEMENTATIONS = {"as imported": features.line_features, "as Python": as_python(features).line_features}

# --- generated lines: scripts, digits of two kinds, the punctuation and separators read

_PIECES = st.one_of(
    st.sampled_from(
        list("abcxyzABCXYZ_ 0123456789٠١٢٣٤٥٦٧٨٩.,:;؛،!?؟。！？、，-/()[]|•·@#*+–\t\u00a0\u200bİ")
        + list("وقالرئيسخبارسياةمنفيعلىإأآىةّـ")  # Arabic letters, shadda, tatweel
        + list("这是经济新闻ひらがなカタカナภาษาไทย한국어")
        + ["Facebook", "Twitter", "LinkedIn", "Home", "News", "www.", ".com", "http://", ".html", "1999", "2012"]
        + ["2049", "2050", "1980", "12:30", "2012-01-02", "3.5", "1,000", "(4)", "[12]", " | ", " • ", "وقد ", "- "]
        + ["الرئيسيةأخبارسياسةرياضة", "FacebookTwitterLinkedInEmail", "The minister said on Monday."]
        + ["WWW.", ".COM", ".Net", ".oRg", ".HTM", ".PHP", "HTTPS://", ":/", "ww.", ".co", "x.php", "a@b", "#x"]
        + ['."', ".”)", "?»", "…]", "!'", "؟", "。", ")", '"', "\u2003* ", " \t• ", "\u00a0– ", "-", "*"]
        + ["<-", "->", "--", "/*", "<", ">", "=", "{", "}", "─", "a_b", "f(x);"]  # code's marks
    ),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.text("ابتثجحخدذرسشصضطظعغفقكلمنهوي", min_size=12, max_size=20),  # about 16 Arabic letters in a row
    st.builds(str.__add__, st.sampled_from("ABCXYZ"), st.text("abcxyz", max_size=4)),  # capitalised words, glued
    st.from_regex(r"\d{1,5}[-/.,:]\d{1,5}([-/.,:]\d{1,5})?", fullmatch=True),  # numbers, dates, clock times
    st.integers(1970, 2060).map(str),  # years, and numbers beside them
)
LINES = st.lists(_PIECES, max_size=40).map("".join)
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "400"))  # `make fuzz` raises it
STOPLISTS = st.sampled_from([frozenset(), frozenset({"the", "on", "في", "من", "و", "是"})])


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(line=LINES, stop=STOPLISTS, position=st.floats(0, 1), with_normalized=st.booleans())
def test_generated_lines(name, line, stop, position, with_normalized):
    normalized = normalize(line) if with_normalized else None
    assert IMPLEMENTATIONS[name](line, stop, position, normalized) == oracle(line, stop, position, normalized)


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
@pytest.mark.parametrize(
    "line",
    [
        "FacebookTwitterLinkedInEmail",
        "ABcdEfgHij",
        "AbcDefGh ij",
        "الرئيسيةأخبارسياسةرياضة",
        "2012-01-02 08:43:20 3.5 1,000",
        "Yes, 3.5 percent: no more.",
        "July 5, 2012",
        "in 2012 Hyundai",
        "2025 rates: $250 to $350, 90 €",
        "١٢:٣٠ ٢٠١٢",
        "这是一个关于经济发展的新闻报道",
        "Archives: September (1) July (4) [12]",
        "Politics | India | Movies • Sport · More",
        "mail me@example.com or see www.example.org #news",
        "follow #news and @desk",  # link tokens without a dot or a colon
        "• شارك وقد قال الرئيس، ",
        ("word " * 5000) + "2012 end.",  # longer than SAMPLE_CHARS
        ("FacebookTwitter" * 2000) + "LinkedIn",
    ],
)
def test_known_lines(name, line):
    assert IMPLEMENTATIONS[name](line, frozenset({"the", "in"}), 0.5) == oracle(line, frozenset({"the", "in"}), 0.5)


def test_every_line_of_bench_train_dumps():
    """Every line of every 5th bench-train dump, with its language's stoplist."""
    dumps = sorted(require_shared("bench-train").glob("*/dump/*.txt"))[::5]
    assert len(dumps) > 100
    lines = 0
    for path in dumps:
        text = path.read_text(encoding="utf-8")
        stop = stopwords(detect_language(text))
        for i, line in enumerate(text.splitlines()):
            if not line.strip():
                continue
            want = oracle(line, stop, i / 100, normalize(line))
            for name, line_features in IMPLEMENTATIONS.items():
                assert line_features(line, stop, i / 100, normalize(line)) == want, (name, str(path), i)
            lines += 1
    assert lines > 10_000


# --- dates and clock times: count_dates is the regex's findall, counted

_DATE_PIECES = st.lists(
    st.one_of(
        st.sampled_from(
            list("0123456789-/.:_ aZ٠١٢٣٤٥") + ["12", "2012", "12345", "٢٠١٢", "x1", "1x", "²", "am", "PM"]
        ),
        st.from_regex(r"\d{1,5}([-/.:]\d{1,5}){0,3}", fullmatch=True),
    ),
    max_size=30,
).map("".join)


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
@settings(max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=_DATE_PIECES)
def test_count_dates_is_the_regex(name, text):
    count_dates = features.count_dates if name == "as imported" else as_python(features).count_dates
    assert count_dates(text) == len(features._DATE.findall(text))


@pytest.mark.parametrize(
    "text, count",
    [
        ("2012-01-02 08:43:20", 2),  # a date, then one clock time: "08:43", and ":20" is left
        ("12345-1-1", 0),  # the first run is too long
        ("1-2-34 4-5-67890", 1),
        ("3.1.2 Influences", 0),  # a section's number: one digit first and last
        ("1.2.3.45", 1),  # "2.3.45"
        ("a1-2-3", 0),  # no boundary before
        ("1-2-3a", 0),  # no boundary after
        ("1-2-3_", 0),
        ("1-22-333-4", 1),
        ("9:30 x 10:5 x 7:456", 1),
        ("٢٠١٢/٠١/٠٢", 1),  # Arabic-Indic digits are \d
        ("²:30", 0),  # a superscript two is no decimal digit
        ("rated 4.8/5 by 120 readers", 0),  # two separators: a rating, no date
        ("5.12.2024 and 2024/12/05", 2),
        ("Posted by Brad on 11:16am Wed 9 Jan 08", 1),  # a clock time with its am or pm glued
        ("6:51PM", 1),
        ("9:35amx 9:35a", 0),
    ],
)
def test_count_dates_known(text, count):
    assert features.count_dates(text) == count == len(features._DATE.findall(text))


_TOKEN_PIECES = st.lists(
    st.sampled_from(
        list("hHtTpPsSſwW.:/@#_ \t\u00a0\u2003aZé١([)]|•·0123456789")
        + ["http", "https", "://", "www", ".com", ".COM", ".net", ".org", ".htm", ".html", ".HTML", ".php", ".co"]
        + ["(12)", "[1234567]", "(1]", " | ", " • ", " ·x", "|", " > ", "\t>\u00a0", ">"]
    ),
    max_size=30,
).map("".join)


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TOKEN_PIECES)
def test_link_tokens_counters_and_separators_are_the_regexes(name, text):
    module = features if name == "as imported" else as_python(features)
    assert module._link_tokens(text) == sum(1 for token in text.split() if _LINK_TOKEN.search(token))
    assert module._counters(text) == len(_COUNTER.findall(text))
    assert module._separators(text) == len(_SEPARATOR.findall(text))


# --- content_words (labels.py): compiled, its word runs are read in a C loop, not found by \w+


def _content_words_oracle(normalized: str, stop: frozenset[str]) -> set[str]:
    words = set()
    for word in re.findall(r"\w+", normalized):
        if word in stop or len(word) < 3 or word.isdigit():
            continue
        for clitic in labels.CLITICS:
            if word.startswith(clitic) and len(word) - len(clitic) >= 3:
                word = word[len(clitic) :]
                break
        words.add(word)
    return words


CONTENT_WORDS = {"as imported": labels.content_words, "as Python": as_python(labels).content_words}


@pytest.mark.parametrize("name", CONTENT_WORDS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(line=LINES, stop=STOPLISTS)
def test_content_words_are_the_regex_runs(name, line, stop):
    normalized = normalize(line)
    assert CONTENT_WORDS[name](normalized, stop) == _content_words_oracle(normalized, stop)
    assert CONTENT_WORDS[name](line, stop) == _content_words_oracle(line, stop)


@pytest.mark.parametrize("name", CONTENT_WORDS)
def test_content_words_of_a_few_lines(name):
    assert CONTENT_WORDS[name]("والحكومة تجتمع في تونس اليوم 2024", frozenset({"في"})) == {
        "حكومة",
        "تجتمع",
        "تونس",
        "يوم",
    }
    assert CONTENT_WORDS[name]("the_cat's x2 ab 12345 dogs_", frozenset({"the"})) == {"the_cat", "dogs_"}
