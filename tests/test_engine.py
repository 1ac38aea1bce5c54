"""Each rule kind on small documents."""

import textwrap

import pytest
from hypothesis import given, strategies as st

from stripper.assemble import render
from stripper.model import Document
from stripper.rules.engine import apply_rules
from stripper.rules.schema import parse_rule_file


def rules(yaml_rules: str):
    text = "site: t\nrules:\n" + textwrap.indent(textwrap.dedent(yaml_rules), "  ")
    return parse_rule_file(text, "t.yml").rules


def run(yaml_rules, text):
    doc = Document.from_text(textwrap.dedent(text))
    cuts = apply_rules(doc, rules(yaml_rules))
    return cuts, render(doc, cuts)


BODY = "This is a long body line with many words that reads like a real article paragraph here.\n"


def test_line_rule_merges_a_run_of_hits():
    cuts, out = run(
        """\
        - id: nav
          kind: line
          category: navigation
          tokens: [Home, News]
        """,
        "Home\nNews\n\nHome\nBody.\n",
    )
    assert out == "Body.\n"
    assert [(c.start, c.end) for c in cuts] == [(0, 4)]


def test_line_rule_limits():
    y = """\
        - id: share
          kind: line
          category: share
          tokens: [share]
          anchor: start
          max_words: 3
          in_first: 2
        """
    _, out = run(y, "Share this\nShare it now with everyone you know\nBody\nShare this\n")
    assert out == "Share it now with everyone you know\nBody\nShare this\n"


def test_tail_only_after_the_body():
    y = """\
        - id: rel
          kind: tail
          category: related
          marker: [Related]
          min_body_words: 10
        """
    _, out = run(y, "Related\n" + BODY + "Related\nTeaser one\nTeaser two\n")
    assert out == "Related\n" + BODY


def test_a_tail_marker_that_is_one_item_of_a_share_bar_is_no_tail():
    y = """\
        - id: comments
          kind: tail
          category: comments
          marker: [Comments]
          min_body_words: 10
        """
    share_bar = "* Comments\n* Email\n* Twitter\n"
    _, out = run(y, BODY + share_bar + BODY)
    assert out == BODY + share_bar + BODY
    _, out = run(y, BODY + "* Comments\n" + "Nice article.\n")  # a lone bulleted heading still is
    assert out == BODY
    _, out = run(y, BODY + "* Comments\n* Reader one says the article was a fine piece of work\n")
    assert out == BODY  # and one over bulleted entries


def test_insertion_marker_alone_takes_the_headline_not_a_paragraph():
    y = """\
        - id: ra
          kind: insertion
          category: insertion
          marker: [Read also]
        """
    _, out = run(y, BODY + "Read also:\nA short headline\n" + BODY)
    assert out == BODY + BODY
    _, out = run(y, BODY + "Read also:\n" + BODY)
    assert out == BODY + BODY  # the marker goes, the sentence after it stays
    cuts, _ = run(y, "Read also: Another headline here\n" + BODY)
    assert [(c.start, c.end) for c in cuts] == [(0, 1)]


def test_block_needs_its_end_within_the_cap():
    y = """\
        - id: form
          kind: block
          category: comments
          start: [Name]
          end: [Security Code]
          max_lines: 4
        """
    _, out = run(y, "Body\nName *\nEmail *\nSecurity Code*\nAfter\n")
    assert out == "Body\nAfter\n"
    _, out = run(y, "Body\nName *\na\nb\nc\nd\nSecurity Code*\n")
    assert out == "Body\nName *\na\nb\nc\nd\nSecurity Code*\n"


def test_inline_cuts_spans_and_whitespace():
    y = """\
        - id: ad
          kind: inline
          category: script
          raw: 'ad\\(\\d+\\);'
        """
    cuts, out = run(y, "ad(1);   Text stays here.   ad(2);\nad(3);\n")
    assert out == "Text stays here.\n"
    assert [(c.start, c.span) for c in cuts] == [(0, (0, 9)), (0, (25, 34)), (1, None)]
    # a line with nothing else on it is cut whole


def test_an_inline_cut_after_a_line_break_character_cuts_the_match():
    """A line may open with a break that is no line's end (\f, \v, \x1c,
    \u2028...): the matching form's strip() takes it, and the match's ends
    are found in the line past it (the cut took the break and kept the
    match's last characters)."""
    y = """\
        - id: ad
          kind: inline
          category: script
          raw: 'ad\\(\\d+\\);'
        """
    for opening in ("\f", "\f\f ", "\u2028", " \x1c", "\x85\u064b"):
        line = f"{opening}ad(1); Text stays here. ad(2); Text too"
        doc = Document.from_text(line + "\n")  # (not `run`: its dedent would take a space)
        cuts = apply_rules(doc, rules(y))
        first, second = line.index("ad(1)"), line.index("ad(2)")
        assert [c.span for c in cuts] == [(0 if opening.isspace() else first, first + 7), (second, second + 7)]
        assert render(doc, cuts) == ("" if opening.isspace() else opening[:first]) + "Text stays here. Text too\n"


def test_repeat_keeps_the_first_and_cuts_doubled_lines():
    y = """\
        - id: rep
          kind: repeat
          category: duplicate
          min_words: 3
          prefix: {raw: '^site -'}
        """
    text = "The big headline here\nBody\nsite - The big headline here\nThe big headline here The big headline here\n"
    _, out = run(y, text)
    assert out == "The big headline here\nBody\n"


def test_a_line_alone_repeats_nothing_even_twice_over():
    y = """\
        - id: rep
          kind: repeat
          category: duplicate
          min_words: 1
          prefix: {raw: '^site -'}
        """
    for text in (
        "The big headline The big headline\n",
        "site - The big headline The big headline\n",
        "\nheadline headline\n\n",
    ):
        assert run(y, text)[0] == [], text
    assert run(y, "headline\nheadline headline\n")[1] == "headline\n"  # its half on a line of its own


def test_repeat_keeps_the_copy_that_survives_other_rules():
    y = """\
        - id: top
          kind: line
          category: navigation
          raw: '^the big headline here$'
          in_first: 1
        - id: rep
          kind: repeat
          category: duplicate
          min_words: 3
        """
    _, out = run(y, "The big headline here\nBody\nThe big headline here\n")
    assert out == "Body\nThe big headline here\n"  # its first copy was cut: the second stays


def test_arabic_variants_match_one_token():
    y = """\
        - id: ra
          kind: insertion
          category: insertion
          marker: [شاهد أيضاً]
        """
    for variant in ("شاهد ايضا: عنوان", "شاهد أيضًا: عنوان", "شاهد أيضاُ : عنوان"):
        cuts, out = run(y, variant + "\n")
        assert out == "", variant


def test_first_rule_claims_a_line():
    y = """\
        - id: a
          kind: line
          category: share
          tokens: [x]
        - id: b
          kind: line
          category: share
          tokens: [x]
        """
    cuts, _ = run(y, "x\n")
    assert [c.rule_id for c in cuts] == ["t/a"]


def test_document_prefilter_never_changes_the_cuts(monkeypatch):
    """The one-search-per-rule shortcut, and the search of only the lines
    that hold a rule's literals (found in the document's text, or in each
    line of a short one), must find whatever the line-by-line search of
    every line finds: same cuts with and without them, on the seeds and on
    rules whose look-arounds see past a line."""
    from stripper.pipeline import default_registry
    from stripper.rules import engine
    from stripper.rules.patterns import Pattern

    from .conftest import seed_paths

    registry = default_registry()
    extra = rules("""
        - id: lookbehind
          kind: line
          category: share
          raw: '(?<!\\S)share$'
        - id: start-token
          kind: line
          category: share
          tokens: [follow us]
          anchor: start
        """)
    docs = [Document.from_text(p.read_text(encoding="utf-8")) for p in seed_paths()]
    # and the seeds in short pieces, which are screened line by line
    docs += [
        Document.from_text("\n".join(lines[k : k + 8]))
        for lines in (doc.lines for doc in docs[:])
        for k in range(0, len(lines), 8)
    ]
    # a whole-line token behind a bullet; a run of hits across a blank line
    docs.append(
        Document.from_text("share\n• Skip to main content »\n" + BODY * 20 + "Follow us on X\n\nFollow us on Y\n")
    )
    for doc in docs:
        route = registry.route(doc, "ar")
        every_rule = [*extra, *route.rules]
        monkeypatch.setattr(engine, "PREFILTER_MIN_LINES", 0)
        with_prefilter = apply_rules(doc, every_rule)
        monkeypatch.setattr(engine, "PREFILTER_MIN_LINES", 10**9)
        assert apply_rules(doc, every_rule) == with_prefilter
        with monkeypatch.context() as unscreened:  # no literals known: every line searched
            unscreened.setattr(Pattern, "literals", property(lambda self: ()))
            assert apply_rules(doc, every_rule) == with_prefilter
    assert {c.rule_id for c in with_prefilter} >= {"t/lookbehind", "t/start-token", "common-en/widget-labels"}


def test_required_literals_of_common_shapes():
    from stripper.rules.patterns import required_literals

    assert required_literals(r"^(?:share|tweet)(?!\w)") == (
        frozenset({"\nshare", "\ntweet"}),
        frozenset({"share", "tweet"}),
    )
    assert required_literals(r"(?:©|\(c\)\s*\d{4}|copyright)") == (frozenset({"©", "(c)", "copyright"}),)
    assert required_literals(r"(?:x|)abc") == (frozenset({"abc"}),)  # an empty branch requires nothing
    assert required_literals(r"^(?:[^\s#]+\s+)?(?:#[^\s#]+\s*){3,}$") == (frozenset({"#"}),)
    # syntax of the regex package that Python's parser would misread: no literals promised
    assert required_literals(r"(?:foo){e<=1}") == ()
    assert required_literals(r"[[:alpha:]]+x") == ()
    assert required_literals(r"\p{L}+") == ()


def test_match_openings_of_common_shapes():
    from stripper.rules.patterns import match_openings

    assert match_openings(r"(?<!\w)(?:Foo bar|baz)(?!\w)") == ("baz", "foo bar")
    assert match_openings(r"\bword(?:er)? me") == ("word",)
    assert match_openings(r"\bprint me") == ()  # "pr" (up to an "i"): too short to be worth finding
    assert match_openings(r"(?:googletag\.cmd|\(adsbygoogle)") == ("(ad", "googletag.cmd")  # up to an "s"
    assert match_openings(r"اقرأ ايضا") == ("اقرأ ايضا",)
    assert match_openings(r"^foo") == ()  # an anchored search is quick already
    assert match_openings(r"(?:abc)?def") == ()  # an optional group: the match may open with "def"
    assert match_openings(r"ab|cdef") == ()  # too short to be worth finding
    assert match_openings(r"skip") == ()  # "s" is also "ſ" to a case-insensitive match
    assert match_openings(r"(?:foo){e<=1}") == ()


def test_a_regex_timeout_holds_for_every_kind_of_search():
    import pytest
    import regex

    from stripper.rules.patterns import Pattern, PatternTimeout

    line = "a" * 40 + "!"
    for expression in ("aaa(a|a)+$", "(a|a)+$"):  # searched at its openings, and by the regex
        pattern = Pattern("raw", "any", expression, compiled=regex.compile(expression), timeout=0.05)
        assert bool(pattern.openings) == expression.startswith("aaa")
        with pytest.raises(PatternTimeout):
            pattern.search(line)
        with pytest.raises(PatternTimeout):
            pattern.spans(line)


def test_literal_prefilter_rules_a_document_out_without_a_search():
    from stripper.rules.patterns import Pattern

    pattern = Pattern.from_raw("^follow us")
    doc = Document.from_text("x\n" * 20 + "We follow us\n")
    assert not pattern.may_occur(doc, frozenset())  # "follow us" is there, but not at a line start
    assert pattern.may_occur(Document.from_text("x\n" * 20 + "FOLLOW US now\n"), frozenset())


def test_start_tokens_stand_after_bullets_and_brackets():
    from stripper.rules.patterns import Pattern

    pattern = Pattern.from_tokens(["Read also", "اقرأ أيضا"], anchor="start")
    for line in ("• اقرا ايضا: سوسة", "(read also: the other story)", "* read also", "read also: x"):
        assert pattern.search(line), line
    for line in ("we read also the other story", "already read", "readalso"):
        assert not pattern.search(line), line
    doc = Document.from_text("x\n" * 20 + "• Read also: the other story\n")
    assert pattern.may_occur(doc, frozenset())


def test_literals_that_open_a_line_are_looked_up_among_line_openings():
    from stripper.rules.patterns import Pattern

    doc = Document.from_text("Intro line\nFOLLOW us on X\nſhare this\n")
    assert {"int", "fol", "sha"} <= doc.line_openings  # case-folded, as the literals are
    assert Pattern.from_raw("^follow us").may_occur(doc, frozenset())
    assert Pattern.from_raw("^share this").may_occur(doc, frozenset())
    assert not Pattern.from_raw("^subscribe now").may_occur(doc, frozenset())
    assert not Pattern.from_raw("^on x").may_occur(doc, frozenset())  # inside a line, not opening one


def test_short_screen_passes_the_rules_a_short_document_may_need():
    """The rules passing a short document's screen, kept by what screened
    them, are those whose max_words a free line can meet, whose
    whole-line token, if one leads them, is a line, and whose lead, if it
    needs literals, finds a line that holds one (`lines_with`): the same
    for every document, each asked afresh (the seeds in 6-line pieces)."""
    from stripper.normalize import word_count
    from stripper.pipeline import default_registry
    from stripper.rules.engine import WORD_BOUNDED_KINDS, Context, KindOrdered, ShortScreen, _lead

    from .conftest import seed_paths

    registry = default_registry()
    rules_of = KindOrdered.of(registry.route(Document.from_text("x"), "ar").rules)
    screen = ShortScreen(rules_of)
    pieces = [
        "\n".join(lines[k : k + 6])
        for lines in (p.read_text(encoding="utf-8").splitlines() for p in seed_paths())
        for k in range(0, len(lines), 6)
    ]
    for text in pieces * 2:  # twice: the second time from what was kept
        ctx = Context(Document.from_text(text))
        fewest = min((word_count(ctx.norm[i]) for i in range(len(ctx.norm)) if ctx.free(i)), default=0)
        expected = tuple(
            rule
            for rule in rules_of
            if not (
                _lead(rule) is not None
                and rule.max_words is not None
                and rule.kind in WORD_BOUNDED_KINDS
                and rule.max_words < fewest
            )
            and not (
                _lead(rule) is not None
                and _lead(rule).token_set
                and _lead(rule).token_set.isdisjoint(ctx.stripped_lines)
            )
            and (_lead(rule) is None or _lead(rule).token_set or ctx.lines_with(_lead(rule)))
        )
        assert tuple(screen.passing(ctx)) == expected


def test_a_route_is_made_once_a_site_reason_and_language():
    """Two documents routed alike get the one Route (frozen: shared
    safely); another language, or another site, another one."""
    from stripper.pipeline import default_registry

    registry = default_registry()
    one, two = Document.from_text("a line\n"), Document.from_text("another line\n")
    route = registry.route(one, "ar")
    assert registry.route(two, "ar") is route
    assert (route.site, route.reason, route.language) == (None, "no site matched", "ar")
    english = registry.with_language(route, "en")
    assert english is not route and english.language == "en"
    assert registry.route(one, "ar", site="saraynews").site.name == "saraynews"


@given(
    line=st.text(alphabet=st.sampled_from([" ", "\t", "\u00a0", "\x0c", "\u2028", "x", "ي"]), max_size=12),
    data=st.data(),
)
def test_a_span_is_widened_over_the_white_space_around_it(line, data):
    """`_widen`, against its definition: the white space after the span,
    and before it where the span ends the line or only white space stands
    before it."""
    from stripper.rules.engine import _widen

    a = data.draw(st.integers(0, len(line)))
    b = data.draw(st.integers(a, len(line)))
    end = b
    while end < len(line) and line[end].isspace():
        end += 1
    start = a
    if end == len(line) or not line[:a].strip():
        while start > 0 and line[start - 1].isspace():
            start -= 1
    assert _widen(line, (a, b)) == (start, end)


def _doubled_by_slicing(key: str) -> str | None:
    mid = len(key) // 2
    return key[:mid] if len(key) % 2 == 1 and key[:mid] == key[mid + 1 :] and key[mid] == " " else None


@given(st.text(alphabet="ab -", max_size=12))
def test_a_text_twice_over_is_told_as_by_its_two_halves(text):
    from stripper.rules.engine import _doubled

    for key in (text, f"{text} {text}", f"{text}  {text}"):
        assert _doubled(key) == _doubled_by_slicing(key)


def test_the_characters_beyond_ascii_matched_to_an_ascii_one_are_those_screen_form_knows():
    """Every code point that the regex package (case-insensitive) matches
    to an ASCII character of a pattern: beyond ASCII, only those of
    _FOLDED_TO_ASCII (which case-fold to it) and _FOLDED_APART; within
    ASCII, its own lower-case; and only "İ" and the Kelvin sign lower to
    an ASCII character. `screen_form` rests on these."""
    import sys

    import regex

    from stripper.rules.patterns import _FOLDED_APART, _FOLDED_TO_ASCII

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    beyond = set()
    for p in map(chr, range(0x80)):
        for m in regex.finditer(regex.escape(p), every, regex.IGNORECASE):
            ch = m.group()
            assert len(ch) == 1
            if ch.isascii():
                assert ch.lower() == p.lower()
            else:
                beyond.add(ch)
                assert ch in _FOLDED_APART or ch.casefold() == p.lower()
    assert beyond == set(_FOLDED_TO_ASCII) | set(_FOLDED_APART)
    assert {ch for ch in every[0x80:] if any(x.isascii() for x in ch.lower())} == {"\u0130", "\u212a"}


@given(
    st.text(alphabet=st.sampled_from("abksiSKI.-/:\u017f\u212a\u0130\u0131\u0628\u00e9\u00c9"), max_size=12),
    st.sampled_from([r"^https?://(www\.)?ab\.com/", r"KS\.i", r"(?:sa|bk)/", r"s[k-]", r"^(?:ab|ka)\.\w+$"]),
)
def test_a_url_screened_out_is_matched_by_no_site_pattern(url, expression):
    """A URL or file name pattern is searched only where the text's
    `screen_form` holds a string of each set of its `ascii_literals`: that
    never passes a match over (compiled, and as Python)."""
    from stripper.rules.patterns import Pattern, holds_one_of_each, screen_form

    pattern = Pattern.from_raw(expression, normalized=False)
    assert pattern.ascii_literals
    screened = screen_form(url)
    if screened is not None:
        assert screened == "\n" + url.casefold() or not ({"\u017f", "\u212a"} & set(url))
    if pattern.regex.search(url):
        assert holds_one_of_each(screened, pattern.ascii_literals)
    for text in (url, "http://" + url, "HTTPS://WWW.AB.COM/" + url):
        if pattern.regex.search(text):
            assert holds_one_of_each(screen_form(text), pattern.ascii_literals)


def test_a_site_is_found_by_its_url_in_any_case():
    from stripper.pipeline import default_registry

    registry = default_registry()
    for url in ("https://saraynews.com/x", "HTTPS://WWW.SARAYNEWS.COM/\u0628", "https://\u017faraynews.com/"):
        site, reason = registry.detect_site(Document.from_text("نص\n", url=url))
        assert site is not None and site.name == "saraynews" and reason.startswith("url ")
    site, reason = registry.detect_site(Document.from_text("https://essada.net/\u0628\nنص\n"))
    assert site is None and reason == "no site matched"


def _signature_site_as_before(registry, doc):
    """Site detection by signature as it was before `literals_held`: each
    pattern's `literals_occur` and `may_occur` asked."""
    from stripper.normalize import strip_decoration

    norm, stripped = doc.normalized, None
    best, best_hits, best_where = None, 0, ""
    for site, specs in registry._matches["signature"]:
        hits, where = 0, ""
        for spec in specs:
            if spec.pattern.token_set:
                if not spec.pattern.literals_occur(doc, doc.holds_arabic):
                    continue
                if stripped is None:
                    stripped = frozenset(strip_decoration(line) for line in norm)
            if not spec.pattern.may_occur(doc, stripped or frozenset(), doc.holds_arabic):
                continue
            for i, line in enumerate(norm):
                if line and spec.pattern.search(line):
                    hits += 1
                    where = where or f"signature on line {i + 1} ({spec.origin})"
                    break
        if hits > best_hits:
            best, best_hits, best_where = site, hits, where
    return (None, "no site matched") if best is None else (best, best_where)


@pytest.mark.parametrize("lines", [1, 20])
def test_signatures_are_screened_as_each_pattern_screens_them(lines):
    """`_detect_by_signature` (its literals held in one loop) finds the
    site, and the reason, that each pattern's own screens found."""
    from stripper.pipeline import default_registry

    registry = default_registry()
    texts = [
        "نص عن الاخبار",
        "Almaghribtoday",
        "almaghribtoday\nوالتفاصيل عبر مجلة اليوم",
        "والتفاصيل عبر مجلة\nوكالة سرايا الإخبارية\nتابع منصة ترند سرايا",
        'ترحب "سرايا" بتعليقاتكم',
        "وورلد برس عربي logo\n* almaghribtoday *",
        "plain English text, no signature",
        "ALMAGHRIBTODAY here, and وورلد برس عربي logo",
    ]
    for text in texts:
        for filler in ("", "سطر آخر\n" * lines, "another line\n" * lines):
            doc = Document.from_text(filler + text + "\n" + filler)
            site, reason = registry._detect_by_signature(doc)
            expected = _signature_site_as_before(registry, Document.from_text(filler + text + "\n" + filler))
            assert (site and site.name, reason) == (expected[0] and expected[0].name, expected[1])


@given(
    st.lists(
        st.lists(st.sampled_from(["ad(1);", "xy", " ", "word", "ad(22);", "\u064a"]), max_size=8).map("".join),
        min_size=1,
        max_size=4,
    )
)
def test_the_view_takes_the_lines_the_inline_rules_cut_as_without_spans_cuts_them(lines):
    """The view of `rules_and_view` takes each line as the inline rules
    left it (`Context._cut_texts`), several rules cutting spans of one
    line, one of them a line whole: what `without_spans` makes anew."""
    from stripper.assemble import without_spans
    from stripper.rules.engine import rules_and_view

    y = """\
        - id: ad
          kind: inline
          category: script
          raw: 'ad\\(\\d+\\);'
        - id: xy
          kind: inline
          category: script
          raw: 'xy|\\(2'
        - id: word
          kind: inline
          category: script
          raw: 'word'
        """
    doc = Document.from_text("\n".join(lines) + "\n")
    cuts, view = rules_and_view(doc, rules(y))
    if view is not doc:
        made = without_spans(doc, cuts)
        assert (view.lines, view.normalized) == (made.lines, made.normalized)
    assert any(cut.span for cut in cuts) == (view is not doc)


def test_a_pattern_character_matching_a_lower_cased_line_shows_its_literal_there():
    """Every character of a lower-cased line (a matching form) that a
    pattern's cased character matches, case-insensitive, holds case-folded
    a string of each of the pattern's literal sets: else the literal screen
    would rule out a line the pattern matches. "I" matches "ı" and "İ"
    matches "i", which their case-folding ("i", "i" and a combining dot)
    does not show: a run of literals ends before them."""
    import regex

    from stripper.rules.patterns import Pattern, required_literals

    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    lowered = "".join(c for c in bmp if c.lower() == c)
    for p in (c for c in bmp if c.lower() != c.upper() or c.casefold() != c):
        sets = required_literals(regex.escape(p))
        for m in regex.finditer(regex.escape(p), lowered, regex.IGNORECASE):
            assert all(any(s in m.group().casefold() for s in needed) for needed in sets), (p, m.group(), sets)
    for raw, line in (("IRAN", "news about ıran today"), ("İran", "news about iran today")):
        pattern = Pattern.from_raw(raw)
        doc = Document.from_text(line)
        assert pattern.compiled.search(doc.normalized[0])
        assert pattern.literals_occur(doc) and pattern.may_occur(doc, frozenset())
