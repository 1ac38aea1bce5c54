"""Language detection's compiled loops give what the definitions they stand
for give, in the module as imported (compiled where built) and in its .py
run as Python: the count of the letters and of each script's characters
(one loop, where the regexes made a pass each), the prose test of a line
(a loop counting its words, where `str.split` made them), the order the
longest lines are read in; and every bench-train dump gets the same
language either way."""

from __future__ import annotations

import os
import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from stripper.generic import language
from stripper.normalize import count_chars, normalize, words_of

from .conftest import as_python, require_shared

MODULES = {"as imported": language, "as Python": as_python(language)}
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "400"))  # `make fuzz` raises it
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

# every block's edges and the characters beside them, digits and letters
# that are not decimal (², ½, Ⅻ), "_", and any character
_EDGES = [chr(ord(c) + d) for _, blocks in language.SCRIPT_BLOCKS for pair in blocks for c in pair for d in (-1, 0, 1)]
_SCRIPT_TEXTS = st.text(
    alphabet=st.one_of(
        st.sampled_from([*_EDGES, "a", "Z", "_", "1", "٣", "²", "½", "Ⅻ", "é", " ", "ß", "\U00020000", "\U0001d400"]),
        st.characters(codec="utf-8"),
    )
)


@pytest.mark.parametrize("name", MODULES)
@SETTINGS
@given(text=_SCRIPT_TEXTS)
def test_letters_and_scripts_are_the_regex_counts(name, text):
    letters, counts = MODULES[name].letters_and_scripts(text)
    assert letters == count_chars(language.LETTERS, text)
    assert list(counts) == [count_chars(script, text) for script in language._script_runs()]


def test_the_scripts_regexes_are_their_blocks():
    for script, (_, blocks) in zip(language._script_runs(), language.SCRIPT_BLOCKS, strict=True):
        for first, last in blocks:
            assert script.fullmatch(first + last)
            assert not script.match(chr(ord(first) - 1)) and not script.match(chr(ord(last) + 1))


# words and the white space between them: every kind str.split() knows, and
# characters that are not white space though they look it (U+200B, U+FEFF)
_PROSE_PIECES = st.one_of(
    st.sampled_from(
        ["the", "x" * 30, "中文字" * 8, " ", "  ", "\t", "\n", "\x1c", "\x85", "\xa0", "\u2003", "\u3000", "\u200b"]
        + ["\ufeff", "<a", "<", "http://", "https://", "hTTp://", ":/", "://"]
    ),
    st.characters(codec="utf-8"),
)


def _reads_as_prose_as_defined(line: str) -> bool:
    return (
        len(line) >= 15
        and (len(line.split(maxsplit=8)) >= 8 or len(line) >= 60 and " " not in line.strip())
        and not re.search(r"https?://|<[a-zA-Z/!?]", line)
    )


@pytest.mark.parametrize("name", MODULES)
@SETTINGS
@given(line=st.lists(_PROSE_PIECES, max_size=24).map("".join))
def test_reads_as_prose_is_its_definition(name, line):
    assert MODULES[name].reads_as_prose(line) == _reads_as_prose_as_defined(line)


_SAMPLED_LINE = st.lists(
    st.sampled_from(["the", "and", "news", "of", "وقال", "x" * 70, "<a", " ", "\u3000"]), max_size=14
)


@pytest.mark.parametrize("name", MODULES)
@SETTINGS
@given(lines=st.lists(_SAMPLED_LINE.map(" ".join), max_size=200), size=st.sampled_from([6000, 300, 40]))
def test_sampled_lines_are_the_longest_prose_lines(name, lines, size, monkeypatch):
    """Longest first, lines of one length by their text, until SAMPLE_CHARS
    characters of prose (smaller bars too: many lines of one length)."""
    module = MODULES[name]
    monkeypatch.setattr(module, "SAMPLE_CHARS", size)
    expected, taken = [], 0
    for line in sorted(lines, key=lambda line: (-len(line), line)):
        if taken >= size:
            break
        if _reads_as_prose_as_defined(line):
            expected.append(line)
            taken += len(line)
    assert module.sampled_lines("\n".join(lines)) == expected


_LINE_PIECES = st.sampled_from(["the news of the day", "وقال الرئيس إن", "x" * 70, " ", "\u2028", "\x0b", "\x85", "\r"])


@pytest.mark.parametrize("name", MODULES)
@SETTINGS
@given(
    lines=st.lists(st.lists(_LINE_PIECES, max_size=6).map(" ".join), max_size=30),
    endings=st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=30, max_size=30),
)
def test_the_sample_of_a_documents_lines_is_that_of_its_text(name, lines, endings):
    """Taken line by line (a short line passed over unsplit), the sample's
    lines are those of the text the lines make with their line breaks,
    which str.splitlines() splits at more characters than those."""
    module = MODULES[name]
    text = "".join(line + end for line, end in zip(lines, endings))
    assert module.sampled_lines_of(lines) == module.sampled_lines(text)


_WORD_PIECES = st.one_of(
    st.sampled_from(
        ["the", "The", "de", "la", "_", "a_b", "1", "٣", "²", "’", "-", " ", "\n", "é", "İ", "ـ", "\u064e"]
    ),
    st.sampled_from(["وقال", "في", "и", "Привет", "中文", "\u200b", "\ufeff"]),
    st.characters(codec="utf-8"),
)
_WORD_TEXTS = st.lists(_WORD_PIECES, max_size=40).map("".join)


@pytest.mark.parametrize("name", MODULES)
@SETTINGS
@given(text=_WORD_TEXTS)
def test_word_counts_are_those_of_the_regex(name, text):
    counts = MODULES[name].word_counts(text)
    assert counts == Counter(words_of(text))
    assert list(counts) == list(dict.fromkeys(words_of(text)))  # (in the order of their first occurrences)


def _best_stoplist_as_first_written(sample, names):
    """Each word normalised and counted, each stoplist's share counted by
    its name: the first of the best, in the order given."""
    words = [normalize(word) for word in words_of(sample)]
    if not words:
        return None, 0.0
    best, best_share = None, 0.0
    for name in names:
        if name in language._READ_AS:
            continue
        stop = language._stoplist_by_name(name)
        share = sum(word in stop for word in words) / len(words)
        if share > best_share:
            best, best_share = name, share
    return (None, 0.0) if best is None else (language._CODES.get(best, best.lower()), best_share)


_CYRILLIC = ("Russian", "Ukrainian", "Bulgarian", "Serbian", "Belarusian", "Macedonian", "Nowhere")


@pytest.mark.parametrize("name", MODULES)
@SETTINGS
@given(
    words=st.lists(
        st.sampled_from(["de", "la", "the", "und", "og", "и", "на", "je", "في", "yang", "dan", "x", "DE", "’"]),
        max_size=30,
    ),
    cyrillic=st.booleans(),
)
def test_best_stoplist_is_the_share_counted_by_each_list(name, words, cyrillic):
    sample = " ".join(words)
    names = _CYRILLIC if cyrillic else language._all_stoplist_names()
    assert MODULES[name]._best_stoplist(sample, names) == _best_stoplist_as_first_written(sample, names)


def test_every_bench_train_dump_gets_the_language_python_gives():
    """The compiled loops against the regexes, on real pages in 20 languages."""
    dumps = sorted(require_shared("bench-train").glob("*/dump/*.txt"))
    assert len(dumps) > 2000
    imported, python = MODULES["as imported"], MODULES["as Python"]
    for path in dumps:
        text = path.read_text(encoding="utf-8")
        sample = python.prose_sample(text)
        assert imported.prose_sample(text) == sample, path
        assert imported.language_of_sample(sample) == python.language_of_sample(sample), path
