"""``lint``: warnings beyond validity, each at ``path:line:col``.

A file can be valid and still make a poor game. The checks:

* ``no-zopa``: no package beats no deal for every side at the binding table;
* ``dominated-option``: a rung (other than the first, "no commitment") that every party values
  less than one same other rung of the basket, so no one would choose it (one warning per basket);
* ``red-lines-leave-nothing``: a party's red lines leave it no package worth more than no deal;
* ``weights-sum``: a party's basket weights do not add up to 1 (they are rescaled, but the
  file says something its author probably did not mean);
* ``event-never-fires``: an event with probability 0, or limited to phases that never hold a
  round;
* ``track15-like-official``: a non-binding phase seats an unofficial delegation whose
  incentives are the official ones (concession weight 1, no prestige, no noise), so the phase
  models nothing a Track 1 meeting would not;
* ``unreachable-phase``: a phase whose talks can never open: an event that always fires
  (probability 1) in it sets its deadline to 0 rounds;
* ``mixed-personas``: the delegations default to different AI personas (``strategy``, or the
  default persona where none is named). Every persona maximises the same negotiating utility,
  but they bid and accept differently, so a comparison between delegations (the Track 1.5
  trap's experts against the officials, say) would then measure the personas, not the
  incentives the file encodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.analytics.analysis import analyze
from game.errors import Problem
from game.model.scenario import Delegation, Scenario
from game.model.utility import bargaining_problem
from game.scenario.loader import load_located
from game.scenario.yamlsafe import Locator, PathKey
from game.strategies.registry import DEFAULT


@dataclass(frozen=True, slots=True)
class Warning_(Problem):
    """A :class:`Problem` that does not stop the file from loading, with the check's code."""

    code: str = ""


def lint_file(path: Path) -> list[Warning_]:
    """Every warning for one valid scenario file (ScenarioError when it is not valid)."""
    scenario, locator = load_located(path)
    return sorted(lint(scenario, locator), key=lambda w: (w.line, w.col, w.code))


def lint(scenario: Scenario, locator: Locator) -> list[Warning_]:
    out: list[Warning_] = []

    def warn(node: PathKey, code: str, message: str, at_key: bool = True) -> None:
        line, col = locator.find(node, at_key)
        out.append(Warning_(scenario.path, line, col, f"warning [{code}]: {message}", code))

    party_index = {p.id: i for i, p in enumerate(scenario.parties)}
    problem = bargaining_problem(scenario)
    if not analyze(problem).solutions.zopa:
        first = party_index[problem.party_ids[0]]
        warn(("parties", first, "reservation"), "no-zopa",
             "no package beats no deal for every side at the binding table: every game ends without a deal")
    for b, basket in enumerate(scenario.baskets):
        values = np.array([[p.values[basket.id][o.id] for p in scenario.parties] for o in basket.options])
        dominated = []                 # rungs above the first that another rung beats for every party
        for j in range(1, len(basket.options)):
            better = [k for k in range(len(basket.options)) if k != j and np.all(values[k] > values[j])]
            if better:
                dominated.append(f"{basket.options[j].id!r} (by {basket.options[better[0]].id!r})")
        if dominated:
            warn(("baskets", b, "options"), "dominated-option",
                 f"basket {basket.id!r}: every party prefers another option to {', '.join(dominated)}; no one "
                 "would choose them")
    for i, party in enumerate(scenario.parties):
        total = sum(party.weights.values())
        if abs(total - 1.0) > 1e-6:
            warn(("parties", i, "weights"), "weights-sum",
                 f"the weights of {party.id!r} add up to {total:.3f}, not 1 (they are rescaled to 1)")
        if any(party.red_lines.values()):
            own = bargaining_problem(scenario, [party])       # additive: the best allowed option per issue
            best = sum(float(t[ok, 0].max()) if ok.any() else -np.inf for t, ok in zip(own.tables, own.allowed))
            if best <= party.reservation:
                warn(("parties", i, "red_lines"), "red-lines-leave-nothing",
                     f"the red lines of {party.id!r} leave it no package worth more than no deal "
                     f"({party.reservation:.2f})")
    personas = [p.strategy or DEFAULT for p in scenario.parties]
    if len(set(personas)) > 1:
        odd = next(i for i, name in enumerate(personas) if name != personas[0])
        where = ("parties", odd, "strategy") if scenario.parties[odd].strategy else ("parties", odd)
        warn(where, "mixed-personas",
             f"delegations default to different AI personas ({', '.join(sorted(set(personas)))}): comparisons "
             "between them would measure the personas, not the incentives", at_key=bool(scenario.parties[odd].strategy))
    rounds = {ph.id: ph.protocol.rounds for ph in scenario.phases}
    for e, event in enumerate(scenario.events):
        if event.probability <= 0:
            warn(("events", e, "probability"), "event-never-fires", f"event {event.id!r} has probability 0")
        elif event.phases and all(rounds.get(ph, 0) == 0 for ph in event.phases):
            warn(("events", e, "phases"), "event-never-fires",
                 f"event {event.id!r} is limited to phases that never hold a round")
        elif event.at_round is not None:
            longest = max([rounds.get(ph, 0) for ph in event.phases or rounds] or [scenario.protocol.rounds])
            if event.at_round > longest:
                warn(("events", e, "at_round"), "event-never-fires",
                     f"event {event.id!r} is due in round {event.at_round}, but its talks last {longest} rounds")
    for k, phase in enumerate(scenario.phases):
        freezer = next((e for e in scenario.events if e.probability >= 1 and (not e.phases or phase.id in e.phases)
                        and any(f.parameter == "protocol.rounds" and f.op == "set" and f.amount <= 0
                                for f in e.effects)), None)
        if freezer is not None:
            warn(("phases", k), "unreachable-phase",
                 f"phase {phase.id!r} can never hold talks: event {freezer.id!r} always fires at its first round "
                 "and sets its deadline to 0", at_key=False)
        if not phase.protocol.binding:
            for pid in phase.parties:
                p = scenario.party(pid)
                inc = p.incentives
                if p.delegation is Delegation.UNOFFICIAL and inc.concession_weight >= 1 and inc.prestige == 0 \
                        and inc.self_knowledge == 0:
                    warn(("parties", party_index[pid], "incentives"), "track15-like-official",
                         f"unofficial delegation {pid!r} in non-binding phase {phase.id!r} has an official's "
                         "incentives (concession weight 1, no prestige, no noise)")
    return out
