"""`stripper explain FILE`: every line, its labels and features, and what decided it."""

from __future__ import annotations

import json
import sys

import click

from ..assemble import removed_lines
from ..batch import Input, RecordFormat
from ..generic import explain_lines
from ..rules.registry import url_header_line
from . import EXIT_ERROR, EXIT_OK
from .clean import _warn, text_field_option
from .diff import document_name, each_document
from .options import build, cleaning_options


@click.command("explain")
@click.argument("path")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line instead of a table.")
@cleaning_options
@text_field_option
def explain_command(path, as_json, text_field, **kw):
    """Show how each line of PATH was decided: the rule that cut it, or the
    classifier's first and revised labels, score, features and reason.

    A JSONL file is shown record by record, each headed by its file and
    line (and its id), as `diff` shows it; a line that cannot be read is
    one error naming the file and line, and the other records are still
    shown (exit 2)."""
    registry, options = build(record_format=RecordFormat(text_field), **kw)
    outcome = each_document(
        Input(path, None), registry, options, lambda result, source, id_field: _show(result, source, id_field, as_json)
    )
    if options.excluded(path):
        _warn(f"{path}: excluded by the repository's configuration (--no-config explains it)")
    sys.exit(EXIT_ERROR if outcome.failed else EXIT_OK)


def _show(result, source: str, id_field: str | None, as_json: bool) -> None:
    """One document's lines: a header and a table, or one JSON object a line
    (each naming the document: its path, or a JSONL record's file:line and id)."""
    doc = result.document
    by_line = {}
    for cut in result.cuts:
        for i in range(cut.start, cut.end):
            by_line.setdefault(i, cut)
    rule_cuts = [c for c in result.cuts if not c.rule_id.startswith("generic.")]
    # the classifier sees what cleaning showed it: not the rules' lines, nor a URL header
    header = url_header_line(doc)
    decided = frozenset(removed_lines(rule_cuts)) | ({header} if header is not None else set())
    verdicts = explain_lines(doc, decided, result.language, rule_cuts, held_tails=result.held_tails)
    where = doc.source or source  # stdin's is "<stdin>"
    named = {"path": where} if id_field is None else {"path": where, "id": id_field}
    if not as_json:
        click.echo(
            f"{document_name(where, id_field)}: language {result.language}, site {result.site or 'none'}, "
            f"{len(result.cuts)} cuts"
            + (f"; classifier not run: {result.classifier_off}" if result.classifier_off else "")
        )
    for i, line in enumerate(doc.lines):
        cut, v = by_line.get(i), verdicts[i]
        decision = ("cut" if cut.span is None else "cut-span") if cut else "keep"
        row = {
            **named,
            "line": i + 1,
            "decision": decision,
            "by": cut.rule_id if cut else (None if v.features is None or result.classifier_off else "generic"),
            "category": cut.category if cut else None,
            "reason": _reason(cut, v, i == header, result.classifier_off),
            "step": None if result.classifier_off else v.step,
            "first": v.first,
            "revised": v.revised,
            "score": round(v.score, 1),
            "features": v.features.as_dict() if v.features else None,
            "text": line,
        }
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        elif line.strip():
            feats = v.features
            brief = (
                f"w={feats.words} stop={feats.stop_share:.2f} end={'y' if feats.sentence_end else 'n'}"
                f" links={feats.link_tokens}"
                if feats
                else ""
            )
            by = row["by"] or "-"
            if row["step"] and (cut is None or cut.rule_id.startswith("generic.")):
                by = f"{by} ({row['step']})"
            click.echo(
                f"{i + 1:5} {decision:8} {v.first:>6}/{v.revised:<6} {v.score:7.1f} "
                f"{by:36} {row['reason'][:90]}  [{brief}]\n      | {line[:100]}"
            )


def _reason(cut, verdict, is_header: bool, classifier_off: str | None) -> str:
    """Why a line was cut or kept, as cleaning decided it."""
    if cut:
        # a classifier cut of several lines carries its first line's reason: each line gets its own
        return verdict.reason if verdict.rule_id == cut.rule_id else cut.message
    if is_header:
        return "URL header: the document's address, never cut"
    if classifier_off and verdict.features is not None:
        return f"kept: classifier not run ({classifier_off})"
    return verdict.reason


commands = [explain_command]
