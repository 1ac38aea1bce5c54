"""The cleaning pipeline: named stages, each returning data, none printing.

    read -> route -> apply_rules -> classify -> assemble

`clean(doc, registry)` runs the stages on one Document and returns a
CleanResult; the input is never changed. The generic classifier only decides
lines that no rule decided.
"""
from __future__ import annotations

from .assemble import removed_lines, render, stats
from .model import CleanResult, Document
from .generic import classify
from .generic.language import detect_language as _detect_language
from .rules.engine import apply_rules
from .rules.registry import RuleRegistry, url_header_line

# The command line's safety valve: a document whose cuts would remove more
# than this share of its characters is left as it was and reported. On the
# bench sample the gold itself removes more than 95% of a dump in 1% of
# pages (8 of 656), so 0.95 rarely stops a right cleaning and always stops a
# tail marker that fires near the top. The library applies no valve unless
# asked (`clean(..., max_cut_share=0.95)`).
MAX_CUT_SHARE_DEFAULT = 0.95


def detect_language(doc: Document) -> str:
    return _detect_language(doc.text)


def clean(doc: Document, registry: RuleRegistry, *, site: str | None = None,
          site_rules: bool = True, classifier: bool = True,
          language: str | None = None,
          max_cut_share: float | None = None) -> CleanResult:
    lang = language or detect_language(doc)
    route = registry.route(doc, lang, site=site, site_rules=site_rules)
    header = url_header_line(doc)
    protected = frozenset() if header is None else frozenset({header})
    cuts = apply_rules(doc, list(route.rules), protected)
    if classifier and route.classifier:
        decided = protected | frozenset(removed_lines(cuts))
        cuts = sorted([*cuts, *classify(doc, decided, language=lang, rule_cuts=cuts)],
                      key=lambda c: (c.start, c.span or (0, 0)))
    text = render(doc, cuts)
    result = CleanResult(doc, tuple(cuts), text, stats(doc, cuts, text),
                         site=route.site.name if route.site else None, language=lang)
    if max_cut_share is not None and cuts and result.stats.share_cut > max_cut_share:
        return CleanResult(doc, tuple(cuts), doc.text, result.stats, site=result.site,
                           language=lang,
                           held_back=f"cuts would remove {result.stats.share_cut:.0%} of the "
                                     f"document (limit {max_cut_share:.0%}); left as it was")
    return result


_DEFAULT_REGISTRY: RuleRegistry | None = None


def default_registry() -> RuleRegistry:
    global _DEFAULT_REGISTRY
    if _DEFAULT_REGISTRY is None:
        _DEFAULT_REGISTRY = RuleRegistry.load()
    return _DEFAULT_REGISTRY


def clean_text(text: str, *, site: str | None = None, site_rules: bool = True,
               classifier: bool = True, source: str = "<text>", url: str | None = None,
               registry: RuleRegistry | None = None) -> str:
    """Clean one text with the bundled rules: the library's one-liner."""
    doc = Document.from_text(text, source=source, url=url)
    return clean(doc, registry or default_registry(), site=site, site_rules=site_rules,
                 classifier=classifier).text
