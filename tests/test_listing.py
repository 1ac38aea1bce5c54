"""A folder's listing (stripper/listing.py): what each entry is, and the
listing a helper process makes early for `stripper clean`, which the walk
takes only where it is the listing it would make itself."""

from __future__ import annotations

import os
import time

import pytest

from stripper import listing
from stripper.batch import _listing, iter_inputs


@pytest.fixture(autouse=True)
def _no_early_listing_left():
    yield
    early, listing._early = listing._early, None
    if early is not None:
        os.waitpid(early.pid, 0)
        os.close(early.fd)


def _listed() -> None:
    """Wait for the helper to end its listing (it is not waited for by
    `take_early` while it lists)."""
    os.waitid(os.P_PID, listing._early.pid, os.WEXITED | os.WNOWAIT)


def _folder(tmp_path, name="in"):
    folder = tmp_path / name
    (folder / "sub").mkdir(parents=True)
    for file in ("b.txt", "a.txt", "\u0627\u0644\u062e\u0628\u0631.txt", "Z.txt"):
        (folder / file).write_text("x\n")
    os.symlink(folder / "a.txt", folder / "c.txt")  # a file symlink
    os.symlink(folder / "sub", folder / "d")  # a folder symlink
    os.symlink(folder / "gone", folder / "e.txt")  # dangling
    os.mkfifo(folder / "f.txt")
    return folder


def test_entries_tell_what_each_is_in_the_order_of_the_names(tmp_path):
    folder = _folder(tmp_path)
    names, kinds = listing.entries(str(folder))
    assert names == sorted(names) and len(names) == len(kinds) == 9
    kind_of = dict(zip(names, kinds))
    assert [kind_of[n] for n in ("a.txt", "c.txt", "d", "e.txt", "f.txt", "sub")] == ["f", "o", "s", "o", "o", "d"]
    raw_names, raw_kinds = listing.entries(os.fsencode(folder))
    assert [n.decode() for n in raw_names] == names and raw_kinds == kinds


def test_the_walk_takes_the_early_listing_of_its_folder(tmp_path):
    folder = _folder(tmp_path)
    listing.list_early(["clean", "-q", str(folder), "-o", str(tmp_path / "out")])
    assert listing._early is not None
    _listed()
    early = listing.take_early(str(folder))
    assert early == _listing(str(folder)) and listing._early is None
    assert listing.take_early(str(folder)) is None  # given once


def test_a_walk_with_the_early_listing_finds_what_it_finds_without(tmp_path):
    folder = _folder(tmp_path)
    told: list = []

    def walk() -> list:
        return [
            (i.path, i.relative, i.known_size)
            for i in iter_inputs([str(folder)], on_skip=lambda *skip: told.append(skip))
        ]

    without = walk()
    listing.list_early(["clean", f"{folder}/"])  # another spelling of the folder
    _listed()
    spelled_out = walk()
    assert listing._early is None  # taken
    assert spelled_out == without and len(without) == 5 and len(told) == 4  # e.txt, f.txt, each walk


def test_an_early_listing_of_another_folder_waits_for_its_own(tmp_path):
    folder, other = _folder(tmp_path), _folder(tmp_path, "other")
    listing.list_early(["clean", str(folder)])
    _listed()
    assert listing.take_early(str(other)) is None and listing._early is not None
    assert listing.take_early(str(folder)) == _listing(str(folder))


def test_a_folder_changed_since_its_early_listing_is_listed_again(tmp_path):
    folder = _folder(tmp_path)
    listing.list_early(["clean", str(folder)])
    _listed()
    (folder / "new.txt").write_text("x\n")
    assert listing.take_early(str(folder)) is None and listing._early is None
    assert "new.txt" in _listing(str(folder))[0]


def test_names_that_are_not_utf8_are_listed_by_the_walk(tmp_path):
    folder = _folder(tmp_path)
    with open(os.fsencode(str(folder)) + b"/\xff\xfe.txt", "w") as fh:
        fh.write("x\n")
    listing.list_early(["clean", str(folder)])
    _listed()
    assert listing.take_early(str(folder)) is None
    names, kinds = _listing(str(folder))
    assert names == sorted(names) and os.fsdecode(b"\xff\xfe.txt") in names


def test_a_helper_that_fails_leaves_the_listing_to_the_walk(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    failing = tmp_path / "failing.py"
    failing.write_text("import sys; sys.stdout.buffer.write(b'not marshalled'); sys.exit(1)\n")
    monkeypatch.setattr(listing, "HELPER", str(failing))
    listing.list_early(["clean", str(folder)])
    _listed()
    assert listing.take_early(str(folder)) is None
    failing.write_text("import sys; sys.stdout.buffer.write(b'not marshalled')\n")  # exits 0, writes garbage
    listing.list_early(["clean", str(folder)])
    _listed()
    assert listing.take_early(str(folder)) is None and listing._early is None


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["check", "{folder}"],
        ["clean"],
        ["clean", "{folder}/a.txt"],
        ["clean", "-o", "{missing}"],
        ["clean", "{missing}"],
        ["clean", "x\0y"],
    ],
)
def test_no_early_listing_without_a_folder_to_clean(tmp_path, args):
    folder = _folder(tmp_path)
    listing.list_early([a.format(folder=folder, missing=tmp_path / "missing") for a in args])
    assert listing._early is None


def test_no_early_listing_takes_a_closed_standard_streams_number(tmp_path):
    folder = _folder(tmp_path)
    saved = os.dup(2)
    os.close(2)
    try:
        listing.list_early(["clean", str(folder)])
        assert listing._early is None
        assert os.open(os.devnull, os.O_WRONLY) == 2  # still free
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _slow_helper(tmp_path, monkeypatch) -> tuple:
    """A folder, and the pid of a helper started on it that lists nothing
    for 30 s."""
    folder = _folder(tmp_path)
    slow = tmp_path / "slow.py"
    slow.write_text("import time; time.sleep(30)\n")
    monkeypatch.setattr(listing, "HELPER", str(slow))
    listing.list_early(["clean", str(folder)])
    return folder, listing._early.pid


def test_a_helper_still_listing_is_not_waited_for(tmp_path, monkeypatch):
    folder, pid = _slow_helper(tmp_path, monkeypatch)
    started = time.monotonic()
    assert listing.take_early(str(folder)) is None and listing._early is None
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):  # ended and waited for
        os.waitpid(pid, os.WNOHANG)


def test_a_helper_whose_listing_is_not_taken_is_ended(tmp_path, monkeypatch):
    _, pid = _slow_helper(tmp_path, monkeypatch)
    listing.abandon_early()
    assert listing._early is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    listing.abandon_early()  # nothing to end
