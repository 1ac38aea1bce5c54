"""The one definition of a sentence's end, for the rules and the classifier."""

from __future__ import annotations

import re

# A stop (Arabic "؟" and CJK "。！？" included, the ellipsis too), then any
# closing quotes and brackets.
SENTENCE_END = re.compile(r"[.!?؟。！？…][\"'”’»)\]]*$")


def ends_sentence(text: str) -> bool:
    """Whether `text` (a line, or its last characters) ends like a sentence."""
    return SENTENCE_END.search(text) is not None


def ends_paragraph(text: str) -> bool:
    """A sentence's end, or a colon that announces what follows."""
    return text.rstrip().endswith((":", "：")) or ends_sentence(text)
