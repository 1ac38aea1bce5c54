"""HTML mode: every page of ../shared/bench, stripper beside the HTML
extractors a corpus builder would pick, in one run: trafilatura (its
defaults, and with comments left out), readability-lxml, resiliparse
(main content) and jusText."""

from __future__ import annotations

from .common import BENCH_INDEXES, DATASETS, Options, bench_pages, f1_table, run_systems

DATA = BENCH_INDEXES

SYSTEMS = [
    "stripper (default: --engine auto)",
    "stripper --engine trafilatura",
    "stripper --engine stripper",
    "trafilatura",
    "trafilatura, no comments",
    "readability-lxml",
    "resiliparse",
    "jusText",
]


def _bytes(page) -> bytes:
    return page.html.read_bytes()


def _stripper(engine: str):
    from stripper.html import read_html
    from stripper.pipeline import clean, default_registry

    registry = default_registry()
    return lambda page: clean(read_html(_bytes(page), str(page.html), page.url), registry, engine=engine).text


def _trafilatura(**kw):
    import trafilatura

    return lambda page: trafilatura.extract(_bytes(page).decode("utf-8", "replace"), **kw) or ""


def _readability():
    import lxml.html
    from readability import Document

    def run(page):
        summary = Document(_bytes(page).decode("utf-8", "replace")).summary(html_partial=True)
        tree = lxml.html.fromstring(summary)
        for el in tree.iter("p", "div", "h1", "h2", "h3", "h4", "li", "br", "tr"):
            el.tail = (el.tail or "") + "\n"
        return tree.text_content()

    return run


def _resiliparse():
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return lambda page: extract_plain_text(HTMLTree.parse(_bytes(page).decode("utf-8", "replace")), main_content=True)


def _justext():
    import justext

    stoplist = justext.get_stoplist("English")
    return lambda page: "\n".join(p.text for p in justext.justext(_bytes(page), stoplist) if not p.is_boilerplate)


def run(options: Options) -> dict:
    makers = {
        "stripper (default: --engine auto)": lambda: _stripper("auto"),
        "stripper --engine trafilatura": lambda: _stripper("trafilatura"),
        "stripper --engine stripper": lambda: _stripper("stripper"),
        "trafilatura": lambda: _trafilatura(),
        "trafilatura, no comments": lambda: _trafilatura(include_comments=False),
        "readability-lxml": _readability,
        "resiliparse": _resiliparse,
        "jusText": _justext,
    }
    datasets = {d: bench_pages(d, options.limit) for d in DATASETS}
    results = run_systems({system: makers[system]() for system in SYSTEMS}, datasets)
    print(f"  {len(SYSTEMS)} systems, page by page in turn: done", flush=True)
    return results


def markdown(results: dict) -> str:
    return (
        f1_table(results, SYSTEMS, list(DATASETS))
        + "\n\nF1: macro mean of per-page F1 (word tokens); ms/doc: mean time per page, parsing included."
        " jusText uses its English stoplist on every page."
    )
