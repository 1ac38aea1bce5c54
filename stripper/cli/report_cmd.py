"""`stripper report`: one self-contained HTML page for reviewing a batch."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..batch import BatchSummary, RecordFormat, iter_inputs
from ..errors import InputError
from ..report import CONTEXT_DEFAULT
from . import EXIT_ERROR, EXIT_OK
from .clean import _skip, _warn, text_field_option
from .diff import document_name, each_document
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
@text_field_option
def report_command(paths, output, title, context, text_field, **kw):
    """Write one self-contained HTML page (no network) for reviewing what
    would be cut from PATHS: a chart per category and site, then every
    document with its cuts highlighted, filterable by rule and category
    (a JSONL file's records each as a document).

    Reads only. Exit 0 when the page is written, 2 on errors (the page
    still covers every file that could be read)."""
    from ..report import render_html

    registry, options = build(record_format=RecordFormat(text_field), **kw)
    summary = BatchSummary()
    results = []

    def add(result, path, id_field):
        results.append((document_name(path, id_field), result))

    for item in iter_inputs(paths, on_skip=_skip, missing_as_inputs=True):
        summary.add(each_document(item, registry, options, add))
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
