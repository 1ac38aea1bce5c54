"""Render the output from (document, cuts): the input is never edited.

Lines cut whole are left out; inline cuts remove their spans. Blank lines stay
as they were, except where a cut would leave a run of them behind: a blank
line directly after a removed stretch is dropped when the kept line before it
is blank too, and blank lines left at the very start or end by a removed
stretch are dropped. A document with no cuts comes back unchanged.
"""

from __future__ import annotations

try:  # Cython compiles this module (stripper/_native.py) and reads these names as C types
    import cython
except ImportError:  # run as plain Python, Cython absent: the names mean nothing
    from . import _cython_shim as cython  # type: ignore[no-redef]

from .model import Document, Stats
from .normalize import normalized_without, parts_fold_alike


def removed_lines(cuts) -> set[int]:
    out: set[int] = set()
    for cut in cuts:
        if cut.span is None:
            out.update(range(cut.start, cut.end))
    return out


def inline_spans(cuts) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = {}
    for cut in cuts:
        if cut.span is not None:
            spans.setdefault(cut.start, []).append(cut.span)
    return spans


def cut_line_text(line: str, spans) -> str:
    out, pos = [], 0
    for a, b in sorted(spans):
        if a > pos:
            out.append(line[pos:a])
        pos = max(pos, b)
    out.append(line[pos:])
    return "".join(out)


def without_spans(doc: Document, cuts, texts: dict[int, str] | None = None) -> Document:
    """`doc` with the spans of its inline `cuts` taken out of their lines:
    the same lines otherwise (one cut whole stays as it is), each line's
    matching form the input's where the line is untouched, and made from
    it where spans went (`normalized_without`). `texts`: lines without all
    their spans among `cuts`, where the caller made them already (the
    inline rules, to tell whether words are left), not cut out again."""
    spans = inline_spans(cuts)
    known = {} if texts is None else texts
    lines = tuple(
        [
            line if i not in spans else known[i] if i in known else cut_line_text(line, spans[i])
            for i, line in enumerate(doc.lines)
        ]
    )  # (a list made first: quicker than a generator, compiled)
    view = Document(lines, doc.endings, doc.source, doc.url, doc.bom, doc.encoding, doc.meta)  # (by position: quicker)
    normalized, original = doc.normalized, doc.lines
    view.reuse_normalized(
        tuple(
            [
                normalized_without(original[i], normalized[i], spans[i], line) if i in spans else normalized[i]
                for i, line in enumerate(lines)
            ]
        )
    )
    if doc.folds_as_is() and all([parts_fold_alike(original[i]) for i in spans]):
        view.reuse_folded_as_is()  # its characters are the document's, and spaces
    return view


def render(doc: Document, cuts) -> str:
    return joined(kept_lines(doc, cuts))


def joined(kept: list[tuple[int, str, str]]) -> str:
    """The text of `kept_lines`."""
    return "".join([text + end for _, text, end in kept])  # (a list: quicker than a generator, compiled)


def kept_lines(doc: Document, cuts, removed: set[int] | None = None, texts=None) -> list[tuple[int, str, str]]:
    """(line index, text, ending) of every output line, in order
    (`removed`: `removed_lines(cuts)`, where the caller has it; `texts`:
    each line without the spans of its inline cuts, where the caller has
    them, as the lines of a view `without_spans` made of the same spans:
    not cut out again)."""
    if not cuts:
        return [(i, t, e) for i, (t, e) in enumerate(zip(doc.lines, doc.endings))]
    if removed is None:
        removed = removed_lines(cuts)
    spans = inline_spans(cuts)
    out: list[tuple[int, str, str]] = []
    gap = False  # a removed line lies between the previous kept line and this one
    for i, (line, end) in enumerate(zip(doc.lines, doc.endings)):
        if i in removed:
            gap = True
            continue
        text = line if i not in spans else cut_line_text(line, spans[i]) if texts is None else texts[i]
        blank = not text.strip()
        if (
            blank
            and gap
            and (not out or not out[-1][1].strip() or (out[-1][2] == "\r" and not text and end.startswith("\n")))
        ):
            # a blank run (or a leading blank) left by a cut; or a blank line
            # that would fuse with the line before into one "\r\n" ending
            continue
        out.append((i, text, end))
        gap = False
    if removed and out and max(removed) > out[-1][0]:
        while out and not out[-1][1].strip():
            out.pop()  # blank lines left at the end by a removed tail
    if out and doc.endings and doc.endings[-1] == "" and out[-1][0] != len(doc.lines) - 1:
        i, text, _ = out[-1]
        out[-1] = (i, text, "")  # the input had no final newline: neither has the output
    return out


@cython.locals(
    chars_in=cython.Py_ssize_t, chars_out=cython.Py_ssize_t, breaks=cython.Py_ssize_t, line=str, ends_open=cython.bint
)
def stats(doc: Document, kept: list[tuple[int, str, str]], removed: set[int]) -> Stats:
    """The counts of a cleaning whose output is made of `kept`
    (`kept_lines`), `removed` the lines it cuts whole: read from the kept
    lines and their endings, not from the output's characters (a line holds
    no line break). The output's lines are its "\n"s, and one more where
    it ends without one; its characters, all but its line breaks."""
    chars_in = 0
    for line in doc.lines:
        chars_in += len(line)
    chars_out = breaks = 0
    ends_open = False  # the output so far is not empty and does not end with "\n"
    for _, text, end in kept:
        chars_out += len(text)
        if end.endswith("\n"):
            breaks += 1
            ends_open = False
        elif text or end:
            ends_open = True
    # lines_in, lines_out, chars_in, chars_out, lines_cut (by position: quicker)
    return Stats(len(doc.lines), breaks + (1 if ends_open else 0), chars_in, chars_out, len(removed))
