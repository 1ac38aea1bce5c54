"""The methods that @dataclass writes, compiled once and kept for later starts.

@dataclass writes a class's __init__, __repr__, __eq__ (and for a frozen
class __setattr__, __delattr__, __hash__) as Python source and compiles it
with `exec`, at every import: for the dataclasses that `stripper clean`
loads, 45 million instructions of the 364 million of its run on an empty
folder (about 11 ms), as many of `stripper check`'s on one file. While
the command loads its modules (from stripper/__main__.py to the command's
module loaded, stripper/cli), `remember` has the dataclasses module's
`exec` take the code compiled earlier from the same source by the same
Python (its bytecode's magic number), as Python's .pyc files keep a
module's; a source not seen before is compiled as it was. `forget` gives
dataclasses its `exec` back and, if any source was new, rewrites the file
(one a Python: `dataclasses-<cache tag>.marshal` in the cache folder
`code`, stripper/cachedir.py; none where caching is off). A file that
cannot be read or is not this Python's is passed over and rewritten.
"""

from __future__ import annotations

import builtins
import os
import sys

from . import cachedir

_FORMAT = 2  # 2: (header, code), the layout of stripper/cachedir.py's write_kept
_MOST_KEPT = 1000  # sources kept from earlier starts; beyond, those of this start only


class _Code:
    """The code compiled so far, by source, and what this start used."""

    def __init__(self, path: str, magic: bytes, known: dict):
        self.path, self.magic, self.known = path, magic, known
        self.used: dict = {}
        self.new = False

    def exec(self, source, globals=None, locals=None):
        """builtins.exec, with a source's code compiled once."""
        if type(source) is str:
            code = self.known.get(source)
            if code is None:
                # (dont_inherit: as exec compiles it in dataclasses, with no
                # `from __future__` of this module's)
                code = self.known[source] = compile(source, "<string>", "exec", dont_inherit=True)
                self.new = True
            self.used[source] = code
            source = code
        return builtins.exec(source, globals, locals)


_code: _Code | None = None


def remember() -> None:
    """Have dataclasses take its methods' code from the cache from now on
    (until `forget`); nothing where caching is off."""
    global _code
    if _code is not None:
        return
    folder = cachedir.folder("code")
    if folder is None:
        return
    import dataclasses
    from importlib.util import MAGIC_NUMBER

    if "exec" in vars(dataclasses):  # (someone else's)
        return
    path = os.path.join(folder, f"dataclasses-{sys.implementation.cache_tag}.marshal")
    _code = _Code(path, MAGIC_NUMBER, _read(path, MAGIC_NUMBER))
    dataclasses.exec = _code.exec


def forget() -> None:
    """Give dataclasses its exec back, and keep the code of a source that was
    new (with the others known, unless too many)."""
    global _code
    code, _code = _code, None
    if code is None:
        return
    import dataclasses

    if vars(dataclasses).get("exec") == code.exec:
        del dataclasses.exec
    if not code.new:
        return
    kept = code.known if len(code.known) <= _MOST_KEPT else code.used
    cachedir.write_kept(code.path, (_FORMAT, code.magic), kept)


def _read(path: str, magic: bytes) -> dict:
    """The code kept in `path` by this Python, by source; {} if none can be
    read."""
    known = cachedir.read_kept(path, (_FORMAT, magic))
    if type(known) is not dict:
        return {}
    code_type = type(_read.__code__)
    return {source: code for source, code in known.items() if type(source) is str and type(code) is code_type}
