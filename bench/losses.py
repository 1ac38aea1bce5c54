"""Where the text mode loses: precision and recall a dataset, and the words
each decision keeps that the gold does not hold, or cuts that it holds.

    python -m bench losses [--sample K] [--dataset NAME] [--top N]

Cleans the bench-train dumps (every K-th with --sample) with site rules, as
`make regress` does, and reads each line's decision as `stripper explain`
does: the rule that cut it, or the classifier's step, the line's first
label, and where it lies from the body (before, inside, after; "none"
when no body was found). The gold is plain text, not lines, so a line
counts as in the gold when GOLD_SHARE of its word tokens are gold tokens:
an estimate (a menu's word that the article uses too counts as gold).
Last, what moving the body's start would gain, page by page (`StartMoves`):
higher, the lines the classifier cut before the body kept from the best
place on; lower, the kept lines of the body cut up to the best place; the
gain is the page's F1 counted in the same line-level words, by how many
lines would move. A dataset without dumps, or a dump without its gold, is
one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import collections
import sys
from dataclasses import dataclass, field
from pathlib import Path

from stripper import Document, clean, default_registry
from stripper.assemble import removed_lines
from stripper.evaluate import read_gold, score, tokens
from stripper.generic.classifier import line_decision, run_steps
from stripper.generic.thresholds import DEFAULT
from stripper.rules.registry import url_header_line

from .common import DATASETS, SHARED, MissingData, one_line_error, require

GOLD_SHARE = 0.7  # of a line's tokens in the gold: the line is the gold's
LOW_F1 = 0.5  # a page under this is counted apart
LOWER_REACH = 40  # text lines of the body read when its start moves lower
MOVES = ((1, "1"), (2, "2"), (5, "3-5"), (10, "6-10"), (30, "11-30"), (None, "over 30"))  # lines moved


@dataclass
class StartMoves:
    """The line-level F1 that moving the body's start to its best place
    would gain, summed over a dataset's pages, by how many lines move."""

    gain: collections.Counter = field(default_factory=collections.Counter)
    pages: collections.Counter = field(default_factory=collections.Counter)

    def add(self, gain: float, moved: int) -> None:
        if gain > 0:
            label = next(label for most, label in MOVES if most is None or moved <= most)
            self.gain[label] += gain
            self.pages[label] += 1


@dataclass
class Losses:
    """One dataset's pages: their scores, and words by decision."""

    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    low: int = 0  # pages under LOW_F1...
    low_too_much: int = 0  # ...of them with precision under recall (too much kept)
    kept_not_gold: collections.Counter = field(default_factory=collections.Counter)
    cut_gold: collections.Counter = field(default_factory=collections.Counter)
    higher: StartMoves = field(default_factory=StartMoves)  # the body's start moved higher...
    lower: StartMoves = field(default_factory=StartMoves)  # ...and lower


def page_losses(dump: Path, gold_path: Path, registry, losses: Losses) -> None:
    """Add one page to its dataset's losses."""
    doc = Document.from_text(dump.read_text(encoding="utf-8"), source=str(dump))
    result = clean(doc, registry)
    gold = read_gold(gold_path)
    s = score(result.text, gold)
    losses.precision.append(s.precision)
    losses.recall.append(s.recall)
    losses.f1.append(s.f1)
    if s.f1 < LOW_F1:
        losses.low += 1
        losses.low_too_much += s.precision < s.recall
    in_gold = set(gold.keep) | set(gold.optional)
    rows = list(line_decisions(result, in_gold))
    for key, words, kept, gold_line in rows:
        if kept and not gold_line:
            losses.kept_not_gold[key] += words
        elif not kept and gold_line:
            losses.cut_gold[key] += words
    add_start_moves(rows, losses)


def add_start_moves(rows, losses: Losses) -> None:
    """What moving the body's start higher or lower would gain on this page
    (rows: `line_decisions`), in line-level words."""
    found = sum(words for _, words, kept, gold_line in rows if kept and gold_line)
    kept_words = sum(words for _, words, kept, _ in rows if kept)
    gold_words = sum(words for _, words, _, gold_line in rows if gold_line)
    base = _f1(found, kept_words, gold_words)
    before = [r for r in rows if r[0][2] == "before" and r[0][0] == "generic (outside_body)"]
    inside = [r for r in rows if r[0][2] == "inside"][:LOWER_REACH]
    for moves, lines, sign in ((losses.higher, reversed(before), 1), (losses.lower, inside, -1)):
        best, moved, tp, kept_now = base, 0, found, kept_words
        for n, (_, words, kept, gold_line) in enumerate(lines, 1):
            if kept == (sign < 0):  # a line the move changes: kept when higher, cut when lower
                kept_now += sign * words
                tp += sign * words * gold_line
            f1 = _f1(tp, kept_now, gold_words)
            if f1 > best:
                best, moved = f1, n
        moves.add(best - base, moved)


def _f1(found: int, kept: int, gold: int) -> float:
    return 2 * found / (kept + gold) if kept and gold else 0.0


def line_decisions(result, in_gold: set[str]):
    """(who, first label, place), words, kept, in the gold: for each line with words."""
    doc = result.document
    whole_cuts = {}
    for cut in result.cuts:
        if cut.span is None:
            for i in range(cut.start, cut.end):
                whole_cuts.setdefault(i, cut)
    rule_cuts = [c for c in result.cuts if not c.rule_id.startswith("generic.")]
    header = url_header_line(doc)
    decided = frozenset(removed_lines(rule_cuts)) | ({header} if header is not None else set())
    lines = run_steps(doc, decided, result.language, rule_cuts, None, DEFAULT, result.held_tails)
    for i, text in enumerate(doc.lines):
        counted = tokens(text)
        words = sum(counted.values())
        if not words:
            continue
        cut = whole_cuts.get(i)
        decision = line_decision(lines, i) if result.classifier_off is None else None
        if cut is not None and not cut.rule_id.startswith("generic."):
            who = cut.rule_id
        elif decision is not None:
            who = f"generic ({decision.step})"
        else:
            who = "no decision"
        place = "none" if lines.body is None else _place(lines.body, i)
        in_gold_words = sum(n for token, n in counted.items() if token in in_gold)
        yield (who, lines.first[i], place), words, cut is None, in_gold_words >= GOLD_SHARE * words


def _place(body: tuple[int, int], i: int) -> str:
    return "before" if i < body[0] else "inside" if i < body[1] else "after"


def run(datasets, sample: int) -> dict[str, Losses]:
    """Every dataset's losses; MissingData before any page is cleaned when
    a dataset has no dumps or a dump has no gold."""
    pages = {dataset: _pages(SHARED / "bench-train" / dataset, sample) for dataset in datasets}
    registry = default_registry()
    found = {}
    for dataset, pairs in pages.items():
        losses = found[dataset] = Losses()
        for dump, gold in pairs:
            page_losses(dump, gold, registry, losses)
    return found


def _pages(folder: Path, sample: int) -> list[tuple[Path, Path]]:
    """(dump, gold) of every `sample`-th dump of a dataset's folder."""
    require(folder / "dump")
    dumps = sorted((folder / "dump").glob("*.txt"))[::sample]
    if not dumps:
        raise MissingData(f"no dumps (*.txt) in {folder / 'dump'} (is {SHARED} there? set STRIPPER_SHARED)")
    pairs = [(dump, folder / "gold" / dump.name) for dump in dumps]
    for dump, gold in pairs:
        if not gold.is_file():
            raise MissingData(f"{gold} is missing: the gold of {dump}")
    return pairs


def markdown(found: dict[str, Losses], top: int) -> str:
    out = [
        "| dataset | pages | precision | recall | F1 | pages under F1 0.5 | of them precision < recall |",
        "|---|---|---|---|---|---|---|",
    ]
    for dataset, losses in found.items():
        n = len(losses.f1)
        out.append(
            f"| {dataset} | {n} | {sum(losses.precision) / n:.3f} | {sum(losses.recall) / n:.3f} "
            f"| {sum(losses.f1) / n:.4f} | {losses.low} | {losses.low_too_much} |"
        )
    for dataset, losses in found.items():
        for title, counter in (("kept, not in the gold", losses.kept_not_gold), ("cut, in the gold", losses.cut_gold)):
            out += [
                "",
                f"{dataset}: words {title}",
                "",
                "| words | decided by | first label | place |",
                "|---|---|---|---|",
            ]
            out += [
                f"| {words} | {who} | {first} | {place} |" for (who, first, place), words in counter.most_common(top)
            ]
    return "\n".join(out + start_moves(found))


def start_moves(found: dict[str, Losses]) -> list[str]:
    """The table of what moving the body's start would gain: the mean over
    the datasets of their mean gain a page, by lines moved (pages moved)."""
    out = [
        "",
        "Moving the body's start to its best place, page by page: mean F1 gained (line-level estimate), "
        "by lines moved (pages)",
        "",
        "| start | " + " | ".join(label for _, label in MOVES) + " | all |",
        "|---|" + "---|" * (len(MOVES) + 1),
    ]
    for name in ("higher", "lower"):
        cells, total = [], 0.0
        for _, label in MOVES:
            gain = sum(getattr(losses, name).gain[label] / len(losses.f1) for losses in found.values()) / len(found)
            pages = sum(getattr(losses, name).pages[label] for losses in found.values())
            cells.append(f"{gain:.4f} ({pages})")
            total += gain
        out.append(f"| {name} | " + " | ".join(cells) + f" | {total:.4f} |")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench losses", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=1, help="every K-th dump of each dataset (default all)")
    parser.add_argument("--dataset", action="append", choices=DATASETS, help="this dataset only (repeatable)")
    parser.add_argument("--top", type=int, default=10, help="rows of each words table (default 10)")
    args = parser.parse_args(argv)
    try:
        found = run(args.dataset or DATASETS, max(1, args.sample))
    except MissingData as exc:
        return one_line_error("losses", exc)
    print(markdown(found, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
