"""`stripper clean` and `stripper check`."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..batch import (
    STDIN,
    TEXT_FIELD_DEFAULT,
    BatchSummary,
    FilesDone,
    Group,
    Job,
    RecordFormat,
    clean_input,
    iter_inputs,
    numbered_lines,
    plan_outputs,
    run_batch,
)
from ..errors import StripperError
from ..parallel import default_jobs
from ..progress import Progress
from ..textio import encode
from . import EXIT_ERROR, EXIT_FOUND, EXIT_INTERRUPTED, EXIT_OK
from .options import build, cleaning_options

EXIT_TERMINATED = 143  # 128 + SIGTERM


class _StopRequest:
    """SIGINT or SIGTERM during a batch: finish the files under way, then
    stop. A second signal stops at once (still no half-written file: writes
    go through a temporary file and a rename), but waits while `held`: from
    a file's write until its outcome is counted, so that the summary names
    every file written (with several jobs, whose workers finish their tasks
    anyway, the whole batch is held: the second signal stops as the first)."""

    def __init__(self):
        self.signal: int | None = None
        self._holds = 0
        self._waiting = False  # a second signal came while held
        self._hold = _Hold(self)

    def __call__(self, signum, frame):
        if self.signal is None:
            self.signal = signum
        elif self._holds:
            self._waiting = True
        else:
            raise KeyboardInterrupt()

    def held(self) -> _Hold:
        """A block a second signal waits for (raised at its end)."""
        return self._hold

    def __bool__(self) -> bool:
        return self.signal is not None


class _Hold:
    """_StopRequest.held's block: one object, entered once a file (1 job),
    not a generator's context made each time."""

    def __init__(self, stop: _StopRequest):
        self._stop = stop

    def __enter__(self) -> None:
        self._stop._holds += 1

    def __exit__(self, kind, value, traceback) -> None:
        stop = self._stop
        stop._holds -= 1
        if kind is None and stop._waiting and not stop._holds:
            stop._waiting = False
            raise KeyboardInterrupt()


@contextmanager
def _stop_requested_by_signals():
    """A _StopRequest that SIGINT and SIGTERM set while the block runs;
    the handlers before it come back after."""
    stop = _StopRequest()
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


text_field_option = click.option(
    "--text-field", default=TEXT_FIELD_DEFAULT, show_default=True, help="JSONL: the field holding the text."
)


def batch_options(func):
    for option in reversed(
        [
            click.option(
                "-j",
                "--jobs",
                type=click.IntRange(1),
                default=None,
                help="Worker processes (default: all cores; one for inputs under 2 MB).",
            ),
            click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary."),
            text_field_option,
            click.option(
                "--summary-field", metavar="NAME", help="JSONL: add a summary of each record's cuts under this field."
            ),
        ]
    ):
        func = option(func)
    return func


_stderr_open = True


def _warn(message: str) -> None:
    _say(click.echo, f"stripper: {message}", err=True)


def _say(write, *args, **kw) -> None:
    """Write a message to stderr, unless stderr was closed (`2>&1 | head`):
    then messages go nowhere and the batch goes on, its exit code intact."""
    global _stderr_open
    if not _stderr_open:
        return
    try:
        write(*args, **kw)
    except (OSError, ValueError):
        _stderr_open = False
        devnull = os.open(os.devnull, os.O_WRONLY)  # what is still buffered flushes there at exit
        os.dup2(devnull, 2)
        os.close(devnull)


def _skip(path: str, why: str) -> None:
    _warn(f"{path}: skipped: {why}")


@click.command("clean")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write cleaned files here, mirroring their paths.",
)
@click.option("-i", "--in-place", is_flag=True, help="Rewrite changed files in place (atomically).")
@click.option(
    "--no-copy-failed",
    is_flag=True,
    help="With --output-dir: do not copy an input that could not be cleaned into the "
    "output folder (by default it is copied as it was, and reported).",
)
@cleaning_options(format_alias=True)
@batch_options
def clean_command(paths, output_dir, in_place, no_copy_failed, jobs, quiet, text_field, summary_field, **kw):
    """Clean PATHS: files, folders (of *.txt and *.jsonl, also .gz and .zst),
    or - for stdin.

    One file or stdin without --output-dir/--in-place is written to stdout.
    With --output-dir the folder gets a file for every input: cleaned, or
    copied as it was when it could not be cleaned (reported; exit 2).
    Exit 0 when nothing was cut, 1 when something was, 2 on any error,
    130 or 143 when interrupted (finished files stay; no partial file)."""
    if output_dir and in_place:
        raise click.UsageError("give --output-dir or --in-place, not both")
    registry, options = build(record_format=RecordFormat(text_field, summary_field), **kw)
    batch = output_dir is not None or in_place
    found = iter_inputs(paths, on_skip=_skip, missing_as_inputs=True, groups=batch)
    if not batch:
        inputs = list(found)
        if len(paths) != 1 or len(inputs) != 1 or any(Path(p).is_dir() for p in paths if p != STDIN):
            raise click.UsageError(
                "several inputs: give --output-dir DIR or --in-place (only one file or - is written to stdout)"
            )
        sys.exit(_to_stdout(inputs[0], registry, options))
    one_root = len(paths) == 1
    inputs = _Listing(plan_outputs(found, output_dir, options.input_format, one_root) if output_dir else found)
    if output_dir is not None and _inside_an_input(output_dir, paths):
        inputs.find_all()  # before the first output is written, which the walk would find
    job = Job(registry, options, output_dir=output_dir, in_place=in_place, copy_failed=not no_copy_failed)
    summary = _run(inputs, job, _jobs_for(paths, jobs), quiet, verb="cleaned")
    sys.exit(_exit_code(summary))


def _to_stdout(item, registry, options) -> int:
    """Clean one file or stdin to stdout. An input that cannot be cleaned
    is written as it was (and reported; exit 2), as a JSONL record is."""
    if item.is_jsonl and not item.problem:
        from ..jsonl import clean_lines

        failed = changed = False
        try:
            for number, raw in numbered_lines(item.path):
                chunk = clean_lines(
                    [(number, raw)],
                    item.path,
                    options.record_format,
                    lambda doc: options.clean(doc, registry, item.path),
                )
                sys.stdout.buffer.write(chunk.data)
                for message in chunk.errors + chunk.held_back:
                    _warn(message)
                failed, changed = failed or bool(chunk.errors), changed or chunk.changed > 0
        except StripperError as exc:  # cannot read on: the records before it were written
            _warn(f"{exc}; the output stops there")
            return EXIT_ERROR
        return EXIT_ERROR if failed else EXIT_FOUND if changed else EXIT_OK
    outcome = clean_input(item, registry, options, keep_original=True)
    if outcome.result is not None:
        sys.stdout.buffer.write(encode(outcome.result.document, outcome.result.text))
        sys.stdout.flush()
    elif outcome.original is not None:
        sys.stdout.buffer.write(outcome.original)
        sys.stdout.flush()
        outcome.error += "; written to stdout as it was"
    changed = outcome.result is not None and outcome.result.changed
    _report(outcome.counted())
    return EXIT_ERROR if outcome.failed else EXIT_FOUND if changed else EXIT_OK


class _Listing:
    """Inputs as they are found (walked, planned), so that the batch starts
    on the first ones, its workers busy while the parent walks on. An input
    is held from when it is found until the batch takes it: a look ahead
    (`ahead`: the job count, the progress bar's totals) sees the inputs the
    batch takes later, and a batch of millions of files holds only those
    found and not yet taken. A Group counts as its files."""

    def __init__(self, found):
        self._found = iter(found)
        self._held: list = []  # found; from `_first` on, not taken yet
        self._first = 0
        self.taken = 0

    def _more(self) -> bool:
        item = next(self._found, None)
        if item is not None:
            self._held.append(item)
        return item is not None

    def ahead(self) -> Iterator:
        """The inputs not taken yet, from the next, found as they are asked for."""
        k = self._first
        while k < len(self._held) or self._more():
            yield self._held[k]
            k += 1

    def __iter__(self) -> Iterator:
        """The batch's pass: each input once, let go of once taken."""
        while self._first < len(self._held) or self._more():
            item, self._held[self._first] = self._held[self._first], None
            self._first += 1
            self.taken += _files(item)
            if self._first >= _LET_GO and 2 * self._first >= len(self._held):
                del self._held[: self._first]
                self._first = 0
            yield item

    def find_all(self) -> None:
        self._held.extend(self._found)

    def __len__(self) -> int:
        """The files found: taken and not."""
        self.find_all()
        return self.taken + sum(map(_files, self._held[self._first :]))


def _files(item) -> int:
    return len(item) if type(item) is Group else 1


_LET_GO = 1024  # inputs taken before the listing's list is shortened


def _inside_an_input(output_dir: Path, paths) -> bool:
    out = os.path.realpath(output_dir)
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            root = os.path.realpath(path)
            try:
                if os.path.commonpath([out, root]) == root:
                    return True
            except ValueError:  # not on one drive
                pass
    return False


def _run(inputs, job: Job, jobs, quiet, verb: str, on_outcome=None) -> BatchSummary:
    """Run the batch with a progress bar, report each outcome, and on an
    interrupt (SIGINT, SIGTERM) say which files were done and exit."""
    summary = BatchSummary()
    shown = not quiet and sys.stderr.isatty()  # the bar's total is counted first
    progress = Progress(len(inputs) if shown else 0, lambda: sum(i.size for i in inputs.ahead()), enabled=shown)
    sized = not quiet  # the closing line tells the megabytes
    # the handlers stay until the summary is out: a signal while the
    # workers wind down is told as an interrupt with every file done
    with _stop_requested_by_signals() as stop:
        try:
            jobs = jobs or _auto_jobs(inputs)

            def say(message: str) -> None:
                _say(progress.log, f"stripper: {message}")

            per_file = on_outcome is not None
            for outcome in run_batch(
                inputs, job, jobs, should_stop=lambda: bool(stop), held=stop.held, per_file=per_file
            ):
                if type(outcome) is FilesDone:  # a worker's task of files
                    size = outcome.bytes if sized else 0
                    summary.add_done(outcome, size)
                    progress.advance(size, outcome.documents, outcome.files)
                    for message in outcome.messages:
                        say(message)
                    continue
                size = outcome.size if sized else 0
                summary.add(outcome, size)
                progress.advance(size, outcome.documents)
                _report(outcome, say)
                if on_outcome:
                    on_outcome(outcome, progress.log)
        except KeyboardInterrupt:
            stop.signal = stop.signal or signal.SIGINT
        except Exception as exc:
            if type(exc).__name__ != "BrokenProcessPool":
                raise
            progress.stop()
            _warn(
                f"a worker process died ({exc}): {summary.files} of {len(inputs)} files done; "
                f"no file is left half-written"
            )
            sys.exit(EXIT_ERROR)
        if stop:
            progress.stop()
            code = EXIT_TERMINATED if stop.signal == signal.SIGTERM else EXIT_INTERRUPTED
            done = summary.last_done
            _warn(
                f"interrupted by {'SIGTERM' if code == EXIT_TERMINATED else 'SIGINT'}: "
                f"{summary.files} of {len(inputs)} files done"
                + (f", the last {done[-1]}" if done else "")
                + "; no file is left half-written, the rest were not touched"
            )
            for path in done:
                _warn(f"done: {path}")
            sys.exit(code)
        seconds = progress.stop()
        if not quiet and len(inputs) > 1:
            documents = summary.documents
            megabytes = summary.bytes / 1e6
            _warn(
                f"{summary.files} files, {documents} document{'' if documents == 1 else 's'} {verb}: "
                f"{summary.changed} changed, {len(summary.failed)} failed, "
                f"{megabytes:.1f} MB in {seconds:.1f} s ({megabytes / max(seconds, 1e-9):.1f} MB/s)"
            )
        return summary


def _jobs_for(paths, jobs: int | None) -> int | None:
    """The jobs asked for, or 1 where stdin is an input: only this process
    reads it (a worker's stdin is /dev/null)."""
    return 1 if STDIN in paths else jobs


SMALL_BATCH_BYTES = 2_000_000  # below this, starting workers costs more than it saves


def _auto_jobs(inputs) -> int:
    """All cores for a real batch; one process for a file or a handful (the
    pre-commit hook's case: it must start fast)."""
    total = 0
    for item in inputs.ahead():  # sizes read until the sum is enough: a stat a file, in this process
        total += item.size
        if total >= SMALL_BATCH_BYTES:
            return default_jobs()
    return 1


def _report(outcome, say=_warn) -> None:
    """What went wrong with an input, or what it was told (one line each)."""
    for message in outcome.told():
        say(message)


def _exit_code(summary: BatchSummary) -> int:
    if summary.failed:
        _warn(f"{len(summary.failed)} of {summary.files} files failed")
        return EXIT_ERROR
    return EXIT_FOUND if summary.changed else EXIT_OK


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@cleaning_options(format_alias=True)
@batch_options
def check_command(paths, jobs, quiet, text_field, summary_field, **kw):
    """Report, without writing, each file that has boilerplate to cut.

    Exit 1 when anything would be cut, 0 when nothing would, 2 on errors."""
    registry, options = build(record_format=RecordFormat(text_field, summary_field), **kw)
    inputs = _Listing(iter_inputs(paths, on_skip=_skip, missing_as_inputs=True, groups=True))

    def tell(outcome, say):
        if outcome.cuts:  # the listing is the command's output: stdout
            click.echo(
                f"{outcome.input.path}: {outcome.cuts} cuts"
                + (
                    f", {outcome.lines_cut} lines, {outcome.share_cut:.0%} of characters ({', '.join(outcome.rules)})"
                    if outcome.documents == 1 and not outcome.input.is_jsonl
                    else f" in {outcome.documents} records"
                )
            )

    job = Job(registry, options, check_only=True)
    summary = _run(inputs, job, _jobs_for(paths, jobs), quiet, verb="checked", on_outcome=tell)
    if summary.failed:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FOUND if summary.with_cuts else EXIT_OK)


commands = [clean_command, check_command]
