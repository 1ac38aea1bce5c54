"""`stripper diff`: what would be cut, and by which rule."""

from __future__ import annotations

import json
import sys

import click

from ..batch import BatchSummary, Input, Outcome, RecordFormat, clean_input, clean_jsonl_input, iter_inputs
from ..errors import StripperError
from ..jsonl import record_id
from ..report import CONTEXT_DEFAULT
from . import EXIT_ERROR, EXIT_FOUND, EXIT_OK
from .clean import _report, _skip, _warn, text_field_option
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
@text_field_option
def diff_command(paths, fmt, deprecated_format, stat, context, all_lines, top, text_field, **kw):
    """Show what would be cut from PATHS, each cut with its rule and reason.

    A JSONL file is shown record by record, each headed by its file and
    line (and its id). Reads only. Exit 1 when anything would be cut, 0
    when nothing would, 2 on errors (after the rest of the batch)."""
    fmt = renamed(fmt, deprecated_format, "fmt", "--format", "--output-format")
    if stat and fmt == "unified":
        raise click.UsageError(
            "--stat prints a table (--output-format rich) or JSON (--output-format json), not a unified diff"
        )
    from ..report import Tally, print_result, stat_tables, to_json, unified_diff

    registry, options = build(record_format=RecordFormat(text_field), **kw)
    summary = BatchSummary()
    tally = Tally()
    out = console() if fmt == "rich" else None

    def show(result, path: str, id_field: str | None) -> None:
        name = document_name(path, id_field)
        if stat:
            tally.add(result, name)
        elif fmt == "json":
            record = to_json(result, path)
            if id_field is not None:
                record["id"] = id_field
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif fmt == "unified":
            sys.stdout.write(unified_diff(result, name, 3 if context is None else context))
        else:
            print_result(out, result, name, None if all_lines else CONTEXT_DEFAULT if context is None else context)
        sys.stdout.flush()

    for item in iter_inputs(paths, on_skip=_skip, missing_as_inputs=True):
        summary.add(each_document(item, registry, options, show))
    if stat:
        if fmt == "json":
            sys.stdout.write(json.dumps(tally.to_json(top), ensure_ascii=False) + "\n")
        else:
            for table in stat_tables(tally, top):
                out.print(table)
    if summary.failed:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FOUND if summary.with_cuts else EXIT_OK)


def each_document(item: Input, registry, options, show) -> Outcome:
    """Clean one input and hand each of its documents to `show(result,
    path, id_field)`: a file's one, or a JSONL file's records one by one,
    as `clean` and `check` read them (path is then file:line, id_field the
    record's id). What goes wrong is told on stderr; the input's Outcome,
    counted, says whether it failed and what would be cut."""
    if not item.is_jsonl or item.problem:
        outcome = clean_input(item, registry, options)
        _report(outcome)
        if outcome.result is not None:
            show(outcome.result, item.path, None)
        return outcome.counted()
    outcome = Outcome(item)
    if options.excluded(item.path):
        return outcome
    try:
        for line in clean_jsonl_input(item, registry, options):
            if line.blank:
                continue
            outcome.documents += 1
            if line.error is not None:  # one line, and the other records go on
                outcome.errors.append(line.error)
                _warn(line.error)
                continue
            outcome.cuts += len(line.result.applied_cuts)
            if line.held_back:
                _warn(line.held_back)
            show(line.result, line.source, record_id(line.record))
    except StripperError as exc:  # cannot be read on: the records before it were shown
        outcome.error = str(exc)
        _warn(outcome.error)
    return outcome


def document_name(path: str, id_field: str | None) -> str:
    """How a document is headed: its path, and a JSONL record's id."""
    return path if id_field is None else f"{path} (id {id_field})"


commands = [diff_command]
