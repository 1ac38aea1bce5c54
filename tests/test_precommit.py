"""End to end with the real pre-commit tool: a corpus repository whose
config points at this repository's hooks (.pre-commit-hooks.yaml)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, seed_paths

pytestmark = pytest.mark.slow

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def sh(*args, cwd, check=True, env=None):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=check, env=env)


def _check_all(repo, env):
    """The manual-stage `stripper-check` hook over every file of `repo`."""
    return sh(
        str(PRE_COMMIT),
        "run",
        "--hook-stage",
        "manual",
        "stripper-check",
        "--all-files",
        cwd=repo,
        env=env,
        check=False,
    )


@pytest.fixture
def corpus_repo(tmp_path):
    head = sh("git", "rev-parse", "HEAD", cwd=ROOT).stdout.strip()
    if sh("git", "cat-file", "-e", f"{head}:.pre-commit-hooks.yaml", cwd=ROOT, check=False).returncode:
        pytest.fail(".pre-commit-hooks.yaml is not committed at HEAD")
    repo = tmp_path / "corpus"
    (repo / "dumps").mkdir(parents=True)
    for p in seed_paths():
        shutil.copyfile(p, repo / "dumps" / p.name)
    (repo / "notes").mkdir()
    (repo / "notes" / "keep.txt").write_text("Share\nThis note is excluded by the config.\n")
    (repo / ".stripper.yml").write_text('exclude: ["notes/**"]\n')
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n"
        f"      - id: stripper-fix\n      - id: stripper-check\n        stages: [manual]\n"
    )
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PRE_COMMIT_HOME": str(ROOT / "build" / "pre-commit-home"),
        "PATH": f"{PRE_COMMIT.parent}{os.pathsep}{os.environ['PATH']}",
    }
    sh("git", "init", "-q", "-b", "main", cwd=repo)
    sh(str(PRE_COMMIT), "install", cwd=repo, env=env)
    return repo, env


def test_hooks_check_then_fix_then_pass(corpus_repo):
    repo, env = corpus_repo
    clean_seed = repo / "dumps" / next(p.name for p in seed_paths() if p.name.startswith("003"))
    os.utime(clean_seed, (1_000_000, 1_000_000))
    sh("git", "add", ".", cwd=repo)

    check = _check_all(repo, env)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "000_a1d38b10eeb31e0c.txt: " in check.stdout and "worldpressarabic/logo" in check.stdout

    first = sh("git", "commit", "-q", "-m", "add dumps", cwd=repo, env=env, check=False)
    assert first.returncode != 0, "the commit must fail: the hook changed files"
    assert "Failed" in first.stdout + first.stderr
    assert "وورلد برس عربي logo" not in (repo / "dumps" / "000_a1d38b10eeb31e0c.txt").read_text()
    assert clean_seed.stat().st_mtime == 1_000_000, "an already clean file was rewritten"
    assert (repo / "notes" / "keep.txt").read_text().startswith("Share\n"), "excluded path was touched"

    sh("git", "add", ".", cwd=repo)
    second = sh("git", "commit", "-q", "-m", "add dumps", cwd=repo, env=env, check=False)
    assert second.returncode == 0, second.stdout + second.stderr
    check = _check_all(repo, env)
    assert check.returncode == 0, check.stdout + check.stderr
