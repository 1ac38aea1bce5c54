"""Checks of the pipeline's invariants, shared by example and property tests."""

from stripper.model import CleanResult, Document


def is_in_order_subsequence(result: CleanResult) -> bool:
    """Output lines are input lines, in order; a line with an inline cut may
    stand in changed at its own place."""
    doc = result.document
    inline = {c.start for c in result.cuts if c.span}
    j = 0
    for line in Document.from_text(result.text).lines:  # str.splitlines knows more breaks
        while j < len(doc.lines) and j not in inline and doc.lines[j] != line:
            j += 1
        if j >= len(doc.lines):
            return False
        j += 1
    return True
