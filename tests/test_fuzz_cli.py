"""Fuzzing the command line over folders of generated hostile files.

Each example is a folder of up to six files: text dumps in any encoding
(with NULs, BOMs, lone carriage returns, cut multi-byte characters), random
bytes, JSONL shards with broken, non-object and surrogate-holding records,
HTML pages, each maybe gzip- or zstd-compressed and maybe cut short, names
that collide once a page's text becomes page.txt. The folder is cleaned to
an output folder, checked, and cleaned in place (on a copy); each run must
keep the promises of docs/reliability.md:

- no crash (an exception fails the test), no "internal error", every
  message one line starting with "stripper: ";
- exit 2 exactly when some input failed, with a line naming it;
- the output folder holds a file for every input (its cleaned text, or a
  copy of it), but for an input whose output path another input took;
- `check` exits as `clean` does (the safety valve included);
- in place, a file is either its cleaned text (the same as under the
  output folder) or left as it was, and no temporary file is left; the
  inputs of the other two runs are untouched.

`make fuzz` runs it at FUZZ_CLI_EXAMPLES (2,000); the suite at 25.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from pathlib import Path

import zstandard
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings, strategies as st

from stripper.cli import cli

from .conftest import seed_paths

EXAMPLES = int(os.environ.get("FUZZ_CLI_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

SEED_LINES = sorted(
    {line for path in seed_paths() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
)[:400]
NOTES = (": suspicious: ", "; assumed ")  # told, not failures

any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
with_surrogates = st.text(st.characters(), max_size=40)  # lone surrogates too
lines = st.lists(
    st.one_of(
        st.sampled_from(SEED_LINES), any_text, st.sampled_from(["", " ", "\x00", "\t\x0b\x0c", "\u200f", "\ufeff"])
    ),
    max_size=25,
)


@st.composite
def text_bytes(draw) -> bytes:
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
    text = newline.join(draw(lines)) + draw(st.sampled_from(["", newline, "\x00", newline + "\x00"]))
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "windows-1256", "latin-1", "utf-32"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 3)) == 0 and data:  # a byte lost or flipped somewhere
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(max_size=2)) + data[at + 1 :]
    return data


def record(draw) -> str:
    kind = draw(st.sampled_from(["good"] * 6 + ["surrogate", "html", "broken", "list", "no text", "blank"]))
    if kind == "good":
        return json.dumps({"id": draw(st.integers()), "text": "\n".join(draw(lines))}, ensure_ascii=False)
    if kind == "surrogate":
        return json.dumps({"text": "\n".join(draw(lines)) + draw(with_surrogates)})
    if kind == "html":
        return json.dumps({"html": draw(html_text())})
    if kind == "broken":
        return draw(st.sampled_from(['{"text": ', "{not json", '{"text": "\\ud800', "\x00", "[1, 2", "[" * 100_000]))
    if kind == "list":
        return json.dumps(draw(st.lists(st.integers(), max_size=3)))
    if kind == "no text":
        return json.dumps({"text": draw(st.one_of(st.none(), st.integers(), st.lists(any_text, max_size=2)))})
    return ""


@st.composite
def jsonl_bytes(draw) -> bytes:
    records = [record(draw) for _ in range(draw(st.integers(0, 6)))]
    return ("\n".join(records) + draw(st.sampled_from(["", "\n", "\r\n"]))).encode("utf-8", errors="surrogatepass")


@st.composite
def html_text(draw) -> str:
    paragraphs = "".join(
        f"<{tag}>{body}</{tag}>"
        for tag, body in draw(
            st.lists(
                st.tuples(
                    st.sampled_from(["p", "div", "li", "h1", "nav", "footer", "script", "a"]),
                    st.one_of(st.sampled_from(SEED_LINES), any_text),
                ),
                max_size=12,
            )
        )
    )
    junk = draw(st.sampled_from(["", "<", "<!--", "</body></html>", "<p", "&#xD800;", "<meta charset=x>"]))
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{paragraphs}{junk}"


@st.composite
def hostile_file(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["txt", "txt", "jsonl", "html", "bin"]))
    data = {
        "txt": lambda: draw(text_bytes()),
        "jsonl": lambda: draw(jsonl_bytes()),
        "html": lambda: draw(html_text()).encode("utf-8", errors="surrogatepass"),
        "bin": lambda: draw(st.binary(max_size=200)),
    }[kind]()
    extension = {"txt": ".txt", "jsonl": ".jsonl", "html": ".html", "bin": draw(st.sampled_from([".txt", ".jsonl"]))}[
        kind
    ]
    compression = draw(st.sampled_from(["", "", ".gz", ".zst"]))
    if compression == ".gz":
        data = gzip.compress(data, mtime=0)
    elif compression == ".zst":
        data = zstandard.ZstdCompressor().compress(data)
    if compression and draw(st.integers(0, 3)) == 0:  # cut short
        data = data[: draw(st.integers(0, max(0, len(data) - 1)))]
    if extension == ".html" and compression == ".zst":
        compression = ""  # *.html.zst is not among the names a folder walk picks up
    folder = draw(st.sampled_from(["", "", "sub/"]))
    stem = draw(st.integers(0, 3))  # few stems: p.html and p.txt collide as p.txt
    return f"{folder}{stem}{extension}{compression}", data


folders = st.lists(hostile_file(), min_size=1, max_size=6).map(dict)


def invoke(*args):
    return CliRunner().invoke(cli, [*map(str, args), "--no-config", "-q", "-j", "1"], catch_exceptions=False)


def contents(path: Path) -> bytes | None:
    """A file's bytes, decompressed when that works."""
    data = path.read_bytes()
    try:
        if path.name.endswith(".gz"):
            return gzip.decompress(data)
        if path.name.endswith(".zst"):
            reader = zstandard.ZstdDecompressor().decompressobj()
            out = reader.decompress(data)
            return out if reader.eof else data
    except Exception:
        pass
    return data


def failures(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    assert all(line.startswith("stripper: ") for line in lines), stderr
    assert "internal error" not in stderr, stderr
    return [line for line in lines if not any(note in line for note in NOTES)]


KINDS = (
    "cannot decode",
    "binary file",
    "cannot decompress",
    "cannot read",
    "invalid JSON",
    "not a JSON object",
    "string field",
    "not cleaned: its output",
    "not rewritten in place",
    "suspicious",
    "assumed",
)


def tell(run: str, result) -> None:
    """What the run met, for `--hypothesis-show-statistics`."""
    event(f"{run}: exit {result.exit_code}")
    for kind in KINDS:
        if kind in result.stderr:
            event(f"{run}: {kind}")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def page_text_name(relative: str) -> str:
    name = relative
    for suffix in (".gz", ".zst"):
        name = name.removesuffix(suffix)
    return name.rsplit(".", 1)[0] + ".txt"


@FUZZ
@given(folders)
def test_the_cli_on_folders_of_hostile_files(files):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src, out, copy = tmp / "in", tmp / "out", tmp / "copy"
        for relative, data in files.items():
            (src / relative).parent.mkdir(parents=True, exist_ok=True)
            (src / relative).write_bytes(data)
        before = snapshot(src)
        event(f"files in the folder: {len(files)}")

        cleaned = invoke("clean", src, "-o", out)
        tell("clean -o", cleaned)
        failed = failures(cleaned.stderr)
        assert cleaned.exit_code in (0, 1, 2)
        assert (cleaned.exit_code == 2) == bool(failed), cleaned.stderr
        written = set(snapshot(out)) if out.exists() else set()
        collided = [r for r in files if f"{src / r}: not cleaned: its output " in cleaned.stderr]
        for relative in files:
            assert relative in written or page_text_name(relative) in written or relative in collided, (
                relative,
                sorted(written),
                cleaned.stderr,
            )
        assert snapshot(src) == before

        checked = invoke("check", src)
        failures(checked.stderr)
        if not collided:
            assert checked.exit_code == cleaned.exit_code, (cleaned.stderr, checked.stderr)

        shutil.copytree(src, copy)
        in_place = invoke("clean", "--in-place", copy)
        tell("clean --in-place", in_place)
        failures(in_place.stderr)
        assert in_place.exit_code in (0, 1, 2)
        after = snapshot(copy)
        assert sorted(after) == sorted(before), "a file was lost or a temporary file left"
        for relative in files:
            untouched = after[relative] == before[relative]
            if f"{copy / relative}: an HTML page is not rewritten in place" in in_place.stderr:
                assert untouched
            elif f"{copy / relative}: not rewritten (a record could not be read)" in in_place.stderr:
                assert untouched  # a JSONL file with a bad record is left as it was
            elif relative in written and relative not in collided:
                assert contents(copy / relative) == contents(out / relative), relative
        assert not [p for p in tmp.rglob("*.tmp")]
