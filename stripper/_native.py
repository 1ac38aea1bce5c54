"""The compiled build: which modules are compiled, and loading them safely.

The package's build (hatch_build.py) compiles the modules of COMPILED with
Cython from their own .py files (one source: the same code runs compiled or
not) and puts each beside its source as `<name>.<hash>.<ext suffix>`, where
<hash> is SOURCE_HASH_CHARS hex characters of the SHA-256 of the .py file it
was built from. Python's own import system never loads such a file (the name
holds a dot). The finder installed here loads it only when the .py file
beside it still has that hash; a module whose .py was edited since the build
(an editable install) runs from its .py. Setting STRIPPER_PURE_PYTHON=1
loads no compiled module at all.

Hashing the sources at every start cost 30 million instructions (a twentieth
of the pre-commit hook's start), so the hashes are kept in a manifest in
stripper's cache folder (stripper/cachedir.py) with the size and
modification time of each file hashed, as Python keeps a .pyc's source's:
while every one of those files still has them, the hashes are read from it;
else every file is hashed again and the manifest rewritten.

This module imports nothing heavy: the pre-commit hook starts through it.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import sys

try:  # the built-in module: hashlib's import costs the hook's start 6 ms
    from _sha256 import sha256
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import sha256

# The hot path: a dump read into lines and their matching forms, the line
# features, language and site detection, the rules' search, the
# classifier's steps and the output's assembly.
COMPILED = (
    "stripper.model",
    "stripper.normalize",
    "stripper.assemble",
    "stripper.pipeline",
    "stripper.sentence",
    "stripper.generic.thresholds",
    "stripper.generic.features",
    "stripper.generic.language",
    "stripper.generic.arabic",
    "stripper.generic.cues",
    "stripper.generic.lines",
    "stripper.generic.labels",
    "stripper.generic.body",
    "stripper.generic.second_article",
    "stripper.generic.classifier",
    "stripper.rules.patterns",
    "stripper.rules.engine",
    "stripper.rules.registry",
    "stripper.html.reader",
    "stripper.html.readable",
    "stripper.html.dom",
)
# The C declarations (.pxd) the compiled modules share, beside their .py
# files: a module is compiled against them too, so its file's hash covers
# them, and the .py files they declare (an edited .pxd, or an edited .py of
# a declared class or function, makes every module run from its .py until
# rebuilt: a compiled module that cimports Thresholds cannot load beside a
# thresholds.py run as Python).
DECLARATIONS = (
    *(
        f"stripper/generic/{name}.pxd"
        for name in (
            "thresholds",
            "features",
            "labels",
            "lines",
            "body",
            "classifier",
            "second_article",
            "cues",
            "language",
        )
    ),
    "stripper/rules/engine.pxd",
    "stripper/rules/patterns.pxd",
    "stripper/rules/registry.pxd",
    "stripper/model.pxd",
    "stripper/normalize.pxd",
    "stripper/sentence.pxd",
)
SOURCE_HASH_CHARS = 16
PURE_PYTHON_ENV = "STRIPPER_PURE_PYTHON"

# module name -> "compiled" or why it runs from its .py; filled as modules load
loaded: dict[str, str] = {}


def source_hash(data: bytes) -> str:
    """The hash of a module's .py (`data`) and of the DECLARATIONS (and the
    .py files they declare), these through their own digest: made once a
    process, not once a module (hashing them again for each of the 30
    modules found took 20 ms of every start)."""
    return sha256(data + b"\0" + _declarations_digest()).hexdigest()[:SOURCE_HASH_CHARS]


_declared_digest: bytes | None = None


def _declarations_digest() -> bytes:
    """The SHA-256 of the contents of the DECLARATIONS and of the .py files
    they declare, read once (a missing one reads as empty: then no compiled
    file matches, and the .py files run)."""
    global _declared_digest
    if _declared_digest is None:
        parts = [name.encode() + b"\0" + (_read(os.path.join(_ROOT, name)) or b"") for name in declared_files()]
        _declared_digest = sha256(b"\0".join(parts)).digest()
    return _declared_digest


def _declarations_stamps() -> dict[str, str] | None:
    """The size and modification time of each of the declared files, taken
    before they are read for their digest (a file changed after it is
    hashed again at the next start); None where one is missing."""
    stamps = {}
    for name in declared_files():
        try:
            stamps[os.path.join(_ROOT, name)] = _stamp(os.stat(os.path.join(_ROOT, name)))
        except OSError:
            return None
    _declarations_digest()
    return stamps


# the folder that holds the package (a source checkout's root)
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _read(path: str) -> bytes | None:
    """A file's bytes, or None if it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _built(folder: str, stem: str, digest: str) -> str | None:
    """The compiled file of module `stem` in `folder` built from the source
    of hash `digest`, or None where there is none."""
    binary = os.path.join(folder, f"{stem}.{digest}{importlib.machinery.EXTENSION_SUFFIXES[0]}")
    return binary if os.path.isfile(binary) else None


def declared_files() -> list[str]:
    """Each of the DECLARATIONS, then the .py file beside it."""
    return [name for pxd in DECLARATIONS for name in (pxd, pxd[: -len(".pxd")] + ".py")]


def compiled_name(stem: str, data: bytes, suffix: str | None = None) -> str:
    """The file name of the module `stem` compiled from source `data`."""
    return f"{stem}.{source_hash(data)}{suffix or importlib.machinery.EXTENSION_SUFFIXES[0]}"


# The manifest's first line: raised when what it records changes meaning
# (the hash, SOURCE_HASH_CHARS).
MANIFEST_HEADER = "stripper native manifest 1"


def _hash_of(path: str) -> str | None:
    """The source hash of the .py file at `path` (as `compiled_name` names
    it), or None where it cannot be read: the manifest's, where it records
    the file (and the files are unchanged), else from the file's bytes."""
    known = _known_hashes().get(path)
    if known is not None:
        return known
    data = _read(path)
    return None if data is None else source_hash(data)


_known: dict[str, str] | None = None


def _known_hashes() -> dict[str, str]:
    """The source hash of each module of COMPILED under _ROOT, by its .py
    file's path: the manifest's, where every file it records still has the
    size and modification time recorded, else hashed now (all of them) and
    the manifest rewritten. Made once a process."""
    global _known
    if _known is None:
        manifest = _manifest_path()
        _known = _read_manifest(manifest) if manifest else None
        if _known is None:
            _known = _hash_all(manifest)
    return _known


def _manifest_path() -> str | None:
    try:
        from .cachedir import folder
    except ImportError:  # run as a file of its own (hatch_build.py)
        return None
    where = folder("native")
    if where is None:
        return None
    return os.path.join(where, sha256(os.fsencode(_ROOT)).hexdigest()[:32] + ".txt")


def _module_files() -> list[str]:
    return [os.path.join(_ROOT, *name.split(".")) + ".py" for name in COMPILED]


def _stamp(info: os.stat_result) -> str:
    return f"{info.st_size} {info.st_mtime_ns}"


def _read_manifest(manifest: str) -> dict[str, str] | None:
    """The hashes the manifest records, or None where it is missing,
    unreadable, or records a file that changed since (or not every file)."""
    try:
        with open(manifest, encoding="utf-8", errors="surrogateescape") as fh:
            lines = fh.read().split("\n")
    except OSError:
        return None
    if not lines or lines[0] != MANIFEST_HEADER:
        return None
    recorded: dict[str, tuple[str, str]] = {}
    for line in lines[1:]:
        if line:
            size, mtime, digest, path = (line.split(" ", 3) + ["", "", ""])[:4]
            recorded[path] = (f"{size} {mtime}", digest)
    wanted = [*_module_files(), *(os.path.join(_ROOT, name) for name in declared_files())]
    for path in wanted:
        try:
            info = os.stat(path)
        except OSError:
            return None
        if path not in recorded or recorded[path][0] != _stamp(info):
            return None
    known = {path: recorded[path][1] for path in _module_files()}
    if any(len(digest) != SOURCE_HASH_CHARS for digest in known.values()):
        return None
    return known


def _hash_all(manifest: str | None) -> dict[str, str]:
    """Every module's source hash, from the files' bytes, written to the
    manifest (where it can be: else nothing is kept)."""
    declared = _declarations_stamps()
    known: dict[str, str] = {}
    stamps = dict(declared or {})
    for path in _module_files():
        try:
            info = os.stat(path)  # before the read: a file changed after it is hashed again next time
        except OSError:
            continue
        data = _read(path)
        if data is None:
            continue
        known[path] = source_hash(data)
        stamps[path] = _stamp(info)
    if manifest is not None and declared is not None:
        lines = [f"{stamp} {known.get(path, '-')} {path}" for path, stamp in stamps.items()]
        _write(manifest, "\n".join([MANIFEST_HEADER, *lines, ""]))
    return known


def _write(path: str, text: str) -> None:
    """Write through a temporary file and a rename; nothing where the folder
    cannot be written."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


class _Finder:  # (a meta path finder: importlib.abc's import costs 40 ms)
    """Finds the compiled form of a module of COMPILED that was built from
    its current .py file; leaves every other case to the usual finders."""

    def find_spec(self, name, path, target=None):
        if name not in _NAMES or not path:
            return None
        stem = name.rpartition(".")[2]
        for folder in path:
            digest = _hash_of(os.path.join(folder, stem + ".py"))
            if digest is None:
                continue
            binary = _built(folder, stem, digest)
            if binary is None:
                loaded[name] = (
                    "pure Python (its .py changed since the build)"
                    if _any_compiled(folder, stem)
                    else "pure Python (not compiled)"
                )
                return None
            if name in _DECLARED_NAMES and not _declared_all_built():
                loaded[name] = "pure Python (a module it shares C declarations with is not compiled)"
                return None
            loaded[name] = "compiled"
            loader = _CompiledLoader(name, binary)
            spec = importlib.machinery.ModuleSpec(name, loader, origin=binary)
            spec.has_location = True  # its __file__
            return spec
        return None


class _CompiledLoader(importlib.machinery.ExtensionFileLoader):
    """Runs a compiled module's body with inspect.getfullargspec keeping its
    answers for the dataclasses module's functions: Cython's dataclass
    support asks it for `dataclasses.field`'s parameters once a field, each
    time anew (the 88 fields of Thresholds and Cut took 1.5 ms of every
    start)."""

    def exec_module(self, module):
        import inspect  # (imported already: dataclasses imports it)

        real = inspect.getfullargspec
        if real is not _remembering_argspec:  # the outermost compiled module being loaded
            _real_argspec.append(real)
            inspect.getfullargspec = _remembering_argspec
        try:
            super().exec_module(module)
        finally:
            if real is not _remembering_argspec:
                inspect.getfullargspec = _real_argspec.pop()


_real_argspec: list = []  # inspect's own getfullargspec while a compiled module loads
_argspecs: dict = {}  # a function of the dataclasses module -> its FullArgSpec


def _remembering_argspec(func):
    """inspect.getfullargspec, its answer kept for the dataclasses module's
    functions (whose parameters do not change while the process runs)."""
    if getattr(func, "__module__", None) != "dataclasses":
        return _real_argspec[-1](func)
    spec = _argspecs.get(func)
    if spec is None:
        spec = _argspecs[func] = _real_argspec[-1](func)
    return spec


_declared_built: bool | None = None


def _declared_all_built() -> bool:
    """Whether every module with a .pxd has the compiled file of its
    current .py. Those modules cimport one another: one compiled cannot
    load beside one run as Python (the build rejected it, or its file is
    gone), so they all run from their .py then (read once)."""
    global _declared_built
    if _declared_built is None:
        _declared_built = all(
            (digest := _hash_of(module + ".py")) is not None and _built(*os.path.split(module), digest) is not None
            for module in (os.path.join(_ROOT, pxd[: -len(".pxd")]) for pxd in DECLARATIONS)
        )
    return _declared_built


def _any_compiled(folder: str, stem: str) -> bool:
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    try:
        return any(f.startswith(stem + ".") and f.endswith(suffix) for f in os.listdir(folder))
    except OSError:
        return False


_NAMES = frozenset(COMPILED)
_DECLARED_NAMES = frozenset(pxd[: -len(".pxd")].replace("/", ".") for pxd in DECLARATIONS)
_FINDER = _Finder()


def install() -> None:
    """Put the finder first (once), unless pure Python is asked for."""
    if os.environ.get(PURE_PYTHON_ENV, "") not in ("", "0") or _FINDER in sys.meta_path:
        return
    sys.meta_path.insert(0, _FINDER)


def build_kind() -> str:
    """What `stripper --version` says: compiled, pure Python, or which
    modules run from their .py in a compiled build."""
    for name in COMPILED:  # every one loaded, so that `loaded` is complete
        importlib.import_module(name)
    if os.environ.get(PURE_PYTHON_ENV, "") not in ("", "0"):
        return f"pure Python ({PURE_PYTHON_ENV} is set)"
    compiled = [n for n in COMPILED if loaded.get(n) == "compiled"]
    if len(compiled) == len(COMPILED):
        return f"compiled ({len(compiled)} modules, Cython)"
    if not compiled:
        return "pure Python (no compiled modules in this install)"
    pure = ", ".join(f"{n}: {loaded.get(n, 'pure Python')}" for n in COMPILED if n not in compiled)
    return f"compiled ({len(compiled)} of {len(COMPILED)} modules; {pure})"


install()
