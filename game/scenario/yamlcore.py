"""The YAML 1.2 core schema for PyYAML, and what a plain value meant under YAML 1.1.

PyYAML resolves plain (unquoted) values by the YAML 1.1 rules: ``yes``, ``no``, ``on`` and ``off``
are booleans, ``010`` is octal 8, ``1:30`` is the sexagesimal number 90 and ``2020-01-01`` a date.
Editors (the YAML language server that reads ``scenarios/schema.json``) follow YAML 1.2's core
schema, where only ``true`` and ``false`` are booleans, ``010`` is ten and the others are text.
Scenario files are read by the 1.2 rules so that the game and the editor agree:

* null: ``~``, ``null``, ``Null``, ``NULL`` or nothing;
* booleans: ``true``, ``True``, ``TRUE``, ``false``, ``False``, ``FALSE``;
* integers: ``[-+]?[0-9]+`` (decimal, leading zeros allowed), ``0o[0-7]+``, ``0x[0-9a-fA-F]+``;
* floats: ``[-+]?(.[0-9]+|[0-9]+(.[0-9]*)?)([eE][-+]?[0-9]+)?``, ``[-+]?.inf`` and ``.nan``
  (any of the three capitalisations);
* everything else is text.

:func:`yaml11_meaning` names what a plain value would have meant to a YAML 1.1 reader when that
differs, so that a message can say why ``binding: yes`` is refused and ``id: no`` is not.
"""

from __future__ import annotations

import re
from typing import ClassVar

import yaml

_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_RESOLVERS: tuple[tuple[str, str, str], ...] = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", (r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("merge", r"^(?:<<)$", "<"),
)


class CoreLoader(_BASE):
    """PyYAML's safe loader (libyaml's scanner where installed) with YAML 1.2 core-schema resolvers."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}

    def construct_core_int(self, node: yaml.ScalarNode) -> int:
        """A 1.2 integer: decimal (leading zeros do not make it octal), ``0o`` octal or ``0x`` hex."""
        text = str(self.construct_scalar(node))
        return int(text, 0) if text.startswith(("0o", "0x")) else int(text, 10)


for _name, _pattern, _first in _RESOLVERS:
    CoreLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_name}", re.compile(_pattern),
                                     list(_first) + ([""] if _name == "null" else []))
CoreLoader.add_constructor("tag:yaml.org,2002:int", CoreLoader.construct_core_int)

_V11 = yaml.resolver.Resolver()
_V12 = yaml.resolver.BaseResolver()
_V12.yaml_implicit_resolvers = CoreLoader.yaml_implicit_resolvers
_WORDS = {"bool": "a boolean", "int": "a whole number", "float": "a number", "timestamp": "a date",
          "null": "nothing (null)", "str": "text"}


def _kind(resolver: yaml.resolver.BaseResolver, value: str) -> str:
    return str(resolver.resolve(yaml.ScalarNode, value, (True, False))).rsplit(":", 1)[-1]


def yaml11_meaning(value: str) -> str | None:
    """What the plain value ``value`` meant under YAML 1.1 where the core schema reads it otherwise
    (``"yes"`` -> ``"the boolean true"``), else None."""
    old, new = _kind(_V11, value), _kind(_V12, value)
    if old == new and not (old == "int" and re.fullmatch(r"[-+]?0[0-7]+", value)):
        return None
    if old == "bool":
        truth = value.lower() in ("yes", "on", "true")
        return f"the boolean {'true' if truth else 'false'}"
    if old == "int" and re.fullmatch(r"[-+]?0[0-7_]+", value):
        return f"the octal number {int(value.replace('_', ''), 8)}"
    if ":" in value and old in ("int", "float"):
        return "a sexagesimal (base 60) number"
    return _WORDS.get(old, old)


def yaml12_rule(value: str) -> str:
    """One sentence stating the 1.2 rule behind a value whose 1.1 meaning differs, and only the part of
    the rule that applies to it: a 1.1 boolean (``no``) is told that only true and false are booleans,
    a 1.1 octal (``010``) that a leading zero does not make one, a base-60 number (``1:30``) or one
    with underscores (``1_000``) that 1.2 has no such form; other values (``1e400``, a 1.1 date) are
    told how each version reads them, nothing more."""
    new = _WORDS.get(_kind(_V12, value), "text")
    return (f"scenario files follow YAML 1.2, which reads the plain value {value} as {new} "
            f"(YAML 1.1 read it as {yaml11_meaning(value)}){_rule_part(value)}")


def _rule_part(value: str) -> str:
    """The part of the YAML 1.2 rule that ``value`` (plain, read otherwise by YAML 1.1) runs into."""
    old = _kind(_V11, value)
    if old == "bool":
        return "; only true and false are booleans"
    if old not in ("int", "float"):
        return ""
    if ":" in value:
        return "; numbers have no base-60 form"
    if "_" in value:
        return "; numbers have no underscore form"
    if re.fullmatch(r"[-+]?0[0-7]+", value):
        return "; a leading zero does not make a number octal"
    return ""


def yaml12_advice(value: str, key: bool = False) -> str:
    """How to write ``value`` so that every YAML tool reads it alike: a key, or a value YAML 1.2 reads as
    text, is quoted (``'no'``); a value YAML 1.2 reads as a number is written plainly, as that number
    (``010`` -> ``10``), since quoting it would make it text where the file expects a number."""
    kind = _kind(_V12, value)
    if not key and kind == "int":
        return f"write the number plainly ({int(value, 0) if value.startswith(('0o', '0x')) else int(value, 10)})"
    if not key and kind == "float":
        return f"write the number plainly ({float(value)!r})"
    return f"quote it ({value!r})"

