"""Rule files: their schema, validated at load time, into `RuleFile`s.

A rule file is YAML (see docs/rules.md). Every error names the file, line and
column: `rules/sites/x.yml:31:7: unknown key 'nxt' (did you mean 'next'?)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..errors import RuleError
from ..model import CATEGORIES
from . import yamlpos
from .patterns import ANCHORS, Pattern

KINDS = ("line", "insertion", "tail", "block", "inline", "repeat")

# Defaults of the kind-specific knobs, also used as keyword defaults.
TAIL_MIN_BODY_WORDS_DEFAULT = 40  # body words that must precede a tail marker
TAIL_MARKER_MAX_WORDS_DEFAULT = 8  # a tail marker line is short
INSERTION_MAX_WORDS_DEFAULT = 40  # marker + headline on one line
HEADLINE_MAX_WORDS_DEFAULT = 30  # the headline an insertion marker takes along
BLOCK_MAX_LINES_DEFAULT = 30
REPEAT_MIN_WORDS_DEFAULT = 4

_COMMON_KEYS = {"id", "kind", "category", "message"}
_PATTERN_KEYS = {"tokens", "raw", "anchor"}
_KIND_KEYS = {
    "line": _PATTERN_KEYS | {"max_words", "min_words", "in_first", "in_last"},
    "inline": _PATTERN_KEYS,
    "insertion": {"marker", "max_words", "headline_max_words"},
    "tail": {"marker", "max_words", "min_body_words", "max_prose_after_pct"},
    "block": {"start", "end", "max_lines"},
    "repeat": {"min_words", "prefix"},
}
_FILE_KEYS = {
    "site",
    "common",
    "description",
    "language",
    "match",
    "extends",
    "disable",
    "rules",
    "tests",
    "classifier",
    "html",
}
_MATCH_KEYS = {"url", "filename", "signature"}
_TEST_KEYS = {"name", "input", "expect", "cuts"}
CLASSIFIER_MODES = ("on", "off")


@dataclass(frozen=True)
class Rule:
    """One rule of a rule file: its kind, what it cuts, and its knobs."""

    id: str  # qualified: "<rule set>/<rule id>"
    kind: str
    category: str
    message: str
    origin: str  # "path:line"
    pattern: Pattern | None = None  # line, inline
    marker: Pattern | None = None  # insertion, tail
    start: Pattern | None = None  # block
    end: Pattern | None = None  # block
    prefix: Pattern | None = None  # repeat
    max_words: int | None = None
    min_words: int | None = None
    in_first: int | None = None
    in_last: int | None = None
    max_lines: int = BLOCK_MAX_LINES_DEFAULT
    min_body_words: int = TAIL_MIN_BODY_WORDS_DEFAULT
    max_prose_after_pct: int | None = None  # tail: prose after the marker, in % of prose before
    headline_max_words: int = HEADLINE_MAX_WORDS_DEFAULT


@dataclass(frozen=True)
class MatchSpec:
    """A site file's `match:` entry: which documents are the site's."""

    kind: str  # url | filename | signature
    pattern: Pattern
    origin: str


@dataclass(frozen=True)
class RuleTest:
    """A rule file's `tests:` entry: an input and what cleaning it gives."""

    name: str
    input: str
    expect: str | None
    cuts: tuple[str, ...] | None
    origin: str


@dataclass
class RuleFile:
    """One parsed rule file: a site's rules or a language's common rules."""

    name: str  # site name, or "common-<lang>"
    is_common: bool
    path: str
    language: str | None
    rules: list[Rule]
    match: list[MatchSpec] = field(default_factory=list)
    extends: list[str] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)
    tests: list[RuleTest] = field(default_factory=list)
    classifier: str = "on"
    html: dict | None = None
    description: str = ""


def _close_match(word: str, choices) -> str | None:
    """The choice `word` was likely meant to be, for an error's hint (difflib
    is imported for an error only)."""
    import difflib

    found = difflib.get_close_matches(word, choices, n=1)
    return found[0] if found else None


def parse_rule_file(text: str, path: str) -> RuleFile:
    data = yamlpos.load(text, path)
    v = _Validator(path)
    if not isinstance(data, dict):
        raise RuleError(path, 1, 1, "a rule file is a mapping with 'site' or 'common' and 'rules'")
    v.keys(data, _FILE_KEYS)
    if ("site" in data) == ("common" in data):
        raise RuleError(path, *data.pos, "give exactly one of 'site: NAME' or 'common: LANGUAGE'")
    is_common = "common" in data
    raw_name = v.string(data, "common" if is_common else "site")
    if not regex.fullmatch(r"[a-z0-9][a-z0-9._-]*", raw_name):
        v.fail(
            data,
            "common" if is_common else "site",
            f"'{raw_name}' is not a valid name (lower-case letters, digits, . _ -)",
        )
    name = f"common-{raw_name}" if is_common else raw_name
    language = raw_name if is_common else v.optional_string(data, "language")
    if not is_common and language is None:
        language = None
    rules = [v.rule(item, name, pos) for item, pos in v.items(data, "rules", required=True)]
    seen: dict[str, tuple] = {}
    for rule, (item, pos) in zip(rules, v.items(data, "rules", required=True)):
        if rule.id in seen:
            raise RuleError(path, *item.key_pos["id"], f"duplicate rule id '{rule.id.split('/', 1)[1]}'")
        seen[rule.id] = pos
    match = [spec for item, _ in v.items(data, "match") for spec in v.match(item)]
    if is_common and match:
        v.fail(data, "match", "common rules apply by language; 'match' is for site files")
    classifier = v.optional_string(data, "classifier") or "on"
    if classifier not in CLASSIFIER_MODES:
        v.fail(data, "classifier", f"classifier must be one of {', '.join(CLASSIFIER_MODES)}")
    html = data.get("html")
    if html is not None:
        v.html_section(data, html)
    return RuleFile(
        name=name,
        is_common=is_common,
        path=path,
        language=language,
        rules=rules,
        match=match,
        extends=v.string_list(data, "extends"),
        disable=v.string_list(data, "disable"),
        tests=[v.test(item, pos) for item, pos in v.items(data, "tests")],
        classifier=classifier,
        html=dict(html) if html is not None else None,
        description=v.optional_string(data, "description") or "",
    )


class _Validator:
    """Checks shapes and turns them into rule objects, failing with a position."""

    def __init__(self, path: str):
        self.path = path

    # -- failing at the right spot ---------------------------------------
    def fail(self, mapping, key, message):
        pos = getattr(mapping, "value_pos", {}).get(key) or getattr(mapping, "pos", (None, None))
        raise RuleError(self.path, *pos, message)

    def html_section(self, data, html) -> None:
        """`html: {drop: [selectors], body: selector}`, each a valid CSS selector."""
        if not isinstance(html, dict):
            self.fail(data, "html", "'html' is a mapping (drop: [selectors], body: selector)")
        self.keys(html, {"drop", "body"})
        from ..html.selectors import check_selector  # loads selectolax: only for such files

        for selector in self.string_list(html, "drop"):
            if (why := check_selector(selector)) is not None:
                self.fail(html, "drop", f"CSS selector {selector!r} does not parse: {why}")
        body = self.optional_string(html, "body")
        if body is not None and (why := check_selector(body)) is not None:
            self.fail(html, "body", f"CSS selector {body!r} does not parse: {why}")

    def fail_key(self, mapping, key, message):
        pos = getattr(mapping, "key_pos", {}).get(key) or getattr(mapping, "pos", (None, None))
        raise RuleError(self.path, *pos, message)

    def keys(self, mapping, allowed, required=()):
        for key in mapping:
            if key not in allowed:
                hint = _close_match(str(key), sorted(allowed))
                extra = f" (did you mean '{hint}'?)" if hint else f" (allowed: {', '.join(sorted(allowed))})"
                self.fail_key(mapping, key, f"unknown key '{key}'{extra}")
        for key in required:
            if key not in mapping:
                raise RuleError(self.path, *mapping.pos, f"missing key '{key}'")

    # -- scalars and lists -----------------------------------------------
    def string(self, mapping, key) -> str:
        value = mapping.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(mapping, key, f"'{key}' must be a non-empty string")
        return value

    def optional_string(self, mapping, key) -> str | None:
        return self.string(mapping, key) if key in mapping else None

    def integer(self, mapping, key, default, minimum=0):
        if key not in mapping:
            return default
        value = mapping[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(mapping, key, f"'{key}' must be a whole number >= {minimum}")
        return value

    def string_list(self, mapping, key) -> list[str]:
        if key not in mapping:
            return []
        value = mapping[key]
        if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
            self.fail(mapping, key, f"'{key}' must be a list of strings")
        return list(value)

    def items(self, mapping, key, required=False):
        if key not in mapping:
            if required:
                raise RuleError(self.path, *mapping.pos, f"missing key '{key}'")
            return []
        value = mapping[key]
        if not isinstance(value, list) or (required and not value):
            self.fail(mapping, key, f"'{key}' must be a non-empty list")
        for item, pos in zip(value, value.item_pos):
            if not isinstance(item, dict):
                raise RuleError(self.path, *pos, f"each entry of '{key}' must be a mapping")
        return list(zip(value, value.item_pos))

    # -- patterns ---------------------------------------------------------
    def pattern(self, mapping, default_anchor="full", where=None) -> Pattern:
        """A pattern from `tokens`/`raw`/`anchor` keys of `mapping`."""
        has_tokens, has_raw = "tokens" in mapping, "raw" in mapping
        if has_tokens == has_raw:
            raise RuleError(self.path, *mapping.pos, f"{where or 'pattern'}: give exactly one of 'tokens' or 'raw'")
        if has_raw:
            if "anchor" in mapping:
                self.fail_key(mapping, "anchor", "'anchor' goes with 'tokens'; anchor a raw regex with ^ and $")
            raw = mapping["raw"]
            if not isinstance(raw, str) or not raw:
                self.fail(mapping, "raw", "'raw' must be a non-empty regex string")
            try:
                pattern = Pattern.from_raw(raw)
            except regex.error as exc:
                self.fail(mapping, "raw", f"regex does not compile: {exc}")
            if pattern.matches_empty():
                self.fail(mapping, "raw", "regex matches the empty string (it would match every line)")
            return pattern
        tokens = mapping["tokens"]
        if not isinstance(tokens, list) or not tokens:
            self.fail(mapping, "tokens", "'tokens' must be a non-empty list (an empty list would match every line)")
        for token, pos in zip(tokens, tokens.item_pos):
            if not isinstance(token, str) or not token.strip():
                raise RuleError(self.path, *pos, "each token must be a non-empty string")
        anchor = mapping.get("anchor", default_anchor)
        if anchor not in ANCHORS:
            self.fail(mapping, "anchor", f"anchor must be one of {', '.join(ANCHORS)}")
        return Pattern.from_tokens(list(tokens), anchor)

    def sub_pattern(self, mapping, key, default_anchor) -> Pattern:
        value = mapping[key]
        if isinstance(value, list):  # shorthand: a bare token list
            value = yamlpos.PosDict(tokens=value)
            value.pos, value.key_pos = mapping.value_pos[key], {}
            value.value_pos = {"tokens": mapping.value_pos[key]}
        if not isinstance(value, dict):
            self.fail(mapping, key, f"'{key}' must be a mapping with 'tokens' or 'raw', or a token list")
        self.keys(value, _PATTERN_KEYS)
        return self.pattern(value, default_anchor, where=key)

    # -- rules, match, tests -----------------------------------------------
    def rule(self, item, set_name: str, pos) -> Rule:
        self.keys(item, _COMMON_KEYS | set().union(*_KIND_KEYS.values()), required=("id", "kind", "category"))
        rule_id = self.string(item, "id")
        if not regex.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", rule_id):
            self.fail(item, "id", f"rule id '{rule_id}' may hold only letters, digits, . _ -")
        kind = self.string(item, "kind")
        if kind not in KINDS:
            hint = _close_match(kind, KINDS)
            self.fail(
                item,
                "kind",
                f"unknown kind '{kind}'" + (f" (did you mean '{hint}'?)" if hint else f" (kinds: {', '.join(KINDS)})"),
            )
        self.keys(item, _COMMON_KEYS | _KIND_KEYS[kind])
        category = self.string(item, "category")
        if category not in CATEGORIES:
            hint = _close_match(category, CATEGORIES)
            self.fail(
                item,
                "category",
                f"unknown category '{category}'"
                + (f" (did you mean '{hint}'?)" if hint else f" (categories: {', '.join(CATEGORIES)})"),
            )
        message = item.get("message", "")
        if not isinstance(message, str):
            self.fail(item, "message", "'message' must be a string")
        common = dict(
            id=f"{set_name}/{rule_id}", kind=kind, category=category, message=message, origin=f"{self.path}:{pos[0]}"
        )
        if kind == "line":
            return Rule(
                **common,
                pattern=self.pattern(item, "full"),
                max_words=self.integer(item, "max_words", None, 1),
                min_words=self.integer(item, "min_words", None, 0),
                in_first=self.integer(item, "in_first", None, 1),
                in_last=self.integer(item, "in_last", None, 1),
            )
        if kind == "inline":
            pattern = self.pattern(item, "any")
            if pattern.anchor == "full":
                self.fail(item, "anchor", "an inline rule cuts part of a line: use anchor 'start' or 'any'")
            return Rule(**common, pattern=pattern)
        if kind == "insertion":
            self.keys(item, _COMMON_KEYS | _KIND_KEYS[kind], required=("marker",))
            return Rule(
                **common,
                marker=self.sub_pattern(item, "marker", "start"),
                max_words=self.integer(item, "max_words", INSERTION_MAX_WORDS_DEFAULT, 1),
                headline_max_words=self.integer(item, "headline_max_words", HEADLINE_MAX_WORDS_DEFAULT, 1),
            )
        if kind == "tail":
            self.keys(item, _COMMON_KEYS | _KIND_KEYS[kind], required=("marker",))
            return Rule(
                **common,
                marker=self.sub_pattern(item, "marker", "full"),
                max_words=self.integer(item, "max_words", TAIL_MARKER_MAX_WORDS_DEFAULT, 1),
                min_body_words=self.integer(item, "min_body_words", TAIL_MIN_BODY_WORDS_DEFAULT, 0),
                max_prose_after_pct=self.integer(item, "max_prose_after_pct", None, 0),
            )
        if kind == "block":
            self.keys(item, _COMMON_KEYS | _KIND_KEYS[kind], required=("start", "end"))
            return Rule(
                **common,
                start=self.sub_pattern(item, "start", "full"),
                end=self.sub_pattern(item, "end", "full"),
                max_lines=self.integer(item, "max_lines", BLOCK_MAX_LINES_DEFAULT, 1),
            )
        # repeat
        return Rule(
            **common,
            prefix=self.sub_pattern(item, "prefix", "start") if "prefix" in item else None,
            min_words=self.integer(item, "min_words", REPEAT_MIN_WORDS_DEFAULT, 1),
        )

    def match(self, item) -> list[MatchSpec]:
        self.keys(item, _MATCH_KEYS)
        if len(item) != 1:
            raise RuleError(self.path, *item.pos, "each 'match' entry has one key: url, filename or signature")
        ((kind, value),) = item.items()
        origin = f"{self.path}:{item.key_pos[kind][0]}"
        if kind == "signature":
            if isinstance(value, str):
                value = yamlpos.PosDict(raw=value)
                value.pos = item.value_pos[kind]
                value.key_pos, value.value_pos = {}, {"raw": item.value_pos[kind]}
                return [MatchSpec(kind, self.pattern(value, where="signature"), origin)]
            return [MatchSpec(kind, self.sub_pattern(item, kind, "full"), origin)]
        if not isinstance(value, str) or not value:
            self.fail(item, kind, f"'{kind}' must be a regex string")
        try:
            compiled = Pattern.from_raw(value, normalized=False)
        except regex.error as exc:
            self.fail(item, kind, f"regex does not compile: {exc}")
        if compiled.matches_empty():
            self.fail(item, kind, "regex matches the empty string")
        return [MatchSpec(kind, compiled, origin)]

    def test(self, item, pos) -> RuleTest:
        self.keys(item, _TEST_KEYS, required=("input",))
        if "expect" not in item and "cuts" not in item:
            raise RuleError(self.path, *pos, "a test needs 'expect' (output text) or 'cuts' (rule ids), or both")
        text = item["input"]
        if not isinstance(text, str):
            self.fail(item, "input", "'input' must be a string")
        expect = item.get("expect")
        if expect is not None and not isinstance(expect, str):
            self.fail(item, "expect", "'expect' must be a string")
        cuts = None
        if "cuts" in item:
            cuts = tuple(self.string_list(item, "cuts"))
        name = item.get("name") or f"test at line {pos[0]}"
        return RuleTest(str(name), text, expect, cuts, f"{self.path}:{pos[0]}")
