"""Per-repository settings: `.stripper.yml`, or `[tool.stripper]` in
pyproject.toml, at the repository root.

    rules: [corpus-rules/]            # rule folders, relative to the root
    sites:                            # site by path pattern (first match wins)
      - {path: "news/assarih/**", site: assarih}
    exclude: ["drafts/**", "**/README.txt"]
    generic: true                     # the generic classifier
    site_rules: true
    max_cut_share: 0.8                # safety valve (see docs/reliability.md)
    encoding: utf-8

The root is found by walking up from the current folder to the first folder
holding `.stripper.yml`, a pyproject.toml with `[tool.stripper]`, or `.git`.
Command-line options win over the file.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from .errors import RuleError
from .rules import cache, yamlpos

CONFIG_NAME = ".stripper.yml"
_KEYS = {"rules", "sites", "exclude", "generic", "site_rules", "max_cut_share", "encoding"}


@dataclass(frozen=True)
class RepoConfig:
    """A repository's settings (all unset where it has none)."""

    root: Path | None = None
    source: str | None = None
    rule_dirs: tuple[Path, ...] = ()
    sites: tuple[tuple[str, str], ...] = ()  # (path glob, site)
    exclude: tuple[str, ...] = ()
    generic: bool | None = None
    site_rules: bool | None = None
    max_cut_share: float | None = None
    encoding: str | None = None
    extra: dict = field(default_factory=dict)

    def relative(self, path: str) -> str | None:
        if self.root is None:
            return None
        try:
            return Path(path).resolve().relative_to(self._resolved_root).as_posix()
        except ValueError:
            return None

    @cached_property
    def _resolved_root(self) -> Path:
        return self.root.resolve()

    def site_for(self, path: str) -> str | None:
        if not self.sites:  # (resolving a path costs system calls: not for nothing)
            return None
        rel = self.relative(path)
        if rel is None:
            return None
        for pattern, site in self.sites:
            if _glob_match(rel, pattern):
                return site
        return None

    def excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
        rel = self.relative(path)
        return rel is not None and any(_glob_match(rel, p) for p in self.exclude)


def _glob_match(rel: str, pattern: str) -> bool:
    """fnmatch with `**/` also matching no folder at all."""
    return (
        PurePosixPath(rel).match(pattern)
        or fnmatch.fnmatch(rel, pattern)
        or (pattern.startswith("**/") and fnmatch.fnmatch(rel, pattern[3:]))
    )


def valid_share(value) -> bool:
    """A share from 0 to 1: not NaN (which every comparison lets through,
    and which would turn the safety valve off), not true or false."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1


def find_root(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        if (folder / CONFIG_NAME).is_file() or _pyproject_section(folder) is not None:
            return folder
        if (folder / ".git").exists():
            return folder
    return None


def _pyproject_section(folder: Path):
    """The [tool.stripper] table of the folder's pyproject.toml, or None;
    from the cache of parsed files (stripper/rules/cache.py) where it read
    the same bytes before."""
    path = folder / "pyproject.toml"
    if not path.is_file():
        return None
    with open(path, "rb") as fh:
        data = fh.read()
    return cache.parsed(str(path), data, _read_pyproject_section, kind="config")


def _read_pyproject_section(data: bytes, path: str):
    import tomllib

    try:
        table = tomllib.loads(cache.text_of(data))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleError(path, None, None, f"invalid TOML: {exc}") from None
    return table.get("tool", {}).get("stripper")


def _read_yaml(data: bytes, path: str):
    try:
        text = cache.text_of(data)
    except UnicodeDecodeError as exc:
        raise RuleError(path, None, None, f"cannot read: {exc}") from None
    return yamlpos.load(text, path)


def load_config(start: Path | None = None) -> RepoConfig:
    root = find_root((start or Path.cwd()).resolve())
    if root is None:
        return RepoConfig()
    yml = root / CONFIG_NAME
    if yml.is_file():
        try:
            with open(yml, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            raise RuleError(str(yml), None, None, f"cannot read: {exc}") from None
        data, source = cache.parsed(str(yml), raw, _read_yaml, kind="config"), str(yml)
    else:
        data, source = _pyproject_section(root), str(root / "pyproject.toml")
        if data is None:
            return RepoConfig(root=root)
    return _parse(data, root, source)


def _parse(data, root: Path, source: str) -> RepoConfig:
    def fail(key, message):
        pos = getattr(data, "key_pos", {}).get(key, (None, None))
        raise RuleError(source, *pos, message)

    if not isinstance(data, dict):
        raise RuleError(source, None, None, "the stripper configuration must be a mapping")
    for key in data:
        if key not in _KEYS:
            fail(key, f"unknown key '{key}' (allowed: {', '.join(sorted(_KEYS))})")
    rules = data.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        fail("rules", "'rules' must be a list of folders")
    rule_dirs = tuple(root / r for r in rules)
    for d in rule_dirs:
        if not d.is_dir():
            fail("rules", f"rule folder {d} not found")
    sites = []
    if not isinstance(data.get("sites", []), list):
        fail("sites", "'sites' must be a list of {path: GLOB, site: NAME}")
    for entry in data.get("sites", []):
        if not isinstance(entry, dict) or set(entry) != {"path", "site"}:
            fail("sites", "each 'sites' entry is {path: GLOB, site: NAME}")
        sites.append((str(entry["path"]), str(entry["site"])))
    exclude = data.get("exclude", [])
    if not isinstance(exclude, list):
        fail("exclude", "'exclude' must be a list of path patterns")
    share = data.get("max_cut_share")
    if share is not None and not valid_share(share):
        fail("max_cut_share", "'max_cut_share' must be a number from 0 to 1")
    if data.get("encoding") is not None and not isinstance(data["encoding"], str):
        fail("encoding", "'encoding' must be the name of a text encoding (utf-8, windows-1256, ...)")
    for key in ("generic", "site_rules"):
        if key in data and not isinstance(data[key], bool):
            fail(key, f"'{key}' must be true or false")
    return RepoConfig(
        root=root,
        source=source,
        rule_dirs=rule_dirs,
        sites=tuple(sites),
        exclude=tuple(map(str, exclude)),
        generic=data.get("generic"),
        site_rules=data.get("site_rules"),
        max_cut_share=share,
        encoding=data.get("encoding"),
    )
