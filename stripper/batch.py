"""Find input files, clean them one by one, write results: the batch runner.

It only moves documents: reading, cleaning and writing are the other
modules' work. A failure in one file is reported and the batch goes on.
"""
from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .config import RepoConfig
from .errors import StripperError
from .model import CleanResult
from .pipeline import clean
from .rules.registry import RuleRegistry
from .textio import BinaryInput, decode, encode, read_document, write_atomic

# File names picked up when a folder is given (a file named explicitly is
# always read, whatever its name).
INPUT_GLOBS_DEFAULT = ("*.txt",)
STDIN = "-"


@dataclass(frozen=True)
class Input:
    path: str           # a file path, or "-" for stdin
    relative: Path      # where it goes under --output-dir


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
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not any(path.match(g) for g in globs):
                continue
            try:
                mode = path.stat().st_mode  # follows a file symlink
            except OSError as exc:
                if on_skip:
                    on_skip(str(path), f"cannot stat: {exc.strerror}")
                continue
            if not stat.S_ISREG(mode):
                if on_skip:
                    on_skip(str(path), "not a regular file")
                continue
            yield Input(str(path), path.relative_to(root))


@dataclass
class Outcome:
    """What happened to one input."""

    input: Input
    result: CleanResult | None = None
    error: str | None = None
    skipped: str | None = None
    written: Path | None = None


@dataclass
class CleanOptions:
    site: str | None = None
    site_rules: bool = True
    classifier: bool = True
    encoding: str | None = None
    max_cut_share: float | None = None
    config: RepoConfig | None = None

    def site_for(self, path: str) -> str | None:
        if self.site or self.config is None or path == STDIN:
            return self.site
        return self.config.site_for(path)

    def excluded(self, path: str) -> bool:
        return self.config is not None and path != STDIN and self.config.excluded(path)


@dataclass
class BatchSummary:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]

    @property
    def changed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.result is not None and o.result.changed]


def clean_input(item: Input, registry: RuleRegistry, options: CleanOptions) -> Outcome:
    """Read and clean one input; errors become the outcome, not exceptions.
    A path the repository configuration excludes is passed over silently."""
    if options.excluded(item.path):
        return Outcome(item)
    try:
        if item.path == STDIN:
            doc = decode(sys.stdin.buffer.read(), "<stdin>", options.encoding)
        else:
            doc = read_document(Path(item.path), options.encoding)
        result = clean(doc, registry, site=options.site_for(item.path), site_rules=options.site_rules,
                       classifier=options.classifier, max_cut_share=options.max_cut_share)
    except BinaryInput as exc:
        return Outcome(item, skipped=str(exc))
    except StripperError as exc:
        return Outcome(item, error=str(exc))
    return Outcome(item, result=result)


def write_result(outcome: Outcome, *, output_dir: Path | None, in_place: bool) -> None:
    """Write a cleaned document: under `output_dir` (mirroring its relative
    path), or over its input when `in_place` and only if it changed."""
    result = outcome.result
    if result is None:
        return
    data = encode(result.document, result.text)
    try:
        if output_dir is not None:
            target = output_dir / outcome.input.relative
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data)
            outcome.written = target
        elif in_place and result.changed and outcome.input.path != STDIN:
            write_atomic(Path(outcome.input.path), data)
            outcome.written = Path(outcome.input.path)
    except OSError as exc:
        outcome.error = f"{outcome.input.path}: cannot write: {exc.strerror or exc}; input left as it was"
