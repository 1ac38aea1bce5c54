"""Property tests: any Unicode, any line endings, and real bench dumps.

The invariants (docs/reliability.md): no crash; cleaning is idempotent;
output lines are an in-order subsequence of input lines (inline cuts aside);
line endings, BOM and the final newline are kept."""

import functools
import os
import random

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from stripper.model import Document
from stripper.pipeline import clean
from stripper.textio import decode, encode

from .conftest import require_shared, seed_paths
from .invariants import is_in_order_subsequence

# A fuzzing run raises the count: HYPOTHESIS_EXAMPLES=20000 make fuzz
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "150"))

# Lines drawn from boilerplate markers, prose, and arbitrary Unicode, so that
# the rules fire often enough for the properties to mean something.
MARKERS = [
    "شاهد ايضاً: عنوان خبر آخر",
    "أخبار ذات صلة",
    "إقرأ أيضاً:",
    "الاسم : *",
    "Loading...",
    "FacebookTwitterLinkedInEmail",
    "جميع الحقوق محفوظة 2024 ©",
    "Share this",
    "#a #b #c",
    "googletag.cmd.push(function() { googletag.display('x'); }); نص الخبر هنا",
    "وقال الرئيس في مؤتمر صحفي إن المحادثات كانت بناءة ومثمرة وستستمر في الأسابيع المقبلة بين الطرفين.",
    "The minister said on Monday that the talks had been useful and would go on next week in Geneva.",
    "",
    " ",
    "almaghribtoday",
    "المغرب اليوم - عنوان",
]
line = st.one_of(st.sampled_from(MARKERS), st.text(max_size=80))
ending = st.sampled_from(["\n", "\r\n", "\r"])
document = st.lists(st.tuples(line, ending), max_size=40).map(
    lambda rows: "".join(text.replace("\r", "").replace("\n", "") + end for text, end in rows)
)


def check_invariants(text: str, registry):
    first = clean(Document.from_text(text), registry)
    assert is_in_order_subsequence(first)
    second = clean(Document.from_text(first.text), registry)
    assert second.text == first.text, "cleaning twice changed the output"
    again = clean(Document.from_text(text), registry)
    assert (again.text, again.cuts) == (first.text, first.cuts), "not deterministic"
    out = first.text
    if out:
        in_endings = set(Document.from_text(text).endings)
        assert set(Document.from_text(out).endings) <= in_endings
        assert out.endswith(("\n", "\r")) == text.endswith(("\n", "\r"))
    return first


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
@example("شاهد ايضاً: عنوان خبر آخر\n0\n0:0:0:0:0:A:B:B:B\n")
def test_invariants_on_arbitrary_documents(registry, text):
    # (the example: its only Arabic line is an insertion, so the output reads
    # as another language; cleaning follows it, as cleaning the output would)
    check_invariants(text, registry)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(), st.booleans(), st.sampled_from(["utf-8", "utf-16-le", "utf-16-be"]))
def test_bytes_round_trip_keeps_bom_and_encoding(text, bom, encoding):
    if encoding != "utf-8":
        bom = True  # UTF-16 is read by its BOM
    marks = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
    data = (marks[encoding] if bom else b"") + text.encode(encoding, errors="surrogatepass")
    try:
        doc = decode(data, "<t>")
    except Exception:
        assert "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)
        return
    assert encode(doc, doc.text) == data


def bench_dumps(n=60):
    root = require_shared("bench")
    dumps = sorted(p for d in root.iterdir() if (d / "dump").is_dir() for p in (d / "dump").glob("*.txt"))
    return random.Random(7).sample(dumps, min(n, len(dumps)))


@pytest.mark.slow
def test_invariants_on_bench_dumps(registry):
    for path in bench_dumps():
        check_invariants(path.read_text(encoding="utf-8"), registry)


@pytest.mark.slow
def test_cleaning_is_idempotent_on_every_bench_train_dump_and_the_seeds(registry):
    """clean(clean(x)) == clean(x) on all 2,880 development dumps and the seeds."""
    root = require_shared("bench-train")
    paths = [*sorted(root.glob("*/dump/*.txt")), *seed_paths()]
    assert len(paths) > 2800
    unstable = []
    for path in paths:
        once = clean(Document.from_text(path.read_text(encoding="utf-8")), registry).text
        if clean(Document.from_text(once), registry).text != once:
            unstable.append(path.name)
    assert not unstable, f"{len(unstable)} dumps change when cleaned again: {unstable[:10]}"


# Patterns of every shape the literal prefilter reads: the bundled rules' own
# and a few with anchors, groups, repeats, sets and case-folding letters.
PREFILTER_PATTERNS = [
    r"^(?:share|tweet)(?!\w)",
    r"(?<!\w)(?:all rights reserved|©)",
    r"^a(?:b|cd)+e$",
    r"(?:x|)abc",
    r"[,،]\s*ok",
    r"^(?:ſtop|Kelvin|ΣΑΣ)",
    r"copyright\s*(?:©|\d{4})",
    r"^(?:e-?mail|print)[\s|]*$",
    r"ab{2,3}c",
    r"\{a\}",
]
PREFILTER_ALPHABET = "abcdeoklmprstwxyſKσςΣ©،, \t|{}-2024اقرأ"


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(
    st.sampled_from(PREFILTER_PATTERNS),
    st.text(PREFILTER_ALPHABET, max_size=30),
    st.text(PREFILTER_ALPHABET, max_size=30),
)
def test_literal_prefilter_never_rules_out_a_match(registry, raw, before, after):
    """Whenever a rule's regex matches a line, the literals the prefilter
    asks of the document are in it (else rules would silently stop firing)."""
    from stripper.normalize import normalize
    from stripper.rules.patterns import Pattern

    patterns = [Pattern.from_raw(raw)] + [
        r.pattern or r.marker or r.start for f in registry.all_files() for r in f.rules
    ]
    for pattern in patterns:
        if pattern is None:
            continue
        for line in (before + after, before + pattern_sample(raw) + after):
            doc = Document.from_text(f"{before}\n{line}\n{after}")
            if any(pattern.regex.search(normalize(text)) for text in doc.lines):
                for needed in pattern.literals:
                    assert any(lit in doc.folded_text for lit in needed), (pattern.regex.pattern, line)


def pattern_sample(raw: str) -> str:
    """Text that some of the patterns match, so that the property is tested
    on matches and not only on misses."""
    return {
        r"^(?:ſtop|Kelvin|ΣΑΣ)": "ſtop",
        r"(?<!\w)(?:all rights reserved|©)": "All Rights Reserved",
        r"^(?:share|tweet)(?!\w)": "SHARE",
    }.get(raw, "")


# Patterns that open with literals (searched only where those stand) and
# some that open with a case-folding letter, a set or an anchor (not).
OPENING_PATTERNS = [
    *PREFILTER_PATTERNS,
    r"(?:googletag\.cmd\.push\(function\(\)\s*\{.*?\}\);?|\(adsbygoogle\s*=\s*window\.adsbygoogle\s*\|\|\s*\[\]\)\.push\(\{\}\);?)",
    r"(?<!\w)(?:abc|bcd|ab)(?!\w)",
    r"\bprint me\b",
    r"Cab|ddc|ab+c",
    r"ocean",
    r"(?:ca){2}t",
    r"اقرا ا",
]
OPENING_ALPHABET = "abcdemoprtnſKkSsıİ ()[]{}|=.;,\t-اقرأ"


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(st.sampled_from(OPENING_PATTERNS), st.text(OPENING_ALPHABET, max_size=40), st.data())
def test_a_search_at_the_openings_finds_what_the_regex_finds(raw, text, data):
    """Searched only where its openings stand, a pattern finds the matches
    (spans and first match) the regex finds scanning the whole line."""
    from stripper.normalize import normalize
    from stripper.rules.patterns import Pattern

    pattern = Pattern.from_raw(raw)
    for opening in pattern.openings:  # and lines that hold an opening, twice
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + opening + text[at:] + opening
    norm = normalize(text)
    first = pattern.regex.search(norm)
    found = pattern.search(norm)
    assert (found and found.span()) == (first and first.span())
    expected = [m.span() for m in pattern.regex.finditer(norm) if m.end() > m.start()]
    assert [m.span() for m in pattern._matches_at_openings(norm, False)] == expected if pattern.openings else True
    assert len(pattern.spans(text)) == len(expected)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.sampled_from(PREFILTER_PATTERNS),
    st.lists(st.text(PREFILTER_ALPHABET, max_size=12), min_size=16, max_size=24),
)
def test_the_lines_a_rule_searches_hold_every_match(registry, raw, lines):
    """In a document long enough to be prefiltered, the lines `lines_with`
    gives a pattern (those holding a literal it needs, looked up by their
    openings where it needs one to open a line, and, once the rules' screen
    has scanned the text, only the literals found there) hold every line it
    matches."""
    from stripper.rules.engine import PREFILTER_MIN_LINES, Context, KindOrdered
    from stripper.rules.patterns import Pattern

    patterns = [Pattern.from_raw(raw)] + [
        r.pattern or r.marker or r.start for f in registry.all_files() for r in f.rules
    ]
    sample = pattern_sample(raw)
    doc = Document.from_text("\n".join(line + sample * (k % 3 == 0) for k, line in enumerate(lines)) + "\n")
    assert len(doc.lines) >= PREFILTER_MIN_LINES
    rules = KindOrdered.of([r for f in registry.all_files() for r in f.rules])
    screened = Context(doc, rules=rules)
    for rule in rules:
        screened.may_apply(rule)  # the screen scans the text (compiled)
    for ctx in (Context(doc), screened):
        for pattern in patterns:
            if pattern is None:
                continue
            searched = set(ctx.lines_with(pattern))
            assert {i for i in range(len(doc.lines)) if ctx.matches(pattern, i)} <= searched, pattern.regex.pattern


CODE_ALPHABET = "aZ9_(){}[];=<>-/* \t.\"'─│é"


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(st.text(CODE_ALPHABET, max_size=30))
def test_a_line_of_code_holds_a_code_mark(line):
    """The line features' `code_marks`, the quick screen of
    `body.code_line`, is set on every line where `cues.CODE_LINE` finds a
    match, compiled and as Python."""
    from stripper.generic.cues import CODE_LINE

    if CODE_LINE.search(line):
        for line_features in _line_features_both_builds():
            assert line_features(line, frozenset(), 0.0).code_marks


@functools.cache
def _line_features_both_builds():
    from stripper.generic import features

    from .conftest import as_python

    return features.line_features, as_python(features).line_features


# An Arabic news line with ad scripts at its ends (tunisia-news's shape),
# among other lines: where only inline cuts are made, which is where
# cleaning may tell the output's language without sampling it again
# (`pipeline._sample_stays_arabic`), reading the output afresh gives that
# language, and cleaning it again changes nothing.
_AR_WORDS = st.sampled_from("وقال الرئيس في مؤتمر صحفي إن المحادثات كانت بناءة ومثمرة تونس 2024 - ، .".split())
_AD = st.sampled_from(
    [
        "(adsbygoogle = window.adsbygoogle || []).push({});",
        "googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });",
        "googletag.cmd.push(function() { googletag.display('إعلان'); });",  # Arabic in the span
    ]
)
_OTHER_LINE = st.one_of(
    st.sampled_from(
        [
            "https://essada.net/خبر",
            "The minister said on Monday that the talks had been useful and would go on next week.",
            "Short line",
            "<div class='ad'>the ad slot of the page goes here in the markup of it</div>",
            "قال",
        ]
    ),
    st.lists(_AR_WORDS, min_size=1, max_size=12).map(" ".join),
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(_AR_WORDS, min_size=1, max_size=60),
    repeat=st.sampled_from([1, 1, 1, 120]),  # (120: a line past the sample's size)
    before=st.none() | _AD,
    after=st.none() | _AD,
    others=st.lists(_OTHER_LINE, max_size=3),
    others_first=st.booleans(),
)
def test_an_arabic_line_cut_of_its_ad_scripts_reads_as_its_output_does(
    registry, words, repeat, before, after, others, others_first
):
    from stripper.generic.language import detect_language

    article = " ".join(words * repeat)
    line = f"{before or ''}{article} {after or ''}".strip()
    lines = [*others, line] if others_first else [line, *others]
    text = "".join(f"{one}\n" for one in lines)
    result = clean(Document.from_text(text), registry)
    if result.cuts and all(cut.span for cut in result.cuts):  # inline cuts alone: what the shortcut is for
        assert result.language == detect_language(result.text)
        assert clean(Document.from_text(result.text), registry).text == result.text
