"""Options shared by the commands that clean documents."""

from __future__ import annotations

import click
from click.core import ParameterSource

from ..batch import CleanOptions
from ..config import load_config, valid_share
from ..pipeline import ENGINES, MAX_CUT_SHARE_DEFAULT
from ..rules.registry import RuleRegistry

INPUT_FORMATS = ("auto", "text", "html")


def deprecated_alias(old: str, new: str, dest: str, choices) -> click.Option:
    """A hidden option `old` that stands for `new` and says so on stderr.
    The command reads it as `dest` and passes it with `new`'s value to
    `renamed`."""

    def warn(ctx, param, value):
        if value is not None:
            click.echo(f"stripper: {old} is deprecated; use {new}", err=True)
        return value

    return click.option(
        old,
        dest,
        type=click.Choice(choices),
        default=None,
        hidden=True,
        callback=warn,
        help=f"Deprecated spelling of {new}.",
    )


def renamed(value, old_value, dest: str, old: str, new: str):
    """The value of the option `dest` (spelt `new`) given either spelling;
    both given must agree."""
    if old_value is None:
        return value
    ctx = click.get_current_context(silent=True)
    if ctx and ctx.get_parameter_source(dest) is ParameterSource.COMMANDLINE and value != old_value:
        raise click.UsageError(f"{old} (deprecated) and {new} disagree: give {new} only")
    return old_value


# --rules DIR: the cleaning commands' and `stripper rules`'
rules_option = click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    metavar="DIR",
    type=click.Path(exists=True, file_okay=False),
    help="Extra rule folder, read after the bundled rules (repeatable).",
)


def cleaning_options(func=None, *, format_alias=False):
    """--site, --rules, --no-site-rules, --no-generic, --encoding, the safety
    valve, the input format and the HTML engine. With `format_alias` (`clean`
    and `check`), `--format` is still read as the input format, deprecated."""
    if func is None:
        return lambda f: cleaning_options(f, format_alias=format_alias)
    if format_alias:
        func = deprecated_alias("--format", "--input-format", "deprecated_format", INPUT_FORMATS)(func)
    for option in reversed(
        [
            click.option("--site", metavar="NAME", help="Use this site's rules (skip site detection)."),
            rules_option,
            click.option(
                "--no-site-rules", is_flag=True, help="Turn off site-specific rules; common rules still apply."
            ),
            click.option("--no-generic", is_flag=True, help="Turn off the generic classifier: rules only."),
            click.option(
                "--encoding",
                metavar="NAME",
                help="Input encoding (default: a BOM, else UTF-8), e.g. windows-1256, "
                "or auto to detect a legacy encoding (reported).",
            ),
            click.option(
                "--max-cut-share",
                type=_Share(),
                default=None,
                metavar="SHARE",
                help="Safety valve: leave a document as it was (and report it) when cuts "
                "would remove more than this share of its characters.",
            ),
            click.option("--force", is_flag=True, help="Apply cuts even past the safety valve."),
            click.option(
                "--input-format",
                "input_format",
                type=click.Choice(INPUT_FORMATS),
                default="auto",
                show_default=True,
                help="Input format: auto tells HTML pages by their content.",
            ),
            click.option(
                "--engine",
                type=click.Choice(ENGINES),
                default="auto",
                show_default=True,
                help="HTML: who finds the article (stripper: its own port of readability's "
                "algorithm, the fastest; auto: the same, with trafilatura asked where the "
                "article is in doubt, the best on the bench; or trafilatura, or "
                "readability-lxml).",
            ),
            click.option("--no-config", is_flag=True, help="Ignore .stripper.yml / [tool.stripper] of the repository."),
        ]
    ):
        func = option(func)
    return func


class _Share(click.ParamType):
    """A number from 0 to 1 (click's FloatRange lets NaN through)."""

    name = "share"

    def convert(self, value, param, ctx):
        try:
            share = float(value)
        except (TypeError, ValueError):
            share = None
        if share is None or not valid_share(share):
            self.fail(f"{value!r} is not a number from 0 to 1", param, ctx)
        return share


def build(
    site,
    rule_dirs,
    no_site_rules,
    no_generic,
    encoding,
    no_config=False,
    max_cut_share=None,
    force=False,
    input_format="auto",
    engine="auto",
    deprecated_format=None,
    **extra,
) -> tuple[RuleRegistry, CleanOptions]:
    """The rule registry and cleaning options from the command line and the
    repository's configuration (the command line wins)."""
    input_format = renamed(input_format, deprecated_format, "input_format", "--format", "--input-format")
    config = None if no_config else load_config()
    registry = RuleRegistry.load([*(config.rule_dirs if config else ()), *rule_dirs])
    if site and site not in registry.sites:
        raise click.UsageError(f"unknown site '{site}' (known: {', '.join(sorted(registry.sites)) or 'none'})")
    options = CleanOptions(
        site=site,
        site_rules=not no_site_rules and not (config and config.site_rules is False),
        classifier=not no_generic and not (config and config.generic is False),
        encoding=encoding or (config.encoding if config else None),
        max_cut_share=None
        if force
        else _first(max_cut_share, config.max_cut_share if config else None, MAX_CUT_SHARE_DEFAULT),
        config=config,
        input_format=input_format,
        engine=engine,
        **extra,
    )
    return registry, options


def _first(*values):
    return next((v for v in values if v is not None), None)
