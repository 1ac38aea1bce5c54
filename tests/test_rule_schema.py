"""Load-time validation: every broken rule file names file:line:column."""

import textwrap

import pytest

from stripper.errors import RuleError
from stripper.rules.schema import parse_rule_file


def parse(text):
    return parse_rule_file(textwrap.dedent(text), "x.yml")


def error_of(text) -> str:
    with pytest.raises(RuleError) as info:
        parse(text)
    return str(info.value)


GOOD_RULE = """\
site: demo
rules:
  - id: r
    kind: line
    category: share
    tokens: [Share]
"""


def test_good_file_parses():
    f = parse(GOOD_RULE)
    assert f.name == "demo" and f.rules[0].id == "demo/r" and f.rules[0].origin == "x.yml:3"


def test_unknown_key_with_suggestion():
    assert error_of(GOOD_RULE.replace("tokens:", "tokenz:")) == (
        "x.yml:6:5: unknown key 'tokenz' (did you mean 'tokens'?)"
    )


def test_missing_key():
    assert error_of(GOOD_RULE.replace("    category: share\n", "")) == "x.yml:3:5: missing key 'category'"


def test_empty_token_list():
    msg = error_of(GOOD_RULE.replace("[Share]", "[]"))
    assert msg.startswith("x.yml:6:13: 'tokens' must be a non-empty list")


def test_regex_that_does_not_compile():
    msg = error_of(GOOD_RULE.replace("tokens: [Share]", "raw: '(unclosed'"))
    assert msg.startswith("x.yml:6:10: regex does not compile")


def test_regex_matching_empty_string():
    msg = error_of(GOOD_RULE.replace("tokens: [Share]", "raw: '.*'"))
    assert msg == "x.yml:6:10: regex matches the empty string (it would match every line)"


def test_broken_yaml():
    msg = error_of("site: demo\nrules:\n  - id: [unclosed\n")
    assert msg.startswith("x.yml:4:1: invalid YAML")


def test_unknown_category_and_kind():
    assert "did you mean 'comments'" in error_of(GOOD_RULE.replace("category: share", "category: coments"))
    assert "unknown kind 'tial'" in error_of(GOOD_RULE.replace("kind: line", "kind: tial"))


def test_duplicate_rule_id():
    text = GOOD_RULE + "  - id: r\n    kind: line\n    category: share\n    tokens: [x]\n"
    assert error_of(text) == "x.yml:7:5: duplicate rule id 'r'"


def test_site_and_common_exclusive():
    assert "exactly one of" in error_of("site: a\ncommon: b\nrules: []\n")


def test_yaml_is_loaded_safely():
    assert "invalid" in error_of("site: !!python/object/apply:os.system ['true']\nrules: []\n")


def test_test_cases_need_an_expectation():
    text = GOOD_RULE + "tests:\n  - input: x\n"
    assert error_of(text) == "x.yml:8:5: a test needs 'expect' (output text) or 'cuts' (rule ids), or both"


def test_libyaml_gives_the_nodes_and_positions_of_pyyaml():
    """Rule files are parsed with libyaml when PyYAML has it (ten times
    quicker); its nodes and their positions must be PyYAML's own."""
    import yaml

    from .conftest import ROOT

    def walk(node, out):
        out.append(
            (
                type(node).__name__,
                node.tag,
                node.start_mark.line,
                node.start_mark.column,
                node.value if isinstance(node, yaml.ScalarNode) else None,
            )
        )
        for child in (
            node.value
            if isinstance(node, yaml.SequenceNode)
            else [n for pair in node.value for n in pair]
            if isinstance(node, yaml.MappingNode)
            else []
        ):
            walk(child, out)
        return out

    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML without libyaml: the pure-Python parser is used")
    for path in sorted((ROOT / "rules").rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert walk(yaml.compose(text, Loader=yaml.CSafeLoader), []) == walk(
            yaml.compose(text, Loader=yaml.SafeLoader), []
        ), path


def test_a_broken_rule_file_gets_pyyamls_wording(tmp_path):
    from stripper.errors import RuleError
    from stripper.rules.yamlpos import load

    with pytest.raises(RuleError) as caught:
        load("site: x\nrules:\n\t- id: y\n", "x.yml")
    assert "x.yml:3:1" in str(caught.value) and "found character '\\t'" in str(caught.value)
