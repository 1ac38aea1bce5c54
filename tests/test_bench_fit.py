"""`python -m bench fit`'s search: which moves it keeps (bench/fit.py)."""

from __future__ import annotations

from bench.fit import MIN_GAIN, search
from stripper.generic.thresholds import Thresholds


class FakeScorer:
    """Page F1s as a function of two thresholds: two datasets of one page
    each, and the seeds at 1.0."""

    def __init__(
        self,
        gains: dict[tuple[str, object], tuple[float, float]],
        on_every_page: dict[tuple[str, object], tuple[float, float]] | None = None,
    ):
        self.gains = gains  # (threshold, value) -> what each dataset gains with it on the sample
        self.on_every_page = on_every_page or gains  # ... and on every page (wanted == "every page")

    def f1(self, t: Thresholds, wanted) -> dict[str, float]:
        a = b = 0.8
        gains = self.on_every_page if wanted == "every page" else self.gains
        for (name, value), (ga, gb) in gains.items():
            if getattr(t, name) == value:
                a, b = a + ga, b + gb
        return {"one/p.txt": a, "two/p.txt": b, "seeds/s.txt": 1.0}

    def seeds_without_site_rules(self, t: Thresholds) -> float:
        return 1.0


def test_a_move_is_kept_only_when_it_gains_more_than_the_samples_noise():
    small, large = MIN_GAIN / 2, MIN_GAIN * 2
    scorer = FakeScorer({("good_words", 18): (small, small), ("near_words", 8): (large, large)})
    chosen = search(scorer, [], ["good_words", "near_words"], 2, lambda text: None)
    assert (chosen.good_words, chosen.near_words) == (Thresholds().good_words, 8)


def test_a_move_one_dataset_pays_for_is_not_kept():
    scorer = FakeScorer({("near_words", 8): (0.01, -0.003)})
    assert search(scorer, [], ["near_words"], 1, lambda text: None) == Thresholds()


def test_a_move_the_sample_takes_must_hold_on_every_page():
    large, tiny = MIN_GAIN * 2, MIN_GAIN / 5
    scorer = FakeScorer(
        {("good_words", 18): (large, large), ("near_words", 8): (large, large)},
        on_every_page={("good_words", 18): (tiny, tiny), ("near_words", 8): (large, large)},
    )
    chosen = search(scorer, [], ["good_words", "near_words"], 2, lambda text: None, confirm="every page")
    assert (chosen.good_words, chosen.near_words) == (Thresholds().good_words, 8)
