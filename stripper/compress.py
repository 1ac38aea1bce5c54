"""gzip and zstd, read and written by file name, transparently.

gzip (and zstandard) are imported where a compressed file is met: gzip's
import, with zlib's and struct's, cost every start 3.7 million
instructions (0.8% of `stripper check` on one file).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

SUFFIXES = (".gz", ".zst")


def compression_of(path) -> str | None:
    name = path if type(path) is str else str(path)
    return "gzip" if name.endswith(".gz") else "zstd" if name.endswith(".zst") else None


def plain_name(path) -> str:
    """The name without its compression suffix: `a.jsonl.gz` -> `a.jsonl`."""
    # Path(path).name, without making a Path (a file's worth of time in a batch)
    name = os.path.basename(os.fspath(path).rstrip("/"))
    if name in ("", "."):
        name = Path(path).name
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


# endings -> the same, compressed or not, and the longest one's length
_ENDINGS: dict[tuple[str, ...], tuple[tuple[str, ...], int]] = {}


def plain_name_ends(path, endings: tuple[str, ...], fold_case: bool = False) -> bool:
    """`plain_name(path)` ends with one of `endings` (lower-cased first with
    `fold_case`). The path's own ending is looked at first: a batch asks
    this of every file, and most end otherwise."""
    name = os.fspath(path)
    known = _ENDINGS.get(endings)
    if known is None:
        full = tuple(e + suffix for e in endings for suffix in ("", *SUFFIXES))
        known = _ENDINGS[endings] = full, max(map(len, full))
    full, longest = known
    tail = name[-longest:]
    if not (tail.lower() if fold_case else tail).endswith(full):
        return False
    plain = plain_name(name)
    return (plain.lower() if fold_case else plain).endswith(endings)


def open_read(path) -> io.BufferedIOBase:
    """A binary stream of the file's content, decompressed (streaming)."""
    kind = compression_of(path)
    raw = open(path, "rb")
    if kind == "gzip":
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="rb")
    if kind == "zstd":
        return io.BufferedReader(_ZstdReader(raw), buffer_size=_ZSTD_READ)
    return raw


class Truncated(EOFError):
    """A compressed stream ended in the middle of a frame."""


_ZSTD_READ = 1 << 17  # bytes read from the file at a time
_ZSTD_FEED = 1 << 12  # compressed bytes decompressed at a time: a frame of zeros grows some
# 30,000-fold, so this bounds what one step holds (128 MB at worst)


class _ZstdReader(io.RawIOBase):
    """zstd frames, one after another, decompressed as they are read. Unlike
    zstandard's stream_reader, a file cut short in a frame is an error
    (Truncated), not a quiet end of data."""

    def __init__(self, raw):
        import zstandard

        self._raw, self._new = raw, zstandard.ZstdDecompressor().decompressobj
        self._frame = None  # the frame being read, None between frames
        self._pending = memoryview(b"")  # input not yet given to a frame
        self._out, self._at = b"", 0  # decompressed, and how much of it was read

    def readable(self):
        return True

    def readinto(self, buffer) -> int:
        while self._at == len(self._out):
            if not self._pending:
                self._pending = memoryview(self._raw.read(_ZSTD_READ))
                if not self._pending:
                    if self._frame is not None:
                        raise Truncated("the zstd file is cut short (truncated frame)")
                    return 0
            if self._frame is None:
                self._frame = self._new()
            data, self._pending = self._pending[:_ZSTD_FEED], self._pending[_ZSTD_FEED:]
            self._out, self._at = self._frame.decompress(data), 0
            if self._frame.eof:  # the next frame starts in what this one left
                self._pending = memoryview(self._frame.unused_data + bytes(self._pending))
                self._frame = None
        n = min(len(buffer), len(self._out) - self._at)
        buffer[:n] = memoryview(self._out)[self._at : self._at + n]
        self._at += n
        return n

    def close(self):
        if not self.closed:
            self._raw.close()
        super().close()


def read_bytes(path) -> bytes:
    with open_read(path) as stream:
        return stream.read()


def compressed(path, data: bytes) -> bytes:
    """`data` compressed as the file name says (as it is for a plain name)."""
    kind = compression_of(path)
    if kind == "gzip":
        import gzip

        return gzip.compress(data, mtime=0)
    if kind == "zstd":
        import zstandard

        return zstandard.ZstdCompressor().compress(data)
    return data


def open_write(fileobj, path):
    """Wrap a binary file object so that writes are compressed as `path` says."""
    kind = compression_of(path)
    if kind == "gzip":
        import gzip

        return gzip.GzipFile(fileobj=fileobj, mode="wb", mtime=0)
    if kind == "zstd":
        import zstandard

        return zstandard.ZstdCompressor().stream_writer(fileobj, closefd=False)
    return _Unclosing(fileobj)


class _Unclosing(io.RawIOBase):
    """Pass writes through; closing it leaves the underlying file open."""

    def __init__(self, fileobj):
        self._f = fileobj

    def writable(self):
        return True

    def write(self, data):
        return self._f.write(data)
