"""Find input files, clean them one by one, write results: the batch runner.

It only moves documents: reading, cleaning and writing are the other
modules' work. A failure in one file is reported and the batch goes on.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from fnmatch import translate
from functools import lru_cache
from operator import methodcaller
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from . import compress
from .config import RepoConfig
from .errors import StripperError
from .listing import FOLDER, FOLDER_LINK, REGULAR, entries, take_early
from .model import CleanResult, Document
from .parallel import ordered_map
from .pipeline import clean
from .rules.registry import RuleRegistry
from .textio import (
    HTML_NAMES,
    InputChanged,
    SameFile,
    atomic_writer,
    decode,
    document_of,
    encode,
    read_input_bytes,
    signature,
    write_atomic,
)

if TYPE_CHECKING:
    from .jsonl import ChunkOutcome, Record

# File names picked up when a folder is given (a file named explicitly is
# always read, whatever its name).
INPUT_GLOBS_DEFAULT = (
    "*.txt",
    "*.txt.gz",
    "*.txt.zst",
    "*.jsonl",
    "*.jsonl.gz",
    "*.jsonl.zst",
    "*.html",
    "*.htm",
    "*.html.gz",
)
STDIN = "-"


# The dataclasses of the batch generate only the methods something uses: the
# outcomes, summaries, tasks and the job are never compared nor printed (no
# __eq__, __repr__, nor a frozen one's __hash__), the job and the tasks
# are not frozen (nothing sets their fields: no __setattr__ and
# __delattr__ that refuse it), and each class has its docstring (else the
# dataclass makes one from its signature). Each method generated is
# compiled at import: 0.5 million instructions (0.12 ms) of every start.
@dataclass(frozen=True, slots=True, init=False)  # (its own __init__: not one compiled for nothing)
class Input:
    """One file to clean (or stdin), where its output goes, and what is known of it."""

    path: str  # a file path, or "-" for stdin
    relative: str  # where it goes under --output-dir
    known_size: int | None = field(default=None, compare=False)  # from the folder walk's stat
    problem: str | None = field(default=None, compare=False)  # why it cannot be read at all
    target: str | None = field(default=None, compare=False)  # its output path, once planned

    def __init__(
        self,
        path: str,
        relative: str,
        known_size: int | None = None,
        problem: str | None = None,
        target: str | None = None,
    ):
        # each field set through its slot: the frozen dataclass's own
        # __init__ calls object.__setattr__ for each (an Input cost 9,700
        # instructions, 5,800 so; two Inputs a file in a batch)
        _set_path(self, path)
        _set_relative(self, relative)
        _set_known_size(self, known_size)
        _set_problem(self, problem)
        _set_target(self, target)

    def __reduce__(self):
        return Input, (self.path, self.relative, self.known_size, self.problem, self.target)

    @property
    def is_jsonl(self) -> bool:
        return compress.plain_name_ends(self.path, (".jsonl",))

    def planned(self, target: str, problem: str | None = None) -> Input:
        """This input with its output path (and a problem, if that path is taken)."""
        return Input(self.path, self.relative, self.known_size, problem or self.problem, target)

    @property
    def size(self) -> int:
        if self.known_size is not None:
            return self.known_size
        try:
            return 0 if self.path == STDIN else os.stat(self.path).st_size
        except OSError:
            return 0


_set_path, _set_relative, _set_known_size, _set_problem, _set_target = (
    vars(Input)[name].__set__ for name in ("path", "relative", "known_size", "problem", "target")
)


def iter_inputs(
    paths,
    globs=INPUT_GLOBS_DEFAULT,
    on_skip: Callable[[str, str], None] | None = None,
    missing_as_inputs: bool = False,
    groups: bool = False,
) -> Iterator[Input | Group]:
    """Files named and files under folders named, in a stable order. Folder
    symlinks, hidden folders and special files (FIFOs, devices) are not
    followed; each skip is told to `on_skip(path, why)`. A path named that
    is not there (or not a file) is a skip too, or, with `missing_as_inputs`,
    an Input whose `problem` says why (its outcome is an error).

    `groups`: a folder's regular files whose names can be neither JSONL
    nor a page's (`*.txt`, `.gz`, `.zst`) come as Groups of up to
    FILES_PER_TASK that come one after another, not an Input each."""
    for arg in paths:
        if arg == STDIN:
            yield Input(STDIN, "stdin.txt")
            continue
        p = Path(arg)
        if p.is_dir():
            yield from _walk(p, globs, on_skip, groups)
        elif p.is_file():
            yield Input(str(p), p.name)
        else:
            why = "no such file or folder" if not p.exists() and not p.is_symlink() else "not a regular file"
            if missing_as_inputs:
                yield Input(str(p), p.name, problem=why)
            elif on_skip is not None:
                on_skip(str(p), why)


def _walk(root: Path, globs, on_skip, groups: bool = False) -> Iterator:
    """os.walk's order (a folder's files, then its subfolders, sorted), read
    with os.scandir (stripper/listing.py): a regular file is known by its
    directory entry, with no stat (its size is read when asked for); a
    symlink to a file or an entry of unknown type is stat'ed, which follows
    a file symlink. Paths are joined
    as strings, not Paths: the parent's CPU is taken from its workers.
    With `groups`, the regular files whose names can be neither JSONL nor
    a page's (`_text_endings`) come as Groups (their names), cut before
    anything else the walk yields or tells: a skip is told where it was,
    between the files before and after it."""
    wanted = _name_matcher(tuple(globs))
    grouped = _text_endings(tuple(globs)) if groups else None
    pending = [(str(root), "")]  # folders to read (as Path spells them: "x", not "./x"), relative prefix
    while pending:
        folder, prefix = pending.pop()
        try:
            names_read, kinds = _listing(folder)
        except OSError:  # an unreadable folder is passed over, as os.walk does
            continue
        subfolders = []
        base = "" if folder == "." else os.path.join(folder, "")  # joined to a name: os.path.join's path
        names: list[str] = []  # regular files for the next Group
        for name, kind in zip(names_read, kinds):
            if grouped and kind == REGULAR and name.endswith(grouped):  # so not a folder
                names.append(name)
                if len(names) == FILES_PER_TASK:
                    yield Group(base, prefix, tuple(names))
                    names = []
                continue
            if kind == FOLDER or kind == FOLDER_LINK:  # a folder symlink is one, as in os.walk, not descended into
                if kind == FOLDER and not name.startswith("."):
                    subfolders.append(name)
                continue
            if not wanted(name):
                continue
            if kind == REGULAR:  # a regular file, by its entry
                if names:
                    yield Group(base, prefix, tuple(names))
                    names = []
                yield Input(base + name, prefix + name)
                continue
            if names:
                yield Group(base, prefix, tuple(names))
                names = []
            path = base + name
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
            yield Input(path, prefix + name, info.st_size)
        if names:
            yield Group(base, prefix, tuple(names))
        for name in reversed(subfolders):
            pending.append((base + name, prefix + name + os.sep))


_UTF8_NAMES = sys.getfilesystemencoding() == "utf-8" and sys.getfilesystemencodeerrors() == "surrogateescape"


def _listing(folder: str) -> tuple[list[str], str]:
    """A folder's names sorted, and their kinds (stripper/listing.py): the
    helper's, where it listed this folder early, else read here. Where
    names are UTF-8 on disk they are listed as bytes, sorted, and decoded:
    the order of UTF-8 bytes is that of their code points, and
    tunisia-news's 8,776 entries took 70M instructions, not 103M as str. A
    folder with a name that is not UTF-8 is listed as str, whose order (of
    its escaped bytes) may differ."""
    if _UTF8_NAMES:
        early = take_early(folder)
        if early is not None:
            return early
        names, kinds = entries(os.fsencode(folder))
        try:
            return [name.decode() for name in names], kinds
        except UnicodeDecodeError:
            pass
    return entries(folder)


def _group(base: str, prefix: str, names: str, target: str | None) -> Group:
    return Group(base, prefix, tuple(names.split("\0")) if names else (), target)  # no name holds a NUL


@lru_cache(maxsize=8)
def _text_endings(globs: tuple[str, ...]) -> tuple[str, ...]:
    """The endings of `globs` (all `*` and an ending) whose names are
    neither JSONL (streamed by the parent) nor, whatever their case, a
    page's (renamed page.txt: see plan_outputs): `*.txt` and its
    compressed forms, of the defaults."""
    endings = _endings(globs)
    if endings is None:
        return ()
    others = tuple(e + suffix for e in (".jsonl", *HTML_NAMES) for suffix in ("", *compress.SUFFIXES))
    return tuple(
        e for e in endings if e.isascii() and not any(e.lower().endswith(o) or o.endswith(e.lower()) for o in others)
    )


def _endings(globs: tuple[str, ...]) -> tuple[str, ...] | None:
    """The endings of globs that are all `*` and an ending, else None."""
    if globs and all(g.startswith("*") and not any(c in g[1:] for c in "*?[") for g in globs):
        return tuple(g[1:] for g in globs)
    return None


class Group:
    """Regular files of one folder that a walk found one after another:
    one object for up to FILES_PER_TASK inputs, by their names. The parent
    of a batch sends it as it is; the worker that cleans the files makes
    their Inputs (with their Inputs made, planned, sent and their outcomes
    rebuilt in the parent, the parent of 2 jobs took 69,300 instructions a
    tunisia-news file; with Groups, and FilesDone back, 13,700)."""

    __slots__ = ("base", "prefix", "names", "target")

    def __init__(self, base: str, prefix: str, names: tuple[str, ...], target: str | None = None):
        self.base = base  # the folder, as a prefix of its files' paths
        self.prefix = prefix  # and of their relative paths
        self.names = names
        self.target = target  # and of their outputs, once planned (a page's never: see plan_outputs)

    def __len__(self) -> int:
        return len(self.names)

    def __reduce__(self):
        # the names as one string: pickled as one, not one by one
        return _group, (self.base, self.prefix, "\0".join(self.names), self.target)

    def __repr__(self) -> str:
        return f"Group({self.base!r}, {self.prefix!r}, {len(self.names)} names, {self.target!r})"

    def inputs(self) -> list[Input]:
        base, prefix, target = self.base, self.prefix, self.target
        if target is None:
            return [Input(base + name, prefix + name) for name in self.names]
        return [Input(base + name, prefix + name, None, None, target + name) for name in self.names]

    def split(self, k: int) -> tuple[Group, Group]:
        """Its first k files and the others."""
        names = self.names
        return Group(self.base, self.prefix, names[:k], self.target), Group(
            self.base, self.prefix, names[k:], self.target
        )

    @property
    def size(self) -> int:
        """Its files' sizes, as Input.size reads them."""
        total = 0
        for name in self.names:
            try:
                total += os.stat(self.base + name).st_size
            except OSError:
                pass
        return total


@lru_cache(maxsize=8)
def _name_matcher(globs: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a file name matches one of `globs` (as fnmatchcase): globs
    that are all `*` and an ending, by the endings (1,800 instructions a
    tunisia-news name, 2,900 by the regex, whose `.*` is tried from each
    of a long name's characters); others in one regex."""
    endings = _endings(globs)
    if endings is not None:
        return methodcaller("endswith", endings)
    pattern = re.compile("|".join(f"(?:{translate(g)})" for g in globs)) if globs else None
    return (lambda name: pattern.match(name) is not None) if pattern else (lambda name: False)


@dataclass(repr=False, eq=False)
class Outcome:
    """What happened to one input. `result` is there when the input was
    cleaned in this process (a pool sends back only the counts)."""

    input: Input
    result: CleanResult | None = None
    error: str | None = None
    written: str | None = None  # the output's path
    changed: bool = False
    cuts: int = 0
    rules: tuple[str, ...] = ()
    lines_cut: int = 0
    share_cut: float = 0.0
    documents: int = 0
    notes: list[str] = field(default_factory=list)  # held-back documents, assumed encodings
    errors: list[str] = field(default_factory=list)  # failed JSONL records
    seen: tuple[int, int, int] | None = None  # the input's signature when it was read
    original: bytes | None = None  # its bytes, when asked for and not cleaned

    def counted(self) -> Outcome:
        """The counts of the result, without the result (cheap to send)."""
        result = self.result
        if result is not None:
            # held-back cuts are not made: `check` counts what `clean` does
            cuts = result.applied_cuts
            self.changed, self.cuts = result.changed, len(cuts)
            self.rules = tuple(sorted({c.rule_id for c in cuts})) if cuts else ()
            self.lines_cut, self.share_cut = result.stats.lines_cut, result.stats.share_cut
            self.documents = 1
            if result.held_back:
                self.notes.append(self._held_back_warning())
        self.result = None
        return self

    def told(self) -> list[str]:
        """The lines to tell of it, in order: its error, its failed records
        and notes, and the warning of a held-back result still held
        (`counted` moves that into the notes)."""
        lines = [self.error] if self.error else []
        if self.errors or self.notes:
            lines += self.errors + self.notes
        if self.result is not None and self.result.held_back:
            lines.append(self._held_back_warning())
        return lines

    def _held_back_warning(self) -> str:
        return f"{self.input.path}: suspicious: {self.result.held_back} (use --force to apply)"

    @property
    def failed(self) -> bool:
        return bool(self.error or self.errors)

    @property
    def size(self) -> int:
        """The input's size in bytes when it was read (else as it is now)."""
        return self.seen[0] if self.seen is not None else self.input.size


TEXT_FIELD_DEFAULT = "text"


# Here, not in stripper/jsonl.py with the rest of JSONL: that module is
# imported where a JSONL input is met (its import cost every start 4.5
# million instructions, 1% of `stripper check` on one file).
class RecordFormat(NamedTuple):  # (a frozen dataclass's 6 methods cost 2.5M instructions more)
    """Where a JSONL record's text is, and where a summary of its cuts goes (None: nowhere)."""

    text_field: str = TEXT_FIELD_DEFAULT
    summary_field: str | None = None


@dataclass
class CleanOptions:
    """How each input is cleaned: the command line's and the repository's settings."""

    site: str | None = None
    site_rules: bool = True
    classifier: bool = True
    encoding: str | None = None
    max_cut_share: float | None = None
    config: RepoConfig | None = None
    record_format: RecordFormat = field(default_factory=RecordFormat)
    input_format: str = "auto"  # auto | text | html
    engine: str = "auto"  # HTML: an extractor's choice of lines (auto, trafilatura,
    # readability), or stripper's DOM decisions

    def site_for(self, path: str) -> str | None:
        if self.site or self.config is None or path == STDIN:
            return self.site
        return self.config.site_for(path)

    def excluded(self, path: str) -> bool:
        return self.config is not None and path != STDIN and self.config.excluded(path)

    def clean(self, doc, registry: RuleRegistry, path: str) -> CleanResult:
        """clean() with these options, for a document read from `path`."""
        return clean(
            doc,
            registry,
            site=self.site_for(path),
            site_rules=self.site_rules,
            classifier=self.classifier,
            max_cut_share=self.max_cut_share,
            engine=self.engine,
        )


# the files an interrupt's message names: the last ones done
LAST_DONE_TOLD = 20


@dataclass(repr=False, eq=False)
class BatchSummary:
    """What a batch did, counted as its outcomes come: it keeps the outcomes
    of the files that failed and the paths of the last few done, not one
    object a file (a batch of millions of files ran in memory that grew by
    1.8 KB a file, tunisia-news' long Arabic names)."""

    files: int = 0
    documents: int = 0
    bytes: int = 0  # of the inputs, as `add` is told them
    changed: int = 0
    with_cuts: int = 0
    failed: list[Outcome] = field(default_factory=list)
    last_done: deque[str] = field(default_factory=lambda: deque(maxlen=LAST_DONE_TOLD))

    def add(self, outcome: Outcome, size: int = 0) -> None:
        self.files += 1
        self.documents += outcome.documents
        self.bytes += size
        self.changed += outcome.result.changed if outcome.result is not None else outcome.changed
        self.with_cuts += outcome.cuts > 0
        if outcome.failed:
            self.failed.append(outcome)
        self.last_done.append(outcome.input.path)

    def add_done(self, done: FilesDone, size: int = 0) -> None:
        """A task's files (`size`: their bytes, as `add` is told them)."""
        self.files += done.files
        self.documents += done.documents
        self.bytes += size
        self.changed += done.changed
        self.with_cuts += done.with_cuts
        if done.failed:
            self.failed += done.failed
        self.last_done += done.last


def clean_input(item: Input, registry: RuleRegistry, options: CleanOptions, keep_original: bool = False) -> Outcome:
    """Read and clean one text input; errors become the outcome, not
    exceptions. A path the repository configuration excludes is passed over.
    `keep_original` keeps the input's bytes in the outcome when it could not
    be cleaned (stdin's, which cannot be read again)."""
    return _clean_read(_read_input(item, options, keep_original), registry, options, keep_original)


@dataclass(repr=False, eq=False)
class _Read:
    """An input read and decoded, not yet cleaned."""

    item: Input
    doc: Document
    seen: tuple[int, int, int] | None
    assumed: list[str]  # what --encoding auto assumed, told to the user
    data: bytes | None  # stdin's bytes


def _read_input(item: Input, options: CleanOptions, keep_original: bool = False) -> _Read | Outcome:
    """The input read, or its Outcome when it is not to be cleaned."""
    if item.problem:
        return Outcome(item, error=f"{item.path}: {item.problem}")
    if options.excluded(item.path):
        return Outcome(item)
    assumed: list[str] = []
    seen = data = None
    try:
        if item.path == STDIN:
            data = sys.stdin.buffer.read()
            doc = decode(data, "<stdin>", options.encoding, assumed.append)
        else:
            raw, seen = read_input_bytes(item.path)  # a path as iter_inputs spells it, as str(Path) would
            doc = document_of(raw, item.path, options.encoding, assumed.append, options.input_format)
    except Exception as exc:  # binary, undecodable; or a bug
        return _failed(item, exc, seen, data, keep_original)
    return _Read(item, doc, seen, assumed, data)


def _clean_read(read: _Read | Outcome, registry: RuleRegistry, options: CleanOptions, keep_original=False) -> Outcome:
    if isinstance(read, Outcome):
        return read
    try:
        result = options.clean(read.doc, registry, read.item.path)
    except Exception as exc:  # a rule that timed out; or a bug
        return _failed(read.item, exc, read.seen, read.data, keep_original)
    return Outcome(read.item, result=result, notes=read.assumed, seen=read.seen)


def _failed(item: Input, exc: Exception, seen, data: bytes | None, keep_original: bool) -> Outcome:
    original = data if data is not None or not keep_original else _read_raw(item.path)
    return Outcome(item, error=failure_message(exc, item.path), seen=seen, original=original)


def failure_message(exc: Exception, source: str) -> str:
    """One line: a StripperError's own words, or a bug's name (the file
    fails, the batch goes on)."""
    from .jsonl import first_line  # (not at the start: RecordFormat)

    if isinstance(exc, StripperError):
        return first_line(str(exc))
    return first_line(f"{source}: internal error, please report it: {type(exc).__name__}: {exc}")


def _read_raw(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def output_path(item: Input, output_dir: Path, page_text: bool) -> Path:
    """Where an input's cleaned text goes under `output_dir`: its relative
    path; the text of a page named as a page (`page_text`) as page.txt."""
    return Path(_output_path(item, _folder(output_dir), page_text))


def _folder(output_dir) -> str:
    """The folder's path as a prefix (with its separator) for `_output_path`."""
    return os.path.join(str(output_dir), "")


def _output_path(item: Input, folder: str, page_text: bool) -> str:
    # strings, not Paths, and no os.path.join: the parent plans every file
    # of a batch (`relative` is never absolute)
    target = folder + item.relative
    if page_text:
        parent, name = os.path.split(target)
        target = os.path.join(parent, compress.plain_name(name).rsplit(".", 1)[0] + ".txt")
    return target


def renamed_as_page(path: str, input_format: str) -> bool:
    """Whether a page read from `path` has its text written as page.txt: a
    name that says HTML, or any name with --input-format html. A page told
    by its content alone keeps its name, so that an output path is known
    before the file is read."""
    return input_format == "html" or (
        input_format == "auto" and compress.plain_name_ends(path, HTML_NAMES, fold_case=True)
    )


def plan_outputs(
    inputs, output_dir: Path, input_format: str = "auto", one_root: bool = False
) -> Iterator[Input | Group]:
    """`inputs` as they come, each with its output path (`target`); one
    whose output path would overwrite another input's output is marked with
    that problem (it fails; the first input keeps the path). Whether the
    output is the input itself is told where the input is cleaned
    (`_is_itself`): a stat a file, which the workers share.

    `one_root`: the inputs are one folder's walk (or one file). Two outputs
    can then meet only in one folder (a page renamed x.txt beside an
    x.txt), whose files the walk gives one after the other: the outputs
    taken are remembered for the folder being walked, not for the batch.
    A Group (of files none of which is a page), in a folder where no page
    came before it, gets its folder's output path and is not spelled out:
    its outputs are their own names, and a page renamed x.txt sorts before
    the x.txt it meets (".h" before ".t")."""
    taken: dict[str, str] = {}
    folder = _folder(output_dir)
    walked = None  # with one_root: the folder of the inputs in `taken`
    spelled = input_format == "html" or not one_root  # every Group planned file by file
    for found in inputs:
        if type(found) is Group:
            if not spelled:
                here = found.prefix[:-1]  # as an input's relative.rpartition(os.sep)[0]
                if here != walked:
                    taken.clear()
                    walked = here
                if not taken:
                    yield Group(found.base, found.prefix, found.names, folder + found.prefix)
                    continue
            items = found.inputs()
        else:
            items = (found,)
        for item in items:
            if item.path == STDIN or item.problem:
                yield item
                continue
            if one_root:
                here = item.relative.rpartition(os.sep)[0]
                if here != walked:
                    taken.clear()
                    walked = here
            target = _output_path(item, folder, renamed_as_page(item.path, input_format))
            first = taken.setdefault(target, item.path)
            if first != item.path:
                yield item.planned(
                    target, f"not cleaned: its output {target} is the output of {first} (give them different folders)"
                )
            else:
                yield item.planned(target)


def _is_itself(item: Input) -> Input:
    """`item`, marked with a problem if its planned output is the input itself.
    (A text file's is told at its write, where a new output costs no stat:
    `write_atomic`'s `keep`, and `_itself` for one that failed.)"""
    if item.target is None or item.problem:
        return item
    try:
        there = os.stat(item.target)
    except OSError:
        return item  # the usual case: no file there yet
    try:  # os.path.samefile would stat the target again
        itself = os.path.samestat(there, os.stat(item.path))
    except OSError:
        return item
    if itself:
        return replace(item, problem=_itself_problem(item.target))
    return item


def _itself_problem(target: str) -> str:
    return f"not cleaned: its output {target} is the input itself (use --in-place)"


def _itself(outcome: Outcome) -> None:
    """The outcome of an input found to be its own output: not cleaned,
    as if told before it was read (no counts, no notes, no copy)."""
    item = outcome.input
    outcome.error = f"{item.path}: {_itself_problem(item.target or '')}"
    outcome.result = outcome.seen = outcome.original = None
    outcome.notes, outcome.errors = [], []


def write_result(
    outcome: Outcome, *, output_dir: Path | None, in_place: bool, copy_failed: bool = True, input_format: str = "auto"
) -> None:
    """Write a cleaned document: under `output_dir` (mirroring its relative
    path), or over its input when `in_place` and only if it changed. The
    file is compressed again as its name says. An input read but not
    cleaned is copied as it is under `output_dir` (unless not
    `copy_failed`), so that the output folder holds every input."""
    result = outcome.result
    if result is None:
        if outcome.error and output_dir is not None and not outcome.input.problem:
            if _is_itself(outcome.input).problem:
                _itself(outcome)
            elif copy_failed:
                copy_original(outcome, output_dir)
        return
    from_html = result.document.meta.get("format") == "html"
    in_place_write = False
    keep = None
    try:
        if output_dir is not None:
            # planned as renamed_as_page() says: right for a page; a dump named as a page keeps its name
            target = outcome.input.target
            # (a target planned as a page's text does not end as its input: its name ends in .txt)
            if target is None or (
                not from_html
                and not target.endswith(outcome.input.relative)
                and renamed_as_page(outcome.input.path, input_format)
            ):
                page_text = from_html and renamed_as_page(outcome.input.path, input_format)
                target = _output_path(outcome.input, _folder(output_dir), page_text)
            else:  # the planned output, which may be the input itself: not replaced then
                keep = outcome.input.path
        elif in_place and from_html:
            outcome.error = (
                f"{outcome.input.path}: an HTML page is not rewritten in place "
                f"(its text is not the page): use --output-dir"
            )
            return
        elif in_place and result.changed and outcome.input.path != STDIN:
            target, in_place_write = outcome.input.path, True
        else:
            return
        data = compress.compressed(target, encode(result.document, result.text))
        seen = outcome.seen if in_place_write else None
        try:
            write_atomic(target, data, durable=output_dir is None, in_place=in_place_write, seen=seen, keep=keep)
        except FileNotFoundError:
            if output_dir is None:
                raise
            # its folder is not there yet: made once, when its first file finds it missing
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data, durable=False, keep=keep)
        outcome.written = target
    except SameFile:
        _itself(outcome)
    except OSError as exc:
        outcome.error = _cannot_write(outcome.input, exc)


def copy_original(outcome: Outcome, output_dir: Path) -> None:
    """Copy an input that was not cleaned, byte for byte, to its place
    under `output_dir`; a failure is added to the outcome's error."""
    import shutil  # (here: its import, with bz2's and lzma's, cost every start 2 ms)

    target = output_dir / outcome.input.relative
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_writer(target, durable=False) as fh:
            if outcome.input.path == STDIN:
                fh.write(outcome.original or b"")
            else:
                with open(outcome.input.path, "rb") as source:
                    shutil.copyfileobj(source, fh)
        outcome.written = str(target)
        outcome.error = (outcome.error or "") + f"; copied as it was to {target}"
    except OSError as exc:
        outcome.error = (outcome.error or "") + f"; cannot copy it to {target}: {exc.strerror or exc}"


# ---- the batch runner: files and JSONL chunks, in a pool or here ----------

JSONL_CHUNK_RECORDS = 200


@dataclass(repr=False, eq=False)
class Job:
    """How a batch runs: what to do with each input, and where results go."""

    registry: RuleRegistry
    options: CleanOptions
    output_dir: Path | None = None
    in_place: bool = False
    check_only: bool = False
    copy_failed: bool = True  # an input not cleaned is copied under output_dir


# Files go to a worker in groups: one round trip for many. A task cost the
# parent of 2 jobs 0.5 ms of CPU (the pool's threads waking up); with no
# threads, a round trip still wakes the parent on a core a worker needs
# (its CPU over tunisia-news once the workers started: 42 ms with tasks of
# 64 files, 37 with 128). A task of 128 tunisia-news names pickles to at
# most 18 kB: it still waits queued in a pipe (QUEUED_TASK_BYTES).
FILES_PER_TASK = 128
# The last tasks of files of a batch with jobs > 1 (TAPER_TASKS a job) are
# cut again, smaller and smaller (guided scheduling): with tasks of 64 files
# to the end, one worker ran out of files while the other still had up to
# a task and a half of them (2 jobs over tunisia-news, the machine busy: the
# two workers' last results came 1 to 22 ms apart; tapered, 0 to 3 ms).
TAPER_TASKS = 2
TAPER_MIN_FILES = 4


@dataclass(repr=False, eq=False)
class _FileTask:
    """Files (single, or Groups of one folder) sent to a worker at once."""

    items: tuple[Input | Group, ...]

    def __reduce__(self):
        # to a worker as tuples of the fields: a task of 64 Inputs took the
        # parent 150 us to pickle as dataclasses, 33 us as tuples
        return _file_task, (tuple(_row(i) for i in self.items),)

    def inputs(self) -> list[Input]:
        return list(_spelled_out(self.items))

    def paths(self, start: int, stop: int) -> list[str]:
        """The paths of its files from `start` to `stop` (not spelling out the others)."""
        paths: list[str] = []
        k = 0
        for item in self.items:
            if type(item) is Group:
                names = item.names
                low, high = max(start - k, 0), min(stop - k, len(names))
                paths += [item.base + name for name in names[low:high]]
                k += len(names)
            else:
                if start <= k < stop:
                    paths.append(item.path)
                k += 1
        return paths


def _row(item):
    return item if type(item) is Group else (item.path, item.relative, item.known_size, item.problem, item.target)


def _file_task(rows: tuple) -> _FileTask:
    return _FileTask(tuple(row if type(row) is Group else Input(*row) for row in rows))


@dataclass(repr=False, eq=False)
class _ChunkTask:
    """A chunk of a JSONL file's lines sent to a worker."""

    input: Input
    lines: tuple[tuple[int, bytes], ...]
    first: bool
    last: bool
    error: str | None = None  # the file could not be read on from here
    seen: tuple[int, int, int] | None = None  # the file's signature when it was opened


_JOB: Job | None = None
_PER_FILE = True  # a worker sends an outcome a file, not a task's FilesDone


def _set_job(job: Job, per_file: bool = True) -> None:
    global _JOB, _PER_FILE
    _JOB, _PER_FILE = job, per_file


# A worker reads the files of a task up to this many bytes, then cleans
# them, then writes them: cleaning between a file's read and its write ran
# 10% slower (the system calls evict the interpreter's caches; CPU seconds
# over tunisia-news, grouped 3.25-3.68 s against 3.87-4.24 s one by one).
READ_AHEAD_BYTES = 1_000_000


def _run_task(task):
    """A task in a worker: its outcomes, or their counts, to be sent back."""
    if isinstance(task, _FileTask):
        if _PER_FILE:
            return list(_file_outcomes(task.inputs(), _JOB))
        return _counted(_file_outcomes(task.inputs(), _JOB, send=_kept))
    return _clean_chunk(task, _JOB)


def _run_task_here(task):
    """A task in this process (1 job): a file's outcome comes as soon as
    the file is written (an interrupt raised in the middle of the task, a
    second signal, leaves every file written told), as it is: not sent."""
    if isinstance(task, _FileTask):
        return _file_outcomes(task.inputs(), _JOB, _HELD, _kept)
    return _clean_chunk(task, _JOB)


def _clean_chunk(task: _ChunkTask, job: Job) -> ChunkOutcome:
    from .jsonl import clean_lines  # (not at the start: RecordFormat)

    path = task.input.path
    return clean_lines(
        list(task.lines), path, job.options.record_format, lambda doc: job.options.clean(doc, job.registry, path)
    )


def _file_outcomes(inputs, job: Job, held=nullcontext, send=None) -> Iterator:
    """The outcomes of a task's files, to be sent (`_sent`, or as `send`
    makes them), each once it is written."""
    reads: list = []
    size = 0
    for k, item in enumerate(inputs):
        read = _read_input(item, job.options)  # an output that is the input itself: told at its write
        reads.append(read)
        size += read.seen[0] if read.seen is not None else 0
        if size >= READ_AHEAD_BYTES or k == len(inputs) - 1:
            yield from _finish(reads, job, held, send or _sent)
            reads, size = [], 0
            if _STOP():
                return  # the files read are finished; the rest not touched


def _finish(reads: list, job: Job, held, send) -> Iterator:
    """Clean the inputs read, then write them: each outcome, to be sent,
    once its file is written. `held()` is over each file from its write
    until the next outcome is asked for: where an interrupt waits (1 job)."""
    outcomes = [_clean_read(read, job.registry, job.options) for read in reads]
    for outcome in outcomes:
        with held():
            if not job.check_only:
                write_result(
                    outcome,
                    output_dir=job.output_dir,
                    in_place=job.in_place,
                    copy_failed=job.copy_failed,
                    input_format=job.options.input_format,
                )
            yield send(outcome.counted())


# A file's outcome goes back to the parent as a tuple of its counts and
# messages: not its Input (the parent has it), no Path. The parent of 2 jobs
# took 10 us a file to unpickle an Outcome, 3.5 us to build one from this.
def _sent(o: Outcome) -> tuple:
    counts = (o.changed, o.cuts, o.rules, o.lines_cut, o.share_cut, o.documents, o.notes, o.errors, o.seen)
    return (o.error, o.written, *counts)


def _received(item: Input, sent: tuple) -> Outcome:
    return Outcome(item, None, *sent)


def _kept(o: Outcome) -> Outcome:
    """A file's outcome in the process that made it (1 job): itself, with
    what `_sent` sends (its input is the task's), not sent and rebuilt."""
    return o


@dataclass(slots=True, repr=False, eq=False)
class FilesDone:
    """A task's files done in a worker, as the summary and the report take
    them: counts, the lines to tell in order, the outcomes of the files that
    failed, the paths of the last ones. Not an Outcome a file, sent,
    rebuilt, counted and reported one by one in the parent."""

    files: int
    documents: int
    bytes: int  # the inputs' sizes when they were read (else as they are now)
    changed: int
    with_cuts: int
    messages: list[str]  # each file's error, failed records and notes, in order: `_report`'s lines
    failed: list[Outcome]
    last: list[str]  # the paths of its last LAST_DONE_TOLD files


def _counted(outcomes) -> tuple:
    """A task's outcomes (made here) summed up, to be sent: the failed ones
    as (number in the task, what `_sent` sends)."""
    files = documents = size = changed = with_cuts = 0
    messages: list[str] = []
    failed: list[tuple] = []
    for o in outcomes:
        documents += o.documents
        size += o.size
        changed += o.changed
        with_cuts += o.cuts > 0
        messages += o.told()
        if o.failed:
            failed.append((files, _sent(o)))
        files += 1
    return files, documents, size, changed, with_cuts, messages, failed


def _files_done(task: _FileTask, sent: tuple) -> FilesDone:
    files, documents, size, changed, with_cuts, messages, failed = sent
    if failed:
        inputs = task.inputs()
        failed = [_received(inputs[k], outcome) for k, outcome in failed]
    last = task.paths(max(files - LAST_DONE_TOLD, 0), files)
    return FilesDone(files, documents, size, changed, with_cuts, messages, failed, last)


def _tasks(inputs, job: Job, group: int):
    """A task a JSONL file's chunk, or a task `group` files (cut where a
    JSONL file comes), Inputs and Groups, a Group cut where a task ends."""
    files: list[Input | Group] = []
    count = 0  # the files in `files`
    config = job.options.config
    if config is not None and config.exclude:  # told a file at a time
        inputs = _spelled_out(inputs)
    for item in inputs:
        if type(item) is Group:
            while count + len(item) >= group:
                head, item = item.split(group - count)
                files.append(head)
                yield _FileTask(tuple(files))
                files, count = [], 0
            if item.names:
                files.append(item)
                count += len(item)
            continue
        if job.options.excluded(item.path):
            continue
        if not item.is_jsonl or item.path == STDIN or item.problem:
            files.append(item)
            count += 1
            if count >= group:
                yield _FileTask(tuple(files))
                files, count = [], 0
            continue
        if files:
            yield _FileTask(tuple(files))
            files, count = [], 0
        item = _is_itself(item)
        if item.problem:
            yield _FileTask((item,))
            continue
        yield from _chunks(item)
    if files:
        yield _FileTask(tuple(files))


def _tapered(tasks, jobs: int):
    """`tasks` as they come, but for the file tasks at their end: those of
    the last TAPER_TASKS * jobs go as tasks of a 2 * jobs-th of the files
    left (at least TAPER_MIN_FILES), so that the workers end together."""
    held: deque[_FileTask] = deque()
    for task in tasks:
        if type(task) is not _FileTask:  # a JSONL chunk: the files before it go first
            yield from held
            held.clear()
            yield task
            continue
        held.append(task)
        if len(held) > TAPER_TASKS * jobs:
            yield held.popleft()
    items = [item for task in held for item in task.items]
    left = sum(map(_files_in, items))
    while left:
        size = min(FILES_PER_TASK, max(TAPER_MIN_FILES, -(-left // (2 * jobs))))
        taken, items = _first_files(items, size)
        left -= min(size, left)  # (_first_files takes `size` files, or all that are left)
        yield _FileTask(tuple(taken))


def _first_files(items: list, count: int) -> tuple[list, list]:
    """Items (Inputs and Groups) for the first `count` files of `items`, a
    Group cut where they end, and the items of the others."""
    taken: list = []
    for k, item in enumerate(items):
        if count <= 0:
            return taken, items[k:]
        if type(item) is Group and len(item) > count:
            head, rest = item.split(count)
            taken.append(head)
            return taken, [rest, *items[k + 1 :]]
        taken.append(item)
        count -= _files_in(item)
    return taken, []


def _files_in(item) -> int:
    """The files an Input (one) or a Group stands for."""
    return len(item) if type(item) is Group else 1


def _spelled_out(inputs) -> Iterator[Input]:
    """`inputs` with each Group given as its files' Inputs."""
    for item in inputs:
        if type(item) is Group:
            yield from item.inputs()
        else:
            yield item


def _chunks(item: Input):
    """A JSONL file as tasks of JSONL_CHUNK_RECORDS lines, read as it goes."""
    chunk: list[tuple[int, bytes]] = []
    first = True
    seen = signature(item.path)
    try:
        for number, raw in numbered_lines(item.path):
            chunk.append((number, raw))
            if len(chunk) == JSONL_CHUNK_RECORDS:
                yield _ChunkTask(item, tuple(chunk), first, False, seen=seen)
                chunk, first = [], False
    except StripperError as exc:
        yield _ChunkTask(item, (), first, True, str(exc))
        return
    yield _ChunkTask(item, tuple(chunk), first, True, seen=seen)


def numbered_lines(path: str) -> Iterator[tuple[int, bytes]]:
    """A JSONL file's lines, numbered from 1, read (and decompressed) as
    they are asked for; StripperError naming the file when it cannot be
    read on (the lines before it came)."""
    try:
        with compress.open_read(path) as stream:
            yield from enumerate(stream, 1)
    except OSError as exc:
        raise StripperError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except Exception as exc:  # a truncated or corrupt gzip or zstd stream
        raise StripperError(f"{path}: cannot decompress: {exc}") from None


def clean_jsonl_input(item: Input, registry: RuleRegistry, options: CleanOptions) -> Iterator[Record]:
    """A JSONL input's records cleaned one by one as they are read, each
    with its result, as `clean` and `check` clean them; StripperError
    naming the file when it cannot be read on."""
    from .jsonl import clean_records  # (not at the start: RecordFormat)

    path = item.path
    return clean_records(
        numbered_lines(path), path, options.record_format, lambda doc: options.clean(doc, registry, path)
    )


class _JsonlSink:
    """Writes a JSONL file's cleaned chunks, in order, to a temporary file
    that replaces the target at the end (or goes, if nothing changed in
    place, or a record could not be read there, or on any error or
    interrupt)."""

    def __init__(self, item: Input, job: Job, seen=None):
        self.outcome = Outcome(item, seen=seen)
        self.writer = self.stream = None
        self.failure: str | None = None  # the output could not be opened
        self.in_place = job.output_dir is None  # (with a target: the input's own path)
        if job.check_only:
            return
        if job.output_dir is not None:
            self.target = job.output_dir / item.relative
        elif job.in_place:
            self.target = Path(item.path)
        else:
            return
        in_place = self.in_place
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            writer = atomic_writer(
                self.target,
                replace=self._replaces,
                durable=in_place,
                in_place=in_place,
                seen=seen if in_place else None,
            )
            self.stream = compress.open_write(writer.__enter__(), self.target)
            self.writer = writer
        except OSError as exc:
            self.failure = _cannot_write(item, exc)

    def _replaces(self) -> bool:
        """Whether the output replaces its target: a new output always; in
        place, a file that changed, unless a record could not be read (that
        file is left as it was, its other records too)."""
        return not self.in_place or (self.outcome.changed and not self.outcome.errors)

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
        """Replace the target; or, on `error`, drop the temporary file."""
        o = self.outcome
        o.error = o.error or self.failure
        writer, self.writer = self.writer, None
        if writer is None:
            return o
        try:
            self.stream.close()  # the end of a compressed stream
        except Exception as exc:
            error = error or exc
        if error is not None:
            try:
                writer.__exit__(type(error), error, error.__traceback__)
            except BaseException:
                pass
            if isinstance(error, OSError):
                o.error = o.error or _cannot_write(o.input, error)
            return o
        try:
            writer.__exit__(None, None, None)
        except OSError as exc:
            o.error = _cannot_write(o.input, exc)
            return o
        if self.in_place and o.errors:  # not replaced (`_replaces`)
            if o.changed:
                o.notes.append(f"{o.input.path}: not rewritten (a record could not be read); input left as it was")
                o.changed = False
            return o
        if o.changed or self.target != Path(o.input.path):
            o.written = str(self.target)
        return o


def _cannot_write(item: Input, exc: OSError) -> str:
    if isinstance(exc, InputChanged):
        return f"{item.path}: {exc.strerror}; not rewritten, left as the other writer left it"
    return f"{item.path}: cannot write: {exc.strerror or exc}; input left as it was"


def run_batch(
    inputs,
    job: Job,
    jobs: int = 1,
    should_stop: Callable[[], bool] = lambda: False,
    held: Callable[[], AbstractContextManager] = nullcontext,
    per_file: bool = True,
) -> Iterator[Outcome | FilesDone]:
    """Clean `inputs` (files, Groups of files and JSONL files) in order,
    yielding one Outcome per input as it completes; with jobs > 1 and not
    `per_file`, a FilesDone for each task of files a worker did. With jobs > 1 the work runs in a process pool
    fed in bounded chunks; outputs are written by the workers (text files)
    or here, in order (JSONL). A failed file or record is reported in its
    Outcome and the batch goes on. Once `should_stop()` says so, the files
    under way are finished (a JSONL file cut short is dropped, its input left
    as it was) and the batch ends.

    `held()` is a context in which an interrupt waits (KeyboardInterrupt,
    a second signal): it is over every file from its write until its
    Outcome is taken, so that no file written goes untold; with jobs > 1
    over the whole batch, whose workers finish their tasks anyway."""
    global _STOP, _HELD
    sink: _JsonlSink | None = None
    here = jobs <= 1
    tasks = _tasks(inputs, job, FILES_PER_TASK)
    if not here:
        tasks = _tapered(tasks, jobs)
    results = ordered_map(
        _run_task_here if here else _run_task,
        tasks,
        jobs,
        _set_job,  # (a worker compiles the classifier's patterns as it needs them, as this process does)
        (job, per_file),
        should_stop=should_stop,
    )
    if here:  # the tasks run here: a long one stops between its groups of files
        _STOP, _HELD = should_stop, held
    try:
        with nullcontext() if here else held():
            for task, result in results:
                if isinstance(task, _FileTask):
                    if here:
                        yield from _file_outcomes_here(result)
                    elif per_file:
                        yield from map(_received, task.inputs(), result)
                    else:
                        yield _files_done(task, result)
                    continue
                if task.first:
                    sink = _JsonlSink(task.input, job, task.seen)
                elif sink is None:
                    continue  # the rest of a file that already failed
                try:
                    sink.add(result)
                except OSError as exc:
                    outcome, sink = sink.close(exc), None
                    yield outcome
                    continue
                if task.error or task.last:
                    with held():  # the file replaced is told
                        outcome, sink = _jsonl_end(sink, task, job), None
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
        _STOP, _HELD = _never, nullcontext


def _file_outcomes_here(outcomes: Iterator[Outcome]) -> Iterator[Outcome]:
    """A file task's outcomes, made here (1 job) as they are asked for:
    closed if left before their end, which ends their hold."""
    try:
        yield from outcomes
    finally:
        outcomes.close()


def _jsonl_end(sink: _JsonlSink, task: _ChunkTask, job: Job) -> Outcome:
    """The Outcome of a JSONL file at its last chunk, or at the chunk that
    could not be read (no output then, but a copy)."""
    if not task.error:
        return sink.close()
    outcome = sink.close(StripperError(task.error))
    outcome.error = task.error + ("; input left as it was" if job.in_place else "")
    if job.output_dir is not None and job.copy_failed and not job.check_only:
        copy_original(outcome, job.output_dir)
    return outcome


def _never() -> bool:
    return False


_STOP: Callable[[], bool] = _never  # 1 job: an interrupt, told between groups of files
_HELD: Callable[[], AbstractContextManager] = nullcontext  # 1 job: where an interrupt waits
