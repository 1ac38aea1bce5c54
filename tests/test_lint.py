"""The checks `make lint` runs, as far as pytest alone should hold them.

`make test` runs `make lint` (ruff check, ruff format --check on the files
already formatted, mypy on the public API) before pytest; these tests keep
`pytest` on its own from passing over an unused import, and hold the public
API to full annotations, which mypy's defaults do not ask for."""

import inspect
import subprocess
import sys
from pathlib import Path

import stripper

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_check_finds_nothing():
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def _unannotated(function) -> list[str]:
    """The parameters of `function` without an annotation, and 'return' when
    it has no return annotation."""
    annotations = function.__annotations__
    missing = [name for name in inspect.signature(function).parameters if name not in ("self", "cls")]
    missing = [name for name in missing if name not in annotations]
    return missing + ([] if "return" in annotations else ["return"])


def _is_function(value) -> bool:
    """A Python function, or one compiled by Cython (stripper/_native.py),
    which keeps its signature and annotations."""
    return inspect.isfunction(value) or type(value).__name__ == "cython_function_or_method"


def _public_functions():
    """Every function stripper/__init__.py exports, and the public methods and
    properties of the classes it exports."""
    for name in stripper.__all__:
        exported = getattr(stripper, name)
        if not inspect.isclass(exported):
            yield name, exported
            continue
        for attribute, value in vars(exported).items():
            if attribute.startswith("_") and attribute != "__init__":
                continue
            if isinstance(value, (classmethod, staticmethod)):
                value = value.__func__
            elif isinstance(value, property):
                value = value.fget
            elif hasattr(value, "func"):  # a cached property (model.cached)
                value = value.func
            if _is_function(value):
                yield f"{name}.{attribute}", value


def test_the_public_api_is_fully_annotated():
    found = dict(_public_functions())
    assert {"clean", "clean_text", "default_registry", "Document.from_text", "RuleRegistry.load"} <= set(found)
    missing = {name: gaps for name, function in found.items() if (gaps := _unannotated(function))}
    assert missing == {}


def test_make_test_lints_before_it_runs_pytest():
    """.ci/run calls `make test`: the lint must be part of it, and come first."""
    commands = subprocess.run(
        ["make", "-n", "test"], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.splitlines()

    def first(word: str) -> int:
        return next(i for i, line in enumerate(commands) if word in line)

    assert first("ruff check") < first("ruff format --check") < first("mypy") < first("pytest")
