"""The programs of the regular expressions compiled, kept for later starts.

Every start compiled the same patterns again: the standard library's and
click's at their import, the classifier's and the rules' at their first
use. Parsing a pattern into its program runs in Python (`re._parser`,
`re._compiler`; the regex package's `_regex_core`): 57 million instructions
of a 1-job `stripper clean` of tunisia-news (5,108M), in each process of a
2-job run, and 20 million of `stripper check`'s 327 million on one file.

From the command's start (stripper/__main__.py) to its end, `remember` has
`re` (and `hook_regex` the regex package) build a pattern that an earlier
start kept straight from its program, with the call their own compiler ends
with (`_sre.compile`, `_regex.compile`): the same pattern object from the
same arguments. A pattern not seen before is compiled as usual, and the
arguments of that last call are kept. `keep` (at the command's end, in the
main process) rewrites the file when a pattern was new: one a Python,
`patterns-<cache tag>.marshal` in the cache folder `code`
(stripper/cachedir.py); none where caching is off.

A file is taken only when written by the same Python release and `_sre`
(its header; a regex pattern's key holds the package's version); any other
is passed over and rewritten. A pattern with named lists, regex's LOCALE or
either's DEBUG flag is compiled as usual, and so is every pattern where the
compilers are not the ones expected (Python 3.10).
"""

from __future__ import annotations

import os
import sys

from . import cachedir

_FORMAT = 1
# patterns kept from earlier starts (about 0.8 KB each, all read at every
# start); beyond, those of this start only
_MOST_KEPT = 500


class _Recorder:
    """Stands for a compiler's C module (`_sre`, `_regex`: `holder.name`)
    while a pattern is compiled the usual way (only then: regex pickles a
    pattern with its C module's `compile`), and keeps the arguments of its
    `compile`."""

    def __init__(self, holder, name: str):
        self._holder, self._name = holder, name
        self._module = getattr(holder, name)
        self.last_call: tuple | None = None

    def compile(self, *arguments):
        self.last_call = arguments  # (the first is the pattern)
        return self._module.compile(*arguments)

    def __getattr__(self, name):
        return getattr(self._module, name)

    def __enter__(self):
        self.last_call = None
        setattr(self._holder, self._name, self)
        return self

    def __exit__(self, *exc_info):
        setattr(self._holder, self._name, self._module)


class _Programs:
    """The programs known, by compiler and pattern, and what this start used."""

    def __init__(self, path: str, header: tuple, known: dict):
        self.path, self.header, self.known = path, header, known
        self.used: dict = {}
        self.new = False

    def build(self, key: tuple, recorder: _Recorder, compile_usual, pattern, *usual_arguments):
        """The compiled pattern: from its kept program, else compiled as usual
        (and its program kept). A kept program its C module refuses (a
        damaged file) is dropped, and the pattern compiled as usual."""
        arguments = self.known.get(key)
        if arguments is not None:
            try:
                compiled = recorder._module.compile(pattern, *arguments)
            except Exception:
                del self.known[key]
            else:
                self.used[key] = arguments
                return compiled
        with recorder:
            compiled = compile_usual(pattern, *usual_arguments)
        call = recorder.last_call
        if call is not None and call[0] is pattern:
            key = _plain(key)  # (a flag may be an enum)
            self.known[key] = self.used[key] = _plain(call[1:])
            self.new = True
        return compiled


def _plain(value):
    """`value` with its ints plain (`re`'s opcodes are a subclass of int,
    which marshal does not keep), in lists, tuples and dicts alike."""
    kind = type(value)
    if kind in (list, tuple):
        return kind(_plain(item) for item in value)
    if kind is dict:
        return {_plain(key): _plain(item) for key, item in value.items()}
    if isinstance(value, int) and kind not in (int, bool):
        return int(value)
    return value


_programs: _Programs | None = None
_restore: list = []  # (module, name, value) to put back in `forget`


def remember() -> None:
    """Have `re` build the patterns known from their kept programs from now
    on (and regex once `hook_regex` is called); nothing where caching is off
    or the compiler is not the one expected."""
    global _programs
    if _programs is not None:
        return
    folder = cachedir.folder("code")
    if folder is None:
        return
    re_compiler = sys.modules.get("re._compiler")
    if re_compiler is None or not callable(getattr(re_compiler, "compile", None)):
        return
    import _sre

    # (the full version: a bug fix of a patch release may change a program)
    header = (_FORMAT, sys.version, _sre.MAGIC)
    path = os.path.join(folder, f"patterns-{sys.implementation.cache_tag}.marshal")
    _programs = _Programs(path, header, _read(path, header))
    _hook_re(re_compiler)


def hook_regex() -> None:
    """Have the regex package build the patterns known from their kept
    programs too, once imported (stripper/rules/patterns.py; not at the start:
    `stripper --help` does without it). Nothing unless `remember` ran."""
    if _programs is None or any(module.__name__ == "regex._main" for module, _, _ in _restore):
        return
    import regex
    from regex import _main

    version = getattr(regex, "__version__", None)
    if version is None or not callable(getattr(_main, "_compile", None)) or not hasattr(_main, "_regex"):
        return
    _hook_regex(_main, version)


def _hook_re(re_compiler) -> None:
    usual = re_compiler.compile
    recorder = _Recorder(re_compiler, "_sre")

    def compile(p, flags=0):
        if type(p) not in (str, bytes) or flags & re_compiler.SRE_FLAG_DEBUG:
            return usual(p, flags)
        return _programs.build(("re", p, flags), recorder, usual, p, flags)

    _replace(re_compiler, "compile", compile)


def _hook_regex(_main, version: str) -> None:
    usual = _main._compile
    recorder = _Recorder(_main, "_regex")
    uncached = _main.DEBUG | _main.LOCALE
    built: dict = {}  # (regex's own cache of the patterns compiled is bypassed)

    def _compile(pattern, flags, ignore_unused, kwargs, cache_it):
        if kwargs or type(pattern) not in (str, bytes) or flags & uncached:
            return usual(pattern, flags, ignore_unused, kwargs, cache_it)
        key = ("regex", version, pattern, flags, _main.DEFAULT_VERSION)
        compiled = built.get(key)
        if compiled is None:
            known = _programs.known.get(key)
            if known is not None and known[0] & _main.LOCALE:  # (an inline locale flag)
                return usual(pattern, flags, ignore_unused, kwargs, cache_it)
            compiled = _programs.build(key, recorder, usual, pattern, flags, ignore_unused, kwargs, cache_it)
            if cache_it:
                built[key] = compiled
        return compiled

    _replace(_main, "_compile", _compile)


def _replace(module, name: str, value) -> None:
    _restore.append((module, name, getattr(module, name)))
    setattr(module, name, value)


def forget() -> None:
    """Give `re` and `regex` their own compilers back (for tests)."""
    global _programs
    while _restore:
        module, name, value = _restore.pop()
        setattr(module, name, value)
    _programs = None


def keep() -> None:
    """Rewrite the file if a pattern was new this start, with the others
    known (unless too many). Best effort: a file that cannot be written is
    left as it was."""
    programs = _programs
    if programs is None or not programs.new:
        return
    kept = programs.known if len(programs.known) <= _MOST_KEPT else programs.used
    cachedir.write_kept(programs.path, programs.header, kept)


def _read(path: str, header: tuple) -> dict:
    """The programs kept in `path` under `header`; {} if none can be read."""
    known = cachedir.read_kept(path, header)
    if type(known) is not dict:
        return {}
    return {key: arguments for key, arguments in known.items() if type(key) is tuple and type(arguments) is tuple}
