"""Every bench mode without its data: one line naming what is missing, exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

CASES = [
    ([], "bench"),  # every mode of `make bench`: the data of all is checked before the first runs
    (["text"], "bench"),
    (["html"], "bench"),
    (["throughput"], "bench"),
    (["callgrind"], "bench"),
    (["fit-html"], "bench"),
    (["text", "hook"], "bench"),
    (["fit"], "fit"),
    (["losses"], "losses"),
    (["regress"], "regress"),
]


@pytest.mark.parametrize("args, prog", CASES, ids=[" ".join(args) or "all" for args, _ in CASES])
def test_a_mode_without_its_data_is_one_line_and_exit_2(tmp_path, args, prog):
    result = subprocess.run(
        [sys.executable, "-m", "bench", *args],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "STRIPPER_SHARED": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    assert result.stderr.startswith(f"{prog}: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert str(tmp_path) in result.stderr  # names the missing folder


def test_a_dataset_folder_without_its_index_is_named(tmp_path):
    (tmp_path / "bench" / "scrapinghub").mkdir(parents=True)  # the folder, not its meta.jsonl
    result = subprocess.run(
        [sys.executable, "-m", "bench", "text"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "STRIPPER_SHARED": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"bench: error: {tmp_path / 'bench' / 'scrapinghub' / 'meta.jsonl'} is missing")
