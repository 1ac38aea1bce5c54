"""A cache of parsed rule and configuration files, so that a start need not
parse them again.

Every start of `stripper` (each run of the pre-commit hook's `stripper
check`) loads the bundled rule files and the repository's: reading their
YAML, validating it and compiling each regex cost 180 million instructions
of the hook's 884 million, and working out each pattern's literals at the
first document 35 million more. A rule file parsed once is kept here as the
`RuleFile` it gave, with each pattern's derived data (its literals,
openings and line screen; see `Pattern.__getstate__`) and without its
compiled regex, which a pattern compiles at its first search. A
repository's configuration is kept as read (the YAML of .stripper.yml, the
[tool.stripper] table of pyproject.toml) and checked at each start: it
names folders that may have gone since. Together they spare a start
importing PyYAML (93 million instructions) and tomllib.

An entry is used only for the same file read the same: its key hashes the
file's bytes and the path it was named by (the rules' origins and messages
hold that path), the modules whose code parses that kind of file (`KINDS`:
their size and modification time, as Python checks its .pyc files), the
installed packages that take part (likewise), Python's version and
`FORMAT`. Anything else (another file, an edit, an upgrade) parses the file
again and replaces the entry. A broken file is never stored: it fails with
its `file:line:col` message, entry or no entry.

Where: the folders `rules` and `config` of stripper's cache folder
(stripper/cachedir.py: `$STRIPPER_CACHE_DIR`, else the user's;
`STRIPPER_NO_CACHE=1` turns caching off). One entry a file, named after its
path, written through a temporary file and a rename (readers see a whole
entry or none). An entry that cannot be read or unpickled, or that holds a
class other than its kind's, is passed over and rewritten; a folder that
cannot be written costs the parse of every start, nothing else.
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


class _Kind:
    """One kind of entry: the package's modules whose code makes its value
    (or the error of a broken file), relative to the package's folder; the
    installed packages that take part (an entry made with another version
    of one is not used); the classes an entry may hold (pickle's globals:
    anything else is refused as a corrupt entry would be, so an entry can
    make nothing else); and the type its value must have (None: any)."""

    def __init__(self, code: tuple[str, ...], dependencies: tuple[str, ...], classes: set, value_type=None):
        self.code, self.dependencies, self.classes, self.value_type = code, dependencies, classes, value_type


_YAML_CLASSES = {("stripper.rules.yamlpos", "PosDict"), ("stripper.rules.yamlpos", "PosList")}
# tests/test_rule_cache.py checks that `code` holds every module of the
# package that the modules parsing each kind import.
KINDS = {
    # a rule file's `RuleFile`: PyYAML parses it, regex compiles its
    # patterns, selectolax checks its CSS selectors
    "rules": _Kind(
        code=(
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
            "pattern_code.py",
        ),
        dependencies=("yaml", "regex", "selectolax"),
        classes={
            ("stripper.rules.schema", "RuleFile"),
            ("stripper.rules.schema", "Rule"),
            ("stripper.rules.schema", "MatchSpec"),
            ("stripper.rules.schema", "RuleTest"),
            ("stripper.rules.patterns", "Pattern"),
            *_YAML_CLASSES,
        },
        value_type="RuleFile",
    ),
    # a repository's configuration as read (stripper/config.py): the YAML
    # of .stripper.yml, or the [tool.stripper] table of pyproject.toml
    # (None where it has none), before it is checked
    "config": _Kind(
        code=("rules/cache.py", "config.py", "rules/yamlpos.py", "errors.py", "cachedir.py"),
        dependencies=("yaml",),
        classes=_YAML_CLASSES,
    ),
}

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cache_folder(kind: str = "rules") -> str | None:
    """The folder of one kind of entries, or None where caching is off."""
    return cachedir.folder(kind)


def parsed(path: str, data: bytes, parse, kind: str = "rules"):
    """What `parse(data, path)` makes of the file at `path`, whose bytes
    are `data` (a `RuleFile` for a rule file): the cache's where it holds
    this file read the same, else `parse`'s, then stored (what `parse`
    raises goes up, nothing stored)."""
    folder = cache_folder(kind)
    if folder is None:
        return parse(data, path)
    entry = os.path.join(folder, _entry_name(path))
    key = _key(kind, path, data)
    found = _read(kind, entry, key)
    if found is not _MISSING:
        return found
    value = parse(data, path)
    _write(folder, entry, key, value)
    return value


_MISSING = object()


def text_of(data: bytes) -> str:
    """A file's bytes (read as bytes, for the key) as the file opened as
    UTF-8 text reads them: "\\r\\n" and "\\r" as "\\n"; UnicodeDecodeError
    where they are not UTF-8."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _entry_name(path: str) -> str:
    """One entry a file: named after its path (as given, and absolute: a
    relative path names other files from other folders)."""
    named = f"{os.path.abspath(path)}\0{path}".encode("utf-8", "surrogateescape")
    return sha256(named).hexdigest()[:32] + ".pickle"


def _key(kind: str, path: str, data: bytes) -> bytes:
    """What an entry must have been made of to be used for `data`."""
    head = f"{FORMAT}\0{kind}\0{sys.version}\0{_stamp(kind)}\0{path}\0".encode("utf-8", "surrogateescape")
    return sha256(head + data).digest()


_stamps: dict[str, str] = {}


def _stamp(kind: str) -> str:
    """The version of the code that parses a kind of file: the size and
    modification time of each file of its `code` and of its
    `dependencies`' (made once a process)."""
    stamp = _stamps.get(kind)
    if stamp is None:
        files = [os.path.join(_PACKAGE, name) for name in KINDS[kind].code]
        files += [_origin(name) for name in KINDS[kind].dependencies]
        stamp = _stamps[kind] = "|".join(f"{name}:{_signature(name)}" for name in files)
    return stamp


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


def _read(kind: str, entry: str, key: bytes):
    """The value an entry holds for `key`, or _MISSING: no entry, an entry
    of other bytes or code, or one that cannot be read (cut short, written
    by another version, holding another class)."""
    try:
        with open(entry, "rb") as fh:
            stored = _Unpickler(fh, KINDS[kind].classes).load()
    except FileNotFoundError:
        return _MISSING
    except Exception:  # whatever a damaged file makes unpickling raise: passed over, rewritten
        return _MISSING
    if type(stored) is not tuple or len(stored) != 2 or stored[0] != key:
        return _MISSING
    wanted = KINDS[kind].value_type
    if wanted is not None and type(stored[1]).__name__ != wanted:
        return _MISSING
    return stored[1]


def _write(folder: str, entry: str, key: bytes, value) -> None:
    """Store an entry; where the folder cannot be written, or the value
    cannot be pickled, nothing."""
    import pickle

    from ..textio import write_atomic

    try:
        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        os.makedirs(folder, exist_ok=True)
        write_atomic(entry, data, durable=False)
    except (OSError, pickle.PicklingError):
        pass


try:
    from _pickle import Unpickler as _BaseUnpickler, UnpicklingError as _UnpicklingError
except ImportError:  # pragma: no cover - a Python without the C unpickler
    from pickle import Unpickler as _BaseUnpickler, UnpicklingError as _UnpicklingError


class _Unpickler(_BaseUnpickler):
    """Unpickles the `classes` named only."""

    def __init__(self, file, classes: set):
        super().__init__(file)
        self.classes = classes

    def find_class(self, module, name):
        if (module, name) not in self.classes:
            raise _UnpicklingError(f"{module}.{name} is not a class of this cache")
        return getattr(importlib.import_module(module), name)
