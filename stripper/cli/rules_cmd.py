"""`stripper rules list|validate|test`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import RuleError
from ..rules.registry import RuleRegistry, bundled_rules_dir, load_rule_file, rule_file_paths
from ..rules.testing import run_all
from . import EXIT_ERROR, EXIT_FOUND, EXIT_OK
from .options import rules_option


@click.group("rules")
def rules_group():
    """List, validate and test rule files."""


@rules_group.command("list")
@rules_option
@click.option("-v", "--verbose", is_flag=True, help="List every rule, not only the files.")
def list_command(rule_dirs, verbose):
    """List the rule sets (common and per site) and where they come from."""
    registry = RuleRegistry.load(rule_dirs)
    for f in registry.all_files():
        kind = "common" if f.is_common else "site"
        matchers = ", ".join(sorted({m.kind for m in f.match})) or "-"
        click.echo(f"{f.name}\t{kind}\t{f.language or '-'}\t{len(f.rules)} rules\tmatch: {matchers}\t{f.path}")
        if verbose:
            for r in f.rules:
                click.echo(f"    {r.id}\t{r.kind}\t{r.category}\t{r.message}")


@rules_group.command("validate")
@rules_option
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def validate_command(rule_dirs, files):
    """Check rule files: every error as FILE:LINE:COLUMN: message.

    With FILES, check those files; else the bundled rules and --rules
    folders. Exit 2 when any file is broken."""
    paths = [Path(f) for f in files] or [
        p for d in [bundled_rules_dir(), *map(Path, rule_dirs)] for p in rule_file_paths(d)
    ]
    errors = 0
    for path in paths:
        try:
            load_rule_file(path)
        except RuleError as exc:
            click.echo(str(exc), err=True)
            errors += 1
    if not errors and not files:
        try:
            RuleRegistry.load(rule_dirs)
        except RuleError as exc:
            click.echo(str(exc), err=True)
            errors += 1
    if errors:
        sys.exit(EXIT_ERROR)
    click.echo(f"{len(paths)} rule files OK", err=True)
    sys.exit(EXIT_OK)


@rules_group.command("test")
@rules_option
@click.argument("names", nargs=-1)
def test_command(rule_dirs, names):
    """Run the test cases carried by rule files (all, or the named sets).

    Exit 1 when a case fails."""
    registry = RuleRegistry.load(rule_dirs)
    outcomes = run_all(registry, set(names) or None)
    failed = [o for o in outcomes if not o.ok]
    for o in outcomes:
        status = "ok  " if o.ok else "FAIL"
        click.echo(f"{status} {o.rule_file.name}: {o.test.name} ({o.test.origin})")
        if not o.ok:
            click.echo("     " + o.detail.replace("\n", "\n     "))
    click.echo(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed", err=True)
    sys.exit(EXIT_FOUND if failed else EXIT_OK)


commands = [rules_group]
