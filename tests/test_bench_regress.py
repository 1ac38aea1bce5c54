"""`python -m bench.regress`: its errors are one line and exit 2."""

from __future__ import annotations

import subprocess
import sys

import bench.regress as regress

from .conftest import ROOT


def test_missing_data_is_one_line_naming_it_and_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(regress, "SHARED", tmp_path)  # no bench-train there

    assert regress.main(["--sample", "50"]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("regress: error: no documents for bench-train")
    assert str(tmp_path / "bench-train") in err


def test_an_unknown_commit_is_one_line_and_exit_2(monkeypatch, capsys):
    monkeypatch.setattr(regress, "corpus_files", lambda sample: [("seeds", ROOT / "samples" / "x.txt")])

    assert regress.main(["--ref", "no-such-commit"]) == 2

    err = capsys.readouterr().err
    assert err == f"regress: error: 'no-such-commit' is no commit of {ROOT}\n"


def test_the_command_exits_2_without_its_data(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bench.regress"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "STRIPPER_SHARED": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("regress: error: no documents for bench-train") and result.stderr.count("\n") == 1
