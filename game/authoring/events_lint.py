"""Lint checks of talk events that can never fire or never matter, beyond those of
:mod:`game.authoring.lint` (probability 0, phases without rounds, ``at_round`` late, ``agreed_in``
too late):

* ``event-never-fires``: ``when: {round_at_least: K}`` with K past the last round of every table the
  event may fire at; ``when: {walked_away: P}`` where P sits at no phase that ends before one the
  event may fire in (a walk-out ends the phase; in a scenario without phases it ends the game, so
  the condition, which reads the phases already ended, never holds); ``when: {offer_at_least: {basket,
  option, party: P}}`` where P's own red lines forbid that option and every stronger rung (P's AI
  never offers across its red lines, and such a deal never enters into force);
* ``plan-event-without-plan``: an event changes ``phase.anchoring`` in a scenario without phases,
  where no plan is ever published: its effect does nothing;
* ``unreachable-phase``: in a scenario without phases, an event that always fires as the first round
  opens (probability 1, no ``at_round`` past 1, no ``when``) sets the deadline to 0 rounds: the talks
  never open.
"""

from __future__ import annotations

from game.authoring.warnings import Collector
from game.model.scenario import Event, Scenario

__all__ = ["check_events"]


def _tables(s: Scenario, event: Event) -> list[tuple[int, int, tuple[str, ...]]]:
    """(phase index, rounds, seated party ids) of each table ``event`` may fire at (index 0, the only
    table, without phases); a definitions phase fires no event."""
    if not s.phases:
        return [(0, s.protocol.rounds, tuple(p.id for p in s.parties))]
    return [(k, ph.protocol.rounds, ph.parties) for k, ph in enumerate(s.phases)
            if ph.scope is None and (not event.phases or ph.id in event.phases)]


def check_events(c: Collector) -> None:
    """Add the warnings of the module docstring to ``c``."""
    s = c.scenario
    for e, event in enumerate(s.events):
        tables = _tables(s, event)
        when = event.when
        if event.probability > 0 and tables and when is not None:
            _never(c, s, e, event, tables)
        if not s.phases and any(f.parameter == "phase.anchoring" for f in event.effects):
            c.warn(("events", e), "plan-event-without-plan",
                   f"event {event.id!r} changes phase.anchoring, the weight of a plan published by a phase before, "
                   "but this scenario has no phases: no plan is ever published and the effect does nothing "
                   "(remove the effect)", at_key=False)
        if not s.phases and event.probability >= 1 and event.at_round in (None, 1) and when is None \
                and any(f.parameter == "protocol.rounds" and f.op == "set" and f.amount <= 0 for f in event.effects):
            c.warn(("events", e, "probability"), "unreachable-phase",
                   f"the talks can never open: event {event.id!r} always fires as the first round opens and sets "
                   "the deadline to 0 rounds (lower its probability, or time it)", at_key=False)


def _never(c: Collector, s: Scenario, e: int, event: Event, tables: list[tuple[int, int, tuple[str, ...]]]) -> None:
    """The ``when`` conditions of event ``e`` that can never hold at any of its ``tables``."""
    when = event.when
    assert when is not None
    base = ("events", e, "when")
    longest = max(rounds for _, rounds, _ in tables)
    if when.round_at_least is not None and when.round_at_least > longest:
        c.warn(base + ("round_at_least",), "event-never-fires",
               f"event {event.id!r} waits for round {when.round_at_least}, but its talks last at most {longest} "
               "rounds", at_key=False)
    if when.walked_away is not None:
        pid = when.walked_away
        last = max(k for k, _, _ in tables)
        if not s.phases:
            c.warn(base + ("walked_away",), "event-never-fires",
                   f"event {event.id!r} waits for {pid!r} to have walked away from an earlier phase, but this "
                   "scenario has no phases: a walk-out ends the game", at_key=False)
        elif not any(pid in ph.parties for ph in s.phases[:last]):
            c.warn(base + ("walked_away",), "event-never-fires",
                   f"event {event.id!r} waits for {pid!r} to have walked away from an earlier phase, but {pid!r} sits "
                   "at no phase before the last one the event may fire in", at_key=False)
    if when.offer_at_least is not None:
        basket_id, option_id, pid = when.offer_at_least
        if pid:
            basket = s.basket(basket_id)
            rungs = [o.id for o in basket.options[basket.option_index(option_id):]]
            lines = s.party(pid).red_lines.get(basket_id, ())
            if all(r in lines for r in rungs):
                c.warn(base + ("offer_at_least",), "event-never-fires",
                       f"event {event.id!r} waits for {pid!r} to offer {option_id!r} or more on {basket_id!r}, but "
                       f"its own red lines forbid {', '.join(map(repr, rungs))}: its AI never offers them, and a deal "
                       "with them never enters into force", at_key=False)
