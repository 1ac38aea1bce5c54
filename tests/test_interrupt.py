"""An interrupted batch (SIGINT, SIGTERM) leaves no partial file, leaves the
inputs as they were, and says which files were done."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import seed_paths

pytestmark = pytest.mark.slow
STRIPPER = Path(sys.executable).with_name("stripper")


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for k in range(400):
        for path in seed_paths():
            (src / f"{k:03}_{path.name}").write_bytes(path.read_bytes())
    return src


@pytest.mark.parametrize("sig, code, name", [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "SIGINT")])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_interrupt_leaves_no_partial_file(corpus, tmp_path, sig, code, name, jobs):
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [str(STRIPPER), "clean", str(corpus), "-o", str(out), "--no-config", "-j", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not (out.exists() and len(list(out.iterdir())) > 20):
        assert proc.poll() is None and time.monotonic() < deadline, "the batch ended too soon"
        time.sleep(0.02)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err
    assert f"interrupted by {name}" in err and "files done" in err
    done = [line.split("done: ", 1)[1] for line in err.splitlines() if line.startswith("stripper: done: ")]
    assert done, err
    written = list(out.iterdir())
    assert written and not [p for p in written if p.name.endswith(".tmp")], "a temporary file was left"
    assert len(written) < len(before), "nothing was interrupted"
    expected = subprocess.run(
        [str(STRIPPER), "clean", str(corpus / written[0].name), "--no-config"], capture_output=True
    ).stdout
    assert written[0].read_bytes() == expected  # a written file is whole
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before  # inputs untouched


def test_interrupted_in_place_run_leaves_each_file_old_or_new(corpus):
    originals = {p.name: p.read_bytes() for p in corpus.iterdir()}
    proc = subprocess.Popen(
        [str(STRIPPER), "clean", "--in-place", str(corpus), "--no-config", "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=120)
    # 143: stopped (between files, or as the workers wound down); 1: it had
    # finished; -SIGTERM: the signal came as the process exited, after the
    # summary, where the default handler is back (every file is written)
    assert proc.returncode in (143, 1, -signal.SIGTERM)
    names = sorted(p.name for p in corpus.iterdir())
    assert names == sorted(originals), "a temporary file was left or a file lost"
    cleaned = {}  # the corpus holds five distinct texts
    for name in names:
        data, old = (corpus / name).read_bytes(), originals[name]
        if old not in cleaned:
            cleaned[old] = subprocess.run(
                [str(STRIPPER), "clean", "-", "--no-config"], input=old, capture_output=True
            ).stdout
        assert data in (old, cleaned[old]), name


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_second_signal_leaves_no_file_written_out_of_the_summary(corpus, jobs):
    # SIGTERM, then at once SIGINT (a second signal: stop now), in the middle
    # of a task of files: the summary's count covers every file rewritten,
    # and the files after it are untouched
    names = sorted(p.name for p in corpus.iterdir())  # the order of the batch
    originals = {name: (corpus / name).read_bytes() for name in names}
    proc = subprocess.Popen(
        [str(STRIPPER), "clean", "--in-place", str(corpus), "--no-config", "-j", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while sum((corpus / name).read_bytes() != originals[name] for name in names[:40]) < 20:
        assert proc.poll() is None and time.monotonic() < deadline, "the batch ended too soon"
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode in (130, 143), err
    done = int(re.search(rf"(\d+) of {len(names)} files done", err).group(1))
    now = {name: (corpus / name).read_bytes() for name in names}
    assert [name for name in names[done:] if now[name] != originals[name]] == [], "written, not in the summary"
    assert 20 <= done < len(names), err
    assert err.splitlines()[-1] == f"stripper: done: {corpus / names[done - 1]}"
    cleaned = {}  # the corpus holds five distinct texts
    for text in set(originals.values()):
        cleaned[text] = subprocess.run(
            [str(STRIPPER), "clean", "-", "--no-config"], input=text, capture_output=True
        ).stdout
    assert [name for name in names[:done] if now[name] != cleaned[originals[name]]] == []
    assert sorted(p.name for p in corpus.iterdir()) == names, "a temporary file was left"


def test_interrupted_jsonl_file_is_dropped_whole(tmp_path):
    import json

    shard = tmp_path / "big.jsonl"
    text = seed_paths()[0].read_text(encoding="utf-8")
    shard.write_text(
        "".join(json.dumps({"id": n, "text": text}, ensure_ascii=False) + "\n" for n in range(20000)), encoding="utf-8"
    )
    before = shard.read_bytes()
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [str(STRIPPER), "clean", str(shard), "-o", str(out), "--no-config", "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not (out.exists() and any(out.iterdir())):  # the temporary file appears
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err
    assert "0 of 1 files done" in err
    assert list(out.iterdir()) == [] and shard.read_bytes() == before


@pytest.mark.parametrize("mode", ["--in-place", "--output-dir"])
def test_sigterm_to_the_process_group_with_two_jobs(corpus, tmp_path, mode):
    # `timeout 2 stripper clean ...` signals the whole process group: the
    # workers too, which must not die in the middle of a file
    originals = {p.name: p.read_bytes() for p in corpus.iterdir()}
    out = tmp_path / "out"
    command = [str(STRIPPER), "clean", str(corpus), "--no-config", "-j", "2"]
    command += ["--in-place"] if mode == "--in-place" else ["-o", str(out)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60

    def done() -> int:
        if mode == "--in-place":
            return sum((corpus / name).read_bytes() != data for name, data in originals.items())
        return len(list(out.iterdir())) if out.exists() else 0

    while done() < 20:
        assert proc.poll() is None and time.monotonic() < deadline, "the batch ended too soon"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err
    assert "Traceback" not in err and "interrupted by SIGTERM" in err
    assert not [p for p in tmp_path.rglob("*.tmp")], "a temporary file was left"
    assert sorted(p.name for p in corpus.iterdir()) == sorted(originals)
    if mode == "--output-dir":
        assert {p.name: p.read_bytes() for p in corpus.iterdir()} == originals
