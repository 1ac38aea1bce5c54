"""`stripper clean` and `stripper check`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..batch import STDIN, BatchSummary, clean_input, iter_inputs, write_result
from ..textio import encode
from . import EXIT_ERROR, EXIT_FOUND, EXIT_OK
from .options import build, cleaning_options


def _warn(message: str) -> None:
    click.echo(f"stripper: {message}", err=True)


def _skip(path: str, why: str) -> None:
    _warn(f"{path}: skipped: {why}")


@click.command("clean")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write cleaned files here, mirroring their paths.")
@click.option("-i", "--in-place", is_flag=True, help="Rewrite changed files in place (atomically).")
@cleaning_options
def clean_command(paths, output_dir, in_place, **kw):
    """Clean PATHS (files, folders of *.txt, or - for stdin).

    One file or stdin without --output-dir/--in-place is written to stdout.
    Exit 0 when nothing was cut, 1 when something was, 2 on any error."""
    if output_dir and in_place:
        raise click.UsageError("give --output-dir or --in-place, not both")
    registry, options = build(**kw)
    inputs = list(iter_inputs(paths, on_skip=_skip))
    to_stdout = output_dir is None and not in_place
    if to_stdout and (len(inputs) != 1 or any(Path(p).is_dir() for p in paths if p != STDIN)):
        raise click.UsageError("several inputs: give --output-dir DIR or --in-place "
                               "(only one file or - is written to stdout)")
    summary = BatchSummary()
    for item in inputs:
        outcome = clean_input(item, registry, options)
        if to_stdout and outcome.result is not None:
            sys.stdout.buffer.write(encode(outcome.result.document, outcome.result.text))
            sys.stdout.flush()
        else:
            write_result(outcome, output_dir=output_dir, in_place=in_place)
        _report(outcome)
        summary.outcomes.append(outcome)
    sys.exit(_exit_code(summary))


def _report(outcome) -> None:
    if outcome.skipped:
        _warn(outcome.skipped)
    if outcome.error:
        _warn(outcome.error)
    if outcome.result is not None and outcome.result.held_back:
        _warn(f"{outcome.input.path}: suspicious: {outcome.result.held_back} (use --force to apply)")


def _exit_code(summary: BatchSummary) -> int:
    if summary.failed:
        _warn(f"{len(summary.failed)} of {len(summary.outcomes)} files failed")
        return EXIT_ERROR
    return EXIT_FOUND if summary.changed else EXIT_OK


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@cleaning_options
def check_command(paths, **kw):
    """Report, without writing, each file that has boilerplate to cut.

    Exit 1 when anything would be cut, 0 when nothing would, 2 on errors."""
    registry, options = build(**kw)
    summary = BatchSummary()
    for item in iter_inputs(paths, on_skip=_skip):
        outcome = clean_input(item, registry, options)
        _report(outcome)
        summary.outcomes.append(outcome)
        result = outcome.result
        if result is not None and result.cuts:
            rules = sorted({c.rule_id for c in result.cuts})
            click.echo(f"{item.path}: {len(result.cuts)} cuts, {result.stats.lines_cut} lines, "
                       f"{result.stats.share_cut:.0%} of characters ({', '.join(rules)})")
    if summary.failed:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FOUND if any(o.result and o.result.cuts for o in summary.outcomes) else EXIT_OK)


commands = [clean_command, check_command]
