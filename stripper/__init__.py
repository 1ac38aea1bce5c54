"""stripper: strip boilerplate from web-scraped article dumps.

    >>> from stripper import clean_text
    >>> clean_text(dump)                 # bundled rules + generic classifier

For the cuts and who made them, use `stripper.pipeline.clean(doc, registry)`
on a `stripper.model.Document`.
"""

import importlib
from typing import TYPE_CHECKING

from . import _native  # noqa: F401  (first: it installs the finder of the compiled modules)

if TYPE_CHECKING:
    from .model import CleanResult, Cut, Document
    from .pipeline import clean, clean_text, default_registry
    from .rules.registry import RuleRegistry

__all__ = ["Cut", "CleanResult", "Document", "RuleRegistry", "clean", "clean_text", "default_registry"]
__version__ = "0.1.0"

# Each name, the module it is imported from when first asked for: `import
# stripper.cli` imports no cleaning code until the command that needs it is
# loaded (with the garbage collector held off, then frozen: stripper.cli).
_MODULE_OF = {
    "Cut": ".model",
    "CleanResult": ".model",
    "Document": ".model",
    "clean": ".pipeline",
    "clean_text": ".pipeline",
    "default_registry": ".pipeline",
    "RuleRegistry": ".rules.registry",
}


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'stripper' has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(module, __name__), name)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF})
