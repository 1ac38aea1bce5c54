"""The compiled build (stripper/_native.py, hatch_build.py): the compiled
modules clean exactly as their .py files do, a compiled module whose .py
changed is never loaded, and `stripper --version` says which runs."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stripper import _native

from .conftest import ROOT, require_shared, seed_paths

PURE = {**os.environ, _native.PURE_PYTHON_ENV: "1"}
COMPILED = {k: v for k, v in os.environ.items() if k != _native.PURE_PYTHON_ENV}


def _compiled_files() -> dict[str, Path]:
    """module -> its compiled file built from the current .py, where one is."""
    found = {}
    for name in _native.COMPILED:
        source = ROOT / (name.replace(".", "/") + ".py")
        binary = source.with_name(_native.compiled_name(source.stem, source.read_bytes()))
        if binary.is_file():
            found[name] = binary
    return found


def _need_compiled() -> dict[str, Path]:
    found = _compiled_files()
    if not found:
        if os.environ.get("CI") and (shutil.which("cc") or shutil.which("gcc")):
            pytest.fail("no compiled module is current: run `make compile` (a C compiler is here)", pytrace=False)
        pytest.skip("no compiled modules in this install")
    return found


def _version(env: dict, cwd: Path = ROOT) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "stripper", "--version"], env=env, cwd=cwd, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_version_says_pure_python_when_asked():
    assert _version(PURE).endswith(f"pure Python ({_native.PURE_PYTHON_ENV} is set)")


def test_version_says_what_runs():
    found = _compiled_files()
    said = _version(COMPILED)
    if len(found) == len(_native.COMPILED):
        assert said.endswith(f"compiled ({len(found)} modules, Cython)"), said
    elif not found:
        assert said.endswith("pure Python (no compiled modules in this install)"), said
    else:
        for name in _native.COMPILED:
            assert (name in said) == (name not in found), (name, said)


def test_every_module_is_compiled_in_ci():
    """In CI, where a C compiler is: a module the build rejects (Cython's
    error on one of its functions) runs as Python, and so do the modules
    that share its C declarations; the output stays the same, so only this
    test tells."""
    if not (os.environ.get("CI") and (shutil.which("cc") or shutil.which("gcc"))):
        pytest.skip("in CI, where a C compiler is")
    missing = sorted(set(_native.COMPILED) - set(_compiled_files()))
    assert not missing, f"not compiled: {', '.join(missing)} (see the build's output: `make compile`)"


def test_the_build_is_profile_guided_in_ci():
    """In CI, where gcc is: the set-up's compile was profile-guided (a
    training run that failed falls back to a compile without counts, with
    the same output and less speed, so only this test tells). gcc records
    its options in each module's debug information (`-g` is among Python's
    own flags): `-fprofile-use` must be among them."""
    if not (os.environ.get("CI") and shutil.which("gcc")):
        pytest.skip("in CI, where gcc is")
    assert shutil.which("readelf"), "readelf (binutils, beside gcc) is needed to read the build's options"
    unguided = []
    for name, binary in sorted(_need_compiled().items()):
        info = subprocess.run(
            ["readelf", "--debug-dump=info", str(binary)], capture_output=True, text=True, check=True
        ).stdout
        producers = re.findall(r"DW_AT_producer\s*:.*", info)
        if not any("-fprofile-use" in producer for producer in producers):
            unguided.append(name)
    assert not unguided, f"compiled without counts: {', '.join(unguided)} (see the build's output: `make compile`)"


def test_compiled_modules_load(tmp_path):
    found = _need_compiled()
    code = f"import importlib, sys; print('\\n'.join(importlib.import_module(n).__file__ for n in {sorted(found)!r}))"
    files = subprocess.run(
        [sys.executable, "-c", code], env=COMPILED, cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.split()
    assert files == [str(found[n]) for n in sorted(found)]


def test_compiled_modules_load_with_inspect_given_back(tmp_path):
    """While a compiled module loads, inspect.getfullargspec keeps its
    answers for the dataclasses module's functions; once loaded, inspect's
    own is back, and the compiled dataclasses have every field."""
    _need_compiled()
    code = (
        "import inspect, dataclasses; real = inspect.getfullargspec; "
        "from stripper.generic.thresholds import Thresholds; from stripper.model import Cut; import stripper.pipeline; "
        "from stripper import _native as x; "
        "print(inspect.getfullargspec is real, x._real_argspec, len(dataclasses.fields(Thresholds)), "
        "[f.name for f in dataclasses.fields(Cut)], Thresholds(good_words=3).good_words)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=COMPILED, cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.strip()
    import dataclasses

    from stripper.generic.thresholds import Thresholds

    cut = "['start', 'end', 'rule_id', 'category', 'message', 'span', 'origin']"
    assert out == f"True [] {len(dataclasses.fields(Thresholds))} {cut} 3"


def test_remembered_argspec_is_inspects_own():
    import dataclasses
    import inspect

    _native._real_argspec.append(inspect.getfullargspec)
    try:
        assert _native._remembering_argspec(dataclasses.field) == inspect.getfullargspec(dataclasses.field)
        assert _native._remembering_argspec(dataclasses.field) is _native._remembering_argspec(dataclasses.field)
        assert _native._remembering_argspec(_version) == inspect.getfullargspec(_version)  # not kept
        assert _version not in _native._argspecs
    finally:
        _native._real_argspec.pop()


def test_an_edited_module_runs_from_its_py(tmp_path):
    """A copy of the package whose assemble.py (a module without C
    declarations) gained a comment after the build (and after a start,
    whose manifest recorded its hash): the stale compiled assemble is
    passed over, the others load."""
    _need_compiled()
    copy = _package_copy(tmp_path)
    _build_kind_and_cleaning(tmp_path)  # a start: the manifest written
    edited = copy / "assemble.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    env = {**COMPILED, "PYTHONPATH": str(tmp_path)}
    code = (
        "import stripper.assemble as a, stripper.model as m, stripper._native as x; "
        "print(a.__file__); print(m.__file__); print(x.build_kind())"
    )
    assemble_file, model_file, kind = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert assemble_file == str(edited)
    if "stripper.model" in _compiled_files():
        assert model_file.startswith(str(copy / "model.")) and not model_file.endswith(".py")
    assert "stripper.assemble: pure Python (its .py changed since the build)" in kind


def _signatures(env: dict, paths: list[Path], tmp_path: Path) -> subprocess.Popen:
    """A process printing one digest a document of its text, cuts, site and
    language (a page read from HTML as the command line reads it): read its
    output with `_digests`. The two builds' processes run side by side."""
    listing = tmp_path / "paths.txt"
    listing.write_text("\n".join(map(str, paths)), encoding="utf-8")
    code = f"""
import hashlib, json
from pathlib import Path
from stripper.model import Document
from stripper.pipeline import clean, default_registry
from stripper.textio import read_document
registry = default_registry()
for path in open({str(listing)!r}, encoding="utf-8").read().splitlines():
    if path.endswith(".html"):
        doc = read_document(Path(path), fmt="html")
    else:
        doc = Document.from_text(open(path, encoding="utf-8", newline="").read(), source=path)
    result = clean(doc, registry)
    digest = hashlib.sha1(result.text.encode())
    digest.update(json.dumps([c.to_dict() for c in result.cuts], ensure_ascii=False).encode())
    digest.update(f"{{result.site}}|{{result.language}}|{{result.classifier_off}}".encode())
    print(digest.hexdigest())
"""
    return subprocess.Popen(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _digests(process: subprocess.Popen, paths: list[Path]) -> list[str]:
    out, err = process.communicate()
    assert process.returncode == 0, err
    assert len(out.split()) == len(paths)
    return out.split()


def _differ(paths: list[Path], tmp_path: Path) -> list[str]:
    """The documents that the compiled build cleans otherwise than the .py files."""
    (tmp_path / "compiled").mkdir()
    (tmp_path / "pure").mkdir()
    compiled = _signatures(COMPILED, paths, tmp_path / "compiled")
    pure = _signatures(PURE, paths, tmp_path / "pure")
    both = zip(paths, _digests(compiled, paths), _digests(pure, paths))
    return [str(p) for p, a, b in both if a != b]


def test_compiled_cleans_as_pure_python(tmp_path):
    """The same cuts and text either way, on a sample of every corpus."""
    _need_compiled()
    train = sorted(require_shared("bench-train").glob("*/dump/*.txt"))
    news = sorted(require_shared("corpus", "tunisia-news").glob("*.txt"))
    pages = sorted(require_shared("bench").glob("*/html/*.html"))
    paths = [*train[::40], *seed_paths(), *news[::90], *pages[::20]]
    differ = _differ(paths, tmp_path)
    assert not differ, f"{len(differ)} of {len(paths)} differ, first {differ[:3]}"


@pytest.mark.skipif(
    not os.environ.get("CI") and not os.environ.get("STRIPPER_FULL_CHECKS"),
    reason="every document of every corpus (under a minute on 2 cores): in CI, or with STRIPPER_FULL_CHECKS=1",
)
def test_compiled_cleans_as_pure_python_everywhere(tmp_path):
    """The same cuts and text either way on every bench-train dump, seed,
    tunisia-news document and bench page."""
    _need_compiled()
    paths = [
        *sorted(require_shared("bench-train").glob("*/dump/*.txt")),
        *seed_paths(),
        *sorted(require_shared("corpus", "tunisia-news").glob("*.txt")),
        *sorted(require_shared("bench").glob("*/html/*.html")),
    ]
    assert len(paths) > 12_000
    differ = _differ(paths, tmp_path)
    assert not differ, f"{len(differ)} of {len(paths)} differ, first {differ[:3]}"


def test_compiled_name_is_the_hash_of_the_source_and_the_declarations():
    data = b"x = 1\n"
    declared = b"\0".join(
        name.encode() + b"\0" + (ROOT / name).read_bytes()
        for pxd in _native.DECLARATIONS
        for name in (pxd, pxd.replace(".pxd", ".py"))
    )
    digest = hashlib.sha256(data + b"\0" + hashlib.sha256(declared).digest()).hexdigest()[:16]
    assert _native.compiled_name("mod", data, ".so") == f"mod.{digest}.so"


def _package_copy(tmp_path: Path) -> Path:
    """The package (its compiled files too) and the bundled rules copied
    under `tmp_path`, as a source checkout lays them out: the package's
    folder."""
    copy = tmp_path / "stripper"
    shutil.copytree(ROOT / "stripper", copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    return copy


def _build_kind_and_cleaning(tmp_path: Path) -> tuple[str, str]:
    """What `stripper --version` says of the copy under `tmp_path`, and
    what it makes of a menu line above an article, in a fresh process."""
    code = (
        "import stripper._native as x; from stripper.pipeline import clean_text; "
        "print(x.build_kind()); print(clean_text('Home | News\\n' + 'A sentence of the article goes on here. ' * 9))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**COMPILED, "PYTHONPATH": str(tmp_path)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    kind, cleaned = out.split("\n", 1)
    return kind, cleaned


@pytest.mark.parametrize("edited_file", ["generic/features.pxd", "generic/thresholds.py", "generic/labels.py"])
def test_an_edited_declaration_makes_every_module_run_from_its_py(tmp_path, edited_file):
    """A .pxd, or the .py of a class or function it declares, edited after
    the build: no compiled module was built against it, so none loads (a
    module built against the old fields would read the wrong memory; one
    that cimports Thresholds cannot load beside a thresholds.py run as
    Python), and cleaning works (as after `bench fit --write`)."""
    _need_compiled()
    edited = _package_copy(tmp_path) / edited_file
    assert _build_kind_and_cleaning(tmp_path)[0].startswith("compiled (")  # the manifest written
    edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    kind, cleaned = _build_kind_and_cleaning(tmp_path)
    assert kind == "pure Python (no compiled modules in this install)", kind
    assert cleaned.startswith("A sentence of the article"), cleaned


def test_a_declared_module_not_compiled_makes_the_others_pure(tmp_path):
    """The modules with a .pxd cimport one another: when one of them has no
    compiled file (the build rejected it), the others run from their .py
    too, and cleaning works; the other modules stay compiled."""
    _need_compiled()
    for binary in (_package_copy(tmp_path) / "generic").glob("features.*.so"):
        binary.unlink()
    kind, cleaned = _build_kind_and_cleaning(tmp_path)
    assert "stripper.generic.classifier: pure Python (a module it shares C declarations with" in kind, kind
    assert "stripper.assemble" not in kind, kind  # (no .pxd: still compiled)
    assert cleaned.startswith("A sentence of the article"), cleaned


def _sources_read(tmp_path: Path, env: dict | None = None) -> tuple[str, list[str]]:
    """What `stripper --version` says of the copy under `tmp_path`, and the
    .py files of compiled modules its start opened (an audit hook sees each
    file opened)."""
    code = (
        "import sys; opened = []; sys.addaudithook(lambda event, args: opened.append(args[0])"
        " if event == 'open' and isinstance(args[0], str) else None);"
        "import stripper._native as x; kind = x.build_kind(); print(kind);"
        "print('\\n'.join(p for p in opened if p.endswith('.py') and 'stripper' in p))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**COMPILED, "PYTHONPATH": str(tmp_path), **(env or {})},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    compiled = {str(tmp_path / (name.replace(".", "/") + ".py")) for name in _native.COMPILED}
    return out[0], sorted({p for p in out[1:] if p in compiled})


def test_the_manifest_spares_hashing_the_sources(tmp_path):
    """The first start hashes every compiled module's .py and records the
    hashes in the manifest, with each file's size and modification time;
    the next reads none of them. A manifest that cannot be read, or a cache
    folder that cannot be written, costs the hashing, nothing else."""
    _need_compiled()
    _package_copy(tmp_path)
    cache = tmp_path / "cache"
    env = {"STRIPPER_CACHE_DIR": str(cache)}
    kind, read = _sources_read(tmp_path, env)
    assert kind.startswith("compiled (") and len(read) == len(_native.COMPILED)
    (manifest,) = (cache / "native").glob("*.txt")
    assert manifest.read_text(encoding="utf-8").startswith(_native.MANIFEST_HEADER + "\n")
    assert _sources_read(tmp_path, env) == (kind, [])
    manifest.write_bytes(b"\xff damaged")
    assert _sources_read(tmp_path, env) == (kind, read)
    assert _sources_read(tmp_path, env) == (kind, [])  # rewritten
    (tmp_path / "a file").write_text("")
    unwritable = {"STRIPPER_CACHE_DIR": str(tmp_path / "a file" / "cache")}
    assert _sources_read(tmp_path, unwritable) == (kind, read)
    assert _sources_read(tmp_path, {"STRIPPER_NO_CACHE": "1"}) == (kind, read)


def test_every_declaration_file_is_hashed():
    found = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "stripper").rglob("*.pxd"))
    assert found == sorted(_native.DECLARATIONS)


def _declared_fields(pxd: str, cls: str) -> list[str]:
    """The field names a .pxd declares for class `cls`, in order."""
    fields, inside = [], False
    for line in (ROOT / pxd).read_text(encoding="utf-8").splitlines():
        if line.startswith("cdef class "):
            inside = line == f"cdef class {cls}:"
        elif inside and line.strip().startswith("cdef "):
            fields.append(line.split()[-1])
    return fields


def test_the_declarations_match_the_classes():
    """The .pxd files (read only by the compiled build) declare the fields
    the .py classes set: a field missing there is an error compiled only."""
    from dataclasses import fields

    from stripper.generic.classifier import _OutsideWhy
    from stripper.generic.features import LineFeatures
    from stripper.generic.lines import Decision, Lines
    from stripper.generic.thresholds import Thresholds
    from stripper.model import Cut

    assert _declared_fields("stripper/generic/features.pxd", "LineFeatures") == list(LineFeatures.FIELDS)
    assert _declared_fields("stripper/generic/lines.pxd", "Decision") == list(Decision.__slots__)
    assert _declared_fields("stripper/generic/classifier.pxd", "_OutsideWhy") == list(_OutsideWhy.__slots__)
    assert _declared_fields("stripper/generic/thresholds.pxd", "Thresholds") == [f.name for f in fields(Thresholds)]
    assert _declared_fields("stripper/model.pxd", "Cut") == [f.name for f in fields(Cut)]
    context_init = (ROOT / "stripper/rules/engine.py").read_text(encoding="utf-8").split("class Context:")[1]
    context_init = context_init.split("def __init__(")[1].split("\n    def ")[0]
    set_in_init = sorted(set(re.findall(r"self\.(\w+)(?:: [^=]+)? = ", context_init)))
    assert sorted(_declared_fields("stripper/rules/engine.pxd", "Context")) == sorted(["__dict__", *set_in_init])
    lines = Lines(None, None, frozenset(), frozenset(), ())
    set_by_init = [name for name in dir(lines) if not name.startswith("_") and not callable(getattr(lines, name))]
    assert sorted(_declared_fields("stripper/generic/lines.pxd", "Lines")) == sorted(set_by_init)


@pytest.mark.parametrize("build", ["as imported", "as Python"])
def test_a_threshold_cannot_be_set_compiled_or_not(build):
    """Thresholds is frozen either way, and says so alike: compiled, its
    read-only members raised a bare AttributeError, not the dataclass's
    FrozenInstanceError (a subclass of it)."""
    from dataclasses import FrozenInstanceError, replace

    from stripper.generic import thresholds

    from .conftest import as_python

    module = thresholds if build == "as imported" else as_python(thresholds)
    t = module.Thresholds(good_words=18)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'good_words'"):
        t.good_words = 5
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'no_such_field'"):
        t.no_such_field = 5
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'good_words'"):
        del t.good_words
    assert t.good_words == 18 and replace(t, good_words=7).good_words == 7  # a changed copy is the way


def test_a_module_the_build_rejects_costs_only_its_own_speed(tmp_path, monkeypatch):
    """When compiling all the modules at once fails, the build compiles them
    one by one: a module Cython or the compiler rejects runs as Python, the
    others stay compiled. (The compiling itself is stubbed here: `make
    compile` runs it on every set-up.)"""
    hatch_build = _hatch_build()
    sources = {"stripper.fine": tmp_path / "fine.py", "stripper.broken": tmp_path / "broken.py"}
    calls = []

    def build(modules, work):
        calls.append(sorted(modules))
        if "stripper.broken" in modules:
            raise RuntimeError("Cython: cannot assign 'str' to 'int'")
        return {work / f"{name}.so": source for name, source in modules.items()}

    monkeypatch.setattr(hatch_build, "_build", build)
    built = hatch_build.build_extensions(sources, tmp_path / "work")
    assert calls == [["stripper.broken", "stripper.fine"], ["stripper.fine"], ["stripper.broken"]]
    assert list(built.values()) == [sources["stripper.fine"]]


def _hatch_build():
    sys.path.insert(0, str(ROOT))
    try:
        import hatch_build
    finally:
        sys.path.remove(str(ROOT))
    return hatch_build


def test_the_training_run_goes_through_the_compiled_modules(tmp_path, capsys):
    """The profile-guided compile's training run (hatch_build._train) cleans
    the bundled samples and training/ with a copy of the package whose
    compiled modules are the ones given: here the install's own, in place
    of the build's counted ones."""
    hatch_build = _hatch_build()
    counted = {binary: ROOT / (name.replace(".", "/") + ".py") for name, binary in _need_compiled().items()}
    hatch_build._train(counted, tmp_path / "train")
    documents = hatch_build.training_documents()
    assert len(documents) >= 8
    assert f"trained on {len(documents)} documents" in capsys.readouterr().err


def test_a_training_run_without_compiled_modules_fails(tmp_path):
    """Counts of modules that ran as Python would be none: the run says so,
    and the build compiles without counts (next test)."""
    with pytest.raises(RuntimeError, match="modules not compiled in the training run"):
        _hatch_build()._train({}, tmp_path / "train")


@pytest.mark.parametrize("no_profile", ["", "1"])
def test_a_failed_training_run_leaves_a_build_without_counts(tmp_path, monkeypatch, no_profile):
    """Where the profile-guided compile fails (another compiler, a training
    run that failed), or STRIPPER_NO_PROFILE_BUILD=1 is set, the C is
    compiled once, with no profile flags. (The compiler is stubbed: `make
    compile` runs the real one on every set-up.)"""
    hatch_build = _hatch_build()
    monkeypatch.setenv(hatch_build.NO_PROFILE_ENV, no_profile)
    compiles = []

    def compile_with(extensions, sources, work, flags):
        compiles.append(flags)
        return {work / "x.so": Path("x.py")}

    def train(counted, folder):
        raise RuntimeError("the training run failed: ImportError")

    monkeypatch.setattr(hatch_build, "_compile", compile_with)
    monkeypatch.setattr(hatch_build, "_train", train)
    built = hatch_build.compile_c([], {}, tmp_path)
    assert built == {tmp_path / "x.so": Path("x.py")}
    counting = [[f"-fprofile-generate={tmp_path / 'profile'}", "-fprofile-update=single"]]
    assert compiles == (counting if not no_profile else []) + [[]]
