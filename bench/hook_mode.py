"""The pre-commit hook's cost: wall time of `stripper check` on one seed file
(median of repeated runs, each a fresh process as pre-commit starts it), and
whether the text path stayed clear of the HTML libraries."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from .common import SEEDS, Options, markdown_table

RUNS = 21
HEAVY = ("trafilatura", "selectolax", "lxml", "justext")


def _stripper() -> list[str]:
    script = Path(sys.executable).with_name("stripper")
    return [str(script)] if script.exists() else [sys.executable, "-m", "stripper"]


def run(options: Options) -> dict:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    command = [*_stripper(), "check", "--no-config", str(seed)]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    probe = (
        "import sys; from stripper.cli import main; from stripper.pipeline import clean_text;"
        f"clean_text(open({str(seed)!r}, encoding='utf-8').read());"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    imported = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.split()
    return {
        "file": seed.name,
        "runs": RUNS,
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "heavy_imports_on_text_path": imported,
    }


def markdown(results: dict) -> str:
    imported = ", ".join(results["heavy_imports_on_text_path"]) or "none"
    return markdown_table(
        [
            [
                f"`stripper check {results['file']}`",
                f"{results['median_s']:.3f}",
                f"{results['min_s']:.3f} – {results['max_s']:.3f}",
                str(results["runs"]),
                imported,
            ]
        ],
        ["command", "median s", "range s", "runs", f"imported of {', '.join(HEAVY)}"],
    )
