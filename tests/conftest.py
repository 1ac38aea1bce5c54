"""Shared fixtures. Data in ../shared is read in place, never copied.

Tests that need ../shared skip when it is missing on a developer's machine,
but fail loudly under CI (env CI set), where it must be present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("STRIPPER_SHARED", ROOT.parent / "shared"))


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


def seed_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))
