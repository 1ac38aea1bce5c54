"""`stripper diff`: what would be cut, and by which rule."""
from __future__ import annotations

import sys

import click

from ..batch import BatchSummary, clean_input, iter_inputs
from ..report import render_plain
from . import EXIT_ERROR, EXIT_FOUND, EXIT_OK
from .clean import _report, _skip
from .options import build, cleaning_options


@click.command("diff")
@click.argument("paths", nargs=-1, required=True)
@cleaning_options
def diff_command(paths, **kw):
    """Show what would be cut from PATHS, each cut with its rule and reason.

    Reads only. Exit 1 when anything would be cut, 0 when nothing would."""
    registry, options = build(**kw)
    summary = BatchSummary()
    for item in iter_inputs(paths, on_skip=_skip):
        outcome = clean_input(item, registry, options)
        _report(outcome)
        summary.outcomes.append(outcome)
        if outcome.result is not None:
            click.echo(render_plain(outcome.result), nl=False)
    if summary.failed:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FOUND if any(o.result and o.result.cuts for o in summary.outcomes) else EXIT_OK)


commands = [diff_command]
