"""pyflakes over the code: no unused imports or names, no undefined ones."""
from pathlib import Path

from pyflakes.api import checkPath
from pyflakes.reporter import Reporter

ROOT = Path(__file__).resolve().parent.parent


class _Collect(Reporter):
    def __init__(self):
        self.found: list[str] = []

    def unexpectedError(self, filename, msg):
        self.found.append(f"{filename}: {msg}")

    def syntaxError(self, filename, msg, lineno, offset, text):
        self.found.append(f"{filename}:{lineno}: {msg}")

    def flake(self, message):
        self.found.append(str(message))


def test_pyflakes_finds_nothing():
    reporter = _Collect()
    for folder in ("stripper", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            checkPath(str(path), reporter)
    assert reporter.found == []
