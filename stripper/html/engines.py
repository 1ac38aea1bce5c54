"""The extractor engines: which lines of a page are the article, by
trafilatura, by readability-lxml, or by the pick of the two (`auto`, the
default). Each returns cuts (`html.trafilatura`, `html.readability`) whose
message says why that engine decided.

The pick: readability's extraction is the more precise of the two on the
bench (it rarely keeps comments, related lists or menus), but now and then it
takes one block of an article that spans several, or a teaser instead of the
story. So trafilatura decides when its extraction is at least AUTO_RATIO
times as long as readability's (or readability finds nothing), and
readability otherwise; trafilatura is not even run where readability kept
too much of the page for that (docs/html.md has the measurements).
"""
from __future__ import annotations

from ..model import Cut, Document
from .dom import extraction_cuts

EXTRACTORS = ("auto", "trafilatura", "readability")
AUTO_RATIO = 2.5
# trafilatura's text is at most this many times the page's visible text (the
# bench's largest is 1.23: it reads alt texts and formats tables), so where
# readability kept more than PAGE_BOUND / AUTO_RATIO of the page, trafilatura
# cannot win and is not run (half the bench's pages).
PAGE_BOUND = 1.5


def extractor_cuts(doc: Document, engine: str) -> list[Cut]:
    """The cuts of `engine` ("auto", "trafilatura" or "readability") on a
    page read by reader.py (its HTML is in doc.meta["html"])."""
    html = doc.meta["html"]
    if engine == "trafilatura":
        return extraction_cuts(doc, trafilatura_text(html), "trafilatura")
    if engine == "readability":
        return extraction_cuts(doc, readability_text(html), "readability")
    readability = readability_text(html)
    visible = sum(len(line) + 1 for line in doc.lines)
    if AUTO_RATIO * len(readability) > PAGE_BOUND * visible:
        return extraction_cuts(doc, readability, "readability",
                               f"picked: it kept {len(readability):,} of the page's {visible:,} characters, "
                               f"too many for trafilatura to keep {AUTO_RATIO:g}x as much")
    trafilatura = trafilatura_text(html)
    sizes = f"trafilatura {len(trafilatura):,} characters, readability {len(readability):,}"
    if len(trafilatura) >= AUTO_RATIO * len(readability):
        return extraction_cuts(doc, trafilatura, "trafilatura",
                               f"picked over readability, which kept less than 1/{AUTO_RATIO:g} as much: {sizes}")
    return extraction_cuts(doc, readability, "readability",
                           f"picked: trafilatura kept less than {AUTO_RATIO:g}x as much: {sizes}")


def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def readability_text(html: str) -> str:
    """readability-lxml's article, as text with a line break after each block."""
    import lxml.html
    from readability import Document as ReadabilityDocument

    try:
        summary = ReadabilityDocument(html).summary(html_partial=True)
        tree = lxml.html.fromstring(summary)
    except Exception:  # readability gives up on pages without a body ("Unparseable")
        return ""
    for element in tree.iter("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr",
                             "td", "th", "blockquote", "pre"):
        element.tail = (element.tail or "") + "\n"
    return tree.text_content()
