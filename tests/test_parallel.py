"""The ordered, bounded pool map under the batch runner, and the batch
itself with two jobs: same outputs as one job, in input order."""

import multiprocessing
import os
import re
import subprocess
import sys
import time
from contextlib import nullcontext

import pytest
from click.testing import CliRunner

from stripper.batch import Input, Job, run_batch
from stripper.cli import cli
from stripper.cli.options import build
from stripper.parallel import FORKS, default_jobs, ordered_map

from .conftest import seed_paths


def _square_slowly(n: int) -> int:
    time.sleep(0.02 if n % 3 == 0 else 0.001)  # later items often finish first
    return n * n


def test_results_come_in_input_order_with_two_jobs():
    assert [r for _, r in ordered_map(_square_slowly, range(40), 2)] == [n * n for n in range(40)]
    assert list(ordered_map(_square_slowly, range(5), 1)) == [(n, n * n) for n in range(5)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_items_are_taken_as_results_go_out(jobs):
    taken = []

    def items():
        for n in range(200):
            taken.append(n)
            yield n

    window = 6
    for got, (item, _) in enumerate(ordered_map(_square_slowly, items(), jobs, window=window)):
        assert item == got
        assert len(taken) - got <= window + 1, "the map read ahead of its window"
    assert len(taken) == 200


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_stop_request_takes_no_new_item_and_keeps_what_was_running(jobs):
    taken = []

    def items():
        for n in range(1000):
            taken.append(n)
            yield n

    results = []
    for item, value in ordered_map(_square_slowly, items(), jobs, window=4, should_stop=lambda: len(results) >= 10):
        results.append((item, value))
    assert results[:10] == [(n, n * n) for n in range(10)]
    assert len(taken) < 20
    assert [item for item, _ in results] == list(range(len(results)))  # no gap


def _fail_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError("seven")
    return _square_slowly(n)


def test_an_exception_in_a_worker_comes_in_its_items_turn():
    got = []
    with pytest.raises(ValueError, match="seven"):
        for item, _ in ordered_map(_fail_on_seven, range(20), 2):
            got.append(item)
    assert got == list(range(7))


_PARENT = os.getpid()
_STARTED: list[str] = []


def _start(where: str) -> None:
    _STARTED.append(where)


def _where_started(n: int) -> tuple[int, str]:
    _square_slowly(n)
    return os.getpid(), _STARTED[-1]


def test_two_jobs_are_this_process_and_one_worker_each_started_once():
    _STARTED.clear()
    results = list(ordered_map(_where_started, range(30), 2, _start, ("started",)))
    assert [item for item, _ in results] == list(range(30))
    assert _STARTED == ["started"]  # this process's own start, once (the worker's is in the worker)
    pids = {pid for _, (pid, started) in results if started == "started"}
    assert _PARENT in pids and len(pids) == 2  # and one other process, started as a worker


def _pid_of_large(item: bytes) -> int:
    time.sleep(0.005)
    return os.getpid()


def test_large_items_run_in_workers_only_up_to_jobs_of_them(forked):
    """An item too large to queue behind a running one (a JSONL chunk)
    never runs here: it starts another worker, up to `jobs` workers."""
    from stripper.parallel import QUEUED_TASK_BYTES

    items = [bytes([k]) * (QUEUED_TASK_BYTES + 1) for k in range(20)]
    pids = [pid for _, pid in ordered_map(_pid_of_large, items, 2)]
    assert _PARENT not in pids and len(set(pids)) == 2
    assert not FORKS or len(forked) == 2


class _FakeWorker:
    """One worker, as `_ordered` sees the pool: a task running and one
    queued at most; its results come when asked for, all of them if it is
    `fast` (each task ended by then), else only when waited for."""

    def __init__(self, fast: bool):
        self.fast, self.sent = fast, []

    @property
    def busy(self) -> bool:
        return bool(self.sent)

    def take(self, number: int, task: bytes) -> bool:
        if len(self.sent) >= 2:
            return False
        self.sent.append(number)
        return True

    def add(self) -> bool:
        return False

    def wait(self, block: bool = True) -> list:
        if not (block or self.fast):
            return []
        came, self.sent = [(n, (True, "worker")) for n in self.sent], []
        return came


@pytest.mark.parametrize("fast", [True, False])
def test_an_item_runs_here_only_while_the_worker_has_work(fast):
    """An item runs here when the worker has a task running and one queued;
    if it has ended them since its results were last read (the caller had
    the last result meanwhile), it takes the item instead."""
    from stripper.parallel import _Here, _ordered

    here = _Here(lambda n: "here", None, ())
    results = list(_ordered(_FakeWorker(fast), iter(range(12)), 8, lambda: False, here))
    assert [item for item, _ in results] == list(range(12))
    ran_here = [item for item, where in results if where == "here"]
    if fast:
        assert ran_here == []
    else:  # items 0 and 1 running and queued in the worker: 2 runs here
        assert ran_here[0] == 2 and len(ran_here) < 12


def _fail_here(n: int) -> int:
    if os.getpid() == _PARENT:
        raise ValueError(f"{n} here")
    return _square_slowly(n)


def test_an_exception_in_an_item_run_here_comes_in_its_turn():
    """Items 0 (20 ms) and 1 go to the worker, running and queued: item 2
    runs here, and fails there in its turn, after 0 and 1."""
    got = []
    with pytest.raises(ValueError, match="2 here"):
        for item, _ in ordered_map(_fail_here, range(20), 2):
            got.append(item)
    assert got == [0, 1]


def _die_from_five(n: int) -> int:
    if n >= 5 and os.getpid() != _PARENT:
        os._exit(1)  # a worker killed in the middle of a task (OOM, SIGKILL)
    return _square_slowly(n)


def test_a_worker_that_dies_breaks_the_map_without_a_hang(forked):
    with pytest.raises(Exception) as caught:
        list(ordered_map(_die_from_five, range(20), 2))
    assert type(caught.value).__name__ == "BrokenProcessPool"  # what `clean` reports as a dead worker
    assert _none_left(forked)


def test_a_map_left_early_ends_its_workers(forked):
    results = ordered_map(_square_slowly, range(100), 2)
    assert [next(results) for _ in range(3)] == [(0, 0), (1, 1), (2, 4)]
    results.close()
    assert _none_left(forked)


@pytest.fixture
def forked(monkeypatch) -> list[int]:
    """The pids of the processes forked by os.fork (the pool's workers on
    Linux; multiprocessing starts them elsewhere)."""
    pids: list[int] = []
    fork = os.fork

    def recorded() -> int:
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded)
    return pids


def _none_left(pids: list[int]) -> bool:
    """No worker is left running or to be waited for (one, of 2 jobs)."""
    if multiprocessing.active_children() or (FORKS and len(pids) != 1):
        return False
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # waited for already
            continue
        return False
    return True


def _mark_and_sleep(args) -> int:
    folder, n = args
    (folder / str(n)).touch()  # started
    time.sleep(0.5 if n in (1, 2) else 0.05)
    return n


def test_a_map_left_early_starts_no_queued_task(tmp_path):
    # each worker runs a task and has one queued: 0 and 1 start; the result
    # of 0 starts 2 (queued behind it) and queues 4; 3 waits behind 1
    results = ordered_map(_mark_and_sleep, ((tmp_path, n) for n in range(10)), 2)
    assert next(results)[1] == 0
    results.close()  # while 1 and 2 run
    assert sorted(int(p.name) for p in tmp_path.iterdir()) == [0, 1, 2]


def test_default_jobs_is_the_usable_cores():
    assert default_jobs() >= 1


def _corpus(tmp_path, copies=12):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for k in range(copies):
        for path in seed_paths():
            folder = src / "sub" if k % 2 else src
            (folder / f"{k:02}_{path.name}").write_bytes(path.read_bytes())
    return src


def test_two_jobs_write_what_one_job_writes(tmp_path):
    src = _corpus(tmp_path)
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = CliRunner().invoke(cli, ["clean", str(src), "-o", str(out), "--no-config", "-q", "-j", jobs])
        assert result.exit_code == 1, result.output  # something was cut
        outputs[jobs] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert len(outputs["1"]) == len(list(src.rglob("*.txt")))
    assert outputs["1"] == outputs["2"]


def test_stdin_in_a_batch_of_two_jobs_is_cleaned_as_in_one(tmp_path):
    # a worker's stdin is /dev/null: stdin.txt came out empty with -j 2
    dump = seed_paths()[0]
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        command = [sys.executable, "-m", "stripper", "clean", "-", str(dump), "-o", str(out), "--no-config", "-q"]
        done = subprocess.run([*command, "-j", jobs], input=dump.read_bytes(), capture_output=True)
        assert done.returncode == 1, done.stderr  # something was cut
        outputs[jobs] = (out / "stdin.txt").read_bytes()
    assert outputs["2"] == outputs["1"] != b""


def test_the_batch_yields_outcomes_in_input_order(tmp_path):
    src = _corpus(tmp_path, copies=4)
    registry, options = build(None, (), False, False, None, no_config=True)
    inputs = [Input(str(p), str(p.relative_to(src))) for p in sorted(src.rglob("*.txt"))]
    outcomes = list(run_batch(inputs, Job(registry, options, check_only=True), jobs=2))
    assert [o.input for o in outcomes] == inputs
    assert all(o.documents == 1 and not o.failed for o in outcomes)
    assert sum(o.cuts for o in outcomes) > 0


def test_one_job_stops_between_the_groups_of_a_task(tmp_path, monkeypatch):
    """With 1 job a task of many files stops at the first group boundary
    after an interrupt: the files written are reported, the rest untouched."""
    from stripper import batch

    monkeypatch.setattr(batch, "READ_AHEAD_BYTES", 1)  # every file a group of its own
    src = _corpus(tmp_path, copies=4)
    out = tmp_path / "out"
    registry, options = build(None, (), False, False, None, no_config=True)
    inputs = [Input(str(p), str(p.relative_to(src))) for p in sorted(src.rglob("*.txt"))]
    assert len(inputs) > 3 and len(inputs) <= batch.FILES_PER_TASK  # one task

    def written():
        return [p for p in out.rglob("*") if p.is_file()]

    outcomes = list(
        run_batch(inputs, Job(registry, options, output_dir=out), jobs=1, should_stop=lambda: len(written()) >= 3)
    )
    assert [o.input for o in outcomes] == inputs[:3]
    assert len(written()) == 3 and all(o.written is not None for o in outcomes)
    assert batch._STOP is batch._never  # the batch's stop is not left behind


def _one_task(tmp_path):
    from stripper import batch

    src = _corpus(tmp_path, copies=4)
    inputs = [Input(str(p), str(p.relative_to(src))) for p in sorted(src.rglob("*.txt"))]
    assert len(inputs) > 3 and len(inputs) <= batch.FILES_PER_TASK  # one task, one group read ahead
    return inputs


def test_one_job_tells_every_file_written_before_an_interrupt_in_its_task(tmp_path, monkeypatch):
    """An interrupt raised in the middle of a task (a second signal) comes
    after the outcome of every file already written: none goes untold."""
    from stripper import batch

    inputs, out = _one_task(tmp_path), tmp_path / "out"
    registry, options = build(None, (), False, False, None, no_config=True)
    write = batch.write_result

    def interrupted_at_the_fourth(outcome, **kw):
        if len(list(out.rglob("*.txt"))) == 3:
            raise KeyboardInterrupt
        write(outcome, **kw)

    monkeypatch.setattr(batch, "write_result", interrupted_at_the_fourth)
    told = []
    with pytest.raises(KeyboardInterrupt):
        for outcome in run_batch(inputs, Job(registry, options, output_dir=out), jobs=1):
            told.append(outcome)
    assert [o.input for o in told] == inputs[:3] and all(o.written for o in told)
    assert sorted(out.rglob("*.txt")) == sorted(out / i.relative for i in inputs[:3])


def test_a_second_signal_during_a_write_waits_until_the_file_is_told(tmp_path, monkeypatch):
    import signal

    from stripper import batch
    from stripper.cli.clean import _StopRequest

    inputs, out = _one_task(tmp_path), tmp_path / "out"
    registry, options = build(None, (), False, False, None, no_config=True)
    stop = _StopRequest()
    stop(signal.SIGINT, None)  # the first signal: finish the files under way
    write = batch.write_result

    def second_signal_at_the_rename(outcome, **kw):
        write(outcome, **kw)
        if outcome.input == inputs[1]:
            stop(signal.SIGTERM, None)  # as the handler runs it, the file just renamed

    monkeypatch.setattr(batch, "write_result", second_signal_at_the_rename)
    told = []
    with pytest.raises(KeyboardInterrupt):
        for outcome in run_batch(inputs, Job(registry, options, output_dir=out), jobs=1, held=stop.held):
            told.append(outcome)
    assert [o.input for o in told] == inputs[:2]
    assert sorted(out.rglob("*.txt")) == sorted(out / i.relative for i in inputs[:2])
    assert batch._HELD is nullcontext


def test_files_read_ahead_are_cleaned_and_written_as_one_by_one(tmp_path, monkeypatch):
    from stripper import batch

    src = _corpus(tmp_path, copies=2)
    registry, options = build(None, (), False, False, None, no_config=True)
    inputs = [Input(str(p), str(p.relative_to(src))) for p in sorted(src.rglob("*.txt"))]
    outputs = {}
    for read_ahead in (1, 10**9):
        monkeypatch.setattr(batch, "READ_AHEAD_BYTES", read_ahead)
        out = tmp_path / f"out{read_ahead}"
        outcomes = list(run_batch(inputs, Job(registry, options, output_dir=out), jobs=1))
        assert [o.input for o in outcomes] == inputs and not any(o.failed for o in outcomes)
        outputs[read_ahead] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert len(outputs[1]) == len(inputs) and outputs[1] == outputs[10**9]


def _told(stderr: str) -> list[str]:
    """stderr's lines, the closing line without its time."""
    return [re.sub(r" in [\d.]+ s \([\d.]+ MB/s\)$", "", line) for line in stderr.splitlines()]


def test_two_jobs_tell_and_write_what_one_job_does_with_failures_pages_and_jsonl(tmp_path, monkeypatch):
    """With 2 jobs a worker sends a task's counts and lines, not an outcome
    a file: the same lines in the same order, the same exit code, the same
    outputs, as one job's outcome a file. A page renamed x.txt in one task
    and the x.txt it meets at the start of the next; files that fail; a
    JSONL file with a bad record between text files; a subfolder."""
    from stripper import batch

    monkeypatch.setattr(batch, "TAPER_TASKS", 0)  # the tasks as cut, not cut again at the end
    per_task = batch.FILES_PER_TASK
    seeds = [p.read_bytes() for p in seed_paths()]
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for k in range(per_task - 1):
        (src / f"{k:03}.txt").write_bytes(seeds[k % len(seeds)])
    page = "<html><body><article><p>" + "Words of the article. " * 30 + "</p></article></body></html>"
    last = f"{per_task - 1:03}"
    (src / f"{last}.html").write_text(page)  # the end of the first task
    (src / f"{last}.txt").write_bytes(seeds[0])  # its output's name, at the start of the second
    (src / f"{per_task + 6:03}.txt").write_bytes(b"\x00\x01\x02" * 1000)  # binary
    (src / f"{per_task + 7:03}.jsonl").write_text('{"text": "a line"}\nnot json\n{"text": "another line"}\n')
    (src / f"{per_task + 8:03}.txt").write_bytes("caf\xe9\n".encode("latin-1"))  # not UTF-8
    for k in range(70):
        (src / "sub" / f"{k:03}.txt").write_bytes(seeds[k % len(seeds)])
    told, written = {}, {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = CliRunner().invoke(cli, ["clean", str(src), "-o", str(out), "--no-config", "-j", jobs])
        assert result.exit_code == 2, result.output
        told[jobs] = _told(result.stderr.replace(str(out), "OUT"))
        written[jobs] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert told["1"] == told["2"]
    assert written["1"] == written["2"]
    text, page = src / f"{last}.txt", src / f"{last}.html"
    assert f"{text}: not cleaned: its output OUT/{last}.txt is the output of {page}" in told["1"][0]
    total = per_task + 4 + 70
    assert [line for line in told["1"] if "failed" in line][-1] == f"stripper: 4 of {total} files failed"


def test_a_group_of_files_is_planned_whole_unless_a_page_may_meet_it(tmp_path):
    from stripper.batch import Group, Input, plan_outputs

    out = str(tmp_path / "out")
    items = [Group("in/a/", "a/", ("w.txt", "x.txt")), Input("in/a/y.html", "a/y.html")]
    items += [Group("in/a/", "a/", ("y.txt", "z.txt")), Group("in/b/", "b/", ("y.txt",))]
    planned = list(plan_outputs(items, tmp_path / "out", one_root=True))
    # the first group whole, with its folder's output path; after the page,
    # its folder's files spelled out, one of them its output; the next folder whole
    assert [type(p).__name__ for p in planned] == ["Group", "Input", "Input", "Input", "Group"]
    assert planned[0].target == os.path.join(out, "a", "")
    assert planned[0].inputs()[1].target == os.path.join(out, "a", "x.txt")
    assert [p.target for p in planned[1:4]] == [os.path.join(out, "a", n) for n in ("y.txt", "y.txt", "z.txt")]
    assert [bool(p.problem) for p in planned[1:4]] == [False, True, False]
    assert planned[4].target == os.path.join(out, "b", "")
    # several roots, or every file read as a page: spelled out
    for kind, one_root in (("auto", False), ("html", True)):
        planned = list(plan_outputs(items[:1], tmp_path / "out", kind, one_root=one_root))
        assert [type(p).__name__ for p in planned] == ["Input", "Input"]


def test_a_walk_in_groups_finds_what_a_walk_of_inputs_finds(tmp_path):
    """Groups hold the regular files whose names can be neither JSONL nor a
    page's; spelled out, a walk in groups is the walk of Inputs."""
    from stripper.batch import FILES_PER_TASK, Group, iter_inputs

    root = tmp_path / "in"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    names = [f"{k:03}.txt" for k in range(FILES_PER_TASK + 5)]
    names += ["a.TXT.html", "b.txt.gz", "c.jsonl", "d.HTM", "e.txt.zst", "f.html.gz", "g.jsonl.zst", "h.md"]
    for folder in (root, root / "sub", root / "sub" / "deeper", root / ".hidden"):
        for name in names:
            (folder / name).write_text("x\n")
    os.symlink(root / "000.txt", root / "050a.txt")  # a file symlink: stat'ed, an Input
    os.symlink(root / "sub", root / "z.txt")  # a folder symlink: not followed
    os.mkfifo(root / "sub" / "060a.txt")  # a skip, told between its neighbours
    told = []
    grouped = list(iter_inputs([str(root)], on_skip=lambda path, why: told.append((path, why)), groups=True))
    skips, told = told, []
    inputs = list(iter_inputs([str(root)], on_skip=lambda path, why: told.append((path, why))))
    assert skips == told and len(told) == 1
    spelled = [i for item in grouped for i in (item.inputs() if isinstance(item, Group) else [item])]
    assert [(i.path, i.relative, i.known_size) for i in spelled] == [(i.path, i.relative, i.known_size) for i in inputs]
    in_groups = {n for item in grouped if isinstance(item, Group) for n in item.names}
    assert {n for n in in_groups if not n[0].isdigit()} == {"b.txt.gz", "e.txt.zst"}
    assert all(len(item) <= FILES_PER_TASK for item in grouped if isinstance(item, Group))


def test_the_last_tasks_of_files_are_cut_smaller_and_keep_their_order():
    """With jobs > 1 the file tasks at the end come smaller and smaller, so
    that the workers end together; every file comes once, in order, and a
    JSONL chunk keeps its place."""
    from stripper.batch import FILES_PER_TASK, TAPER_MIN_FILES, Group, Input, _ChunkTask, _FileTask, _tapered

    def files_task(first: int, count: int) -> _FileTask:
        return _FileTask((Group("in/", "", tuple(f"{k:04}.txt" for k in range(first, first + count))),))

    chunk = _ChunkTask(Input("in/x.jsonl", "x.jsonl"), ((1, b"{}"),), True, True)
    tasks = [files_task(0, FILES_PER_TASK), chunk]
    tasks += [files_task(FILES_PER_TASK * k, FILES_PER_TASK) for k in range(1, 8)]
    tasks.append(_FileTask((Input("in/single.txt", "single.txt"), *files_task(FILES_PER_TASK * 8, 10).items)))
    out = list(_tapered(iter(tasks), 2))

    def paths(task_list) -> list[str]:
        return [i.path for t in task_list if type(t) is _FileTask for i in t.inputs()]

    assert paths(out) == paths(tasks)
    assert out[:2] == tasks[:2]  # the files before the chunk go as they were
    sizes = [len(t.inputs()) for t in out[2:]]
    assert max(sizes) <= FILES_PER_TASK and sizes == sorted(sizes, reverse=True)
    assert sizes[-1] <= TAPER_MIN_FILES and len(sizes) > len(tasks) - 2
    assert [len(t.inputs()) for t in _tapered(iter(tasks[:1]), 2)][0] < FILES_PER_TASK  # one task alone is cut too


def test_a_walk_lists_names_in_the_order_of_their_code_points(tmp_path):
    """A folder's names are listed as bytes and sorted as such where they
    are UTF-8 (the same order as their str); a folder holding a name that
    is not UTF-8 is sorted as str."""
    from stripper.batch import iter_inputs

    names = [
        "b.txt",
        "a.txt",
        "\u0627\u0644\u062e\u0628\u0631.txt",
        "\ue000.txt",
        "\U0001f600.txt",
        "\ufffd.txt",
        "Z.txt",
    ]
    utf8 = tmp_path / "utf8"
    utf8.mkdir()
    for name in names:
        (utf8 / name).write_text("x\n")
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for name in names:
        (mixed / name).write_text("x\n")
    raw = os.fsencode(str(mixed)) + b"/\xff\xfe.txt"  # not UTF-8: its str holds escaped bytes
    with open(raw, "w") as fh:
        fh.write("x\n")
    for folder, expected in ((utf8, sorted(names)), (mixed, sorted([*names, os.fsdecode(b"\xff\xfe.txt")]))):
        for groups in (False, True):
            found = [
                i.relative
                for item in iter_inputs([str(folder)], groups=groups)
                for i in (item.inputs() if hasattr(item, "names") else [item])
            ]
            assert found == expected
