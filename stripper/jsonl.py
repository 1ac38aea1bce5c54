"""JSONL records in and out, as datatrove and dolma write them.

Each line is a JSON object; its text is under `text` (or `--text-field`),
its URL under `url` or `metadata.url`, its id under `id`. Cleaning replaces
the text and keeps every other field; an optional summary of the cuts goes
under a field of its own. A record that changes nothing is written back
byte for byte, and a record that cannot be read (not JSON, no text) is
passed through untouched and reported with its file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import StripperError
from .model import CleanResult, Document

if TYPE_CHECKING:
    from .batch import RecordFormat  # (there: see it)
# A lone UTF-16 surrogate (`"\ud800"`) is valid JSON but no UTF-8 text: it
# is cleaned like any character and written back as the same escape.
_SURROGATE = re.compile("[\ud800-\udfff]")


# (no __repr__ nor __eq__ where nothing prints or compares them: as stripper/batch.py's)
@dataclass(repr=False, eq=False)
class ChunkOutcome:
    """What cleaning a chunk of records gave: output bytes, and counts."""

    data: bytes
    records: int = 0
    changed: int = 0
    cuts: int = 0
    held_back: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def record_document(record: dict, fmt: RecordFormat, source: str) -> Document:
    """The Document of one record; StripperError when it has no text."""
    if not isinstance(record, dict):
        raise StripperError(f"{source}: not a JSON object")
    url = record.get("url")
    meta = record.get("metadata")
    if not url and isinstance(meta, dict):
        url = meta.get("url")
    text = record.get(fmt.text_field)
    if text is None and isinstance(record.get("html"), str):
        try:
            from .html import read_html  # only when a record brings HTML
        except ImportError:
            raise StripperError(f"{source}: an 'html' record, and this stripper reads no HTML") from None
        html = _SURROGATE.sub("\ufffd", record["html"]).encode("utf-8")
        return read_html(html, source, url=url if isinstance(url, str) else None)
    if not isinstance(text, str):
        raise StripperError(f"{source}: no '{fmt.text_field}' string field")
    return Document.from_text(text, source=source, url=url if isinstance(url, str) else None)


def record_id(record: dict) -> str | None:
    """A record's id (its `id` field, a string or a number), if it has one."""
    value = record.get("id")
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


@dataclass(repr=False, eq=False)
class Record:
    """One numbered JSONL line, cleaned: its result, or why it could not be
    (a blank line has neither)."""

    number: int
    raw: bytes
    source: str  # path:line, as messages name it
    record: dict | None = None
    result: CleanResult | None = None
    error: str | None = None

    @property
    def blank(self) -> bool:
        return self.record is None and self.error is None

    @property
    def held_back(self) -> str | None:
        """What to tell when the safety valve held the record's cuts back."""
        if self.result is None or not self.result.held_back:
            return None
        return f"{self.source}: suspicious: {self.result.held_back} (use --force to apply)"


def read_records(
    lines: Iterable[tuple[int, bytes]], path: str, fmt: RecordFormat
) -> Iterator[tuple[Record, Document | None]]:
    """Numbered JSONL lines read one by one: each a Record (with its error
    when it cannot be read) and its Document (None for a blank line or an
    error)."""
    import json  # here, not with the module: a run that reads no JSONL imports no json (4.4M instructions)

    for number, raw in lines:
        source = f"{path}:{number}"
        if not raw.strip():
            yield Record(number, raw, source), None
            continue
        try:
            record = json.loads(raw)
            doc = record_document(record, fmt, source)
        except (ValueError, RecursionError, StripperError) as exc:  # RecursionError: [[[[...
            message = str(exc) if isinstance(exc, StripperError) else f"{source}: invalid JSON ({exc})"
            yield Record(number, raw, source, error=first_line(message)), None
            continue
        yield Record(number, raw, source, record), doc


def clean_records(lines: Iterable[tuple[int, bytes]], path: str, fmt: RecordFormat, clean) -> Iterator[Record]:
    """Clean numbered JSONL lines one by one with `clean(doc) -> CleanResult`;
    a line that cannot be read or cleaned is a Record with its error."""
    for line, doc in read_records(lines, path, fmt):
        if doc is None:
            yield line
            continue
        try:
            line.result = clean(doc)
        except Exception as exc:  # a rule that timed out; or a bug: this record fails alone
            line.error = (
                first_line(str(exc))
                if isinstance(exc, StripperError)
                else f"{line.source}: internal error, please report it: {type(exc).__name__}: {first_line(str(exc))}"
            )
        yield line


def clean_lines(lines: list[tuple[int, bytes]], path: str, fmt: RecordFormat, clean) -> ChunkOutcome:
    """Clean numbered JSONL lines with `clean(doc) -> CleanResult`: the
    lines to write, and counts."""
    out: list[bytes] = []
    outcome = ChunkOutcome(b"")
    for line in clean_records(lines, path, fmt, clean):
        raw = line.raw
        if line.blank:
            out.append(raw)
            continue
        outcome.records += 1
        if line.error is not None:
            outcome.errors.append(line.error)
            out.append(raw)  # never lose a record
            continue
        record, result = line.record, line.result  # read and cleaned
        outcome.cuts += len(result.applied_cuts)  # held-back cuts are not made: check counts what clean does
        if line.held_back:
            outcome.held_back.append(line.held_back)
        if not result.changed and fmt.summary_field is None:
            out.append(raw)
            continue
        if result.changed:
            outcome.changed += 1
        record[fmt.text_field] = result.text
        if fmt.summary_field:
            record[fmt.summary_field] = summary(result)
        ending = b"\r\n" if raw.endswith(b"\r\n") else b"\n" if raw.endswith(b"\n") else b""
        out.append(dump(record) + ending)
    outcome.data = b"".join(out)
    return outcome


def first_line(message: str) -> str:
    return message.splitlines()[0] if message else message


def dump(record: dict) -> bytes:
    """A record as one line of UTF-8 JSON; lone surrogates stay escaped."""
    import json  # (as in read_records)

    line = json.dumps(record, ensure_ascii=False)
    try:
        return line.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", line).encode("utf-8")


def summary(result: CleanResult) -> dict:
    rules: dict[str, int] = {}
    for cut in result.cuts:
        rules[cut.rule_id] = rules.get(cut.rule_id, 0) + 1
    return {
        "cuts": len(result.cuts),
        "lines_cut": result.stats.lines_cut,
        "chars_cut": result.stats.chars_in - result.stats.chars_out,
        "rules": rules,
        "site": result.site,
        "language": result.language,
        "held_back": result.held_back,
    }
