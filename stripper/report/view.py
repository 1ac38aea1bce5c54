"""What every reporter shows of one document, as data: one row per input
line (cut, cut inline, kept, or a blank line the cuts left behind), and long
kept runs folded to a few lines of context around the cuts.

Everything comes from (document, cuts); nothing here decides anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..assemble import kept_lines
from ..model import CleanResult, Cut

# How many kept lines to show on each side of a cut before folding the rest.
CONTEXT_DEFAULT = 2

# One colour per category, shared by the terminal and the HTML report.
CATEGORY_COLORS = {
    "navigation": "#4e79a7",
    "branding": "#b07aa1",
    "insertion": "#f28e2b",
    "related": "#e15759",
    "comments": "#76b7b2",
    "share": "#59a14f",
    "footer": "#9c755f",
    "metadata": "#d4a017",
    "promo": "#ff6f91",
    "script": "#8c8c8c",
    "widget": "#17becf",
    "duplicate": "#9aa619",
    "boilerplate": "#d62728",
}
OTHER_COLOR = "#888888"


def category_color(category: str) -> str:
    return CATEGORY_COLORS.get(category, OTHER_COLOR)


# Row kinds.
CUT, INLINE, KEPT, DROPPED = "cut", "inline", "kept", "dropped"


@dataclass(frozen=True)
class Row:
    """One input line. `cut` is the line cut covering it (kind CUT), with
    `first` true on the cut's first line; `spans` are the inline cuts on it
    (kind INLINE). DROPPED is a blank line the assembly left out because a
    cut next to it would have left a run of blanks."""

    index: int
    text: str
    kind: str
    cut: Cut | None = None
    first: bool = False
    spans: tuple[Cut, ...] = ()

    @property
    def number(self) -> int:
        return self.index + 1


@dataclass(frozen=True)
class Fold:
    """A run of kept lines not shown: `start` .. `end - 1`."""

    start: int
    end: int

    @property
    def count(self) -> int:
        return self.end - self.start


def rows(result: CleanResult) -> list[Row]:
    """One Row per line of the document, in order. The rows of a held-back
    document show what its cuts would do."""
    doc, cuts = result.document, result.cuts
    covering: dict[int, Cut] = {}
    inline: dict[int, list[Cut]] = {}
    for cut in cuts:
        if cut.span is None:
            for i in cut.lines():
                covering.setdefault(i, cut)
        else:
            inline.setdefault(cut.start, []).append(cut)
    kept = {i for i, _, _ in kept_lines(doc, cuts)}
    out: list[Row] = []
    for i, line in enumerate(doc.lines):
        if i in covering:
            cut = covering[i]
            out.append(Row(i, line, CUT, cut, first=i == cut.start))
        elif i in inline:
            out.append(Row(i, line, INLINE, spans=tuple(sorted(inline[i], key=lambda c: c.span))))
        elif i in kept:
            out.append(Row(i, line, KEPT))
        else:
            out.append(Row(i, line, DROPPED))
    return out


def fold(all_rows: list[Row], context: int | None = CONTEXT_DEFAULT) -> list[Row | Fold]:
    """Rows within `context` lines of a cut, and Folds for the kept runs in
    between (a run of one line is shown rather than folded). `context=None`
    shows every row."""
    if context is None:
        return list(all_rows)
    focus = [r.index for r in all_rows if r.kind in (CUT, INLINE)]
    near = set()
    for i in focus:
        near.update(range(i - context, i + context + 1))
    out: list[Row | Fold] = []
    run: list[Row] = []

    def flush():
        if len(run) == 1:
            out.append(run[0])
        elif run:
            out.append(Fold(run[0].index, run[-1].index + 1))
        run.clear()

    for row in all_rows:
        if row.kind in (KEPT, DROPPED) and row.index not in near:
            run.append(row)
            continue
        flush()
        out.append(row)
    flush()
    return out


def cut_text(result: CleanResult, cut: Cut) -> str:
    """The text a cut removes: its span, or its lines joined with newlines."""
    doc = result.document
    if cut.span is not None:
        a, b = cut.span
        return doc.lines[cut.start][a:b]
    return "\n".join(doc.lines[cut.start : cut.end])


def cut_chars(result: CleanResult, cut: Cut) -> int:
    """How many characters a cut removes (line endings not counted)."""
    if cut.span is not None:
        a, b = cut.span
        return b - a
    return sum(len(line) for line in result.document.lines[cut.start : cut.end])


def line_range(cut: Cut) -> str:
    """1-based, for people: `12` or `12-30`."""
    return f"{cut.start + 1}" if cut.end - cut.start <= 1 else f"{cut.start + 1}-{cut.end}"


def summary_line(result: CleanResult) -> str:
    """`site x, ar: 41 of 82 lines, 2,345 of 5,000 characters cut (47%)`."""
    s = result.stats
    chars_cut = s.chars_in - s.chars_out
    return (
        f"site {result.site or 'none'}, {result.language or '?'}: {s.lines_cut} of {s.lines_in} lines, "
        f"{chars_cut:,} of {s.chars_in:,} characters cut ({s.share_cut:.0%})"
    )
