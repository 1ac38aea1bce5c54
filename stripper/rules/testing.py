"""Run the test cases that rule files carry (`tests:`).

A site file's cases run with that site forced; a common file's cases run with
the common rules of its language only. The generic classifier is off: a rule
test tests rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import StripperError
from ..model import Document
from ..pipeline import clean
from .registry import RuleRegistry
from .schema import RuleFile, RuleTest


@dataclass(frozen=True)
class TestOutcome:
    rule_file: RuleFile
    test: RuleTest
    ok: bool
    detail: str = ""


def run_rule_test(registry: RuleRegistry, rule_file: RuleFile, test: RuleTest) -> TestOutcome:
    doc = Document.from_text(test.input, source=test.origin)
    try:
        if rule_file.is_common:
            result = clean(doc, registry, site_rules=False, classifier=False, language=rule_file.language)
        else:
            result = clean(doc, registry, site=rule_file.name, classifier=False, language=rule_file.language or "und")
    except StripperError as exc:
        return TestOutcome(rule_file, test, False, str(exc))
    problems = []
    if test.expect is not None and result.text != test.expect:
        problems.append(f"output differs:\n--- expected\n{test.expect}--- got\n{result.text}")
    if test.cuts is not None:
        got = tuple(c.rule_id for c in result.cuts)
        if got != test.cuts:
            problems.append(f"cuts differ: expected {list(test.cuts)}, got {list(got)}")
    return TestOutcome(rule_file, test, not problems, "\n".join(problems))


def run_all(registry: RuleRegistry, names=None) -> list[TestOutcome]:
    outcomes = []
    for rule_file in registry.all_files():
        if names and rule_file.name not in names:
            continue
        for test in rule_file.tests:
            outcomes.append(run_rule_test(registry, rule_file, test))
    return outcomes
