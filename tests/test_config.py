"""Per-repository configuration: .stripper.yml and [tool.stripper]."""

import pytest
from click.testing import CliRunner

from stripper.cli import cli
from stripper.config import load_config
from stripper.errors import RuleError

SITE_RULES = (
    "site: mysite\nrules:\n  - id: logo\n    kind: line\n    category: branding\n"
    '    tokens: [MY LOGO]\ntests:\n  - input: "MY LOGO\\n"\n    expect: ""\n'
)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "mysite.yml").write_text(SITE_RULES)
    (tmp_path / "news" / "mysite").mkdir(parents=True)
    (tmp_path / "news" / "mysite" / "a.txt").write_text("MY LOGO\nBody line.\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "b.txt").write_text("Loading...\nDraft.\n")
    monkeypatch.chdir(tmp_path / "news")
    return tmp_path


def test_yaml_config_sets_rules_site_and_exclusions(repo):
    (repo / ".stripper.yml").write_text(
        "rules: [my-rules]\nsites:\n  - {path: 'news/mysite/**', site: mysite}\nexclude: ['drafts/**']\n"
    )
    config = load_config()
    assert config.root == repo
    assert config.site_for(str(repo / "news" / "mysite" / "a.txt")) == "mysite"
    assert config.excluded(str(repo / "drafts" / "b.txt"))
    result = CliRunner().invoke(cli, ["check", str(repo)])
    assert result.exit_code == 1
    assert "mysite/logo" in result.output and "b.txt" not in result.output


def test_pyproject_section(repo):
    (repo / "pyproject.toml").write_text(
        "[tool.stripper]\nrules = ['my-rules']\nsites = [{path = 'news/**', site = 'mysite'}]\ngeneric = false\n"
    )
    config = load_config()
    assert config.generic is False and config.sites == (("news/**", "mysite"),)


def test_bad_config_names_the_file(repo):
    (repo / ".stripper.yml").write_text("rulez: []\n")
    with pytest.raises(RuleError, match=r"\.stripper\.yml:1:1: unknown key 'rulez'"):
        load_config()
    result = CliRunner().invoke(cli, ["check", str(repo)])
    assert result.exit_code == 2 and "unknown key 'rulez'" in result.output


def test_no_config_flag(repo):
    (repo / ".stripper.yml").write_text("exclude: ['drafts/**']\n")
    result = CliRunner().invoke(cli, ["check", "--no-config", str(repo / "drafts")])
    assert "b.txt" in result.output


def test_explain_says_a_file_is_excluded_rather_than_failing(repo):
    (repo / ".stripper.yml").write_text("exclude: ['drafts/**']\n")
    draft = str(repo / "drafts" / "b.txt")
    result = CliRunner().invoke(cli, ["explain", draft])
    assert (result.exit_code, result.stdout) == (0, "")  # an AttributeError before
    assert result.stderr == f"stripper: {draft}: excluded by the repository's configuration (--no-config explains it)\n"
    assert CliRunner().invoke(cli, ["explain", "--no-config", draft]).stdout.startswith(f"{draft}: language")


@pytest.mark.parametrize(
    "text, message",
    [
        ("sites: 3\n", "'sites' must be a list"),
        ("sites: {path: 'a/**', site: s}\n", "'sites' must be a list"),
        ("encoding: 3\n", "'encoding' must be the name of a text encoding"),
        ("rules: x\n", "'rules' must be a list of folders"),
    ],
)
def test_a_value_of_the_wrong_type_is_one_line_naming_the_file(repo, text, message):
    (repo / ".stripper.yml").write_text(text)
    with pytest.raises(RuleError, match=r"\.stripper\.yml:1:\d+: " + message):
        load_config()
    result = CliRunner().invoke(cli, ["check", str(repo)])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
