"""Cross-reference checks that a schema cannot express.

Each check yields ``(key path, at_key, message)``; the loader turns paths into
line and column. Checks: duplicate ids; weights, values and form values naming unknown baskets,
options or forms; red lines (:mod:`red_lines`); missing option values;
entry rules per principal, whose veto players have different names; a table too large to play (:mod:`game.model.limits`); first movers and phase parties; exactly two delegations at
every table and every delegation at some table; the first phase's anchoring; events naming
unknown phases; effects naming unknown parameters or leaving their range (:mod:`ranges`); event
conditions naming unknown baskets, options, parties, events or phases, or a round window that
holds at no round (or not at the event's ``at_round``). A definitions phase's
scope and the year events are checked in :mod:`semantic_phases`, with the helpers of :mod:`findings`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from game.model.limits import size_problem
from game.model.parameters import parameter_names
from game.scenario.findings import (
    Finding,
    duplicates,
    needs_2,
    parameter_hint,
    repeated,
    schema_2_only,
    set_version_2,
)
from game.scenario.messages import format_path
from game.scenario.ranges import check_effects
from game.scenario.red_lines import check_red_lines
from game.scenario.schema import (
    EffectModel,
    PartyModel,
    ProtocolModel,
    ScenarioModel,
    WhenModel,
)
from game.scenario.semantic_phases import MAX_YEAR_EVENTS, check_scope, check_year_event
from game.scenario.yamlsafe import PathKey
from game.words import closest, count, plural, suggest

__all__ = ["MAX_YEAR_EVENTS", "Finding", "check"]


def check(model: ScenarioModel) -> list[Finding]:
    """Every semantic problem of a schema-valid scenario. A duplicate id makes every reference to
    it ambiguous, so when ids repeat only the duplicates are reported (their follow-on errors
    would bury the cause)."""
    duplicates = list(_all_duplicates(model))
    if duplicates:
        return duplicates
    found = list(_all(model))
    return found + set_version_2(found)


def _all_duplicates(m: ScenarioModel) -> Iterator[Finding]:
    yield from duplicates(m.baskets, ("baskets",), "basket")
    for b, basket in enumerate(m.baskets):
        yield from duplicates(basket.options, ("baskets", b, "options"), "option")
    yield from duplicates(m.forms, ("forms",), "form")
    yield from duplicates(m.parties, ("parties",), "party")
    yield from duplicates(m.phases, ("phases",), "phase")
    yield from duplicates(m.events, ("events",), "event")


def _all(m: ScenarioModel) -> Iterator[Finding]:
    base: PathKey
    options = {b.id: [o.id for o in b.options] for b in m.baskets}
    forms = [f.id for f in m.forms]
    parties = [p.id for p in m.parties]
    principals = sorted({p.principal for p in m.parties})
    too_large = size_problem([len(b.options) for b in m.baskets], len(m.forms))
    if too_large is not None:
        yield ("baskets",), True, f"baskets: too large to play: {too_large}"
    for i, party in enumerate(m.parties):
        yield from _party(party, ("parties", i), options, forms, m.schema_version)
    yield from _after_signing(m, options, parties)
    for i, holder in enumerate(m.stakeholders):
        base = ("stakeholders", i)
        if holder.id in parties:
            yield base + ("id",), False, f"{format_path(base + ('id',))}: {holder.id!r} is already a party id"
        yield from _weights(holder.weights, base, options)
        yield from _option_table(holder.values, base + ("values",), options, "values")
    for f, form in enumerate(m.forms):
        base = ("forms", f, "entry")
        for key, entry in form.entry.items():
            yield from repeated([v.name for v in entry.veto_players], base + (key, "veto_players"), "veto player",
                                "name")          # the debrief names the body that refused
            if key not in principals:
                yield base + (key,), True, f"{format_path(base + (key,))}: unknown principal {key!r}{suggest(key, principals)}"
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
                yield base + ("parties", j), False, f"{format_path(base + ('parties', j))}: unknown party {pid!r}{suggest(pid, parties)}"
        seated = [p for p in m.parties if p.id in phase.parties]
        yield from _table(seated, phase.protocol, base + ("protocol",), base + ("parties",), list(phase.parties))
        if i == 0 and phase.anchoring > 0:
            yield base + ("anchoring",), False, (f"{format_path(base + ('anchoring',))}: the first phase has no phase "
                                                 f"before it to anchor on; expected 0, got {phase.anchoring}")
        yield from _effects(phase.effects, base + ("effects",), parties, list(options), m.schema_version)
        if phase.scope is not None:
            yield from check_scope(phase.scope, base, i == len(m.phases) - 1, phase.publishes, options,
                                   list(phase.parties))
    phase_ids = [p.id for p in m.phases]
    year_ids = [e.id for e in m.events if e.year is not None]
    scoped = {p.id for p in m.phases if p.scope is not None}
    for i, event in enumerate(m.events):
        base = ("events", i)
        if event.year is not None:
            yield from check_year_event(m, i, list(options))
            continue
        for j, ph in enumerate(event.phases):
            if ph not in phase_ids:
                where = base + ("phases", j)
                hint = suggest(ph, phase_ids) if phase_ids else "; this scenario has no phases"
                yield where, False, f"{format_path(where)}: unknown phase {ph!r}{hint}"
            elif ph in scoped:
                where = base + ("phases", j)
                yield where, False, (f"{format_path(where)}: {ph!r} is a definitions phase, bargained over its scope "
                                     "alone, and no event fires in it; expected a phase without a scope")
        yield from _effects(event.effects, base + ("effects",), parties, list(options), m.schema_version)
        if event.when is not None:
            yield from _when(event.when, base + ("when",), options, parties, [e.id for e in m.events], phase_ids)
            yield from _at_round_in_window(event.at_round, event.when, base)
            if event.when.after_event in year_ids:
                after: PathKey = base + ("when", "after_event")
                yield after, False, (f"{format_path(after)}: {event.when.after_event!r} is a year event, which "
                                     "happens after signing, never before a round of the talks; expected a talk "
                                     "event")
    first_year = next((i for i, e in enumerate(m.events) if e.year is not None), len(m.events))
    late = next((i for i, e in enumerate(m.events) if i > first_year and e.year is None), None)
    if late is not None:
        misplaced: PathKey = ("events", late)
        yield misplaced, False, (f"{format_path(misplaced)}: event {m.events[late].id!r} of the talks is listed "
                                 f"after the year event {m.events[first_year].id!r}; expected the events of the "
                                 "talks first, then those of the years after signing (year:)")
    if len(year_ids) > MAX_YEAR_EVENTS:
        extra: PathKey = ("events", next(i for i, e in enumerate(m.events) if e.id == year_ids[MAX_YEAR_EVENTS]), "year")
        yield extra, False, (f"{format_path(extra)}: {len(year_ids)} year events; expected at most {MAX_YEAR_EVENTS} "
                             "(the expected value sums over every combination of them)")
    yield from _teaching(m)
    yield from check_effects(m)


def _teaching(m: ScenarioModel) -> Iterator[Finding]:
    """Every debrief question names one of the scenario's sources."""
    for i, q in enumerate(m.teaching.questions if m.teaching is not None else []):
        if q.source > len(m.sources):
            where: PathKey = ("teaching", "questions", i, "source")
            yield where, False, (f"{format_path(where)}: source {q.source} does not exist; the scenario lists "
                                 f"{count(len(m.sources), 'source')}")


def _when(when: WhenModel, base: PathKey, options: dict[str, list[str]], parties: list[str], events: list[str],
          phases: list[str]) -> Iterator[Finding]:
    """An event's conditions name baskets, options, parties, events and phases that exist."""
    def unknown(where: PathKey, what: str, name: str, pool: list[str]) -> Finding:
        return where, False, f"{format_path(where)}: unknown {what} {name!r}{suggest(name, pool)}"
    offer = when.offer_at_least
    if offer is not None:
        where = base + ("offer_at_least",)
        if offer.basket not in options:
            yield unknown(where + ("basket",), "basket", offer.basket, list(options))
        elif offer.option not in options[offer.basket]:
            spot = where + ("option",)
            yield spot, False, (f"{format_path(spot)}: unknown option {offer.option!r} of basket {offer.basket!r}"
                                f"{suggest(offer.option, options[offer.basket])}")
        if offer.party is not None and offer.party not in parties:
            yield unknown(where + ("party",), "party", offer.party, parties)
    if when.walked_away is not None and when.walked_away not in parties:
        yield unknown(base + ("walked_away",), "party", when.walked_away, parties)
    if when.after_event is not None and when.after_event not in events:
        yield unknown(base + ("after_event",), "event", when.after_event, events)
    if when.agreed_in is not None and when.agreed_in not in phases:
        hint = "" if phases else "; this scenario has no phases"
        yield base + ("agreed_in",), False, (f"{format_path(base + ('agreed_in',))}: unknown phase {when.agreed_in!r}"
                                              f"{suggest(when.agreed_in, phases) if phases else hint}")
    if when.round_at_least is not None and when.round_at_most is not None and when.round_at_least > when.round_at_most:
        yield base, False, (f"{format_path(base)}: round_at_least {when.round_at_least} is after round_at_most "
                            f"{when.round_at_most}: the event could never fire")


def _at_round_in_window(at_round: int | None, when: WhenModel, base: PathKey) -> Iterator[Finding]:
    """An event due at ``at_round`` fires only as that round opens, so the round must lie in the window of
    its ``when`` (round_at_least to round_at_most); a window that is itself empty is refused by :func:`_when`."""
    low, high = when.round_at_least, when.round_at_most
    if at_round is None or (low is not None and high is not None and low > high):
        return
    span = f"{low or 1} to {high}" if high is not None else f"{low} or later"
    where = base + ("at_round",)
    if low is not None and at_round < low:
        yield where, False, (f"{format_path(where)}: at_round {at_round} is before round_at_least {low} of its "
                             f"when: the event could never fire; expected {span}")
    elif high is not None and at_round > high:
        yield where, False, (f"{format_path(where)}: at_round {at_round} is after round_at_most {high} of its "
                             f"when: the event could never fire; expected {span}")


def _weights(weights: dict[str, float], base: PathKey, options: dict[str, list[str]]) -> Iterator[Finding]:
    """Every basket weighed, and only the baskets there are; no weights at all (``weights: {}``) is one problem."""
    if not weights:
        yield base + ("weights",), False, (f"{format_path(base + ('weights',))}: no basket weight is given; expected "
                                           f"a weight for each basket: {', '.join(map(repr, options))}")
        return
    for key in weights:
        if key not in options:
            yield base + ("weights", key), True, f"{format_path(base + ('weights', key))}: unknown basket {key!r}{suggest(key, options)}"
    for basket in options:
        if basket not in weights:
            yield base + ("weights",), False, f"{format_path(base + ('weights',))}: no weight for basket {basket!r}"


def _option_table(tables: dict[str, dict[str, float]], base: PathKey, options: dict[str, list[str]],
                  name: str) -> Iterator[Finding]:
    """Every basket and every option named, and nothing else. An unknown option that misspells a
    missing one (``pledge_lable`` for ``pledge_label``) is the one problem reported: the option it
    meant is not also reported missing."""
    for key, table in tables.items():
        where = base + (key,)
        if key not in options:
            yield where, True, f"{format_path(where)}: unknown basket {key!r}{suggest(key, options)}"
            continue
        missing = [o for o in options[key] if o not in table]
        for opt in table:
            if opt not in options[key]:
                meant = closest(opt, missing)
                missing = [o for o in missing if o != meant]
                yield where + (opt,), True, f"{format_path(where + (opt,))}: unknown option {opt!r} of basket {key!r}{suggest(opt, options[key])}"
        if missing:
            yield where, False, (f"{format_path(where)}: missing {name} for {plural(len(missing), 'option')} "
                                 f"{', '.join(map(repr, missing))}")
    for basket in options:
        if basket not in tables:
            yield base, False, f"{format_path(base)}: no {name} for basket {basket!r}"


_V1_ONLY = ("values",)
_V2_ONLY = ("gains", "costs")


def _restraint(party: PartyModel, base: PathKey, options: dict[str, list[str]], version: int) -> Iterator[Finding]:
    """Schema 1 gives ``values``; schema 2 gives ``gains`` and ``costs`` (and ``status_quo``), whose
    derived values ``status_quo + gain - cost`` must lie in [0, 1] (rule 1 of docs/model.md)."""
    given = {k for k in ("values", "gains", "costs") if getattr(party, k) is not None}
    if version == 1:
        for key in sorted(given & set(_V2_ONLY)):
            yield needs_2(base + (key,), key)
        if party.values is None:
            if not given:                       # gains or costs given instead: refused above, the cause
                yield base, False, f"{format_path(base)}: no option values (key 'values'); schema_version 1 needs them"
        else:
            yield from _option_table(party.values, base + ("values",), options, "values")
        if party.status_quo:
            yield needs_2(base + ("status_quo",), "status_quo")
        if party.compliance.audience_cost:
            yield needs_2(base + ("compliance", "audience_cost"), "audience_cost")
        return
    if party.values is not None:
        yield base + ("values",), True, (f"{format_path(base + ('values',))}: schema_version 2 derives values from "
                                         f"status_quo, gains and costs; expected gains and costs, found values")
    if party.compliance.cheat_gain is not None:
        where = base + ("compliance", "cheat_gain")
        yield where, True, (f"{format_path(where)}: cheat_gain is gone in schema_version 2: a breach wins back "
                            f"the cost of one's own restraint (costs)")
    for key in _V2_ONLY:
        table = getattr(party, key)
        if table is None:
            yield base, False, f"{format_path(base)}: no {key} (schema_version 2 needs gains and costs)"
        else:
            yield from _option_table(table, base + (key,), options, key)
    for key in party.status_quo:
        if key not in options:
            where = base + ("status_quo", key)
            yield where, True, f"{format_path(where)}: unknown basket {key!r}{suggest(key, options)}"
    if party.gains is None or party.costs is None:
        return
    for basket, ladder in options.items():
        for opt in ladder:
            if any(basket in t and opt not in t[basket] for t in (party.gains, party.costs)):
                continue                        # reported missing (or misspelt) above; its value is unknown
            gain = party.gains.get(basket, {}).get(opt, 0.0)
            cost = party.costs.get(basket, {}).get(opt, 0.0)
            value = party.status_quo.get(basket, 0.0) + gain - cost
            if not -1e-9 <= value <= 1 + 1e-9:
                where = base + ("gains", basket, opt)
                yield where, False, (f"{format_path(where)}: status_quo + gain - cost of option {opt!r} is {value:.3g}; "
                                     f"expected a value between 0 and 1 (status_quo {party.status_quo.get(basket, 0.0)}, "
                                     f"gain {gain}, cost {cost})")


def _after_signing(m: ScenarioModel, options: dict[str, list[str]], parties: list[str]) -> Iterator[Finding]:
    """Basket keys of schema 2 name real parties and baskets."""
    for b, basket in enumerate(m.baskets):
        base: PathKey = ("baskets", b)
        for key in ("binds", "linked_to", "detection_by", "false_accusation", "misattribution", "detection_cap"):
            if m.schema_version == 1 and key in basket.model_fields_set:
                yield needs_2(base + (key,), key)
        for j, pid in enumerate(basket.binds):
            if pid not in parties:
                where: PathKey = base + ("binds", j)
                yield where, False, f"{format_path(where)}: unknown party {pid!r}{suggest(pid, parties)}"
        for j, other in enumerate(basket.linked_to or ()):
            if other not in options or other == basket.id:
                where = base + ("linked_to", j)
                why = "a basket cannot be linked to itself" if other == basket.id else f"unknown basket {other!r}{suggest(other, options)}"
                yield where, False, f"{format_path(where)}: {why}"
        for pid in basket.detection_by:
            if pid not in parties:
                where = base + ("detection_by", pid)
                yield where, True, f"{format_path(where)}: unknown party {pid!r}{suggest(pid, parties)}"
    for pid in m.compliance.response_by:
        if pid not in parties:
            where = ("compliance", "response_by", pid)
            yield where, True, f"{format_path(where)}: unknown party {pid!r}{suggest(pid, parties)}"
    if m.schema_version == 1:
        for f, form in enumerate(m.forms):
            for key in ("revocation", "signed"):
                if key in form.model_fields_set:
                    yield needs_2(("forms", f, key), key)
        for key in ("trust", "continuation", "response_by", "responses"):
            if key in m.compliance.model_fields_set:
                yield needs_2(("compliance", key), key)
        if m.stakeholders:
            yield needs_2(("stakeholders",), "stakeholders", verb="need")


def _party(party: PartyModel, base: PathKey, options: dict[str, list[str]], forms: list[str],
           version: int) -> Iterator[Finding]:
    yield from _weights(party.weights, base, options)
    yield from _restraint(party, base, options, version)
    for key in party.form_values:
        if key not in forms:
            yield base + ("form_values", key), True, f"{format_path(base + ('form_values', key))}: unknown form {key!r}{suggest(key, forms)}"
    missing_forms = [f for f in forms if f not in party.form_values]
    if missing_forms:
        yield base + ("form_values",), False, f"{format_path(base + ('form_values',))}: missing values for {plural(len(missing_forms), 'form')} {', '.join(map(repr, missing_forms))}"
    yield from check_red_lines(party, base, options)
    if party.weights and sum(party.weights.values()) <= 0 and party.form_weight < 1:
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
        yield where, False, f"{format_path(where)}: {protocol.first_mover!r} is not at this table{suggest(protocol.first_mover, ids)}"
    seen: dict[str, str] = {}
    for party in seated:
        if party.principal in seen:
            yield parties_path, False, (f"{format_path(parties_path)}: {party.id!r} and {seen[party.principal]!r} both speak "
                                        f"for {party.principal!r}; expected one delegation per principal at a table")
        seen.setdefault(party.principal, party.id)


def _effects(effects: list[EffectModel], base: PathKey, parties: list[str], baskets: list[str],
             version: int) -> Iterator[Finding]:
    """Every effect of a phase or a talk event names a parameter of the talks that the file's schema has."""
    names = parameter_names(parties, baskets)
    for j, effect in enumerate(effects):
        if effect.parameter in names:
            yield from schema_2_only(effect.parameter, base + (j, "parameter"), version)
        else:
            where = base + (j, "parameter")
            tail = parameter_hint(effect.parameter, names)
            if effect.parameter.startswith("forms.") and effect.parameter.endswith(".revocation"):
                tail = "; a form's revocation changes only in the years after signing (an event with year:)"
            yield where, False, f"{format_path(where)}: unknown parameter {effect.parameter!r}{tail}"
