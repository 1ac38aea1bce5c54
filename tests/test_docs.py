"""The README is for users: its commands exist, its links resolve, and it
holds no clock time, issue number or path outside the repository."""

import re
from pathlib import Path

from stripper.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_first_two_commands_are_make_demo_and_make_test():
    commands = re.findall(r"^(make \w+)", README, flags=re.M)
    assert commands[:2] == ["make demo", "make test"]


def test_every_stripper_command_in_the_readme_exists():
    blocks = "\n".join(re.findall(r"^```sh\n(.*?)^```", README, flags=re.M | re.S))
    used = set(re.findall(r"^stripper (\w+)", blocks, flags=re.M))
    used |= set(re.findall(r"`stripper (\w+)", README))
    assert used and used <= set(COMMANDS), used - set(COMMANDS)


def test_every_relative_link_resolves():
    for document in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = document.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if "://" not in target:
                assert (document.parent / target).exists(), f"{document.name}: {target}"


def test_no_clock_time_issue_number_or_outside_path():
    assert not re.search(r"\b\d{1,2}:\d{2}\b", README), "a clock time"
    assert not re.search(r"\bissues? #?\d+", README, flags=re.I), "an issue number"
    assert "../" not in README, "a path outside the repository"


def test_the_readmes_site_rule_passes_its_own_cases(tmp_path):
    from stripper.rules.registry import RuleRegistry
    from stripper.rules.testing import run_all

    rule_file = re.search(r"^```yaml\n(site: .*?)^```", README, flags=re.M | re.S).group(1)
    (tmp_path / "example.yml").write_text(rule_file, encoding="utf-8")
    registry = RuleRegistry.load([tmp_path])
    site = re.match(r"site: (\S+)", rule_file).group(1)
    outcomes = run_all(registry, [site])
    assert len(outcomes) == 2 and all(outcome.ok for outcome in outcomes), [o.detail for o in outcomes]
