"""Load YAML keeping the position of every key and item.

`load(text, path)` returns plain dicts, lists and scalars, except that
mappings are `PosDict` and sequences `PosList`, which remember where each key
or item stood (1-based line and column), so that validation errors can point
at the spot. Only PyYAML's safe constructors are used.
"""

from __future__ import annotations

from ..errors import RuleError

# PyYAML, imported at the first `load`, not with this module: a start whose
# rule files all come from the cache (stripper/rules/cache.py) reads no YAML
# (importing PyYAML cost 93 million instructions, a tenth of the start of
# the pre-commit hook's `stripper check`).
yaml = None


class PosDict(dict):
    """A mapping with `pos` (its own position) and `key_pos[key]`."""

    pos: tuple[int, int]
    key_pos: dict
    value_pos: dict


class PosList(list):
    """A sequence with `pos` and `item_pos[i]`."""

    pos: tuple[int, int]
    item_pos: list


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _compose(text: str):
    # libyaml's parser when PyYAML was built with it: the same nodes and
    # marks (checked on every bundled rule file), parsed some ten times
    # faster, which the pre-commit hook's start feels
    try:
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        # a broken file: PyYAML's own parser words some errors better
        # ("found character '\\t' that cannot start any token")
        return yaml.compose(text, Loader=yaml.SafeLoader)


def load(text: str, path: str):
    global yaml
    import yaml
    from yaml.constructor import SafeConstructor

    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark else (None, None)
        raise RuleError(path, line, col, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly all
        raise RuleError(path, None, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise RuleError(path, None, None, f"invalid YAML: nested deeper than {MAX_DEPTH} levels") from None
    if node is None:
        raise RuleError(path, 1, 1, "empty rule file")
    _check_size(node, path)
    return _convert(node, path, SafeConstructor())


# Aliases (`*name`) reuse a node: a few lines can stand for billions of
# values (the "billion laughs"), or for a node inside itself. The biggest
# bundled rule file holds 863 values; past these limits a file is refused
# before anything is expanded.
MAX_VALUES = 100_000
MAX_DEPTH = 100


def _check_size(root, path: str) -> None:
    """Refuse a document whose aliases expand past MAX_VALUES values, nest
    past MAX_DEPTH, or refer to a node inside itself."""
    sizes: dict[int, int] = {}  # node id -> values it expands to
    open_nodes: set[int] = set()
    stack = [(root, False, 1)]
    while stack:
        node, children_done, depth = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            children = _children(node)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[key] > MAX_VALUES:
                raise RuleError(
                    path, *_pos(node.start_mark), f"invalid YAML: aliases expand to more than {MAX_VALUES:,} values"
                )
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise RuleError(path, *_pos(node.start_mark), "invalid YAML: an alias refers to a node inside itself")
        if depth > MAX_DEPTH:
            raise RuleError(path, *_pos(node.start_mark), f"invalid YAML: nested deeper than {MAX_DEPTH} levels")
        open_nodes.add(key)
        stack.append((node, True, depth))
        stack.extend((child, False, depth + 1) for child in _children(node) if id(child) not in sizes)


def _children(node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _convert(node, path: str, constructor):
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        raise RuleError(path, *_pos(node.start_mark), f"invalid value: tag {node.tag} is not allowed")
    if isinstance(node, yaml.MappingNode):
        out = PosDict()
        out.pos, out.key_pos, out.value_pos = _pos(node.start_mark), {}, {}
        for key_node, value_node in node.value:
            key = _convert(key_node, path, constructor)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise RuleError(path, *_pos(key_node.start_mark), "a key must be a plain value")
            if key in out:
                raise RuleError(path, *_pos(key_node.start_mark), f"duplicate key '{key}'")
            out[key] = _convert(value_node, path, constructor)
            out.key_pos[key] = _pos(key_node.start_mark)
            out.value_pos[key] = _pos(value_node.start_mark)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = PosList()
        out.pos, out.item_pos = _pos(node.start_mark), []
        for item in node.value:
            out.append(_convert(item, path, constructor))
            out.item_pos.append(_pos(item.start_mark))
        return out
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise RuleError(path, *_pos(node.start_mark), f"invalid value: {exc}") from None
