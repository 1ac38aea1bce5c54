"""The cleaning pipeline: named stages, each returning data, none printing.

    read -> route -> apply_rules -> classify -> assemble

`clean(doc, registry)` runs the stages on one Document and returns a
CleanResult; the input is never changed. The generic classifier only decides
lines that no rule decided.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import replace

# Compiled (stripper/_native.py), the helpers of `_clean` are cpdef
# (@cython.ccall): called in C within this module, as Python from outside.
# (`_clean` and `_rules_on_what_stays` stay Python calls: tests replace them.)
try:
    import cython
except ImportError:  # run as plain Python, Cython absent: the names mean nothing
    from . import _cython_shim as cython

from .assemble import inline_spans, joined, kept_lines, removed_lines, render, stats
from .generic import classify
from .generic.language import (
    PROSE_MIN_CHARS,
    SAMPLE_CHARS,
    language_of_sample,
    sample_of,
    sampled_lines_of,
    stays_arabic,
)
from .generic.thresholds import DEFAULT as DEFAULT_THRESHOLDS, Thresholds
from .model import CleanResult, Cut, Document, cut_position
from .normalize import normalize
from .rules.engine import KindOrdered, apply_rules, rules_and_view
from .rules.registry import RuleRegistry, url_header_line

# The command line's safety valve: a document whose cuts would remove more
# than this share of its characters is left as it was and reported. On the
# bench sample the gold itself removes more than 95% of a dump in 1% of
# pages (8 of 656), so 0.95 rarely stops a right cleaning and always stops a
# tail marker that fires near the top. The library applies no valve unless
# asked (`clean(..., max_cut_share=0.95)`).
MAX_CUT_SHARE_DEFAULT = 0.95


# Cutting can change what the rest of a document looks like (a tail marker
# that had too much prose after it, a line that comes among the first lines
# once the menu above it goes). The classifier reads other lines as the
# output will have them, so it decides once; the rules that read other lines
# are asked again on the output, and only where they cut something does the
# classifier run again on what is left (docs/generic.md, 8): at most this
# many passes, with the language and the route of the first, unless the
# cuts took lines that language detection read and the output reads as
# another language (a short dump whose only Arabic line was a "read also"
# insertion): then with the output's. Cleaning the output again then
# changes nothing.
MAX_PASSES = 3
FEATURE_CACHE_MAX_LINES = 50_000


# HTML engines: who finds the article on a page (stripper/html/engines.py).
# `auto` (stripper's article finder, with trafilatura asked where its article
# is in doubt) scores best on the bench (docs/html.md), so it is the default;
# `stripper` is the finder alone.
ENGINES = ("auto", "trafilatura", "readability", "stripper")
DEFAULT_ENGINE = "auto"


def clean(
    doc: Document,
    registry: RuleRegistry,
    *,
    site: str | None = None,
    site_rules: bool = True,
    classifier: bool = True,
    language: str | None = None,
    max_cut_share: float | None = None,
    engine: str = DEFAULT_ENGINE,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> CleanResult:
    """`doc` cleaned: its cuts (a page's structure, then the rules, then the
    classifier, then the rules that read other lines on what stays) and the
    text they leave. `language` skips detection; `engine` is for HTML pages;
    `thresholds` are the classifier's numbers.

    The cyclic garbage collector is held off while it runs, and turned back
    on as it returns if it was on: the collections its allocations set off
    found nothing to free and walked its live objects (3% of its time over
    the bench dumps, in a process that holds other tools). Cleaning a text
    makes no reference cycle (tests/test_gc_hold.py): its objects go by
    reference counting; a page's few go at the next collection. (Threads
    share the switch: one that turns the collector off while another
    cleans finds it on again once that clean returns.)"""
    if not gc.isenabled():
        return _clean(doc, registry, site, site_rules, classifier, language, max_cut_share, engine, thresholds)
    gc.disable()
    try:
        return _clean(doc, registry, site, site_rules, classifier, language, max_cut_share, engine, thresholds)
    finally:
        gc.enable()


def _clean(
    doc: Document,
    registry: RuleRegistry,
    site: str | None,
    site_rules: bool,
    classifier: bool,
    language: str | None,
    max_cut_share: float | None,
    engine: str,
    thresholds: Thresholds,
) -> CleanResult:
    """`clean`, with the collector as the caller left it."""
    # what language detection reads, and whether that is the text's beginning;
    # a page's language is its article's (what cleaning keeps), not its menus'
    page_first = language is None and doc.meta.get("format") == "html"
    sample: str | None = None
    sampled_from_start = False
    taken: frozenset[int] = frozenset()  # hashes of the lines the sample was taken from
    if language:
        lang = language
    elif page_first:
        lang = "und"
    else:
        sample, sampled_from_start, taken = _language_sample(doc.text, doc.lines)
        lang = language_of_sample(sample)
    route = registry.route(doc, lang, site=site, site_rules=site_rules)
    page = _page_cuts(doc, route.site if site_rules else None, engine)
    if page_first:
        sample, sampled_from_start, taken = _language_sample(render(doc, page))
        lang = language_of_sample(sample)
        route = registry.with_language(route, lang)
    classifier_off = _classifier_off(classifier, route.classifier, doc, page, engine)
    use_classifier = classifier_off is None
    # line text -> features, shared by the passes (not for huge documents,
    # where holding them all between passes costs hundreds of MB)
    features: dict | None = {} if len(doc.lines) <= FEATURE_CACHE_MAX_LINES else None
    occurs: dict = {}  # rule id -> whether its pattern occurs at all (first pass)
    held_tails: list[tuple[int, str]] = []  # the first pass's tail markers held back (line, rule id)
    cuts, view = _cuts(doc, route.rules, use_classifier, lang, page, features, occurs, thresholds, held_tails)
    first_spans = {cut for cut in cuts if cut.span}  # the view's: the output's lines are the view's lines
    first_cuts = cuts
    # the cuts of a pass, the text they leave, the lines they remove whole,
    # and the output's lines (kept_lines)
    rendered: tuple[list[Cut], str, set[int], list[tuple[int, str, str]]] | None = None
    for _ in range(MAX_PASSES - 1):
        if not cuts:
            break
        removed = removed_lines(cuts)
        # the first pass's kept lines without their spans are its view's
        # (`rules_and_view`: the view is cut of the same spans), not cut again
        kept = kept_lines(doc, cuts, removed, view.lines if cuts is first_cuts and view is not doc else None)
        rendered = cuts, joined(kept), removed, kept  # render(doc, cuts)
        # the output's lines are the view's, unless a later pass cut a span
        same_lines = _spans_among(cuts, first_spans)
        resample = sample is not None and (sampled_from_start or _cut_sampled(doc, cuts, taken, removed))
        if same_lines and not resample and _none_can_occur(route.rules, occurs):
            # the output reads as the same language, and the rules that read
            # other lines were asked of its lines and found no line for their
            # lead: none can cut anything there (two thirds of the bench
            # dumps), and the output need not be made a document
            break
        # the output's lines: those of `kept`, unless line endings fused
        # (never seen; then no output is made and the pass ends, below)
        output_lines = [text for _, text, _ in kept]
        last_pass = same_lines and not removed and output_lines[:1] == list(doc.lines[:1])
        if (
            resample
            and last_pass
            and sample is not None
            and not sampled_from_start
            and _sample_stays_arabic(doc, cuts, kept, lang, sample, taken)
        ):
            resample = False  # (the pass ends below: no later pass reads the sample)
        resampled = _language_sample(rendered[1], output_lines) if resample else None
        if resampled is not None and resampled[0] == sample:
            resampled = None
        # the cuts took lines that language detection read: cleaning the
        # output again would read the output's language, so this pass does
        output_lang = language_of_sample(resampled[0]) if resampled is not None else lang
        relabel = output_lang != lang
        if last_pass and not relabel:
            # the cuts are the first pass's inline spans alone: the output's
            # lines are its view's, which every other rule and the classifier
            # read with the same lines protected (the URL header's line is
            # as it was) and cut nothing from, so they cut nothing now (the
            # output need not be made a document)
            break
        output = _output_of(view, kept, rendered[1])
        if output is None:
            break  # line endings fused
        if resampled is not None:
            sample, _, taken = resampled
        if relabel:
            lang = output_lang
            route = registry.route(output, lang, site=site, site_rules=site_rules)
            features = {} if features is not None else None  # stopwords changed
        protected = _protected(output)
        held_here: list[tuple[int, str]] = []
        more = _rules_on_what_stays(output, route.rules, protected, same_lines and not relabel, occurs, held_here)
        if not more and not relabel:
            break  # the classifier's lines are as it left them: it decides alike
        more = _with_classifier(output, more, protected, use_classifier, lang, features, thresholds, held_here)
        if not more:
            break
        cuts = sorted([*cuts, *_map_back(more, kept, doc, cuts)], key=cut_position)
    # the last pass's output, unless it added cuts
    if rendered is not None and rendered[0] is cuts:
        _, text, removed, kept = rendered
    else:
        removed = removed_lines(cuts)
        kept = kept_lines(doc, cuts, removed)
        text = joined(kept)  # render(doc, cuts)
    result = CleanResult(
        doc,
        tuple(cuts),
        text,
        stats(doc, kept, removed),
        site=route.site.name if route.site else None,
        language=lang,
        classifier_off=classifier_off,
        held_tails=tuple(held_tails),
    )
    share, of_what = _share_cut_by_text_cuts(result, page)
    if max_cut_share is not None and cuts and share > max_cut_share:
        # a page's own cuts (its menus, footers) stand: the valve guards the
        # rules' and the classifier's cuts, on the article for a page
        return CleanResult(
            doc,
            tuple(cuts),
            render(doc, page) if page else doc.text,
            result.stats,
            site=result.site,
            language=lang,
            classifier_off=classifier_off,
            held_tails=result.held_tails,
            held_back=f"cuts would remove {share:.0%} of the {of_what} (limit {max_cut_share:.0%}); left as it was",
        )
    return result


@cython.ccall
def _share_cut_by_text_cuts(result: CleanResult, page: list[Cut]) -> tuple[float, str]:
    """The share of the text that the rules and the classifier cut, and what
    it is a share of: the document, or for a page, the text its own cuts
    (the article finder's, a site's selectors) left, since a page's menus
    and footers are most of its text."""
    if not page:
        return result.stats.share_cut, "document"
    gone = removed_lines(page)
    left = sum([len(line) for i, line in enumerate(result.document.lines) if i not in gone])
    return (1.0 - result.stats.chars_out / left if left else 0.0), "article"


@cython.ccall
def _page_cuts(doc: Document, site_file, engine: str) -> list[Cut]:
    """For a page read from HTML: what the site's selectors and the engine
    decide. A site's body selector decides alone; its drop selectors go
    first, and the engine decides the rest."""
    if doc.meta.get("format") != "html":
        return []
    from .html.dom import site_cuts
    from .html.engines import extractor_cuts
    from .html.selectors import site_selectors

    if site_file is None or not site_file.html:
        return extractor_cuts(doc, engine)
    drop, body = site_selectors(doc, site_file)
    cuts = site_cuts(doc, drop, body, site_file.name)
    if body is not None:
        return cuts
    return sorted([*cuts, *extractor_cuts(doc, engine, excluded=drop)], key=cut_position)


# On a page where trafilatura kept more than this share of the visible text,
# the page is mostly article and the text classifier's second opinion cuts
# more article than boilerplate (bench: HTML mean F1 0.905 -> 0.92 with the
# classifier left out there; below it, the classifier fixes pages trafilatura
# over-kept). After readability, which picks the article's container and
# rarely keeps furniture, the classifier cut more article than boilerplate
# on every share measured, so it stays out. The text rules always run.
ENGINE_TRUSTED_SHARE = 0.6


@cython.ccall
def _classifier_off(classifier: bool, site_allows: bool, doc: Document, page: list[Cut], engine: str) -> str | None:
    """Why the generic classifier stays out of this document, or None."""
    if not classifier:
        return "turned off"
    if not site_allows:
        return "turned off by the site's rule file"
    if doc.meta.get("format") != "html" or not doc.lines:
        return None
    rule_ids = {cut.rule_id for cut in page}
    if "html.readability" in rule_ids:
        return "readability chose the article's lines"
    if "html.readable" in rule_ids:
        return "stripper's article finder (readability's algorithm) chose the article's lines"
    if _share_kept(doc, page) > ENGINE_TRUSTED_SHARE:
        return f"the HTML extractor kept more than {ENGINE_TRUSTED_SHARE:.0%} of the page"
    return None


def _share_kept(doc: Document, page: list[Cut]) -> float:
    gone = removed_lines(page)
    total = sum(len(line) for line in doc.lines)
    kept = sum(len(line) for i, line in enumerate(doc.lines) if i not in gone)
    return kept / total if total else 1.0


@cython.ccall
def _cuts(
    doc: Document,
    rules,
    use_classifier: bool,
    lang: str,
    page: Sequence[Cut] = (),
    features: dict | None = None,
    occurs: dict | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    held_tails: list[tuple[int, str]] | None = None,
) -> tuple[list[Cut], Document]:
    """One pass: the page's cuts (HTML), the rules' cuts, then the
    classifier's for undecided lines (which weighs the tail markers the
    rules held back, also put into `held_tails`); and the view the rules
    after the inline ones and the classifier read (`rules_and_view`)."""
    protected = _protected(doc) | frozenset(removed_lines(page))
    held = [] if held_tails is None else held_tails
    ruled, view = rules_and_view(doc, rules, protected, occurs, held)
    if view is doc:
        return _with_classifier(doc, [*page, *ruled], protected, use_classifier, lang, features, thresholds, held), doc
    # the classifier reads the view, whose lines hold no span to cut
    spans = [cut for cut in ruled if cut.span]
    whole = [*page, *[cut for cut in ruled if not cut.span]]
    cuts = _with_classifier(view, whole, protected, use_classifier, lang, features, thresholds, held)
    return sorted([*cuts, *spans], key=cut_position), view


@cython.ccall
def _with_classifier(
    doc: Document,
    cuts: list[Cut],
    protected: frozenset[int],
    use_classifier: bool,
    lang: str,
    features: dict | None,
    thresholds: Thresholds,
    held_tails: Sequence[tuple[int, str]] = (),
) -> list[Cut]:
    """`cuts` and the classifier's cuts of the lines they and `protected`
    leave undecided."""
    if not use_classifier:
        return cuts
    decided = protected | frozenset(removed_lines(cuts))
    generic = classify(
        doc, decided, language=lang, rule_cuts=cuts, cache=features, thresholds=thresholds, held_tails=held_tails
    )
    return sorted([*cuts, *generic], key=cut_position)


def _rules_on_what_stays(
    output: Document, rules, protected: frozenset[int], same_lines: bool, occurs: dict, held_tails: list
) -> list[Cut]:
    """The rules asked again on the output of the cuts so far. On the same
    lines (no span cut from one) and the same language, only those that
    read other lines (`KindOrdered.contextual`) can find something new: a tail's
    marker held back while much prose followed it (a comment thread the
    classifier cut), a line bound to the first lines once the lines above
    it went; a rule whose pattern occurred nowhere before occurs nowhere
    now. Otherwise every rule is asked."""
    if not same_lines:
        return apply_rules(output, rules, protected, held_tails=held_tails)
    return apply_rules(output, KindOrdered.of(rules).contextual, protected, occurs, held_tails)


@cython.ccall
def _none_can_occur(rules, occurs: dict) -> bool:
    """Whether the first pass found that the lead of every rule that reads
    other lines (`KindOrdered.contextual`) occurs nowhere in the document,
    so in none of its lines (`occurs`: a short document's rules are
    screened, not asked, and say nothing there)."""
    for rule in KindOrdered.of(rules).contextual:
        if occurs.get(rule.id) is not False:
            return False
    return True


@cython.ccall
def _spans_among(cuts, spans: set) -> bool:
    """Whether every inline cut of `cuts` is one of `spans` (then the
    output's lines are those `spans` left: the first pass's view's)."""
    for cut in cuts:
        if cut.span and cut not in spans:
            return False
    return True


@cython.ccall
def _protected(doc: Document) -> frozenset[int]:
    """The lines no rule may cut: a URL header's."""
    header = url_header_line(doc)
    return frozenset() if header is None else frozenset({header})


def _output_of(doc: Document, kept, text: str) -> Document | None:
    """The output (`text`, made of the `kept` lines) as a document of its
    own, its lines' matching forms taken from `doc`'s (the first pass's
    view) where a line is as there; None where line endings fused (no line
    map to follow)."""
    output = Document.from_text(text, source=doc.source, url=doc.url)
    if len(output.lines) != len(kept):
        return None
    output.reuse_normalized(
        tuple(doc.normalized[j] if text == doc.lines[j] else normalize(text) for j, text, _ in kept)
    )
    return output


@cython.ccall
def _language_sample(text: str, lines=None) -> tuple[str, bool, frozenset[int]]:
    """The sample language detection reads of `text` (made of `lines`, if
    given, and their line breaks), whether it is the text's beginning (a
    text without prose lines: then any cut may change it), and the hashes
    of the lines it was taken from (not the lines: the caller passes the
    joined text and lets it go, and a one-line dump's line is tens of MB)."""
    taken = sampled_lines_of((text,) if lines is None else lines)
    sample = sample_of(text, taken)
    return sample, sample == text[:SAMPLE_CHARS], frozenset(map(hash, taken))


@cython.ccall
def _sample_stays_arabic(doc: Document, cuts, kept, lang: str, sample: str, taken: frozenset[int]) -> bool:
    """Whether the output of inline `cuts` alone (its lines `kept`) reads as
    Arabic, as `doc` did, told without sampling it (`stays_arabic`): each
    line they cut was one of the sample's (its hash among `taken`, and its
    text in the sample). An ad script at each end of a news article's one
    line: a second sample and reading cost a tenth of its cleaning."""
    if lang != "ar":
        return False
    spans = inline_spans(cuts)
    lines = doc.lines
    shortened = {i: text for i, text, _ in kept if i in spans}
    for i in spans:
        line = lines[i]
        if i not in shortened or hash(line) not in taken or (line is not sample and line not in sample):
            return False  # (a one-line sample is its line itself)
    cut_out = [lines[i][a:b] for i, line_spans in spans.items() for a, b in line_spans]
    return stays_arabic(sample, cut_out, list(shortened.values()))


@cython.ccall
def _cut_sampled(doc: Document, cuts, taken: frozenset[int], removed: set[int]) -> bool:
    """Whether the cuts took or shortened a line the sample may have been
    taken from (otherwise the output's sample is the input's:
    `sampled_lines`). A hash shared by chance only costs a new sample. A
    line shorter than a prose line (most cut lines), and so its parts, is
    not looked at, nor are the parts of a line sampled whole (most lines
    hold no other line break: the sample took the line itself, its hash
    already made)."""
    touched = removed | {cut.start for cut in cuts if cut.span}  # (`removed`: removed_lines(cuts))
    lines = doc.lines
    for i in touched:
        line = lines[i]
        if len(line) < PROSE_MIN_CHARS:
            continue
        if hash(line) in taken:
            return True
        for part in line.splitlines():
            if hash(part) in taken:
                return True
    return False


def _map_back(cuts, kept, doc: Document, earlier) -> list[Cut]:
    """Cuts made on the output, moved to the input's line numbers (and, for an
    inline span on a line that already lost spans, to its characters)."""
    spans = inline_spans(earlier)
    mapped = []
    for cut in cuts:
        if cut.span is None:
            for start, end in _runs([kept[j][0] for j in range(cut.start, cut.end)]):
                mapped.append(replace(cut, start=start, end=end))
            continue
        line = kept[cut.start][0]
        left = [k for k in range(len(doc.lines[line])) if not any(a <= k < b for a, b in spans.get(line, ()))]
        a, b = cut.span
        mapped.append(replace(cut, start=line, end=line + 1, span=(left[a], left[b - 1] + 1)))
    return mapped


def _runs(indexes: list[int]):
    """Consecutive input lines as (start, end) ranges."""
    start: int | None = None
    prev = 0
    for i in indexes:
        if start is None:
            start = prev = i
        elif i == prev + 1:
            prev = i
        else:
            yield start, prev + 1
            start = prev = i
    if start is not None:
        yield start, prev + 1


_DEFAULT_REGISTRY: RuleRegistry | None = None


def default_registry() -> RuleRegistry:
    global _DEFAULT_REGISTRY
    if _DEFAULT_REGISTRY is None:
        _DEFAULT_REGISTRY = RuleRegistry.load()
    return _DEFAULT_REGISTRY


def clean_text(
    text: str,
    *,
    site: str | None = None,
    site_rules: bool = True,
    classifier: bool = True,
    source: str = "<text>",
    url: str | None = None,
    registry: RuleRegistry | None = None,
) -> str:
    """Clean one text with the bundled rules: the library's one-liner."""
    doc = Document.from_text(text, source=source, url=url)
    return clean(doc, registry or default_registry(), site=site, site_rules=site_rules, classifier=classifier).text
