"""The loops that stripper/normalize.py runs compiled give what its .py
gives run as Python, and what the definitions they stand for give: the
words-and-stopwords count is the regex \\w+'s, the folding is
str.translate's. Both builds are checked: the module as imported (compiled
where built) and its .py run as Python, where the loops run too when
called by name."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from stripper import normalize
from stripper.assemble import cut_line_text
from stripper.generic.language import detect_language, stopwords
from stripper.normalize import _HASH_BITS, _HEADER, _SLOT, _TABLE, _stop_table

from .conftest import as_python, require_shared

_WORD = re.compile(r"\w+")


def oracle(text: str, stop: frozenset[str]) -> tuple[int, int]:
    found = _WORD.findall(text)
    return len(found), sum(word in stop for word in found)


_PYTHON = as_python(normalize)
IMPLEMENTATIONS = {
    "as imported": normalize.words_and_stopwords,
    "as Python": _PYTHON.words_and_stopwords,
    "the loop, as Python": _PYTHON._runs_and_stopwords,
}
STOPLISTS = st.sampled_from(
    [
        frozenset(),
        frozenset({"the", "on", "في", "من", "و", "是", "a_b", "٢٠", "ας", "σα", "k", "é", "ǆ", "i̇"}),
        frozenset({"x" * 30}),
    ]
)
_PIECES = st.one_of(
    st.sampled_from(
        list("abc_ ABC0123٠١٢.,:;؛،!?-/()\t\n\u00a0\u200bİ²½ⅷ")
        + list("وقالفيمنّـً")  # Arabic letters, shadda, tatweel, tanween
        + list("这是经济ひらがなภาษาไทย")
        + ["the", "on", "في", "من", "و", "是", "a_b", "٢٠", "x" * 30, "the_", "في،"]
        # what lowering changes: capitals, final sigma, two characters from one
        + ["The", "THE", "ON", "ΑΣ", "ΣΑ", "Σ", "ς", "K", "É", "ǅ", "Ⓐ", "İ", "X" * 30]
    ),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
)
TEXTS = st.lists(_PIECES, max_size=40).map("".join)
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "400"))  # `make fuzz` raises it


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
@pytest.mark.parametrize("lower", [False, True])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXTS, stop=STOPLISTS)
def test_generated_texts(name, lower, text, stop):
    """With `lower`, the count is that of the lowered text."""
    assert IMPLEMENTATIONS[name](text, stop, lower=lower) == oracle(text.lower() if lower else text, stop)


# Stoplists of words of many lengths, scripts and kinds: some not a run of
# word characters ("في،", ""), so never found; the texts are made of
# pieces and of the stoplist's own words, longer runs among them.
_STOPWORDS = st.lists(
    st.one_of(
        st.sampled_from(list("abc_Aé0٢وقالفي是ภİ²ⅷّ،- ")), st.characters(codec="utf-8", exclude_categories=("Cs",))
    ),
    max_size=12,
).map("".join)
ANY_STOPLIST = st.one_of(STOPLISTS, st.frozensets(_STOPWORDS, max_size=40))


@st.composite
def stoplist_and_text(draw):
    stop = draw(ANY_STOPLIST)
    pieces = st.one_of(_PIECES, st.sampled_from(sorted(stop))) if stop else _PIECES
    return stop, "".join(draw(st.lists(pieces, max_size=40)))


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
@pytest.mark.parametrize("lower", [False, True])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(stop_and_text=stoplist_and_text())
def test_generated_stoplists(name, lower, stop_and_text):
    stop, text = stop_and_text
    assert IMPLEMENTATIONS[name](text, stop, lower=lower) == oracle(text.lower() if lower else text, stop)


# The compiled loop's stoplist tables, made with a hash under which many
# words share one: multiplier 1 sums the code points (anagrams, "on" and
# "no"), 0 keeps the last one. Set in the table cache of the module as
# imported and of its .py run as Python, whose loop is then called.
TABLE_LOOPS = {
    "as imported": (normalize, normalize.words_and_stopwords),
    "the loop, as Python": (_PYTHON, _PYTHON._runs_and_stopwords),
}


@contextmanager
def weak_hash_table(module, stop: frozenset[str], multiplier: int):
    module._STOP_TABLES[stop] = module._stop_table(stop, multiplier)
    try:
        yield
    finally:
        module._STOP_TABLES.pop(stop, None)


def stored_hashes(table) -> list[int]:
    """The hash of each word in a table (see normalize's table layout)."""
    slots = table[1] + 1
    return [table[_HEADER + _SLOT * k] for k in range(slots) if table[_HEADER + _SLOT * k + 2]]


@pytest.mark.parametrize("name", TABLE_LOOPS)
@pytest.mark.parametrize("multiplier", [0, 1])
@pytest.mark.parametrize("lower", [False, True])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(stop_and_text=stoplist_and_text())
def test_words_of_one_hash(name, multiplier, lower, stop_and_text):
    stop, text = stop_and_text
    module, count = TABLE_LOOPS[name]
    with weak_hash_table(module, stop, multiplier):
        assert count(text, stop, lower=lower) == oracle(text.lower() if lower else text, stop)


@pytest.mark.parametrize("name", TABLE_LOOPS)
def test_anagrams_of_one_hash(name):
    stop = frozenset({"on", "no", "في", "يف", "ab", "ba_", "ab_", "x" * 30})
    table = _stop_table(stop, 1)
    assert len(set(stored_hashes(table))) < len(stored_hashes(table)) == len(stop)
    module, count = TABLE_LOOPS[name]
    text = "on no oo nn في يف ففي ab ba ba_ ab_ _ab " + "x" * 30 + " " + "x" * 31 + " " + "y" * 30
    with weak_hash_table(module, stop, 1):
        assert count(text, stop) == oracle(text, stop) == (15, 8)


_CODE_POINTS = [chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]


def test_every_character_lowered():
    """Every character (but İ and Σ, for which the text is lowered first)
    lowered as str.lower() lowers it, in the loop's hash and in the code
    points it compares: each stands before a capital Q in the text, and the
    stoplist holds the lowered pairs of the characters that lowering
    changes and of every 7th other."""
    chars = [ch for ch in _CODE_POINTS if ch not in "\u0130\u03a3"]
    text = " ".join(ch + "Q" for ch in chars)
    stop = frozenset(ch.lower() + "q" for k, ch in enumerate(chars) if ch.lower() != ch or k % 7 == 0)
    for name, count in IMPLEMENTATIONS.items():
        if name != "the loop, as Python":  # (too slow there, and run on short texts above)
            assert count(text, stop, lower=True) == oracle(text.lower(), stop), name


def test_the_hash_stays_under_c_overflow():
    """The loop's hash is a C Py_ssize_t: h * multiplier + code point
    stays under 2**63 for any h kept to _HASH_BITS and the largest
    multiplier a table takes."""
    assert _HASH_BITS * ((1 << 20) - 1) + 0x10FFFF < 1 << 63
    with pytest.raises(ValueError):
        _stop_table(frozenset({"a"}), 1 << 20)


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
@pytest.mark.parametrize(
    "text",
    ["", " ", "the", "the cat on the mat", "قال الرئيس في بيان، من جهته", "a_b a-b ²½ ⅷ", "قدّم ـ", "x" * 30 + " the"],
)
def test_known_texts(name, text):
    stop = frozenset({"the", "on", "في", "من", "a_b", "x" * 30})
    assert IMPLEMENTATIONS[name](text, stop) == oracle(text, stop)


def test_every_line_of_bench_train_dumps():
    """Every line of every 10th bench-train dump, in its matching form, with
    its language's stoplist."""
    dumps = sorted(require_shared("bench-train").glob("*/dump/*.txt"))[::10]
    assert len(dumps) > 100
    for path in dumps:
        text = path.read_text(encoding="utf-8")
        stop = stopwords(detect_language(text))
        for line in text.splitlines():
            norm = normalize.normalize(line)
            want = oracle(norm, stop)
            for name, count in IMPLEMENTATIONS.items():
                assert count(norm, stop) == want, (name, str(path), line)


FOLDINGS = {"as imported": normalize._fold, "as Python": _PYTHON._fold}
_FOLD_TEXTS = st.text(
    alphabet=st.one_of(
        st.sampled_from("".join(_PYTHON._REPLACEMENT) + "abc \t\u0627\u064a\u3001\u3000\ufeff\ufefe"),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    )
)


@pytest.mark.parametrize("name", FOLDINGS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=_FOLD_TEXTS)
def test_folding_is_the_translation(name, text):
    assert FOLDINGS[name](text) == text.translate(_TABLE)


def _three_passes(text: str) -> str:
    """normalize as its three passes: folding, lower-casing, the spaces."""
    out = text.translate(_TABLE).lower()
    return re.sub("  +", " ", out).strip()


_ONE_PASS_TEXTS = st.text(
    alphabet=st.one_of(
        st.sampled_from("".join(_PYTHON._REPLACEMENT) + "aZ  \t\n\x0b\x1c\u0627\u064a\u3000\ufeffİΣςK"),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    )
)


@pytest.mark.parametrize("module", [normalize, _PYTHON], ids=["as imported", "as Python"])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=_ONE_PASS_TEXTS)
def test_normalize_in_one_pass_is_the_three_passes(module, text):
    """The one walk gives what folding, lower-casing and the spaces' regex
    give, or None, only where lower-casing changes a character beyond ASCII;
    normalize gives the three passes' result either way."""
    out = module._normalized_in_one_pass(text)
    if out is None:
        assert any(ord(ch) >= 0x80 and ch.lower() != ch for ch in text.translate(_TABLE))
    else:
        assert out == _three_passes(text)
    assert module.normalize(text) == _three_passes(text)


@pytest.mark.parametrize("module", [normalize, _PYTHON], ids=["as imported", "as Python"])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXTS, most=st.integers(min_value=0, max_value=12))
def test_word_count_upto_stops_past_the_bound(module, text, most):
    """The short screen's capped count (compiled: a loop that stops at the
    run past `most`) is the count of \\w runs, capped at most + 1."""
    assert module.word_count_upto(text, most) == min(len(_WORD.findall(text)), most + 1)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=_FOLD_TEXTS)
def test_the_loop_finds_the_mapped_characters(text):
    """The compiled way's loop, run as Python: the characters it finds are
    those of the mapping, each replaced by `_fold` (None: none)."""
    found = {ch for ch in text if ch in _PYTHON._REPLACEMENT}
    assert _PYTHON._mapped_in(text) == (found or None)


_ARABIC_EDGES = st.sampled_from(["\u0620", "\u0621", "\u0622", "\u0649", "\u064a", "\u064b", "a", " ", "é", "\u3000"])


@pytest.mark.parametrize("module", [normalize, _PYTHON], ids=["as imported", "as Python"])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.text(alphabet=st.one_of(_ARABIC_EDGES, st.characters(codec="utf-8", exclude_categories=("Cs",)))))
def test_holds_arabic_letter_is_the_search(module, text):
    assert module.holds_arabic_letter(text) == (normalize.ARABIC_LETTER.search(text) is not None)


_MAP_TEXTS = st.lists(
    st.one_of(
        st.sampled_from([" ", "  ", "\t", "\u00a0", "\u0640", "\u064e", "\u0651", "\u200f", "\ufeff", "أ", "ة", "x"]),
        st.sampled_from(["İ", "Σ", "ΑΣ ", "ǅ", "A", "googletag.cmd.push(1);", "شاهد أيضاً"]),
        st.sampled_from(list(normalize._BREAKS)),  # kept by folding, taken by strip() at an end
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=30,
).map("".join)


@pytest.mark.parametrize("module", [normalize, _PYTHON], ids=["as imported", "as Python"])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=_MAP_TEXTS)
def test_source_runs_are_the_index_list(module, text):
    """The compiled way's one loop (`_runs_one_for_one`, also run as
    Python) gives the text and the source indexes that the regex runs give."""
    norm, where = _PYTHON._normalize_with_list(text)
    runs = module._runs_one_for_one(text, module.lowered(module._fold(text)))
    if runs is None:  # a case fold that grows: the caller takes the list
        assert len(module.lowered(module._fold(text))) != len(text) - sum(ch in module._DELETE for ch in text)
        return
    assert runs[0] == norm
    assert len(runs[1]) == len(where)
    assert list(runs[1]) == where
    assert [runs[1][k] for k in range(len(where))] == where
    assert module.normalize_with_sources(text)[0] == norm
    assert module.normalize_with_map(text) == (norm, where)


@pytest.mark.parametrize("module", [normalize, _PYTHON], ids=["as imported", "as Python"])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=_MAP_TEXTS, data=st.data())
def test_source_indexes_are_the_index_list_of_the_matching_form(module, text, data):
    """`source_indexes` gives, for positions of `normalize(text)`, the
    source indexes of `normalize_with_map`, whose text keeps the white space
    that normalize's strip() takes at the ends but for the spaces."""
    norm = module.normalize(text)
    mapped, where = module.normalize_with_map(text)
    assert len(mapped.strip()) == len(norm)
    assert mapped.strip() == norm or module._LOWER_READS_AROUND in text  # (Σ: σ or ς by the characters around)
    opening = len(mapped) - len(mapped.lstrip())
    positions = sorted(set(data.draw(st.lists(st.integers(0, max(len(norm) - 1, 0)), max_size=5)))) if norm else []
    assert module.source_indexes(text, positions, len(norm)) == [where[opening + p] for p in positions]


def test_the_folded_spaces_are_told_from_the_text():
    """What `_runs_one_for_one` reads from the text alone holds for every
    character of this Python's Unicode tables: lower-casing makes each one
    character but _LOWER_GROWS, and a kept character folds to a space
    exactly where _FOLD_KINDS says so."""
    grows = [chr(code) for code in range(0x110000) if len(chr(code).lower()) != 1]
    assert grows == [normalize._LOWER_GROWS]
    kinds = normalize._FOLD_KINDS
    for code in range(0x110000):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        folded = normalize.lowered(normalize._fold(ch)) if ch != normalize._LOWER_GROWS else ch
        kind = kinds[code] if code < len(kinds) else 1 if code == 0xFEFF else 0
        assert (kind == 1) == (folded == ""), ch
        assert (kind == 2) == (folded == " "), ch
        assert (kind == 3) == (folded == ch != " " and ch.isspace()), ch


_SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=4).map(
    lambda pairs: [(a, a + length) for a, length in pairs]
)


@pytest.mark.parametrize("module", [normalize, _PYTHON], ids=["as imported", "as Python"])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(line=_MAP_TEXTS, spans=_SPANS)
def test_a_line_without_spans_is_normalised_from_its_matching_form(module, line, spans):
    """`normalized_without` (compiled, the loop `_walked_without`, also
    run as Python) gives `normalize` of the line without the spans."""
    spans = [(a, b) for a, b in spans if a < len(line)]
    text = cut_line_text(line, spans)
    expected = normalize.normalize(text)
    norm = module.normalize(line)
    assert module.normalized_without(line, norm, spans, text) == expected
    if module._LOWER_GROWS not in line and module._LOWER_READS_AROUND not in line:
        walked = module._walked_without(line, norm, sorted(spans))
        assert walked is None or walked == expected


_AD = "(adsbygoogle = window.adsbygoogle || []).push({});"


@pytest.mark.parametrize("module", [normalize, _PYTHON], ids=["as imported", "as Python"])
@pytest.mark.parametrize(
    "middle",
    [
        " قال الوزير إنّ الاقتصاد  ينمو ",
        "Text\u064e \u064f  more\x0cwords\t\u00a0",
        "\x0c أ ة ى ـ x ",
        "ab",
        " ",
        "",
    ],
)
@pytest.mark.parametrize("opening", ["", " ", "\x0c", "\u064b"])
def test_a_line_cut_at_both_ends_is_normalised_from_its_matching_form(module, middle, opening):
    """An ad script at each end of a line (the walk leaps over the article
    between them, and stops past the last one): `normalized_without` gives
    `normalize` of the line without them, whatever white space, deleted
    marks or line breaks stand at their edges."""
    for line in (f"{opening}{_AD}{middle}{_AD}", f"{opening}{_AD}{middle}{_AD} x", f"{opening}x {_AD}{middle}{_AD}"):
        first = line.index(_AD)
        second = line.index(_AD, first + 1)
        for spans in (
            [(first, first + len(_AD))],
            [(second, second + len(_AD))],
            [(first, first + len(_AD)), (second, second + len(_AD))],
        ):
            text = cut_line_text(line, spans)
            assert module.normalized_without(line, module.normalize(line), spans, text) == normalize.normalize(text)
            walked = module._walked_without(line, module.normalize(line), spans)
            assert walked is None or walked == normalize.normalize(text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(line=_MAP_TEXTS, spans=_SPANS)
def test_a_view_folds_as_its_document_does(line, spans):
    """A document's view without its spans (`assemble.without_spans`) takes
    its folded text without the case-folding pass only where that pass
    would leave it as it is."""
    from stripper.assemble import without_spans
    from stripper.model import Cut, Document

    doc = Document.from_text(f"https://example.com/a\n{line}\n")
    spans = [(a, b) for a, b in spans if a < len(doc.lines[1])]
    assert doc.folded_text.startswith("\n")  # made, as the rules make it before the view
    view = without_spans(doc, [Cut(1, 2, "t/r", "script", "", span) for span in spans])
    made = view.__dict__.get("folded_text")
    if made is not None:
        assert made == ("\n" + view.normalized_text).casefold()


def test_a_view_of_arabic_text_takes_its_folded_text_as_it_is():
    from stripper.assemble import without_spans
    from stripper.model import Cut, Document

    doc = Document.from_text("https://example.com/a\nقال الوزير (adsbygoogle) إن الحكومة\n")
    assert doc.folded_text and doc.folds_as_is()
    view = without_spans(doc, [Cut(1, 2, "t/r", "script", "", (11, 25))])
    assert view.__dict__["folded_text"] == "\n" + view.normalized_text


def test_the_arabic_letters_range_is_alphanumeric_and_holds_no_digit():
    """The loops tell U+0621..U+064A from their range (no isalnum call, no
    isdecimal call): every one is alphanumeric, none a decimal digit."""
    letters = [chr(code) for code in range(0x0621, 0x064B)]
    assert all(ch.isalnum() for ch in letters)
    assert not any(ch.isdecimal() for ch in letters)
