"""The reporters: the diff shows every cut with its rule; JSON replays
exactly; the unified diff applies with patch(1); --stat sums it all up."""

import json
import random
import shutil
import subprocess

from click.testing import CliRunner

from stripper.cli import cli
from stripper.pipeline import clean, default_registry
from stripper.report.jsonout import replay, to_json
from stripper.textio import read_document

from .conftest import require_shared, seed_paths


def invoke(*args):
    return CliRunner().invoke(cli, [*map(str, args), "--no-config"], catch_exceptions=False)


def test_every_boilerplate_line_cut_shows_in_the_diff_with_its_rule():
    for path in seed_paths():
        records = [json.loads(line) for line in invoke("diff", "--output-format", "json", path).output.splitlines()]
        cut_lines = {}
        for cut in records[0]["cuts"]:
            for n in range(cut["first_line"], cut["last_line"] + 1):
                cut_lines[n] = cut["rule"]
        result = clean(read_document(path), default_registry())
        removed = {i + 1 for c in result.cuts if c.span is None for i in range(c.start, c.end)}
        labels = path.with_suffix(".labels").read_text(encoding="utf-8").splitlines()
        boilerplate = {n for n, row in enumerate(labels, 1) if row.startswith("D\t") and n in removed}
        assert boilerplate <= set(cut_lines), path.name
        rich = invoke("diff", path).output
        for rule in set(cut_lines[n] for n in boilerplate):
            assert rule in rich, (path.name, rule)


def test_json_cuts_replay_exactly_on_seeds_and_bench_dumps():
    dumps = seed_paths()
    bench = require_shared("bench")
    others = sorted(bench.glob("*/dump/*.txt"))
    dumps += random.Random(3).sample(others, 80)
    registry = default_registry()
    for path in dumps:
        doc = read_document(path)
        result = clean(doc, registry)
        record = json.loads(json.dumps(to_json(result, str(path)), ensure_ascii=False))
        assert replay(doc.text, record) == result.text, path


def test_cli_json_replays_the_clean_output(tmp_path):
    path = seed_paths()[1]
    record = json.loads(invoke("diff", "--output-format", "json", path).output)
    cleaned = invoke("clean", path).stdout_bytes.decode("utf-8")
    assert replay(path.read_text(encoding="utf-8"), record) == cleaned


def test_unified_diff_applies_with_patch(tmp_path, monkeypatch):
    work = tmp_path / "w"
    work.mkdir()
    for path in seed_paths():
        shutil.copyfile(path, work / path.name)
    monkeypatch.chdir(work)
    patch_text = invoke("diff", "--output-format", "unified", *sorted(p.name for p in work.iterdir())).output
    assert patch_text.startswith("--- a/")
    subprocess.run(["patch", "-p1", "-s"], input=patch_text, text=True, cwd=work, check=True)
    for path in seed_paths():
        expected = clean(read_document(path), default_registry()).text
        assert (work / path.name).read_text(encoding="utf-8") == expected


def test_stat_table_and_json():
    table = invoke("diff", "--stat", *seed_paths()).output
    assert "5 documents, 4 touched" in table and "common-ar/read-also" in table
    data = json.loads(invoke("diff", "--stat", "--output-format", "json", *seed_paths()).output)
    assert data["documents"] == 5
    text = json.dumps(data)
    assert "saraynews/second-article" in text and "insertion" in text


def test_rich_diff_header_and_folding():
    out = invoke("diff", seed_paths()[0]).output
    first = out.splitlines()[0]
    assert "worldpressarabic" in first and "lines" in first and "%" in first
    assert "lines kept" in out  # long kept runs fold
    assert "شاهد ايضاً" in out  # Arabic in logical order, unchanged
