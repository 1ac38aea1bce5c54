"""HTML to lines: every visible block of the page becomes a line, as a
scraper's text dump would have it, and each line remembers the element it
came from (tag, classes and ids of its ancestors, how much of it is link
text) for the DOM decisions in `dom.py`."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from ..errors import InputError
from ..model import Document
from ..textio import looks_like_html as looks_like_html

BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption dd details dialog div dl dt
fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre
section summary table tbody td tfoot th thead tr ul center menu option select textarea""".split()
)
# <noscript> is read: lexbor parses it as markup, and some pages hold their
# whole content inside one.
SKIP_TAGS = frozenset(
    "script style template svg iframe head object embed canvas math button input select textarea".split()
)
# Skipped elements still listed in Elements: the finder counts inputs and
# embeds, and every listed element adds to its estimate of an article's HTML
# size (dropping textarea and iframe changed 28 of the 656 bench pages).
COUNTED_SKIPPED = frozenset({"input", "embed", "textarea", "iframe"})
_STYLE_HIDDEN = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.I
)
_SPACE = re.compile(r"\s+")
# Invisible format characters that split a word for every tool that reads
# the text (the soft hyphen, zero-width spaces and joiners, the BOM as a
# zero-width no-break space): taken out where they stand inside a word.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_SET = frozenset(_INVISIBLE)
_INVISIBLE_IN_WORD = re.compile(rf"(?<=\w)[{_INVISIBLE}]+(?=\w)")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class Block(NamedTuple):
    """Where a line came from. (A named tuple: a page makes one a line, and
    a frozen dataclass took 1.9 us to make, a tenth of the walk.)"""

    tag: str  # the block element holding the text
    ids: tuple[int, ...]  # its ancestors, outermost first, as numbers in Elements
    link_chars: int  # characters of the line inside <a>
    heading: bool


class Elements:
    """The page's elements in document order, numbered from 1 as in
    Block.ids (0 stands for the root above `body`): each one's tag, its
    parent's number, and its class and id (for the scoring in
    readable.py). Form controls and embeds are listed too, though they make
    no lines, since the scoring counts them."""

    __slots__ = ("tags", "parents", "classes", "idents", "itemprops", "styled_hidden", "noscript_lines")

    def __init__(self):
        self.tags: list[str] = ["html"]
        self.parents: list[int] = [0]
        self.classes: list[str] = [""]
        self.idents: list[str] = [""]
        self.itemprops: list[str] = [""]
        self.styled_hidden: list[int] = []  # elements a style attribute hides
        self.noscript_lines: set[int] = set()  # lines mostly of <noscript> text

    def add(self, tag: str, parent: int, attributes: dict) -> int:
        """Lists an element; its number."""
        self.tags.append(tag)
        self.parents.append(parent)
        number = len(self.tags) - 1
        if not attributes:
            self.classes.append("")
            self.idents.append("")
            self.itemprops.append("")
            return number
        self.classes.append(attributes.get("class") or "")
        self.idents.append(attributes.get("id") or "")
        self.itemprops.append(attributes.get("itemprop") or "")
        style = attributes.get("style")
        if style and _STYLE_HIDDEN.search(style):
            self.styled_hidden.append(number)
        return number


def decode_html(data: bytes, source: str) -> tuple[str, str]:
    """The page's text and its charset: a BOM; else UTF-8 when the bytes are
    valid UTF-8 (pages often declare a charset they do not use); else the
    charset the meta tag declares."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    declared = _META_CHARSET.search(data[:4096])
    names = [declared.group(1).decode("ascii").lower()] if declared else []
    for name in ["utf-8", *names]:
        try:
            codecs.lookup(name)
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            continue
    raise InputError(
        f"{source}: cannot decode the page as {' or '.join(['utf-8', *names])} "
        f"(declared charset {names[0] if names else 'none'}); try --encoding"
    )


def read_html(data: bytes, source: str, url: str | None = None) -> Document:
    """A Document of the page's visible blocks, one a line; `meta["blocks"]`
    holds each line's Block, `meta["format"]` is "html"."""
    from selectolax.lexbor import LexborHTMLParser  # only when HTML is met

    text, charset = decode_html(data, source)
    tree = LexborHTMLParser(text)
    if not url:
        canonical = tree.css_first('link[rel="canonical"]')
        url = canonical.attributes.get("href") if canonical is not None else None
    node_ids: dict[int, int] = {}
    elements = Elements()
    lines, blocks = _blocks(tree.body, node_ids, elements) if tree.body is not None else ([], [])
    doc = Document.from_text("".join(line + "\n" for line in lines), source=source, url=url, encoding=charset)
    return Document(
        doc.lines,
        doc.endings,
        source=source,
        url=url,
        encoding="utf-8",
        meta={
            "format": "html",
            "blocks": tuple(blocks),
            "html": text,
            "tree": tree,
            "node_ids": node_ids,
            "elements": elements,
        },
    )


def _blocks(body, node_ids: dict[int, int], elements: Elements) -> tuple[list[str], list[Block]]:
    """The lines and their Blocks; `node_ids` gets each element's number,
    `elements` each element's tag, parent, class and id."""
    lines: list[str] = []
    blocks: list[Block] = []
    parts: list[str] = []
    link_chars = 0
    noscript_chars = 0
    ids: list[int] = []
    tags: list[str] = []
    in_link = 0

    def flush():
        nonlocal parts, link_chars, noscript_chars
        if not parts:  # (most block boundaries: nothing since the last one)
            return
        line = _SPACE.sub(" ", "".join(parts)).strip()
        if not line.isascii() and not _INVISIBLE_SET.isdisjoint(line):
            line = _INVISIBLE_IN_WORD.sub("", line)
        if line:
            tag = next((t for t in reversed(tags) if t in BLOCK_TAGS), "body")
            lines.append(line)
            blocks.append(
                Block(tag, tuple(ids), min(link_chars, len(line)), tag in ("h1", "h2", "h3", "h4", "h5", "h6"))
            )
            if noscript_chars * 2 > len(line):
                elements.noscript_lines.add(len(lines) - 1)
        parts, link_chars, noscript_chars = [], 0, 0

    # the stack holds nodes to enter and, as plain strings, the tags of the
    # elements to leave (a node's tag is a call into selectolax each time);
    # Elements.add is inlined (a call per element was a sixth of the walk)
    el_tags, el_parents, el_classes = elements.tags, elements.parents, elements.classes
    el_idents, el_itemprops, el_hidden = elements.idents, elements.itemprops, elements.styled_hidden
    stack: list = [body]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        if node.__class__ is str:  # leaving an element
            if node in BLOCK_TAGS:
                if parts:
                    flush()
            elif node == "a":
                in_link -= 1
            ids.pop()
            tags.pop()
            continue
        tag = node.tag
        if tag == "-text":
            value = node.text_content or ""
            parts.append(value)
            if in_link:
                link_chars += len(value.strip())
            if tags and tags[-1] == "noscript":  # lexbor reads its markup as text
                noscript_chars += len(value.strip())
            continue
        if not tag or tag[0] == "-":  # comments, doctypes, CDATA
            continue
        if tag in SKIP_TAGS:
            if tag in COUNTED_SKIPPED:
                attributes = node.attributes
                if attributes.get("type") != "hidden":
                    elements.add(tag, ids[-1] if ids else 0, attributes)
            continue
        attributes = node.attributes
        if "hidden" in attributes and tag != "body":
            continue
        if tag == "br":
            if parts:
                flush()
            continue
        if tag in BLOCK_TAGS:
            if parts:
                flush()
        elif tag == "a":
            in_link += 1
        counter = len(el_tags)
        el_tags.append(tag)
        el_parents.append(ids[-1] if ids else 0)
        if attributes:
            el_classes.append(attributes.get("class") or "")
            el_idents.append(attributes.get("id") or "")
            el_itemprops.append(attributes.get("itemprop") or "")
            style = attributes.get("style")
            if style and _STYLE_HIDDEN.search(style):
                el_hidden.append(counter)
        else:
            el_classes.append("")
            el_idents.append("")
            el_itemprops.append("")
        ids.append(counter)
        node_ids[node.mem_id] = counter
        tags.append(tag)
        push(tag)
        extend(reversed(list(node.iter(include_text=True))))
    flush()
    return lines, blocks
