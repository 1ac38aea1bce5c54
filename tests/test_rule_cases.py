"""The test cases that rule files carry, one pytest case each."""

import pytest

from stripper.rules.registry import RuleRegistry
from stripper.rules.testing import run_rule_test

_REGISTRY = RuleRegistry.load()
CASES = [(f, t) for f in _REGISTRY.all_files() for t in f.tests]


def test_every_bundled_rule_file_has_cases():
    assert all(f.tests for f in _REGISTRY.all_files())


@pytest.mark.parametrize("rule_file,case", CASES, ids=[f"{f.name}: {t.name}" for f, t in CASES])
def test_rule_file_case(rule_file, case):
    outcome = run_rule_test(_REGISTRY, rule_file, case)
    assert outcome.ok, outcome.detail
