"""Text views of a game for the terminal: brief, table, offers, events, debrief."""

from __future__ import annotations

from game.analytics.analysis import frontier_solutions
from game.engine.actions import Offer
from game.engine.result import GameResult
from game.engine.state import State
from game.model.scenario import Scenario
from game.engine.valuation import TIMING
from game.session.brief import PRIORITIES_ORDER, brief_facts
from game.session.best_deal import best_deal_words
from game.session.diagnosis import TracePoint, table_endings, what_happened, why_refused
from game.session.effects import agreed_form, year_cards, year_event_shares
from game.session.handoff import closing_sentence
from game.session.names import (TIMING_WORDS, capitalised, delay_cost, frozen_after, government_of, phase_name, possessive,
                                principal_name, says, verdicts)
from game.session.stake import delegation_rows, delegation_stake, has_stake, no_deal_seen_words, stake_words
from game.session.locked import locked_why
from game.session.stakeholders import standing_words, standings
from game.session.worth import above_paper
from game.session.felt import FELT_HEADING, felt_line, felt_shown, felt_terms
from game.session.views import (
    crossed,
    deal_distances,
    deal_value,
    delay_line,
    expected_nash,
    final_problem,
    measures_shown,
    message_text,
    paper_of,
    value_of,
    worth_of,
)
from game.words import count

RULE = "-" * 72


def brief(scenario: Scenario, side: str) -> str:
    """The confidential brief of one delegation: nothing of the other side's values."""
    f = brief_facts(scenario, side)
    lines = [f"=== CONFIDENTIAL BRIEF: {f.delegation} ===", f"{f.title} ({f.year})", f.summary, "",
             f"You speak for: {f.principal} ({f.kind} delegation)",
             f"Across the table: {', '.join(f.across)}", "",
             f"Your government's priorities, {PRIORITIES_ORDER} ({f.terms_note()}):"]
    for p in f.priorities:
        lines.append(f"  {p.weight:>4.0%}  {p.number:>2}. {p.basket:<42} best on paper: {p.best}")
    lines.append(f"  {f.form_line()}")
    lines.append("Red lines (your government can never accept): " + ("; ".join(f.red_lines) if f.red_lines else "none"))
    if f.definitions:                                   # a definitions phase (game.engine.scope)
        lines.append(f"No agreed definition is worth {f.reservation:.2f} to your government: the default scope "
                     "applies (0 = worst, 1 = best). The terms need nobody's approval at home.")
    else:
        lines.append(f"No deal is worth {f.reservation:.2f} to your government (0 = worst deal, 1 = best).")
        lines.append(f.home_bar(f"{f.threshold:.2f}") + " Each draft shows that figure and the chance.")
    for table in f.scopes:                              # the definitions tables it sits at
        lines += ["", f"{table.intro()}:"]
        lines += [f"  {table.rung_line(r, f'{r.value:.2f}')}" for r in table.rungs]
    if f.stakes is not None:
        kappa, prestige, noise = f.stakes
        lines += ["", "Your delegation's own stakes (Track 1.5):",
                  f"  You feel only {kappa:.0%} of what you concede: you will never have to honour it.",
                  f"  Coming home with any deal is worth {prestige:.2f} to your standing."]
        if noise > 0:
            lines += [f"  You are not sure of your government's real values (noise +/- {noise:.2f}): this brief",
                      "  and your drafts show them as you see them."]
    if f.reveal_line():                                 # an official at a non-binding table: the reveal cost
        lines += ["", f.reveal_line()]
    return "\n".join(lines)


def outcome_lines(scenario: Scenario, outcome: tuple[int, ...], locks: tuple[int, ...] = ()) -> list[str]:
    lines = []
    for i, basket in enumerate(scenario.baskets):
        lock = f" [locked: {locked_why(scenario, i)}]" if locks and locks[i] >= 0 else ""
        lines.append(f"  {i + 1:>2}. {basket.name:<42} {outcome[i] + 1}. {basket.options[outcome[i]].label}{lock}")
    form = scenario.forms[outcome[-1]]
    lines.append(f"   f. {'Agreement form':<42} {outcome[-1] + 1}. {form.label}")
    return lines


def worth(state: State, party: str, outcome: tuple[int, ...]) -> str:
    """'Worth X to your government' with a reminder when the delegation's view is uncertain, and a Track 1.5
    delegation's own stake (the window meter's second bar); in binding talks (and for a delegation that knows
    its government's values) also what the deal is expected to be worth once in force, the figure the bodies
    at home judge it by (rule 10), and the chance that the player's government approves, then that both
    capitals do (the debrief's chance at home is the first, so the two figures are named apart)."""
    unsure = state.scenario.party(party).incentives.self_knowledge > 0
    scale = state.phase_def.scope is not None            # a definitions table: the ladder's own scale (rule D1)
    text = (f"Worth {worth_of(state, party, outcome)}{',' if state.protocol.binding else ''} "
            f"to your government{' (as you see it)' if unsure else ''}"
            + (f" (no agreed definition, the default: {state.scenario.party(party).reservation:.3f}; on the "
               "ladder's own scale, 1 = the definition best for it, 0 = the worst)." if scale else
               f" (no deal: {state.scenario.party(party).reservation:.3f})."))
    if state.protocol.binding:                          # a figure that looks wrong, explained where it shows
        note = above_paper(value_of(state, party, outcome), paper_of(state, party, outcome),
                           state.scenario.party(party).reservation)
        text += f" {note}" if note else ""
    if party in state.phase_def.parties and has_stake(state, party):
        text += f" {stake_words(delegation_stake(state, party, outcome))}."
    if unsure or not state.protocol.binding or party not in state.phase_def.parties or crossed(state, party, outcome):
        return text
    value = deal_value(state, outcome)
    k = state.phase_def.parties.index(party)
    home = government_of(state.scenario, party, article=True)
    yes = verdicts(state.scenario, outcome).yes              # "signs" a joint statement nobody votes on
    return text + (f" Once in force {value.in_force[k]:.3f}; {home} {yes} it with a chance of "
                   f"{value.principal_entry(k):.0%}, and both capitals with a chance of {value.entry:.0%}.")


def locked(state: State, basket: int) -> str:
    """"<basket> at '<option>'": a locked basket and the option it is locked at."""
    b = state.scenario.baskets[basket]
    return f"{b.name} at '{b.options[state.locks[basket]].label}'"


def offer_text(state: State, offer: Offer, viewer: str) -> str:
    name = state.scenario.party(offer.party).name
    lines = [says(name, "offers:", "offer:")] + outcome_lines(state.scenario, offer.outcome, state.locks)
    if offer.message is not None:
        lines.append(f'  "{message_text(state.scenario, offer.message)}"')
    lines.append("  " + worth(state, viewer, offer.outcome))
    bad = crossed(state, viewer, offer.outcome)
    if bad:
        lines.append(f"  It crosses your red line on: {', '.join(bad)}.")
    return "\n".join(lines)


def status(state: State) -> str:
    """The round's heading, with the deadline's pressure: rounds left and what a round of delay costs."""
    phase = state.phase_def
    left = max(0, phase.protocol.rounds - state.round)
    cost = delay_cost(phase.protocol.discount)
    if phase.protocol.rounds <= state.round:           # an event froze the talks (rule 2)
        return f"{RULE}\n{phase.name} | {frozen_after(state.round)}\n{RULE}"
    return (f"{RULE}\n{phase.name} | round {min(state.round + 1, phase.protocol.rounds)} of {phase.protocol.rounds}"
            f" | {f'{left} rounds left' if left > 1 else 'last round'}"
            f"{f' | {cost}' if cost else ''}"
            f" | {'binding' if phase.protocol.binding else 'non-binding'} talks"
            f"{' | lanes open' if phase.protocol.lanes else ''}\n{RULE}")


def debrief(state: State, result: GameResult, side: str, trace: tuple[TracePoint, ...] = ()) -> str:
    """How each table ended, "What happened" (the window's paragraph, from ``trace``: the game's offers),
    entry into force, compliance, the deal against the frontier, both sides revealed."""
    s = state.scenario
    lines = [RULE, "DEBRIEF", RULE]
    lines += table_endings(state, side)                   # how each table ended (the window's and page's words too)
    said = " ".join(what_happened(state, result, side, trace))   # one paragraph: echo() wraps it to the terminal
    if said:
        lines += ["", f"What happened: {said}", ""]
    if result.agreement is None:
        lines.append("No agreement: each government keeps its alternative.")
        last = state.results[-1] if state.results else None
        theirs = next((a for a in reversed(state.history) if isinstance(a, Offer) and a.party != side
                       and side in state.phase_def.parties and a.party in state.phase_def.parties), None)
        if last is not None and last.ended_by == f"walked:{side}" and theirs is not None and state.tables is not None:
            worth = value_of(state, side, theirs.outcome)
            lines.append(f"You walked away from their last offer, worth {worth:.3f} expected to your government "
                         f"against {s.party(side).reservation:.3f} with no deal: walking away "
                         f"{'cost it' if worth > s.party(side).reservation else 'spared it'} "
                         f"{abs(worth - s.party(side).reservation):.3f}.")
    else:
        lines.append("The agreement:")
        lines += outcome_lines(s, result.agreement)
        delay = delay_line(state)
        if delay:
            lines.append(delay)
        lines.append("Entry into force: " + ", ".join(f"{principal_name(p.principal)} {p.entry_probability:.0%}"
                                                      for p in result.principals)
                     + f" → {'it entered into force' if result.in_force else 'it did not enter into force'}")
        for p in result.principals:
            if len(p.veto_players) > 1:
                lines.append(f"  {principal_name(p.principal)} needs " + ", ".join(
                    f"{'its government as one body' if name == p.principal else name} ({chance:.0%})"
                    for name, chance in p.veto_players))
        named = {principal for principal, _ in state.refused}
        refused = [f"{principal_name(principal)} (its government as one body)" if name == principal
                   else f"{name} ({principal_name(principal)})" for principal, name in state.refused if name != TIMING]
        refused += [f"{principal_name(principal)} (its government as one body)" for principal, ok in (state.entered or ())
                    if not ok and principal not in named]
        held = [principal_name(principal) for principal, name in state.refused if name == TIMING]
        if refused:
            lines.append(f"  {verdicts(s, result.agreement).refused_by}: " + ", ".join(refused))
        if held:                               # rule 10's acceptance: a chance whatever the deal, no vote on it
            lines.append(f"  {TIMING_WORDS.refused_by} the timing (an event of these talks): " + ", ".join(held))
        if refused or held:
            why = why_refused(state, result)
            if why and why not in said:                # said once: "What happened" gives it already
                lines.append(f"  {why}")
        for p in result.principals:
            bad = crossed(state, p.party, result.agreement)
            if bad:
                lines.append(f"  The deal crosses {possessive(principal_name(p.principal, article=True))} red line on "
                             f"{', '.join(bad)}: it can never be ratified there.")
        if state.compliance is not None:
            c = state.compliance
            lines.append(f"Compliance over {count(c.years, 'year')} ({count(c.simulations, 'simulated history', 'simulated histories')}): the pact stays "
                         f"intact in {c.intact:.0%}; violations detected {sum(c.detected):.1f} (settled in the "
                         f"consultation channel {sum(c.settled):.1f}), undetected {sum(c.undetected):.1f} on average")
            shares = year_event_shares(s, c.happened)
            if shares:
                lines.append(f"  Events of the compliance years, over every simulated history: {shares}.")
            for year, card in year_cards(s, c.year_events, c.year_deltas, agreed_form(s, result.agreement)):  # rule 11
                detail = "; ".join(line.text for line in card.lines)
                lines.append(f"  Year {year} of one simulated history: {card.title}" + (f" ({detail})" if detail else ""))
    delegations = delegation_rows(state, result)        # the experts of a Track 1.5 table beside the governments
    names = {party: s.party(party).name + (" (you)" if party == side else "")
             for party in [p.party for p in result.principals] + [row.party for row in delegations]}
    width = max(len(n) for n in names.values()) + 2
    dealt = result.agreement is not None
    lines += ["", f"{'':<{width}}{'no deal':>8}" + (f"{'on paper':>10}{'expected':>10}{'as kept (5-95%)':>22}"
                                                  if dealt else "")]
    for p in result.principals:
        band = (f"{p.compliance_mean:.3f} ({p.compliance_p5:.2f}-{p.compliance_p95:.2f})" if result.in_force
                else "not in force")
        lines.append(f"{names[p.party]:<{width}}{p.reservation:>8.3f}"
                     + (f"{p.paper:>10.3f}{p.expected:>10.3f}{band:>22}" if dealt else ""))
    for row in delegations:                 # a sentence below the table, not a row under its "no deal" column
        lines.append(f"{names[row.party]}: worth {row.felt:+.3f} to itself; its government, "
                     f"{principal_name(row.government, article=True)}, got {row.gave:.3f}.")
    seen = no_deal_seen_words(state, result, side)
    if seen:
        lines.append(seen)
    for standing in standings(state, result):             # one rule: a deal not in force touches no one
        lines.append(f"{standing.holder.name} (not at the table): {standing_words(standing)}.")
    trap = closing_sentence(state, result)                 # the Track 1.5 trap in one sentence (issue 13, item 14)
    if trap:
        lines += ["", trap]                                # one paragraph: echo() wraps it to the terminal
    if state.compliance is not None:
        for p in result.principals:
            own = ("it was never accused and answered" if (p.answered or 0.0) < 0.05 else
                   f"it was accused and answered {p.answered:.1f} times on average (caught violations and "
                   "unfounded accusations)")
            lines.append(f"{capitalised(government_of(s, p.party, article=True))}{' (you)' if p.party == side else ''}: "
                         f"honoured by the other side in {p.honoured_by_other:.0%} of the histories; {own}")
    lines.append("")
    for label, meaning in measures_shown(state, result):
        lines.append(f"  {label.capitalize()}: {meaning}.")   # echo() wraps it, hanging, to the terminal's width
    if dealt and state.tables is not None:
        problem = final_problem(state)
        sol = frontier_solutions(problem)
        paper = deal_distances(state).paper                 # one definition with simulate's distance_to_frontier
        dist = paper if paper is not None else float("nan")
        lines.append(f"Distance of your deal to the Pareto frontier: {dist:.3f} (0: no other deal was better on paper for "
                     "both governments; more: both could have had more)")
        lines.append("Two fair benchmarks, on paper (Nash: the deal that maximises the product of both gains over no "
                     "deal; Kalai-Smorodinsky: the one giving each the same share of the most it could get):")
        for title, point in (("Nash deal", sol.nash), ("Kalai-Smorodinsky deal", sol.kalai_smorodinsky)):
            if point is not None:
                lines.append(f"{title}: " + ", ".join(f"{government_of(s, pid)} {point.utilities[i]:.3f}"
                                                      for i, pid in enumerate(problem.party_ids)))
        nash_v = expected_nash(state)
        if nash_v is not None:
            lines.append("Nash deal on expected values (what the deals are really worth): " + ", ".join(
                f"{government_of(s, pid)} {nash_v[1][i]:.3f}" for i, pid in enumerate(problem.party_ids)) + "; its terms:")
            lines += outcome_lines(s, nash_v[0])
        told, best = best_deal_words(state, result, side)
        if told:
            lines.append(told + (":" if best is not None else ""))
            lines += outcome_lines(s, best) if best is not None else []

    felt = felt_shown(state, result)
    if felt:
        lines += ["", f"{FELT_HEADING}:"]
        for d in felt:
            terms = felt_terms(d.parts)
            lines.append(f"  {phase_name(s, d.phase)}, {s.party(d.party).name}: felt {d.negotiating_utility:+.3f}"
                         + (f" = {terms}" if terms else "")
                         + f"; {felt_line(state, result, d)}")
    return "\n".join(lines)
