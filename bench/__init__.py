"""`make bench`: stripper side by side with its peers, in one run.

    python -m bench                 every mode
    python -m bench text html       some modes
    python -m bench --limit 10      the first 10 pages of each dataset (a quick look)

Each mode is a module `bench/<mode>_mode.py` exposing
`run(options) -> dict` (JSON-ready results) and `markdown(results) -> str`.
Results go to build/bench/<mode>.json and build/bench/<mode>.md; the README
tables are copied from the .md files.
"""
