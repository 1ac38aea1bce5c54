"""The programs of the regular expressions, kept for later starts
(stripper/pattern_code.py): a pattern built from its kept program behaves as
one compiled anew, errors stay the compilers' own, a file that is not this
Python's is passed over and rewritten, and the command keeps its patterns."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stripper import pattern_code

from .conftest import printed_json

# Patterns of every kind the compilers take apart, and what each finds.
_PROGRAM = r"""
import json, pickle, re, sys
from stripper import pattern_code

pattern_code.remember()
import regex
pattern_code.hook_regex()
hooked = [(module.__name__, name) for module, name, _ in pattern_code._restore]

TEXT = "شاهد أيضاً: Foo-bar 2024 x@y.com\n<b>READ also</b> الاسم : * ٣٤ ABC abc\tend"
RE_PATTERNS = [
    (r"(?P<word>\w+)-(\w+)", 0), (r"^\s*شاهد\s+[أا]يضا", re.M), (r"read\s+ALSO", re.I),
    (r"<(\w)>.*?</\1>", re.S), (r"(?<=@)\w+\.(?:com|net)", 0), (r"[٠-٩]+|\d{4}", 0),
    (r" a  b c # comment", re.X), (r"(?i:abc)\s(?!x)", 0), (r"\bend\Z", re.A),
    (rb"(\w+)@(\w+)", 0), (r"[^\W\d_]{3,}", re.U), (r"x*+|a{2,}?", 0),
]
REGEX_PATTERNS = [
    (r"(?P<word>\w+)-(\w+)", regex.I), (r"\p{Arabic}+", 0), (r"(?:read){e<=1}", regex.I),
    (r"(?V1)[\w--\d]+", 0), (r"(?r)\w+", 0), (r"(?>a|ab)c|\d++", 0), (r"(?|(a)|(b))", 0),
    (r"^(?:الاسم|رمز التحقق)\s*:", regex.M), (rb"\w+\.com", 0), (r"(?i)readalso|\X", 0),
]

def behaviour(compiled, text):
    matches = [(m.span(), m.groups(), m.groupdict()) for m in compiled.finditer(text)]
    return [compiled.pattern if isinstance(compiled.pattern, str) else compiled.pattern.decode(),
            int(compiled.flags), compiled.groups, dict(compiled.groupindex),
            [list(map(list, m[0:1])) + [list(m[1]), m[2]] for m in matches],
            str(pickle.loads(pickle.dumps(compiled)).pattern)]

out = []
for module, patterns in ((re, RE_PATTERNS), (regex, REGEX_PATTERNS)):
    for pattern, flags in patterns:
        text = TEXT.encode() if isinstance(pattern, bytes) else TEXT
        out.append(behaviour(module.compile(pattern, flags), text))
errors = []
for module, bad in ((re, "(?P<x>a"), (regex, "[z-a]"), (regex, "(?P<x>a")):
    try:
        module.compile(bad)
    except module.error as exc:
        errors.append([str(exc), exc.pos])
programs = pattern_code._programs
print(json.dumps({"hooked": hooked, "new": programs.new if programs else None,
                  "known": len(programs.known) if programs else 0,
                  "out": out, "errors": errors}, ensure_ascii=False, default=repr))
pattern_code.keep()
"""


def _run(cache: Path | None, **env) -> dict:
    environ = {**os.environ, **env}
    environ.pop("STRIPPER_NO_CACHE", None)
    if cache is None:
        environ["STRIPPER_NO_CACHE"] = "1"
    else:
        environ["STRIPPER_CACHE_DIR"] = str(cache)
    return printed_json(_PROGRAM, environ)


def _file(cache: Path) -> Path:
    return cache / "code" / f"patterns-{sys.implementation.cache_tag}.marshal"


def _behaviour(result: dict) -> list:
    return [result["out"], result["errors"]]


def test_patterns_built_from_their_kept_programs_behave_as_compiled_anew(tmp_path):
    uncached = _run(None)
    assert uncached["hooked"] == [] and uncached["new"] is None
    first = _run(tmp_path)
    assert len(first["hooked"]) == 2 and first["new"] is True and first["known"] >= 22
    assert _file(tmp_path).is_file()
    written = _file(tmp_path).stat().st_mtime_ns
    second = _run(tmp_path)
    assert second["new"] is False, "every pattern of the second start comes from the file"
    assert _file(tmp_path).stat().st_mtime_ns == written, "nothing new: the file is not rewritten"
    assert _behaviour(first) == _behaviour(second) == _behaviour(uncached)
    assert len(uncached["errors"]) == 3


def test_a_file_that_is_not_this_pythons_is_passed_over_and_rewritten(tmp_path):
    path = _file(tmp_path)
    path.parent.mkdir(parents=True)
    reference = _behaviour(_run(None))
    for stored in (
        b"\x00garbage",
        marshal.dumps(((pattern_code._FORMAT, "another Python", 0), {})),
        marshal.dumps([1, 2]),
    ):
        path.write_bytes(stored)
        result = _run(tmp_path)
        assert result["new"] is True and _behaviour(result) == reference
        header, known = marshal.loads(path.read_bytes())
        assert header[1] == sys.version and len(known) >= result["known"]


def test_kept_entries_of_the_wrong_shape_are_not_used(tmp_path):
    path = tmp_path / "p.marshal"
    header = (pattern_code._FORMAT, b"m", 1)
    path.write_bytes(marshal.dumps((header, {("re", "a", 0): [1, 2], "not a key": (1,), ("re", "b", 0): (0,)})))
    assert pattern_code._read(str(path), header) == {("re", "b", 0): (0,)}


def test_named_lists_and_debug_are_compiled_as_usual(tmp_path, monkeypatch):
    regex = pytest.importorskip("regex")
    monkeypatch.setenv("STRIPPER_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("STRIPPER_NO_CACHE", raising=False)
    pattern_code.remember()
    pattern_code.hook_regex()
    try:
        assert pattern_code._programs is not None
        listed = regex.compile(r"\L<names>!", names=["ali", "sara"])
        assert listed.findall("ali! bob! sara!") == ["ali!", "sara!"]
        assert not any(key[0] == "regex" and "\\L<names>" in key[2] for key in pattern_code._programs.known)
    finally:
        pattern_code.forget()


def test_forget_gives_the_compilers_their_own_back(tmp_path, monkeypatch):
    import re._compiler

    regex_main = pytest.importorskip("regex._main")
    own = (re._compiler.compile, re._compiler._sre, regex_main._compile, regex_main._regex)
    sre_module, regex_module = own[1], own[3]
    monkeypatch.setenv("STRIPPER_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("STRIPPER_NO_CACHE", raising=False)
    pattern_code.remember()
    pattern_code.hook_regex()
    pattern_code.hook_regex()  # twice: hooked once
    try:
        assert len(pattern_code._restore) == 2
        assert re._compiler.compile is not own[0] and regex_main._compile is not own[2]
        # the C modules are stood in for only while a pattern is compiled
        regex_main._compile(r"(?:new)+ pattern of this test", 0, False, {}, True)
        assert (re._compiler._sre, regex_main._regex) == (sre_module, regex_module)
    finally:
        pattern_code.forget()
    assert (re._compiler.compile, re._compiler._sre, regex_main._compile, regex_main._regex) == own
    assert pattern_code._programs is None and pattern_code._restore == []
    pattern_code.forget()  # twice: nothing


def test_the_command_keeps_its_patterns(tmp_path):
    environ = {**os.environ, "STRIPPER_CACHE_DIR": str(tmp_path)}
    environ.pop("STRIPPER_NO_CACHE", None)
    command = [sys.executable, "-m", "stripper", "clean", "-", "--no-config"]
    text = "شاهد أيضاً: عنوان آخر\nنص المقال الطويل هنا مع كلمات كثيرة تكفي لسطر من المتن.\n"
    first = subprocess.run(command, input=text, env=environ, capture_output=True, text=True)
    written = _file(tmp_path).stat().st_mtime_ns
    header, known = marshal.loads(_file(tmp_path).read_bytes())
    assert {key[0] for key in known} == {"re", "regex"}
    second = subprocess.run(command, input=text, env=environ, capture_output=True, text=True)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    assert _file(tmp_path).stat().st_mtime_ns == written


def test_beyond_the_most_kept_only_this_starts_patterns_are_kept(tmp_path, monkeypatch):
    path = tmp_path / "p.marshal"
    header = (pattern_code._FORMAT, sys.version, 0)
    earlier = {("re", f"old{n}", 0): (0,) for n in range(5)}
    programs = pattern_code._Programs(str(path), header, dict(earlier))
    programs.used = {("re", "old1", 0): (0,), ("re", "new", 0): (1,)}
    programs.known[("re", "new", 0)] = (1,)
    programs.new = True
    monkeypatch.setattr(pattern_code, "_programs", programs)
    monkeypatch.setattr(pattern_code, "_MOST_KEPT", 6)
    pattern_code.keep()
    assert len(pattern_code._read(str(path), header)) == 6
    monkeypatch.setattr(pattern_code, "_MOST_KEPT", 5)
    pattern_code.keep()
    assert pattern_code._read(str(path), header) == programs.used


def test_a_damaged_program_is_dropped_and_the_pattern_compiled_as_usual(tmp_path):
    path = _file(tmp_path)
    reference = _behaviour(_run(None))
    _run(tmp_path)
    header, known = marshal.loads(path.read_bytes())
    damaged = {}
    for key, arguments in known.items():
        flags, code, *rest = arguments
        damaged[key] = (flags, [999999] * 3 if key[0] == "re" else code[:1], *rest)
    path.write_bytes(marshal.dumps((header, damaged)))
    result = _run(tmp_path)
    assert _behaviour(result) == reference
    assert result["new"] is True  # the damaged programs compiled anew, and kept again
