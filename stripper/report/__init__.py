"""Reporters: every view of what was cut is rendered from (document, cuts)."""
from .plain import render_plain

__all__ = ["render_plain"]
