"""What a page says about its own article, outside the article: its
`<title>`, `og:title` and JSON-LD `headline` (the headline), its
description (`og:description`, `<meta name="description">`, JSON-LD
`description`) and its canonical URL, whose last segment is often the
headline's words. The article finder (readable.py) reads them to tell the
page's article from a second article or from teasers."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..normalize import normalize

_WORD = re.compile(r"\w+")
# Between a <title>'s headline and the site's name: "Headline - Site", "Headline | Site".
TITLE_SEPARATOR = re.compile(r"\s+[-|–—:»«•·]+\s+|\s*::\s*")
_JSON_FIELD = re.compile(r'"(headline|description)"\s*:\s*("(?:[^"\\]|\\.)*")')
_SLUG_SPLIT = re.compile(r"[-_+.]+")
_META = {
    "og:title": "title",
    "twitter:title": "title",
    "og:description": "description",
    "description": "description",
    "twitter:description": "description",
}


def words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(normalize(text)))


@dataclass(frozen=True)
class Signals:
    """The headline's and the description's words, as the page states them."""

    titles: tuple[frozenset[str], ...] = ()  # <title>, og:title, JSON-LD headline, URL slug
    description: frozenset[str] = frozenset()

    def headline_match(self, line_words: frozenset[str], share: float) -> bool:
        """Whether a line's words are one of the page's titles: they share
        `share` of the shorter one's words (titles are often the headline
        cut short, or the headline with the site's name) and half the
        title's (the site's name alone, in a heading, is not the headline)."""
        if len(line_words) < 2 and not any(len(t) == 1 for t in self.titles):
            return False
        for title in self.titles:
            shared = len(line_words & title)
            if shared >= share * min(len(line_words), len(title)) and 2 * shared >= len(title):
                return True
        return False


NO_SIGNALS = Signals()  # a page that says nothing of its article


TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_META_TAG = re.compile(r"<meta\s[^>]*>", re.I)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
LD_JSON = "application/ld+json"
JSON_LD_CHARS = 20_000  # of each JSON-LD script: the headline comes early


def page_signals(page: str, url: str | None) -> Signals:
    """The page's signals, read from its HTML (`page`) and its URL: regular
    expressions over the `<head>` and the JSON-LD scripts, a tenth of what
    querying the parsed tree costs."""
    end = page.find("</head>")
    head = page[:end] if end > 0 else page[:50_000]
    titles: list[frozenset[str]] = []
    description: frozenset[str] = frozenset()
    found = TITLE.search(head)
    if found:
        titles.append(words(html.unescape(found.group(1))))
    for tag in _META_TAG.finditer(head):
        attributes = {name.lower(): a or b or c for name, a, b, c in _ATTRIBUTE.findall(tag.group(0))}
        kind = _META.get((attributes.get("property") or attributes.get("name") or "").lower())
        content = html.unescape(attributes.get("content") or "")
        if kind == "title":
            titles.append(words(content))
        elif kind == "description" and not description:
            description = words(content)
    at = page.find(LD_JSON)
    while at >= 0:
        start = page.find(">", at) + 1
        stop = page.find("</script", start)
        stop = len(page) if stop < 0 else stop
        for field, literal in _JSON_FIELD.findall(page[start : min(stop, start + JSON_LD_CHARS)]):
            try:
                value = json.loads(literal)
            except ValueError:
                continue
            if field == "headline":
                titles.append(words(value))
            elif field == "description" and not description:
                description = words(value)
        at = page.find(LD_JSON, stop)
    slug = _slug(url)
    if len(slug) >= 3:
        titles.append(slug)
    return Signals(tuple(t for t in dict.fromkeys(titles) if t), description)


def _slug(url: str | None) -> frozenset[str]:
    """The words of a URL's last path segment ("/2024/05/big-storm-hits-coast.html")."""
    if not url:
        return frozenset()
    try:
        path = [part for part in urlsplit(url).path.split("/") if part]
    except ValueError:  # not a URL one can split ("http://[::1")
        return frozenset()
    if not path:
        return frozenset()
    last = re.sub(r"\.\w{2,5}$", "", unquote(path[-1]))
    parts = [p for p in _SLUG_SPLIT.split(last) if p and not p.isdigit()]
    return words(" ".join(parts)) if len(parts) >= 3 else frozenset()
