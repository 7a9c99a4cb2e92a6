"""Cross-reference checks that a schema cannot express.

Each check yields ``(key path, at_key, message)``; the loader turns paths into
line and column. Checks: duplicate ids; weights, values, form values and red
lines naming unknown baskets, options or forms; missing option values;
entry rules per principal; first movers and phase parties; exactly two delegations at
every table and every delegation at some table; the first phase's anchoring; events naming
unknown phases; effects naming unknown parameters or leaving their range (:mod:`ranges`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from game.model.parameters import parameter_names
from game.scenario.messages import format_path
from game.scenario.ranges import check_effects
from game.scenario.schema import EffectModel, PartyModel, ProtocolModel, ScenarioModel
from game.scenario.yamlsafe import PathKey

Finding = tuple[PathKey, bool, str]


def check(model: ScenarioModel) -> list[Finding]:
    """Every semantic problem of a schema-valid scenario. A duplicate id makes every reference to
    it ambiguous, so when ids repeat only the duplicates are reported (their follow-on errors
    would bury the cause)."""
    duplicates = list(_all_duplicates(model))
    return duplicates or list(_all(model))


def _all_duplicates(m: ScenarioModel) -> Iterator[Finding]:
    yield from _duplicates(m.baskets, ("baskets",), "basket")
    for b, basket in enumerate(m.baskets):
        yield from _duplicates(basket.options, ("baskets", b, "options"), "option")
    yield from _duplicates(m.forms, ("forms",), "form")
    yield from _duplicates(m.parties, ("parties",), "party")
    yield from _duplicates(m.phases, ("phases",), "phase")
    yield from _duplicates(m.events, ("events",), "event")


def _suggest(word: str, choices: Iterable[str]) -> str:
    pool = list(choices)
    close = difflib.get_close_matches(word, pool, n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; expected one of: {', '.join(pool)}" if len(pool) <= 12 else ""


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def _duplicates(items: Sequence[_HasId], path: PathKey, what: str) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        ident = item.id
        if ident in seen:
            yield path + (i, "id"), False, (f"{format_path(path + (i, 'id'))}: duplicate {what} id {ident!r} "
                                            f"(already used by {format_path(path + (seen[ident],))})")
        else:
            seen[ident] = i


def _all(m: ScenarioModel) -> Iterator[Finding]:
    base: PathKey
    options = {b.id: [o.id for o in b.options] for b in m.baskets}
    forms = [f.id for f in m.forms]
    parties = [p.id for p in m.parties]
    principals = sorted({p.principal for p in m.parties})
    for i, party in enumerate(m.parties):
        yield from _party(party, ("parties", i), options, forms)
    for f, form in enumerate(m.forms):
        base = ("forms", f, "entry")
        for key in form.entry:
            if key not in principals:
                yield base + (key,), True, f"{format_path(base + (key,))}: unknown principal {key!r}{_suggest(key, principals)}"
        for missing in (p for p in principals if p not in form.entry):
            yield base, False, f"{format_path(base)}: no entry rule for principal {missing!r}"
    if not m.phases:
        if m.protocol is None:
            yield (), False, "protocol: required key is missing (a scenario without phases needs one protocol)"
        else:
            yield from _table(m.parties, m.protocol, ("protocol",), ("parties",), parties)
    seated_somewhere = {pid for phase in m.phases for pid in phase.parties}
    for i, party in enumerate(m.parties if m.phases else ()):
        if party.id not in seated_somewhere:
            spot: PathKey = ("parties", i, "id")
            yield spot, False, (f"{format_path(spot)}: delegation {party.id!r} is seated at no phase's table, so it "
                                 "would never move; expected it in some phase's parties (or remove it)")
    for i, phase in enumerate(m.phases):
        base = ("phases", i)
        for j, pid in enumerate(phase.parties):
            if pid not in parties:
                yield base + ("parties", j), False, f"{format_path(base + ('parties', j))}: unknown party {pid!r}{_suggest(pid, parties)}"
        seated = [p for p in m.parties if p.id in phase.parties]
        yield from _table(seated, phase.protocol, base + ("protocol",), base + ("parties",), list(phase.parties))
        if i == 0 and phase.anchoring > 0:
            yield base + ("anchoring",), False, (f"{format_path(base + ('anchoring',))}: the first phase has no phase "
                                                 f"before it to anchor on; expected 0, got {phase.anchoring}")
        yield from _effects(phase.effects, base + ("effects",), parties, list(options))
    phase_ids = [p.id for p in m.phases]
    for i, event in enumerate(m.events):
        base = ("events", i)
        for j, ph in enumerate(event.phases):
            if ph not in phase_ids:
                where = base + ("phases", j)
                hint = _suggest(ph, phase_ids) if phase_ids else "; this scenario has no phases"
                yield where, False, f"{format_path(where)}: unknown phase {ph!r}{hint}"
        yield from _effects(event.effects, base + ("effects",), parties, list(options))
    yield from check_effects(m)


def _party(party: PartyModel, base: PathKey, options: dict[str, list[str]], forms: list[str]) -> Iterator[Finding]:
    for key in party.weights:
        if key not in options:
            yield base + ("weights", key), True, f"{format_path(base + ('weights', key))}: unknown basket {key!r}{_suggest(key, options)}"
    for basket in options:
        if basket not in party.weights:
            yield base + ("weights",), False, f"{format_path(base + ('weights',))}: no weight for basket {basket!r}"
    for key, table in party.values.items():
        where = base + ("values", key)
        if key not in options:
            yield where, True, f"{format_path(where)}: unknown basket {key!r}{_suggest(key, options)}"
            continue
        for opt in table:
            if opt not in options[key]:
                yield where + (opt,), True, f"{format_path(where + (opt,))}: unknown option {opt!r} of basket {key!r}{_suggest(opt, options[key])}"
        missing = [o for o in options[key] if o not in table]
        if missing:
            yield where, False, f"{format_path(where)}: missing values for option(s) {', '.join(missing)}"
    for basket in options:
        if basket not in party.values:
            yield base + ("values",), False, f"{format_path(base + ('values',))}: no option values for basket {basket!r}"
    for key in party.form_values:
        if key not in forms:
            yield base + ("form_values", key), True, f"{format_path(base + ('form_values', key))}: unknown form {key!r}{_suggest(key, forms)}"
    missing_forms = [f for f in forms if f not in party.form_values]
    if missing_forms:
        yield base + ("form_values",), False, f"{format_path(base + ('form_values',))}: missing values for form(s) {', '.join(missing_forms)}"
    for key, opts in party.red_lines.items():
        where = base + ("red_lines", key)
        if key not in options:
            yield where, True, f"{format_path(where)}: unknown basket {key!r}{_suggest(key, options)}"
            continue
        for j, opt in enumerate(opts):
            if opt not in options[key]:
                yield where + (j,), False, f"{format_path(where + (j,))}: red line names unknown option {opt!r} of basket {key!r}{_suggest(opt, options[key])}"
    if sum(party.weights.values()) <= 0 and party.form_weight < 1:
        yield base + ("weights",), False, f"{format_path(base + ('weights',))}: every basket weight is 0; expected at least one positive weight"


def _table(seated: Sequence[PartyModel], protocol: ProtocolModel, proto_path: PathKey, parties_path: PathKey, ids: list[str]) -> Iterator[Finding]:
    if len(ids) != 2:
        where = parties_path + (2,) if len(ids) > 2 else parties_path
        alone = "" if proto_path[0] == "phases" else " (without phases every party sits at one table)"
        yield where, False, (f"{format_path(parties_path)}: a table seats exactly two delegations, one per side (the "
                             f"talks alternate offers between two); found {len(ids)}{alone}: {', '.join(ids)}; "
                             "use phases to seat them in pairs")
    if protocol.first_mover not in ids:
        where = proto_path + ("first_mover",)
        yield where, False, f"{format_path(where)}: {protocol.first_mover!r} is not at this table{_suggest(protocol.first_mover, ids)}"
    seen: dict[str, str] = {}
    for party in seated:
        if party.principal in seen:
            yield parties_path, False, (f"{format_path(parties_path)}: {party.id!r} and {seen[party.principal]!r} both speak "
                                        f"for {party.principal!r}; expected one delegation per principal at a table")
        seen.setdefault(party.principal, party.id)


def _effects(effects: list[EffectModel], base: PathKey, parties: list[str], baskets: list[str]) -> Iterator[Finding]:
    names = parameter_names(parties, baskets)
    for j, effect in enumerate(effects):
        if effect.parameter not in names:
            where = base + (j, "parameter")
            hint = difflib.get_close_matches(effect.parameter, names, n=1)
            tail = f"; did you mean {hint[0]!r}?" if hint else "; see the parameter names in docs/scenario-format.md"
            yield where, False, f"{format_path(where)}: unknown parameter {effect.parameter!r}{tail}"
