"""Find input files, clean them one by one, write results: the batch runner.

It only moves documents: reading, cleaning and writing are the other
modules' work. A failure in one file is reported and the batch goes on.
"""
from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fnmatch import translate
from functools import lru_cache
from pathlib import Path

from . import compress
from .config import RepoConfig
from .errors import StripperError
from .jsonl import ChunkOutcome, RecordFormat, clean_lines
from .model import CleanResult
from .parallel import ordered_map
from .pipeline import clean
from .rules.registry import RuleRegistry
from .textio import BinaryInput, atomic_writer, decode, encode, read_document, write_atomic

# File names picked up when a folder is given (a file named explicitly is
# always read, whatever its name).
INPUT_GLOBS_DEFAULT = ("*.txt", "*.txt.gz", "*.txt.zst", "*.jsonl", "*.jsonl.gz", "*.jsonl.zst",
                       "*.html", "*.htm", "*.html.gz")
STDIN = "-"


@dataclass(frozen=True)
class Input:
    path: str           # a file path, or "-" for stdin
    relative: Path      # where it goes under --output-dir
    known_size: int | None = field(default=None, compare=False)  # from the folder walk's stat

    @property
    def is_jsonl(self) -> bool:
        return compress.plain_name(self.path).endswith(".jsonl")

    @property
    def size(self) -> int:
        if self.known_size is not None:
            return self.known_size
        try:
            return 0 if self.path == STDIN else os.stat(self.path).st_size
        except OSError:
            return 0


def iter_inputs(paths, globs=INPUT_GLOBS_DEFAULT,
                on_skip: Callable[[str, str], None] | None = None) -> Iterator[Input]:
    """Files named and files under folders named, in a stable order. Folder
    symlinks, hidden folders and special files (FIFOs, devices) are not
    followed; each skip is told to `on_skip(path, why)`."""
    for arg in paths:
        if arg == STDIN:
            yield Input(STDIN, Path("stdin.txt"))
            continue
        p = Path(arg)
        if p.is_dir():
            yield from _walk(p, globs, on_skip)
        elif p.is_file():
            yield Input(str(p), Path(p.name))
        elif on_skip is not None:
            why = "no such file or folder" if not p.exists() and not p.is_symlink() else "not a regular file"
            on_skip(str(p), why)


def _walk(root: Path, globs, on_skip) -> Iterator[Input]:
    # one stat a file, kept for its size; paths joined as strings (a Path a
    # file cost 30 us of the parent's time, which 2 jobs share a core with)
    wanted = _name_matcher(tuple(globs))
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        folder = Path(dirpath)  # as Path spells it ("x", not "./x")
        relative_dir, folder = folder.relative_to(root), str(folder)
        for name in sorted(filenames):
            if not wanted(name):
                continue
            path = name if folder == "." else os.path.join(folder, name)
            try:
                info = os.stat(path)  # follows a file symlink
            except OSError as exc:
                if on_skip:
                    on_skip(path, f"cannot stat: {exc.strerror}")
                continue
            if not stat.S_ISREG(info.st_mode):
                if on_skip:
                    on_skip(path, "not a regular file")
                continue
            yield Input(path, relative_dir / name, info.st_size)


@lru_cache(maxsize=8)
def _name_matcher(globs: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a file name matches one of `globs` (as fnmatchcase), in one regex."""
    pattern = re.compile("|".join(f"(?:{translate(g)})" for g in globs)) if globs else None
    return (lambda name: pattern.match(name) is not None) if pattern else (lambda name: False)


@dataclass
class Outcome:
    """What happened to one input. `result` is there when the input was
    cleaned in this process (a pool sends back only the counts)."""

    input: Input
    result: CleanResult | None = None
    error: str | None = None
    skipped: str | None = None
    written: Path | None = None
    changed: bool = False
    cuts: int = 0
    rules: tuple[str, ...] = ()
    lines_cut: int = 0
    share_cut: float = 0.0
    documents: int = 0
    notes: list[str] = field(default_factory=list)     # held-back documents, assumed encodings
    errors: list[str] = field(default_factory=list)    # failed JSONL records

    def counted(self) -> Outcome:
        """The counts of the result, without the result (cheap to send)."""
        result = self.result
        if result is not None:
            self.changed, self.cuts = result.changed, len(result.cuts)
            self.rules = tuple(sorted({c.rule_id for c in result.cuts}))
            self.lines_cut, self.share_cut = result.stats.lines_cut, result.stats.share_cut
            self.documents = 1
            if result.held_back:
                self.notes.append(f"{self.input.path}: suspicious: {result.held_back} (use --force to apply)")
        self.result = None
        return self

    @property
    def failed(self) -> bool:
        return bool(self.error or self.errors)


@dataclass
class CleanOptions:
    site: str | None = None
    site_rules: bool = True
    classifier: bool = True
    encoding: str | None = None
    max_cut_share: float | None = None
    config: RepoConfig | None = None
    record_format: RecordFormat = field(default_factory=RecordFormat)
    input_format: str = "auto"      # auto | text | html
    engine: str = "auto"            # HTML: an extractor's choice of lines (auto, trafilatura,
                                    # readability), or stripper's DOM decisions

    def site_for(self, path: str) -> str | None:
        if self.site or self.config is None or path == STDIN:
            return self.site
        return self.config.site_for(path)

    def excluded(self, path: str) -> bool:
        return self.config is not None and path != STDIN and self.config.excluded(path)

    def clean(self, doc, registry: RuleRegistry, path: str) -> CleanResult:
        """clean() with these options, for a document read from `path`."""
        return clean(doc, registry, site=self.site_for(path), site_rules=self.site_rules,
                     classifier=self.classifier, max_cut_share=self.max_cut_share, engine=self.engine)


@dataclass
class BatchSummary:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.failed]

    @property
    def changed(self) -> list[Outcome]:
        return [o for o in self.outcomes
                if (o.result.changed if o.result is not None else o.changed)]


def clean_input(item: Input, registry: RuleRegistry, options: CleanOptions) -> Outcome:
    """Read and clean one text input; errors become the outcome, not
    exceptions. A path the repository configuration excludes is passed over."""
    if options.excluded(item.path):
        return Outcome(item)
    assumed: list[str] = []  # what --encoding auto assumed, told to the user
    try:
        if item.path == STDIN:
            doc = decode(sys.stdin.buffer.read(), "<stdin>", options.encoding, assumed.append)
        else:
            doc = read_document(Path(item.path), options.encoding, assumed.append, options.input_format)
        result = options.clean(doc, registry, item.path)
    except BinaryInput as exc:
        return Outcome(item, skipped=str(exc))
    except StripperError as exc:
        return Outcome(item, error=str(exc))
    return Outcome(item, result=result, notes=assumed)


def write_result(outcome: Outcome, *, output_dir: Path | None, in_place: bool) -> None:
    """Write a cleaned document: under `output_dir` (mirroring its relative
    path), or over its input when `in_place` and only if it changed. The
    file is compressed again as its name says."""
    result = outcome.result
    if result is None:
        return
    from_html = result.document.meta.get("format") == "html"
    try:
        if output_dir is not None:
            target = output_dir / outcome.input.relative
            if from_html:  # a page's text goes to page.txt
                target = target.with_name(compress.plain_name(target).rsplit(".", 1)[0] + ".txt")
            target.parent.mkdir(parents=True, exist_ok=True)
        elif in_place and from_html:
            outcome.error = (f"{outcome.input.path}: an HTML page is not rewritten in place "
                             f"(its text is not the page): use --output-dir")
            return
        elif in_place and result.changed and outcome.input.path != STDIN:
            target = Path(outcome.input.path)
        else:
            return
        write_atomic(target, compress.compressor(target)(encode(result.document, result.text)),
                     durable=output_dir is None)
        outcome.written = target
    except OSError as exc:
        outcome.error = f"{outcome.input.path}: cannot write: {exc.strerror or exc}; input left as it was"


# ---- the batch runner: files and JSONL chunks, in a pool or here ----------

JSONL_CHUNK_RECORDS = 200


@dataclass(frozen=True)
class Job:
    """How a batch runs: what to do with each input, and where results go."""
    registry: RuleRegistry
    options: CleanOptions
    output_dir: Path | None = None
    in_place: bool = False
    check_only: bool = False


FILES_PER_TASK = 32  # small files go to a worker in groups: one round trip for many


@dataclass(frozen=True)
class _FileTask:
    inputs: tuple[Input, ...]


@dataclass(frozen=True)
class _ChunkTask:
    input: Input
    lines: tuple[tuple[int, bytes], ...]
    first: bool
    last: bool
    error: str | None = None    # the file could not be read on from here


_JOB: Job | None = None


def _set_job(job: Job) -> None:
    global _JOB
    _JOB = job


def _run_task(task):
    job = _JOB
    if isinstance(task, _FileTask):
        outcomes = []
        for item in task.inputs:
            outcome = clean_input(item, job.registry, job.options)
            if not job.check_only:
                write_result(outcome, output_dir=job.output_dir, in_place=job.in_place)
            outcomes.append(outcome.counted())
        return outcomes
    path = task.input.path
    return clean_lines(list(task.lines), path, job.options.record_format,
                       lambda doc: job.options.clean(doc, job.registry, path))


def _tasks(inputs, job: Job, group: int):
    files: list[Input] = []
    for item in inputs:
        if job.options.excluded(item.path):
            continue
        if not item.is_jsonl or item.path == STDIN:
            files.append(item)
            if len(files) >= group:
                yield _FileTask(tuple(files))
                files = []
            continue
        if files:
            yield _FileTask(tuple(files))
            files = []
        yield from _chunks(item)
    if files:
        yield _FileTask(tuple(files))


def _chunks(item: Input):
    """A JSONL file as tasks of JSONL_CHUNK_RECORDS lines, read as it goes."""
    chunk: list[tuple[int, bytes]] = []
    first = True
    try:
        with compress.open_read(item.path) as stream:
            for number, raw in enumerate(stream, 1):
                chunk.append((number, raw))
                if len(chunk) == JSONL_CHUNK_RECORDS:
                    yield _ChunkTask(item, tuple(chunk), first, False)
                    chunk, first = [], False
    except (OSError, EOFError, ValueError) as exc:
        yield _ChunkTask(item, tuple(chunk), first, True, f"{item.path}: cannot read: {exc}")
        return
    except Exception as exc:  # a corrupt zstd frame
        yield _ChunkTask(item, tuple(chunk), first, True, f"{item.path}: cannot decompress: {exc}")
        return
    yield _ChunkTask(item, tuple(chunk), first, True)


class _JsonlSink:
    """Writes a JSONL file's cleaned chunks, in order, to a temporary file
    that replaces the target at the end (or goes, if nothing changed in
    place, or on any error or interrupt)."""

    def __init__(self, item: Input, job: Job):
        self.outcome = Outcome(item)
        self.writer = self.stream = None
        if job.check_only:
            return
        if job.output_dir is not None:
            self.target = job.output_dir / item.relative
            self.target.parent.mkdir(parents=True, exist_ok=True)
        elif job.in_place:
            self.target = Path(item.path)
        else:
            return
        only_if_changed = job.output_dir is None
        self.writer = atomic_writer(self.target, replace=lambda: not only_if_changed or self.outcome.changed,
                                    durable=only_if_changed)
        self.stream = compress.open_write(self.writer.__enter__(), self.target)

    def add(self, chunk: ChunkOutcome) -> None:
        o = self.outcome
        o.documents += chunk.records
        o.cuts += chunk.cuts
        o.changed = o.changed or chunk.changed > 0
        o.notes += chunk.held_back
        o.errors += chunk.errors
        if self.stream is not None:
            self.stream.write(chunk.data)

    def close(self, error: BaseException | None = None) -> Outcome:
        if self.writer is not None:
            try:
                self.stream.close()
            except BaseException as exc:
                error = error or exc
            if error is None:
                self.writer.__exit__(None, None, None)
                if self.outcome.changed or self.target != Path(self.outcome.input.path):
                    self.outcome.written = self.target
            else:
                try:
                    self.writer.__exit__(type(error), error, error.__traceback__)
                except BaseException:
                    pass
        return self.outcome


def run_batch(inputs, job: Job, jobs: int = 1,
              should_stop: Callable[[], bool] = lambda: False) -> Iterator[Outcome]:
    """Clean `inputs` (files and JSONL files) in order, yielding one Outcome
    per input as it completes. With jobs > 1 the work runs in a process pool
    fed in bounded chunks; outputs are written by the workers (text files)
    or here, in order (JSONL). A failed file or record is reported in its
    Outcome and the batch goes on. Once `should_stop()` says so, the files
    under way are finished (a JSONL file cut short is dropped, its input left
    as it was) and the batch ends."""
    sink: _JsonlSink | None = None
    tasks = _tasks(inputs, job, FILES_PER_TASK if jobs > 1 else 1)
    results = ordered_map(_run_task, tasks, jobs, _set_job, (job,), should_stop=should_stop)
    try:
        for task, result in results:
            if isinstance(task, _FileTask):
                yield from result
                continue
            if task.first:
                sink = _JsonlSink(task.input, job)
            elif sink is None:
                continue  # the rest of a file that already failed
            try:
                sink.add(result)
            except OSError as exc:
                outcome = sink.close(exc)
                outcome.error = f"{task.input.path}: cannot write: {exc.strerror or exc}; input left as it was"
                sink = None
                yield outcome
                continue
            if task.error:
                outcome = sink.close(StripperError(task.error))
                outcome.error = task.error + "; input left as it was"
                sink = None
                yield outcome
            elif task.last:
                outcome, sink = sink.close(), None
                yield outcome
        if sink is not None:  # stopped in the middle of a JSONL file
            sink.close(KeyboardInterrupt())
            sink = None
    except BaseException as exc:
        if sink is not None:
            sink.close(exc)
        raise
    finally:
        results.close()
