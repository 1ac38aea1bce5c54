"""What every bench mode shares: where the data is, scoring, timing, tables."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from stripper.evaluate import Gold, Score, read_gold, score

ROOT = Path(__file__).resolve().parent.parent
# the benchmark data: `make bench DATA=...` sets STRIPPER_SHARED (docs/benchmarks.md)
SHARED = Path(os.environ.get("STRIPPER_SHARED", ROOT.parent / "shared"))
BENCH_DATA = SHARED / "bench"
SEEDS = ROOT / "samples"
OUT = ROOT / "build" / "bench"

DATASETS = ("scrapinghub", "cleaneval", "l3s-gn1", "dragnet", "readability", "wcxb-article", "daniel")
# what a mode reads is its module's DATA: python -m bench checks it is there before it starts
BENCH_INDEXES = tuple(BENCH_DATA / dataset / "meta.jsonl" for dataset in DATASETS)
TUNISIA_NEWS = SHARED / "corpus" / "tunisia-news"


@dataclass(frozen=True)
class Page:
    dataset: str
    id: str
    url: str | None
    dump: Path  # the plain-text dump (or the seed itself)
    html: Path | None
    gold: Path  # .txt gold or .labels


@dataclass(frozen=True)
class Options:
    modes: tuple[str, ...]
    limit: int | None = None
    jobs: int | None = None


class MissingData(Exception):
    """What a bench run reads is not there: one line, exit 2 (`one_line_error`)."""


def require(*paths: Path) -> None:
    """MissingData naming the first of `paths` that is not there, and where
    the bench looks for its data."""
    for path in paths:
        if not path.exists():
            raise MissingData(
                f"{path} is missing (is {SHARED} there? point the bench at its data: "
                f"make bench DATA=/path/to/data, or STRIPPER_SHARED=/path/to/data)"
            )


def one_line_error(prog: str, exc: Exception) -> int:
    """What every bench command does on missing data or a bad argument:
    one line on stderr, and exit code 2 (stripper's own for bad input)."""
    print(f"{prog}: error: {exc}", file=sys.stderr, flush=True)
    return 2


def bench_pages(dataset: str, limit: int | None = None) -> list[Page]:
    base = BENCH_DATA / dataset
    require(base / "meta.jsonl")
    pages = []
    for line in (base / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        pages.append(
            Page(
                dataset,
                meta["id"],
                meta.get("url"),
                base / "dump" / f"{meta['id']}.txt",
                base / "html" / f"{meta['id']}.html",
                base / "gold" / f"{meta['id']}.txt",
            )
        )
    return pages[:limit] if limit else pages


def seed_pages(limit: int | None = None) -> list[Page]:
    pages = [Page("seeds", p.stem, None, p, None, p.with_suffix(".labels")) for p in sorted(SEEDS.glob("*.txt"))]
    return pages[:limit] if limit else pages


@dataclass
class Tally:
    """Scores and timings of one system on one dataset."""

    scores: list[Score] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    errors: int = 0

    def add(self, output: str, gold: Gold, seconds: float) -> None:
        self.scores.append(score(output, gold))
        self.seconds.append(seconds)

    def summary(self) -> dict:
        n = len(self.scores) or 1
        return {
            "pages": len(self.scores),
            "precision": sum(s.precision for s in self.scores) / n,
            "recall": sum(s.recall for s in self.scores) / n,
            "f1": sum(s.f1 for s in self.scores) / n,
            "ms_per_doc": 1000 * (sum(self.seconds) / n),
            "ms_median": 1000 * (statistics.median(self.seconds) if self.seconds else 0.0),
            "errors": self.errors,
        }


def run_systems(
    extracts: dict[str, Callable[[Page], str]],
    datasets: dict[str, list[Page]],
    runs: Callable[[str, str], bool] = lambda system, dataset: True,
) -> dict:
    """Every system on every page, output scored against gold, time per page:
    {system: {dataset: summary}}. The systems take turns page by page, so
    that a machine whose speed drifts during the run (shared cores) slows
    them alike and their time ratios hold. `runs(system, dataset)` says which
    system runs on which dataset. A system that raises on a page scores 0
    there (empty output), counted. Each system first runs once untimed
    (`warm_up`): what it does once a process (loading rules, building
    tables) is no dump's time (the hook mode measures a process's start)."""
    warm_up(extracts, datasets)
    tallies = {system: {} for system in extracts}
    gold_cache: dict[Path, Gold] = {}
    for name, pages in datasets.items():
        systems = [system for system in extracts if runs(system, name)]
        for system in systems:
            tallies[system][name] = Tally()
        for page in pages:
            gold = gold_cache.get(page.gold) or gold_cache.setdefault(page.gold, read_gold(page.gold))
            for system in systems:
                start = time.perf_counter()
                try:
                    output = extracts[system](page)
                except Exception:
                    output = ""
                    tallies[system][name].errors += 1
                tallies[system][name].add(output, gold, time.perf_counter() - start)
    return {
        system: {name: tally.summary() for name, tally in by_dataset.items()} for system, by_dataset in tallies.items()
    }


def warm_up(extracts: dict[str, Callable[[Page], str]], datasets: dict[str, list[Page]]) -> None:
    """Every system once on the first page, untimed, its output dropped."""
    first = next((pages[0] for pages in datasets.values() if pages), None)
    if first is None:
        return
    for extract in extracts.values():
        try:
            extract(first)
        except Exception:
            pass  # counted when the page is timed


def time_in_turn(
    extracts: dict[str, Callable[[Page], str]], datasets: dict[str, list[Page]], rounds: int
) -> dict[str, dict[str, float]]:
    """Time alone: only `extracts` run, page by page in turn, `rounds` times
    over every page, outputs dropped: {system: {dataset: ms a page}}. With
    several other systems between two pages (as in run_systems), a system
    starts each page with caches the others filled, which costs a tool with
    more code and tables more than a small one; here each sees only the
    other's traces, as near to running alone as a side-by-side run gets."""
    warm_up(extracts, datasets)
    seconds = {system: {name: 0.0 for name in datasets} for system in extracts}
    for _ in range(rounds):
        for name, pages in datasets.items():
            for page in pages:
                for system, extract in extracts.items():
                    start = time.perf_counter()
                    try:
                        extract(page)
                    except Exception:
                        pass  # scored (as 0) by run_systems
                    seconds[system][name] += time.perf_counter() - start
    return {
        system: {name: 1000 * total / (rounds * len(datasets[name])) for name, total in by.items() if datasets[name]}
        for system, by in seconds.items()
    }


def markdown_table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def f1_table(results: dict, systems: list[str], datasets: list[str]) -> str:
    """results[system][dataset] -> summary dict; one row per system, F1 per
    dataset, the mean over the bench datasets, and mean ms/doc."""
    header = ["system", *datasets, "mean F1 (bench)", "ms/doc"]
    rows = []
    for system in systems:
        per = results[system]
        bench_f1 = [per[d]["f1"] for d in datasets if d in per and d != "seeds"]
        times = [per[d]["ms_per_doc"] for d in datasets if d in per]
        rows.append(
            [
                system,
                *(f"{per[d]['f1']:.3f}" if d in per else "–" for d in datasets),
                f"**{sum(bench_f1) / len(bench_f1):.3f}**" if bench_f1 else "–",
                f"{sum(times) / len(times):.2f}" if times else "–",
            ]
        )
    return markdown_table(rows, header)


def save(mode: str, results: dict, table: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{mode}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (OUT / f"{mode}.md").write_text(table + "\n", encoding="utf-8")


def compile_bytecode() -> None:
    """Write the package's .pyc files, as `pip install` does, before any
    mode starts a `stripper` process: with PYTHONDONTWRITEBYTECODE set (this
    workplace sets it) and an editable install, a module edited since its
    .pyc was written is compiled from source at each start, and a run
    measures that (`stripper check` 0.28 against 0.23 s of CPU; three stale
    modules, 0.207 against 0.175 s of wall time)."""
    import compileall

    import stripper

    compileall.compile_dir(str(Path(stripper.__file__).parent), quiet=1)
