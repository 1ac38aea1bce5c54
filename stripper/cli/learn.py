"""`stripper learn PATH... --site NAME`: a candidate rule file from a batch."""

from __future__ import annotations

import sys
from fnmatch import fnmatch
from pathlib import Path

import click

from ..batch import iter_inputs
from ..errors import StripperError
from ..learn import MAX_RULES_DEFAULT, MIN_DOCS_DEFAULT, MIN_SHARE_DEFAULT, learn, rule_file_text
from ..textio import BinaryInput, read_document
from . import EXIT_ERROR, EXIT_OK


@click.command("learn")
@click.argument("paths", nargs=-1, required=True)
@click.option("--site", required=True, metavar="NAME", help="The site the dumps come from.")
@click.option("--filename-glob", metavar="GLOB", help="Only files whose name matches, e.g. 'www.assarih.com*'.")
@click.option("--url-contains", metavar="TEXT", help="Only dumps whose URL (line 1 or metadata) contains TEXT.")
@click.option(
    "--min-share",
    type=click.FloatRange(0, 1),
    default=MIN_SHARE_DEFAULT,
    show_default=True,
    help="A line is boilerplate when this share of the dumps has it.",
)
@click.option("--min-docs", type=click.IntRange(2), default=MIN_DOCS_DEFAULT, show_default=True)
@click.option("--max-rules", type=click.IntRange(1), default=MAX_RULES_DEFAULT, show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the rule file here (default: stdout).",
)
def learn_command(paths, site, filename_glob, url_contains, min_share, min_docs, max_rules, output):
    """Find what recurs across many dumps of one site and write it as a
    candidate YAML rule file, for a person to review before use."""
    failures = []

    def documents():
        for item in iter_inputs(paths):
            if filename_glob and not fnmatch(Path(item.path).name, filename_glob):
                continue
            try:
                doc = read_document(Path(item.path))
            except BinaryInput:
                continue
            except StripperError as exc:
                failures.append(str(exc))
                continue
            if url_contains and url_contains not in (doc.url or (doc.lines[0] if doc.lines else "")):
                continue
            yield doc

    learned = learn(documents(), min_share=min_share, min_docs=min_docs, max_rules=max_rules)
    for failure in failures:
        click.echo(f"stripper: {failure}", err=True)
    text = rule_file_text(site, learned)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    click.echo(
        f"stripper: {len(learned.candidates)} candidate rules from {learned.documents} dumps"
        + (f" -> {output}" if output else ""),
        err=True,
    )
    sys.exit(EXIT_ERROR if failures else EXIT_OK)


commands = [learn_command]
