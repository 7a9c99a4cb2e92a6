"""Checks of what surrounds the talks: a definitions phase's scope before them (docs/model.md, rules
D1-D3) and the year events after signing (rule 11). :mod:`game.scenario.semantic` runs them."""

from __future__ import annotations

from collections.abc import Iterator

from game.model.parameters import parameter_names, year_parameter_names
from game.scenario.findings import Finding, duplicates, parameter_hint, schema_2_only
from game.scenario.messages import format_path
from game.scenario.schema import ScenarioModel, ScopeModel
from game.scenario.yamlsafe import PathKey
from game.words import suggest

MAX_YEAR_EVENTS = 6
"""At most this many year events in a scenario: the valuation sums over the 2^n combinations of them."""


def check_year_event(m: ScenarioModel, i: int, baskets: list[str]) -> Iterator[Finding]:
    """A year event (rule 11) happens within the compliance years, has no talk timing and changes only
    what the years read: trust, a basket's detection or attribution, a form's revocation."""
    event = m.events[i]
    base: PathKey = ("events", i)
    assert event.year is not None
    if event.year > m.compliance.years:
        where = base + ("year",)
        yield where, False, (f"{format_path(where)}: year {event.year} is after the pact's last compliance year "
                             f"({m.compliance.years}): the event could never happen; expected 1 to {m.compliance.years}")
    for key in ("phases", "once", "at_round", "when"):
        if key in event.model_fields_set:
            where = base + (key,)
            yield where, True, (f"{format_path(where)}: a year event happens after signing, at its year, at most once "
                                f"per history; {key} belongs to events of the talks (remove it, or remove year)")
    names = year_parameter_names(baskets, [f.id for f in m.forms])
    talk = parameter_names([p.id for p in m.parties], baskets)
    for j, effect in enumerate(event.effects):
        where = base + ("effects", j, "parameter")
        if effect.parameter in names:
            yield from schema_2_only(effect.parameter, where, m.schema_version)
            continue
        if effect.parameter in talk:
            yield where, False, (f"{format_path(where)}: a year event may change only compliance.trust, "
                                 f"baskets.<basket>.detection|attribution or forms.<form>.revocation; "
                                 f"{effect.parameter!r} is read during the talks, not in the years after signing")
        else:
            tail = parameter_hint(effect.parameter, names)
            yield where, False, f"{format_path(where)}: unknown parameter {effect.parameter!r}{tail}"


def check_scope(scope: ScopeModel, base: PathKey, last: bool, publishes: bool, options: dict[str, list[str]],
           seated: list[str]) -> Iterator[Finding]:
    """A definitions phase (docs/model.md, rules D1-D3): followed by the phase it sets up, publishing
    nothing; a ladder of known baskets, each rung covering the (known) baskets of the one before and
    disputed no less; a default rung; each seated party's value of every rung. A misspelt basket is
    reported once, where it is written: the rungs after it are not asked to repeat it."""
    here = base + ("scope",)
    if last:
        yield here, True, (f"{format_path(here)}: a definitions phase sets the parameters of the next phase, "
                           "so it cannot be the last phase; expected a phase after it")
    if publishes:
        yield base + ("publishes",), False, (f"{format_path(base + ('publishes',))}: a definitions phase publishes "
                                             "no plan (its scope is applied to the next phase); expected false")
    yield from duplicates(scope.rungs, here + ("rungs",), "rung")
    rungs = [r.id for r in scope.rungs]
    covered: list[str] = []
    disputes = 0.0
    for k, rung in enumerate(scope.rungs):
        spot = here + ("rungs", k)
        for j, basket in enumerate(rung.baskets):
            if basket not in options:
                yield spot + ("baskets", j), False, (f"{format_path(spot + ('baskets', j))}: unknown basket "
                                                     f"{basket!r}{suggest(basket, options)}")
        missing = [b for b in covered if b not in rung.baskets and b in options]   # unknown ones: reported above
        if missing:
            yield spot + ("baskets",), False, (f"{format_path(spot + ('baskets',))}: a rung covers the baskets of "
                                               f"the rung before it; {', '.join(map(repr, missing))} missing")
        if rung.disputes < disputes:
            yield spot + ("disputes",), True, (f"{format_path(spot + ('disputes',))}: a broader scope is disputed "
                                               f"no less (rule D3); expected at least {disputes}, got {rung.disputes}")
        covered, disputes = list(rung.baskets), max(disputes, rung.disputes)
    if scope.default not in rungs:
        yield here + ("default",), False, (f"{format_path(here + ('default',))}: unknown rung "
                                           f"{scope.default!r}{suggest(scope.default, rungs)}")
    for pid in scope.values:
        if pid not in seated:
            yield here + ("values", pid), True, (f"{format_path(here + ('values', pid))}: {pid!r} does not sit at "
                                                 f"this table{suggest(pid, seated)}")
    for pid in seated:
        row = scope.values.get(pid)
        if row is None:
            yield here + ("values",), False, f"{format_path(here + ('values',))}: no values for {pid!r}"
            continue
        for key in row:
            if key not in rungs:
                yield here + ("values", pid, key), True, (f"{format_path(here + ('values', pid, key))}: unknown rung "
                                                          f"{key!r}{suggest(key, rungs)}")
        for rung_id in rungs:
            if rung_id not in row:
                yield here + ("values", pid), False, (f"{format_path(here + ('values', pid))}: no value for "
                                                      f"rung {rung_id!r}")
