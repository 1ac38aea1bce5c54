"""A learned correction after the classifier's steps: does it carry over?

    python -m bench learned [--labelling trigrams|tokens] [--per-place] [--l2 L] [--weighting page|word]

The experiment of issue 19 (docs/benchmarks.md, measurement log of
2026-12-06, "A learned correction"): a logistic regression reads, for every
line the classifier decided, its own final keep/cut, the step that decided
it, the line's place from the body's edges (before, inside, after; its
distance in text lines to the nearest edge; the body's size), its value in
the body search, the line's features (LineFeatures) and its first and
revised labels, and the same (and the keep/cut) of the two text lines above
and below it: 152 inputs. It predicts the line's share of gold words
(`--labelling`), each page weighing alike (`--weighting page`) or each word.
A decision flips only where the model is confident: a kept line goes below
probability `cut_below`, a cut line stays above `keep_above`.

Leave one dataset out: the model is trained on six datasets; the two
cut-offs are chosen by leave-one-out inside those six, on a line-level
estimate of each page's F1 over the lines the classifier decided in its
first pass (a choice must gain MIN_GAIN there, else nothing flips); then
the held-out dataset's pages are cleaned with the correction in every pass
of the pipeline (`stripper.pipeline.classify` wrapped) and scored by the
project's scorer, as bench/fit.py does. Last, each corrected output is
cleaned again with the same correction: the dumps whose output changes are
counted (cleaning must be idempotent). Without a model the wrapped
classifier cuts exactly as the shipped one (tests/test_bench_learned.py).

Records (inputs and gold share of every line, 415,000 lines) are cached in
build/learned/ (250 MB); a run takes 10 to 35 minutes on two cores.
"""

from __future__ import annotations

import argparse
import collections
import math
import pickle
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from stripper.evaluate import read_gold, score, tokens
from stripper.generic import classifier as C
from stripper.generic.body import search_value
from stripper.generic.lines import Decision
from stripper.generic.thresholds import DEFAULT
from stripper.model import Cut, Document

from .common import DATASETS, ROOT, SHARED, MissingData, one_line_error, require

CACHE = ROOT / "build" / "learned"
LEARNED_ID = f"{C.RULE_PREFIX}.learned"
# How a line's gold share is read: "trigrams", the share of its word
# trigrams in the gold's (`_gold_share`); "tokens", the share of its word
# tokens the gold holds as many times (bench/losses.py's estimate, which
# counts a menu's common words as gold).
LABELLINGS = ("trigrams", "tokens")

LABELS = ("good", "near", "short", "bad")
PLACES = ("none", "before", "inside", "after")
STEPS = (
    "outside_body",
    "inside_body",
    "headline",
    "announced_items",
    "box_headlines",
    "comments",  # any step that found a comment thread
)
NEIGHBOURS = (-2, -1, 1, 2)
CUT_BELOW = (None, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)  # None: never cut a kept line
# What the cut-offs must gain on the inner held-out datasets (their mean) to
# be taken: bench/fit.py's MIN_GAIN.
MIN_GAIN = 0.0005
KEEP_ABOVE = (None, 0.98, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5)  # None: never keep a cut line


# --- the inputs -------------------------------------------------------------


def _line_part(f, first: str, revised: str) -> list[float]:
    return [
        math.log1p(f.chars) / 8,
        math.log1p(f.words) / 5,
        f.stop_share,
        float(f.sentence_end),
        min(f.marks, 5) / 5,
        min(f.link_tokens, 3) / 3,
        f.digit_share,
        min(f.dates, 3) / 3,
        float(f.run_together),
        f.position,
        float(f.list_item),
        float(f.dated),
        min(f.counters, 3) / 3,
        min(f.separators, 3) / 3,
        float(f.connective),
        float(f.goes_on),
        *(float(first == label) for label in LABELS),
        *(float(revised == label) for label in LABELS),
    ]


LINE_PART = 16 + 2 * len(LABELS)


def _step_key(lines, d: Decision) -> str:
    if d.step in STEPS:
        return d.step
    return "comments" if d.rule_id == C.COMMENTS_ID else "outside_body"


def vectors(lines, decisions: list) -> tuple[list[int], list[list[float]], list[bool]]:
    """(line indexes, input rows, current keep) of the lines the classifier
    decided (a second article's lines aside)."""
    feats = lines.features
    text = [i for i in range(len(feats)) if feats[i] is not None]
    rank = {i: k for k, i in enumerate(text)}
    body = lines.body
    if body is not None:
        start_rank = sum(1 for i in text if i < body[0])
        end_rank = sum(1 for i in text if i < body[1])
        body_lines = max(0, end_rank - start_rank)
    n_text = len(text)
    keep_of = {}
    for i in text:
        d = decisions[i]
        keep_of[i] = None if d is None or d is lines.second_article else d.keep
    idx, rows, keeps = [], [], []
    for i in text:
        d = decisions[i]
        if keep_of[i] is None:
            continue
        f = feats[i]
        k = rank[i]
        if body is None:
            place, dist = "none", 0
        elif k < start_rank:
            place, dist = "before", start_rank - k
        elif k < end_rank:
            place, dist = "inside", min(k - start_rank, end_rank - 1 - k) + 1
        else:
            place, dist = "after", k - end_rank + 1
        step = _step_key(lines, d)
        row = [
            1.0,
            float(d.keep),
            *(float(place == p) for p in PLACES),
            *(float(step == s) for s in STEPS),
            *(float(place == p) * float(d.keep) for p in PLACES),
            1.0 / dist if dist else 0.0,
            math.log1p(dist) / 5,
            math.log1p(body_lines if body is not None else 0) / 6,
            (body_lines / n_text) if body is not None and n_text else 0.0,
            float(bool(lines.stop)),
            max(-10.0, min(10.0, search_value(lines, i, lines.thresholds))) / 10,
            float(i in lines.code),
            float(i in lines.dated_list or i in lines.teaser_list),
            *_line_part(f, lines.first[i], lines.revised[i]),
        ]
        for step_by in NEIGHBOURS:
            j = k + step_by
            if 0 <= j < n_text:
                jj = text[j]
                kj = keep_of[jj]
                row += [1.0, float(bool(kj)), *_line_part(feats[jj], lines.first[jj], lines.revised[jj])]
            else:
                row += [0.0] * (2 + LINE_PART)
        idx.append(i)
        rows.append(row)
        keeps.append(bool(d.keep))
    return idx, rows, keeps


# --- the classifier, wrapped ------------------------------------------------

_STATE: dict = {"record": None, "model": None}


def corrected_classify(
    doc,
    decided=frozenset(),
    language="en",
    rule_cuts=(),
    cache=None,
    *,
    thresholds=DEFAULT,
    held_tails=(),
):
    """classify(), its decisions corrected by the model (if any), the first
    call's lines recorded (if asked)."""
    lines = C.run_steps(doc, decided, language, rule_cuts, cache, thresholds, held_tails)
    decisions = [C.line_decision(lines, i) for i in range(len(lines))]
    record, model = _STATE["record"], _STATE["model"]
    if record is not None or model is not None:
        idx, rows, keeps = vectors(lines, decisions)
        if record is not None and not record:
            record.append((idx, rows, keeps, [lines.texts[i] for i in idx]))
        if model is not None and rows:
            w, cut_below, keep_above = model
            p = predict(np.asarray(rows), w)
            for i, keep, pi in zip(idx, keeps, p):
                if keep and cut_below is not None and pi < cut_below:
                    decisions[i] = Decision(
                        "learned", range(i, i + 1), "cut", f"learned: gold p={pi:.2f}", LEARNED_ID, "boilerplate"
                    )
                elif not keep and keep_above is not None and pi > keep_above:
                    decisions[i] = Decision("learned", range(i, i + 1), "keep", f"learned: gold p={pi:.2f}")
    cuts: list[Cut] = []
    first = None
    start = end = 0
    for i, d in enumerate(decisions):
        if d is None or d.keep or d.rule_id is None:
            continue
        if first is not None and end == i and first.rule_id == d.rule_id and first.category == d.category:
            end = i + 1
            continue
        if first is not None:
            cuts.append(C._run_cut(first, start, end))
        first, start, end = d, i, i + 1
    if first is not None:
        cuts.append(C._run_cut(first, start, end))
    return cuts


def _install() -> None:
    import stripper.pipeline as pipeline

    pipeline.classify = corrected_classify


# --- workers ----------------------------------------------------------------

_W: dict = {}


def _init() -> None:
    from stripper.pipeline import default_registry

    _install()
    _W["registry"] = default_registry()


def _record_page(job: tuple[str, str, str]):
    """One page's first-pass rows, their gold share and words, its gold size,
    and its F1 as shipped (with the wrapped classifier: the same)."""
    from stripper.pipeline import clean

    dump, gold_path, labelling = job
    gold = read_gold(Path(gold_path))
    record: list = []
    _STATE["record"], _STATE["model"] = record, None
    result = clean(Document.from_text(Path(dump).read_text(encoding="utf-8")), _W["registry"])
    _STATE["record"] = None
    f1 = score(result.text, gold).f1
    if not record:
        return np.zeros((0, 0)), np.zeros(0), np.zeros(0), np.zeros(0, bool), sum(gold.keep.values()), f1
    idx, rows, keeps, texts = record[0]
    words, in_gold = [], []
    gold_words = _WORD.findall(Path(gold_path).read_text(encoding="utf-8").lower())
    shingles = set(zip(gold_words, gold_words[1:], gold_words[2:]))
    joined = f" {' '.join(gold_words)} "
    for text in texts:
        found = _WORD.findall(text.lower())
        words.append(len(found))
        if labelling == "tokens":
            counted = tokens(text)
            in_gold.append(sum(min(n, gold.keep[t]) for t, n in counted.items()))
        else:
            in_gold.append(len(found) * _gold_share(found, shingles, joined))
    return (
        np.asarray(rows, dtype=np.float32),
        np.asarray(words, dtype=np.float32),
        np.asarray(in_gold, dtype=np.float32),
        np.asarray(keeps, dtype=bool),
        sum(gold.keep.values()),
        f1,
    )


_WORD = re.compile(r"\w+")


def _gold_share(found: list[str], shingles: set, joined: str) -> float:
    """The share of a line's words in the gold, by their word trigrams (a
    menu's common word is no gold word); a line of one or two words is gold
    when the gold holds them in a row."""
    if len(found) >= 3:
        grams = list(zip(found, found[1:], found[2:]))
        return sum(g in shingles for g in grams) / len(grams)
    return float(bool(found) and f" {' '.join(found)} " in joined)


def _clean_page(job):
    """A page's F1 with the model, and whether its output changes when
    cleaned again."""
    from stripper.pipeline import clean

    dump, gold_path, model = job
    _STATE["record"], _STATE["model"] = None, model
    once = clean(Document.from_text(Path(dump).read_text(encoding="utf-8")), _W["registry"]).text
    twice = clean(Document.from_text(once), _W["registry"]).text
    _STATE["model"] = None
    return score(once, read_gold(Path(gold_path))).f1, once != twice


# --- the model --------------------------------------------------------------


def fit(X: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float, iterations: int = 15) -> np.ndarray:
    """Weighted logistic regression with soft targets, by Newton's method."""
    X = X.astype(np.float64)
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[0] = 1e-6
    total = weight.sum()
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(X @ w)))
        grad = X.T @ (weight * (p - y)) / total + reg * w
        hess = (X * (weight * p * (1 - p))[:, None]).T @ X / total + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-4:
            break
    return w


PLACE_COLUMNS = slice(2, 2 + len(PLACES))  # the place's one-hot inputs in a row


def predict(X: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The gold probability of each row: one weight vector, or one a place
    (w of shape (places, inputs))."""
    X = X.astype(np.float64)
    z = X @ w if w.ndim == 1 else np.einsum("ij,ij->i", X, w[X[:, PLACE_COLUMNS].argmax(axis=1)])
    return 1 / (1 + np.exp(-z))


def probabilities(pages: list, w: np.ndarray) -> list[np.ndarray]:
    return [predict(X, w) if len(words) else None for X, words, *_ in pages]


def proxy_f1(pages: list, probs: list, cut_below, keep_above) -> list[float]:
    """Each page's line-level F1 estimate with the model's flips."""
    out = []
    for (_, words, in_gold, keeps, gold_total, _), p in zip(pages, probs):
        if not len(words):
            out.append(None)
            continue
        kept = keeps.copy()
        if cut_below is not None:
            kept &= ~(p < cut_below)
        if keep_above is not None:
            kept |= (~keeps) & (p > keep_above)
        out.append(_f1(float(in_gold[kept].sum()), float(words[kept].sum()), gold_total))
    return out


def _f1(found: float, kept: float, gold: float) -> float:
    if not kept or not gold:
        return 0.0
    p, r = found / kept, min(1.0, found / gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def stack(pages: list, weighting: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    Xs, ys, ws = [], [], []
    for X, words, in_gold, _, _, _ in pages:
        if not len(words):
            continue
        Xs.append(X)
        ys.append(np.where(words > 0, in_gold / np.maximum(words, 1), 0.0))
        if weighting == "page":  # every page weighs alike, its lines by words
            ws.append(words / max(1.0, words.sum()))
        else:  # every word alike
            ws.append(words)
    return np.vstack(Xs), np.concatenate(ys), np.concatenate(ws)


_FITS: dict = {}


def fitted(by_dataset: dict[str, list], names: list[str], l2: float, weighting: str) -> np.ndarray:
    """The model trained on the datasets `names` (made once)."""
    key = (frozenset(names), l2, weighting, _STATE.get("per_place"))
    if key not in _FITS:
        X, y, weight = stack([p for n in names for p in by_dataset[n]], weighting)
        if _STATE.get("per_place"):  # a model for the lines before, inside, after the body (and with none)
            place = X[:, PLACE_COLUMNS].argmax(axis=1)
            _FITS[key] = np.stack(
                [fit(X[place == k], y[place == k], weight[place == k], l2) for k in range(len(PLACES))]
            )
        else:
            _FITS[key] = fit(X, y, weight, l2)
    return _FITS[key]


def choose(by_dataset: dict[str, list], names: list[str], l2: float, weighting: str, log) -> tuple:
    """The cut-offs by leave-one-out inside `names` (the proxy), then the
    model on all of `names` with them."""
    gains = collections.defaultdict(float)
    for inner in names:
        rest = [n for n in names if n != inner]
        w = fitted(by_dataset, rest, l2, weighting)
        probs = probabilities(by_dataset[inner], w)
        base = _mean_of(proxy_f1(by_dataset[inner], probs, None, None))
        for cb in CUT_BELOW:
            for ka in KEEP_ABOVE:
                gains[(cb, ka)] += _mean_of(proxy_f1(by_dataset[inner], probs, cb, ka)) - base
    best = max(gains, key=gains.get)
    if gains[best] / len(names) < MIN_GAIN:  # a gain within the noise is none: nothing flips
        best = (None, None)
    for key in sorted(gains, key=gains.get, reverse=True)[:5]:
        log(f"      {key}: {gains[key] / len(names):+.4f}")
    log(f"    inner LODO proxy gain {gains[best] / len(names):+.4f} at cut_below={best[0]}, keep_above={best[1]}")
    w = fitted(by_dataset, names, l2, weighting)
    return w, best[0], best[1], gains


def _mean_of(values) -> float:
    values = [v for v in values if v is not None]
    return sum(values) / len(values)


# --- the run ----------------------------------------------------------------


def pages() -> dict[str, list[tuple[str, str]]]:
    """dataset -> [(dump, gold)] of bench-train."""
    found = {}
    for dataset in DATASETS:
        folder = SHARED / "bench-train" / dataset
        require(folder / "dump")
        dumps = sorted((folder / "dump").glob("*.txt"))
        if not dumps:
            raise MissingData(f"no dumps (*.txt) in {folder / 'dump'} (is {SHARED} there?)")
        found[dataset] = [(str(d), str(folder / "gold" / d.name)) for d in dumps]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench learned", description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--weighting", choices=("page", "word"), default="page")
    parser.add_argument("--labelling", choices=LABELLINGS, default="trigrams", help="how a line's gold share is read")
    parser.add_argument("--per-place", action="store_true", help="a model for each place from the body")
    parser.add_argument("--proxy-only", action="store_true", help="held-out proxy scores only (no cleaning)")
    args = parser.parse_args(argv)
    try:
        by_pages = pages()
    except MissingData as exc:
        return one_line_error("learned", exc)

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    _STATE["per_place"] = args.per_place
    CACHE.mkdir(parents=True, exist_ok=True)
    from .fit import code_version

    path = CACHE / f"records-{code_version()}-{args.labelling}.pkl"
    with ProcessPoolExecutor(args.jobs, initializer=_init) as pool:
        if path.exists():
            by_dataset = pickle.loads(path.read_bytes())
        else:
            log("recording every page's lines")
            by_dataset = {
                n: list(pool.map(_record_page, [(d, g, args.labelling) for d, g in items], chunksize=8))
                for n, items in by_pages.items()
            }
            path.write_bytes(pickle.dumps(by_dataset))
        rows = []
        held_before, held_after, unstable_total = [], [], 0
        for held in DATASETS:
            log(f"held out: {held}")
            names = [n for n in DATASETS if n != held]
            w, cb, ka, _ = choose(by_dataset, names, args.l2, args.weighting, log)
            before = _mean_of([p[5] for p in by_dataset[held]])
            probs = probabilities(by_dataset[held], w)
            proxy_before = _mean_of(proxy_f1(by_dataset[held], probs, None, None))
            proxy_after = _mean_of(proxy_f1(by_dataset[held], probs, cb, ka))
            on_held = {
                (c, k): _mean_of(proxy_f1(by_dataset[held], probs, c, k)) - proxy_before
                for c in CUT_BELOW
                for k in KEEP_ABOVE
            }
            best_held = max(on_held, key=on_held.get)
            log(f"    (not chosen: the held-out's own best cut-offs {best_held}: {on_held[best_held]:+.4f})")
            if args.proxy_only or (cb is None and ka is None):
                after, unstable = before, 0
            else:
                jobs = [(d, g, (w, cb, ka)) for d, g in by_pages[held]]
                results = list(pool.map(_clean_page, jobs, chunksize=8))
                after = _mean_of([f for f, _ in results])
                unstable = sum(changed for _, changed in results)
            held_before.append(before)
            held_after.append(after)
            unstable_total += unstable
            rows.append(
                f"| {held} | {len(by_pages[held])} | {before:.4f} | {after:.4f} | {after - before:+.4f} "
                f"| {proxy_before:.4f} -> {proxy_after:.4f} | {cb} / {ka} | {unstable} |"
            )
            log(rows[-1])
    print(
        "| held out | pages | shipped | learned correction | change | line-level estimate | "
        "cut below / keep above | outputs that change cleaned again |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    b, a = sum(held_before) / len(DATASETS), sum(held_after) / len(DATASETS)
    print(f"| **mean** | | **{b:.4f}** | **{a:.4f}** | {a - b:+.4f} | | | {unstable_total} |")
    print(
        f"\nl2 {args.l2}, weighting {args.weighting}, {len(vectors_width())} inputs a line, "
        f"{'a model a place' if args.per_place else 'one model'}, gold share by {args.labelling}"
    )
    return 0


def vectors_width() -> range:
    return range(1 + 1 + len(PLACES) + len(STEPS) + len(PLACES) + 8 + LINE_PART + len(NEIGHBOURS) * (2 + LINE_PART))


if __name__ == "__main__":
    sys.exit(main())
