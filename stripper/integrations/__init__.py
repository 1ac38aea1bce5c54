"""stripper inside other engines (install the matching extra)."""
