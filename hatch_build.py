"""The package's build hook: compiles the hot-path modules with Cython.

Each module named in stripper/_native.py's COMPILED is compiled from its own
.py file (Cython reads plain Python; no second source) and shipped beside it
as `<name>.<hash of the .py>.<ext suffix>`, which stripper loads only while
the .py still has that hash. An editable install gets the files in the
source tree; a wheel gets them inside. Where Cython or a C compiler is
missing, or STRIPPER_PURE_PYTHON=1 is set at build time, the build goes on
in pure Python, with the same output; a module the compiler rejects runs
from its .py, and the others stay compiled. `make compile` (or `python
hatch_build.py` where Cython is installed) recompiles the source tree after
editing: until then an editable install's edited modules run from their .py.

The C compile is profile-guided where the compiler can (gcc): the modules
are compiled with counters, run over the bundled samples and the documents
of training/ (a throwaway copy of the package, in a subprocess), and
compiled again with the counts, which lay out the paths those runs took
most. It is the same C from the same source, so the output is the same;
only the speed changes (docs/benchmarks.md). Where any of that fails, the
modules are compiled once, without counts. STRIPPER_NO_PROFILE_BUILD=1
skips it (a quicker `make compile` while editing).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script
    BuildHookInterface = object  # type: ignore[assignment,misc]

# Cython reads the modules as Python: annotations are not C types (a `float`
# argument stays a Python float, an int stays an int), so the compiled code
# computes what the .py computes.
# A field read on None raises AttributeError, as in Python (`nonecheck`),
# where a typed variable holds an extension type (the .pxd declarations).
DIRECTIVES = {
    "language_level": 3,
    "annotation_typing": False,
    "binding": True,
    "emit_code_comments": False,
    "nonecheck": True,
}


def _native():
    spec = importlib.util.spec_from_file_location("_stripper_native", ROOT / "stripper" / "_native.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _suffix() -> str:
    return sysconfig.get_config_var("EXT_SUFFIX") or ".so"


def compiled_files(native) -> list[Path]:
    """The compiled files in the source tree (of any build)."""
    found = []
    for name in native.COMPILED:
        source = ROOT / (name.replace(".", "/") + ".py")
        found += [p for p in source.parent.glob(f"{source.stem}.*{_suffix()}") if p.name.count(".") >= 3]
    return found


def compile_modules(work: Path) -> dict[Path, str]:
    """Compile every module of COMPILED under `work`; the built files and
    where each goes in the package ({} when nothing could be built)."""
    native = _native()
    if os.environ.get(native.PURE_PYTHON_ENV, "") not in ("", "0"):
        print(f"stripper build: {native.PURE_PYTHON_ENV} is set: pure Python", file=sys.stderr)
        return {}
    try:
        import Cython.Build  # noqa: F401
        import setuptools  # noqa: F401
    except ImportError as exc:
        print(f"stripper build: {exc}: pure Python", file=sys.stderr)
        return {}
    sources = {name: ROOT / (name.replace(".", "/") + ".py") for name in native.COMPILED}
    built = build_extensions(sources, work)
    return {binary: _place(native, source) for binary, source in built.items()}


def _place(native, source: Path) -> str:
    """Where the file compiled from `source` goes in the package."""
    name = native.compiled_name(source.stem, source.read_bytes(), _suffix())
    return (source.relative_to(ROOT).parent / name).as_posix()


def build_extensions(sources: dict[str, Path], work: Path) -> dict[Path, Path]:
    """Compile the modules {dotted name: .py file} under `work`: {built
    file: its .py}. All at once, in parallel; when that fails, one by one,
    so that a module Cython or the C compiler rejects runs from its .py
    and costs only its own speed (`stripper --version` counts the modules
    compiled)."""
    try:
        return _build(sources, work)
    except Exception:  # no compiler, a compiler error: the pure-Python package still works
        traceback.print_exc()
        print("stripper build: compiling all at once failed: one module at a time", file=sys.stderr)
    built: dict[Path, Path] = {}
    for k, (name, source) in enumerate(sources.items()):
        try:
            built.update(_build({name: source}, work / f"one-{k}"))
        except Exception as exc:
            print(f"stripper build: {name} not compiled ({type(exc).__name__}): it runs as Python", file=sys.stderr)
    return built


def _build(sources: dict[str, Path], work: Path) -> dict[Path, Path]:
    from Cython.Build import cythonize
    from setuptools import Extension

    extensions = cythonize(
        [Extension(name, [str(path)]) for name, path in sources.items()],
        compiler_directives=DIRECTIVES,
        build_dir=str(work / "c"),
        include_path=[str(ROOT)],  # the .pxd files, as `stripper.generic.features`
        quiet=True,
        force=True,
    )
    return compile_c(extensions, sources, work)


def compile_c(extensions: list, sources: dict[str, Path], work: Path) -> dict[Path, Path]:
    """Compile the C of `extensions`: profile-guided, else (another
    compiler, a training run that failed, NO_PROFILE_ENV set) once without
    counts."""
    if os.environ.get(NO_PROFILE_ENV, "") in ("", "0"):
        try:
            return _profile_guided(extensions, sources, work)
        except Exception as exc:
            print(f"stripper build: no profile-guided compile ({exc}): compiled without counts", file=sys.stderr)
    return _compile(extensions, sources, work, [])


# Set to 1: the modules are compiled once, without the training run's counts.
NO_PROFILE_ENV = "STRIPPER_NO_PROFILE_BUILD"
# What the training run cleans: the bundled samples (Arabic news) and
# training/ (English pages: a news story, a recipe, a review).
TRAINING = ("samples", "training")


def _compile(extensions: list, sources: dict[str, Path], work: Path, flags: list[str]) -> dict[Path, Path]:
    """Compile the C of `extensions` with the extra `flags` (again, over
    the same object files, where they were compiled before)."""
    from setuptools import Distribution

    for extension in extensions:
        extension.extra_compile_args = list(flags)
        extension.extra_link_args = list(flags)
    dist = Distribution({"name": "stripper", "ext_modules": extensions})
    build = dist.get_command_obj("build_ext")
    build.build_lib, build.build_temp = str(work / "lib"), str(work / "obj")
    build.parallel = os.cpu_count() or 1
    build.force = True
    build.ensure_finalized()
    build.run()
    return {Path(build.get_ext_fullpath(name)): source for name, source in sources.items()}


def _profile_guided(extensions: list, sources: dict[str, Path], work: Path) -> dict[Path, Path]:
    """Compile with counters, run the training documents through the
    counted modules, and compile with the counts. The counts are per
    object file: the second compile writes the same ones."""
    counts = work / "profile"
    counted = _compile(extensions, sources, work, [f"-fprofile-generate={counts}", "-fprofile-update=single"])
    _train(counted, work / "train")
    if not any(counts.rglob("*.gcda")):
        raise RuntimeError("the training run left no counts")
    return _compile(
        extensions,
        sources,
        work,
        [f"-fprofile-use={counts}", "-fprofile-partial-training", "-Wno-missing-profile"],
    )


# The training run: each document cleaned as `stripper clean` would, then a
# check that the modules it went through were the counted ones.
_TRAIN = """
import sys
from pathlib import Path
from stripper import _native
from stripper.model import Document
from stripper.pipeline import clean, default_registry
registry = default_registry()
for path in sys.argv[1:]:
    clean(Document.from_text(Path(path).read_text(encoding="utf-8"), source=path), registry)
python = sorted(name for name, how in _native.loaded.items() if how != "compiled")
if python or not _native.loaded:
    sys.exit(f"modules not compiled in the training run: {python}")
"""


def training_documents() -> list[Path]:
    """The documents of the TRAINING folders, in order."""
    return sorted(p for name in TRAINING for p in (ROOT / name).glob("*.txt"))


def _train(counted: dict[Path, Path], folder: Path) -> None:
    """Clean the TRAINING documents with a copy of the package whose
    compiled modules are the `counted` ones (their counts are written as
    the run ends). Caching is off: the run reads and writes nothing of the
    user's."""
    native = _native()
    shutil.copytree(ROOT / "stripper", folder / "stripper", ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    shutil.copytree(ROOT / "rules", folder / "rules")
    for binary, source in counted.items():
        shutil.copyfile(binary, folder / _place(native, source))
    documents = [str(p) for p in training_documents()]
    env = {k: v for k, v in os.environ.items() if k != native.PURE_PYTHON_ENV}
    # (first on the path: a build environment's own path stays after it)
    path = os.pathsep.join(p for p in (str(folder), env.get("PYTHONPATH", "")) if p)
    env.update(PYTHONPATH=path, STRIPPER_NO_CACHE="1", PYTHONDONTWRITEBYTECODE="1")
    run = subprocess.run(
        [sys.executable, "-c", _TRAIN, *documents], cwd=folder, env=env, capture_output=True, text=True
    )
    if run.returncode != 0:
        raise RuntimeError(f"the training run failed: {(run.stderr.strip().splitlines() or ['?'])[-1]}")
    print(f"stripper build: profile-guided, trained on {len(documents)} documents", file=sys.stderr)


def compile_in_place(keep_when_none: bool = False) -> int:
    """Replace the source tree's compiled files with ones built from the
    current .py files (an editable install). `keep_when_none` (the script
    run by hand): where nothing could be compiled, the files stay."""
    native = _native()
    with tempfile.TemporaryDirectory(prefix="stripper-build-") as work:
        built = compile_modules(Path(work))
        if not built and keep_when_none:  # no Cython here (a venv's python)
            kept = len(compiled_files(native))
            print(f"stripper build: nothing compiled; the {kept} compiled files stay", file=sys.stderr)
            return 0
        for old in compiled_files(native):
            old.unlink()
        for binary, target in built.items():
            shutil.copyfile(binary, ROOT / target)
    print(f"stripper build: {len(built)} of {len(native.COMPILED)} modules compiled", file=sys.stderr)
    return 0


class CompiledModules(BuildHookInterface):
    """hatchling's hook: compiled files into the wheel (or, for an editable
    install, into the source tree)."""

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        if version == "editable":
            compile_in_place()
            built = compiled_files(_native())
        else:
            self._work = tempfile.mkdtemp(prefix="stripper-build-")
            built = compile_modules(Path(self._work))
            for binary, target in built.items():
                build_data["force_include"][str(binary)] = target
        if built:  # a wheel for this Python and platform only
            build_data["pure_python"] = False
            build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if getattr(self, "_work", None):
            shutil.rmtree(self._work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(compile_in_place(keep_when_none=True))
