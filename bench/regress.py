"""Prove that a change changes nothing it should not.

    python -m bench.regress [--ref REF] [--show N] [--sample K]
    make regress REF=<commit>

Cleans every dump of the bench-train data, the seeds and tunisia-news with
the code of commit REF (checked out into build/regress/, outputs cached by
commit) and with the working tree, then prints how many documents come out
different, per corpus, and a unified diff of the first few; with --score,
the mean F1 of both sides on bench-train (per dataset) and the seeds. Exit 0 when
every output is identical, 1 when some differ, 2 on an error.

Both sides run the same worker (bench/regress_worker.py, from the working
tree) under their own code, in two processes each.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .common import ROOT, SHARED, one_line_error

WORKER = Path(__file__).resolve().parent / "regress_worker.py"
CACHE = ROOT / "build" / "regress"
# corpus -> (the folder, the pattern of its documents in it), read when run
CORPORA = {
    "bench-train": lambda: (SHARED, "bench-train/*/dump/*.txt"),
    "seeds": lambda: (ROOT / "samples", "*.txt"),
    "tunisia-news": lambda: (SHARED / "corpus" / "tunisia-news", "*.txt"),
}


class RegressError(Exception):
    """Missing data, an unknown commit, a worker that failed: one line, exit 2."""


def corpus_files(sample: int | None) -> list[tuple[str, Path]]:
    """(corpus, path) of every document; every `sample`-th one with --sample."""
    files = []
    for name, where in CORPORA.items():
        folder, pattern = where()
        found = sorted(folder.glob(pattern))
        if not found:
            raise RegressError(
                f"no documents for {name}: nothing matches {folder / pattern} (is {SHARED} there? set STRIPPER_SHARED)"
            )
        files.extend((name, path) for path in found)
    return files[::sample] if sample else files


def outputs(code: Path, files: list[Path], jobs: int) -> dict[str, str]:
    """Path -> cleaned text, cleaned by the stripper package found in `code`."""
    env = {**os.environ, "PYTHONPATH": str(code), "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        procs = []
        for k in range(jobs):
            listing = Path(tmp, f"in{k}")
            listing.write_text("\n".join(str(p) for p in files[k::jobs]), encoding="utf-8")
            out = Path(tmp, f"out{k}.jsonl")
            procs.append(
                (subprocess.Popen([sys.executable, str(WORKER), str(listing), str(out)], env=env, cwd=tmp), out)
            )
        result: dict[str, str] = {}
        for proc, out in procs:
            if proc.wait() != 0:
                raise RegressError(f"the worker failed under {code} (exit {proc.returncode})")
            with out.open(encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    result[record["path"]] = record["text"]
    return result


def ref_outputs(ref: str, files: list[Path], jobs: int) -> dict[str, str]:
    """The outputs of commit `ref`, from the cache when they were made before."""
    try:
        sha = _git("rev-parse", "--verify", f"{ref}^{{commit}}")
    except subprocess.CalledProcessError:
        raise RegressError(f"{ref!r} is no commit of {ROOT}") from None
    key = hashlib.sha256("\n".join(map(str, files)).encode()).hexdigest()[:12]
    cached = CACHE / f"{sha[:12]}-{key}.json.gz"
    if cached.exists():
        return json.loads(gzip.decompress(cached.read_bytes()))
    checkout = CACHE / f"src-{sha[:12]}"
    if not checkout.exists():
        checkout.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", sha, "stripper", "rules"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(checkout)], input=archive, check=True)
    result = outputs(checkout, files, jobs)
    cached.write_bytes(gzip.compress(json.dumps(result, ensure_ascii=False).encode()))
    return result


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.regress", description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="HEAD", help="the commit to compare with (default HEAD)")
    parser.add_argument("--show", type=int, default=3, help="diffs to print (default 3)")
    parser.add_argument("--sample", type=int, default=None, help="every K-th document only")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--score", action="store_true", help="also score both sides against the gold")
    args = parser.parse_args(argv)
    try:
        files = corpus_files(args.sample)
        paths = [path for _, path in files]
        before = ref_outputs(args.ref, paths, args.jobs)
        after = outputs(ROOT, paths, args.jobs)
    except RegressError as exc:
        return one_line_error("regress", exc)
    differ = [(name, path) for name, path in files if before[str(path)] != after[str(path)]]
    for name in CORPORA:
        total = sum(1 for n, _ in files if n == name)
        changed = sum(1 for n, _ in differ if n == name)
        print(f"{name:>13}: {changed} of {total} documents differ")
    for _, path in differ[: args.show]:
        old, new = before[str(path)], after[str(path)]
        sys.stdout.writelines(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                f"{args.ref}:{path.name}",
                f"worktree:{path.name}",
                n=1,
            )
        )
        print()
    print(f"regress against {args.ref}: {len(differ)} of {len(files)} documents differ")
    if args.score:
        print_scores(files, before, after, args.ref)
    return 1 if differ else 0


def print_scores(files, before: dict[str, str], after: dict[str, str], ref: str) -> None:
    """Mean F1 a dataset of the documents with gold (bench-train, seeds), both sides."""
    from stripper.evaluate import read_gold, score

    by_set: dict[str, list[tuple[float, float]]] = {}
    for name, path in files:
        gold = path.parent.parent / "gold" / path.name if name == "bench-train" else path.with_suffix(".labels")
        if not gold.exists():
            continue
        label = path.parent.parent.name if name == "bench-train" else name
        g = read_gold(gold)
        by_set.setdefault(label, []).append((score(before[str(path)], g).f1, score(after[str(path)], g).f1))
    print(f"\n| set | documents | {ref} | worktree | pages better | pages worse |\n|---|---|---|---|---|---|")
    means = []
    for label, pairs in by_set.items():
        old = sum(a for a, _ in pairs) / len(pairs)
        new = sum(b for _, b in pairs) / len(pairs)
        better = sum(1 for a, b in pairs if b > a + 1e-9)
        worse = sum(1 for a, b in pairs if b < a - 1e-9)
        print(f"| {label} | {len(pairs)} | {old:.4f} | {new:.4f} | {better} | {worse} |")
        if label != "seeds":
            means.append((old, new))
    if means:
        print(
            f"| mean of the bench-train datasets | | {sum(a for a, _ in means) / len(means):.4f} "
            f"| {sum(b for _, b in means) / len(means):.4f} | | |"
        )


if __name__ == "__main__":
    sys.exit(main())
