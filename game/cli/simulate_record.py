"""One game of ``simulate`` as its JSON record (and, through :mod:`game.cli.csv_out`, its CSV row)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.engine.state import State


def phase_round(final: State, index: int) -> tuple[int, bool]:
    """The round phase ``index`` ended in, counted from 1 as the events' rounds, and whether it ended in the
    final response (rule 9). Rule: ``D`` is the phase's deadline, its ``protocol.rounds`` as the game ended
    (after any event that changed it); the engine's round count ``r`` (from 0) at the end gives

    * ``accepted`` or ``walked:PARTY`` with ``r < D``: round ``r + 1``, not a final response;
    * ``accepted`` or ``walked:PARTY`` with ``r ≥ D`` (every round played, then the delegation facing the last
      offer accepted it or walked away): round ``D``, the last one, with ``final_response`` true;
    * ``deadline`` (every round played and no offer standing): round ``D``, ``final_response`` false;
    * ``frozen``: round ``r + 1``, the round whose opening event froze the talks (it may exceed the deadline
      the event set: that is why the talks froze).

    So the round of a phase that was played to its end is never above its deadline."""
    r = final.results[index]
    scenario = final.scenario
    protocol = scenario.phases[index].protocol if scenario.phases else scenario.protocol
    if r.ended_by == "frozen":
        return r.round + 1, False
    if r.round >= protocol.rounds:
        return protocol.rounds, r.ended_by != "deadline"
    return r.round + 1, False


def game_record(final: State, seed: int, names: dict[str, str], side_a: list[str]) -> dict[str, Any]:
    """One game as simulate's JSON gives it. ``distance_to_frontier`` and ``distance_to_expected_frontier``: the
    deal's distance to the Pareto frontier on paper and at expected value (the values the AIs bargained on) of
    the last table as the final state left it — the agreed scope's locked baskets and disputes (rules D2-D3) and
    the events of the talks counted — by the terminal debrief's one definition
    (:func:`game.engine.distance.deal_distances`); 0 for a deal nobody could improve on for both. A quantity is null where it is undefined: without
    a deal, a government's ``entry`` and ``expected_in_force`` (no deal to bring into force); where no pact took
    effect (no deal, or one never in force), ``honoured_by_other``, ``answered`` and ``violations`` (nothing to
    honour, answer or violate). The values of the outcome (``paper``, ``in_force``, ``expected``,
    ``yearly_value``) are the reservation value without a deal, which is what no deal is worth."""
    from game.engine.distance import deal_distances
    from game.engine.result import game_result
    from game.engine.valuation import stakeholder_values
    result = game_result(final)
    s = final.scenario
    phases = []
    for index, r in enumerate(final.results):
        scope = s.phases[index].scope if s.phases else None
        if scope is not None:                  # a definitions phase agrees one rung of its scope ladder
            deal = None if r.agreement is None else {"scope": scope.rungs[r.agreement[0]].id}
        else:
            deal = None if r.agreement is None else {b.id: b.options[r.agreement[i]].id for i, b in enumerate(s.baskets)} | {
                "form": s.forms[r.agreement[-1]].id}
        ended_in, final_response = phase_round(final, index)
        phases.append({"phase": r.phase, "agreement": deal, "round": ended_in, "ended_by": r.ended_by,
                       "final_response": final_response})
    by_party = {p.party: p for p in result.principals}
    took_effect = result.agreement is not None and result.in_force   # else nobody could honour or break a pact
    measured = deal_distances(final)
    distance = None if measured.paper is None else round(measured.paper, 10)
    at_value = None if measured.expected is None else round(measured.expected, 10)
    return {
        "seed": seed, "a": names[side_a[0]], "b": next(v for k, v in names.items() if k not in side_a),
        "phases": phases, "agreement": phases[-1]["agreement"] if phases else None,
        "principals": {p.principal: {"paper": round(p.paper, 10), "in_force": round(p.in_force, 10),
                                     "yearly_value": {"mean": round(p.compliance_mean, 10),
                                                      "p5": round(p.compliance_p5, 10),
                                                      "p95": round(p.compliance_p95, 10)},
                                     # null where no pact took effect (no deal, or one never in force):
                                     # nothing was honoured or broken (research trial: 0.0 read as "broken")
                                     "honoured_by_other": (round(p.honoured_by_other, 10)
                                                           if took_effect and p.honoured_by_other is not None else None),
                                     "answered": round(p.answered, 10) if took_effect and p.answered is not None else None,
                                     "expected": round(p.expected, 10),
                                     # null without a deal: no deal to bring into force (it was the reservation)
                                     "expected_in_force": (round(p.expected_in_force, 10)
                                                           if result.agreement is not None else None),
                                     "entry": round(p.entry_probability, 10) if result.agreement is not None else None,
                                     "reservation": round(p.reservation, 10)} for p in result.principals},
        # the events that fired in the talks (phase, round from 1, id): they explain a no-deal value that is not
        # the file's (researcher trial)
        "events": [{"phase": ph, "round": rnd + 1, "id": eid} for ph, rnd, eid in final.fired],
        # per event of the compliance years (rule 11), the share of the simulated histories it came in; null where
        # no pact took effect (author trial: the year events were in no output)
        "year_events": ({i: round(share, 10) for i, share in final.compliance.happened}
                        if final.compliance is not None else None),
        "stakeholders": {h.id: {"value": round(v, 10), "reservation": round(r, 10)}
                         for h, v, r in stakeholder_values(s, result.agreement)},
        "delegations": {f"{d.phase}/{d.party}": round(d.negotiating_utility, 10) for d in result.delegations},
        "in_force": result.in_force, "intact": round(result.survival, 10), "distance_to_frontier": distance,
        "distance_to_expected_frontier": at_value,
        # null where no pact took effect: there was nothing to violate (research trial 2: 0.0 read as "kept")
        "violations": {"detected": round(result.violations_detected, 10) if took_effect else None,
                       "settled": round(result.violations_settled, 10) if took_effect else None,
                       "undetected": round(result.violations_undetected, 10) if took_effect else None},
    }
