"""Bytes in, bytes out: decoding with a clear error, atomic writes.

A document remembers its byte order mark and encoding, so that the output is
written back the way the input came: same BOM, same line endings (kept per
line by `Document`), same final newline.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import itertools
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from . import compress
from .errors import InputError
from .model import Document

BINARY_SNIFF_BYTES = 8192
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OPENINGS = frozenset(mark[:1] for mark, _ in _BOMS)


class BinaryInput(InputError):
    """The input looks binary: not cleaned (an error of the batch, exit 2;
    a copy of it goes to --output-dir)."""


class InputChanged(OSError):
    """Another process changed a file while stripper cleaned it in place."""


# A NUL byte alone does not make a file binary: text converted from old
# encodings often ends with one. A file is binary when its first
# BINARY_SNIFF_BYTES hold NULs and either are not UTF-8 or are more than
# BINARY_NUL_SHARE NULs (UTF-16 without a BOM, images, archives).
BINARY_NUL_SHARE = 0.10


AUTO = "auto"
# With --encoding auto, input that is not UTF-8 is tried as these legacy
# encodings, and the first whose text is mostly letters of its script wins.
LEGACY_CANDIDATES = ("windows-1256", "windows-1252")
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def decode(data: bytes, source: str, encoding: str | None = None, on_assumed=None, **doc_fields) -> Document:
    """Decode `data` into a Document. Raises InputError naming the spot.

    `encoding=None` means: a BOM if there is one, else UTF-8. `"auto"` also
    tries legacy encodings when UTF-8 fails, and tells `on_assumed(message)`
    what it assumed."""
    if encoding == AUTO:
        encoding = _sniff(data, source, on_assumed)
    bom = False
    detected = None
    if data[:1] in _BOM_OPENINGS:  # (most text opens otherwise: no mark tried)
        for mark, name in _BOMS:
            if data.startswith(mark):
                bom, detected, data = True, name, data[len(mark) :]
                break
    enc = encoding or detected or "utf-8"
    if detected is None and encoding is None and looks_binary(data):
        raise BinaryInput(f"{source}: binary file (NUL bytes), not cleaned")
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{source}:{line}: cannot decode as {enc} (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); if it is legacy Arabic try --encoding windows-1256"
        ) from None
    except LookupError:
        raise InputError(f"{source}: unknown encoding '{enc}'") from None
    return Document.from_text(text, source=source, bom=bom, encoding=enc, **doc_fields)


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first BINARY_SNIFF_BYTES, and those bytes are not
    UTF-8 or are mostly NULs: a few NULs in UTF-8 text are text."""
    if data.find(0, 0, BINARY_SNIFF_BYTES) < 0:
        return False  # no NUL (all text): no copy of the head made, no count
    head = data[:BINARY_SNIFF_BYTES]
    nuls = head.count(0)
    if nuls > BINARY_NUL_SHARE * len(head):
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:  # unless a character was cut at the window's edge
        return not (len(head) < len(data) and exc.reason == "unexpected end of data")
    return False


def _sniff(data: bytes, source: str, on_assumed) -> str | None:
    """None (BOM or UTF-8) when that works, else a legacy encoding that fits."""
    if any(data.startswith(mark) for mark, _ in _BOMS):
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    from .normalize import arabic_share

    for candidate in LEGACY_CANDIDATES:
        text = data.decode(candidate, errors="replace")
        if "\ufffd" in text:
            continue
        if candidate != "windows-1256" or arabic_share(text) > 0.5:
            if on_assumed is not None:
                on_assumed(f"{source}: not UTF-8; assumed {candidate}")
            return candidate
    return None  # let UTF-8 fail with its own message


def encode(doc: Document, text: str) -> bytes:
    """The output bytes for `text`, in the input's encoding, BOM included."""
    body = text.encode(doc.encoding)
    if doc.bom:
        for mark, name in _BOMS:
            if name == doc.encoding:
                return mark + body
    return body


def read_document(path: Path, encoding: str | None = None, on_assumed=None, fmt: str = "auto") -> Document:
    """A file as a Document: a text dump, or an HTML page (`fmt="html"`, or
    `"auto"` and the bytes look like HTML) read into lines by stripper.html."""
    return document_of(read_input_bytes(path)[0], path, encoding, on_assumed, fmt)


def read_input_bytes(path) -> tuple[bytes, tuple[int, int, int] | None]:
    """A file's bytes, decompressed, and its `signature` when it was opened.
    Raises InputError naming the file."""
    try:
        if compress.compression_of(path) is None:
            return _read_plain(path)
        seen = signature(path)
        return compress.read_bytes(path), seen
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        import gzip  # (not at the start: stripper/compress.py)

        if isinstance(exc, gzip.BadGzipFile):
            raise InputError(f"{path}: cannot decompress: {exc}") from None
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except Exception as exc:  # EOFError (cut short), zstandard.ZstdError and the like
        raise InputError(f"{path}: cannot decompress: {exc}") from None


def _read_plain(path) -> tuple[bytes, tuple[int, int, int]]:
    """An uncompressed file read with one open, one fstat (its signature, of
    the very file read) and one read of a byte more than the fstat's size,
    which gives that size when the file ends there: 4 system calls, not the
    10 of a stat and a buffered open (two more fstats, an isatty, two
    seeks, a read to see the end)."""
    fd = os.open(path, os.O_RDONLY | _O_BINARY)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
        data = os.read(fd, info.st_size + 1)
        if len(data) != info.st_size:  # grown or shrunk since the fstat, or a short read: to the end
            parts = [data]
            while parts[-1]:
                parts.append(os.read(fd, _READ_CHUNK))
            data = b"".join(parts)
    finally:
        os.close(fd)
    return data, (info.st_size, info.st_mtime_ns, info.st_ino)


_READ_CHUNK = 1 << 16


def document_of(data: bytes, path, encoding: str | None = None, on_assumed=None, fmt: str = "auto") -> Document:
    """The bytes of the file at `path` as a Document (see read_document)."""
    if fmt == "html" or (fmt == "auto" and _looks_like_html(path, data)):
        from .html import read_html

        return read_html(data, str(path))
    return decode(data, str(path), encoding, on_assumed)


def _looks_like_html(path, data: bytes) -> bool:
    return compress.plain_name_ends(path, HTML_NAMES, fold_case=True) or looks_like_html(data)


HTML_NAMES = (".html", ".htm")
_HTML_SNIFF_BYTES = 2048


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes open like a web page. (Here, not in the html
    package: telling a text dump from a page must not import the package.)"""
    if data.find(b"<", 0, _HTML_SNIFF_BYTES) < 0:
        return False  # no tag (most text dumps): no copy of the head made
    head = data[:_HTML_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or (
        b"<html" in head or b"<body" in head or b"<head" in head
    )


def write_atomic(
    path,
    data: bytes,
    durable: bool = True,
    in_place: bool = False,
    seen: tuple[int, int, int] | None = None,
    keep: str | None = None,
) -> None:
    """Write `data` to `path` through a temporary file in the same folder and
    a rename: readers see the old file or the new one, never half of one.
    The file's permission bits are kept; `in_place` and `seen` are
    atomic_writer's. The bytes go in with os.write: no buffered file object
    (its fstat, isatty and lseek a file).

    Not in place, the file is written unnamed and linked at `path` where the
    system allows (`_write_unnamed`), else through a named temporary file
    linked there (`_rename_new`); either way `path` is looked at only if a
    file is there already: a new file costs no stat. `keep` is a file that
    must not be replaced (the output's own input): if `path` is that file,
    SameFile is raised and nothing is written."""
    if in_place:
        path, info = _target(path, in_place)
    else:
        path, info = os.fspath(path), _UNSEEN
        if _UNNAMED:
            tmp = _write_unnamed(path, data, durable)
            if tmp is None:
                return  # linked at `path`: no file was there, nothing to keep of one
            if tmp is not _NAMED_WAY:  # a file is there: `tmp` holds the data
                try:
                    _replace_there(tmp, path, keep, seen)
                except BaseException:
                    _drop(tmp)
                    raise
                return
    fd, tmp = _create_temporary(path)
    try:
        try:
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if info is _UNSEEN:
            if _rename_new(tmp, path):
                return  # no file was there: nothing to keep of one
            _replace_there(tmp, path, keep, seen)
            return
        _commit(tmp, path, info, in_place, seen)
    except BaseException:
        _drop(tmp)
        raise


def _replace_there(tmp: str, path: str, keep: str | None, seen) -> None:
    """Not in place: rename `tmp` over the file found at `path`, stat'ed
    now, unless it is `keep`."""
    path, info = _target(path, False)
    if keep is not None and info is not None and _is_file(info, keep):
        raise SameFile(errno.EEXIST, "the input itself", path)
    _commit(tmp, path, info, False, seen)


def _write_all(fd: int, data: bytes) -> None:
    written = os.write(fd, data)
    if written < len(data):  # a short write: the rest
        view = memoryview(data)[written:]
        while view:
            view = view[os.write(fd, view) :]


class SameFile(OSError):
    """The file to write is the one that must be kept (write_atomic's `keep`)."""


_UNSEEN = object()  # the target not stat'ed yet


def _is_file(info: os.stat_result, path: str) -> bool:
    try:
        return os.path.samestat(info, os.stat(path))
    except OSError:
        return False


# A new output goes in with a hard link of the temporary file at its path,
# which fails (EEXIST) where a file is already there, and the temporary's
# unlink: no stat of the path before (a stat of a missing file cost 9,000
# instructions, its exception), and a file that appears there in between
# is found, not replaced without its bits kept. (renameat2's
# RENAME_NOREPLACE did it in one call, but through ctypes, whose import and
# load cost a clean 8 million instructions, 1.7% of one file's; over 3,000
# new files the two calls took no longer: 18 us a file, 19 with renameat2.)
_LINK_NEW = sys.platform.startswith("linux")  # elsewhere: stat and rename, as before


def _rename_new(tmp: str, path: str) -> bool:
    """Put `tmp` at `path` if no file is there: True if done. False if a
    file is there, or this cannot tell (not Linux, a file system without
    hard links, any other error): the caller stats and renames as usual,
    which raises that error."""
    if not _LINK_NEW:
        return False
    try:
        os.link(tmp, path)
    except OSError:
        return False
    os.unlink(tmp)  # (if this fails, the caller drops it, as any temporary)
    return True


def signature(path) -> tuple[int, int, int] | None:
    """What tells a file changed: size, modification time, inode."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


@contextlib.contextmanager
def atomic_writer(
    path: Path,
    replace: Callable[[], bool] = lambda: True,
    durable: bool = True,
    in_place: bool = False,
    seen: tuple[int, int, int] | None = None,
):
    """A binary file that becomes `path` when the block ends without error
    (and `replace()` still says so); on any error or interrupt the temporary
    file goes and `path` is as it was. `durable` syncs the data to disk
    before the rename: a must when the file replaces an input (in place), not
    for a new copy under an output folder, whose input stays safe anyway.

    `in_place` (the file is an input): a symlink is written through to its
    target; a file with several hard links, or whose owner cannot be kept,
    is refused (OSError); and when `seen` (the input's `signature` when it
    was read) no longer matches just before the rename, InputChanged is
    raised and the file stays as the other writer left it."""
    path, info = _target(path, in_place)
    fd, tmp = _create_temporary(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if not replace():
            os.unlink(tmp)
            return
        _commit(tmp, path, info, in_place, seen)
    except BaseException:
        _drop(tmp)
        raise


def _target(path, in_place: bool) -> tuple[str, os.stat_result | None]:
    """The path to replace (a symlink's target, in place) and its stat, or
    None if there is no file there yet."""
    path = os.fspath(path)
    if in_place and os.path.islink(path):
        path = os.path.realpath(path)
    try:
        return path, os.stat(path)
    except FileNotFoundError:
        return path, None


def _commit(tmp: str, path: str, info: os.stat_result | None, in_place: bool, seen) -> None:
    """Rename the written temporary file over `path` (whose stat was `info`),
    once what a rewrite must keep is checked: checked once a rewrite is due,
    a clean file is no error, whatever it is."""
    mode = info.st_mode & 0o7777 if info is not None else None
    if mode is not None and not mode & 0o222:
        # even root could replace it: a read-only file is a promise we keep
        raise PermissionError(errno.EACCES, "read-only file", path)
    if in_place and info is not None:
        if info.st_nlink > 1:
            raise OSError(
                errno.EMLINK,
                f"it has {info.st_nlink} hard links, which a rewrite would split (clean a copy, or use --output-dir)",
                path,
            )
        _keep_owner(tmp, info)
    if mode is not None:
        os.chmod(tmp, mode)
    if seen is not None and signature(path) != seen:
        raise InputChanged(errno.EBUSY, "changed by another process while being cleaned", path)
    os.replace(tmp, path)


def _drop(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def _keep_owner(tmp: str, info: os.stat_result) -> None:
    """Give the new file the owner and group of the one it replaces, or
    refuse (a rewrite must not hand a file to whoever ran stripper)."""
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.chown(tmp, info.st_uid, info.st_gid)
    except PermissionError:
        raise PermissionError(
            errno.EPERM, f"owned by uid {info.st_uid} gid {info.st_gid}, which this user cannot give the rewritten file"
        ) from None


_temporaries = itertools.count()
_pid = os.getpid()  # in the temporary names: a getpid a file was a system call


def _new_pid() -> None:
    global _pid
    _pid = os.getpid()


if hasattr(os, "register_at_fork"):  # a forked worker names its files by its own id
    os.register_at_fork(after_in_child=_new_pid)


def _split(path: str) -> tuple[str, str]:
    """A path's folder, as a prefix ("" or ending in a separator), and its
    name: os.path.split's parts, joined again by concatenation (one
    rpartition where there is one separator, "/")."""
    if os.altsep is None:
        folder, sep, name = path.rpartition(os.sep)
        return folder + sep, name
    folder, name = os.path.split(path)
    return os.path.join(folder, ""), name


def _create_temporary(path: str) -> tuple[int, str]:
    """A new file beside `path`, named after it, this process and a counter,
    and created with O_EXCL (an old leftover of the same name is passed
    over). Its permission bits are the process's default (0o666 less the
    umask), as any new file's: mkstemp's 0o600 made every cleaned copy under
    an output folder private to its owner. It also costs half the time of
    mkstemp's random names on 8,776 small files."""
    folder, name = _split(path)
    while True:
        tmp = _temporary_name(folder, name)
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666), tmp
        except FileExistsError:
            continue


def _temporary_name(folder: str, name: str) -> str:
    return f"{folder}.{name}.{_pid}.{next(_temporaries)}.tmp"


# A new output (not in place) is written as an unnamed file in its folder
# (O_TMPFILE) and linked at its path through its /proc link: linkat with
# AT_SYMLINK_FOLLOW, which os.link calls once given a directory descriptor
# (the file's own: the path is absolute, so it is not read; AT_EMPTY_PATH
# would need a capability). One change to the folder a file, not three
# (create a temporary, link it, unlink it), and one system call less: two
# jobs writing into one folder waited for each other's changes. Its bits
# are a named temporary's; an error before the link leaves no name at all.
_UNNAMED = hasattr(os, "O_TMPFILE") and sys.platform.startswith("linux") and os.path.isdir("/proc/self/fd")
_NAMED_WAY = "\0"  # what _write_unnamed says when it cannot (no file name holds a NUL)
_NO_UNNAMED_IN: set[str] = set()  # folders whose file system has no unnamed files


def _write_unnamed(path: str, data: bytes, durable: bool) -> str | None:
    """Write `data` unnamed beside `path` and link it there: None once done.
    If a file is there, the temporary name the data was linked at, for the
    rename over it. _NAMED_WAY where this cannot be done (no unnamed files
    on this file system, no /proc link, any other error): a named temporary
    file then takes the data, or says what is wrong."""
    folder, name = _split(path)
    if folder in _NO_UNNAMED_IN:
        return _NAMED_WAY
    try:
        fd = os.open(folder or ".", os.O_WRONLY | os.O_TMPFILE | _O_BINARY, 0o666)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):  # (EISDIR: a kernel without them)
            _NO_UNNAMED_IN.add(folder)
        return _NAMED_WAY
    try:
        _write_all(fd, data)
        if durable:
            os.fsync(fd)
        proc = f"/proc/self/fd/{fd}"
        try:
            os.link(proc, path, src_dir_fd=fd)
            return None
        except FileExistsError:
            pass
        except OSError:
            return _NAMED_WAY
        while True:
            tmp = _temporary_name(folder, name)
            try:
                os.link(proc, tmp, src_dir_fd=fd)
                return tmp
            except FileExistsError:
                continue
            except OSError:
                return _NAMED_WAY
    finally:
        os.close(fd)
