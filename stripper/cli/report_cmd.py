"""`stripper report`: one self-contained HTML page for reviewing a batch."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..batch import BatchSummary, clean_input, iter_inputs
from ..errors import InputError
from ..report import CONTEXT_DEFAULT
from . import EXIT_ERROR, EXIT_OK
from .clean import _report, _skip, _warn
from .options import build, cleaning_options


@click.command("report")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", required=True, metavar="FILE", help="Where to write the HTML page (- for stdout).")
@click.option("--title", default="stripper report", show_default=True, help="The page's title.")
@click.option(
    "-C",
    "--context",
    type=click.IntRange(min=0),
    default=CONTEXT_DEFAULT,
    show_default=True,
    metavar="N",
    help="Kept lines shown around each cut; longer kept runs fold (click to open).",
)
@cleaning_options
def report_command(paths, output, title, context, **kw):
    """Write one self-contained HTML page (no network) for reviewing what
    would be cut from PATHS: a chart per category and site, then every
    document with its cuts highlighted, filterable by rule and category.

    Reads only. Exit 0 when the page is written, 2 on errors (the page
    still covers every file that could be read)."""
    from ..report import render_html

    registry, options = build(**kw)
    summary = BatchSummary()
    results = []
    for item in iter_inputs(paths, on_skip=_skip, missing_as_inputs=True):
        outcome = clean_input(item, registry, options)
        _report(outcome)
        summary.outcomes.append(outcome)
        if outcome.result is not None:
            results.append((item.path, outcome.result))
    page = render_html(results, title=title, context=context)
    if output == "-":
        sys.stdout.write(page)
    else:
        try:
            Path(output).write_text(page, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from None
        _warn(f"wrote {output}: {len(results)} documents")
    sys.exit(EXIT_ERROR if summary.failed else EXIT_OK)


commands = [report_command]
