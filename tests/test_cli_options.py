"""Option names: `--input-format` is what clean and check read, `--output-format`
what diff writes; the old `--format` spelling of both still works and says,
on stderr, that it is deprecated."""

import json

import pytest
from click.testing import CliRunner

from stripper.cli import cli

from .conftest import seed_paths

PAGE = (
    "<html><head><title>A page</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<article><h1>The headline of the story</h1>"
    "<p>The first paragraph of the story tells what happened, where it happened and who was there.</p>"
    "<p>The second paragraph goes on with what the people who were there said about it afterwards.</p>"
    "</article><footer>Copyright 2026 The Site</footer></body></html>\n"
)


def run(*args):
    return CliRunner().invoke(cli, [*map(str, args), "--no-config"], catch_exceptions=False)


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["clean", "check"])
def test_input_format_under_either_spelling(command, page):
    new = run(command, "--input-format", "text", page)
    old = run(command, "--format", "text", page)
    assert (old.exit_code, old.stdout) == (new.exit_code, new.stdout)
    assert new.stderr == ""
    assert "stripper: --format is deprecated; use --input-format" in old.stderr.splitlines()


def test_input_format_decides_how_a_page_is_read(page):
    as_text = run("clean", "--input-format", "text", page).stdout
    as_html = run("clean", "--input-format", "html", page).stdout
    assert "<p>" in as_text and "<p>" not in as_html
    assert "The second paragraph goes on" in as_html


def test_diff_output_format_under_either_spelling():
    seed = seed_paths()[0]
    new = run("diff", "--output-format", "json", seed)
    old = run("diff", "--format", "json", seed)
    assert (old.exit_code, old.stdout) == (new.exit_code, new.stdout) and new.exit_code == 1
    assert json.loads(new.stdout)["cuts"]
    assert new.stderr == ""
    assert "stripper: --format is deprecated; use --output-format" in old.stderr.splitlines()


def test_both_spellings_must_agree(page):
    seed = seed_paths()[0]
    agree = run("diff", "--format", "json", "--output-format", "json", seed)
    assert agree.exit_code == 1 and json.loads(agree.stdout)["cuts"]
    clash = run("diff", "--format", "json", "--output-format", "unified", seed)
    assert clash.exit_code == 2 and "give --output-format only" in clash.stderr
    clash = run("clean", "--format", "html", "--input-format", "text", page)
    assert clash.exit_code == 2 and "give --input-format only" in clash.stderr


@pytest.mark.parametrize(
    ("command", "shown"),
    [("clean", "--input-format"), ("check", "--input-format"), ("diff", "--output-format"), ("diff", "--input-format")],
)
def test_help_shows_the_new_names_only(command, shown):
    help_text = run(command, "--help").stdout
    assert shown in help_text
    assert "--format" not in help_text.replace("--input-format", "").replace("--output-format", "")
