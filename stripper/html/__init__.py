"""HTML input: the page's blocks become lines (reader.py), an extractor
(engines.py) or the DOM (dom.py) decides what it can, and the text rules and
classifier do the rest. Only imported when HTML is met: cleaning text dumps
never loads selectolax, trafilatura, readability or lxml."""
from .dom import dom_cuts, extraction_cuts
from .engines import extractor_cuts
from .reader import Block, looks_like_html, read_html

__all__ = ["Block", "dom_cuts", "extraction_cuts", "extractor_cuts", "looks_like_html", "read_html"]
