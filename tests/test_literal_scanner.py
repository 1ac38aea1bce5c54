"""The rules' literal scanner (stripper/rules/patterns.py, LiteralScanner)
finds exactly the literals a text holds, as searching for each would:
the module as imported (compiled where built) and its .py run as Python."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from stripper.model import Document
from stripper.rules import patterns

from .conftest import as_python, require_shared

SCANNERS = {"as imported": patterns.LiteralScanner, "as Python": as_python(patterns).LiteralScanner}
_CHARS = st.sampled_from(list("ab\n :©ـاي") + ["\U0001f600", "\uffff", "\U00010000"])
LITERALS = st.lists(st.text(_CHARS, max_size=5), max_size=12)
TEXTS = st.text(st.one_of(_CHARS, st.characters(codec="utf-8", exclude_categories=("Cs",))), max_size=60)
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "400"))  # `make fuzz` raises it


@pytest.mark.parametrize("name", SCANNERS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(literals=LITERALS, text=TEXTS)
def test_the_scanner_finds_what_a_search_finds(name, literals, text):
    scanner = SCANNERS[name].for_literals(literals, build=True)
    assert scanner.known == {literal for literal in literals if literal}
    assert scanner.scan(text) == {literal for literal in scanner.known if literal in text}


def searched_lines(literal: str, text: str) -> list[int]:
    """The lines a search finds `literal` on: the line of each match's start
    (a "\\n" opens the line after it; line 0 follows the text's first)."""
    found, at = set(), text.find(literal)
    while at >= 0:
        found.add(text.count("\n", 0, at + 1) - 1)
        at = text.find(literal, at + 1)
    return sorted(found)


@pytest.mark.parametrize("name", SCANNERS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(literals=LITERALS, text=TEXTS)
def test_the_scanner_finds_the_lines_a_search_finds(name, literals, text):
    """For literals with no "\\n" past their first character (those whose
    lines the rules take from the scan)."""
    scanner = SCANNERS[name].for_literals(literals, build=True)
    found = scanner.lines_holding(text)
    assert set(found) == {literal for literal in scanner.known if literal in text}
    for literal, lines in found.items():
        if "\n" not in literal[1:]:
            assert lines == searched_lines(literal, text), literal


@pytest.mark.parametrize("name", SCANNERS)
def test_overlapping_and_nested_literals(name):
    literals = ["he", "she", "his", "hers", "\nread more", "ايضا", "شاهد ايضا", "\U0001f600x"]
    scanner = SCANNERS[name].for_literals(literals, build=True)
    assert scanner.scan("ushers\nread more شاهد ايضا \U0001f600x") == {
        "he",
        "she",
        "hers",
        "\nread more",
        "ايضا",
        "شاهد ايضا",
        "\U0001f600x",
    }
    assert scanner.scan("") == frozenset()


def test_the_rules_scanner_on_bench_train_dumps(registry):
    """On every 10th bench-train dump, the scanner of the rules' literals
    finds in the folded text what searching for each finds."""
    scanner = patterns.LiteralScanner.for_literals(
        (
            literal
            for f in registry.all_files()
            for r in f.rules
            if (lead := r.pattern or r.marker or r.start) is not None and not lead.token_set
            for needed in lead.literals
            for literal in needed
        ),
        build=True,
    )
    dumps = sorted(require_shared("bench-train").glob("*/dump/*.txt"))[::10]
    assert len(dumps) > 100 and len(scanner.known) > 100
    for path in dumps:
        text = Document.from_text(path.read_text(encoding="utf-8")).folded_text
        assert scanner.scan(text) == {literal for literal in scanner.known if literal in text}, str(path)
