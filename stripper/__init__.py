"""stripper: strip boilerplate from web-scraped article dumps.

    >>> from stripper import clean_text
    >>> clean_text(dump)                 # bundled rules + generic classifier

For the cuts and who made them, use `stripper.pipeline.clean(doc, registry)`
on a `stripper.model.Document`.
"""

from . import _native  # noqa: F401  (first: it installs the finder of the compiled modules)
from .model import CleanResult, Cut, Document
from .pipeline import clean, clean_text, default_registry
from .rules.registry import RuleRegistry

__all__ = ["Cut", "CleanResult", "Document", "RuleRegistry", "clean", "clean_text", "default_registry"]
__version__ = "0.1.0"
