"""The cache of parsed rule files (stripper/rules/cache.py): a rule file
taken from it is the one a parse gives, an edit or a damaged entry parses
the file again, a broken file fails as it does uncached, and a folder that
cannot be written costs nothing but the parse."""

from __future__ import annotations

import ast
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from stripper import cachedir
from stripper.errors import RuleError
from stripper.model import Document
from stripper.pipeline import clean
from stripper.rules import cache
from stripper.rules.patterns import Pattern
from stripper.rules.registry import RuleRegistry, load_rule_file

from .conftest import ROOT, seed_paths

GOOD = """\
site: demo
match:
  - filename: '^demo_'
rules:
  - id: share
    kind: line
    category: share
    tokens: [Share this]
  - id: read-also
    kind: insertion
    category: insertion
    marker: {raw: '^(?:read also|see also)\\s*:'}
html:
  drop: ["div.share"]
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cachedir.CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(cachedir.NO_CACHE_ENV, raising=False)
    return folder


def _rules(tmp_path: Path, text: str = GOOD) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "demo.yml").write_text(text, encoding="utf-8")
    return folder / "demo.yml"


def _entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "rules").glob("*.pickle"))


def _patterns(rule_file) -> list[Pattern]:
    found = [spec.pattern for spec in rule_file.match]
    for rule in rule_file.rules:
        found += [p for p in (rule.pattern, rule.marker, rule.start, rule.end, rule.prefix) if p is not None]
    return found


def _uncached(monkeypatch, load):
    with monkeypatch.context() as m:
        m.setenv(cachedir.NO_CACHE_ENV, "1")
        return load()


def test_a_hit_is_the_parse(cache_dir, monkeypatch):
    """Every bundled file taken from the cache equals its parse, with each
    pattern's derived data, and no compiled regex until a search."""
    parsed = _uncached(monkeypatch, RuleRegistry.load)
    assert not _entries(cache_dir)
    RuleRegistry.load()  # fills the cache
    assert len(_entries(cache_dir)) == len(parsed.all_files())
    hit = RuleRegistry.load()
    for got, want in zip(hit.all_files(), parsed.all_files()):
        assert got == want and got is not want
        for p, q in zip(_patterns(got), _patterns(want)):
            assert (p.literals, p.openings, p.line_screen) == (q.literals, q.openings, q.line_screen)
            assert {"regex", "_document_regex"}.isdisjoint(p.__dict__) and p.compiled is None
            assert type(p.regex) is type(q.regex) and p.regex.pattern == q.regex.pattern
            assert p.regex.flags == q.regex.flags


def test_a_hit_cleans_as_a_parse(cache_dir, monkeypatch):
    parsed = _uncached(monkeypatch, RuleRegistry.load)
    RuleRegistry.load()
    hit = RuleRegistry.load()
    for path in seed_paths():
        text = path.read_text(encoding="utf-8")
        a = clean(Document.from_text(text, source=str(path)), hit)
        b = clean(Document.from_text(text, source=str(path)), parsed)
        assert (a.text, a.cuts, a.site, a.language) == (b.text, b.cuts, b.site, b.language), path


def test_a_hit_does_not_parse(cache_dir, tmp_path):
    path = _rules(tmp_path)
    first = load_rule_file(path)

    def no_parse(data, path):
        raise AssertionError("parsed again")

    assert cache.parsed(str(path), path.read_bytes(), no_parse) == first


def test_an_edited_file_is_parsed_again(cache_dir, tmp_path):
    path = _rules(tmp_path)
    assert load_rule_file(path).rules[0].pattern.token_set == {"share this"}
    path.write_text(GOOD.replace("Share this", "Share it"), encoding="utf-8")
    assert load_rule_file(path).rules[0].pattern.token_set == {"share it"}
    assert len(_entries(cache_dir)) == 1  # the entry replaced, not one more


def test_the_same_bytes_under_another_path_are_their_own_entry(cache_dir, tmp_path):
    path = _rules(tmp_path)
    other = tmp_path / "other.yml"
    other.write_bytes(path.read_bytes())
    assert load_rule_file(path).path == str(path)
    assert load_rule_file(other).path == str(other)
    assert load_rule_file(other).rules[0].origin == f"{other}:5"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: b"not a pickle at all",
        lambda data: pickle.dumps(("the key", "a string")),
        lambda data: pickle.dumps([1, 2, 3]),
    ],
    ids=["empty", "cut short", "garbage", "other shape", "a list"],
)
def test_a_damaged_entry_is_parsed_again_and_rewritten(cache_dir, tmp_path, monkeypatch, damage):
    path = _rules(tmp_path)
    want = _uncached(monkeypatch, lambda: load_rule_file(path))
    load_rule_file(path)
    (entry,) = _entries(cache_dir)
    entry.write_bytes(damage(entry.read_bytes()))
    assert load_rule_file(path) == want
    assert cache._read("rules", str(entry), cache._key("rules", str(path), path.read_bytes())) == want  # rewritten


class _Exploit:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_an_entry_makes_no_other_object(cache_dir, tmp_path, monkeypatch):
    """An entry is unpickled with the classes of a rule file only: one that
    names a function is passed over, the function never called."""
    path = _rules(tmp_path)
    load_rule_file(path)
    (entry,) = _entries(cache_dir)
    entry.write_bytes(pickle.dumps((cache._key("rules", str(path), path.read_bytes()), _Exploit())))
    monkeypatch.chdir(tmp_path)
    assert load_rule_file(path).name == "demo"
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    "broken, message",
    [
        ("rules: [", "invalid YAML"),
        (GOOD.replace("'^(?:read also", "'^(?:read also("), "regex does not compile"),
        (GOOD.replace("category: share", "category: shares"), "unknown category 'shares'"),
        (GOOD.replace("kind: line", "kind: lines"), "unknown kind 'lines' (did you mean 'line'?)"),
        (GOOD.replace("drop:", "dropp:"), "unknown key 'dropp' (did you mean 'drop'?)"),
    ],
    ids=["yaml", "regex", "category", "kind", "key"],
)
def test_a_broken_file_fails_as_uncached_over_a_stale_entry(cache_dir, tmp_path, monkeypatch, broken, message):
    path = _rules(tmp_path)
    load_rule_file(path)  # an entry of the good file
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RuleError) as uncached:
        _uncached(monkeypatch, lambda: load_rule_file(path))
    for _ in range(2):  # and nothing stored for it
        with pytest.raises(RuleError) as cached:
            load_rule_file(path)
        assert str(cached.value) == str(uncached.value)
        assert str(cached.value).startswith(f"{path}:") and message in str(cached.value)


def test_the_command_line_fails_alike_over_a_stale_entry(cache_dir, tmp_path):
    """The pre-commit hook's command: one line naming file:line:col, exit 2,
    whether the good file's entry is there or not."""
    path = _rules(tmp_path)
    command = [sys.executable, "-m", "stripper", "check", "--no-config", "--rules", str(path.parent)]
    command.append(str(seed_paths()[3]))
    env = {**os.environ, cachedir.CACHE_DIR_ENV: str(cache_dir)}
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    assert _entries(cache_dir)
    path.write_text(GOOD.replace("'^(?:read also", "'^(?:read also("), encoding="utf-8")
    outputs = [subprocess.run(command, env=env, capture_output=True, text=True) for _ in range(2)]
    uncached = subprocess.run(command, env={**env, cachedir.NO_CACHE_ENV: "1"}, capture_output=True, text=True)
    for out in [*outputs, uncached]:
        assert out.returncode == 2 and out.stdout == ""
        assert out.stderr == f"stripper: error: {path}:12:19: regex does not compile: missing ) at position 28\n"


def test_a_folder_that_cannot_be_written_costs_only_the_parse(tmp_path, monkeypatch):
    (tmp_path / "a file").write_text("")
    monkeypatch.setenv(cachedir.CACHE_DIR_ENV, str(tmp_path / "a file" / "cache"))
    path = _rules(tmp_path)
    assert load_rule_file(path).name == "demo"
    assert load_rule_file(path).name == "demo"


def test_the_cache_can_be_turned_off(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setenv(cachedir.NO_CACHE_ENV, "1")
    assert cache.cache_folder() is None
    load_rule_file(_rules(tmp_path))
    assert not cache_dir.exists()
    monkeypatch.setenv(cachedir.NO_CACHE_ENV, "0")
    assert cache.cache_folder() == str(cache_dir / "rules")


def test_the_user_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(cachedir.CACHE_DIR_ENV, raising=False)
    monkeypatch.delenv(cachedir.NO_CACHE_ENV, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_folder() == str(tmp_path / "xdg" / "stripper" / "rules")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_folder() == str(tmp_path / ".cache" / "stripper" / "rules")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert cachedir.folder("native") == str(tmp_path / "Library" / "Caches" / "stripper" / "native")


def test_the_key_holds_the_kind_the_code_and_the_bytes(monkeypatch):
    key = cache._key("rules", "x.yml", b"site: x\n")
    assert key != cache._key("rules", "x.yml", b"site: y\n")
    assert key != cache._key("rules", "y.yml", b"site: x\n")
    assert key != cache._key("config", "x.yml", b"site: x\n")
    monkeypatch.setitem(cache._stamps, "rules", cache._stamp("rules") + "|an edited module")
    assert key != cache._key("rules", "x.yml", b"site: x\n")


def test_the_stamp_follows_each_file_of_the_code(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("x = 1\n")
    before = cache._signature(str(module))
    os.utime(module, ns=(1, 1))
    assert cache._signature(str(module)) != before
    assert cache._signature(str(tmp_path / "missing.py")) == "-"
    for kind in cache.KINDS.values():
        for name in kind.dependencies:
            assert Path(cache._origin(name)).is_file(), name


def _package_imports(relative: str) -> set[str]:
    """The package's modules that the module at `relative` (to the
    package's folder) imports, by name relative to the package's folder."""
    path = ROOT / "stripper" / relative
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = Path(relative).parent
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here
            for _ in range(node.level - 1):
                base = base.parent
            parts = (node.module or "").split(".") if node.module else []
            target = base.joinpath(*parts)
            package = (ROOT / "stripper" / target).is_dir()
            names = [target / alias.name for alias in node.names] if package else [target]
            for name in names:
                if (ROOT / "stripper" / name).with_suffix(".py").is_file():
                    found.add(name.with_suffix(".py").as_posix())
    return found


@pytest.mark.parametrize("kind, parsers", [("rules", ["rules/schema.py"]), ("config", ["config.py"])])
def test_the_code_of_the_key_is_every_module_a_parse_runs(kind, parsers):
    """A kind's code holds the modules its parse runs: those the cache and
    the parsing module import from the package, and theirs in turn."""
    seen, todo = set(), ["rules/cache.py", *parsers]
    while todo:
        module = todo.pop()
        if module not in seen and module != "textio.py":  # (textio writes an entry: not a parse)
            seen.add(module)
            todo += _package_imports(module)
    assert seen <= set(cache.KINDS[kind].code)
    assert all((ROOT / "stripper" / name).is_file() for name in cache.KINDS[kind].code)


def _config_repo(tmp_path: Path, name: str, text: str) -> Path:
    repo = tmp_path / "repo"
    (repo / "corpus-rules").mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text, encoding="utf-8")
    return repo


CONFIG_YML = "rules: [corpus-rules/]\nexclude: ['drafts/**']\nmax_cut_share: 0.5\n"
CONFIG_TOML = '[project]\nname = "x"\n[tool.stripper]\nrules = ["corpus-rules/"]\nmax_cut_share = 0.5\n'


@pytest.mark.parametrize("name, text", [(".stripper.yml", CONFIG_YML), ("pyproject.toml", CONFIG_TOML)])
def test_a_configuration_is_read_once(cache_dir, tmp_path, monkeypatch, name, text):
    """The configuration as read comes from the cache at the next start (no
    YAML nor TOML parsed), and is checked as at the first: a folder it
    names that has gone since is still an error."""
    from stripper import config

    repo = _config_repo(tmp_path, name, text)
    first = config.load_config(repo)
    assert first.rule_dirs == (repo / "corpus-rules",) and first.max_cut_share == 0.5
    entries = sorted((cache_dir / "config").glob("*.pickle"))
    assert len(entries) == 1

    def no_parse(data, path):
        raise AssertionError("parsed again")

    monkeypatch.setattr(config, "_read_yaml", no_parse)
    monkeypatch.setattr(config, "_read_pyproject_section", no_parse)
    assert config.load_config(repo) == first
    (repo / "corpus-rules").rmdir()
    with pytest.raises(RuleError, match="rule folder .* not found"):
        config.load_config(repo)


def test_a_pyproject_without_a_table_is_cached_as_none(cache_dir, tmp_path, monkeypatch):
    from stripper import config

    repo = _config_repo(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    (repo / ".git").mkdir()
    assert config.load_config(repo) == config.RepoConfig(root=repo)
    monkeypatch.setattr(config, "_read_pyproject_section", lambda data, path: pytest.fail("parsed again"))
    assert config.load_config(repo) == config.RepoConfig(root=repo)


@pytest.mark.parametrize(
    "name, good, broken, message",
    [
        (".stripper.yml", CONFIG_YML, "rules: [\n", ".stripper.yml:2:1: invalid YAML"),
        (".stripper.yml", CONFIG_YML, CONFIG_YML.replace("0.5", "2"), "max_cut_share' must be a number"),
        (".stripper.yml", CONFIG_YML, CONFIG_YML.replace("exclude", "exclud"), ".stripper.yml:2:1: unknown key"),
        ("pyproject.toml", CONFIG_TOML, CONFIG_TOML + "[tool.stripper\n", "pyproject.toml: invalid TOML"),
    ],
)
def test_a_broken_configuration_fails_as_uncached(cache_dir, tmp_path, monkeypatch, name, good, broken, message):
    from stripper import config

    repo = _config_repo(tmp_path, name, good)
    config.load_config(repo)  # an entry of the good file
    (repo / name).write_text(broken, encoding="utf-8")
    with pytest.raises(Exception) as uncached:
        _uncached(monkeypatch, lambda: config.load_config(repo))
    for _ in range(2):
        with pytest.raises(type(uncached.value)) as cached:
            config.load_config(repo)
        assert str(cached.value) == str(uncached.value)
    assert message in str(uncached.value)
