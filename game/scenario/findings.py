"""What a semantic check yields, and the report of ids (or names) used twice that every check uses
(:mod:`game.scenario.semantic` runs the checks; a misspelt name's suggestion is :func:`game.words.suggest`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from game.model.parameters import needs_schema_2, parameter_families
from game.scenario.messages import format_path
from game.scenario.yamlsafe import PathKey
from game.words import LISTED, closest

Finding = tuple[PathKey, bool, str]
"""One problem: the key path it is at, whether it is at the key (not its value), the message."""


def parameter_hint(name: str, names: Sequence[str]) -> str:
    """The tail of a message about ``name``, which is none of the parameter ``names`` an effect may change:
    the name meant, compared with the names of the same group when its group exists (``us.weights.chanels``
    with the baskets of ``us.weights``; ``protocol.first_mover``, which no effect changes, with the protocol's
    parameters, not with whatever name shares the most letters), else with every name. A listed group
    ends with the families below it (``ru.weights.<basket>``, :func:`parameter_families`)."""
    head, _, last = name.rpartition(".")
    group = [n for n in names if n.rpartition(".")[0] == head] if head else []
    if group:
        near = closest(last, [n.rpartition(".")[2] for n in group])
        if near is not None:
            return f"; did you mean {head + '.' + near!r}?"
        if len(group) <= LISTED:
            return f"; expected one of: {', '.join(group + parameter_families(head, names))}"
    near = None if group else closest(name, names)
    return f"; did you mean {near!r}?" if near is not None else "; see the parameter names in docs/scenario-format.md"


SCHEMA_1_SAYS = "schema_version 2 (this file says 1)"
"""How every refusal of something schema 2 only ends (:func:`needs_2`)."""


def needs_2(where: PathKey, what: str, at_key: bool = True, verb: str = "needs") -> Finding:
    """The refusal, in a schema-1 file, of ``what`` (a key, or an effect's parameter) that only schema 2
    has: ``<path>: <what> needs schema_version 2 (this file says 1)``, one wording for every such case."""
    return where, at_key, f"{format_path(where)}: {what} {verb} {SCHEMA_1_SAYS}"


def schema_2_only(name: str, where: PathKey, version: int) -> Iterator[Finding]:
    """The refusal of an effect on a parameter that exists only in schema 2
    (:func:`game.model.parameters.needs_schema_2`) in a file of ``version`` 1, worded as the refusal
    of such a key (:func:`needs_2`), at the effect's parameter."""
    if version == 1 and needs_schema_2(name):
        yield needs_2(where, name, at_key=False)


def set_version_2(findings: Sequence[Finding]) -> list[Finding]:
    """When several findings refuse what only schema 2 has, one more at ``schema_version`` says the
    cause: the file asks for schema 1 but is written for schema 2."""
    n = sum(message.endswith(SCHEMA_1_SAYS) for _, _, message in findings)
    if n < 2:
        return []
    return [(("schema_version",), False, (f"schema_version: {n} keys or effects below need schema_version 2; expected 2 "
                                          "(set schema_version: 2; schema 2 gives a party gains and costs instead "
                                          "of values, docs/scenario-format.md), got 1"))]


class HasId(Protocol):
    """Anything with an id: a basket, an option, a form, a party, a phase, an event, a rung."""

    @property
    def id(self) -> str: ...


def duplicates(items: Sequence[HasId], path: PathKey, what: str) -> Iterator[Finding]:
    """Every item whose id an earlier item already has, located at its id (:func:`repeated`)."""
    yield from repeated([item.id for item in items], path, what, "id")


def repeated(keys: Sequence[str], path: PathKey, what: str, key: str | None) -> Iterator[Finding]:
    """Every item of the list at ``path`` whose ``key`` (``keys[i]``, an id or a name) an earlier item
    already has, located at that key; the earlier item is named within the same list (``options[0]``),
    which the loader's naming by id leaves as it is. With ``key`` None the items are the names themselves
    (a red line's options): a repeated one is located at the item, and the earlier one named as listed."""
    seen: dict[str, int] = {}
    for i, ident in enumerate(keys):
        if ident not in seen:
            seen[ident] = i
        elif key is None:
            yield path + (i,), False, (f"{format_path(path + (i,))}: duplicate {what} {ident!r} (already listed as "
                                       f"{path[-1]}[{seen[ident]}])")
        else:
            yield path + (i, key), False, (f"{format_path(path + (i, key))}: duplicate {what} {key} {ident!r} "
                                           f"(already used by {path[-1]}[{seen[ident]}])")
