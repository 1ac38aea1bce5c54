"""English and French cues the classifier reads (the same roles as
arabic.py's): phrases that announce a list and credit a source."""

from __future__ import annotations

ANNOUNCE_OPENINGS = ("following are", "here are", "voici")
ANNOUNCING_WORDS = ("following", "follows", "suivants?", "suivantes?")
SOURCE_CREDIT_WORDS = ("source", "sources")
# A byline opens so: "By Jane Doe", "Par Jean Dupont", "Von ...", "Por ..."
BYLINE_OPENINGS = ("by", "par", "von", "por", "di", "written by", "posted by", "words by")
