"""clean() holds the cyclic garbage collector off while it runs: what it
allocates goes by reference counting, the collector's state is the caller's
again once it returns (or raises), and cleaning a text makes no reference
cycle that only the collector could free."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from stripper import pipeline
from stripper.errors import RuleError
from stripper.model import Document
from stripper.pipeline import clean, default_registry

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

TEXTS = [
    "Home | News | Sport\n"
    + "The council voted on Tuesday to approve the new budget, which includes funds for roads.\n" * 3
    + "Share this article\nCopyright 2012 The Times\n",
    "الرئيسية\nشاهد ايضاً: عنوان آخر\n"
    + "قال الوزير إن الحكومة ستعمل على تحسين الخدمات في كل المناطق خلال العام المقبل.\n" * 4,
    "",
]


def _texts() -> list[str]:
    return TEXTS + [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]


@pytest.fixture
def collector():
    """The collector on, its threshold and debug flags restored after."""
    was_enabled, threshold = gc.isenabled(), gc.get_threshold()
    gc.enable()
    yield
    gc.set_threshold(*threshold)
    gc.set_debug(0)
    if not was_enabled:
        gc.disable()


def test_no_collection_runs_inside_clean(collector, monkeypatch):
    registry = default_registry()
    inside = [False]
    seen: list[int] = []
    enabled: list[bool] = []
    real = pipeline._clean

    def spy(*args):
        enabled.append(gc.isenabled())
        inside[0] = True
        try:
            return real(*args)
        finally:
            inside[0] = False

    def note(phase, info):
        if phase == "start" and inside[0]:
            seen.append(info["generation"])

    monkeypatch.setattr(pipeline, "_clean", spy)
    gc.set_threshold(1)  # a collection at almost every allocation, were the collector on
    gc.callbacks.append(note)
    try:
        for text in _texts():
            clean(Document.from_text(text, source="x.txt"), registry)
            assert gc.isenabled()
    finally:
        gc.callbacks.remove(note)
    assert enabled == [False] * len(_texts())
    assert seen == []


def test_collector_state_is_the_callers(collector):
    registry = default_registry()
    doc = Document.from_text(TEXTS[0], source="x.txt")
    clean(doc, registry)
    assert gc.isenabled()
    gc.disable()
    clean(doc, registry)
    assert not gc.isenabled()
    gc.enable()
    with pytest.raises(RuleError, match="unknown site"):
        clean(doc, registry, site="no-such-site")
    assert gc.isenabled()


def test_cleaning_a_text_makes_no_reference_cycle(collector):
    registry = default_registry()
    docs = [Document.from_text(text, source="x.txt") for text in _texts()]
    for doc in docs:  # first uses: caches and lazily compiled patterns
        clean(doc, registry)
    gc.collect()
    gc.disable()
    for doc in docs:
        clean(doc, registry)
    assert gc.collect() == 0


def test_the_command_loads_with_the_collector_held_then_frozen_and_on():
    """The `stripper` command's process runs no collection from its start
    to its command's load (the modules' objects are then frozen out of the
    collector's sight), and has the collector on while the command runs."""
    import subprocess
    import sys

    probe = (
        "import gc, os, sys\n"
        "from stripper import __main__ as entry\n"
        "before_freeze = []  # a collection's start: whether nothing was frozen yet\n"
        "gc.callbacks.append(lambda phase, _: phase == 'start' and before_freeze.append(not gc.get_freeze_count()))\n"
        "exit_now = os._exit\n"
        "def told_exit(code):\n"
        "    print(sum(before_freeze), gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr, flush=True)\n"
        "    exit_now(code)\n"
        "os._exit = told_exit\n"
        "sys.argv = ['stripper', 'clean', '-', '--no-config', '-q']\n"
        "entry.main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        input="Home | News\nA line of the article, long enough to stay.\n",
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1), done.stderr
    assert done.stderr.split()[-3:] == ["0", "True", "True"]


def test_the_package_names_come_when_asked_for():
    """`stripper`'s names are imported at their first use: each is the
    module's own object, dir() lists each once, an unknown name raises."""
    import stripper
    from stripper import model, pipeline
    from stripper.rules import registry

    assert (stripper.clean, stripper.clean_text, stripper.Document) == (
        pipeline.clean,
        pipeline.clean_text,
        model.Document,
    )
    assert stripper.RuleRegistry is registry.RuleRegistry
    names = dir(stripper)
    assert len(names) == len(set(names)) and set(stripper.__all__) <= set(names)
    with pytest.raises(AttributeError):
        stripper.no_such_name  # noqa: B018
