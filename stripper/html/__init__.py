"""HTML input: the page's blocks become lines (reader.py), a site's
selectors (dom.py) and an article finder or extractor (readable.py,
engines.py) decide what they can, and the text rules and classifier do the
rest. Only imported when HTML is met: cleaning text dumps
never loads selectolax, trafilatura, readability or lxml."""

from .dom import extraction_cuts, site_cuts
from .engines import extractor_cuts
from .reader import Block, looks_like_html, read_html

__all__ = ["Block", "extraction_cuts", "extractor_cuts", "looks_like_html", "read_html", "site_cuts"]
