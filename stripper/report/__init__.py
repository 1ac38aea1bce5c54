"""Reporters: every view of what was cut is rendered from (document, cuts).

- `terminal.render_result`: the coloured diff of one document (rich).
- `stat.Tally` / `stat_tables`: a batch summary per category and rule.
- `unified.unified_diff`: a plain unified diff patch(1) can apply.
- `jsonout.to_json` / `replay`: every cut as JSON, and its exact replay.
- `html.render_html`: one self-contained page for a batch.
- `plain.render_plain`: a plain listing of the cuts.
"""

import importlib

from .view import CONTEXT_DEFAULT

# Loaded on first use: the command line imports this package at start-up,
# and rich's tables and the HTML page are not needed to clean a file.
_EXPORTS = {
    "render_html": "html",
    "ReplayError": "jsonout",
    "replay": "jsonout",
    "to_json": "jsonout",
    "render_plain": "plain",
    "Tally": "stat",
    "stat_tables": "stat",
    "print_result": "terminal",
    "render_result": "terminal",
    "unified_diff": "unified",
}


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)


__all__ = [
    "CONTEXT_DEFAULT",
    "ReplayError",
    "Tally",
    "render_html",
    "render_plain",
    "print_result",
    "render_result",
    "replay",
    "stat_tables",
    "to_json",
    "unified_diff",
]
