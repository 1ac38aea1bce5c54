"""Learn a site's boilerplate from many of its dumps: lines, and script
fragments inside lines, that recur across documents are the template, not
the articles. `stripper learn` writes them as a candidate rule file for a
person to review; nothing is applied until that file is in a rule folder.

Lines are compared in their matching form (`stripper.normalize`) with digit
runs folded, so "googletag.display('div-gpt-ad-1546942376253-0')" on one
page and "...-1546942376254-0" on the next are one fragment.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import regex
import yaml

from .model import Document
from .normalize import normalize
from .rules.registry import document_url, url_header_line

MIN_SHARE_DEFAULT = 0.3  # in at least this share of the documents...
MIN_DOCS_DEFAULT = 3  # ...and in at least this many
MAX_RULES_DEFAULT = 40
_DIGITS = re.compile(r"\d+")
_GAP = re.compile(r"\s{2,}")  # scrapers join page blocks with runs of spaces
_CODE_CHARS = re.compile(r"[(){};=<>\[\]]")  # a fragment of script, not of prose


@dataclass(frozen=True)
class Candidate:
    kind: str  # "line": the whole line; "inline": a fragment inside lines
    key: str  # normalised, digits folded
    example: str  # the line (or fragment) as one document has it
    documents: int

    @property
    def pattern(self) -> str:
        """A regex over the normalised line: the key, digit runs as \\d+."""
        body = r"\d+".join(regex.escape(part) for part in self.key.split("0"))
        body = body.replace(r"\ ", r"\s*")
        return f"^{body}$" if self.kind == "line" else body


@dataclass
class Learned:
    documents: int = 0
    candidates: list[Candidate] = field(default_factory=list)
    hosts: collections.Counter = field(default_factory=collections.Counter)


def learn(
    docs: Iterable[Document],
    *,
    min_share: float = MIN_SHARE_DEFAULT,
    min_docs: int = MIN_DOCS_DEFAULT,
    max_rules: int = MAX_RULES_DEFAULT,
) -> Learned:
    learned = Learned()
    line_docs: collections.Counter = collections.Counter()
    fragment_docs: collections.Counter = collections.Counter()
    examples: dict[tuple[str, str], str] = {}
    for doc in docs:
        learned.documents += 1
        url = document_url(doc)
        if url:
            learned.hosts[urlsplit(url).hostname or ""] += 1
        header = url_header_line(doc)
        lines, fragments = set(), set()
        for i, line in enumerate(doc.lines):
            if i == header or not line.strip():
                continue
            key = _fold(line)
            if key:
                lines.add(key)
                examples.setdefault(("line", key), line.strip())
            for piece in _GAP.split(line.strip()):
                if _CODE_CHARS.search(piece) and (fkey := _fold(piece)) and fkey != key:
                    fragments.add(fkey)
                    examples.setdefault(("inline", fkey), piece)
        line_docs.update(lines)
        fragment_docs.update(fragments)
    needed = max(min_docs, min_share * learned.documents)
    found = [Candidate("line", k, examples[("line", k)], n) for k, n in line_docs.items() if n >= needed]
    found += [Candidate("inline", k, examples[("inline", k)], n) for k, n in fragment_docs.items() if n >= needed]
    found.sort(key=lambda c: (-c.documents, c.kind, c.key))
    learned.candidates = found[:max_rules]
    return learned


def _fold(text: str) -> str:
    return _DIGITS.sub("0", normalize(text))


def rule_file_text(site: str, learned: Learned, language: str | None = None) -> str:
    """A candidate rule file (YAML) for `site`, with a comment on each rule
    saying how often it was seen, and a test case from the batch."""
    rules, tests = [], []
    for n, cand in enumerate(learned.candidates, 1):
        rule_id = f"learned-{cand.kind}-{n}"
        rules.append(
            {
                "id": rule_id,
                "kind": cand.kind,
                "category": "script" if _CODE_CHARS.search(cand.example) else "boilerplate",
                "message": f"recurs in {cand.documents} of {learned.documents} dumps",
                "raw": cand.pattern,
            }
        )
        tests.append({"name": rule_id, "input": cand.example + "\n", "cuts": [f"{site}/{rule_id}"]})
    data: dict = {"site": site}
    if language:
        data["language"] = language
    host = learned.hosts.most_common(1)[0][0] if learned.hosts else None
    if host:
        data["match"] = [{"url": rf"^https?://(www\.)?{re.escape(host.removeprefix('www.'))}/"}]
    data["rules"] = rules
    data["tests"] = tests
    head = (
        f"# Candidate rules for {site}, learned by `stripper learn` from {learned.documents} dumps:\n"
        f"# lines and script fragments that recur across them. Review each rule (a recurring\n"
        f"# line may be a real standfirst), then put this file in a rule folder (--rules DIR).\n"
    )
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
