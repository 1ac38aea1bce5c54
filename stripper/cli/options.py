"""Options shared by the commands that clean documents."""
from __future__ import annotations

import click

from ..batch import CleanOptions
from ..config import load_config, valid_share
from ..pipeline import ENGINES, MAX_CUT_SHARE_DEFAULT
from ..rules.registry import RuleRegistry


def cleaning_options(func=None, *, format_names=("--input-format",)):
    """--site, --rules, --no-site-rules, --no-generic, --encoding, the safety
    valve, the input format and the HTML engine. `clean` and `check` also
    take the input format as `--format`; `diff` has its own `--format`."""
    if func is None:
        return lambda f: cleaning_options(f, format_names=format_names)
    for option in reversed([
        click.option("--site", metavar="NAME", help="Use this site's rules (skip site detection)."),
        click.option("--rules", "rule_dirs", multiple=True, metavar="DIR",
                     type=click.Path(exists=True, file_okay=False),
                     help="Extra rule folder, read after the bundled rules (repeatable)."),
        click.option("--no-site-rules", is_flag=True,
                     help="Turn off site-specific rules; common rules still apply."),
        click.option("--no-generic", is_flag=True,
                     help="Turn off the generic classifier: rules only."),
        click.option("--encoding", metavar="NAME",
                     help="Input encoding (default: a BOM, else UTF-8), e.g. windows-1256, or auto to detect a legacy encoding (reported)."),
        click.option("--max-cut-share", type=_Share(), default=None, metavar="SHARE",
                     help="Safety valve: leave a document as it was (and report it) when cuts "
                          "would remove more than this share of its characters."),
        click.option("--force", is_flag=True, help="Apply cuts even past the safety valve."),
        click.option(*format_names, "input_format", type=click.Choice(["auto", "text", "html"]),
                     default="auto", show_default=True,
                     help="Input format: auto tells HTML pages by their content."),
        click.option("--engine", type=click.Choice(ENGINES),
                     default="auto", show_default=True,
                     help="HTML: who finds the article (stripper: its own port of readability's "
                          "algorithm, the fastest; auto: the same, with trafilatura asked where the "
                          "article is in doubt, the best on the bench; or trafilatura, or "
                          "readability-lxml)."),
        click.option("--no-config", is_flag=True,
                     help="Ignore .stripper.yml / [tool.stripper] of the repository."),
    ]):
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


def build(site, rule_dirs, no_site_rules, no_generic, encoding, no_config=False,
          max_cut_share=None, force=False, input_format="auto", engine="auto",
          **extra) -> tuple[RuleRegistry, CleanOptions]:
    """The rule registry and cleaning options from the command line and the
    repository's configuration (the command line wins)."""
    config = None if no_config else load_config()
    registry = RuleRegistry.load([*(config.rule_dirs if config else ()), *rule_dirs])
    if site and site not in registry.sites:
        raise click.UsageError(f"unknown site '{site}' (known: {', '.join(sorted(registry.sites)) or 'none'})")
    options = CleanOptions(
        site=site,
        site_rules=not no_site_rules and not (config and config.site_rules is False),
        classifier=not no_generic and not (config and config.generic is False),
        encoding=encoding or (config.encoding if config else None),
        max_cut_share=None if force else _first(max_cut_share, config.max_cut_share if config else None,
                                                MAX_CUT_SHARE_DEFAULT),
        config=config,
        input_format=input_format,
        engine=engine,
        **extra)
    return registry, options


def _first(*values):
    return next((v for v in values if v is not None), None)
