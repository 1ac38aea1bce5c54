"""Score cleaned text against gold, as ../shared/corpus/GUIDELINE.md says.

Tokens are Unicode word runs (`\\w+`, lower-cased) compared as multisets:

    precision = |out ∩ (K + O)| / |out|      recall = |out ∩ K| / |K|

Gold is a `.labels` file (label, tab, line; K keep, O optional, D drop) or a
plain `.txt` file that is all main content, named as the output it scores
(the same stem; a JSONL record's: its id). A corpus score is the macro
mean of per-document F1. This mirrors shared/tools/score.py exactly (a test holds
the two together), including its use of the standard `re` module.
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass
from pathlib import Path

from .compress import plain_name
from .errors import InputError

_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> collections.Counter:
    return collections.Counter(t.lower() for t in _WORD.findall(text))


@dataclass(frozen=True)
class Gold:
    keep: collections.Counter
    optional: collections.Counter


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def read_gold(path: Path) -> Gold:
    """A gold file's tokens: a `.labels` file's kept and optional lines, or
    a `.txt` file's text. One that cannot be read as UTF-8 is an InputError
    naming it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: cannot decode the gold file as utf-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); "
            "not scored"
        ) from None
    except OSError as exc:
        raise InputError(f"{path}: gold file cannot be read ({exc.strerror}); not scored") from None
    if path.suffix == ".labels":
        keep, optional = [], []
        for row in text.splitlines():
            label, _, line = row.partition("\t")
            if label == "K":
                keep.append(line)
            elif label == "O":
                optional.append(line)
        return Gold(tokens("\n".join(keep)), tokens("\n".join(optional)))
    return Gold(tokens(text), collections.Counter())


def score(output: str, gold: Gold) -> Score:
    out = tokens(output)
    n_out, n_keep = sum(out.values()), sum(gold.keep.values())
    allowed = gold.keep + gold.optional
    tp_p = sum((out & allowed).values())
    tp_r = sum((out & gold.keep).values())
    p = tp_p / n_out if n_out else (1.0 if n_keep == 0 else 0.0)
    r = tp_r / n_keep if n_keep else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f)


def find_gold(gold_dir: Path, output_path: Path) -> Path | None:
    """The gold file for an output: same stem (`x` for `x.txt.gz` too),
    `.labels` preferred over `.txt`."""
    stem = Path(plain_name(str(output_path))).stem
    return _gold_named(gold_dir, stem, not_this=Path(output_path))


def find_record_gold(gold_dir: Path, record_id: str) -> Path | None:
    """The gold file for a JSONL record: its id as the stem (`<id>.labels`
    preferred over `<id>.txt`); none for an id that is no file name."""
    if record_id in ("", ".", "..") or any(c in record_id for c in "/\\\0"):
        return None
    return _gold_named(gold_dir, record_id)


def _gold_named(gold_dir: Path, stem: str, not_this: Path | None = None) -> Path | None:
    for suffix in (".labels", ".txt"):
        candidate = Path(gold_dir) / (stem + suffix)
        if candidate.is_file() and (not_this is None or candidate.resolve() != not_this.resolve()):
            return candidate
    return None


def macro(scores: list[Score]) -> Score:
    if not scores:
        return Score(0.0, 0.0, 0.0)
    n = len(scores)
    return Score(sum(s.precision for s in scores) / n, sum(s.recall for s in scores) / n, sum(s.f1 for s in scores) / n)
