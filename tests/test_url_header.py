"""A URL alone on a document's first line (its header: the site is read
from it, and it is never cut) is told as the regex that defines it."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from stripper.model import Document, url_alone
from stripper.rules.registry import document_url, url_header_line

_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$")  # what url_alone stands for

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "400"))  # `make fuzz` raises it
_PIECES = st.sampled_from(
    [
        "http://",
        "https://",
        "http:/",
        "https:",
        "www.",
        "a",
        "/",
        " ",
        "\t",
        "\u00a0",
        "\u2028",
        "\x1c",
        "\x85",
        "s",
        ":",
    ]
)
LINES = st.lists(st.one_of(_PIECES, st.characters(codec="utf-8")), max_size=12).map("".join)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(line=LINES)
def test_url_alone_is_the_regex(line):
    m = _URL_LINE.match(line)
    assert url_alone(line) == (m.group(1) if m else None)


def test_the_header_and_the_document_url():
    doc = Document.from_text("  https://essada.net/a-b.html \nقال الوزير\n")
    assert url_header_line(doc) == 0 and document_url(doc) == "https://essada.net/a-b.html"
    for first in ("https://", "see https://x.tn", "https://x.tn/a b", "ftp://x.tn"):
        doc = Document.from_text(first + "\nقال الوزير\n")
        assert url_header_line(doc) is None and document_url(doc) is None
