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
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={work}/out",
                "--collect-atstart=no",
                "--toggle-collect=functools_reduce",
                sys.executable,
                str(listed),
                kind,
                *map(str, paths),
            ],
            capture_output=True,
            text=True,
            env={**env, "PYTHONHASHSEED": "0"},
            check=True,
        )
    found = _COLLECTED.findall(out.stderr)
    if not found:
        raise RuntimeError(f"callgrind printed no count: {out.stderr[-500:]}")
    return int(found[-1])


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
    return results


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
    return (
        f"{table}\n\nCallgrind, {docs['bench']} bench dumps (evenly across the seven datasets) and "
        f"{docs['tunisia-news']} tunisia-news files, each sample's second pass; `{r['build']}`."
    )
