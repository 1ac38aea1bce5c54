"""`python -m bench losses` on a data folder written for the test."""

from __future__ import annotations

import subprocess
import sys

import bench.losses as losses

from .conftest import ROOT

ARTICLE = (
    "The police of the city warned the homeless on Tuesday of a killer who attacks people sleeping in the "
    "street; three men have died so far, the agency said.\n\n"
    "They were told to carry lights and whistles, and not to sleep alone in the street but to use the "
    "shelters that the city opened for the winter.\n"
)
HEADLINE = "Officers ask rough sleepers to take care\n"  # one of its words in the article


def test_words_kept_outside_the_gold_are_put_to_the_step_that_kept_them(tmp_path, monkeypatch):
    folder = tmp_path / "bench-train" / "daniel"
    (folder / "dump").mkdir(parents=True)
    (folder / "gold").mkdir()
    (folder / "dump" / "page.txt").write_text("Home\nNews\nSport\n\n" + HEADLINE + "\n" + ARTICLE, encoding="utf-8")
    (folder / "gold" / "page.txt").write_text(ARTICLE, encoding="utf-8")  # the gold leaves the headline out
    monkeypatch.setattr(losses, "SHARED", tmp_path)

    found = losses.run(["daniel"], sample=1)["daniel"]

    assert found.recall == [1.0] and found.precision[0] < 1.0 and found.low == 0
    assert found.kept_not_gold == {("generic (headline)", "short", "before"): 7}
    assert not found.cut_gold  # the menu is cut, and the gold does not hold it
    table = losses.markdown({"daniel": found}, top=5)
    assert "| 7 | generic (headline) | short | before |" in table


def test_missing_data_is_one_line_naming_it_and_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(losses, "SHARED", tmp_path)  # no bench-train there

    assert losses.main(["--dataset", "daniel"]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("losses: error: ")
    assert str(tmp_path / "bench-train" / "daniel" / "dump") in err


def test_a_dump_without_its_gold_is_named_before_any_page_is_cleaned(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "bench-train" / "daniel"
    (folder / "dump").mkdir(parents=True)
    (folder / "dump" / "page.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr(losses, "SHARED", tmp_path)

    assert losses.main(["--dataset", "daniel"]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{folder / 'gold' / 'page.txt'} is missing" in err


def test_the_command_exits_2_without_its_data(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bench", "losses", "--dataset", "daniel"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "STRIPPER_SHARED": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("losses: error: ") and result.stderr.count("\n") == 1


def test_moving_the_start_higher_is_counted_by_the_lines_it_moves():
    cut_before = ("generic (outside_body)", "short", "before")
    inside = ("generic (inside_body)", "good", "inside")
    rows = [
        (cut_before, 4, False, True),  # the article's first line, cut above the body
        (cut_before, 2, False, False),  # a date between it and the body
        (inside, 10, True, True),
        (inside, 10, True, True),
    ]
    found = losses.Losses(f1=[0.9])

    losses.add_start_moves(rows, found)

    # kept 20 of 24 gold words: F1 40/44; two lines higher, 24 of 26 kept: 48/50
    assert dict(found.higher.pages) == {"2": 1}
    assert abs(found.higher.gain["2"] - (48 / 50 - 40 / 44)) < 1e-9
    assert not found.lower.pages  # cutting the body's first lines loses gold words
    table = "\n".join(losses.start_moves({"daniel": found}))
    assert "| higher | 0.0000 (0) | 0.0509 (1) |" in table and "| lower | 0.0000 (0) |" in table
