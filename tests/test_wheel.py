"""The bundled rules ship inside the wheel and work from an installed copy."""

import os
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT, seed_paths


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (path,) = out.glob("stripper-*.whl")
    return path


def test_wheel_contains_the_rules(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for rel in ("rules/common/ar.yml", "rules/common/any.yml", "rules/sites/saraynews.yml"):
        assert f"stripper/_{rel}" in names


def test_installed_wheel_cleans_with_bundled_rules(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import stripper, sys; from stripper.rules.registry import bundled_rules_dir; "
        "print(stripper.__file__); print(bundled_rules_dir())"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    module_file, rules_dir = proc.stdout.split()
    assert module_file.startswith(str(target)) and rules_dir.startswith(str(target))
    proc = subprocess.run(
        [sys.executable, "-m", "stripper", "check", str(seed_paths()[0])],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1 and "worldpressarabic/logo" in proc.stdout, proc.stderr


def test_wheel_ships_the_declarations_its_compiled_modules_were_built_against(wheel, tmp_path):
    """The compiled files' names hash the .pxd files too: without them in
    the wheel, an installed copy would run every module from its .py."""
    from stripper import _native

    names = zipfile.ZipFile(wheel).namelist()
    for declaration in _native.DECLARATIONS:
        assert declaration in names
    binaries = [n for n in names if n.endswith(".so") or n.endswith(".pyd")]
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop(_native.PURE_PYTHON_ENV, None)
    said = subprocess.run(
        [sys.executable, "-m", "stripper", "--version"], cwd=tmp_path, env=env, capture_output=True, text=True
    ).stdout
    if binaries:
        assert f"compiled ({len(_native.COMPILED)} modules, Cython)" in said, said
