"""A cache of parsed rule files, so that a start need not parse them again.

Every start of `stripper` (each run of the pre-commit hook's `stripper
check`) loads the bundled rule files and the repository's: reading their
YAML, validating it and compiling each regex cost 180 million instructions
of the hook's 884 million, and working out each pattern's literals at the
first document 35 million more. A rule file parsed once is kept here as the
`RuleFile` it gave, with each pattern's derived data (its literals,
openings and line screen; see `Pattern.__getstate__`) and without its
compiled regex, which a pattern compiles at its first search.

An entry is used only for the same file read the same: its key hashes the
file's bytes and the path it was named by (the rules' origins and messages
hold that path), the modules whose code turns a file into a `RuleFile`
(`CODE`: their size and modification time, as Python checks its .pyc
files), the installed `DEPENDENCIES` (likewise), Python's version and
`FORMAT`. Anything else (another file, an edit, an upgrade) parses the file
again and replaces the entry. A broken file is never stored: it fails with
its `file:line:col` message, entry or no entry.

Where: the folder `rules` of stripper's cache folder (stripper/cachedir.py:
`$STRIPPER_CACHE_DIR`, else the user's; `STRIPPER_NO_CACHE=1` turns the
cache off). One entry a rule file, named after its path, written through a
temporary file and a rename (readers see a whole entry or none). An entry that cannot be read or unpickled, or that
holds anything but a rule file's classes, is passed over and rewritten; a
folder that cannot be written costs the parse of every start, nothing else.
"""

from __future__ import annotations

import importlib
import os
import sys

try:  # the built-in module (as stripper/_native.py): hashlib's import costs 6 ms
    from _sha256 import sha256
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import sha256

from .. import cachedir

# An entry's layout: raised when what is stored changes shape.
FORMAT = 1

# The package's modules whose code makes a rule file's `RuleFile`, or its
# error (tests/test_rule_cache.py checks that every module they import from
# the package is here), relative to the package's folder.
CODE = (
    "rules/cache.py",
    "rules/schema.py",
    "rules/yamlpos.py",
    "rules/patterns.py",
    "html/selectors.py",
    "normalize.py",
    "model.py",
    "errors.py",
    "_cython_shim.py",
    "cachedir.py",
)
# The installed packages that parse a file (PyYAML), compile its regexes
# (regex) and check its CSS selectors (selectolax): an entry made with
# another version of one of them is not used.
DEPENDENCIES = ("yaml", "regex", "selectolax")

# The classes an entry may hold (pickle's globals): anything else is refused
# as a corrupt entry would be, so an entry can make nothing but rules.
_CLASSES = {
    ("stripper.rules.schema", "RuleFile"),
    ("stripper.rules.schema", "Rule"),
    ("stripper.rules.schema", "MatchSpec"),
    ("stripper.rules.schema", "RuleTest"),
    ("stripper.rules.patterns", "Pattern"),
    ("stripper.rules.yamlpos", "PosDict"),
    ("stripper.rules.yamlpos", "PosList"),
}

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cache_folder() -> str | None:
    """The folder of the rule cache's entries, or None where caching is off."""
    return cachedir.folder("rules")


def parsed(path: str, data: bytes, parse):
    """The `RuleFile` of the rule file at `path`, whose bytes are `data`:
    the cache's where it holds this file read the same, else `parse(data,
    path)`'s, then stored (what `parse` raises goes up, nothing stored)."""
    folder = cache_folder()
    if folder is None:
        return parse(data, path)
    entry = os.path.join(folder, _entry_name(path))
    key = _key(path, data)
    found = _read(entry, key)
    if found is not None:
        return found
    rule_file = parse(data, path)
    _write(folder, entry, key, rule_file)
    return rule_file


def _entry_name(path: str) -> str:
    """One entry a rule file: named after its path (as given, and absolute:
    a relative path names other files from other folders)."""
    named = f"{os.path.abspath(path)}\0{path}".encode("utf-8", "surrogateescape")
    return sha256(named).hexdigest()[:32] + ".pickle"


def _key(path: str, data: bytes) -> bytes:
    """What an entry must have been made of to be used for `data`."""
    head = f"{FORMAT}\0{sys.version}\0{_stamp()}\0{path}\0".encode("utf-8", "surrogateescape")
    return sha256(head + data).digest()


_stamp_made: str | None = None


def _stamp() -> str:
    """The version of the code that parses a rule file: the size and
    modification time of each file of CODE and of each of DEPENDENCIES'
    (made once a process)."""
    global _stamp_made
    if _stamp_made is None:
        files = [os.path.join(_PACKAGE, name) for name in CODE] + [_origin(name) for name in DEPENDENCIES]
        _stamp_made = "|".join(f"{name}:{_signature(name)}" for name in files)
    return _stamp_made


def _origin(package: str) -> str:
    """The file a package is imported from (found, not imported)."""
    module = sys.modules.get(package)
    if module is not None:
        return getattr(module, "__file__", None) or package
    from importlib.util import find_spec

    try:
        spec = find_spec(package)
    except (ImportError, ValueError):
        spec = None
    return (spec.origin if spec is not None else None) or package


def _signature(path: str) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return "-"
    return f"{info.st_size}:{info.st_mtime_ns}"


def _read(entry: str, key: bytes):
    """The `RuleFile` an entry holds for `key`, or None: no entry, an entry
    of other bytes or code, or one that cannot be read (cut short, written
    by another version, not a rule file's)."""
    try:
        with open(entry, "rb") as fh:
            stored = _Unpickler(fh).load()
    except FileNotFoundError:
        return None
    except Exception:  # whatever a damaged file makes unpickling raise: passed over, rewritten
        return None
    from .schema import RuleFile

    if type(stored) is tuple and len(stored) == 2 and stored[0] == key and type(stored[1]) is RuleFile:
        return stored[1]
    return None


def _write(folder: str, entry: str, key: bytes, rule_file) -> None:
    """Store an entry; where the folder cannot be written, nothing."""
    import pickle

    from ..textio import write_atomic

    try:
        data = pickle.dumps((key, rule_file), protocol=pickle.HIGHEST_PROTOCOL)
        os.makedirs(folder, exist_ok=True)
        write_atomic(entry, data, durable=False)
    except OSError:
        pass


try:
    from _pickle import Unpickler as _BaseUnpickler, UnpicklingError as _UnpicklingError
except ImportError:  # pragma: no cover - a Python without the C unpickler
    from pickle import Unpickler as _BaseUnpickler, UnpicklingError as _UnpicklingError


class _Unpickler(_BaseUnpickler):
    """Unpickles the classes of a rule file only."""

    def find_class(self, module, name):
        if (module, name) not in _CLASSES:
            raise _UnpicklingError(f"{module}.{name} is not a class of a rule file")
        return getattr(importlib.import_module(module), name)
