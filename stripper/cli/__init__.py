"""The `stripper` command: a thin click layer over the library.

Each sub-command lives in a module listed in COMMAND_MODULES, which
exports its click commands as `commands`.
stdout carries data only; messages go to stderr. Exit codes: 0 nothing cut
or changed, 1 cut found or files changed, 2 an error (after the rest of a
batch was done), 130 interrupted.
"""
from __future__ import annotations

import importlib
import sys

import click

from ..errors import StripperError

EXIT_OK, EXIT_FOUND, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

COMMAND_MODULES = ["clean", "diff", "rules_cmd", "eval_cmd", "report_cmd", "explain", "learn"]


class _Group(click.Group):
    """Turns a StripperError anywhere below into one line and exit 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StripperError as exc:
            click.echo(f"stripper: error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="stripper")
def cli() -> None:
    """Strip boilerplate (menus, share buttons, "read also" insertions,
    related-article tails, comment forms, footers) from scraped article
    dumps, with every cut attributed to the rule or classifier decision that
    made it."""


for _name in COMMAND_MODULES:
    _module = importlib.import_module(f".{_name}", __name__)
    for _command in _module.commands:
        cli.add_command(_command)


def main() -> None:
    try:
        cli(prog_name="stripper")
    except KeyboardInterrupt:
        click.echo("stripper: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
