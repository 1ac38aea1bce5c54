"""The generic extractor: decides the lines no rule decided (docs/generic.md)."""

from .classifier import LineVerdict, classify, explain_lines

__all__ = ["LineVerdict", "classify", "explain_lines"]
