"""The terminal diff (rich): per document a header, then its lines: each cut
labelled with its rule, category and message, its lines in the category's
colour behind a coloured bar; kept lines dim; long kept runs folded to a few
lines of context.

Text is printed in logical order and never reshaped: the terminal does its
own bidi, so Arabic lines read right to left where the terminal supports it.
On a terminal, long lines wrap at spaces inside their column; piped, each
input line stays one output line (grep-able, no padding).
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..model import CleanResult, Cut
from .view import CONTEXT_DEFAULT, CUT, DROPPED, INLINE, Fold, category_color, fold, line_range, rows, summary_line

BAR = "▌"


def _label(cut: Cut) -> Text:
    color = category_color(cut.category)
    label = Text.assemble((cut.rule_id, f"bold {color}"), " ", (f"[{cut.category}]", color))
    if cut.message:
        label.append(f" {cut.message}", style="italic")
    label.append(
        f" (line {line_range(cut)})" if cut.end - cut.start == 1 else f" (lines {line_range(cut)})", style="dim"
    )
    return label


def lines(result: CleanResult, context: int | None = CONTEXT_DEFAULT) -> list[tuple[str, Text, Text]]:
    """(line number, bar, text) for each printed line of one document: a
    label line before each cut, the document's lines, fold markers."""
    out: list[tuple[str, Text, Text]] = []
    for item in fold(rows(result), context):
        if isinstance(item, Fold):
            out.append(("", Text(" "), Text(f"… {item.count} lines kept …", style="dim italic")))
        elif item.kind == CUT:
            color = category_color(item.cut.category)
            if item.first:
                out.append(("", Text(BAR, style=color), _label(item.cut)))
            out.append((str(item.number), Text(BAR, style=color), Text(item.text, style=color)))
        elif item.kind == INLINE:
            text = Text(item.text)
            for cut in item.spans:
                color = category_color(cut.category)
                out.append(("", Text(BAR, style=color), _label(cut)))
                a, b = cut.span
                text.stylize(f"strike {color}", a, b)
            out.append((str(item.number), Text("~", style="bold"), text))
        elif item.kind == DROPPED:
            out.append(
                (str(item.number), Text("·", style="dim"), Text("(blank line left by a cut)", style="dim italic"))
            )
        else:
            out.append((str(item.number), Text(" "), Text(item.text, style="dim")))
    return out


def header(result: CleanResult, path: str | None = None) -> list[Text]:
    out = [Text.assemble((path or result.document.source, "bold"), "  ", (summary_line(result), "cyan"))]
    if result.held_back:
        applied = (
            "only the page's own cuts applied" if result.document.meta.get("format") == "html" else "nothing applied"
        )
        out.append(Text(f"held back: {result.held_back}; {applied} (--force applies it)", style="bold yellow"))
    no_article = result.document.meta.get("no_article")
    if no_article:
        out.append(
            Text(
                f"no article to trust ({no_article['category']}): {no_article['reason']}; "
                f"{no_article['fallback']} decided",
                style="yellow",
            )
        )
    if not result.cuts:
        out.append(Text("nothing to cut", style="dim"))
    return out


def render_result(result: CleanResult, path: str | None = None, context: int | None = CONTEXT_DEFAULT) -> Group:
    """One document as a rich renderable with a wrapping text column (for a
    terminal or a recorded console)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True, style="dim")
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold", ratio=1)
    for no, bar, text in lines(result, context):
        table.add_row(no, bar, text)
    parts = header(result, path)
    if result.cuts:
        parts.append(table)
    return Group(*parts, Text(""))


def print_result(
    console: Console, result: CleanResult, path: str | None = None, context: int | None = CONTEXT_DEFAULT
) -> None:
    """Print one document: wrapped in columns on a terminal, one output line
    per line otherwise."""
    if console.is_terminal:
        console.print(render_result(result, path, context))
        return
    for text in header(result, path):
        console.print(text, soft_wrap=True)
    rendered = lines(result, context) if result.cuts else []
    width = max((len(no) for no, _, _ in rendered), default=0)
    for no, bar, text in rendered:
        console.print(Text.assemble(no.rjust(width), " ", bar, " ", text), soft_wrap=True)
    console.print()
