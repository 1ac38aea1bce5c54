"""A progress bar on stderr for long batches: files, documents, MB/s, ETA.

Shown only when stderr is a terminal (and not --quiet); otherwise every
call is a no-op, so batch output stays clean in logs and pipes."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


class Progress:
    """`total_bytes` is a number, or a function that tells it, called only
    when the bar is shown (it may stat every input)."""

    def __init__(self, files: int, total_bytes: int | Callable[[], int], enabled: bool | None = None):
        self.files = files
        self.done_files = self.documents = self.done_bytes = 0
        self.started = time.perf_counter()
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._bar = None
        self.total_bytes = 0
        if self.enabled:
            self.total_bytes = total_bytes() if callable(total_bytes) else total_bytes
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress as RichProgress,
                TextColumn,
                TimeRemainingColumn,
                TransferSpeedColumn,
            )

            self._bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                TransferSpeedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task(self._describe(), total=max(1, self.total_bytes))
            self._bar.start()

    def _describe(self) -> str:
        return f"files {self.done_files}/{self.files}  documents {self.documents}"

    def advance(self, size: int, documents: int, files: int = 1) -> None:
        self.done_files += files
        self.documents += documents
        self.done_bytes += size
        if self._bar is not None:
            self._bar.update(self._task, advance=size, description=self._describe())

    def log(self, message: str) -> None:
        """A line above the bar (or plainly on stderr without one)."""
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=sys.stderr, flush=True)

    def stop(self) -> float:
        if self._bar is not None:
            self._bar.stop()
        return time.perf_counter() - self.started
