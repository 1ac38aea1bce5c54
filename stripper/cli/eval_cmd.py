"""`stripper eval`: score outputs against gold labels."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..batch import Input, RecordFormat, clean_input, iter_inputs, numbered_lines
from ..config import load_config
from ..errors import StripperError
from ..evaluate import Score, find_gold, find_record_gold, macro, read_gold, score
from ..jsonl import first_line, read_records, record_id
from ..textio import decode, read_input_bytes
from . import EXIT_ERROR, EXIT_OK
from .clean import _report, _skip, _warn, text_field_option
from .diff import document_name, each_document
from .options import build, cleaning_options


@click.command("eval")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of gold files: <stem>.labels or <stem>.txt (a JSONL record's: <id>.labels or <id>.txt).",
)
@click.option(
    "--clean", "clean_first", is_flag=True, help="PATHS are raw dumps: clean them (in memory) before scoring."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.argument("paths", nargs=-1, required=True)
@cleaning_options
@text_field_option
def eval_command(gold_dir, clean_first, as_json, paths, text_field, **kw):
    """Score PATHS (cleaned outputs) against gold: per-file and macro
    precision, recall and F1 over word tokens (see GUIDELINE.md).

    A JSONL file is scored record by record, each record's text against
    the gold file named by its `id`; a record without one, or a line that
    cannot be read, is one error naming the file and line (exit 2), and
    the other records are still scored."""
    fmt = RecordFormat(text_field)
    registry, options = build(record_format=fmt, **kw) if clean_first else (None, None)
    # outputs are read in the encoding `clean` wrote them from: --encoding, else the configuration's
    config = None if clean_first or kw["no_config"] else load_config()
    encoding = kw["encoding"] or (config.encoding if config else None)
    rows: list[tuple[str, str | None, Score]] = []  # path (a record's file:line), a record's id, its score
    failed = 0
    for item in iter_inputs(paths, on_skip=_skip):
        if item.is_jsonl:
            failed += _score_records(item, gold_dir, fmt, registry, options, rows)
            continue
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
        else:  # read as `clean` reads: compressed, a BOM, the encoding; what cannot be is one line
            try:
                text = decode(read_input_bytes(item.path)[0], item.path, encoding, _warn).text
            except StripperError as exc:
                _warn(first_line(str(exc)))
                failed += 1
                continue
        failed += not _scored(rows, item.path, None, text, gold_path)
    total = macro([s for _, _, s in rows])
    if as_json:
        files = []
        for path, id_field, s in rows:
            named = {"path": path} if id_field is None else {"path": path, "id": id_field}
            files.append({**named, "precision": s.precision, "recall": s.recall, "f1": s.f1})
        macro_row = {"precision": total.precision, "recall": total.recall, "f1": total.f1, "files": len(rows)}
        click.echo(json.dumps({"files": files, "macro": macro_row}, indent=2))
    else:
        click.echo(f"{'precision':>9} {'recall':>7} {'f1':>7}  file")
        for path, id_field, s in rows:
            click.echo(f"{s.precision:9.3f} {s.recall:7.3f} {s.f1:7.3f}  {document_name(path, id_field)}")
        scored = "files" if all(id_field is None for _, id_field, _ in rows) else "documents"  # records have ids
        click.echo(f"{total.precision:9.3f} {total.recall:7.3f} {total.f1:7.3f}  macro mean of {len(rows)} {scored}")
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


def _score_records(item: Input, gold_dir: Path, fmt: RecordFormat, registry, options, rows: list) -> bool:
    """Score a JSONL file's records (cleaned first with --clean, as `diff`
    shows them), each against the gold its id names; add their rows, and
    say whether any record or the file failed."""
    unscored: list[str] = []

    def add(text: str, source: str, id_field: str | None) -> None:
        if id_field is None:
            unscored.append(f"{source}: no 'id' field, which names a record's gold file; not scored")
            _warn(unscored[-1])
            return
        gold_path = find_record_gold(gold_dir, id_field)
        if gold_path is None:
            _warn(f"{document_name(source, id_field)}: no gold file in {gold_dir}, skipped")
            return
        if not _scored(rows, source, id_field, text, gold_path):
            unscored.append(source)

    if options is not None:  # --clean
        outcome = each_document(
            item, registry, options, lambda result, source, id_field: add(result.text, source, id_field)
        )
        return outcome.failed or bool(unscored)
    failed = False
    try:
        for line, doc in read_records(numbered_lines(item.path), item.path, fmt):
            if line.error is not None:  # one line, and the other records go on
                _warn(line.error)
                failed = True
            elif doc is not None:
                add(doc.text, line.source, record_id(line.record))
    except StripperError as exc:  # cannot be read on: the records before it were scored
        _warn(str(exc))
        failed = True
    return failed or bool(unscored)


def _scored(rows: list, source: str, id_field: str | None, text: str, gold_path: Path) -> bool:
    """Add the row of `text` scored against its gold; False (told in one
    line) when the gold file cannot be read."""
    try:
        gold = read_gold(gold_path)
    except StripperError as exc:
        _warn(str(exc))
        return False
    rows.append((source, id_field, score(text, gold)))
    return True


commands = [eval_command]
