"""A folder's entries sorted by name, each with what it is, for the batch's
walk (stripper/batch.py): read here, or by a helper process that the
command starts before it loads its modules.

The listing takes the time of the kernel's reading of the folder: 15 ms of
a batch's start for tunisia-news's 8,776 files, on one core while the other
waits. `stripper clean FOLDER ...` starts (stripper/__main__.py, through
`list_early`) a separate Python running this file on the first folder it
is given, which lists it on the other core while the command loads its
modules (50 ms); the walk takes that listing (`take_early`) when it comes to
that folder and the folder has not changed since (else it lists it again).
A forked helper would not do: the parent then copies each page of its own
that it writes while the helper lives, and its start took 6 ms longer.

This file imports nothing but the standard library's built-in modules: the
helper runs it as a script, with Python's site and environment left out
(`-S -I`).
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
from operator import attrgetter

# what an entry is (a character of `kinds`)
REGULAR = "f"  # a regular file, not a symlink
FOLDER = "d"  # a folder, not a symlink
FOLDER_LINK = "s"  # a symlink to a folder
OTHER = "o"  # anything else, or what cannot be told: a symlink to a file, a fifo...


def entries(folder: str | bytes) -> tuple[list, str]:
    """The names in `folder` (str or bytes, as `folder` is) sorted, and
    `kinds`: a character of REGULAR, FOLDER, FOLDER_LINK or OTHER for each,
    told from the entry where it can be (a regular file needs no stat), as
    os.walk tells them."""
    with os.scandir(folder) as listing:
        found = sorted(listing, key=_NAME)
    kinds = [REGULAR if entry.is_file(follow_symlinks=False) else _not_regular(entry) for entry in found]
    return [entry.name for entry in found], "".join(kinds)


_NAME = attrgetter("name")


def _not_regular(entry: os.DirEntry) -> str:
    try:
        if entry.is_dir():  # follows a symlink
            return FOLDER_LINK if entry.is_symlink() else FOLDER
    except OSError:  # as os.walk: what cannot be told a folder is a file
        pass
    return OTHER


# --- the listing made early, by a helper process

HELPER = os.path.abspath(__file__)
COMMAND = "clean"


class _Early:
    """The helper listing a folder: its process, the file it writes to, and
    the folder's identity (device, inode) when it started."""

    def __init__(self, pid: int, fd: int, identity: tuple[int, int]):
        self.pid, self.fd, self.identity = pid, fd, identity


_early: _Early | None = None


def list_early(args: list[str]) -> None:
    """Start the helper on the first folder named among `args` (the command
    line's, after the program) if they run `stripper clean`. Where it cannot
    start (no memfd, no posix_spawn, no interpreter to run), nothing is done:
    the walk lists the folder itself."""
    global _early
    if _early is not None or not args or args[0] != COMMAND:
        return
    if not (hasattr(os, "memfd_create") and hasattr(os, "posix_spawn") and sys.executable):
        return
    for arg in args[1:]:
        if arg.startswith("-"):
            continue
        try:
            info = os.stat(arg)
        except (OSError, ValueError):
            continue
        if stat.S_ISDIR(info.st_mode):
            break
    else:
        return
    fd = -1
    try:
        fd = os.memfd_create("stripper-listing")
        if fd <= 2:  # a standard stream is closed: its number stays free (stripper.cli opens it on /dev/null)
            os.close(fd)
            return
        pid = os.posix_spawn(
            sys.executable,
            [sys.executable, "-S", "-I", HELPER, arg],
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, fd, 1),
                (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
            ],
        )
    except (OSError, ValueError):
        if fd >= 0:
            os.close(fd)
        return
    _early = _Early(pid, fd, (info.st_dev, info.st_ino))


def take_early(folder: str) -> tuple[list[str], str] | None:
    """The helper's listing of `folder`, if it listed that folder (by its
    device and inode), it has not changed since (its times), and its names
    are UTF-8 (`entries` of its bytes, decoded). Else None, and the caller
    lists it. Once given (or found unusable), never again."""
    global _early
    early = _early
    if early is None:
        return None
    try:
        info = os.stat(folder)
    except (OSError, ValueError):
        return None
    if (info.st_dev, info.st_ino) != early.identity:
        return None
    _early = None
    try:
        pid, status = os.waitpid(early.pid, os.WNOHANG)
        if not pid:  # still listing (a busy machine): listed here, never later than without the helper
            _end(early)
            return None
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return None
        import mmap  # (what the helper wrote is read where it lies: a copy cost 1 ms)

        with mmap.mmap(early.fd, 0, prot=mmap.PROT_READ) as written:
            signature, names, kinds = marshal.loads(written)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    finally:
        os.close(early.fd)
    if signature != _signature(info) or type(names) is not list or type(kinds) is not str:
        return None
    return names, kinds


def abandon_early() -> None:
    """End the helper if its listing was not taken (the command ends before
    its walk, or never came to that folder)."""
    global _early
    early, _early = _early, None
    if early is not None:
        try:
            _end(early)
        finally:
            os.close(early.fd)


def _end(early: _Early) -> None:
    import signal  # (its import costs the helper's start 0.5 ms)

    try:
        os.kill(early.pid, signal.SIGKILL)
        os.waitpid(early.pid, 0)
    except OSError:  # ended and waited for already
        pass


def _signature(info: os.stat_result) -> tuple[int, int, int, int]:
    """What changes when a folder's entries do (its times) or it is another."""
    return info.st_dev, info.st_ino, info.st_mtime_ns, info.st_ctime_ns


def _list_for_parent(folder: str) -> int:
    """The helper: the folder's signature, its names (decoded from UTF-8; None
    where one is not) and their kinds, marshalled to stdout."""
    path = os.fsencode(folder)
    before = os.stat(path)
    names, kinds = entries(path)
    try:
        decoded = [name.decode() for name in names]
    except UnicodeDecodeError:
        decoded = None
    data = memoryview(marshal.dumps((_signature(before), decoded, kinds)))
    while data:
        data = data[os.write(1, data) :]
    return 0


if __name__ == "__main__":
    sys.exit(_list_for_parent(sys.argv[1]))
