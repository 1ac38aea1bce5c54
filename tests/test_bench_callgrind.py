"""bench/callgrind_mode.py's figures of the whole command with 1 and 2 jobs."""

from __future__ import annotations

import pytest

from bench.callgrind_mode import SYSTEMS, markdown, two_jobs_figures
from bench.summary import summary


def test_two_jobs_give_at_most_the_one_job_count_over_their_mean():
    figures = two_jobs_figures([5_089], [2_770, 2_719])

    assert figures["most"] == pytest.approx(5_089 / ((2_770 + 2_719) / 2))  # the work split evenly
    assert figures["split"] == pytest.approx(5_089 / 2_770)  # as the run split it: the busier process
    assert figures["shared"] == 2_770 + 2_719 - 5_089  # the start both count, what each does once, the pipes


def test_a_2_job_run_in_one_process_gives_nothing_more():
    assert two_jobs_figures([330], [329])["most"] == pytest.approx(330 / 329)


@pytest.mark.parametrize("one, two", [([], [1, 2]), ([1, 2], [1, 2]), ([3], []), ([3], [1, 1, 1])])
def test_other_counts_of_processes_are_an_error(one, two):
    with pytest.raises(RuntimeError, match="expected 1 and 2 processes"):
        two_jobs_figures(one, two)


def _results(two_jobs: dict | None) -> dict:
    results = {
        "documents": {"bench": 70, "tunisia-news": 100},
        "build": "stripper 0.1.0, compiled",
        **{system: {"bench": 10e6, "tunisia-news": 0.4e6} for system in SYSTEMS},
    }
    if two_jobs is not None:
        results["two_jobs"] = two_jobs
    return results


def test_the_table_and_the_summary_say_what_2_jobs_give_at_most():
    two = {**two_jobs_figures([5_089_000_000], [2_769_600_000, 2_719_500_000]), "files": 8_776}

    text = markdown(_results(two))
    row = summary({"callgrind": _results(two)})

    assert "over 8,776 tunisia-news files" in text
    assert "1 job 5,089.0M instructions; 2 jobs 2,769.6M and 2,719.5M" in text
    assert "**2 jobs give at most 1.85x 1 job**" in text and "(1.84x as split in this run)" in text
    assert "| tunisia-news: the most 2 jobs give, by instructions (callgrind) | 1.85x 1 job | – | 400M of 5,089M" in row


def test_results_saved_before_the_whole_command_was_counted_still_print():
    assert "2 jobs" not in markdown(_results(None))
    assert "the most 2 jobs give" not in summary({"callgrind": _results(None)})
