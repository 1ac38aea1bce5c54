"""Shared fixtures. Data in ../shared is read in place, never copied.

Tests that need ../shared skip when it is missing on a developer's machine,
but fail loudly under CI (env CI set), where it must be present."""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("STRIPPER_SHARED", ROOT.parent / "shared"))

# The rule cache (stripper/rules/cache.py) of this session's processes and
# of the commands they start: a folder of the session's, removed at its end,
# never the user's cache folder.
_RULE_CACHE = tempfile.mkdtemp(prefix="stripper-tests-cache-")
os.environ["STRIPPER_CACHE_DIR"] = _RULE_CACHE
os.environ.pop("STRIPPER_NO_CACHE", None)
atexit.register(shutil.rmtree, _RULE_CACHE, ignore_errors=True)


def require_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared beside the project", pytrace=False)
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def registry():
    from stripper import default_registry

    return default_registry()


def printed_json(program: str, env: dict[str, str]):
    """What `program` prints as JSON, run by this Python in a new process
    from the repository's root, with the environment `env`."""
    done = subprocess.run(
        [sys.executable, "-c", program], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def seed_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


def as_python(module: ModuleType) -> ModuleType:
    """A second copy of `module` run from its .py as Python, whether or not
    the one imported is compiled: the way its compiled-only loops are
    checked against the .py's."""
    path = Path(module.__file__).with_name(module.__name__.rsplit(".", 1)[-1] + ".py")
    name = f"{module.__name__}_as_python"
    spec = importlib.util.spec_from_file_location(name, path)
    copy = importlib.util.module_from_spec(spec)
    sys.modules[name] = copy
    try:
        spec.loader.exec_module(copy)
    finally:
        del sys.modules[name]
    return copy
