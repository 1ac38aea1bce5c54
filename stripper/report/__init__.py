"""Reporters: every view of what was cut is rendered from (document, cuts).

- `terminal.render_result`: the coloured diff of one document (rich).
- `stat.Tally` / `stat_tables`: a batch summary per category and rule.
- `unified.unified_diff`: a plain unified diff patch(1) can apply.
- `jsonout.to_json` / `replay`: every cut as JSON, and its exact replay.
- `html.render_html`: one self-contained page for a batch.
- `plain.render_plain`: a plain listing of the cuts.
"""
from .html import render_html
from .jsonout import ReplayError, replay, to_json
from .plain import render_plain
from .stat import Tally, stat_tables
from .terminal import print_result, render_result
from .unified import unified_diff
from .view import CONTEXT_DEFAULT

__all__ = ["CONTEXT_DEFAULT", "ReplayError", "Tally", "render_html", "render_plain", "print_result", "render_result",
           "replay", "stat_tables", "to_json", "unified_diff"]
