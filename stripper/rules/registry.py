"""All rule files of a run, and the choice of which apply to a document.

Bundled files come first (`rules/` of the repository, shipped in the wheel
as `stripper/_rules`); each `--rules DIR` is read after them, and a site or
common file of the same name in a later folder replaces the earlier one.
Files are parsed once per run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

try:  # Cython compiles this module (stripper/_native.py) and reads these names as C types
    import cython
except ImportError:  # run as plain Python, Cython absent: the names mean nothing
    from .. import _cython_shim as cython

from ..errors import RuleError
from ..model import Document
from ..normalize import strip_decoration
from . import cache
from .engine import KindOrdered
from .patterns import holds_one_of_each, literals_held, screen_form
from .schema import Rule, RuleFile, parse_rule_file


def bundled_rules_dir() -> Path:
    """Where the bundled rule files are: inside the installed package, or at
    the top of a source checkout (editable install)."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "_rules"
    return installed if installed.is_dir() else here.parent / "rules"


def rule_file_paths(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


@dataclass(frozen=True)
class Route:
    """Which rules apply to one document, and why."""

    site: RuleFile | None
    reason: str  # "--site", "url ...", "signature ...", "no site matched"
    language: str
    rules: tuple[Rule, ...]
    classifier: bool


# Routes a registry keeps (`RuleRegistry._route`): sites, reasons and languages met.
ROUTES_KEPT_MAX = 4096


class RuleRegistry:
    def __init__(self, files: list[RuleFile]) -> None:
        self.sites: dict[str, RuleFile] = {}
        self.commons: dict[str, RuleFile] = {}
        for f in files:  # later files replace earlier ones of the same name
            (self.commons if f.is_common else self.sites)[f.name] = f
        self._gathered: dict[tuple[str | None, str], KindOrdered] = {}
        self._routes: dict[tuple[str | None, str, str], Route] = {}  # (site, reason, language) -> its Route
        # each site's match specs of a kind, the sites in name order: made
        # once, not picked out for every document
        self._matches: dict[str, list[tuple[RuleFile, list]]] = {
            kind: [
                (self.sites[name], specs)
                for name in sorted(self.sites)
                if (specs := [spec for spec in self.sites[name].match if spec.kind == kind])
            ]
            for kind in ("url", "filename", "signature")
        }
        # each site's signatures with their marked literals (`literals_held`),
        # read once here, not a pattern's attribute a document
        self._signatures = [
            (site, [(spec, spec.pattern.marked_literals) for spec in specs])
            for site, specs in self._matches["signature"]
        ]
        self._check_references()

    @classmethod
    def load(cls, extra_dirs: Iterable[str | Path] = (), include_bundled: bool = True) -> RuleRegistry:
        dirs = ([bundled_rules_dir()] if include_bundled else []) + [Path(d) for d in extra_dirs]
        files: list[RuleFile] = []
        for directory in dirs:
            if not directory.is_dir():
                raise RuleError(str(directory), None, None, "rule folder not found")
            seen: dict[str, str] = {}
            for path in rule_file_paths(directory):
                rule_file = load_rule_file(path)
                if rule_file.name in seen:
                    raise RuleError(
                        str(path), None, None, f"'{rule_file.name}' is already defined in {seen[rule_file.name]}"
                    )
                seen[rule_file.name] = str(path)
                files.append(rule_file)
        return cls(files)

    def _check_references(self) -> None:
        for f in [*self.sites.values(), *self.commons.values()]:
            for name in f.extends:
                if name not in self.commons:
                    raise RuleError(
                        f.path,
                        None,
                        None,
                        f"extends unknown common rules '{name}' (known: {', '.join(sorted(self.commons)) or 'none'})",
                    )
            known = {r.id for c in self._commons_of(f) for r in c.rules}
            for rule_id in f.disable:
                if rule_id not in known:
                    raise RuleError(f.path, None, None, f"disables unknown rule '{rule_id}'")

    # -- routing ---------------------------------------------------------
    def _commons_of(self, site: RuleFile | None, language: str | None = None) -> list[RuleFile]:
        """The common sets for a document: the site's `extends`, else all of
        them, `any` first. Their markers are words of their language, so
        they only match text in it; applying all of them keeps cleaning
        idempotent when a mixed document's detected language changes."""
        if site is not None and site.extends:
            return [self.commons[n] for n in site.extends]
        return sorted(self.commons.values(), key=lambda f: (f.name != "common-any", f.name))

    def route(self, doc: Document, language: str, *, site: str | None = None, site_rules: bool = True) -> Route:
        """Choose the site (unless `site_rules` is off) and gather its rules:
        the site's own first, then the common rules it does not disable."""
        chosen, reason = (None, "site rules off") if not site_rules else self.detect_site(doc, site)
        return self._route(chosen, reason, language)

    def with_language(self, route: Route, language: str) -> Route:
        """The same site, with the common rules of another language."""
        return self._route(route.site, route.reason, language)

    def _route(self, chosen: RuleFile | None, reason: str, language: str) -> Route:
        """The Route of a site, reason and language: made once, not once a
        document (a frozen dataclass's construction took 9k instructions,
        1% of a tunisia-news document's cleaning), up to ROUTES_KEPT_MAX
        of them (a URL's reason names the URL)."""
        key = (chosen.name if chosen else None, reason, language)
        route = self._routes.get(key)
        if route is None:
            classifier = chosen.classifier == "on" if chosen else True
            route = Route(chosen, reason, language, self._rules_for(chosen, language), classifier)
            if len(self._routes) < ROUTES_KEPT_MAX:
                self._routes[key] = route
        return route

    def _rules_for(self, chosen: RuleFile | None, language: str) -> KindOrdered:
        """The site's rules, then the common rules it does not disable, in
        the order the engine applies them; gathered once per site."""
        key = (chosen.name if chosen else None, language)
        rules = self._gathered.get(key)
        if rules is None:
            disabled = set(chosen.disable) if chosen else set()
            found = list(chosen.rules) if chosen else []
            found += [r for c in self._commons_of(chosen, language) for r in c.rules if r.id not in disabled]
            rules = self._gathered[key] = KindOrdered.of(found)
        return rules

    def detect_site(self, doc: Document, override: str | None = None) -> tuple[RuleFile | None, str]:
        if override:
            if override not in self.sites:
                raise RuleError(
                    "--site",
                    None,
                    None,
                    f"unknown site '{override}' (known: {', '.join(sorted(self.sites)) or 'none'})",
                )
            return self.sites[override], "--site"
        # a site's URL or file name pattern is searched only where the text
        # holds the ASCII strings it needs (a search cost 5,000 instructions,
        # most of a tunisia-news document's URL matched by no site)
        url = document_url(doc)
        if url:
            screened = screen_form(url)
            for site, specs in self._matches["url"]:
                for spec in specs:
                    if holds_one_of_each(screened, spec.pattern.ascii_literals) and spec.pattern.regex.search(url):
                        return site, f"url {url} ({spec.origin})"
        if self._matches["filename"]:
            filename = os.path.basename(doc.source)
            screened = screen_form(filename)
            for site, specs in self._matches["filename"]:
                for spec in specs:
                    if holds_one_of_each(screened, spec.pattern.ascii_literals) and spec.pattern.regex.search(filename):
                        return site, f"file name ({spec.origin})"
        return self._detect_by_signature(doc)

    @cython.locals(arabic=cython.bint)
    def _detect_by_signature(self, doc: Document) -> tuple[RuleFile | None, str]:
        """The site whose signatures most lines show. A signature is looked
        for line by line only where the document's folded text holds a
        string of each set of its literals (`literals_held`: what
        `Pattern.literals_occur` tells, without a method call a pattern),
        and for a pattern without literals, where one search of the whole
        text finds it."""
        norm = doc.normalized
        arabic = doc.holds_arabic
        stripped = None
        best, best_hits, best_where = None, 0, ""
        for site, specs in self._signatures:
            hits, where = 0, ""
            for spec, marked in specs:
                if not literals_held(doc, marked, arabic):
                    continue  # no line can match: the lines need not be stripped to tell
                if spec.pattern.token_set:
                    if stripped is None:
                        stripped = frozenset(strip_decoration(line) for line in norm)
                    if spec.pattern.token_set.isdisjoint(stripped):
                        continue
                elif not spec.pattern.literals and not spec.pattern.may_occur(doc, frozenset(), arabic):
                    continue  # one search of the whole text says it is not there
                for i, line in enumerate(norm):
                    if line and spec.pattern.search(line):
                        hits += 1
                        where = where or f"signature on line {i + 1} ({spec.origin})"
                        break
            if hits > best_hits:
                best, best_hits, best_where = site, hits, where
        if best is None:
            return None, "no site matched"
        return best, best_where

    def all_files(self) -> list[RuleFile]:
        return [*self.commons.values(), *self.sites.values()]


def load_rule_file(path: Path) -> RuleFile:
    """The rule file at `path`, parsed, or taken from the cache of parsed
    rule files where it holds the same bytes (stripper/rules/cache.py)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise RuleError(str(path), None, None, f"cannot read: {exc.strerror}") from None
    return cache.parsed(str(path), data, _parse)


def _parse(data: bytes, path: str) -> RuleFile:
    try:
        text = cache.text_of(data)
    except UnicodeDecodeError as exc:
        raise RuleError(path, None, None, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return parse_rule_file(text, path)


def document_url(doc: Document) -> str | None:
    """The document's URL: from its metadata, or a URL alone on line 1."""
    if doc.url:
        return doc.url
    return doc.header_url


def url_header_line(doc: Document) -> int | None:
    """Line 0 when it is a bare URL header (kept as it is, never cut)."""
    return None if doc.header_url is None else 0
