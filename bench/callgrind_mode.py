"""Instructions a document, counted by callgrind (valgrind): a measure that
does not move with the machine's load, where the other modes' times do.

Each system runs in a fresh process under callgrind: after its start
(imports, rule files) it goes over a sample of documents once to warm its
caches (stoplists read, words looked up), then again inside one call of
functools.reduce, and callgrind counts only inside that call (its
--toggle-collect): the count over the sample's size is what a document
costs in a long run. PYTHONHASHSEED is fixed: the same run counts the same. Systems: stripper compiled (as
installed), stripper in pure Python (STRIPPER_PURE_PYTHON=1) and
datatrove's C4 line filter, as in the text mode. Samples: bench dumps taken
evenly across the seven datasets, and tunisia-news files taken evenly
across its sorted list (both of its sites).

Then the whole `stripper clean` over tunisia-news, files in and out, with
1 job and with 2 (`_two_jobs_most`): what 2 jobs can give at most on this
code, told by instructions, where the throughput mode's times also carry
the machine's load.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .common import BENCH_INDEXES, DATASETS, TUNISIA_NEWS, MissingData, Options, bench_pages, markdown_table, require

DATA = (*BENCH_INDEXES, TUNISIA_NEWS)

BENCH_SAMPLE = 70  # 10 a dataset
TUNISIA_SAMPLE = 100
SYSTEMS = ("stripper (compiled, as installed)", "stripper (pure Python)", "C4 line filter")

# The child: the start, the documents listed in argv once, then again counted.
_CHILD = r"""
import functools, sys
paths = sys.argv[2:]
if sys.argv[1] == "c4":
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter
    line_filter = C4QualityFilter(split_paragraph=True, min_num_sentences=-1,
                                  filter_lorem_ipsum=False, filter_curly_bracket=False)
    run = lambda text: line_filter.filter(Document(text=text, id="x"))
else:
    from stripper.model import Document
    from stripper.pipeline import clean, default_registry
    registry = default_registry()
    run = lambda text: clean(Document.from_text(text, source="x"), registry)
texts = [open(p, encoding="utf-8").read() for p in paths]
for text in texts:
    run(text)
functools.reduce(lambda done, text: (run(text), done + 1)[1], texts, 0)  # counted
"""
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def _instructions(kind: str, paths: list[Path], env: dict) -> int:
    """Instructions callgrind counts for the child over `paths`."""
    with tempfile.TemporaryDirectory(prefix="stripper-callgrind-") as work:
        listed = Path(work) / "child.py"
        listed.write_text(_CHILD, encoding="utf-8")
        counts = _callgrind(
            [
                "--collect-atstart=no",
                "--toggle-collect=functools_reduce",
                sys.executable,
                str(listed),
                kind,
                *map(str, paths),
            ],
            f"{work}/out",
            env,
        )
    return counts[-1]


def _callgrind(arguments: list[str], out_file: str, env: dict, exit_codes: tuple[int, ...] = (0,)) -> list[int]:
    """The instructions callgrind counts, a process each, for `valgrind
    --tool=callgrind <arguments>` (`PYTHONHASHSEED=0`: the same run counts
    the same), its files written to `out_file` (`%p`: the process id)."""
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", *arguments],
        capture_output=True,
        text=True,
        env={**env, "PYTHONHASHSEED": "0"},
    )
    found = _COLLECTED.findall(out.stderr)
    if out.returncode not in exit_codes or not found:
        raise RuntimeError(f"callgrind of {' '.join(arguments)[:200]}: exit {out.returncode}: {out.stderr[-500:]}")
    return [int(n) for n in found]


def run(options: Options) -> dict:
    if shutil.which("valgrind") is None:
        raise MissingData("valgrind is missing (apt-get install valgrind)")
    require(*DATA)
    per_dataset = max(1, (options.limit or BENCH_SAMPLE) // len(DATASETS))
    bench = []
    for dataset in DATASETS:
        pages = bench_pages(dataset)
        step = max(1, len(pages) // per_dataset)
        bench += [p.dump for p in pages[::step][:per_dataset]]
    # evenly across the sorted files: the first hundred are one site's
    # (essada.net, 14% of the files), whose documents cost half of the
    # other's (www.assarih.com, 86%)
    corpus = sorted(TUNISIA_NEWS.glob("*.txt"))
    wanted = options.limit or TUNISIA_SAMPLE
    tunisia = corpus[:: max(1, len(corpus) // wanted)][:wanted]
    samples = {"bench": bench, "tunisia-news": tunisia}
    compiled_env = {k: v for k, v in os.environ.items() if k != "STRIPPER_PURE_PYTHON"}
    runs = {
        SYSTEMS[0]: ("stripper", compiled_env),
        SYSTEMS[1]: ("stripper", {**compiled_env, "STRIPPER_PURE_PYTHON": "1"}),
        SYSTEMS[2]: ("c4", compiled_env),
    }
    results: dict = {"documents": {name: len(paths) for name, paths in samples.items()}}
    for system, (kind, env) in runs.items():
        results[system] = {name: _instructions(kind, paths, env) / len(paths) for name, paths in samples.items()}
        print(f"  {system}: done", flush=True)
    version = subprocess.run(
        [str(Path(sys.executable).with_name("stripper")), "--version"], capture_output=True, text=True
    )
    results["build"] = version.stdout.strip()
    results["two_jobs"] = _two_jobs_most(tunisia if options.limit else TUNISIA_NEWS)
    print("  stripper clean, 1 and 2 jobs: done", flush=True)
    return results


def _two_jobs_most(corpus: Path | list[Path]) -> dict:
    """Instructions of the whole `stripper clean` (files in and out) over
    `corpus` (a folder, or files copied into one), with 1 job and with 2.

    A forked worker's count includes what its parent ran before the fork,
    so each process of the 2-job run counts the start both share; the run
    takes as long as the busier one. The 1-job count over the mean of the
    two is what 2 jobs give on two free cores at one rate of instructions,
    their work split evenly: the most they give. (How this run split it
    hangs on the timing under callgrind: the split run's figure, `split`,
    moves from run to run.) The listing helper, started with exec, runs
    outside callgrind: it ran beside the start, on the other core."""
    with tempfile.TemporaryDirectory(prefix="stripper-callgrind-") as work:
        if not isinstance(corpus, Path):
            folder = Path(work) / "corpus"
            folder.mkdir()
            for path in corpus:
                shutil.copyfile(path, folder / path.name)
            corpus = folder
        files = sorted(corpus.glob("*.txt"))
        stripper = str(Path(sys.executable).with_name("stripper"))
        # the caches (rules, compiled manifest, the patterns' programs)
        # written before counting: the whole corpus once, with 1 job, for
        # the patterns the later documents compile first (kept at the end)
        subprocess.run(
            [stripper, "clean", str(corpus), "-o", f"{work}/warm", "-q", "--no-config", "-j", "1"],
            capture_output=True,
        )
        counts = {
            jobs: _callgrind(
                [stripper, "clean", str(corpus), "-o", f"{work}/out{jobs}", "-q", "--no-config", "-j", str(jobs)],
                f"{work}/j{jobs}.%p",
                os.environ,
                exit_codes=(0, 1),  # 1: something was cut
            )
            for jobs in (1, 2)
        }
    return {**two_jobs_figures(counts[1], counts[2]), "files": len(files)}


def two_jobs_figures(one_job: list[int], two_jobs: list[int]) -> dict:
    """The figures of `_two_jobs_most` from the processes' counts."""
    if len(one_job) != 1 or len(two_jobs) not in (1, 2):  # (2 jobs over a few files may run in one process)
        raise RuntimeError(f"expected 1 and 2 processes under callgrind, counted {len(one_job)} and {len(two_jobs)}")
    one = one_job[0]
    return {
        "one_job": one,
        "two_jobs": two_jobs,
        # counted in both: the start before the fork, what each process does once (patterns compiled
        # at their first use, tables), and what 2 jobs add (tasks and results through the pipes)
        "shared": sum(two_jobs) - one,
        "most": one / (sum(two_jobs) / len(two_jobs)),  # the work split evenly
        "split": one / max(two_jobs),  # as this run split it
    }


def markdown(r: dict) -> str:
    c4 = r[SYSTEMS[2]]
    rows = []
    for system in SYSTEMS:
        row = [system]
        for name in ("bench", "tunisia-news"):
            row += [f"{r[system][name] / 1e6:.2f}M", f"{r[system][name] / c4[name]:.1f}x"]
        rows.append(row)
    table = markdown_table(rows, ["system", "bench: instructions a dump", "x C4", "tunisia-news: a document", "x C4"])
    docs = r["documents"]
    text = (
        f"{table}\n\nCallgrind, {docs['bench']} bench dumps (evenly across the seven datasets) and "
        f"{docs['tunisia-news']} tunisia-news files, each sample's second pass; `{r['build']}`."
    )
    two = r.get("two_jobs")
    if two:
        text += (
            f"\n\nThe whole `stripper clean` over {two['files']:,} tunisia-news files, files in and out: 1 job "
            f"{two['one_job'] / 1e6:,.1f}M instructions; 2 jobs "
            f"{' and '.join(f'{n / 1e6:,.1f}M' for n in two['two_jobs'])} (a process each), "
            f"{two['shared'] / 1e6:,.0f}M of them counted in both (the start before the fork, what each does once, "
            f"the pipes): "
            f"**2 jobs give at most {two['most']:.2f}x 1 job** at one rate of instructions, their work split "
            f"evenly ({two['split']:.2f}x as split in this run)."
        )
    return text
