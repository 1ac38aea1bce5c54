"""Cuts as JSON, and the replay that proves them complete.

`to_json(result)` is one record per document (the CLI writes one per line,
JSONL): where it came from, its stats, and every cut with its 0-based
half-open line range (`start`, `end`), inline `span` if any, 1-based
`first_line`/`last_line` for people, rule, category, message, origin and the
text it removes. `replay(document, record)` renders the output again from
the input and the record's cuts alone; it equals `result.text`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..assemble import render
from ..model import PAGE_ORIGIN, CleanResult, Cut, Document
from .view import cut_text

FORMAT_VERSION = 1


def cut_record(result: CleanResult, cut: Cut, path: str) -> dict:
    d = {"path": path, **cut.to_dict()}
    d["first_line"] = cut.start + 1
    d["last_line"] = cut.start + 1 if cut.span is not None else cut.end
    d["text"] = cut_text(result, cut)
    return d


def to_json(result: CleanResult, path: str | None = None) -> dict:
    """One document's record: JSON-ready, replayable with `replay`."""
    doc, s = result.document, result.stats
    path = path or doc.source
    return {
        "version": FORMAT_VERSION,
        "path": path,
        "url": doc.url,
        "site": result.site,
        "language": result.language,
        "held_back": result.held_back,
        # a page where the article finder found no article it trusts:
        # {"category", "reason", "fallback"} (stripper/html/engines.py), else null
        "no_article": doc.meta.get("no_article"),
        "stats": {
            "lines_in": s.lines_in,
            "lines_out": s.lines_out,
            "lines_cut": s.lines_cut,
            "chars_in": s.chars_in,
            "chars_out": s.chars_out,
            "share_cut": round(s.share_cut, 4),
        },
        "cuts": [cut_record(result, cut, path) for cut in result.cuts],
    }


class ReplayError(ValueError):
    """The cuts do not fit the input they are replayed on."""


def replay(document: str | Document, cuts_json: Mapping | Sequence[Mapping]) -> str:
    """The cleaned text, from the input (text as decoded, or a Document) and
    a `to_json` record (or just its list of cuts). A held-back record leaves
    the input as it was, as cleaning did (for a page, only the page's own
    cuts stand). Raises ReplayError when a cut falls outside the input or
    its `text` differs from what the input has there."""
    doc = document if isinstance(document, Document) else Document.from_text(document)
    if isinstance(cuts_json, Mapping):
        held_back = cuts_json.get("held_back")
        cuts_json = cuts_json["cuts"]
        if held_back:  # the valve held the rules' cuts back; a page's own cuts stand
            cuts_json = [d for d in cuts_json if d.get("origin") == PAGE_ORIGIN]
    cuts = []
    for d in cuts_json:
        cut = Cut.from_dict(d)
        _check(doc, cut, d.get("text"))
        cuts.append(cut)
    return render(doc, cuts)


def _check(doc: Document, cut: Cut, text: str | None) -> None:
    where = f"cut {cut.rule_id} at line {cut.start + 1}"
    if not 0 <= cut.start < cut.end <= len(doc.lines):
        raise ReplayError(
            f"{where}: lines {cut.start + 1}-{cut.end} are outside the input "
            f"({len(doc.lines)} lines): is it the same input?"
        )
    if cut.span is not None:
        a, b = cut.span
        if cut.end != cut.start + 1 or not 0 <= a <= b <= len(doc.lines[cut.start]):
            raise ReplayError(f"{where}: span {a}-{b} is outside the line")
        found = doc.lines[cut.start][a:b]
    else:
        found = "\n".join(doc.lines[cut.start : cut.end])
    if text is not None and found != text:
        raise ReplayError(f"{where}: the input differs from the text the cut was made on")
