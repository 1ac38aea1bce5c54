"""Text mode: every bench dump and the seeds, stripper beside the tools a
corpus builder would otherwise use on plain-text dumps, in one run.

Peers, each given the same dump (one block a line):
- keep-all: the dump as it is (the floor);
- C4 line filter: datatrove's C4QualityFilter used as a line filter (its
  per-line checks: terminal punctuation, 3+ words, javascript, policy
  phrases, long words; the whole-document drops turned off);
- jusText on lines: each line a paragraph, the stoplist of the language
  stripper detects (English where justext has none);
- trafilatura on lines: each line a <p> of a bare page;
- trafilatura with the HTML: the page itself, the reference that sees the
  markup (not a text-mode tool; the seeds have no HTML).
"""

from __future__ import annotations

import html as html_escape

from .common import (
    BENCH_INDEXES,
    DATASETS,
    Options,
    bench_pages,
    f1_table,
    run_systems,
    seed_pages,
    time_in_turn,
)

DATA = BENCH_INDEXES

SYSTEMS = [
    "stripper",
    "stripper --no-site-rules",
    "keep-all",
    "C4 line filter",
    "jusText on lines",
    "trafilatura on lines",
    "trafilatura with the HTML",
]


def _read(path) -> str:
    return path.read_text(encoding="utf-8")


def _stripper(**kw):
    from stripper.model import Document
    from stripper.pipeline import clean, default_registry

    registry = default_registry()
    return lambda page: clean(Document.from_text(_read(page.dump), source=str(page.dump)), registry, **kw).text


def _c4():
    from datatrove.data import Document as DTDocument
    from datatrove.pipeline.filters import C4QualityFilter

    line_filter = C4QualityFilter(
        split_paragraph=True, min_num_sentences=-1, filter_lorem_ipsum=False, filter_curly_bracket=False
    )

    def run(page):
        doc = DTDocument(text=_read(page.dump), id=page.id)
        kept = line_filter.filter(doc)
        return doc.text if kept is True or (isinstance(kept, tuple) and kept[0]) else ""

    return run


def _paragraphs_page(text: str) -> str:
    return (
        "<html><body>"
        + "".join(f"<p>{html_escape.escape(line)}</p>" for line in text.splitlines() if line.strip())
        + "</body></html>"
    )


def _justext():
    import justext

    from stripper.generic.language import _NAMES, detect_language

    available = set(justext.get_stoplists())

    def run(page):
        text = _read(page.dump)
        name = _NAMES.get(detect_language(text), "English")
        stoplist = justext.get_stoplist(name if name in available else "English")
        paragraphs = justext.justext(_paragraphs_page(text).encode("utf-8"), stoplist, encoding="utf-8")
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _trafilatura_lines():
    import trafilatura

    return lambda page: trafilatura.extract(_paragraphs_page(_read(page.dump))) or ""


def _trafilatura_html():
    import trafilatura

    def run(page):
        if page.html is None or not page.html.exists():
            raise LookupError("no HTML")
        return trafilatura.extract(_read(page.html)) or ""

    return run


def run(options: Options) -> dict:
    makers = {
        "stripper": lambda: _stripper(),
        "stripper --no-site-rules": lambda: _stripper(site_rules=False),
        "keep-all": lambda: lambda page: _read(page.dump),
        "C4 line filter": _c4,
        "jusText on lines": _justext,
        "trafilatura on lines": _trafilatura_lines,
        "trafilatura with the HTML": _trafilatura_html,
    }
    datasets = {d: bench_pages(d, options.limit) for d in DATASETS}
    datasets["seeds"] = seed_pages()
    extracts = {system: makers[system]() for system in SYSTEMS}

    def runs(system: str, dataset: str) -> bool:
        if dataset == "seeds" and system == "trafilatura with the HTML":
            return False
        # no site rules fire on the bench pages: the same as "stripper"
        return dataset == "seeds" or system != "stripper --no-site-rules"

    results = run_systems(extracts, datasets, runs)
    print(f"  {len(SYSTEMS)} systems, page by page in turn: done", flush=True)
    pair = {system: extracts[system] for system in TIMED_ALONE}
    results[ALONE] = time_in_turn(pair, datasets, ALONE_ROUNDS)
    print(f"  {' and '.join(TIMED_ALONE)} alone, in turn, {ALONE_ROUNDS} rounds: done", flush=True)
    return results


# The speed figure: stripper and the C4 filter timed without the other
# systems between their pages (see time_in_turn), over every page 3 times.
TIMED_ALONE = ("stripper", "C4 line filter")
ALONE = "time alone"
ALONE_ROUNDS = 3


def mean_ms(by_dataset: dict[str, float]) -> float:
    """The mean of the datasets' ms a page (as the table's ms/doc column)."""
    return sum(by_dataset.values()) / len(by_dataset)


def markdown(results: dict) -> str:
    table = f1_table(results, SYSTEMS, [*DATASETS, "seeds"])
    text = (
        table + "\n\nF1 is the macro mean of per-page F1 (word tokens, as ../shared/tools/score.py);"
        " the mean is over the seven bench datasets; ms/doc is the mean time per document over"
        ' the columns shown, every system in turn page by page. "stripper --no-site-rules" is'
        " shown on the seeds only (no site rule matches a bench page)."
    )
    if ALONE in results:
        stripper, c4 = (mean_ms(results[ALONE][system]) for system in TIMED_ALONE)
        text += (
            f"\n\nTimed alone (only stripper and the C4 filter, in turn page by page, {ALONE_ROUNDS} rounds"
            f" over the same pages): stripper {stripper:.2f} ms a dump, the C4 filter {c4:.2f} ms,"
            f" {stripper / c4:.1f}x its time."
        )
    return text
