"""JSONL in and out, compressed or not, one job or several."""

import gzip
import json

import pytest
import zstandard
from click.testing import CliRunner
from hypothesis import given, strategies as st

from stripper.cli import cli

from .conftest import seed_paths

SEEDS = seed_paths()


def run(*args):
    return CliRunner().invoke(cli, [*map(str, args), "--no-config", "-q"], catch_exceptions=False)


def records():
    out = []
    for n, path in enumerate(SEEDS):
        rec = {
            "id": f"doc-{n}",
            "text": path.read_text(encoding="utf-8"),
            "source": "seeds",
            "metadata": {"url": None, "lang": "ar"},
        }
        out.append(json.dumps(rec, ensure_ascii=False))
    return out


def test_jsonl_records_are_cleaned_and_other_fields_kept(tmp_path):
    src = tmp_path / "in" / "shard.jsonl"
    src.parent.mkdir()
    lines = records()
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("clean", src.parent, "-o", tmp_path / "out", "--summary-field", "stripper")
    assert result.exit_code == 1, result.output
    out = (tmp_path / "out" / "shard.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(out) == len(lines)
    for before, after in zip(lines, out):
        a, b = json.loads(before), json.loads(after)
        assert {k: v for k, v in a.items() if k != "text"} == {
            k: v for k, v in b.items() if k not in ("text", "stripper")
        }
        assert b["stripper"]["cuts"] >= 0 and "rules" in b["stripper"]
    first = json.loads(out[0])
    assert "وورلد برس عربي logo" not in first["text"] and first["stripper"]["site"] == "worldpressarabic"
    assert json.loads(out[3])["text"] == json.loads(lines[3])["text"]  # seed 003: nothing to cut


def test_unchanged_records_stay_byte_for_byte_and_in_place_only_when_changed(tmp_path):
    src = tmp_path / "clean.jsonl"
    line = '{"text": "A plain sentence that is the whole article, and nothing else.",  "id": 7}\n'
    src.write_text(line * 3, encoding="utf-8")
    mtime = src.stat().st_mtime_ns
    assert run("clean", "--in-place", src).exit_code == 0
    assert src.read_text(encoding="utf-8") == line * 3 and src.stat().st_mtime_ns == mtime


def test_bad_records_are_reported_passed_through_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    good = records()[0]
    (src / "a.jsonl").write_text(good + "\n{not json\n" + '{"title": "no text"}\n' + good + "\n", encoding="utf-8")
    (src / "b.jsonl").write_text(good + "\n", encoding="utf-8")
    result = run("clean", src, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert f"{src / 'a.jsonl'}:2: invalid JSON" in result.output
    assert f"{src / 'a.jsonl'}:3: no 'text' string field" in result.output
    out = (tmp_path / "out" / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert out[1] == "{not json" and out[2] == '{"title": "no text"}' and len(out) == 4
    assert (tmp_path / "out" / "b.jsonl").exists()


def test_in_place_a_file_with_a_bad_record_is_left_as_it_was(tmp_path):
    good = records()[0]
    shard, clean_one = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    shard.write_text(good + "\n{not json\n" + good + "\n", encoding="utf-8")
    clean_one.write_text(good + "\n", encoding="utf-8")
    before = shard.read_bytes()
    for jobs in ("1", "2"):
        result = run("clean", "--in-place", "-j", jobs, shard, clean_one)
        assert result.exit_code == 2
        assert f"{shard}:2: invalid JSON" in result.output
        assert f"{shard}: not rewritten (a record could not be read); input left as it was" in result.output
        assert shard.read_bytes() == before  # its good records are not rewritten either
    assert clean_one.read_text(encoding="utf-8") != good + "\n"  # the other file of the batch is cleaned


def test_gzip_and_zstd_are_read_and_written_as_named(tmp_path):
    data = ("\n".join(records()) + "\n").encode("utf-8")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl.gz").write_bytes(gzip.compress(data))
    (src / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    (src / "c.txt.gz").write_bytes(gzip.compress(SEEDS[0].read_bytes()))
    assert run("clean", src, "-o", tmp_path / "out").exit_code == 1
    a = gzip.decompress((tmp_path / "out" / "a.jsonl.gz").read_bytes())
    b = zstandard.ZstdDecompressor().decompressobj().decompress((tmp_path / "out" / "b.jsonl.zst").read_bytes())
    assert a == b and a != data and len(a.splitlines()) == len(SEEDS)
    c = gzip.decompress((tmp_path / "out" / "c.txt.gz").read_bytes()).decode("utf-8")
    assert "وورلد برس عربي logo" not in c
    (src / "bad.jsonl.gz").write_bytes(b"not gzip at all")
    result = run("check", src)
    assert result.exit_code == 2 and "bad.jsonl.gz: cannot read" in result.output


def test_two_jobs_give_the_same_output_in_the_same_order(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for k in range(12):
        for path in SEEDS:
            (src / f"{k:02}_{path.name}").write_bytes(path.read_bytes())
    (src / "shard.jsonl").write_text("\n".join(records() * 150) + "\n", encoding="utf-8")
    one = CliRunner().invoke(cli, ["check", str(src), "--no-config", "-q", "-j", "1"])
    two = CliRunner().invoke(cli, ["check", str(src), "--no-config", "-q", "-j", "2"])
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output and one.output.count("\n") == 12 * 4 + 1
    assert run("clean", src, "-o", tmp_path / "o1", "-j", "1").exit_code == 1
    assert run("clean", src, "-o", tmp_path / "o2", "-j", "2").exit_code == 1
    for f in (tmp_path / "o1").iterdir():
        assert f.read_bytes() == (tmp_path / "o2" / f.name).read_bytes()


def test_a_jsonl_file_to_stdout(tmp_path):
    src = tmp_path / "one.jsonl"
    src.write_text(records()[0] + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["clean", str(src), "--no-config"])
    assert result.exit_code == 1
    assert "وورلد برس عربي logo" not in json.loads(result.stdout)["text"]


@given(st.text(alphabet="ab./-~ gz\u00e9", max_size=14))
def test_plain_name_is_the_path_name_without_compression(path):
    """plain_name reads the name without making a Path: the same name as
    Path(path).name, its compression suffix taken off."""
    from pathlib import Path

    from stripper.compress import SUFFIXES, plain_name

    name = Path(path).name
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    assert plain_name(path) == name


def test_a_lone_surrogate_is_cleaned_and_written_back_escaped(tmp_path):
    # "\ud800" is valid JSON but no UTF-8: the record is cleaned like any
    # other and the surrogate written back as the same escape
    text = SEEDS[0].read_text(encoding="utf-8").replace("في الكرملين", "في \ud800 الكرملين", 1)
    src = tmp_path / "in" / "s.jsonl"
    src.parent.mkdir()
    src.write_text(json.dumps({"id": 1, "text": text}) + "\n" + records()[1] + "\n", encoding="utf-8")
    assert run("check", src).exit_code == 1
    assert run("clean", src, "-o", tmp_path / "out").exit_code == 1
    first, second = (tmp_path / "out" / "s.jsonl").read_bytes().splitlines()
    cleaned = json.loads(first)["text"]
    assert "\ud800" in cleaned and "وورلد برس عربي logo" not in cleaned
    assert b"\\ud800" in first
    assert json.loads(second)["id"] == "doc-1"


@pytest.mark.parametrize("kept", [0.5, 0.9])
def test_a_truncated_zstd_shard_is_an_error_and_copied_not_half_written(tmp_path, kept):
    data = ("\n".join(records() * 40) + "\n").encode("utf-8")
    whole = zstandard.ZstdCompressor().compress(data)
    src = tmp_path / "in"
    src.mkdir()
    cut = whole[: int(len(whole) * kept)]
    (src / "cut.jsonl.zst").write_bytes(cut)
    (src / "whole.jsonl.zst").write_bytes(whole)
    out = tmp_path / "out"
    result = run("clean", src, "-o", out)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "cut.jsonl.zst" in line]
    assert errors == [
        f"stripper: {src / 'cut.jsonl.zst'}: cannot decompress: the zstd file is cut short "
        f"(truncated frame); copied as it was to {out / 'cut.jsonl.zst'}"
    ]
    assert "invalid JSON" not in result.stderr
    assert (out / "cut.jsonl.zst").read_bytes() == cut  # a copy, not a partial shard
    assert len(
        zstandard.ZstdDecompressor().decompressobj().decompress((out / "whole.jsonl.zst").read_bytes()).splitlines()
    ) == 40 * len(SEEDS)
    assert run("check", src).exit_code == 2
    before = cut
    assert run("clean", "--in-place", src).exit_code == 2
    assert (src / "cut.jsonl.zst").read_bytes() == before
    result = CliRunner().invoke(cli, ["clean", str(src / "cut.jsonl.zst"), "--no-config"])
    assert result.exit_code == 2 and "the output stops there" in result.stderr
    assert "cannot decompress: the zstd file is cut short" in result.stderr and "internal error" not in result.stderr


def test_a_record_nested_past_the_recursion_limit_is_invalid_json(tmp_path):
    src = tmp_path / "deep.jsonl"
    src.write_text("[" * 100_000 + "\n" + records()[0] + "\n", encoding="utf-8")
    result = run("clean", src, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert f"{src}:1: invalid JSON (maximum recursion depth exceeded" in result.stderr
    first, second = (tmp_path / "out" / "deep.jsonl").read_text(encoding="utf-8").splitlines()
    assert first == "[" * 100_000 and json.loads(second)["id"] == "doc-0"


def test_zstd_frames_are_read_one_after_another_and_a_cut_frame_is_an_error(tmp_path):
    from stripper import compress

    data = b"".join(b'{"text": "line %d"}\n' % i for i in range(50_000))
    frames = [zstandard.ZstdCompressor().compress(part) for part in (data[:300_000], b"", data[300_000:])]
    whole = b"".join(frames)
    path = tmp_path / "f.jsonl.zst"
    path.write_bytes(whole)
    assert compress.read_bytes(path) == data
    with compress.open_read(path) as stream:
        assert b"".join(stream) == data
    for cut in (1, len(frames[0]) - 1, len(frames[0]) + 5, len(whole) // 2, len(whole) - 1):
        path.write_bytes(whole[:cut])
        with pytest.raises(compress.Truncated):
            compress.read_bytes(path)


def diff(*args):
    return CliRunner().invoke(cli, ["diff", *map(str, args), "--no-config"], catch_exceptions=False)


def test_diff_shows_a_jsonl_file_record_by_record_as_check_counts_it(tmp_path):
    src = tmp_path / "shard.jsonl"
    lines = records()
    src.write_text(lines[0] + "\n\n" + lines[3] + "\n", encoding="utf-8")  # seed 003: nothing to cut
    checked = run("check", src)
    result = diff(src)
    assert result.exit_code == checked.exit_code == 1, result.output
    assert f"{src}:1 (id doc-0)  site worldpressarabic" in result.stdout
    assert "worldpressarabic/logo" in result.stdout
    assert f"{src}:3 (id doc-3)  site none" in result.stdout  # the blank line 2 is no record
    shown = [json.loads(line) for line in diff(src, "--output-format", "json").stdout.splitlines()]
    assert [(r["path"], r["id"]) for r in shown] == [(f"{src}:1", "doc-0"), (f"{src}:3", "doc-3")]
    assert f"{src}: {sum(len(r['cuts']) for r in shown)} cuts in 2 records" in checked.output
    unified = diff(src, "--output-format", "unified").stdout
    assert f"--- a/{src}:1 (id doc-0)\n" in unified and ":3 (id" not in unified

    src.write_text(lines[3] + "\n", encoding="utf-8")
    assert diff(src).exit_code == run("check", src).exit_code == 0


def test_diff_names_a_bad_jsonl_line_and_still_shows_the_other_records(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    good = records()[0]
    (src / "a.jsonl").write_text(good + "\n{not json\n" + '{"title": "no text"}\n' + good + "\n", encoding="utf-8")
    (src / "b.txt").write_bytes(SEEDS[1].read_bytes())
    checked = run("check", src)
    result = diff(src)
    assert result.exit_code == checked.exit_code == 2
    errors = result.stderr.splitlines()
    assert errors == [
        f"stripper: {src / 'a.jsonl'}:2: invalid JSON (Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1))",
        f"stripper: {src / 'a.jsonl'}:3: no 'text' string field",
    ]
    assert f"{src / 'a.jsonl'}:1 (id doc-0)" in result.stdout and f"{src / 'a.jsonl'}:4 (id doc-0)" in result.stdout
    assert f"{src / 'b.txt'}  site saraynews" in result.stdout  # the batch goes on


def test_diff_reads_the_text_field_that_check_reads(tmp_path):
    src = tmp_path / "shard.jsonl.gz"
    record = {"url": "https://example.com/a", "content": SEEDS[0].read_text(encoding="utf-8")}
    src.write_bytes(gzip.compress((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")))
    result = diff(src, "--text-field", "content")
    assert result.exit_code == run("check", src, "--text-field", "content").exit_code == 1
    assert f"{src}:1  site worldpressarabic" in result.stdout  # no id field: the line alone
    assert diff(src).exit_code == 2  # no 'text' field


def test_diff_names_a_jsonl_file_that_cannot_be_read_on(tmp_path):
    src = tmp_path / "cut.jsonl.zst"
    data = ("\n".join(records()) + "\n").encode("utf-8")
    src.write_bytes(zstandard.ZstdCompressor().compress(data)[:-200])
    result = diff(src)
    assert result.exit_code == run("check", src).exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"stripper: {src}: cannot decompress: ")


def test_report_covers_a_jsonl_file_record_by_record(tmp_path):
    src = tmp_path / "shard.jsonl"
    lines = records()
    src.write_text(lines[0] + "\n" + lines[1] + "\n", encoding="utf-8")
    page = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(src), "-o", str(page), "--no-config"])
    assert result.exit_code == 0 and f"wrote {page}: 2 documents" in result.stderr
    html = page.read_text(encoding="utf-8")
    assert f"{src}:1 (id doc-0)" in html and f"{src}:2 (id doc-1)" in html


def invoke(*args):
    return CliRunner().invoke(cli, [*map(str, args), "--no-config"], catch_exceptions=False)


def test_explain_shows_a_jsonl_file_record_by_record_and_names_a_bad_line(tmp_path):
    src = tmp_path / "shard.jsonl"
    lines = records()
    src.write_text(lines[0] + "\n\n{not json\n" + lines[3] + "\n", encoding="utf-8")
    result = invoke("explain", src)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"stripper: {src}:3: invalid JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))"
    ]
    headers = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert headers == [
        f"{src}:1 (id doc-0): language ar, site worldpressarabic, 11 cuts",
        f"{src}:4 (id doc-3): language ar, site none, 0 cuts",  # the record after the bad line
    ]
    rows = [json.loads(line) for line in invoke("explain", "--json", src).stdout.splitlines()]
    alone = [json.loads(line) for line in invoke("explain", "--json", SEEDS[0]).stdout.splitlines()]
    first = [r for r in rows if r["path"] == f"{src}:1"]
    assert [{k: v for k, v in r.items() if k not in ("path", "id")} for r in first] == [
        {k: v for k, v in r.items() if k != "path"} for r in alone
    ]  # a record is explained as the same text in a file of its own
    assert {r["id"] for r in first} == {"doc-0"} and {r["path"] for r in rows} == {f"{src}:1", f"{src}:4"}


def test_explain_reads_the_text_field_that_check_reads(tmp_path):
    src = tmp_path / "shard.jsonl.gz"
    record = {"content": SEEDS[0].read_text(encoding="utf-8")}
    src.write_bytes(gzip.compress((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")))
    result = invoke("explain", src, "--text-field", "content")
    assert result.exit_code == 0 and result.stdout.startswith(f"{src}:1: language ar, site worldpressarabic")
    assert invoke("explain", src).stderr == f"stripper: {src}:1: no 'text' string field\n"


def test_eval_scores_each_jsonl_record_against_the_gold_its_id_names(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    for n in (0, 1):
        (gold / f"doc-{n}.labels").write_bytes(SEEDS[n].with_suffix(".labels").read_bytes())
    (gold / "shard.txt").write_text("a gold named as the shard is no record's gold\n", encoding="utf-8")
    no_id = json.dumps({"text": "A record without an id."})
    no_gold = json.dumps({"id": "doc-9", "text": "A record whose gold is not there."})
    src = tmp_path / "shard.jsonl"
    lines = records()
    src.write_text("\n".join([lines[0], "{not json", no_id, no_gold, lines[1]]) + "\n", encoding="utf-8")

    result = invoke("eval", "--gold", gold, "--clean", src)

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"stripper: {src}:2: invalid JSON (Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1))",
        f"stripper: {src}:3: no 'id' field, which names a record's gold file; not scored",
        f"stripper: {src}:4 (id doc-9): no gold file in {gold}, skipped",
    ]
    assert result.stdout.splitlines()[1:] == [  # the seeds' gold is what cleaning them gives
        f"    1.000   1.000   1.000  {src}:1 (id doc-0)",
        f"    1.000   1.000   1.000  {src}:5 (id doc-1)",
        "    1.000   1.000   1.000  macro mean of 2 documents",
    ]
    # without --clean the records' text is the output scored: a shard `clean` wrote scores the same
    run("clean", src, "-o", tmp_path / "out")
    cleaned = json.loads(invoke("eval", "--json", "--gold", gold, tmp_path / "out" / "shard.jsonl").stdout)
    assert [(f["path"], f["id"], f["f1"]) for f in cleaned["files"]] == [
        (f"{tmp_path / 'out' / 'shard.jsonl'}:1", "doc-0", 1.0),
        (f"{tmp_path / 'out' / 'shard.jsonl'}:5", "doc-1", 1.0),
    ]
    raw = json.loads(invoke("eval", "--json", "--gold", gold, src).stdout)
    assert len(raw["files"]) == 2 and all(f["recall"] == 1.0 and f["precision"] < 1.0 for f in raw["files"])


@pytest.mark.parametrize("record_id", ["../doc-0", "sub/doc-0"])
def test_a_record_id_that_is_no_file_name_names_no_gold(tmp_path, record_id):
    from stripper.evaluate import find_record_gold

    gold = tmp_path / "gold"
    (gold / "sub").mkdir(parents=True)
    for where in (tmp_path, gold / "sub", gold):
        (where / "doc-0.txt").write_text("gold\n", encoding="utf-8")
    assert (gold / f"{record_id}.txt").is_file()  # what a path from the id would read
    assert find_record_gold(gold, record_id) is None
    assert find_record_gold(gold, "doc-0") == gold / "doc-0.txt"
