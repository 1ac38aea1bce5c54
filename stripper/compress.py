"""gzip and zstd, read and written by file name, transparently."""
from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

SUFFIXES = (".gz", ".zst")


def compression_of(path) -> str | None:
    name = str(path)
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


def open_read(path) -> io.BufferedIOBase:
    """A binary stream of the file's content, decompressed (streaming)."""
    kind = compression_of(path)
    raw = open(path, "rb")
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if kind == "zstd":
        import zstandard

        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, closefd=True))
    return raw


def read_bytes(path) -> bytes:
    with open_read(path) as stream:
        return stream.read()


def compressor(path):
    """A function that compresses bytes as the file name says (identity if plain)."""
    kind = compression_of(path)
    if kind == "gzip":
        return lambda data: gzip.compress(data, mtime=0)
    if kind == "zstd":
        import zstandard

        return zstandard.ZstdCompressor().compress
    return lambda data: data


def open_write(fileobj, path):
    """Wrap a binary file object so that writes are compressed as `path` says."""
    kind = compression_of(path)
    if kind == "gzip":
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
