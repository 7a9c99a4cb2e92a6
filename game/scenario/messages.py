"""Turn pydantic validation errors into ``key.path: expected X, got Y`` messages."""

from __future__ import annotations

import math
import re
import types
import typing
import unicodedata
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from game.scenario.keypaths import PathKey, format_path
from game.unsafe import describe_unsafe, first_unsafe
from game.words import closest, count, shorten, suggest

__all__ = ["allowed_keys", "describe", "error_message", "format_path", "literal_values"]

_EXPECTED = {
    "float_type": "a number", "float_parsing": "a number", "finite_number": "a finite number",
    "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
    "string_type": "text", "bool_type": "true or false", "bool_parsing": "true or false",
    "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
    "model_attributes_type": "a mapping", "none_required": "nothing (null)",
}
_NUMBERS = frozenset({"float_type", "float_parsing", "int_type", "int_parsing"})
_BOUNDS = {"greater_than_equal": (">=", "ge"), "less_than_equal": ("<=", "le"),
           "greater_than": (">", "gt"), "less_than": ("<", "lt")}


def _numeric_text(value: Any) -> bool:
    """Whether ``value`` is text that reads as a number (a number written in quotes)."""
    if not isinstance(value, str):
        return False
    try:
        float(value.strip())
    except ValueError:
        return False
    return True


def _as_written(value: Any, share: bool) -> str:
    """How to write a number given with a decimal comma (``0,5``) or, where a number (``share``, not a
    count) is expected, as a percentage (``50%``): ``; write 0.5``; nothing for any other value."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    comma = re.fullmatch(r"([-+]?[0-9]+),([0-9]+)", text)
    if comma:
        return f"; write {comma.group(1)}.{comma.group(2)} (a number takes a decimal point)"
    percent = re.fullmatch(r"([-+]?[0-9]+(?:[.,][0-9]+)?)\s*%", text)
    if percent and share:
        part = float(percent.group(1).replace(",", ".")) / 100
        return f"; write {part:g} (a share is a number between 0 and 1, not a percentage)"
    return ""


def describe(value: Any) -> str:
    """A short, readable rendering of a found value."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return shorten(repr(value), 40)


def error_message(error: Mapping[str, Any], root: type[BaseModel]) -> tuple[PathKey, bool, str]:
    """(key path, whether to point at the key itself, message) for one pydantic error.

    The key path returned locates the node; the one the message writes names a mapping's key that
    YAML reads as a number (``7:``) as the key it is (``weights.7``, as a text key is written), not
    as a list index (``weights[7]``)."""
    loc: PathKey = tuple(error["loc"])
    at_key = False
    if loc and loc[-1] == "[key]":
        loc, at_key = loc[:-1], True
    kind = error["type"]
    found = describe(error.get("input"))
    ctx = error.get("ctx") or {}
    written = _written(root, loc, error.get("input")) if at_key else _written(root, loc)
    if kind == "missing":
        return loc, False, f"{format_path(written)}: required key is missing"
    if kind == "invalid_key":             # a key YAML reads as a number, true/false or null (``1:``, ``~:``)
        return loc, True, f"{format_path(written[:-1])}: expected a name (text) as a key, got {found}"
    if kind == "string_type" and at_key and _is_mapping(root, loc[:-1]):    # ``weights: {7: 0.3}``
        what, key = _key_kind(root, loc) or "id", error.get("input")
        reads = "true or false" if isinstance(key, bool) else "nothing (null)" if key is None else "a number"
        return loc, True, (f"{format_path(written)}: expected {_article(what)}, got {found}: {what}s are names "
                           "(lower-case letters a-z, digits and _, starting with a letter), and YAML reads this key "
                           f"as {reads}")
    if kind == "extra_forbidden":
        allowed = allowed_keys(root, loc[:-1])
        above = "" if closest(str(loc[-1]), allowed) is not None else _held_above(root, loc)
        return loc, True, f"{format_path(written)}: unknown key{above or suggest(str(loc[-1]), allowed, listed=len(allowed))}"
    if kind in _EXPECTED:
        if kind in _NUMBERS and _numeric_text(error.get("input")):
            found = f"the text {found} (in quotes: write the number without them)"
        elif kind in _NUMBERS:
            found += _as_written(error.get("input"), share=kind.startswith("float"))
        named = _is_mapping(root, loc[:-1]) and not at_key   # a key of ids: a party's...
        return loc, at_key, f"{format_path(written)}: expected {_EXPECTED[kind]}, got {found}{_held_above(root, loc) if named else ''}"
    if kind in _BOUNDS:
        sign, key = _BOUNDS[kind]
        value = error.get("input")
        finite = "" if not isinstance(value, float) or math.isfinite(value) else "finite "
        return loc, at_key, f"{format_path(written)}: expected a {finite}number {sign} {ctx.get(key)}, got {found}"
    if kind == "literal_error":
        near = closest(value, literal_values(root, loc)) if isinstance(value := error.get("input"), str) else None
        hint = f"; did you mean {near!r}?" if near is not None else ""
        return loc, at_key, f"{format_path(written)}: expected {ctx.get('expected')}, got {found}{hint}"
    if kind == "string_pattern_mismatch":
        return loc, at_key, f"{format_path(written)}: {_pattern_message(str(ctx.get('pattern', '')), error.get('input'))}"
    if kind in ("too_short", "too_long"):
        bound = int(ctx.get("min_length" if kind == "too_short" else "max_length") or 0)
        word = "at least" if kind == "too_short" else "at most"
        return loc, at_key, (f"{format_path(written)}: expected {word} {count(bound, 'item')}, "
                             f"got {count(int(ctx.get('actual_length') or 0), 'item')}")
    if kind in ("string_too_short", "string_too_long"):
        if kind == "string_too_short":
            return loc, at_key, f"{format_path(written)}: expected non-empty text, got {found}"
        found_length = len(value) if isinstance(value := error.get("input"), str) else 0
        return loc, at_key, (f"{format_path(written)}: expected at most {count(int(ctx.get('max_length') or 0), 'character')}, "
                             f"got {count(found_length, 'character')}")
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    return loc, at_key, f"{format_path(written)}: {message[:1].lower() + message[1:]}"


_NO_KEY = object()


def _written(root: type[BaseModel], loc: PathKey, key: Any = _NO_KEY) -> PathKey:
    """``loc`` as a message writes it: a number that is a mapping's key (``weights: {7: 0.3}``), not a
    list index, as text (``weights.7``); a key ``key`` that YAML reads as true or false, or as null
    (``~:``), as YAML writes it (``true``, ``null``), never as Python does (pydantic names it ``None``)."""
    parts = [str(part) if isinstance(part, int) and _is_mapping(root, loc[:i]) else part
             for i, part in enumerate(loc)]
    if parts and isinstance(key, bool):          # pydantic gives the key true as 1
        parts[-1] = describe(key)
    elif parts and key is None:
        parts[-1] = "null"
    return tuple(parts)


def _is_mapping(root: type[BaseModel], loc: PathKey) -> bool:
    """Whether the value at ``loc`` below ``root`` is a mapping of keys the author names (ids)."""
    return typing.get_origin(_annotation_at(root, loc)) is dict


def _key_kind(root: type[BaseModel], loc: PathKey) -> str | None:
    """What the key at the end of ``loc`` names (``basket id``), as the description of the field that
    holds the mapping says it (``Basket id -> option id -> value``, or ``... per principal id``); None
    when it says nothing the key can be named by."""
    end = len(loc) - 1                          # loc[:end] is the mapping that holds the key
    depth = 0
    while end > 1 and _is_mapping(root, loc[:end - 1]):    # a mapping of mappings: values.hack_and_leak.7
        end, depth = end - 1, depth + 1
    if end < 1:
        return None
    model = _annotation_at(root, loc[:end - 1])
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    field = model.model_fields.get(str(loc[end - 1]))
    description = re.sub(r"^Schema \d+: ", "", (field.description or "") if field is not None else "")
    steps = description.split(" -> ")
    named = re.match(r"(\w+) id\b", steps[depth]) if depth < len(steps) - 1 else None
    if named is None and depth == 0:
        named = re.search(r"\bper (\w+) id\b", description)
    return f"{named.group(1).lower()} id" if named is not None else None


def _article(what: str) -> str:
    """``what`` with its indefinite article (``a basket id``, ``an option id``)."""
    return f"{'an' if what[:1] in 'aeiou' else 'a'} {what}"


def _pattern_message(pattern: str, value: Any) -> str:
    """Why a text does not match its pattern: a control character in scenario text, the character
    that keeps an id from being one, or the text that does not look like a lint code."""
    text = value if isinstance(value, str) else ""
    if "x00" in pattern:
        at = first_unsafe(text)
        where = describe_unsafe(text[at]) if at is not None else "?"
        return (f"expected text without control characters (line breaks and tabs only) or text-direction "
                f"controls, found {where} at character {at + 1 if at is not None else '?'}: terminal escape codes "
                "and characters that make text show other than it reads are not allowed")
    if pattern.startswith("^[a-z][a-z0-9_]"):
        found = describe(value)
        odd = next((c for c in text if not ("a" <= c <= "z" or "0" <= c <= "9" or c == "_")), None)
        if odd is not None and not odd.isascii():
            name = unicodedata.name(odd, "a character")
            why = f"{odd!r} ({name}) is not one of the letters a-z: ids use ASCII letters only"
        elif odd is not None and odd.isupper():
            why = f"{odd!r} is upper case: ids use lower-case letters"
        elif text and not ("a" <= text[0] <= "z"):
            why = "an id starts with a letter a-z"
        elif odd is not None:
            why = f"{odd!r} is not allowed in an id"
        else:
            why = "an id has at most 48 characters"
        return f"expected an id (lower-case ASCII letters a-z, digits and _, starting with a letter), got {found}: {why}"
    if pattern.startswith("^[a-z0-9][a-z0-9.-]"):
        return f"expected a lint warning code as lint prints it (such as dominated-option), got {describe(value)}"
    return f"expected text matching {pattern}, got {describe(value)}"


def allowed_keys(root: type[BaseModel], loc: PathKey) -> list[str]:
    """Field names of the model found at ``loc`` below ``root`` ([] if not a model)."""
    annotation = _annotation_at(root, loc)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def literal_values(root: type[BaseModel], loc: PathKey) -> list[str]:
    """The texts a ``Literal`` key at ``loc`` below ``root`` accepts (a strategy's name, a difficulty),
    [] if it is no such key."""
    annotation = _annotation_at(root, loc)
    if typing.get_origin(annotation) is not typing.Literal:
        return []
    return [value for value in typing.get_args(annotation) if isinstance(value, str)]


def _held_above(root: type[BaseModel], loc: PathKey) -> str:
    """When the key at the end of ``loc``, unknown where it is, is (close to) a key of a mapping that holds
    it, the tail that says so: the line is most likely indented too far (``revocation`` under a form's
    ``entry``, where keys are principals). Else ''."""
    key = loc[-1] if loc else None
    if not isinstance(key, str):
        return ""
    for end in range(len(loc) - 2, -1, -1):
        near = closest(key, allowed_keys(root, loc[:end]))
        if near is not None:
            holder = format_path(loc[:end]) if end else "the top level"
            meant = "" if near == key else f"did you mean {near!r}? "
            return f"; {meant}{near!r} is a key of {holder}, not of this mapping: indent it like the other keys there"
    return ""


def _annotation_at(root: type[BaseModel], loc: PathKey) -> Any:
    """The type of the value at ``loc`` below ``root`` (optional and annotated types unwrapped), or
    None where ``loc`` leaves the schema."""
    annotation: Any = root
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(str(part))
            if field is None:
                return None
            annotation = field.annotation
        else:
            args = typing.get_args(annotation)
            annotation = args[-1] if args else None
    return _unwrap(annotation)


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) in (typing.Annotated, typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0]
    return annotation
