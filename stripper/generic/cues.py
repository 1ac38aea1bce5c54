"""The language modules' cues (arabic.py, latin.py), joined into the
patterns the classifier searches, and the cues that hold in any script."""

from __future__ import annotations

import re

from ..lazyre import compile_later
from ..rules.patterns import required_literals
from . import arabic, latin

_LANGUAGES = (arabic, latin)


def _alternation(name: str) -> str:
    return "|".join(p for module in _LANGUAGES for p in getattr(module, name))


# Characters that show nothing: a line of them and spaces alone is blank
# (a zero-width space or joiner, a byte-order mark, a soft hyphen).
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


BLANK_MAX_CHARS = 16  # a line of invisible characters is no longer than this, spaces aside


def blank(text: str) -> bool:
    """No visible character: spaces and INVISIBLE alone (every INVISIBLE
    character is beyond ASCII: an ASCII line is blank only when empty)."""
    s = text.strip()
    return not s or len(s) <= BLANK_MAX_CHARS and not s.isascii() and not s.strip(INVISIBLE).strip()


# A sentence that opens so announces a list, whatever its end: "فيما يلي الأسعار ..."
OPENS_ANNOUNCING = compile_later(f"(?:{_alternation('ANNOUNCE_OPENINGS')})(?!\\w)", re.IGNORECASE)
# Words that announce what follows: "النتائج التالية", "as follows"
ANNOUNCING = compile_later(f"(?<!\\w)(?:{_alternation('ANNOUNCING_WORDS')})(?!\\w)", re.IGNORECASE)
# The first article's closing credit: "المصدر: الحرة", "Source: Reuters"
SOURCE_CREDIT = compile_later(f"^\\s*(?:{_alternation('SOURCE_CREDIT_WORDS')})\\s*:", re.IGNORECASE)
# A dateline opens an article: "سرايا - نشرت ...", "MOSCOW (Reuters) - ...";
# a place opens it, not a number ("1 - ..." is an item of a list).
DATELINE = compile_later(r"^\s*[^\W\d_]\S*(?:\s+\S+){0,4}?\s*(?:\([^)]{1,30}\))?\s+[-–—]\s+\S")
# A box's teaser, cut short with a link to the rest.
TEASER_END = compile_later(r"(?:\.\.\.|…|\b(?:اقرا|read) (?:المزيد|more))\W*$")
# A teaser cut short by a site's program: three dots typed as such ("...",
# "[...]"), or a link to the rest. (The ellipsis character "…" ends a
# writer's sentences too.)
CUT_SHORT = compile_later(r"(?:\.\.\.|\b(?:اقرأ|اقرا|read) (?:المزيد|more))\W*$", re.IGNORECASE)
# The strings (case folded) one of which every match of CUT_SHORT holds: a
# line's end that holds none is not searched.
CUT_SHORT_NEEDS = required_literals(CUT_SHORT.pattern)[0]
# An author's box's label, a line of its own: "About the author", "Author
# bio:"; or "About" over a name of one to three capitalized words ("About
# Nancy Atkinson": group 1), whose box must speak of a person (PERSON)
AUTHOR_BOX = compile_later(
    f"^\\W*(?:(?:{_alternation('AUTHOR_BOX_LABELS')})|(?:{_alternation('AUTHOR_BOX_NAMED')})"
    f"(\\s+(?-i:[A-Z])[\\w.'’-]*(?:\\s+(?-i:[A-Z])[\\w.'’-]*){{0,2}}))\\W*$",
    re.IGNORECASE,
)
PERSON = compile_later(f"(?<!\\w)(?:{_alternation('PERSON_WORDS')})(?!\\w)", re.IGNORECASE)
# A link to the rest of the teaser above it, on a line of its own: "more »",
# "Read more", "Continue reading ->", "Full story".
# (Not "More:", a box's label.) Its words at most MORE_LINK_WORDS.
MORE_LINK_WORDS = 2
MORE_LINK = compile_later(
    r"^\W*(?:read\s+more|more|read\s+on|continue\s+reading|full\s+story)(?:\W*[^\w\s:：])?\s*$", re.IGNORECASE
)
# A byline: its opening word, then a name (at most 8 words in all: checked by the caller)
BYLINE = compile_later(f"^\\s*(?:{_alternation('BYLINE_OPENINGS')})(?:\\s*[:：\\-–]\\s*|\\s+)\\S", re.IGNORECASE)
# A headline labelled with its section, as "latest news" rolls show them:
# "سياسة: رئيس الحكومة يستقبل ...", "Sport | United win the derby"
LABELLED_HEADLINE = compile_later(r"^\s*[^\W\d_]\w*(?:[ -]\w+)?\s*[:：|]\s+\S")
# A numbered section's heading: "12. Non-contact voltage tester", "3) Pricing"
# (its number in any script's digits: the first group).
NUMBERED = compile_later(r"^\s*(\d{1,3})\s*[.)]\s+\S")
# A field of a record, a label of one or two words and its value: "Date:
# January 6-9, 2026", "Location: Las Vegas".
FIELD = compile_later(r"^\s*[^\W\d_]\w*(?:[ -]\w+)?\s*[:：]\s+\S")
# A comment count, a line of its own over the comments: "41 Comments",
# "Comments (41)", "{ 167 comments }", "One Comment", "تعليقات (3)" (one
# word may come between: "Reader comments 7", "Wasze komentarze [1]"; and
# one after a number's: "No comments yet").
_COMMENT = f"(?:{_alternation('COMMENT_WORDS')})"
COMMENT_COUNT = compile_later(
    f"^\\W*(?:(?:\\d+|{_alternation('COUNT_WORDS')})\\s+(?:\\w+\\s+)?{_COMMENT}(?:\\s+\\w+)?"
    f"|(?:\\w+\\s+)?{_COMMENT}\\s*[(\\[]?\\s*\\d+\\s*[)\\]]?)\\W*$",
    re.IGNORECASE,
)
# A thread's heading, with or without its count: "Comments", "Reader
# Comments", "7 Responses", "Comments (2)". Alone it may be an article's
# subheading ("Comment", "Response"): read only over a chain of signatures.
COMMENT_HEADING = compile_later(f"^\\W*(?:\\w+\\s+)?{_COMMENT}\\W*$", re.IGNORECASE)
# A count of the comments inside a longer line, as a blog's index prints
# one under each post ("11:24 AM | Permalink | Comments (7)", "Posted by
# Harry on July 24, 2006 Comments: 2"): a post's footer, not a comment's
# signature.
COMMENT_TALLY = compile_later(
    f"(?<!\\w)(?:\\d+\\s+{_COMMENT}|{_COMMENT}\\s*(?:[(\\[:]\\s*)?\\d+)(?!\\w)",
    re.IGNORECASE,
)


def _stem(pattern: str) -> str:
    """The letters every match of one of COMMENT_WORDS opens with
    ("comments?": "comment", "komentarz[ey]?": "komentarz")."""
    literal = re.match(r"[^\[\](){}?*+|\\.]*", pattern).group()  # type: ignore[union-attr]
    return literal[:-1] if pattern[len(literal) : len(literal) + 1] in ("?", "*", "{") else literal


_COMMENT_STEMS = tuple(sorted({_stem(word) for word in _alternation("COMMENT_WORDS").split("|")}))


def may_tally_comments(text: str) -> bool:
    """False where COMMENT_TALLY cannot match: `text` holds no comment
    word's stem, read as its case-insensitive match reads letters
    (casefolded, the dotless and the dotted I as "i"). A few substring
    tests instead of the regex's try at every character of a long line."""
    folded = text.casefold()
    if "\u0131" in folded or "\u0307" in folded:
        folded = folded.replace("\u0131", "i").replace("i\u0307", "i")
    for stem in _COMMENT_STEMS:  # (a loop, not any() of a generator: compiled, no generator a line)
        if stem in folded:
            return True
    return False


# A line of program code, as an article's code block shows it: a call
# ("avg(n)", "fmt.Sprintf("), an opening or closing brace or bracket, a
# statement's end (";"), an assignment or an arrow ("x = 1", "rows=100",
# "-->", a diagram's labelled edge "B -->|Yes| C"), a snake_case name, a
# comment's opening ("/*", "-- "), or a table's box-drawing rules (a
# query's printed output). Read only in a block of such lines
# (body.code_blocks).
CODE_LINE = compile_later(
    r"[A-Za-z_][A-Za-z0-9_.]*\((?!s\))|[;{}\[(]\s*$|^\s*[{}\])]"
    r"|[\w\])]\s?(?:=|==|!=|=>|:=|\+=|<-|-->|->)\s?[\w\"'(\[|]|\b[a-z]+_[a-z0-9_]+\b"
    r"|[─│┼┌┐└┘├┤┬┴═║]|^\s*(?:/\*|--\s)"
)
# A diagram's first line, as a technical article's Mermaid code opens
# ("flowchart TD", "graph LR", "sequenceDiagram"): a line of code that
# holds no mark of code, over the diagram's edges ("A --> B{Check}",
# "B -->|Yes| C[Add Index]").
DIAGRAM_OPENING = compile_later(
    r"(?:(?:flowchart|graph)\s+(?:TD|TB|BT|LR|RL)|sequenceDiagram|classDiagram|stateDiagram(?:-v2)?"
    r"|erDiagram|gantt|mindmap|gitGraph)\s*$"
)
# The letters DIAGRAM_OPENING's words open with: a line that opens with none
# is not asked the regex (body.code_line). Keep in step with its words.
DIAGRAM_INITIALS = "cefgms"
# Every match of CODE_LINE holds a mark of code: one of "(;{}[])=_", a
# box-drawing rule, or "<-", "->", "--", "/*". The line features' scan
# (features._scan, `code_marks`) looks for their characters in the pass it
# makes over the line anyway: a line without one is no code.
# What a code block holds none of: markup, a link, a bulleted item.
NOT_CODE = compile_later(r"<\w|https?:|www\.|&lt;|^\s*[*•·▪►»–]\s")
# A row of a table as a text dump lays it out: three columns or more
# aligned by runs of spaces ("1     Kyle Busch     5040     5").
TABLE_ROW = compile_later(r"\S {2,}\S.*\S {2,}\S")
# What a closing short sentence does not open with (body.closing_line): a
# credit's bracket, "(內容由新浪北京提供。)", or a site's slashes, "// NEWSru.com //".
CLOSING_NOT_OPENING = frozenset("(（[【/")
