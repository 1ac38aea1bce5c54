"""`stripper eval`: score outputs against gold labels."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..batch import clean_input, iter_inputs
from ..evaluate import find_gold, macro, read_gold, score
from . import EXIT_ERROR, EXIT_OK
from .clean import _report, _skip
from .options import build, cleaning_options


@click.command("eval")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of gold files: <stem>.labels or <stem>.txt.",
)
@click.option(
    "--clean", "clean_first", is_flag=True, help="PATHS are raw dumps: clean them (in memory) before scoring."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.argument("paths", nargs=-1, required=True)
@cleaning_options
def eval_command(gold_dir, clean_first, as_json, paths, **kw):
    """Score PATHS (cleaned outputs) against gold: per-file and macro
    precision, recall and F1 over word tokens (see GUIDELINE.md)."""
    registry, options = build(**kw) if clean_first else (None, None)
    rows, failed = [], 0
    for item in iter_inputs(paths, on_skip=_skip):
        gold_path = find_gold(gold_dir, Path(item.path))
        if gold_path is None:
            click.echo(f"stripper: {item.path}: no gold file in {gold_dir}, skipped", err=True)
            continue
        if clean_first:
            outcome = clean_input(item, registry, options)
            _report(outcome)
            if outcome.result is None:
                failed += bool(outcome.error)
                continue
            text = outcome.result.text
        else:
            text = Path(item.path).read_text(encoding="utf-8-sig")
        s = score(text, read_gold(gold_path))
        rows.append((item.path, s))
    total = macro([s for _, s in rows])
    if as_json:
        click.echo(
            json.dumps(
                {
                    "files": [{"path": p, "precision": s.precision, "recall": s.recall, "f1": s.f1} for p, s in rows],
                    "macro": {"precision": total.precision, "recall": total.recall, "f1": total.f1, "files": len(rows)},
                },
                indent=2,
            )
        )
    else:
        click.echo(f"{'precision':>9} {'recall':>7} {'f1':>7}  file")
        for path, s in rows:
            click.echo(f"{s.precision:9.3f} {s.recall:7.3f} {s.f1:7.3f}  {path}")
        click.echo(f"{total.precision:9.3f} {total.recall:7.3f} {total.f1:7.3f}  macro mean of {len(rows)} files")
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


commands = [eval_command]
