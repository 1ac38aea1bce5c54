"""A plain-text listing of the cuts of one document: one block per cut with
its rule, category and message, then the text it removes."""

from __future__ import annotations

from ..model import CleanResult


def render_plain(result: CleanResult) -> str:
    doc = result.document
    if not result.cuts:
        return ""
    out = [
        f"--- {doc.source} (site: {result.site or 'none'}, language: {result.language}, "
        f"{result.stats.lines_cut} of {result.stats.lines_in} lines cut, "
        f"{result.stats.share_cut:.0%} of characters)"
    ]
    if result.held_back:
        out.append(f"!!! held back: {result.held_back}")
    no_article = doc.meta.get("no_article")
    if no_article:
        out.append(
            f"!!! no article to trust ({no_article['category']}): {no_article['reason']}; "
            f"{no_article['fallback']} decided"
        )
    for cut in result.cuts:
        where = f"{cut.start + 1}" if cut.end - cut.start == 1 else f"{cut.start + 1}-{cut.end}"
        out.append(f"@@ line {where} {cut.rule_id} [{cut.category}] {cut.message}")
        if cut.span is not None:
            a, b = cut.span
            out.append(f"-  {doc.lines[cut.start][a:b]}")
            continue
        for i in cut.lines():
            if doc.lines[i].strip():
                out.append(f"-  {doc.lines[i]}")
    return "\n".join(out) + "\n"
