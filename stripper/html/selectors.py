"""A site's `html:` section: CSS selectors to drop, and one for the body.

html:
  drop: ["div.share-bar", "#comments"]
  body: "div.article-body"
"""

from __future__ import annotations

from ..model import Document


def site_selectors(doc: Document, site_file) -> tuple[frozenset[int], frozenset[int] | None]:
    """Lines under a drop selector, and lines under the body selector (None
    when the site has no body selector, or it matches nothing here)."""
    section = getattr(site_file, "html", None) or {}
    if not section:
        return frozenset(), None
    tree, node_ids, blocks = doc.meta["tree"], doc.meta["node_ids"], doc.meta["blocks"]

    def lines_under(selector: str) -> frozenset[int]:
        wanted = {node_ids[n.mem_id] for n in tree.css(selector) if n.mem_id in node_ids}
        return frozenset(i for i, b in enumerate(blocks) if wanted.intersection(b.ids))

    drop = frozenset().union(*(lines_under(s) for s in section.get("drop", ())))
    body = lines_under(section["body"]) if section.get("body") else None
    return drop, (body or None)


def check_selector(selector: str) -> str | None:
    """Why `selector` is not valid CSS, or None. Loads selectolax: called
    only for rule files that have an `html:` section."""
    from selectolax.lexbor import LexborHTMLParser

    try:
        LexborHTMLParser("<p></p>").css(selector)
    except Exception as exc:
        return str(exc) or "not a CSS selector"
    return None
