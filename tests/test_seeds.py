"""The five seed dumps: the Done-when of the text pipeline issue."""

import pytest

from stripper.evaluate import read_gold, score
from stripper.model import Document
from stripper.pipeline import clean
from stripper.textio import read_document

from .conftest import seed_paths
from .invariants import is_in_order_subsequence

SEEDS = seed_paths()


def test_five_seeds_are_bundled():
    assert len(SEEDS) == 5
    assert all(p.with_suffix(".labels").is_file() for p in SEEDS)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_scores_without_site_given(path, registry):
    result = clean(read_document(path), registry)
    s = score(result.text, read_gold(path.with_suffix(".labels")))
    assert s.f1 >= 0.98 and s.precision >= 0.98, (result.site, s)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_cleaning_is_idempotent_and_a_subsequence(path, registry):
    first = clean(read_document(path), registry)
    second = clean(Document.from_text(first.text, source=str(path)), registry)
    assert second.text == first.text
    assert not second.cuts
    assert is_in_order_subsequence(first)


def test_clean_dump_comes_back_byte_identical(registry):
    path = next(p for p in SEEDS if p.name.startswith("003"))
    data = path.read_bytes()
    result = clean(read_document(path), registry)
    assert result.text.encode("utf-8") == data
    assert result.cuts == ()


@pytest.mark.parametrize("path", [p for p in SEEDS if not p.name.startswith("003")], ids=lambda p: p.stem[:3])
def test_every_seed_site_is_recognised_from_its_text(path, registry):
    assert clean(read_document(path), registry).site is not None


def test_every_cut_is_attributed(registry):
    for path in SEEDS:
        for cut in clean(read_document(path), registry).cuts:
            assert cut.rule_id and cut.category and cut.origin, cut
