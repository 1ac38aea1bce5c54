"""A batch holds nothing a file once the file is done: its memory does not
grow with the number of files (a folder of millions of dumps)."""

from __future__ import annotations

import gc
import itertools
import weakref

from stripper.batch import LAST_DONE_TOLD, BatchSummary, Input, Outcome, plan_outputs
from stripper.cli.clean import _Listing


class _Found:
    """An input stand-in that a weak reference can watch."""


def test_the_listing_lets_go_of_each_input_the_batch_took():
    watched = []

    def found():
        for _ in range(5000):
            item = _Found()
            watched.append(weakref.ref(item))
            yield item

    listing = _Listing(found())
    first = list(itertools.islice(listing.ahead(), 10))  # a look ahead (the job count) finds the first ten
    taken = list(itertools.islice(iter(listing), 3))
    assert taken == first[:3]
    assert list(itertools.islice(listing.ahead(), 7)) == first[3:]  # the look ahead starts at the next one
    del first, taken
    count = sum(1 for _ in listing)
    gc.collect()
    assert count == 4997 and len(listing) == 5000
    assert [r for r in watched if r() is not None] == []


def test_the_listing_counts_what_is_not_taken_yet():
    listing = _Listing(iter(range(1, 2501)))
    assert sum(itertools.islice(iter(listing), 2000)) == sum(range(1, 2001))
    assert len(listing) == 2500  # finds the rest, keeps it for the batch
    assert list(listing) == list(range(2001, 2501))


def _outcome(path: str, **fields) -> Outcome:
    return Outcome(Input(path, path), **fields)


def test_the_summary_counts_and_keeps_only_the_failed_and_the_last_done():
    summary = BatchSummary()
    for k in range(100):
        summary.add(_outcome(f"f{k}.txt", changed=k % 2 == 0, cuts=k % 3, documents=1), size=10)
    summary.add(_outcome("bad.txt", error="bad.txt: not UTF-8"), size=5)
    assert (summary.files, summary.documents, summary.bytes) == (101, 100, 1005)
    assert summary.changed == 50 and summary.with_cuts == 66
    assert [o.input.path for o in summary.failed] == ["bad.txt"]
    assert list(summary.last_done) == [f"f{k}.txt" for k in range(100 - LAST_DONE_TOLD + 1, 100)] + ["bad.txt"]


def test_two_inputs_meeting_at_one_output_are_found_with_one_root_or_several(tmp_path):
    # one root: a page renamed x.txt beside an x.txt collides, found in the
    # map of the current folder's outputs (a folder's files come together)
    names = ["a/x.html", "a/y.txt", "b/x.txt", "b/y.html", "c/x.html", "c/x.txt"]
    planned = list(plan_outputs((Input(f"in/{n}", n) for n in names), tmp_path, one_root=True))
    problems = {item.relative: item.problem for item in planned}
    assert [n for n, p in problems.items() if p] == ["c/x.txt"]
    assert "is the output of in/c/x.html" in problems["c/x.txt"]
    # several roots: the same relative path from two of them collides anywhere
    planned = list(plan_outputs((Input(f"{r}/{n}", n) for r, n in [("r1", "a/x.txt"), ("r2", "a/x.txt")]), tmp_path))
    assert planned[0].problem is None and "is the output of r1/a/x.txt" in planned[1].problem
