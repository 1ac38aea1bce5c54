"""Patterns: what a rule looks for in a line.

Every pattern is matched against the *normalised* line (see
`stripper.normalize`), so one spelling covers its Arabic variants and case.

- `tokens: [...]`: a word list turned into one alternation. `anchor` says
  where it must stand: `full` (default: the whole line, ignoring bullets and
  trailing `:` `*` `...`), `start` (the line begins with a token, at a word
  boundary) or `any` (anywhere, at word boundaries).
- `raw: '...'`: a regular expression (the `regex` package, case-insensitive),
  searched in the normalised line; anchor it yourself with `^` and `$`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import regex

from ..normalize import normalize, normalize_pattern, normalize_with_map, strip_decoration

ANCHORS = ("full", "start", "any")
# A regex gets this long on one line before the rule is reported as timed out.
REGEX_TIMEOUT_DEFAULT = 1.0


class PatternTimeout(Exception):
    pass


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern. Build with `Pattern.from_tokens` / `from_raw`."""

    source: str  # "tokens" or "raw", for messages
    anchor: str
    regex: "regex.Pattern"
    token_set: frozenset = field(default_factory=frozenset)
    timeout: float = REGEX_TIMEOUT_DEFAULT

    @classmethod
    def from_tokens(cls, tokens: list[str], anchor: str = "full") -> "Pattern":
        normed = sorted({strip_decoration(normalize(t)) if anchor == "full" else normalize(t)
                         for t in tokens}, key=lambda t: (-len(t), t))
        alternation = "|".join(regex.escape(t) for t in normed)
        if anchor == "full":
            body = rf"^(?:{alternation})$"
        elif anchor == "start":
            body = rf"^(?:{alternation})(?!\w)"
        else:
            body = rf"(?<!\w)(?:{alternation})(?!\w)"
        return cls("tokens", anchor, regex.compile(body, regex.IGNORECASE),
                   frozenset(normed) if anchor == "full" else frozenset())

    @classmethod
    def from_raw(cls, raw: str) -> "Pattern":
        """Compile a raw regex; raises `regex.error` when it does not compile."""
        return cls("raw", "any", regex.compile(normalize_pattern(raw), regex.IGNORECASE))

    def may_occur(self, joined: str, stripped_lines: frozenset[str]) -> bool:
        """False only when no line of the document can match: one search of
        the whole normalised document (`joined`: its lines joined by "\\n";
        `stripped_lines`: its lines without decoration) instead of one a line."""
        if self.token_set:
            return not self.token_set.isdisjoint(stripped_lines)
        if self._document_regex is None:
            return True
        try:
            return self._document_regex.search(joined, timeout=self.timeout) is not None
        except TimeoutError:  # a long document, or a slow pattern: go line by line
            return True

    @cached_property
    def _document_regex(self):
        """The pattern with ^ and $ at line boundaries, for `may_occur`; None
        where a document-wide search could miss a line's match (look-arounds
        and absolute anchors see past the line)."""
        if regex.search(r"\(\?<?[=!]|\\[AZzG]", self.regex.pattern) and self.source == "raw":
            return None
        return regex.compile(self.regex.pattern, self.regex.flags | regex.MULTILINE)

    def matches_empty(self) -> bool:
        return self.regex.search("") is not None

    def search(self, norm: str):
        """Search the normalised line `norm`; a match object or None."""
        if self.token_set:
            target = strip_decoration(norm)
            return _WholeMatch(target) if target in self.token_set else None
        try:
            return self.regex.search(norm, timeout=self.timeout)
        except TimeoutError:
            raise PatternTimeout(self.regex.pattern) from None

    def spans(self, line: str) -> list[tuple[int, int]]:
        """Spans of `line` (original text) that the pattern matches."""
        norm, where = normalize_with_map(line)
        out = []
        try:
            for m in self.regex.finditer(norm, timeout=self.timeout):
                if m.end() > m.start():
                    out.append((where[m.start()], where[m.end() - 1] + 1))
        except TimeoutError:
            raise PatternTimeout(self.regex.pattern) from None
        return out


class _WholeMatch:
    """A match standing for the whole (decoration-stripped) line."""

    def __init__(self, text: str):
        self.text = text

    def end(self) -> int:
        return len(self.text)

    def group(self, _=0) -> str:
        return self.text
