"""An ordered, bounded process-pool map: results in input order, at most
`window` items taken and not yet given back, so a stream of any length runs
in flat memory."""

from __future__ import annotations

import os
import signal
import sys
import time
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
    runs here; otherwise in `jobs` processes: `jobs - 1` worker processes,
    which ignore SIGINT and SIGTERM (the parent decides what an interrupt
    means: a signal to the whole process group, as `timeout` and Ctrl-C
    send, must not kill a worker in the middle of a file), and this one,
    which runs a small item (one that could be queued) itself when every
    worker has one running and one queued; a large one starts another
    worker, up to `jobs`, or waits. `initializer(*initargs)` starts each
    worker, and this process before its first item. Once
    `should_stop()` says so, no new item is taken, and the results of the
    items already taken (one running and at most one queued a worker)
    still come: a worker never stops halfway through a write, and the
    caller learns about every file that was done. If the map is left
    early, a worker finishes the task it runs, finds the pipe closed when
    it sends the result, and ends."""
    if jobs <= 1:
        if initializer:
            initializer(*initargs)
        for item in items:
            if should_stop():
                return
            yield item, func(item)
        return
    window = window or 4 * jobs
    workers = _Workers(jobs - 1, func, initializer, initargs, limit=jobs)
    try:
        yield from _ordered(workers, iter(items), window, should_stop, _Here(func, initializer, initargs))
    finally:
        workers.close()


class _Here:
    """Runs an item in this process, (ok, result or exception) as a worker
    sends it back; started on its first item. With 2 jobs this process and
    one worker share the two cores: a third process (a parent only
    scheduling) took its CPU from the workers' (tunisia-news with 2 jobs
    took 598 ms, not 615, the medians of 40 runs each)."""

    def __init__(self, func: Callable, initializer: Callable | None, initargs: tuple):
        self.func, self.initializer, self.initargs = func, initializer, initargs

    def run(self, item) -> tuple[bool, object]:
        if self.initializer is not None:
            initializer, self.initializer = self.initializer, None
            initializer(*self.initargs)
        try:
            return True, self.func(item)
        except Exception as exc:
            return False, exc


def _ordered(
    workers: _Workers, items: Iterator, window: int, should_stop: Callable[[], bool], here: _Here
) -> Iterator[tuple]:
    """The scheduling of ordered_map: items to the workers while the window
    allows and one can take them, else a small one run here, a large one
    (too large to queue) to another worker (up to `jobs` of them) or left
    to wait; then the next result in order, or a wait for one. A task of
    files is small: a batch of files runs in `jobs - 1` workers and here; a
    JSONL file's chunks are large: its batch starts a worker more, and this
    process reads and writes the JSONL as before (its cleaning here took
    it from 22.3 to 16.6-18.6 MB/s with 2 jobs)."""
    taken: dict[int, object] = {}  # items sent and not yet yielded, by number
    done: dict = {}  # their results as they come, by number: (ok, result or exception)
    sent = given = 0  # numbers of the next item to send and to yield
    ahead = None  # the next item and its task, pickled, when no worker could take it
    while True:
        while sent - given < window and not should_stop():
            if ahead is None:
                item = next(items, _END)
                if item is _END:
                    break
                ahead = (item, _pickled(item))
            item, task = ahead
            small = len(task) <= QUEUED_TASK_BYTES
            if workers.take(sent, task) or (not small and workers.add() and workers.take(sent, task)):
                taken[sent] = item
                sent, ahead = sent + 1, None
                continue
            if not small:  # (a JSONL chunk) not run here: this process reads and writes the JSONL
                break
            # results are read between items run here: a worker may have
            # ended a task since (while the caller had the last result), and
            # then takes this item; else it ran out of work while this
            # process ran one (10 of 42 items run here with 2 jobs over
            # tunisia-news, each leaving the worker up to a task idle)
            came = workers.wait(block=False)
            if came:
                done.update(came)
                continue
            taken[sent] = item
            done[sent] = here.run(item)
            sent, ahead = sent + 1, None
            done.update(workers.wait(block=False))
            break  # its result may be the next to give
        if given in done:
            ok, value = done.pop(given)
            item = taken.pop(given)
            given += 1
            if not ok:
                raise value  # the worker's exception, in its item's turn
            yield item, value
        elif workers.busy:
            done.update(workers.wait())
        else:
            return  # all taken were yielded: the items ran out, or a stop came


_END = object()


def _pickled(item) -> bytes:
    return _dumps(item, _PROTOCOL)


try:  # the C pickler itself: pickle.py's import is not needed
    from _pickle import dumps as _dumps, loads as _loads
except ImportError:  # pragma: no cover - a Python without it
    from pickle import dumps as _dumps, loads as _loads
_PROTOCOL = 5  # pickle.HIGHEST_PROTOCOL of Python 3.8 on


# A worker gets its next task while it runs one (its gap between two tasks
# was 0.6 ms, the parent's turn to wake up), if that task is this small: it
# must wait in the pipe's buffer without blocking the parent, which does
# not read a result while it writes.
QUEUED_TASK_BYTES = 32_000


class _Workers:
    """`jobs` worker processes (`add` starts more, up to `limit`), each with
    one pipe and one task running, and one more queued if small
    (QUEUED_TASK_BYTES): the parent writes a task and reads its result
    itself, with no thread (a pool's threads took the parent of 2 jobs 0.7
    ms of CPU a task, on the cores its workers need)."""

    def __init__(
        self, jobs: int, func: Callable, initializer: Callable | None, initargs: tuple, limit: int | None = None
    ):
        self.tasks: dict = {}  # connection -> the numbers of the tasks sent to it, the running one first
        self.processes: dict = {}  # connection -> its worker
        self.limit = jobs if limit is None else limit  # the most workers `add` starts
        self._start_args = (func, initializer, initargs)
        try:
            for _ in range(jobs):
                self.add()
        except BaseException:
            self.close()
            raise

    def add(self) -> bool:
        """Start one more worker, unless `limit` run; whether one started."""
        if len(self.tasks) >= self.limit:
            return False
        start = _fork if FORKS else _start_process
        # a forked worker closes its copies of the parent's ends: a pipe
        # is at its end only when no process holds the other end open
        here, process = start(*self._start_args, list(self.tasks))
        self.tasks[here] = deque()
        self.processes[here] = process
        return True

    @property
    def busy(self) -> bool:
        return any(self.tasks.values())

    def take(self, number: int, task: bytes) -> bool:
        """Send a task to an idle worker, or queue it behind a running one
        if it is small; False if no worker can take it now."""
        connection, sent = min(self.tasks.items(), key=lambda pair: len(pair[1]))
        if sent and (len(sent) > 1 or len(task) > QUEUED_TASK_BYTES):
            return False
        try:
            connection.send_bytes(task)
        except (BrokenPipeError, ConnectionResetError):
            raise self._broken(connection) from None
        sent.append(number)
        return True

    def wait(self, block: bool = True) -> list:
        """The results that came, once one has (or at once, none perhaps,
        unless `block`): (number, (ok, value))."""
        came: list = []
        busy = [c for c, sent in self.tasks.items() if sent]
        if not busy:
            return came
        for connection in _ready(busy, None if block else 0):
            try:
                result = connection.recv()
            except (EOFError, ConnectionResetError):
                raise self._broken(connection) from None
            came.append((self.tasks[connection].popleft(), result))
        return came

    def close(self) -> None:
        """Close the pipes and wait for the workers: one in the middle of a
        task finishes it (its writes), then finds no one to tell and ends,
        before it reads a task queued behind."""
        for connection in self.tasks:
            connection.close()
        self.tasks = {}
        for process in self.processes.values():
            process.join()

    def _broken(self, connection) -> Exception:
        from concurrent.futures.process import BrokenProcessPool

        process = self.processes[connection]
        process.join(1)
        return BrokenProcessPool(f"pid {process.pid}, exit code {process.exitcode}")


# On Linux the workers are forked here, as multiprocessing forks them there
# by default (to Python 3.13): importing multiprocessing (socket, tempfile,
# subprocess...) cost a 2-job start 35 million instructions (9 ms), before
# any worker could start. Elsewhere multiprocessing starts them (spawned,
# on macOS and Windows).
FORKS = sys.platform.startswith("linux")


def _start_process(func: Callable, initializer: Callable | None, initargs: tuple, parents_ends: list):
    """A worker started by multiprocessing: its end of the pipe, its process."""
    import multiprocessing

    context = multiprocessing.get_context()
    here, there = context.Pipe()
    # (its copy of `here` too, forked: else the worker holds open the end it reads from)
    process = context.Process(target=_serve, args=(there, [*parents_ends, here], func, initializer, initargs))
    process.start()
    there.close()
    return here, process


def _fork(func: Callable, initializer: Callable | None, initargs: tuple, parents_ends: list):
    """A worker forked here: the parent's _Pipe to it, and its _Forked."""
    task_read, task_write = os.pipe()
    result_read, result_write = os.pipe()
    _flush_standard_streams()  # else the worker would write again what the parent holds unwritten
    pid = os.fork()
    if pid:
        os.close(task_read)
        os.close(result_write)
        return _Pipe(result_read, task_write), _Forked(pid)
    code = 1  # the worker: it never leaves this block but by os._exit
    try:
        os.close(task_write)
        os.close(result_read)
        _stdin_closed()
        _serve(_Pipe(task_read, result_write), parents_ends, func, initializer, initargs)
        code = 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        _flush_standard_streams()
        os._exit(code)


def _flush_standard_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass


def _stdin_closed() -> None:
    """The worker's stdin is /dev/null, as multiprocessing makes it: only the
    parent reads the batch's stdin."""
    try:
        sys.stdin.close()
        sys.stdin = open(os.devnull, encoding="utf-8")
    except (AttributeError, OSError, ValueError):
        pass


class _Pipe:
    """The parent's or a forked worker's end of the two pipes between them:
    messages one way, replies the other, each its length (8 bytes) and its
    bytes. What the pool uses of multiprocessing's Connection."""

    __slots__ = ("_read", "_write")

    def __init__(self, read: int, write: int):
        self._read, self._write = read, write

    def fileno(self) -> int:
        return self._read

    def send_bytes(self, data: bytes) -> None:
        view = memoryview(len(data).to_bytes(8, "big") + data)
        while view:
            view = view[os.write(self._write, view) :]

    def send(self, obj) -> None:
        self.send_bytes(_dumps(obj, _PROTOCOL))

    def recv(self):
        """The next message, unpickled; EOFError once the other end is closed."""
        return _loads(self._read_exactly(int.from_bytes(self._read_exactly(8), "big")))

    def _read_exactly(self, size: int) -> bytes:
        chunks = []
        while size:
            chunk = os.read(self._read, size)
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        for fd in (self._read, self._write):
            try:
                os.close(fd)
            except OSError:  # closed already
                pass


class _Forked:
    """A forked worker, as the pool uses a multiprocessing Process."""

    def __init__(self, pid: int):
        self.pid = pid
        self.exitcode: int | None = None

    def join(self, timeout: float | None = None) -> None:
        """Wait for it to end (at most `timeout` seconds), and keep its exit code."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.exitcode is None:
            try:
                pid, status = os.waitpid(self.pid, 0 if deadline is None else os.WNOHANG)
            except ChildProcessError:  # waited for elsewhere
                return
            if pid:
                self.exitcode = os.waitstatus_to_exitcode(status)
            elif time.monotonic() >= deadline:
                return
            else:
                time.sleep(0.01)


def _ready(connections: list, timeout: float | None = None) -> list:
    """The connections with a reply to read (or closed), once one has, or
    those that have one within `timeout` seconds."""
    if not FORKS:
        from multiprocessing.connection import wait

        return wait(connections, timeout)
    import select

    poll = select.poll()
    by_fd = {}
    for connection in connections:
        by_fd[connection.fileno()] = connection
        poll.register(connection.fileno(), select.POLLIN)
    return [by_fd[fd] for fd, _ in poll.poll(None if timeout is None else timeout * 1000)]


def _serve(connection, parents_ends: list, func: Callable, initializer: Callable | None, initargs: tuple) -> None:
    """A worker: tasks from the pipe, (ok, result or exception) back."""
    for end in parents_ends:
        end.close()
    _worker_init(initializer, initargs)
    while True:
        try:
            item = connection.recv()
        except (EOFError, OSError):  # the parent is done
            return
        try:
            result = (True, func(item))
        except Exception as exc:
            result = (False, exc)
        try:
            _reply(connection, result)
        except OSError:  # the parent closed the pipe: the task is done, there is no one to tell
            return


def _reply(connection, result: tuple[bool, object]) -> None:
    try:
        connection.send(result)
    except OSError:
        raise
    except Exception as exc:  # a result or exception that does not pickle (nothing was sent)
        connection.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))


def _worker_init(initializer, initargs) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if initializer:
        initializer(*initargs)
