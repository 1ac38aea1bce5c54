"""The `stripper` command: a thin click layer over the library.

Each sub-command lives in a module named in COMMANDS, which exports its
click commands as `commands`; a module is imported when one of its commands
runs (the pre-commit hook's `check` imports no report, learning or scoring
code), or all of them for the help.
stdout carries data only; messages go to stderr. Exit codes: 0 nothing cut
or changed, 1 cut found or files changed, 2 an error (after the rest of a
batch was done), 130 interrupted.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys

import click

from .. import dataclass_code, pattern_code
from ..errors import StripperError
from ..listing import abandon_early

EXIT_OK, EXIT_FOUND, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

# command name -> the module that defines it (tests/test_cli.py checks both ways)
COMMANDS = {
    "clean": "clean",
    "check": "clean",
    "diff": "diff",
    "rules": "rules_cmd",
    "eval": "eval_cmd",
    "report": "report_cmd",
    "explain": "explain",
    "learn": "learn",
}


class _Group(click.Group):
    """Loads a command's module when the command is asked for, and turns a
    StripperError anywhere below into one line and exit 2."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    # Set by `main`, where this process is the command's: once a command's
    # module is loaded, the objects made so far (modules, classes, tables:
    # they live as long as the process) are moved out of the garbage
    # collector's sight (gc.freeze), so that no collection walks them again,
    # nor the one at exit. Collections walking them cost `stripper check`
    # on one file 28 million instructions (of 592 million). The collector is
    # held off while they load and turned on after (the command's process
    # wants it on: an HTML page leaves a few reference cycles).
    freeze_after_load = False

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        if not self.freeze_after_load:
            module = importlib.import_module(f".{COMMANDS[name]}", __name__)
        else:
            gc.disable()  # (as the command's entry point holds it: stripper/__main__.py)
            try:
                module = importlib.import_module(f".{COMMANDS[name]}", __name__)
            finally:
                dataclass_code.forget()
                gc.freeze()
                gc.enable()
        return next(command for command in module.commands if command.name == name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StripperError as exc:
            click.echo(f"stripper: error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except BrokenPipeError:  # before click's main, which would exit 1 and say nothing
            _output_closed()
            ctx.exit(EXIT_ERROR)


def _version(ctx: click.Context, _param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    from .._native import build_kind

    click.echo(f"stripper {version('stripper')}, {build_kind()}")
    ctx.exit()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Show the version, whether it runs compiled or in pure Python, and exit.",
)
def cli() -> None:
    """Strip boilerplate (menus, share buttons, "read also" insertions,
    related-article tails, comment forms, footers) from scraped article
    dumps, with every cut attributed to the rule or classifier decision that
    made it."""


def main() -> None:
    try:
        _main()
    except SystemExit as done:
        _exit_at_once(done)


def _main() -> None:
    _open_standard_streams()
    cli.freeze_after_load = True
    try:
        cli(prog_name="stripper")
    except KeyboardInterrupt:
        click.echo("stripper: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        _output_closed()
        sys.exit(EXIT_ERROR)


def _exit_at_once(done: SystemExit) -> None:
    """End the process with the command's exit code once stdout and stderr
    are flushed, without the interpreter's teardown: freeing every module
    and object cost each run 34 million instructions (9 ms; as much as a
    tunisia-news file's cleaning). The patterns compiled anew are kept for
    the next start (stripper/pattern_code.py). Every file a command writes
    is closed (and renamed) by then, its workers are waited for, and a
    helper still listing a folder early (stripper/listing.py) is ended. A
    code that is not a number, or a stream that cannot be flushed, ends the
    usual way (which reports it)."""
    code = done.code
    abandon_early()
    pattern_code.keep()
    if code is not None and not isinstance(code, int):
        raise done
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        raise done from None
    os._exit(code or 0)


def _output_closed() -> None:
    """stdout was closed by its reader (`| head`): the output is cut short."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # what is still buffered goes nowhere at exit
    click.echo("stripper: error: the output was closed before it was all written", err=True)


def _open_standard_streams() -> None:
    """A closed stdin, stdout or stderr (`2>&-`) becomes /dev/null: else the
    next file opened would take its number, and a message meant for stderr
    could land in a file being written."""
    for fd, name in enumerate(("stdin", "stdout", "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)
        if getattr(sys, name) is None:  # Python found it closed at start
            setattr(sys, name, open(fd, "r" if fd == 0 else "w", closefd=False))
