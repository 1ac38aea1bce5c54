"""The speed figures of the modes just run, side by side in one table: time
a dump against the C4 filter (text), MB/s with 1 and 2 jobs against the
filter's in-memory MB/s (throughput), the pre-commit hook's start (hook),
instructions a document (callgrind)."""

from __future__ import annotations

from .common import markdown_table

C4 = "C4 line filter"


def _text(r: dict) -> list[str]:
    from .text_mode import ALONE, mean_ms

    def ms(system: str) -> float:
        if ALONE in r:
            return mean_ms(r[ALONE][system])
        return mean_ms({name: summary["ms_per_doc"] for name, summary in r[system].items()})

    return [
        "text: ms a dump (bench and seeds), timed alone" if ALONE in r else "text: ms a dump (bench and seeds)",
        f"{ms('stripper'):.2f}",
        f"{ms(C4):.2f}",
        f"{ms('stripper') / ms(C4):.1f}x the filter's time",
    ]


def _throughput(r: dict) -> list[list[str]]:
    c4 = r["c4_in_memory"]["mb_s"]
    return [
        [
            f"tunisia-news: MB/s, files in and out, {jobs} job{'s' * (jobs > 1)}",
            f"{r[key]['mb_s']:.2f}",
            f"{c4:.2f} (in memory)",
            f"1/{c4 / r[key]['mb_s']:.1f} of the filter" + (f"; {r['speedup_2_jobs']:.2f}x 1 job" if jobs == 2 else ""),
        ]
        for jobs, key in ((1, "files_j1"), (2, "files_j2"))
    ]


def _hook(r: dict) -> list[str]:
    return ["`stripper check` on one file: s", f"{r['median_s']:.3f}", "–", "median of a fresh process"]


def _callgrind(r: dict) -> list[list[str]]:
    from .callgrind_mode import SYSTEMS

    compiled, pure, c4 = (r[s] for s in SYSTEMS)
    rows = [
        [
            f"{name}: instructions a document (callgrind)",
            f"{compiled[name] / 1e6:.2f}M",
            f"{c4[name] / 1e6:.2f}M",
            f"{compiled[name] / c4[name]:.1f}x; pure Python {pure[name] / 1e6:.2f}M ({pure[name] / c4[name]:.1f}x)",
        ]
        for name in ("bench", "tunisia-news")
    ]
    two = r.get("two_jobs")
    if two:
        rows.append(
            [
                "tunisia-news: the most 2 jobs give, by instructions (callgrind)",
                f"{two['most']:.2f}x 1 job",
                "–",
                f"{two['shared'] / 1e6:,.0f}M of {two['one_job'] / 1e6:,.0f}M counted in both processes",
            ]
        )
    return rows


def summary(results: dict[str, dict]) -> str | None:
    """The table, from the results of the modes run ({mode: results}); None
    when none of them measured speed."""
    rows: list[list[str]] = []
    if "text" in results:
        rows.append(_text(results["text"]))
    if "throughput" in results:
        rows += _throughput(results["throughput"])
    if "hook" in results:
        rows.append(_hook(results["hook"]))
    if "callgrind" in results:
        rows += _callgrind(results["callgrind"])
    if not rows:
        return None
    return markdown_table(rows, ["measure", "stripper", "C4 line filter", "ratio"])
