"""A plain unified diff of input against output, readable by `patch` and
any diff viewer. Each hunk header names the rules whose cuts it shows, in
the place git puts a function name:

    @@ -1,3 +1,1 @@ worldpressarabic/logo [branding]
"""

from __future__ import annotations

from ..assemble import kept_lines
from ..model import CleanResult

CONTEXT_DEFAULT = 3
NO_NEWLINE = "\\ No newline at end of file\n"

# Operations: (tag, old index or None, new index or None); tag in " -+".


def unified_diff(result: CleanResult, path: str | None = None, context: int = CONTEXT_DEFAULT) -> str:
    """The diff from the input to the output. Empty when nothing changes
    (also when the safety valve held the cuts back)."""
    if not result.changed:
        return ""
    doc = result.document
    path = path or doc.source
    old = [line + end for line, end in zip(doc.lines, doc.endings)]
    out_lines = kept_lines(doc, result.cuts)
    new = [text + end for _, text, end in out_lines]
    ops = _ops(old, [i for i, _, _ in out_lines], new)
    rules_at = _rules_by_line(result)
    text = [f"--- a/{path}\n", f"+++ b/{path}\n"]
    for lo, hi in _hunks(ops, context):
        hunk = ops[lo:hi]
        o_lines = [o for t, o, _ in hunk if t != "+"]
        n_lines = [n for t, _, n in hunk if t != "-"]
        o_start = (o_lines[0] + 1) if o_lines else _before(ops, lo, 1)
        n_start = (n_lines[0] + 1) if n_lines else _before(ops, lo, 2)
        names = []
        for t, o, _ in hunk:
            if t == "-":
                for name in rules_at.get(o, ()):
                    if name not in names:
                        names.append(name)
        text.append(
            f"@@ -{_range(o_start, len(o_lines))} +{_range(n_start, len(n_lines))} @@ {', '.join(names)}".rstrip()
            + "\n"
        )
        for t, o, n in hunk:
            line = old[o] if t != "+" else new[n]
            text.append(_line(t, line))
    return "".join(text)


def _line(tag: str, line: str) -> str:
    if line.endswith(("\n", "\r")):
        return tag + line if line.endswith("\n") else tag + line + "\n"
    return tag + line + "\n" + NO_NEWLINE


def _ops(old, kept_index, new):
    """Walk the input; a kept line that changed (an inline cut, or the final
    newline dropped with the lines after it) is a deletion and an insertion."""
    ops = []
    k = 0
    for i in range(len(old)):
        if k < len(kept_index) and kept_index[k] == i:
            if new[k] == old[i]:
                ops.append((" ", i, k))
            else:
                ops += [("-", i, None), ("+", None, k)]
            k += 1
        else:
            ops.append(("-", i, None))
    return ops


def _hunks(ops, context):
    changed = [j for j, (t, _, _) in enumerate(ops) if t != " "]
    hunks: list[list[int]] = []
    for j in changed:
        lo, hi = max(0, j - context), min(len(ops), j + context + 1)
        if hunks and lo <= hunks[-1][1]:
            hunks[-1][1] = hi
        else:
            hunks.append([lo, hi])
    return [tuple(h) for h in hunks]


def _before(ops, lo, which):
    """The 1-based line number a zero-length side of a hunk sits after."""
    for op in reversed(ops[:lo]):
        if op[which] is not None:
            return op[which] + 1
    return 0


def _range(start: int, count: int) -> str:
    return f"{start}" if count == 1 else f"{start},{count}"


def _rules_by_line(result: CleanResult) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for cut in result.cuts:
        for i in cut.lines():
            names.setdefault(i, []).append(f"{cut.rule_id} [{cut.category}]")
    return names
