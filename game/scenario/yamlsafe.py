"""Read an untrusted YAML file into plain data plus the position of every node.

Plain values are resolved by the YAML 1.2 core schema (:mod:`game.scenario.yamlcore`: only
``true``/``false`` are booleans, as in editors), and syntax errors are explained at their cause
(:mod:`game.scenario.yamlsyntax`).

Defences, in order, each failing with a located :class:`Problem`:

1. the path must be a regular file of at most :data:`MAX_BYTES` bytes;
2. the bytes must be UTF-8 text without NUL bytes (a byte of another encoding is named at its
   line and column, apart from binary data: :mod:`game.scenario.yamlbytes`);
3. the token stream is scanned first (iteratively): nesting must not exceed
   :data:`MAX_DEPTH` and there may be at most :data:`MAX_TOKENS` tokens, both
   checked before the (recursive, slower) composer runs;
4. only plain-data tags are allowed (no ``!!python/...``, no custom tags);
5. the document, with aliases expanded, must have at most :data:`MAX_NODES`
   nodes (this defuses "billion laughs" alias bombs);
6. no mapping may repeat a key (YAML would silently keep the last one); an item of a list whose
   first key repeats, in line with it, is asked about as a next item that lost its ``- ``.

Only then is the node tree turned into Python data by PyYAML's safe
constructor. The :class:`Locator` maps key paths such as
``("parties", 0, "weights", "hack_and_leak")`` to 1-based line and column.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.errors import Problem
from game.scenario import yamlbytes
from game.scenario.keypaths import PathKey, format_path
from game.scenario.yamlcore import CoreLoader, yaml11_meaning
from game.scenario.yamlsyntax import explain, explain_reader
from game.words import shorten

MAX_BYTES = 256 * 1024
MAX_DEPTH = 40
MAX_TOKENS = 100_000  # a shipped scenario has about 3,000
MAX_NODES = 50_000

_LOADER: type = CoreLoader     # YAML 1.2 core schema: only true/false are booleans (game.scenario.yamlcore)
_YAML_TAG = "tag:yaml.org,2002:"   # what '!!' stands for
_ALLOWED_TAGS = frozenset(
    _YAML_TAG + t for t in ("null", "bool", "int", "float", "str", "seq", "map", "merge")
)
_NUMBER_TAGS = frozenset({_YAML_TAG + "int", _YAML_TAG + "float"})
MAX_NUMBER_CHARS = 100            # no value of a scenario needs more; Python's int() stops at 4,300 digits
_OPEN = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
         yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


@dataclass
class Locator:
    """1-based positions of value nodes and of mapping keys, by key path."""

    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    yaml11: dict[PathKey, str] = field(default_factory=dict)   # plain values a YAML 1.1 reader reads otherwise
    yaml11_keys: dict[PathKey, str] = field(default_factory=dict)   # plain mapping keys it reads otherwise

    def find(self, path: PathKey, at_key: bool = False) -> tuple[int, int]:
        """Position of ``path``, or of its longest known prefix (1, 1 at worst)."""
        if at_key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                return self.values[path[:end]]
        return (1, 1)


class YamlProblem(Exception):
    """Raised internally with the problem that stops the read."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_yaml(path: Path, shown: str) -> tuple[Any, Locator]:
    """Read ``path`` (named ``shown`` in messages) by the YAML 1.2 core schema; raise :class:`YamlProblem`."""
    text = _read_text(path, shown)
    _check_tokens(text, shown)
    loader = _LOADER(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise YamlProblem(explain(exc, text, shown)) from None
        if node is None:
            raise YamlProblem(Problem(shown, 1, 1, "the file is empty; expected a scenario mapping"))
        locator = Locator()
        try:
            _Walker(shown, locator).walk(node, ())
        except RecursionError:
            raise YamlProblem(Problem(shown, 1, 1, "nesting too deep once aliases are expanded")) from None
        try:
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            raise YamlProblem(explain(exc, text, shown)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: located by its position
        raise YamlProblem(explain_reader(exc, text, shown)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(shown, 1, 1, f"not a readable YAML file: {exc}")) from None
    finally:
        loader.dispose()
    return data, locator


def _read_text(path: Path, shown: str) -> str:
    """The file's text, read with a hard byte limit (never more than MAX_BYTES + 1)."""
    try:
        if path.is_dir():
            raise YamlProblem(Problem(shown, 0, 0, "is a directory; expected a scenario file (.yaml)"))
        if not path.exists():
            raise YamlProblem(Problem(shown, 0, 0, "no such file"))
        if not path.is_file():
            raise YamlProblem(Problem(shown, 0, 0, "not a regular file; expected a scenario file (.yaml)"))
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        raise YamlProblem(Problem(shown, 0, 0, f"cannot read the file: {exc.strerror or exc}")) from None
    if len(raw) > MAX_BYTES:
        raise YamlProblem(Problem(shown, 0, 0, f"file too large: expected at most {MAX_BYTES:,} bytes, got "
                                               f"{max(size, len(raw)):,}"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem(_not_utf8(raw, exc, shown)) from None
    nul = text.find("\0")
    if nul >= 0:
        line, col = _position(text, nul)
        raise YamlProblem(Problem(shown, line, col, "not a text file: expected UTF-8 YAML, found a NUL byte"))
    return text


def _not_utf8(raw: bytes, exc: UnicodeDecodeError, shown: str) -> Problem:
    """Where and why ``raw`` is not UTF-8: binary data, UTF-16 text, or text with a byte of another
    encoding, named at its line and column with the key whose value (or which key) holds it."""
    start = exc.start + (3 if raw.startswith(codecs.BOM_UTF8) else 0)   # "utf-8-sig" counts after the mark
    before = raw[:start].decode("utf-8-sig")   # UTF-8 up to the bad byte, by definition
    line, col = _position(before, len(before))
    if yamlbytes.utf16(raw):
        return Problem(shown, 1, 1, "not UTF-8: the file is UTF-16 text (it starts with a UTF-16 byte-order "
                                    "mark): save it as UTF-8")
    if yamlbytes.looks_binary(raw):
        return Problem(shown, line, col, "not a text file: expected UTF-8 YAML, found binary data")
    message = yamlbytes.not_utf8(raw, start, exc.reason == "unexpected end of data")
    path = _scalar_path(raw.decode("utf-8-sig", "replace"), shown, len(before))
    return Problem(shown, line, col, f"{path}: {message}" if path else message)


def _scalar_path(text: str, shown: str, offset: int) -> str | None:
    """The key path, as messages write it (list items named by id), of the value (or key) whose text
    holds character ``offset`` of ``text``; None when it is in no value (a comment) or ``text`` is not
    a document within the reader's limits."""
    try:
        _check_tokens(text, shown)
        loader = _LOADER(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _Walker(shown, Locator()).walk(node, ())   # size, tags and duplicate keys: the tree is bounded
            path = _path_in(node, (), offset)
        finally:
            loader.dispose()
    except (YamlProblem, yaml.YAMLError, RecursionError):
        return None
    while path and isinstance(path[-1], str) and "\ufffd" in path[-1]:   # the byte is in a key's own name
        path = path[:-1]
    return format_path(path, _plain(node)) if path else None


def _plain(node: yaml.Node) -> Any:
    """The document below ``node`` as lists, dicts and the scalars' text, enough for
    :func:`format_path` to name list items by id (only called on a tree :class:`_Walker` bounded)."""
    if isinstance(node, yaml.SequenceNode):
        return [_plain(child) for child in node.value]
    if isinstance(node, yaml.MappingNode):
        return {k.value: _plain(v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    return node.value

def _path_in(node: yaml.Node, path: PathKey, offset: int) -> PathKey | None:
    """The path of the scalar below ``node`` (at ``path``) whose text spans ``offset``, if any."""
    if isinstance(node, yaml.ScalarNode):
        return path if node.start_mark.index <= offset < node.end_mark.index else None
    if node.end_mark is not None and not node.start_mark.index <= offset < node.end_mark.index:
        return None
    pairs: list[tuple[yaml.Node | None, yaml.Node, PathKey]] = (
        [(None, child, path + (i,)) for i, child in enumerate(node.value)] if isinstance(node, yaml.SequenceNode)
        else [(k, v, path if k.tag.endswith(":merge") else path + (k.value,)) for k, v in node.value])
    for key, value, child_path in pairs:
        if key is not None and key.start_mark.index <= offset < key.end_mark.index:
            return child_path
        found = _path_in(value, child_path, offset)
        if found is not None:
            return found
    return None


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _check_tokens(text: str, shown: str) -> None:
    """Enforce MAX_DEPTH and MAX_TOKENS on the token stream, before anything is composed.

    Some libyaml builds stop deep flow nesting with their own error (at 1,000 levels) before a
    single token reaches us, because they buffer tokens while a simple key is still possible.
    So when the scanner fails, the text *before* the failure is scanned again: if our limits
    are crossed there, that is the problem reported, at its own line and column; otherwise the
    scanner's error is. Both scans are the C scanner's, so the work stays linear in the file.
    """
    try:
        _scan_limited(text, shown, _LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        if mark is not None and 0 < mark.index < len(text):
            try:
                _scan_limited(text[: mark.index], shown, _LOADER)
            except yaml.YAMLError:
                pass
        raise YamlProblem(explain(exc, text, shown)) from None
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(explain_reader(exc, text, shown)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(shown, 1, 1, f"not a readable YAML file: {exc}")) from None


def _scan_limited(text: str, shown: str, loader: type) -> None:
    """Scan ``text`` with ``loader``; raise YamlProblem at the first token past a limit."""
    depth = 0
    for count, token in enumerate(yaml.scan(text, Loader=loader)):
        if count >= MAX_TOKENS:
            mark = token.start_mark
            raise YamlProblem(Problem(shown, mark.line + 1, mark.column + 1,
                                      f"document too large: more than {MAX_TOKENS:,} YAML tokens"))
        if isinstance(token, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                mark = token.start_mark
                raise YamlProblem(Problem(shown, mark.line + 1, mark.column + 1,
                                          f"nesting too deep: more than {MAX_DEPTH} levels"))
        elif isinstance(token, _CLOSE):
            depth -= 1


class _Walker:
    """Checks tags, size and duplicate keys, and records node positions."""

    def __init__(self, shown: str, locator: Locator) -> None:
        self.shown = shown
        self.locator = locator
        self.sizes: dict[int, int] = {}
        self.root: yaml.Node | None = None

    def named(self, path: PathKey) -> str:
        """``path`` as messages write it, list items named by id (:func:`format_path`); the tree is
        bounded by the time :meth:`_visit` runs, since :meth:`walk` checked its size first."""
        return format_path(path, _plain(self.root)) if self.root is not None else format_path(path)

    def problem(self, node: yaml.Node, message: str) -> YamlProblem:
        return YamlProblem(Problem(self.shown, node.start_mark.line + 1, node.start_mark.column + 1, message))

    def size(self, node: yaml.Node) -> int:
        """Node count with aliases expanded (memoised, so linear in the file)."""
        key = id(node)
        known = self.sizes.get(key)
        if known == -1:
            raise self.problem(node, "an alias refers to a node that contains it (a recursive structure)")
        if known is None:
            self.sizes[key] = -1
            if isinstance(node, yaml.SequenceNode):
                children = node.value
            elif isinstance(node, yaml.MappingNode):
                children = [n for pair in node.value for n in pair]
            else:
                children = []
            self.sizes[key] = 1 + sum(self.size(c) for c in children)
        return self.sizes[key]

    def walk(self, root: yaml.Node, path: PathKey) -> None:
        self.root = root
        if self.size(root) > MAX_NODES:
            node = root
            while True:  # descend to the smallest part that is still too big
                kids = node.value if isinstance(node, yaml.SequenceNode) else (
                    [v for _, v in node.value] if isinstance(node, yaml.MappingNode) else [])
                big = next((k for k in kids if self.size(k) > MAX_NODES // 10), None)
                if big is None:
                    break
                node = big
            raise self.problem(node, f"document too large: more than {MAX_NODES:,} values once aliases are "
                                     "expanded (an alias bomb?)")
        self._visit(root, path)

    def _visit(self, node: yaml.Node, path: PathKey) -> None:
        if node.tag not in _ALLOWED_TAGS:
            raise self.problem(node, _tag_refused(self.named(path), node.tag))
        if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:    # int() refuses past 4,300 digits
            raise self.problem(node, f"{self.named(path)}: a number written with more than {MAX_NUMBER_CHARS} "
                                     "characters (expected a value between 0 and 1, or a count)")
        self.locator.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.ScalarNode) and not node.style and yaml11_meaning(node.value):  # plain: None or ""
            self.locator.yaml11.setdefault(path, node.value)
        if isinstance(node, yaml.SequenceNode):
            for i, child in enumerate(node.value):
                self._visit(child, path + (i,))
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if key_node.tag not in _ALLOWED_TAGS:
                    named = path + (key_node.value,) if isinstance(key_node, yaml.ScalarNode) else path
                    raise self.problem(key_node, _tag_refused(self.named(named), key_node.tag))
                if not isinstance(key_node, yaml.ScalarNode):
                    found = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                    raise self.problem(key_node, f"{self.named(path)}: a mapping key must be a plain name, not a list "
                                                 f"or mapping; found {found} as a key")
                if key_node.tag.endswith(":merge"):
                    self._visit(value_node, path)
                    continue
                key = key_node.value
                if key in seen:
                    raise self.problem(key_node, _duplicate(node, key_node, path, seen[key],
                                                            self.named(path + (key,))))
                seen[key] = key_node.start_mark.line + 1
                child = path + (key,)
                self.locator.keys.setdefault(child, (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
                for read in _read_as(key_node):          # a key that is no text (1:, ~:), as the schema names it
                    self.locator.keys.setdefault(path + (read,), self.locator.keys[child])
                if not key_node.style and yaml11_meaning(key):
                    self.locator.yaml11_keys.setdefault(child, key)
                self._visit(value_node, child)


def _duplicate(mapping: yaml.MappingNode, key_node: yaml.ScalarNode, path: PathKey, first: int, named: str) -> str:
    """The message for ``key_node``, a key the ``mapping`` at ``path`` already has (at line ``first``),
    at the key's path as messages write it (``named``: ``protocol.discount``).

    When the mapping is an item of a list and the key that repeats is the item's first key, in line
    with it, the item most likely runs on over the next one, whose ``- `` was lost: the message asks
    about that, naming the list and the line where the ``- `` is expected."""
    key, line = key_node.value, key_node.start_mark.line + 1
    plain = f"duplicate key {shorten(key)!r} (first given on line {first})"
    head = mapping.value[0][0]
    if not path or not isinstance(path[-1], int) or mapping.flow_style or head.value != key \
            or head.start_mark.column != key_node.start_mark.column:
        return f"{named}: {plain}"
    return (f"{format_path(path[:-1])}: {plain}: did you forget '- ' before line {line}? Each item of the list "
            f"starts with '- '; expected '- {shorten(key)}:' at line {line}, found '{shorten(key)}:' repeating the "
            f"first key of the item that starts at line {first}")


def _read_as(key_node: yaml.ScalarNode) -> tuple[str | int, ...]:
    """How the schema's errors name a mapping key that YAML reads as no text: as a number when it is one
    (``1``; true is 1 there), and as Python writes it (``None``, ``True``, ``1.5``); () for text."""
    if key_node.tag == _YAML_TAG + "str":
        return ()
    value = _LOADER(key_node.value).get_single_data()
    return ((int(value),) if isinstance(value, int) else ()) + (str(value),)


def _tag_refused(where: str, tag: str) -> str:
    """The message for a tag other than plain data's, on the value (or key) at ``path``, the tag
    written as in the file (``!!python/object:os.system``, ``!include``) and cut short if long."""
    written = "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag
    return (f"{where}: the tag {shorten(written)} is not allowed: scenarios hold plain data only "
            "(expected text, a number, true/false, a list or a mapping, with no tag)")
