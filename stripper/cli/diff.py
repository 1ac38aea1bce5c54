"""`stripper diff`: what would be cut, and by which rule."""

from __future__ import annotations

import json
import sys

import click

from ..batch import BatchSummary, clean_input, iter_inputs
from ..report import CONTEXT_DEFAULT
from . import EXIT_ERROR, EXIT_FOUND, EXIT_OK
from .clean import _report, _skip
from .options import build, cleaning_options, deprecated_alias, renamed

OUTPUT_FORMATS = ("rich", "unified", "json")


def console():
    from rich.console import Console

    return Console(highlight=False, emoji=False)


@click.command("diff")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--output-format",
    "fmt",
    type=click.Choice(OUTPUT_FORMATS),
    default="rich",
    show_default=True,
    help="rich: coloured lines with their rules; unified: a diff patch(1) can apply; "
    "json: one record per file per line (JSONL), every cut with its text.",
)
@deprecated_alias("--format", "--output-format", "deprecated_format", OUTPUT_FORMATS)
@click.option(
    "--stat",
    is_flag=True,
    help="Instead of the lines, one summary of the batch: cuts per category and rule, "
    "documents touched, characters removed, the documents cut the most "
    "(a table, or one JSON object with --output-format json).",
)
@click.option(
    "-C",
    "--context",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help=f"Kept lines shown around each cut; longer kept runs are folded "
    f"(default {CONTEXT_DEFAULT} for rich, 3 for unified).",
)
@click.option("--all-lines", is_flag=True, help="rich: show every kept line, fold nothing.")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="--stat: how many of the documents cut the most to list.",
)
@cleaning_options
def diff_command(paths, fmt, deprecated_format, stat, context, all_lines, top, **kw):
    """Show what would be cut from PATHS, each cut with its rule and reason.

    Reads only. Exit 1 when anything would be cut, 0 when nothing would,
    2 on errors (after the rest of the batch)."""
    fmt = renamed(fmt, deprecated_format, "fmt", "--format", "--output-format")
    if stat and fmt == "unified":
        raise click.UsageError(
            "--stat prints a table (--output-format rich) or JSON (--output-format json), not a unified diff"
        )
    from ..report import Tally, print_result, stat_tables, to_json, unified_diff

    registry, options = build(**kw)
    summary = BatchSummary()
    tally = Tally()
    out = console() if fmt == "rich" else None
    for item in iter_inputs(paths, on_skip=_skip, missing_as_inputs=True):
        outcome = clean_input(item, registry, options)
        _report(outcome)
        summary.outcomes.append(outcome)
        result = outcome.result
        if result is None:
            continue
        path = item.path
        if stat:
            tally.add(result, path)
        elif fmt == "json":
            sys.stdout.write(json.dumps(to_json(result, path), ensure_ascii=False) + "\n")
        elif fmt == "unified":
            sys.stdout.write(unified_diff(result, path, 3 if context is None else context))
        else:
            print_result(out, result, path, None if all_lines else CONTEXT_DEFAULT if context is None else context)
        sys.stdout.flush()
    if stat:
        if fmt == "json":
            sys.stdout.write(json.dumps(tally.to_json(top), ensure_ascii=False) + "\n")
        else:
            for table in stat_tables(tally, top):
                out.print(table)
    if summary.failed:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FOUND if any(o.result and o.result.applied_cuts for o in summary.outcomes) else EXIT_OK)


commands = [diff_command]
