"""The command line through click's runner, plus real runs of the entry point."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

from stripper.cli import cli

from .conftest import SAMPLES, seed_paths


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    for p in seed_paths()[:2]:
        shutil.copyfile(p, d / p.name)
    shutil.copyfile(seed_paths()[3], d / "sub" / seed_paths()[3].name)  # the clean one
    return d


def test_every_command_has_help():
    def walk(group, prefix=()):
        names = group.list_commands(None)
        assert names, prefix
        for name in names:
            command = group.get_command(None, name)
            assert command.help and len(command.help) > 20, (prefix, name)
            if hasattr(command, "commands"):
                walk(command, prefix + (name,))

    walk(cli)


def test_the_command_map_names_what_each_module_defines():
    import importlib

    from stripper.cli import COMMANDS

    defined = {
        command.name: module
        for module in set(COMMANDS.values())
        for command in importlib.import_module(f"stripper.cli.{module}").commands
    }
    assert defined == COMMANDS


def test_the_hook_imports_no_command_it_does_not_run():
    # `stripper check` (the pre-commit hook) starts once a commit: only its own module loads
    probe = (
        "import sys; from stripper.cli import cli; cli.get_command(None, 'check');"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('stripper.cli.'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == ["stripper.cli.clean", "stripper.cli.options"]


def test_the_command_freezes_what_its_start_made():
    """Run as the program (`main`), once the command's module is loaded,
    the objects made so far are frozen out of the garbage collector's
    sight (gc.freeze); invoked in a process of its own (as here, by the
    tests), the command freezes nothing."""
    import gc

    probe = (  # (main ends the process with os._exit, once its output is flushed)
        "import gc, os, sys; from stripper.cli import main; sys.argv = ['stripper', 'check', sys.argv[1]]\n"
        "os._exit = lambda code: print(gc.get_freeze_count())\n"
        "main()"
    )
    frozen = subprocess.run([sys.executable, "-c", probe, str(seed_paths()[3])], capture_output=True, text=True)
    assert int(frozen.stdout) > 10_000, frozen.stderr
    before = gc.get_freeze_count()
    assert run("check", str(seed_paths()[3])).exit_code == 0
    assert gc.get_freeze_count() == before


def test_clean_to_output_dir_mirrors_paths(corpus, tmp_path):
    out = tmp_path / "out"
    result = run("clean", str(corpus), "--output-dir", str(out))
    assert result.exit_code == 1  # something was cut
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt"))
    assert written == sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.txt"))
    clean_one = next((corpus / "sub").iterdir())
    assert (out / "sub" / clean_one.name).read_bytes() == clean_one.read_bytes()


def test_an_output_folder_inside_the_input_folder_gets_only_the_inputs(tmp_path):
    """The files a batch writes are not found by its own walk: with the
    outputs in a folder the walk comes to after more files than the
    workers take at once, the walk is done before the first is written."""
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    for k in range(1200):
        (src / "a" / f"{k:04}.txt").write_text(f"A line of text number {k}.\n", encoding="utf-8")
    out = src / "b" / "out"
    result = run("clean", str(src), "-o", str(out), "--no-config", "-q", "-j", "2")
    assert result.exit_code in (0, 1), result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == [f"a/{k:04}.txt" for k in range(1200)]


def test_clean_stdin_to_stdout():
    text = seed_paths()[0].read_text(encoding="utf-8")
    result = run("clean", "-", input=text)
    assert result.exit_code == 1
    assert "وورلد برس عربي logo" not in result.output
    assert "لقاء بوتين والأسد في الكرملين" in result.output


def test_in_place_rewrites_only_changed_files(corpus):
    clean_file = next((corpus / "sub").iterdir())
    os.utime(clean_file, (1_000_000, 1_000_000))
    assert run("clean", "--in-place", str(corpus)).exit_code == 1
    assert clean_file.stat().st_mtime == 1_000_000
    # cleaning the output again changes nothing
    assert run("clean", "--in-place", str(corpus)).exit_code == 0
    assert run("check", str(corpus)).exit_code == 0


def test_check_lists_files_and_exits_1(corpus):
    result = run("check", str(corpus))
    assert result.exit_code == 1
    assert "000_a1d38b10eeb31e0c.txt: " in result.output
    assert "worldpressarabic/logo" in result.output


def test_diff_names_rules(corpus):
    result = run("diff", str(corpus / seed_paths()[0].name))
    assert result.exit_code == 1
    assert "common-ar/read-also" in result.output


def test_no_site_rules_keeps_common_rules():
    result = run("check", "--no-site-rules", "--no-generic", str(seed_paths()[0]))
    assert "worldpressarabic/" not in result.output
    assert "common-ar/read-also" in result.output


def test_site_override_and_unknown_site():
    assert run("check", "--site", "saraynews", str(seed_paths()[3])).exit_code == 0
    result = run("check", "--site", "nope", str(seed_paths()[3]))
    assert result.exit_code == 2 and "unknown site 'nope'" in result.output


def test_bad_file_fails_alone_and_batch_goes_on(corpus, tmp_path):
    (corpus / "latin1.txt").write_bytes("caf\xe9\n".encode("latin-1"))
    out = tmp_path / "out"
    result = run("clean", str(corpus), "--output-dir", str(out))
    assert result.exit_code == 2
    assert "latin1.txt:1: cannot decode as utf-8" in result.output
    assert len(list(out.rglob("*.txt"))) == 4  # the bad one copied as it was, so the mirror is whole
    assert (out / "latin1.txt").read_bytes() == (corpus / "latin1.txt").read_bytes()
    assert f"copied as it was to {out / 'latin1.txt'}" in result.output


def test_binary_file_is_an_error_and_copied(corpus, tmp_path):
    blob = corpus / "blob.txt"
    blob.write_bytes(b"\x00\x01\x02" * 10)
    result = run("check", str(corpus))
    assert f"{blob}: binary file (NUL bytes), not cleaned" in result.output
    assert result.exit_code == 2
    out = tmp_path / "out"
    result = run("clean", str(corpus), "-o", str(out))
    assert result.exit_code == 2
    assert f"{blob}: binary file (NUL bytes), not cleaned; copied as it was to {out / 'blob.txt'}" in result.output
    assert (out / "blob.txt").read_bytes() == blob.read_bytes()
    assert len(list(out.rglob("*.txt"))) == 4


def test_broken_rule_folder_is_one_line_and_exit_2(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yml").write_text(
        "site: bad\nrules:\n  - id: x\n    kind: line\n    category: share\n    raw: '(oops'\n"
    )
    result = run("clean", "--rules", str(rules), str(seed_paths()[3]))
    assert result.exit_code == 2
    assert result.output.strip().endswith("bad.yml:6:10: regex does not compile: missing ) at position 5")
    assert len(result.output.strip().splitlines()) == 1
    result = run("rules", "validate", "--rules", str(rules))
    assert result.exit_code == 2 and "bad.yml:6:10" in result.output


def test_user_rules_add_a_site(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mysite.yml").write_text(
        "site: mysite\nmatch:\n  - filename: '^my_'\nrules:\n  - id: sig\n    kind: line\n"
        '    category: branding\n    tokens: [MY SITE]\ntests:\n  - input: "MY SITE\\nBody.\\n"\n'
        '    expect: "Body.\\n"\n'
    )
    doc = tmp_path / "my_article.txt"
    doc.write_text("MY SITE\nBody.\n")
    result = run("clean", "--rules", str(rules), str(doc))
    assert result.output == "Body.\n"
    assert run("rules", "test", "--rules", str(rules), "mysite").exit_code == 0
    assert "mysite" in run("rules", "list", "--rules", str(rules)).output


def test_rules_test_passes_on_bundled_rules():
    result = run("rules", "test")
    assert result.exit_code == 0 and "0 failed" in result.output


def test_eval_reports_per_file_and_macro():
    result = run("eval", "--gold", str(SAMPLES), "--clean", str(SAMPLES))
    assert result.exit_code == 0
    last = result.output.strip().splitlines()[-1]
    assert last.split()[:3] == ["1.000", "1.000", "1.000"] and "macro mean of 5 files" in last


def test_eval_reads_outputs_as_clean_writes_them_and_names_one_it_cannot(tmp_path):
    import gzip

    out = tmp_path / "out"
    out.mkdir()
    seeds = seed_paths()
    (out / seeds[0].name).write_bytes(b"\xef\xbb\xbf" + seeds[0].read_bytes())  # a BOM
    (out / (seeds[1].name + ".gz")).write_bytes(gzip.compress(seeds[1].read_bytes()))  # as clean -o writes a .gz
    (out / seeds[2].name).write_bytes(b"caf\xe9\n")  # not UTF-8
    result = CliRunner().invoke(cli, ["eval", "--gold", str(SAMPLES), str(out)])
    assert result.exit_code == 2  # a traceback before, for the gzip file and the undecodable one
    assert result.stderr == (
        f"stripper: {out / seeds[2].name}:1: cannot decode as utf-8 (byte 0xe9 at offset 3); "
        "if it is legacy Arabic try --encoding windows-1256\n"
    )
    as_plain = CliRunner().invoke(cli, ["eval", "--gold", str(SAMPLES), str(seeds[0]), str(seeds[1])])
    assert result.stdout.replace(str(out), str(SAMPLES)).replace(".txt.gz", ".txt") == as_plain.stdout


def test_eval_names_a_gold_file_it_cannot_read_and_scores_the_others(tmp_path):
    gold = tmp_path / "gold"
    shutil.copytree(SAMPLES, gold)
    seeds = seed_paths()
    (gold / (seeds[0].stem + ".labels")).write_bytes(b"K\tcaf\xe9\n")  # not UTF-8
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), str(seeds[0]), str(seeds[1])])
    assert result.exit_code == 2  # a traceback before
    assert result.stderr == (
        f"stripper: {gold / (seeds[0].stem + '.labels')}: cannot decode the gold file as utf-8 "
        "(byte 0xe9 at offset 5); not scored\n"
    )
    assert "macro mean of 1 files" in result.stdout


def test_eval_reads_outputs_in_the_configured_encoding(tmp_path, monkeypatch):
    """Without --clean, an output is read as `clean` wrote it: in the
    repository's configured encoding when --encoding is not given."""
    seed = seed_paths()[0]
    (tmp_path / ".stripper.yml").write_text("encoding: windows-1256\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / seed.name).write_bytes(seed.read_text(encoding="utf-8").encode("windows-1256", "replace"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["eval", "--gold", str(SAMPLES), str(out)])
    assert result.exit_code == 0, result.stderr
    as_utf8 = CliRunner().invoke(cli, ["eval", "--gold", str(SAMPLES), "--no-config", str(seed)])
    assert result.stdout.strip().splitlines()[-1] == as_utf8.stdout.strip().splitlines()[-1]
    ignored = CliRunner().invoke(cli, ["eval", "--gold", str(SAMPLES), "--no-config", str(out)])
    assert ignored.exit_code == 2 and "cannot decode as utf-8" in ignored.stderr


def test_installed_entry_point_runs(tmp_path):
    exe = Path(sys.executable).with_name("stripper")
    proc = subprocess.run([str(exe), "check", str(seed_paths()[0])], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert "worldpressarabic/logo" in proc.stdout


@pytest.mark.parametrize("name", ["dump.txt", "shard.jsonl"])
@pytest.mark.parametrize("command", ["clean", "diff"])
def test_a_stdout_closed_by_its_reader_is_one_line_and_exit_2(tmp_path, name, command):
    # `stripper clean shard.jsonl | head -1`, the reader gone before the output is out
    import json

    text = seed_paths()[0].read_text(encoding="utf-8")
    src = tmp_path / name
    if name.endswith(".jsonl"):
        src.write_text("".join(json.dumps({"text": text}, ensure_ascii=False) + "\n" for _ in range(200)))
    else:
        src.write_text("\n".join(f"{k} {line}" for k in range(50) for line in text.splitlines()), encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)
    exe = Path(sys.executable).with_name("stripper")
    args = ["--force"] if command == "clean" else ["--output-format", "unified"]
    proc = subprocess.run([str(exe), command, str(src), "--no-config", *args], stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    assert (proc.returncode, proc.stderr) == (2, b"stripper: error: the output was closed before it was all written\n")


def test_eval_agrees_with_reference_scorer(tmp_path):
    from .conftest import require_shared

    score_py = require_shared("tools", "score.py")
    out = tmp_path / "out"
    run("clean", "--no-site-rules", "--no-generic", str(SAMPLES), "--output-dir", str(out))
    result = run("eval", "--json", "--gold", str(SAMPLES), str(out))
    import json

    ours = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    for name, row in ours.items():
        ref = subprocess.run(
            [sys.executable, str(score_py), str(SAMPLES / name.replace(".txt", ".labels")), str(out / name)],
            capture_output=True,
            text=True,
            check=True,
        )
        ref = json.loads(ref.stdout)
        assert round(row["f1"], 4) == ref["f1"] and round(row["precision"], 4) == ref["precision"]


@given(st.text(alphabet="abtx.[]*?!\n/", max_size=12), st.lists(st.text(alphabet="abtx.[]*?!", max_size=6), max_size=4))
def test_folder_walk_picks_the_names_fnmatchcase_picks(name, globs):
    """The folder walk matches all its globs in one regex: the same names as
    fnmatchcase one glob at a time (the default globs and any others)."""
    from fnmatch import fnmatchcase

    from stripper.batch import INPUT_GLOBS_DEFAULT, _name_matcher

    for patterns in (INPUT_GLOBS_DEFAULT, tuple(globs)):
        assert _name_matcher(patterns)(name) == any(fnmatchcase(name, g) for g in patterns)


def test_folder_walk_spells_paths_as_before(tmp_path, monkeypatch):
    """Paths from a walk read as Path spells them: no "./" in front."""
    from stripper.batch import iter_inputs

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("yy\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for root in (".", "./", "sub/", str(tmp_path)):
        found = [(i.path, i.relative, i.size) for i in iter_inputs([root])]
        expected = sorted((str(p), str(p.relative_to(Path(root))), p.stat().st_size) for p in Path(root).rglob("*.txt"))
        assert sorted(found) == expected, root
