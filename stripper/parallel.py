"""An ordered, bounded process-pool map: results in input order, at most
`window` tasks in flight, so a stream of any length runs in flat memory."""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    initializer: Callable | None = None,
    initargs: tuple = (),
    window: int | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[T, R]]:
    """(item, func(item)) in the order of `items`. With jobs <= 1 everything
    runs here; otherwise in `jobs` worker processes that ignore SIGINT and
    SIGTERM (the parent decides what an interrupt means: a signal to the
    whole process group, as `timeout` and Ctrl-C send, must not kill a
    worker in the middle of a file). Once `should_stop()` says so, no
    new item is taken, tasks not started are cancelled, and the results of
    those already running still come: a worker never stops halfway through a
    write, and the caller learns about every file that was done."""
    if jobs <= 1:
        if initializer:
            initializer(*initargs)
        for item in items:
            if should_stop():
                return
            yield item, func(item)
        return
    from concurrent.futures import ProcessPoolExecutor  # only when there are workers

    window = window or 4 * jobs
    pool = ProcessPoolExecutor(jobs, initializer=_worker_init, initargs=(initializer, initargs))
    pending: deque = deque()
    try:
        for item in items:
            if should_stop():
                break
            pending.append((item, pool.submit(func, item)))
            if len(pending) >= window:
                item_done, future = pending.popleft()
                yield item_done, future.result()
        while pending:
            if should_stop():
                for _, future in pending:
                    future.cancel()
            item_done, future = pending.popleft()
            if not future.cancelled():
                yield item_done, future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_init(initializer, initargs) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if initializer:
        initializer(*initargs)
