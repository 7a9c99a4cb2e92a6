"""A Track 1.5 delegation's own stake in a package, beside its government's (docs/model.md, Incentives):
what the window's meter draws as its second bar and the terminal prints under a package's worth, and the
debrief's row for a delegation that is not its government's own."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.result import GameResult
from game.engine.state import Delta, State
from game.model.incentives import scalar_negotiating_utility
from game.session.brief import seen_scenario
from game.session.views import value_of


def has_stake(state: State, side: str) -> bool:
    """Whether ``side``'s delegation has a stake of its own to show: it weighs prestige, feels less than all
    it concedes, or the talks are non-binding."""
    inc = state.scenario.party(side).incentives
    return inc.prestige > 0 or inc.concession_weight < 1 or not state.protocol.binding


def delegation_stake(state: State, side: str, outcome: tuple[int, ...]) -> float:
    """What ``outcome`` is worth to ``side``'s delegation itself against no deal (0), from its government's
    expected value as the delegation sees it (:func:`game.session.views.value_of`)."""
    assert state.tables is not None
    party = state.scenario.party(side)
    return scalar_negotiating_utility(value_of(state, side, outcome), party.reservation, party.incentives,
                                      state.protocol.binding, state.tables.of(side).best)


def stake_words(stake: float) -> str:
    """"Your delegation: +0.356 vs no deal", the words the window's meter and the terminal share for a
    :func:`delegation_stake`."""
    return f"Your delegation: {stake:+.3f} vs no deal"


def reveal_words(state: State, side: str, outcome: tuple[int, ...]) -> str:
    """Why a :func:`delegation_stake` is what it is, in one sentence, when the reveal cost counts in it (an
    official at a non-binding table, docs/model.md, Incentives), "" otherwise; in the debrief's words for the
    same term (:func:`game.session.felt.felt_terms`). Said the first time such a figure shows, by the terminal
    and the window alike (newcomer trial, track15_trap as the Russian minister: "Your delegation: -0.982 vs no
    deal" was explained only in the final debrief)."""
    if state.tables is None or state.protocol.binding or side not in state.phase_def.parties:
        return ""
    party = state.scenario.party(side)
    inc = party.incentives
    value, best = value_of(state, side, outcome), state.tables.of(side).best
    reveal = inc.reveal_cost * (best - value)
    if reveal <= 0.0005:
        return ""
    stake = delegation_stake(state, side, outcome)
    over = inc.concession_weight * (value - party.reservation)
    prestige = f" + {inc.prestige:.3f} for coming home with a deal" if inc.prestige else ""
    return (f"Your delegation's {stake:+.3f} is {over:.3f} over no deal{prestige} - {reveal:.3f} for conceding below its best in "
            f"non-binding talks (the reveal cost: {inc.reveal_cost:.2f} × the {best - value:.3f} this package gives "
            "up below your best, shown before the real talks).")


@dataclass(frozen=True)
class DelegationRow:
    """A delegation that is not its government's own (the experts of a Track 1.5 table), as the debrief lists
    it beside the governments: what the talks were worth to it, and what its government got in the end."""

    party: str
    felt: float            # its own value (N), what it felt it won
    government: str        # its principal's id
    gave: float            # what its government got: the official deal's expected value, else its no-deal value


def delegation_rows(state: State, result: GameResult) -> list[DelegationRow]:
    """The delegations that reached a value and speak for a government whose own party is another (each
    once, at its last table), for the debrief's table beside the governments' rows."""
    principals = {p.principal: p for p in result.principals}
    governing = {p.party for p in result.principals}
    rows: dict[str, DelegationRow] = {}
    for d in result.delegations:
        principal = state.scenario.party(d.party).principal
        home = principals.get(principal)
        if d.party in governing or home is None:
            continue
        gave = home.expected if result.agreement is not None and result.in_force else home.reservation
        rows[d.party] = DelegationRow(d.party, d.negotiating_utility, principal, gave)
    return list(rows.values())


def no_deal_seen(state: State, result: GameResult, side: str) -> tuple[float, float] | None:
    """``(as the player saw it, the truth)``: their government's no-deal value as their brief and drafts gave
    it, and as the debrief reveals it, when the two differ (an unofficial delegation's reading, or one unsure
    of its government's values); None when they agree."""
    principal = state.scenario.party(side).principal
    home = next((p for p in result.principals if p.principal == principal), None)
    if home is None:
        return None
    seen = seen_scenario(state, side).party(side).reservation
    return None if f"{seen:.3f}" == f"{home.reservation:.3f}" else (seen, home.reservation)


def no_deal_moves(state: State, party: str) -> tuple[Delta, ...]:
    """Every change the talks made to ``party``'s no-deal value (an event's, a phase's), in order."""
    return tuple(d for d in state.deltas if d.parameter == f"{party}.reservation")


def no_deal_move_words(state: State, delta: Delta) -> str:
    """One change to a no-deal value told as its cause's: "an event at 'Official talks' raised it to 0.55:
    "A hack-and-leak operation is traced to a state agency."", or "'Official talks' lowered it to 0.40"."""
    s = state.scenario
    where = f"'{s.phases[delta.phase].name}'" if delta.phase < len(s.phases) else "the talks"
    how = "raised" if delta.after > delta.before else "lowered"
    event = next((e for e in s.events if e.id == delta.source), None)
    if event is not None:
        return f'an event at {where} {how} it to {delta.after:.2f}: "{event.text}"'
    return f"{where} {how} it to {delta.after:.2f}"


def no_deal_seen_words(state: State, result: GameResult, side: str) -> str:
    """:func:`no_deal_seen` in one sentence for every front-end's debrief ("" when the two agree). The two
    causes are told apart: the brief's reading against the true value when the talks began (the
    delegation's own view), then each change the talks made (an event's is the event's, not a misreading)."""
    seen = no_deal_seen(state, result, side)
    if seen is None:
        return ""
    principal = state.scenario.party(side).principal
    governing = next(p.party for p in result.principals if p.principal == principal)
    moves = no_deal_moves(state, governing)
    start = moves[0].before if moves else seen[1]
    if f"{seen[0]:.3f}" == f"{start:.3f}":
        head = f"Your brief gave your government's no deal as {seen[0]:.2f}, its true value when the talks began"
    else:
        head = (f"Your brief gave your government's no deal as {seen[0]:.2f}, as you saw it; its true value when "
                f"the talks began was {start:.2f}")
    text = "; ".join([head, *(no_deal_move_words(state, d) for d in moves)])
    return text if text.endswith(('."', '!"', '?"')) else text + "."
