"""What a front-end shows, as plain facts: a package's worth, the talks and the debrief in words (the
confidential brief is :mod:`game.session.brief`).

The terminal (:mod:`game.cli.render`) and the window (:mod:`game.ui`) format
these; neither computes them itself.
"""

from __future__ import annotations

from collections.abc import Sequence


import numpy as np

from game.engine.actions import Message, MessageKind, Walk
from game.engine.valuation import DealValue, entry_table, value_deal
from game.engine.result import GameResult
from game.engine.nash import final_problem as final_problem   # the debriefs' problem, stated here too
from game.engine.distance import deal_distances as deal_distances   # the debrief's and simulate's distances
from game.engine.state import State
from game.model.scenario import Scenario
from game.session.names import (VOTE, Verdicts, anchoring, capitalised, frozen_after, phase_name, principal_name, says,
                                verdicts)


def expected_nash(state: State) -> tuple[tuple[int, ...], tuple[float, float]] | None:
    """The Nash deal of the expected-value problem at the last table (docs/model.md, rule 7): the outcome
    crossing no red line that maximises ``(V_a - r_a)(V_b - r_b)`` over outcomes both prefer to no deal,
    and its expected values; None when there is none. Ties go to the lowest outcome index."""
    assert state.tables is not None
    problem = state.tables.problem
    a, b = (state.tables.of(pid) for pid in problem.party_ids)
    r = [state.scenario.party(pid).reservation for pid in problem.party_ids]
    if state.tables.searched:          # too many outcomes to value them all: the two sides' candidates
        pool = np.union1d(a.order, b.order)
        gain_a, gain_b = a.expected[pool] - r[0], b.expected[pool] - r[1]
        ok = a.ok[pool] & b.ok[pool] & (gain_a > 0) & (gain_b > 0)
        if not ok.any():
            return None
        best = int(pool[int(np.argmax(np.where(ok, gain_a * gain_b, -1.0)))])
        return problem.outcome_at(best), (float(a.expected[best]), float(b.expected[best]))
    gain_a, gain_b = a.expected - r[0], b.expected - r[1]
    ok = a.ok & b.ok & (gain_a > 0) & (gain_b > 0)
    if not ok.any():
        return None
    best = int(np.argmax(np.where(ok, gain_a * gain_b, -1.0)))
    return problem.outcome_at(best), (float(a.expected[best]), float(b.expected[best]))


def measures(simulations: int = 0) -> tuple[tuple[str, str], ...]:
    """What each value in a debrief measures, in plain words: (label, meaning), in the order shown
    (``simulations``: how many compliance histories were simulated, 0 if none)."""
    histories = f"{simulations:,} simulated histories" if simulations else "the simulated histories"
    return (
        ("no deal", "what the government keeps without an agreement, as the events of these talks left it"),
        ("on paper", "what the agreed text is worth to it if every pledge is kept"),
        ("expected", "what the deal was worth before the votes: the chance that it enters into force times "
                     "what it is expected to be worth each year once it takes effect (trust, detection, the other side's "
                     "likely breaches, the responses and revocation counted), plus the rest of the chance times "
                     "no deal; the AI bargains on this"),
        ("as kept", f"once the deal takes effect, its average yearly value over {histories} of compliance, "
                    "violations and responses included, and the gains of the government's own violations "
                    "(5-95%: the middle nine in ten histories); no deal's value if it never took effect"),
        ("honoured by the other side", "the share of histories in which the other side never broke the pact, "
                                       "seen or unseen"),
        ("answered", "how many times, on average, this government was accused in public and the other side answered: its violations that were caught and not settled, and unfounded accusations against it"),
        ("intact", "the share of histories in which no accusation, founded or not, was ever answered"),
    )


def delay_line(state: State) -> str:
    """Where the deadline's pressure went (docs/model.md, Rules): a deal struck in round ``r + 1`` is worth
    ``discount ** r`` of itself to each delegation's own stake, while its government's values are not
    discounted; "" when it was struck in the first round or delay costs nothing."""
    binding = state.binding_result
    phase = next((p for p in (state.scenario.phases or (state.phase_def,)) if p.protocol.binding), state.phase_def)
    if binding is None or binding.agreement is None or binding.round == 0 or phase.protocol.discount >= 1:
        return ""
    kept = phase.protocol.discount ** binding.round
    return (f"Struck in round {binding.round + 1}: by then delay had cost each delegation {1 - kept:.0%} of its own "
            f"stake in the deal; the governments' values below are not discounted.")


def measures_shown(state: State, result: GameResult) -> tuple[tuple[str, str], ...]:
    """The :func:`measures` a debrief of ``result`` shows: no deal's alone without a deal; without the
    compliance years (a deal that never took effect) not the ones about them (honoured, answered, intact)."""
    every = measures(state.compliance.simulations if state.compliance is not None else 0)
    return every if state.compliance is not None else every[:4] if result.agreement is not None else every[:1]


def value_of(state: State, party: str, outcome: tuple[int, ...]) -> float:
    """The *expected* value to ``party``'s government of ``outcome`` as the delegation perceives it
    (docs/model.md, rule 7; the true value for a delegation without noise; the debrief reveals the truth)."""
    assert state.tables is not None
    return float(state.tables.of(party).perceived[state.tables.problem.index_of(outcome)])


def paper_of(state: State, party: str, outcome: tuple[int, ...]) -> float:
    """The value on paper (every pledge kept) to ``party``'s government, as the delegation perceives it."""
    assert state.tables is not None
    return float(state.tables.of(party).paper_seen[state.tables.problem.index_of(outcome)])


def valued(expected: float, paper: float, binding: bool) -> str:
    """A package's worth to a government in words, the one wording both front-ends use: "0.648 expected,
    0.873 on paper" at a binding table; at a non-binding one only "0.873 on paper (nothing binds at this
    table)": there every delegation values an outcome by its terms (docs/model.md, rule 14)."""
    return f"{expected:.3f} expected, {paper:.3f} on paper" if binding else \
        f"{paper:.3f} on paper (nothing binds at this table)"


def worth_of(state: State, party: str, outcome: tuple[int, ...]) -> str:
    """:func:`valued` for ``outcome`` to ``party``'s government, as its delegation perceives it, at the
    table being played."""
    return valued(value_of(state, party, outcome), paper_of(state, party, outcome), state.protocol.binding)


_DEALS: dict[tuple[int, tuple[str, ...], tuple[int, ...]], tuple[Scenario, DealValue]] = {}


def deal_value(state: State, outcome: tuple[int, ...]) -> DealValue:
    """The valuation of ``outcome`` between the delegations at the table (each veto player's chance).

    Memoised on the (immutable) live scenario object, the seats and the outcome: a screen asks for
    the same few packages at every refresh (their offer, the draft), and a valuation costs a few ms."""
    seats = state.phase_def.parties
    key = (id(state.scenario), tuple(seats), tuple(outcome))
    hit = _DEALS.get(key)
    if hit is not None and hit[0] is state.scenario:
        return hit[1]
    parties = (state.scenario.party(seats[0]), state.scenario.party(seats[1]))
    allowed = (not crossed(state, seats[0], outcome), not crossed(state, seats[1], outcome))
    value = value_deal(state.scenario, parties, outcome, allowed)
    if len(_DEALS) >= 64:
        _DEALS.pop(next(iter(_DEALS)), None)
    _DEALS[key] = (state.scenario, value)
    return value


def home_odds(state: State, party: str, outcome: tuple[int, ...]) -> float:
    """The chance that ``party``'s government brings ``outcome`` into force (0 across one of its red
    lines): every veto player's entry rule at the deal's expected value in force."""
    if crossed(state, party, outcome):
        return 0.0
    return deal_value(state, outcome).principal_entry(state.phase_def.parties.index(party))


def home_chance(state: State, party: str, outcome: tuple[int, ...]) -> float:
    """:func:`home_odds`, read from the table's own valuation when it holds one: in binding talks with
    exact tables every package's expected value in force ``E`` is already there, so only the entry
    rule is left to apply (microseconds, where :func:`deal_value` values the deal afresh, ~30 ms)."""
    tables = state.tables
    if crossed(state, party, outcome):
        return 0.0
    if tables is None or tables.searched or not state.protocol.binding:
        return home_odds(state, party, outcome)
    seats = state.phase_def.parties
    index = tables.problem.index_of(outcome)
    side = seats.index(party)
    e = float(tables.of(party).in_force[index])
    entry = entry_table(state.scenario, (state.scenario.party(seats[0]), state.scenario.party(seats[1])))
    form = outcome[-1]
    z = entry.logit[form, side] + entry.slope[form, side] * (e - entry.threshold[side])
    return float(np.prod(1 / (1 + np.exp(-z))))


def crossed(state: State | Scenario, party: str, outcome: tuple[int, ...]) -> list[str]:
    """Names of the baskets where ``outcome`` (over the baskets of ``state``'s scenario) crosses one of ``party``'s red lines."""
    s = state if isinstance(state, Scenario) else state.scenario
    return [b.name for i, b in enumerate(s.baskets) if b.options[outcome[i]].id in s.party(party).red_lines.get(b.id, ())]


def ending(scenario: Scenario, ended_by: str, viewer: str = "", played: int | None = None, ai: bool = False) -> str:
    """How a phase ended, in words: "agreement", "no deal (the deadline passed)", "no deal (Russian
    delegation (Foreign Ministry) walked away)", or to ``viewer`` who walked, "no deal (you walked away)"
    ("the AI in your seat walked away" with ``ai``: the seat was handed to the AI before it walked);
    talks frozen after ``played`` rounds (when given): "no deal (the talks were frozen after round 1)"."""
    if ended_by.startswith(("walked:", "let_end:")):
        kind, walker = ended_by.split(":", 1)
        who = ("the AI in your seat" if ai else "you") if walker == viewer else scenario.party(walker).name
        return f"no deal ({who} walked away)" if kind == "walked" else \
            f"no deal ({who} let the talks end after the instructor ended them)"
    if ended_by == "frozen" and played is not None:
        return f"no deal ({frozen_after(played, 'were')})"
    return {"accepted": "agreement", "deadline": "no deal (the deadline passed)",
            "frozen": "no deal (the talks were frozen)",
            "ended": "no deal (the instructor ended the talks)",
            "not_held": "not held (the instructor ended the talks first)"}.get(ended_by, "no deal")


def walks_by_ai(history: Sequence[object], viewer: str, ai_from: int | None) -> list[bool]:
    """For each walk-away of ``viewer`` in ``history`` (each ended a table), in order: whether the AI made it, its
    seat handed to it from move ``ai_from`` (0-based) after its student left (:func:`ending`'s ``ai``)."""
    return [ai_from is not None and i >= ai_from for i, a in enumerate(history)
            if isinstance(a, Walk) and a.party == viewer]


def scope_news(before: State, after: State, viewer: str) -> list[str]:
    """When a definitions phase has just ended (docs/model.md, rules D1-D3): which scope applies and
    what it did to the next phase, one line each (:func:`scope_settled`); empty otherwise."""
    if after.phase == before.phase or before.phase_def.scope is None or not after.results:
        return []
    return scope_settled(after, before.phase, viewer)


def scope_settled(state: State, index: int, viewer: str) -> list[str]:
    """What the ended definitions phase ``index`` settled: the scope that applies (agreed, or the default)
    and what it did to the next phase, in ``viewer``'s words, one line each."""
    from game.session.effects import cards, unagreed
    phase = state.scenario.phases[index]
    scope = phase.scope
    assert scope is not None and index < len(state.results)
    agreement = state.results[index].agreement
    if agreement is not None:
        head = f"The definition agreed: '{scope.rungs[agreement[0]].label}'."
    else:
        head = f"No definition agreed: '{scope.rungs[scope.rung_index(scope.default)].label}' applies by default."
    mine = tuple(d for d in state.deltas if d.source == f"scope:{phase.id}")
    return [head] + [line.text for card in cards(state.scenario, mine, viewer, failed=unagreed(state)) for line in card.lines]


def message_text(scenario: Scenario, message: object) -> str:
    """A message in words, with the basket's name and a red line's option label."""
    from game.engine.actions import Message
    assert isinstance(message, Message)
    basket = scenario.basket(message.basket) if message.basket else None
    label = None
    if basket is not None and message.option is not None and message.option in [o.id for o in basket.options]:
        label = basket.options[basket.option_index(message.option)].label
    return message.text(basket.name if basket is not None else None, label)


def message_choices(scenario: Scenario, locks: tuple[int, ...] = ()) -> list[tuple[str, Message | None]]:
    """Every message an offer can carry, by name, for a picker: (name, message or None), in the order
    shown: none, final offer, a red line on each basket naming each option it could rule out, and
    movement needed on each basket (docs/model.md, "Messages"). Given the state's ``locks``, only the
    baskets still open count: one a lane settled or a definitions phase left out of the scope has none."""
    out: list[tuple[str, Message | None]] = [("No message", None), ("Final offer", Message(MessageKind.FINAL))]
    baskets = [b for i, b in enumerate(scenario.baskets) if i >= len(locks) or locks[i] < 0]
    for b in baskets:
        out += [(f"Red line: {b.name}: not '{o.label}'", Message(MessageKind.RED_LINE, b.id, o.id)) for o in b.options]
    out += [(f"Movement needed: {b.name}", Message(MessageKind.MOVEMENT, b.id)) for b in baskets]
    return out


def numbered_messages(scenario: Scenario, locks: tuple[int, ...] = ()) -> list[tuple[int, str]]:
    """The messages an offer can carry now, each with its number for the whole game (1 = final offer, then
    :func:`message_choices`' order with every basket counted): a basket locked later takes its messages off
    the list but changes no other message's number, so "offer 7" means the same message in every round."""
    open_now = {name for name, _ in message_choices(scenario, locks)}
    return [(number, name) for number, (name, _) in enumerate(message_choices(scenario)[1:], start=1)
            if name in open_now]


def credibility_line(state: State, side: str) -> str:
    """Each side's credibility with the other, in words (docs/model.md, "Messages", rule 1)."""
    if side not in state.phase_def.parties:
        return ""
    other = next(p for p in state.phase_def.parties if p != side)
    mine, theirs = state.credibility(side), state.credibility(other)
    declared = len(state.red_lines_declared(side))
    shared = f" (shared among your {declared} red lines)" if declared > 1 else ""
    return f"Your word's credibility with them: {mine:.0%}{shared}; theirs with you: {theirs:.0%}."


# what the results screen tells, after the talks: the table's log and the hand-off leave these lines out,
# so the vote at home is not given away before it is shown
AFTER_THE_TALKS = frozenset({"ratify", "comply"})


def ratification_line(entered: tuple[tuple[str, bool], ...], words: Verdicts = VOTE) -> str:
    """Each government's vote and what follows: "Russia approves; the United States refuses:
    the agreement does not enter into force." It enters into force only if every government approves (of a
    form its leaders sign, ``words`` say "signs" / "declines to sign")."""
    votes = "; ".join(f"{principal_name(p, article=True)} {words.yes if ok else words.no}" for p, ok in entered)
    outcome = ("the agreement enters into force" if all(ok for _, ok in entered)
               else "the agreement does not enter into force")
    return capitalised(f"{votes}: {outcome}.")


def reason_line(before: State, party: str, why: str, viewer: str) -> str:
    """An AI delegation's reason for its move, spoken to the delegation across its table: to ``viewer``
    when it sits there ("  Why: ..."), else attributed by display names, so that its "you" is never read
    as the player (the AI at a table the player only watches, issue 13)."""
    s = before.scenario
    if viewer and viewer in before.phase_def.parties:
        return f"  Why: {why}"
    other = next((p for p in before.phase_def.parties if p != party), None)
    told = f" {s.party(other).name}" if other is not None else ""
    return f'  {says(s.party(party).name, "tells", "tell")}{told}: "{why}"'


def describe(before: State, action: object, after: State, viewer: str, why: str | None = None) -> list[tuple[str, str]]:
    """What one applied action means for ``viewer``, as (kind, text) lines; kind is one of
    event, offer, accept, walk, lock, phase, ratify, comply, why (a front-end picks a sound by it);
    ``why`` is an AI's reason for its move."""
    from game.engine.actions import (
        Accept,
        Comply,
        EndTalks,
        Inject,
        Lock,
        Offer,
        Ratify,
        RoundStart,
        Walk,
    )
    s = before.scenario
    out: list[tuple[str, str]] = []
    if isinstance(action, RoundStart):
        for event_id in action.events:
            event = next(e for e in s.events if e.id == event_id)
            out.append(("event", f"EVENT: {event.text}"))
    elif isinstance(action, Inject):
        for event_id in action.events:
            event = next(e for e in s.events if e.id == event_id)
            out.append(("event", f"EVENT (brought in by the instructor): {event.text}"))
    elif isinstance(action, EndTalks):
        out.append(("event", "The instructor has ended the talks."))
    elif isinstance(action, Offer):
        who = "You offer" if action.party == viewer else says(s.party(action.party).name, "offers", "offer")
        from game.session.watched import offer_worth
        text = f"{who} a package{offer_worth(after, viewer, action.outcome)}"
        if action.message is not None:
            text += f': "{message_text(s, action.message)}"'     # the message ends the sentence
        out.append(("offer", text if action.message is not None else text + "."))
    elif isinstance(action, Accept):
        out.append(("accept", "You accept." if action.party == viewer
                    else says(s.party(action.party).name, "accepts.", "accept.")))
    elif isinstance(action, Walk) and before.ended:                  # rule 16: the final response after the end
        out.append(("walk", "You let the talks end." if action.party == viewer
                    else says(s.party(action.party).name, "lets the talks end.", "let the talks end.")))
    elif isinstance(action, Walk):
        out.append(("walk", "You walk away." if action.party == viewer
                    else says(s.party(action.party).name, "walks away.", "walk away.")))
    elif isinstance(action, Lock):
        option = before.standing.outcome[action.basket] if before.standing else 0
        locked = s.baskets[action.basket]
        out.append(("lock", f"{locked.name} is settled and locked at '{locked.options[option].label}'."))
    elif isinstance(action, Ratify):
        out.append(("ratify", ratification_line(action.entered, verdicts(
            s, before.results[-1].agreement if before.results else None))))
    elif isinstance(action, Comply):
        out.append(("comply", "The years of compliance are simulated."))
    party = getattr(action, "party", viewer)
    if why and party != viewer:
        out.append(("why", reason_line(before, party, why, viewer)))
    for r in after.results[len(before.results):]:        # two after rule 16: the table's end, the phases not held
        # the implicit phase of a scenario without phases is "The talks", not the scenario's title
        ended = phase_name(s, r.phase)
        opening = ended if r.ended_by == "not_held" else says(ended, "ends", "end")
        out.append(("phase", f"{opening}: {ending(s, r.ended_by, viewer, r.round)}."))
    if len(after.results) > len(before.results):
        if after.anchor is not None and after.phase != before.phase:
            out.append(("phase", f"The plan is published: {anchoring(after.phase_def.name, after.phase_def.anchoring)}."))
        out += [("phase", line) for line in scope_news(before, after, viewer)]
    return out
