"""fit-html: the article finder's thresholds (stripper/html/thresholds.py)
fitted on ../shared/bench, scored leave-one-dataset-out, and the default
engine timed against trafilatura in the same run.

1. Every page is read once; each threshold setting then cleans every page
   with `--engine auto` (trafilatura's text, asked for a page, is kept for
   the next setting: the same text, computed once).
2. For each dataset held out, a coordinate search on the other six: from
   START (the values set by hand before any fit), each threshold moved
   alone to each of its GRID values takes the best one, in ROUNDS rounds;
   the F1 of the result on the held-out dataset is that dataset's
   leave-one-dataset-out score. The same search on all seven is the fitted
   setting, which the defaults (thresholds.py) should be.
3. Then, page by page in turn, stripper's default engine (with the
   thresholds in force, trafilatura really run), trafilatura (its defaults)
   and readability-lxml: mean F1 and time per page, and the pages where
   stripper scores under 0.5 while trafilatura or readability scores over
   0.8."""

from __future__ import annotations

import time
from dataclasses import asdict, replace

from .common import BENCH_INDEXES, DATASETS, Options, bench_pages, markdown_table

DATA = BENCH_INDEXES

# The values tried for each threshold, besides the starting point's.
GRID = {
    "auto_ratio": (2.0, 2.5, 3.0),
    "extractor_link_density": (0.35, 0.5, 1.0),
    "extractor_hidden_share": (0.3, 0.5, float("inf")),
    "small_share": (0.05, 0.1),
    "split_runner_up": (0.5, 0.6),
    "region_share": (0.05, float("inf")),
    "teaser_cards": (3, 5),
    "teaser_link_share": (0.2, float("inf")),
    "short_run_blocks": (6, 10**6),
    "min_score": (0.0, 10.0),
}
# Where the fit starts: the values set by hand before any fit (readability's
# habits and first guesses), so that no held-out dataset has had a say in it.
START = {
    "small_share": 0.1,
    "split_runner_up": 0.6,
    "auto_ratio": 2.5,
    "extractor_link_density": 0.35,
    "min_score": 10.0,
}
# Rounds of the coordinate search: each threshold in turn at its best value
# with the others where the last round left them.
ROUNDS = 2
FAIL_BELOW, PEER_ABOVE = 0.5, 0.8


class _Fit:
    """The bench's pages, read once, cleaned under any thresholds."""

    def __init__(self, limit: int | None):
        from stripper.evaluate import read_gold
        from stripper.html import engines
        from stripper.pipeline import default_registry

        self.registry = default_registry()
        self.pages = {d: bench_pages(d, limit) for d in DATASETS}
        self.gold = {p.gold: read_gold(p.gold) for pages in self.pages.values() for p in pages}
        self.docs = {p.html: self._read(p) for pages in self.pages.values() for p in pages}
        self.texts: dict[tuple[str, bool], str] = {}
        self.engines, self.trafilatura = engines, engines.trafilatura_text
        self.scores: dict = {}  # thresholds -> {dataset: mean F1}

    @staticmethod
    def _read(page):
        from stripper.html import read_html
        from stripper.model import Document

        doc = read_html(page.html.read_bytes(), str(page.html), page.url)
        meta = {k: v for k, v in doc.meta.items() if k not in ("tree", "node_ids")}  # (memory)
        return Document(doc.lines, doc.endings, source=doc.source, url=doc.url, encoding=doc.encoding, meta=meta)

    def _text(self, page: str, fast: bool = False) -> str:
        key = (page, fast)
        if key not in self.texts:
            self.texts[key] = self.trafilatura(page, fast)
        return self.texts[key]

    def score(self, limits) -> dict[str, float]:
        """Mean F1 a dataset with `limits` in force."""
        if limits in self.scores:
            return self.scores[limits]
        from stripper.evaluate import score
        from stripper.html.thresholds import trying
        from stripper.pipeline import clean

        self.engines.trafilatura_text = self._text
        try:
            with trying(limits):
                means = {}
                for name, pages in self.pages.items():
                    f1 = []
                    for page in pages:
                        doc = self.docs[page.html]
                        doc.meta.pop("no_article", None)
                        f1.append(score(clean(doc, self.registry, engine="auto").text, self.gold[page.gold]).f1)
                    means[name] = sum(f1) / len(f1)
        finally:
            self.engines.trafilatura_text = self.trafilatura
        self.scores[limits] = means
        return means


def _mean(scores: dict[str, float], datasets) -> float:
    return sum(scores[d] for d in datasets) / len(datasets)


def _choose(fit: _Fit, start, datasets) -> object:
    """The thresholds that score best on `datasets`: from `start`, ROUNDS
    rounds in which each threshold, moved alone from where the last round
    left them all, takes its best value (the current one on a tie)."""
    base = start
    for _ in range(ROUNDS):
        chosen = {}
        for name, values in GRID.items():
            best, best_f1 = getattr(base, name), _mean(fit.score(base), datasets)
            for value in values:
                f1 = _mean(fit.score(replace(base, **{name: value})), datasets)
                if f1 > best_f1 + 1e-9:
                    best, best_f1 = value, f1
            chosen[name] = best
        moved = replace(base, **chosen)
        if moved == base:
            break
        base = moved
    return base


def run(options: Options) -> dict:
    from stripper.html.thresholds import FINDER

    started = time.perf_counter()
    fit = _Fit(options.limit)
    print(f"  {sum(map(len, fit.pages.values()))} pages read ({time.perf_counter() - started:.0f} s)", flush=True)
    base, start = FINDER, replace(FINDER, **START)
    lodo = {}
    for held_out in DATASETS:
        training = [d for d in DATASETS if d != held_out]
        chosen = _choose(fit, start, training)
        lodo[held_out] = {
            "f1": fit.score(chosen)[held_out],
            "default_f1": fit.score(base)[held_out],
            "start_f1": fit.score(start)[held_out],
            "thresholds": _changed(chosen, start),
        }
        print(
            f"  held out {held_out}: {lodo[held_out]['f1']:.4f} ({len(fit.scores)} settings run, "
            f"{time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    fitted = _choose(fit, start, list(DATASETS))
    results = {
        "lodo": lodo,
        "lodo_mean_f1": _mean({d: v["f1"] for d, v in lodo.items()}, DATASETS),
        "start": START,
        "start_mean_f1": _mean(fit.score(start), DATASETS),
        "defaults": asdict(base),
        "default_f1": fit.score(base),
        "default_mean_f1": _mean(fit.score(base), DATASETS),
        "fitted": _changed(fitted, start),
        "fitted_mean_f1": _mean(fit.score(fitted), DATASETS),
        "fitted_is_default": fitted == base,
        "settings_run": len(fit.scores),
    }
    del fit  # the pages' documents: memory for the timed run
    results["timed"] = _timed(options.limit)
    return results


def _changed(limits, base) -> dict:
    return {k: v for k, v in asdict(limits).items() if v != getattr(base, k)}


def _timed(limit: int | None) -> dict:
    """The default engine, trafilatura and readability-lxml, page by page in
    turn: F1 and seconds of each on each page."""
    from stripper.evaluate import read_gold, score
    from stripper.html import read_html
    from stripper.pipeline import clean, default_registry

    from .html_mode import _readability, _trafilatura

    registry = default_registry()
    systems = {
        "stripper": lambda page: (
            clean(read_html(page.html.read_bytes(), str(page.html), page.url), registry, engine="auto").text
        ),
        "trafilatura": _trafilatura(),
        "readability-lxml": _readability(),
    }
    pages = {}
    for dataset in DATASETS:
        for page in bench_pages(dataset, limit):
            gold = read_gold(page.gold)
            row = {}
            for name, extract in systems.items():
                start = time.perf_counter()
                try:
                    text = extract(page)
                except Exception:
                    text = ""
                row[name] = (score(text, gold).f1, time.perf_counter() - start)
            pages[f"{dataset}/{page.id}"] = row
    return pages


def markdown(results: dict) -> str:
    lodo, defaults = results["lodo"], results["defaults"]
    rows = [
        [
            d,
            f"{v['start_f1']:.4f}",
            f"{v['f1']:.4f}",
            f"{v['default_f1']:.4f}",
            ", ".join(f"{k}={_show(x)}" for k, x in v["thresholds"].items()) or "none",
        ]
        for d, v in lodo.items()
    ]
    rows.append(
        [
            "**mean**",
            f"**{results['start_mean_f1']:.4f}**",
            f"**{results['lodo_mean_f1']:.4f}**",
            f"**{results['default_mean_f1']:.4f}**",
            "",
        ]
    )
    out = [
        markdown_table(
            rows,
            [
                "held out",
                "F1, starting point",
                "F1, fitted on the other six",
                "F1, defaults (fitted on all seven)",
                "thresholds moved from the start",
            ],
        )
    ]
    fitted = results["fitted"]
    out.append(
        f"\nStarting point: {', '.join(f'{k}={_show(v)}' for k, v in results['start'].items())}. "
        f"Fitted on all seven: {', '.join(f'{k}={_show(v)}' for k, v in fitted.items()) or 'no move'}"
        f" (mean F1 {results['fitted_mean_f1']:.4f}; "
        f"{'the defaults' if results['fitted_is_default'] else 'not the defaults'}); "
        f"{results['settings_run']} settings run. Defaults: "
        + ", ".join(f"{k}={_show(v)}" for k, v in defaults.items())
        + "."
    )
    out.append("\n" + _timed_table(results["timed"]))
    return "\n".join(out)


def _timed_table(timed: dict) -> str:
    systems = list(next(iter(timed.values())))
    rows = []
    for name in systems:
        by_dataset = {}
        for key, row in timed.items():
            by_dataset.setdefault(key.split("/")[0], []).append(row[name])
        f1 = sum(sum(f for f, _ in v) / len(v) for v in by_dataset.values()) / len(by_dataset)
        ms = 1000 * sum(s for v in by_dataset.values() for _, s in v) / len(timed)
        rows.append([name, f"{f1:.4f}", f"{ms:.2f}"])
    ratio = float(rows[0][2]) / float(rows[1][2])
    lines = [
        markdown_table(rows, ["system (timed run)", "mean F1", "ms/page"]),
        f"\nstripper's time a page: {ratio:.2f}x trafilatura's in this run.",
        f"\nPages where stripper scores under {FAIL_BELOW} while trafilatura or readability-lxml "
        f"scores over {PEER_ABOVE}:",
    ]
    failing = [
        (k, row)
        for k, row in timed.items()
        if row["stripper"][0] < FAIL_BELOW and max(row["trafilatura"][0], row["readability-lxml"][0]) > PEER_ABOVE
    ]
    lines += [
        f"- {k}: {row['stripper'][0]:.3f} (trafilatura {row['trafilatura'][0]:.3f}, "
        f"readability {row['readability-lxml'][0]:.3f})"
        for k, row in failing
    ] or ["- none"]
    return "\n".join(lines)


def _show(value) -> str:
    return "off" if value in (float("inf"), 10**6) else f"{value:g}"
