"""The methods @dataclass writes, taken compiled from the cache while the
command loads its modules (stripper/dataclass_code.py): the classes behave
as those compiled anew, a file that is not this Python's is rewritten, and
dataclasses gets its own exec back."""

from __future__ import annotations

import dataclasses
import marshal
import os
import subprocess
import sys
from pathlib import Path

from stripper import dataclass_code

from .conftest import printed_json

# classes of every kind of generated method, and what each does, as JSON
_PROGRAM = """
import dataclasses, json, sys
from stripper import dataclass_code

dataclass_code.remember()
taken = dataclass_code._code is not None

@dataclasses.dataclass(frozen=True)
class Frozen:
    a: int
    b: str = "x"
    c: tuple = dataclasses.field(default=(), repr=False)

@dataclasses.dataclass(order=True)
class Ordered:
    n: int
    items: list = dataclasses.field(default_factory=list)
    m: "int" = 3

@dataclasses.dataclass(eq=False, kw_only=True)
class Keywords:
    z: float = 1.5

new = dataclass_code._code.new if taken else None
dataclass_code.forget()
f = Frozen(1)
try:
    f.a = 2
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
print(json.dumps({
    "taken": taken, "new": new, "exec_back": "exec" not in vars(dataclasses),
    "repr": [repr(f), repr(Ordered(2)), repr(Keywords(z=2.0))],
    "eq": [f == Frozen(1), f == Frozen(1, "y"), Keywords() == Keywords()],
    "hash": hash(f) == hash(Frozen(1)), "frozen": frozen,
    "order": Ordered(1) < Ordered(2), "factory": Ordered(1).items is not Ordered(1).items,
    "annotations": {k: str(v) for k, v in Ordered.__init__.__annotations__.items()},
    "defaults": [Frozen.__init__.__defaults__, Keywords.__init__.__kwdefaults__],
}))
"""


def _run(cache: Path, **env) -> dict:
    return printed_json(_PROGRAM, {**os.environ, "STRIPPER_CACHE_DIR": str(cache), **env})


def _file(cache: Path) -> Path:
    return cache / "code" / f"dataclasses-{sys.implementation.cache_tag}.marshal"


def _behaviour(result: dict) -> dict:
    return {k: v for k, v in result.items() if k not in ("taken", "new")}


def test_the_classes_behave_the_same_with_their_code_from_the_cache(tmp_path):
    uncached = _run(tmp_path / "off", STRIPPER_NO_CACHE="1")
    assert uncached["taken"] is False and not (tmp_path / "off").exists()
    first = _run(tmp_path / "cache")
    assert first["taken"] and first["new"] and _file(tmp_path / "cache").is_file()
    written = _file(tmp_path / "cache").stat().st_mtime_ns
    second = _run(tmp_path / "cache")
    assert second["taken"] and second["new"] is False  # every method's code came from the file
    assert _file(tmp_path / "cache").stat().st_mtime_ns == written  # not rewritten
    assert _behaviour(first) == _behaviour(second) == _behaviour(uncached)
    assert uncached["exec_back"] and uncached["frozen"] and uncached["annotations"]["m"] == "int"


def test_a_file_that_is_not_this_pythons_is_passed_over_and_rewritten(tmp_path):
    from importlib.util import MAGIC_NUMBER

    path = _file(tmp_path)
    path.parent.mkdir(parents=True)
    reference = _behaviour(_run(tmp_path / "reference"))
    old_layout = marshal.dumps((1, MAGIC_NUMBER, {}))
    for stored in (b"\x00garbage", marshal.dumps(((2, b"not the magic"), {})), marshal.dumps([1, 2]), old_layout):
        path.write_bytes(stored)
        result = _run(tmp_path)
        assert result["new"] is True and _behaviour(result) == reference
        assert marshal.loads(path.read_bytes())[0] == (dataclass_code._FORMAT, MAGIC_NUMBER)


def test_a_file_holding_what_is_not_code_is_not_used(tmp_path):
    from importlib.util import MAGIC_NUMBER

    path = _file(tmp_path)
    path.parent.mkdir(parents=True)
    not_code = {"x = 1": "not code", 3: compile("", "", "exec")}
    path.write_bytes(marshal.dumps(((dataclass_code._FORMAT, MAGIC_NUMBER), not_code)))
    assert dataclass_code._read(str(path), MAGIC_NUMBER) == {}


def test_forget_gives_dataclasses_its_exec_back(tmp_path, monkeypatch):
    monkeypatch.setenv("STRIPPER_CACHE_DIR", str(tmp_path))
    assert "exec" not in vars(dataclasses)
    dataclass_code.remember()
    try:
        assert vars(dataclasses)["exec"] == dataclass_code._code.exec
        Point = dataclasses.make_dataclass("Point", [("x", int), ("y", int, dataclasses.field(default=0))])
        assert Point(1) == Point(1, 0) and repr(Point(2, 3)).endswith("Point(x=2, y=3)")
    finally:
        dataclass_code.forget()
    assert "exec" not in vars(dataclasses) and dataclass_code._code is None
    assert _file(tmp_path).is_file()
    dataclass_code.forget()  # twice: nothing


def test_the_command_keeps_its_dataclasses_code(tmp_path):
    environ = {**os.environ, "STRIPPER_CACHE_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "stripper", "clean", "-", "--no-config"]
    subprocess.run(command, input="x\n", env=environ, capture_output=True, text=True, check=True)
    written = _file(tmp_path).stat().st_mtime_ns
    known = marshal.loads(_file(tmp_path).read_bytes())[1]
    assert any("def __init__" in source for source in known)
    subprocess.run(command, input="x\n", env=environ, capture_output=True, text=True, check=True)
    assert _file(tmp_path).stat().st_mtime_ns == written


def test_a_cache_folder_that_cannot_be_written_costs_the_compiling_only(tmp_path):
    """The cache folder is a file: the command runs as it does without a
    cache, and says nothing of it."""
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("x")
    result = _run(not_a_folder)
    assert result["taken"] and result["new"] and _behaviour(result) == _behaviour(_run(tmp_path / "other"))
    environ = {**os.environ, "STRIPPER_CACHE_DIR": str(not_a_folder)}
    done = subprocess.run(
        [sys.executable, "-m", "stripper", "clean", "-", "--no-config"],
        input="x\n",
        env=environ,
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1) and done.stderr == "" and not_a_folder.read_text() == "x"
