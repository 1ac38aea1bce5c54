"""Bad input and faults: a clear message, a distinct exit code, nothing lost."""
import errno
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


def test_safety_valve_holds_back_a_document_unless_forced(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "greedy.yml").write_text(
        "site: greedy\nmatch:\n  - filename: '^g'\nrules:\n  - id: all\n    kind: tail\n"
        "    category: related\n    marker: [Related]\n    min_body_words: 0\n"
        "tests:\n  - input: \"Related\\nx\\n\"\n    expect: \"\"\n")
    target = tmp_path / "g.txt"
    target.write_text("Title\nRelated\n" + "A long paragraph of the article itself. " * 20 + "\n")
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
        "    category: script\n    raw: '^(a|a)+$'\ntests:\n  - input: \"b\\n\"\n    expect: \"b\\n\"\n")
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
        target.write_text("".join(f"وقال الرئيس إن المحادثات {i} كانت بناءة.\n" for i in range(1_000_000)),
                          encoding="utf-8")
    size = target.stat().st_size
    code = ("import resource, subprocess, sys;"
            f"p = subprocess.run([sys.executable, '-m', 'stripper', 'check', '--no-config', {str(target)!r}]);"
            "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)")
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
