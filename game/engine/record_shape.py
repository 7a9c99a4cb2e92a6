"""The shape of an action record and of its effects, checked before they are read (:mod:`game.engine.record`).

A move log's line or a result's move is untrusted input: :func:`action_problem` and :func:`deltas_problem` say
which key of it is wrong, what it should hold and what it holds (a class trial: a bad action line was reported
as "malformed action (ValueError: not enough values to unpack (expected 2, got 1))", Python's words, not the
log's). A record that passes reads with :func:`game.engine.record.action_from_dict` without error.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from game.engine.actions import MessageKind
from game.words import shorten

Check = Callable[[Any], bool]


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


def _list_of(check: Check) -> Check:
    return lambda value: isinstance(value, list) and all(check(x) for x in value)


def _pair(first: Check, second: Check) -> Check:
    return lambda value: isinstance(value, list) and len(value) == 2 and first(value[0]) and second(value[1])


def _message(value: Any) -> bool:
    if value is None:
        return True
    return (isinstance(value, dict) and isinstance(value.get("kind"), str) and value["kind"] in set(MessageKind)
            and all(value.get(key) is None or isinstance(value.get(key), str) for key in ("basket", "option")))


PARTY = (_text, "a party id (text)")
EVENTS = (_list_of(_text), "a list of event ids")
SEAL = (_text, "a seal (text)")
MESSAGE = (_message, "null or a message {\"kind\": " + " | ".join(f'"{k}"' for k in MessageKind)
           + ", \"basket\": a basket id or null, \"option\": an option id or null}")
# per kind, each key: (check, what it should hold, whether it must be there)
FIELDS: Mapping[str, Mapping[str, tuple[Check, str, bool]]] = {
    "offer": {"party": (*PARTY, True), "outcome": (_list_of(_whole), "a list of option numbers", True),
              "message": (*MESSAGE, False)},
    "accept": {"party": (*PARTY, True)},
    "walk": {"party": (*PARTY, True)},
    "lock": {"party": (*PARTY, True), "basket": (_whole, "a basket number", True)},
    "perceive": {"noise": (_list_of(_pair(_text, _list_of(_number))), "a list of [party id, [numbers]] pairs",
                           True)},
    "round_start": {"events": (*EVENTS, True)},
    "inject": {"events": (*EVENTS, True), "seal": (*SEAL, False)},
    "end_talks": {"seal": (*SEAL, False)},
    "ratify": {"entered": (_list_of(_pair(_text, _flag)), "a list of [party id, true or false] pairs", True),
               "refused": (_list_of(_pair(_text, _text)), "a list of [party id, name] pairs", False)},
    "comply": {"seed": (_whole, "a whole number", True)},
}
DELTA: Mapping[str, tuple[Check, str]] = {
    "source": (_text, "text"), "parameter": (_text, "a parameter name (text)"), "before": (_number, "a number"),
    "after": (_number, "a number"), "phase": (_whole, "a whole number"), "round": (_whole, "a whole number"),
}


def found(value: Any) -> str:
    """A value as the file holds it, in JSON, short and in ASCII (no control character reaches a terminal)."""
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return shorten(text, 60)


def action_problem(data: Any, key: str = "action") -> str | None:
    """What is wrong with the action record ``data`` (found under ``key``), naming the key, what it should
    hold and what it holds; None when it has the shape of an action."""
    if not isinstance(data, dict):
        return f"key '{key}': expected an object with a \"kind\", found {found(data)}"
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in FIELDS:
        return f"key '{key}.kind': expected one of {', '.join(FIELDS)}, found {found(kind)}"
    for name, (check, expected, required) in FIELDS[kind].items():
        if name not in data:
            if required:
                return f"key '{key}.{name}': expected {expected} (every {kind} action has one), found nothing"
        elif not check(data[name]):
            return f"key '{key}.{name}': expected {expected}, found {found(data[name])}"
    return None


def deltas_problem(data: Any, key: str = "deltas") -> str | None:
    """What is wrong with an action's recorded effects ``data`` (absent or null: none), as
    :func:`action_problem` says it; None when they have the shape of effects."""
    if data is None:
        return None
    if not isinstance(data, list):
        return f"key '{key}': expected a list of effects, found {found(data)}"
    for index, delta in enumerate(data, start=1):
        if not isinstance(delta, dict):
            return f"key '{key}' (effect {index}): expected an object, found {found(delta)}"
        for name, (check, expected) in DELTA.items():
            if not check(delta.get(name)):
                held = found(delta[name]) if name in delta else "nothing"
                return f"key '{key}' (effect {index}) '{name}': expected {expected}, found {held}"
    return None
