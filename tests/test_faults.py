"""Bad input and faults: a clear message, a distinct exit code, nothing lost."""

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from stripper import textio
from stripper.cli import cli

from .conftest import seed_paths

DIRTY = seed_paths()[0]


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def dirty_copy(tmp_path, name="a.txt") -> Path:
    target = tmp_path / name
    target.write_bytes(DIRTY.read_bytes())
    return target


def test_utf16_with_bom_is_cleaned_and_written_back_as_utf16(tmp_path):
    target = tmp_path / "u16.txt"
    target.write_bytes(b"\xff\xfe" + DIRTY.read_text(encoding="utf-8").encode("utf-16-le"))
    assert run("clean", "--in-place", str(target)).exit_code == 1
    data = target.read_bytes()
    assert data.startswith(b"\xff\xfe")
    assert "وورلد برس عربي logo" not in data[2:].decode("utf-16-le")


def test_utf8_bom_and_crlf_are_kept(tmp_path):
    target = tmp_path / "bom.txt"
    text = DIRTY.read_text(encoding="utf-8").replace("\n", "\r\n")
    target.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    run("clean", "--in-place", str(target))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def test_windows_1256_needs_a_flag_or_auto(tmp_path):
    target = tmp_path / "legacy.txt"
    target.write_bytes(DIRTY.read_text(encoding="utf-8").encode("windows-1256", errors="ignore"))
    before = target.read_bytes()
    result = run("clean", "--in-place", str(target))
    assert result.exit_code == 2 and "try --encoding windows-1256" in result.output
    assert target.read_bytes() == before
    result = run("clean", "--in-place", "--encoding", "windows-1256", str(target))
    assert result.exit_code == 1
    assert "وورلد برس عربي logo" not in target.read_bytes().decode("windows-1256")
    reported = []
    doc = textio.decode(before, "legacy.txt", "auto", on_assumed=reported.append)
    assert doc.encoding == "windows-1256" and reported == ["legacy.txt: not UTF-8; assumed windows-1256"]


def test_read_only_file_fails_alone_and_stays(tmp_path):
    target = dirty_copy(tmp_path)
    other = dirty_copy(tmp_path, "b.txt")
    target.chmod(0o444)
    before = target.read_bytes()
    result = run("clean", "--in-place", str(tmp_path))
    assert result.exit_code == 2
    assert f"{target}: cannot write: read-only file; input left as it was" in result.output
    assert target.read_bytes() == before
    assert other.read_bytes() != before  # the batch went on
    shard = tmp_path / "clean.jsonl"  # read-only with nothing to cut: no error
    shard.write_text('{"text": "' + "A plain sentence of an article. " * 10 + '"}\n')
    shard.chmod(0o444)
    assert run("clean", "--in-place", "--no-config", str(shard)).exit_code == 0


def test_outputs_get_the_usual_permissions_and_in_place_keeps_the_inputs(tmp_path):
    # a cleaned copy is a new file like any other (0o666 less the umask), not
    # a private one; a file rewritten in place keeps its own bits
    source = dirty_copy(tmp_path, "in.txt")
    source.chmod(0o640)
    umask = os.umask(0o022)
    try:
        assert run("clean", str(source), "-o", str(tmp_path / "out")).exit_code == 1
        assert run("clean", "--in-place", str(source)).exit_code == 1
    finally:
        os.umask(umask)
    assert (tmp_path / "out" / "in.txt").stat().st_mode & 0o777 == 0o644
    assert source.stat().st_mode & 0o777 == 0o640
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_full_disk_leaves_the_input_and_no_temp_file(tmp_path, monkeypatch):
    target = dirty_copy(tmp_path)
    before = target.read_bytes()
    real_fsync = os.fsync

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    result = run("clean", "--in-place", str(target))
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_symlink_loops_and_special_files_are_not_followed(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    dirty_copy(corpus)
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    os.mkfifo(corpus / "pipe.txt")
    result = run("check", str(corpus))
    assert result.exit_code == 1
    assert "pipe.txt: skipped: not a regular file" in result.output
    assert result.output.count("a.txt: ") == 1
    result = run("check", str(corpus / "pipe.txt"))  # named: an error
    assert result.exit_code == 2 and result.stderr == f"stripper: {corpus / 'pipe.txt'}: not a regular file\n"


def _greedy_rule_and_its_document(tmp_path):
    """A rule folder whose tail rule cuts all but the title of g.txt, and
    g.txt: cleaning it trips the safety valve."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "greedy.yml").write_text(
        "site: greedy\nmatch:\n  - filename: '^g'\nrules:\n  - id: all\n    kind: tail\n"
        "    category: related\n    marker: [Related]\n    min_body_words: 0\n"
        'tests:\n  - input: "Related\\nx\\n"\n    expect: ""\n'
    )
    target = tmp_path / "g.txt"
    target.write_text("Title\nRelated\n" + "A long paragraph of the article itself. " * 20 + "\n")
    return rules, target


def test_safety_valve_holds_back_a_document_unless_forced(tmp_path):
    rules, target = _greedy_rule_and_its_document(tmp_path)
    before = target.read_bytes()
    result = run("clean", "--in-place", "--rules", str(rules), str(target))
    assert "suspicious" in result.output and target.read_bytes() == before
    assert result.exit_code == 0
    assert run("clean", "--in-place", "--force", "--rules", str(rules), str(target)).exit_code == 1
    assert target.read_text() == "Title\n"


def test_regex_timeout_names_the_rule_and_leaves_the_document(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.yml").write_text(
        "site: slow\nmatch:\n  - filename: '^s'\nrules:\n  - id: backtrack\n    kind: line\n"
        '    category: script\n    raw: \'^(a|a)+$\'\ntests:\n  - input: "b\\n"\n    expect: "b\\n"\n'
    )
    target = tmp_path / "s.txt"
    target.write_text("a" * 40 + "!\n")
    before = target.read_bytes()
    result = run("clean", "--in-place", "--rules", str(rules), str(target))
    assert result.exit_code == 2
    assert "s.txt: rule slow/backtrack (" in result.output and "slow.yml:5) timed out" in result.output
    assert target.read_bytes() == before


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["one-line", "many-lines"])
def test_huge_inputs_in_bounded_memory(tmp_path, shape):
    target = tmp_path / "big.txt"
    para = "وقال الرئيس إن المحادثات كانت بناءة ومثمرة. " * 3
    if shape == "one-line":  # 50 MB on one line
        target.write_text(para * (50_000_000 // len(para.encode())) + "\n", encoding="utf-8")
    else:  # a million lines, each a short sentence (about 40 MB)
        target.write_text(
            "".join(f"وقال الرئيس إن المحادثات {i} كانت بناءة.\n" for i in range(1_000_000)), encoding="utf-8"
        )
    size = target.stat().st_size
    code = (
        "import resource, subprocess, sys;"
        f"p = subprocess.run([sys.executable, '-m', 'stripper', 'check', '--no-config', {str(target)!r}]);"
        "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    returncode, peak = map(int, out.stdout.split())
    assert returncode in (0, 1), out.stderr
    assert peak < 12 * size + 150_000_000, f"peak RSS {peak / 1e6:.0f} MB for a {size / 1e6:.0f} MB file"


def test_undecodable_file_is_an_error_and_left_untouched_in_place(tmp_path):
    target = tmp_path / "latin1.txt"
    target.write_bytes("Menu\ncaf\xe9 au lait\n".encode("latin-1"))
    before, mtime = target.read_bytes(), target.stat().st_mtime_ns
    result = run("clean", "--in-place", str(target))
    assert result.exit_code == 2
    assert f"{target}:2: cannot decode as utf-8" in result.output
    assert len([line for line in result.output.splitlines() if "cannot decode" in line]) == 1
    assert target.read_bytes() == before and target.stat().st_mtime_ns == mtime


def test_encoding_auto_reports_what_it_assumed(tmp_path):
    target = tmp_path / "legacy.txt"
    target.write_bytes(DIRTY.read_text(encoding="utf-8").encode("windows-1256", errors="ignore"))
    result = run("clean", "--in-place", "--encoding", "auto", str(target))
    assert result.exit_code == 1
    assert f"{target}: not UTF-8; assumed windows-1256" in result.output
    assert target.read_bytes().decode("windows-1256")  # written back in its own encoding


# ---- hostile input (docs/reliability.md, "Hostile input") ------------------

STRIPPER = Path(sys.executable).with_name("stripper")
BOILERPLATE = "وورلد برس عربي logo"  # a line of DIRTY that cleaning cuts


def test_a_trailing_nul_is_text(tmp_path):
    # files converted from old encodings often end with a NUL: still text
    source = tmp_path / "in" / "nul.txt"
    source.parent.mkdir()
    head = DIRTY.read_bytes()[:4000]  # a NUL within the first 8 KB, which are read to tell binary
    source.write_bytes(head[: head.rindex(b"\n") + 1] + b"\x00")
    out = tmp_path / "out"
    result = run("clean", str(source.parent), "-o", str(out), "--no-config")
    assert result.exit_code == 1, result.output
    cleaned = (out / "nul.txt").read_bytes()
    assert BOILERPLATE.encode() not in cleaned and "لقاء بوتين والأسد في الكرملين".encode() in cleaned
    result = CliRunner().invoke(cli, ["clean", "-", "--no-config"], input=source.read_bytes())
    assert result.exit_code == 1 and result.stdout_bytes == cleaned


def test_binary_stdin_is_an_error_and_passed_through():
    blob = bytes(range(256)) * 4
    result = CliRunner().invoke(cli, ["clean", "-", "--no-config"], input=blob)
    assert result.exit_code == 2
    assert result.stdout_bytes == blob
    assert "<stdin>: binary file (NUL bytes), not cleaned; written to stdout as it was" in result.stderr


def test_an_input_that_cannot_be_cleaned_is_copied_to_the_output_folder(tmp_path):
    # the mirror holds one file for every input; --no-copy-failed says otherwise
    corpus = tmp_path / "c"
    corpus.mkdir()
    dirty_copy(corpus)
    bad = {
        "latin1.txt": "café\n".encode("latin-1"),
        "blob.txt": bytes(range(256)),
        "cut.txt.gz": gzip_bytes(DIRTY.read_bytes())[:40],
        "cut.txt.zst": zstd_bytes(DIRTY.read_bytes())[:60],
    }
    for name, data in bad.items():
        (corpus / name).write_bytes(data)
    out = tmp_path / "out"
    result = run("clean", str(corpus), "-o", str(out), "--no-config")
    assert result.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in corpus.iterdir())
    for name, data in bad.items():
        assert (out / name).read_bytes() == data
        assert len([line for line in result.stderr.splitlines() if f"{corpus / name}" in line]) == 1
    result = run("clean", str(corpus), "-o", str(tmp_path / "only"), "--no-config", "--no-copy-failed")
    assert result.exit_code == 2
    assert [p.name for p in (tmp_path / "only").iterdir()] == ["a.txt"]


def gzip_bytes(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data)


def zstd_bytes(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)


def _limited(seconds: float):
    """Run a child with 1 GB of address space at most: the alias bomb took
    13 GB before the fix."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return dict(preexec_fn=limit, capture_output=True, text=True, timeout=seconds)


@pytest.mark.parametrize("where", ["rules", "config"])
def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path, where):
    import tracemalloc

    from stripper.errors import RuleError
    from stripper.rules import yamlpos

    if where == "rules":
        (tmp_path / "rules").mkdir()
        (tmp_path / "rules" / "bomb.yml").write_text(ALIAS_BOMB)
        args, named = ["--rules", str(tmp_path / "rules")], "bomb.yml:"
    else:
        (tmp_path / ".stripper.yml").write_text(ALIAS_BOMB)
        args, named = [], ".stripper.yml:"
    (tmp_path / "a.txt").write_text("text\n")
    # the process, in 1 GiB and 20 s (an expanded bomb needs far more of both:
    # killed, it would not exit 2 with the message); no clock is read, the
    # machine is shared
    proc = subprocess.run([str(STRIPPER), "check", *args, "a.txt"], cwd=tmp_path, **_limited(20))
    assert proc.returncode == 2, proc.stderr
    assert named in proc.stderr and "aliases expand to more than" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    # the loader alone refuses it before expanding it: its memory, not its time
    tracemalloc.start()
    try:
        with pytest.raises(RuleError, match="aliases expand"):
            yamlpos.load(ALIAS_BOMB, "bomb.yml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20, peak
    for recursive in ("a: &a [*a]\n", "a: &a {b: *a}\n"):
        with pytest.raises(RuleError, match="refers to a node inside itself"):
            yamlpos.load(recursive, "r.yml")


def test_a_closed_stderr_does_not_stop_the_batch(tmp_path):
    # `stripper clean pages/ -o out 2>&1 | head -1`: every message fails to
    # be written; the batch still cleans (or copies) every file, exit 2 kept
    corpus = tmp_path / "c"
    corpus.mkdir()
    for k in range(30):
        dirty_copy(corpus, f"{k:02}.txt")
        (corpus / f"{k:02}_bad.txt").write_bytes(b"caf\xe9\n")
    for case in ("broken pipe", "closed"):
        out = tmp_path / case.replace(" ", "_")
        command = [str(STRIPPER), "clean", str(corpus), "-o", str(out), "--no-config", "-j", "1"]
        if case == "broken pipe":
            read_end, write_end = os.pipe()
            os.close(read_end)
            proc = subprocess.run(command, stderr=write_end, stdout=subprocess.DEVNULL, timeout=120)
            os.close(write_end)
        else:  # 2>&-
            proc = subprocess.run(["sh", "-c", 'exec "$@" 2>&-', "sh", *command], timeout=120)
        assert proc.returncode == 2, case
        assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in corpus.iterdir()), case
        assert not list(out.glob(".*"))


def _append_while_cleaning(monkeypatch, path: Path, line: bytes):
    """Another writer appends `line` to `path` while stripper cleans it."""
    from stripper.batch import CleanOptions

    real = CleanOptions.clean

    def clean_and_be_overtaken(self, doc, registry, source):
        result = real(self, doc, registry, source)
        with open(path, "ab") as fh:
            fh.write(line)
        return result

    monkeypatch.setattr(CleanOptions, "clean", clean_and_be_overtaken)


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl"])
def test_a_file_appended_to_during_an_in_place_run_is_left_to_the_writer(tmp_path, monkeypatch, name):
    import json

    target = tmp_path / name
    if name.endswith(".jsonl"):
        target.write_text(json.dumps({"text": DIRTY.read_text(encoding="utf-8")}) + "\n")
        late = json.dumps({"text": "late record"}).encode() + b"\n"
    else:
        target.write_bytes(DIRTY.read_bytes())
        late = "سطر أضيف أثناء التنظيف\n".encode()
    expected = target.read_bytes() + late
    _append_while_cleaning(monkeypatch, target, late)
    result = run("clean", "--in-place", "--no-config", str(target))
    assert result.exit_code == 2
    assert (
        f"{target}: changed by another process while being cleaned; not rewritten, left as the other writer left it"
    ) in result.stderr
    assert target.read_bytes() == expected
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_two_inputs_with_one_output_path_do_not_overwrite_each_other(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    dirty_copy(a, "x.txt")
    (b / "x.txt").write_text("another document\n")
    out = tmp_path / "out"
    result = run("clean", str(a), str(b), "-o", str(out), "--no-config")
    assert result.exit_code == 2
    assert f"{b / 'x.txt'}: not cleaned: its output {out / 'x.txt'} is the output of {a / 'x.txt'}" in result.stderr
    assert BOILERPLATE not in (out / "x.txt").read_text() and "another" not in (out / "x.txt").read_text()
    # a page's text goes to page.txt: beside page.txt, one of the two fails
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "p.html").write_text(
        "<html><body><article><p>" + "Words of the article. " * 30 + "</p></article></body></html>"
    )
    (pages / "p.txt").write_text("a text dump\n")
    result = run("clean", str(pages), "-o", str(tmp_path / "pout"), "--no-config")
    assert result.exit_code == 2
    assert (
        f"{pages / 'p.txt'}: not cleaned: its output {tmp_path / 'pout' / 'p.txt'} is the output of "
        f"{pages / 'p.html'}" in result.stderr
    )
    # the output folder is the input's own folder
    before = (a / "x.txt").read_bytes()
    result = run("clean", str(a / "x.txt"), "-o", str(a), "--no-config")
    assert result.exit_code == 2 and "is the input itself (use --in-place)" in result.stderr
    assert (a / "x.txt").read_bytes() == before


def test_an_output_that_is_its_input_is_told_as_one_whatever_the_input(tmp_path):
    """The output is known to be the input itself at its write (a new output
    is renamed in without a stat): one that cannot be read or decoded is
    still told as its own output, with nothing copied over it."""
    folder = tmp_path / "in"
    folder.mkdir()
    dirty_copy(folder, "x.txt")
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02" * 1000)
    (folder / "latin.txt").write_bytes("caf\xe9\n".encode("latin-1"))
    before = {p.name: (p.read_bytes(), p.stat().st_ino) for p in folder.iterdir()}
    for copy in ([], ["--no-copy-failed"]):
        result = run("clean", str(folder), "-o", str(folder), "--no-config", "-q", *copy)
        assert result.exit_code == 2
        for name in before:
            assert f"{folder / name}: not cleaned: its output {folder / name} is the input itself" in result.stderr
        assert len(result.stderr.splitlines()) == 4  # the three, and "3 of 3 files failed"
        assert {p.name: (p.read_bytes(), p.stat().st_ino) for p in folder.iterdir()} == before


@pytest.mark.parametrize("link_new, unnamed", [(True, True), (True, False), (False, False)])
def test_outputs_are_written_alike_with_and_without_a_link(tmp_path, monkeypatch, link_new, unnamed):
    """A new output goes in with a hard link that fails where a file is
    there (Linux: of an unnamed file, or of a named temporary file where
    the file system has no unnamed ones); without it (elsewhere), or over
    an output already there, the target is stat'ed first: read-only stays
    read-only, the bits are kept, and no temporary file is left."""
    monkeypatch.setattr(textio, "_LINK_NEW", link_new)
    monkeypatch.setattr(textio, "_UNNAMED", unnamed and textio._UNNAMED)
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        dirty_copy(folder, name)
    assert run("clean", str(folder), "-o", str(out), "--no-config", "-q").exit_code == 1
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(first) == ["a.txt", "b.txt", "c.txt"] and BOILERPLATE not in first["a.txt"].decode()
    (out / "a.txt").chmod(0o444)
    (out / "b.txt").chmod(0o640)
    (out / "c.txt").write_text("an older output\n")
    result = run("clean", str(folder), "-o", str(out), "--no-config", "-q")
    assert result.exit_code == 2
    assert f"{folder / 'a.txt'}: cannot write: read-only file; input left as it was" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    assert (out / "b.txt").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt", "c.txt"]
    assert all(p.stat().st_nlink == 1 for p in out.iterdir())


@pytest.mark.parametrize("share", ["nan", "NaN", "-0.1", "1.5", "inf", "half"])
def test_max_cut_share_must_be_a_number_from_0_to_1(share):
    result = run("clean", "--max-cut-share", share, "--no-config", str(DIRTY))
    assert result.exit_code == 2 and "is not a number from 0 to 1" in result.stderr


@pytest.mark.parametrize("value", [".nan", "true", "2"])
def test_max_cut_share_in_the_config_must_be_a_number_from_0_to_1(tmp_path, monkeypatch, value):
    (tmp_path / ".stripper.yml").write_text(f"max_cut_share: {value}\n")
    monkeypatch.chdir(tmp_path)
    result = run("check", str(DIRTY))
    assert result.exit_code == 2 and "'max_cut_share' must be a number from 0 to 1" in result.stderr


def test_a_missing_input_is_an_error(tmp_path):
    missing = tmp_path / "missing.txt"
    for args in (["check", str(missing)], ["clean", str(missing)]):
        result = run(*args, "--no-config")
        assert result.exit_code == 2, args
        assert result.stderr.splitlines()[0] == f"stripper: {missing}: no such file or folder"
    out = tmp_path / "out"
    result = run("clean", str(DIRTY), str(missing), "-o", str(out), "--no-config")
    assert result.exit_code == 2 and (out / DIRTY.name).exists()
    result = run("clean", str(DIRTY), str(missing), "--no-config")  # not one file to stdout
    assert result.exit_code == 2 and "several inputs" in result.stderr
    for args in (["diff", str(DIRTY), str(missing)], ["report", str(missing), "-o", str(tmp_path / "r.html")]):
        result = run(*args)  # the rest of the batch is still shown, the missing file is an error
        assert result.exit_code == 2, args
        assert f"stripper: {missing}: no such file or folder" in result.stderr.splitlines()


def test_clean_and_check_agree_on_a_held_back_document(tmp_path):
    # a document the safety valve holds back is left as it is by clean (exit
    # 0), and check says the same: else a repository with both hooks could
    # never commit it
    rules, target = _greedy_rule_and_its_document(tmp_path)
    checked = run("check", "--no-config", "--rules", str(rules), str(target))
    cleaned = run("clean", "--in-place", "--no-config", "--rules", str(rules), str(target))
    assert checked.exit_code == cleaned.exit_code == 0
    assert checked.stdout == ""
    assert (
        checked.stderr
        == cleaned.stderr
        == (
            f"stripper: {target}: suspicious: cuts would remove 99% of "
            f"the document (limit 95%); left as it was (use --force to apply)\n"
        )
    )
    shard = tmp_path / "g.jsonl"
    shard.write_text('{"url": "g", "text": "Title\\nRelated\\n' + "A long paragraph. " * 20 + '\\n"}\n')
    assert run("check", "--no-config", "--site", "greedy", "--rules", str(rules), str(shard)).exit_code == 0


def test_clean_check_and_diff_agree_on_a_held_back_page(tmp_path):
    # a page the safety valve holds back keeps its own cuts (the engine's
    # footer): clean writes them (exit 1), and check (and diff, on the page) say so too
    # (found by tests/test_fuzz_cli.py: check said 0)
    page = (
        "<!DOCTYPE html><html><head><title>t</title></head><body><p>الرد على تعليق</p><footer>  • أوربان: "
        "موقفي من موسكو أكثر اعتدالا من القادة الغربيين لأن بوتين يفي بكلمته دائما</footer>"
    )
    shard, html = tmp_path / "in" / "0.jsonl", tmp_path / "in" / "p.html"
    shard.parent.mkdir()
    shard.write_text(json.dumps({"html": page}) + "\n", encoding="utf-8")
    html.write_text(page, encoding="utf-8")
    for target in (shard, html):
        before = target.read_bytes()
        cleaned = run("clean", "--no-config", "-o", str(tmp_path / "out"), str(target))
        assert "suspicious: cuts would remove 100% of the article" in cleaned.stderr
        assert cleaned.exit_code == 1, target
        assert run("check", "--no-config", str(target)).exit_code == 1, target
        assert target.read_bytes() == before
    assert run("diff", "--no-config", str(html)).exit_code == 1  # (diff reads a JSONL file as one text)


def test_in_place_writes_through_a_symlink(tmp_path):
    real = dirty_copy(tmp_path, "real.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    assert run("clean", "--in-place", "--no-config", str(link)).exit_code == 1
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert BOILERPLATE not in real.read_text()


def test_in_place_refuses_a_file_with_hard_links(tmp_path):
    first = dirty_copy(tmp_path, "first.txt")
    second = tmp_path / "second.txt"
    os.link(first, second)
    before = first.read_bytes()
    result = run("clean", "--in-place", "--no-config", str(first))
    assert result.exit_code == 2
    assert (
        f"{first}: cannot write: it has 2 hard links, which a rewrite would split (clean a copy, "
        f"or use --output-dir); input left as it was"
    ) in result.stderr
    assert first.read_bytes() == before and os.path.samefile(first, second)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # a file with nothing to cut is no error, hard links or not (a JSONL shard too)
    clean_one = tmp_path / "clean.txt"
    clean_one.write_bytes(seed_paths()[3].read_bytes())
    os.link(clean_one, tmp_path / "clean-link.txt")
    assert run("clean", "--in-place", "--no-config", str(clean_one)).exit_code == 0
    shard = tmp_path / "clean.jsonl"
    shard.write_text('{"text": "' + "A plain sentence of an article. " * 10 + '"}\n')
    os.link(shard, tmp_path / "clean-link.jsonl")
    result = run("clean", "--in-place", "--no-config", str(shard))
    assert result.exit_code == 0, result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="making a file another user's needs root")
def test_in_place_keeps_the_owner(tmp_path):
    target = dirty_copy(tmp_path)
    os.chown(target, 65534, 65534)
    assert run("clean", "--in-place", "--no-config", str(target)).exit_code == 1
    info = target.stat()
    assert (info.st_uid, info.st_gid) == (65534, 65534)
    assert BOILERPLATE not in target.read_text()


def test_a_file_is_read_to_its_end_whatever_each_read_returns(tmp_path, monkeypatch):
    # reads cut short (as a network file system may) are read on to the end
    target = tmp_path / "a.txt"
    target.write_bytes(b"0123456789" * 1000)
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: real_read(fd, min(n, 999)))
    data, seen = textio.read_input_bytes(target)
    monkeypatch.setattr(os, "read", real_read)
    assert data == b"0123456789" * 1000 and seen == textio.signature(target)
    with pytest.raises(textio.InputError, match="is a directory"):
        textio.read_input_bytes(tmp_path)
    with pytest.raises(textio.InputError, match="cannot read: No such file or directory"):
        textio.read_input_bytes(tmp_path / "none.txt")


def test_write_atomic_writes_every_byte_of_short_writes_and_keeps_the_bits(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    textio.write_atomic(target, b"0123456789" * 100, durable=False)
    monkeypatch.setattr(os, "write", real_write)
    assert target.read_bytes() == b"0123456789" * 100
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


@pytest.mark.skipif(not textio._UNNAMED, reason="no unnamed files (O_TMPFILE) on this system")
def test_a_new_file_is_written_unnamed_then_linked(tmp_path, monkeypatch):
    """Not in place, a new file is written unnamed (O_TMPFILE) and linked at
    its path: no temporary name ever shows in the folder, the bits are the
    process's default, and an error while writing leaves nothing."""
    made = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, flags, *a: made.append(path) or real_open(path, flags, *a))
    textio.write_atomic(tmp_path / "a.txt", b"new", durable=True)
    assert made == [os.path.join(tmp_path, "")]  # the folder, opened unnamed: no temporary name
    assert (tmp_path / "a.txt").read_bytes() == b"new"
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o666 & ~umask
    monkeypatch.setattr(os, "write", lambda fd, data: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(OSError, match="No space left"):
        textio.write_atomic(tmp_path / "b.txt", b"lost", durable=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


@pytest.mark.skipif(not textio._UNNAMED, reason="no unnamed files (O_TMPFILE) on this system")
@pytest.mark.parametrize("failure", ["open", "link", "proc"])
@pytest.mark.parametrize("there", [False, True])
def test_an_unnamed_file_that_cannot_be_made_or_linked_goes_the_named_way(tmp_path, monkeypatch, failure, there):
    """A file system without unnamed files (its open fails), a link that
    fails for another reason than a file there, or no link from /proc at
    all: the file is written through a named temporary file, as where
    there are no unnamed files at all, over a file there or not."""
    real_open, real_link = os.open, os.link

    def fake_open(path, flags, *args):
        if failure == "open" and flags & os.O_TMPFILE == os.O_TMPFILE:
            raise OSError(95, "Operation not supported")
        return real_open(path, flags, *args)

    def fake_link(src, dst, **kwargs):
        if failure == "link" and os.fspath(dst).endswith("a.txt"):
            raise OSError(1, "Operation not permitted")
        if failure == "proc" and os.fspath(src).startswith("/proc/"):
            raise OSError(2, "No such file or directory")
        return real_link(src, dst, **kwargs)

    if there:
        (tmp_path / "a.txt").write_bytes(b"old")
        (tmp_path / "a.txt").chmod(0o640)
    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "link", fake_link)
    textio.write_atomic(tmp_path / "a.txt", b"new", durable=False)
    textio.write_atomic(tmp_path / "a.txt", b"newer", durable=False)  # (a folder without them is remembered)
    assert (tmp_path / "a.txt").read_bytes() == b"newer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    if there:
        assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o640


def test_a_forked_worker_names_its_temporary_files_by_its_own_id():
    # the process id in the temporary names is kept, not asked for a file
    assert textio._pid == os.getpid()
    child = os.fork()
    if child == 0:
        os._exit(0 if textio._pid == os.getpid() else 1)
    assert os.waitpid(child, 0)[1] == 0
