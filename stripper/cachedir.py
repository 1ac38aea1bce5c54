"""Where stripper keeps what a start works out once for the starts after
it: the rule cache (stripper/rules/cache.py), the compiled build's record
of its source files (stripper/_native.py), the code of the dataclasses'
generated methods (stripper/dataclass_code.py) and the programs of the
regular expressions (stripper/pattern_code.py); the last two in a file of
marshalled values under a header (`read_kept`, `write_kept`).

`$STRIPPER_CACHE_DIR`, else the user's cache folder: `$XDG_CACHE_HOME/stripper`
or `~/.cache/stripper`; on macOS `~/Library/Caches/stripper`; on Windows
`%LOCALAPPDATA%\\stripper\\Cache`. `STRIPPER_NO_CACHE=1` turns caching off.
This module imports nothing at its import: the compiled build's finder
reads it first.
"""

from __future__ import annotations

import os
import sys

CACHE_DIR_ENV = "STRIPPER_CACHE_DIR"
NO_CACHE_ENV = "STRIPPER_NO_CACHE"


def folder(kind: str) -> str | None:
    """The folder of one kind of cache entries, or None where caching is off
    (or no user folder is known). Not created here."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    base = os.environ.get(CACHE_DIR_ENV) or _user_cache()
    return os.path.join(base, kind) if base else None


def _user_cache() -> str | None:
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return os.path.join(local, "stripper", "Cache") if local else None
    home = os.path.expanduser("~")
    if home == "~":  # no HOME, no user entry
        return None
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "stripper")
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache"), "stripper")


def read_kept(path: str, header: tuple):
    """What `write_kept` kept in `path` under `header` (marshal), or None if
    the file is missing, unreadable or written under another header."""
    import marshal

    try:
        with open(path, "rb") as fh:
            stored = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if type(stored) is not tuple or len(stored) != 2 or stored[0] != header:
        return None
    return stored[1]


def write_kept(path: str, header: tuple, data) -> None:
    """Keep `data` (marshal) in `path` under `header`, atomically, creating
    the folder. Best effort: a cache that cannot be written stays as it was."""
    import marshal

    from .textio import write_atomic

    try:
        stored = marshal.dumps((header, data))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_atomic(path, stored, durable=False)
    except (OSError, ValueError):
        pass
