"""Lint checks of who sits at which table and how the talks there are set up (Track 1.5).

* ``track15-binding``: a phase before the last seats an unofficial delegation and is marked
  binding; only the last phase's deal goes home for ratification, and talks among people who
  cannot commit their government bind no one;
* ``unofficial-binding-table``: an unofficial delegation sits at the final, binding table: the
  deal its government is asked to ratify was struck by people who cannot commit it;
* ``final-table-not-binding``: the last table (or the only one) is marked ``binding: false``, but its
  deal is the one that goes home for ratification and is then kept or broken, while its delegations
  valued it on paper as talks that bind nobody (rule 14 of :mod:`game.engine.rules`): phases in the
  wrong order (Track 1.5 last) or a forgotten ``binding: true``;
* ``official-no-reveal-cost``: an official delegation in non-binding talks has ``reveal_cost``
  0, so conceding there costs it nothing and it will not play the hardball real officials play;
* ``track15-like-official``: an unofficial delegation in non-binding talks has the official
  incentives (concession weight 1, no prestige, no noise), so the phase models nothing a Track 1
  meeting would not;
* ``anchoring-without-plan``: a phase anchors (``anchoring`` > 0) on the phase before, which
  publishes nothing, so there is no plan to anchor on and the weight does nothing;
* ``protocol-ignored``: a scenario with phases also has a top-level ``protocol``, which nothing
  reads (each phase has its own);
* ``plan-event-without-plan``: an event raises or lowers a phase's ``anchoring`` (the weight of the
  published plan) but may fire where no plan was published: its text speaks of a plan that need not
  exist, and its effect does nothing; limit it with ``when: {agreed_in: PHASE}``, PHASE the phase
  that publishes the plan;
* ``unreachable-phase``: an event that always fires (probability 1) in a phase sets its deadline
  to 0 rounds at its first round, so the phase never holds talks.

Each warning points at the key to change.
"""

from __future__ import annotations

from game.authoring.warnings import Collector
from game.model.scenario import Delegation, Protocol
from game.scenario.yamlsafe import PathKey


def check_tables(c: Collector) -> None:
    """Add the table warnings of ``c.scenario`` to ``c``."""
    s = c.scenario
    index = {p.id: i for i, p in enumerate(s.parties)}
    tables: list[tuple[str, tuple[str, ...], Protocol, PathKey]] = (
        [(ph.id, ph.parties, ph.protocol, ("phases", k, "protocol")) for k, ph in enumerate(s.phases)]
        or [("talks", tuple(p.id for p in s.parties), s.protocol, ("protocol",))])
    for k, (name, seated, protocol, node) in enumerate(tables):
        unofficial = [pid for pid in seated if s.party(pid).delegation is Delegation.UNOFFICIAL]
        last = k == len(tables) - 1
        if not last and protocol.binding and unofficial:
            c.warn(node + ("binding",), "track15-binding",
                   f"phase {name!r} seats the unofficial delegation {unofficial[0]!r} and is marked binding, but "
                   "only the last phase's deal goes home for ratification: Track 1.5 talks bind no government "
                   "(set binding: false)", at_key=False)
        if last and not protocol.binding:
            c.warn(node + ("binding",), "final-table-not-binding",
                   f"the deal of {name!r}, the last table, is the one that goes home for ratification and is then "
                   "kept or broken, but binding: false has its delegations value it on paper, as talks that bind "
                   "nobody (set binding: true, or end with a binding phase; Track 1.5 talks come first)",
                   at_key=False)
        if last and protocol.binding:
            for pid in unofficial:
                c.warn(("parties", index[pid], "delegation"), "unofficial-binding-table",
                       f"unofficial delegation {pid!r} sits at the final, binding table: its government would be "
                       "asked to ratify a deal struck by people who cannot commit it (seat an official delegation "
                       "there, or add an official phase after this one)", at_key=False)
        if not protocol.binding:
            for pid in seated:
                party = s.party(pid)
                inc = party.incentives
                if party.delegation is Delegation.OFFICIAL and inc.reveal_cost == 0:
                    c.warn(("parties", index[pid], "incentives"), "official-no-reveal-cost",
                           f"official delegation {pid!r} in the non-binding talks of {name!r} pays no reveal cost: "
                           "conceding there costs it nothing, so it would not play the hardball officials play "
                           "before real talks (give incentives.reveal_cost a value above 0)")
                elif party.delegation is Delegation.UNOFFICIAL and inc.concession_weight >= 1 and inc.prestige == 0 \
                        and inc.self_knowledge == 0:
                    c.warn(("parties", index[pid], "incentives"), "track15-like-official",
                           f"unofficial delegation {pid!r} in non-binding phase {name!r} has an official's "
                           "incentives (concession weight 1, no prestige, no noise)")
    if s.phases and ("protocol",) in c.locator.keys:
        c.warn(("protocol",), "protocol-ignored",
               "with phases, each phase's own protocol runs its talks and this one is never read (remove it)")
    for k, phase in enumerate(s.phases):
        if k > 0 and phase.anchoring > 0 and not s.phases[k - 1].publishes:
            c.warn(("phases", k, "anchoring"), "anchoring-without-plan",
                   f"phase {phase.id!r} anchors on the phase before ({s.phases[k - 1].id!r}) with weight "
                   f"{phase.anchoring:g}, but that phase publishes no plan, so there is nothing to anchor on "
                   f"(set publishes: true on {s.phases[k - 1].id!r}, or anchoring: 0)", at_key=False)
        for e, event in enumerate(s.events):
            if (not event.phases or phase.id in event.phases) and k > 0 and s.phases[k - 1].publishes \
                    and any(f.parameter == "phase.anchoring" for f in event.effects) \
                    and (event.when is None or event.when.agreed_in != s.phases[k - 1].id):
                c.warn(("events", e), "plan-event-without-plan",
                       f"event {event.id!r} changes the anchoring of phase {phase.id!r} on the plan of "
                       f"{s.phases[k - 1].id!r}, but may fire when that phase published no plan (add when: "
                       f"{{agreed_in: {s.phases[k - 1].id}}})", at_key=False)
        freezer = next((e for e in s.events if e.probability >= 1 and (not e.phases or phase.id in e.phases)
                        and any(f.parameter == "protocol.rounds" and f.op == "set" and f.amount <= 0
                                for f in e.effects)), None)
        if freezer is not None:
            c.warn(("phases", k), "unreachable-phase",
                   f"phase {phase.id!r} can never hold talks: event {freezer.id!r} always fires at its first round "
                   "and sets its deadline to 0", at_key=False)
