"""The debrief in words: three to five sentences of diagnosis drawn from the game itself, and the
offer trace (both sides' offers round by round, valued by both governments) that the debrief's
chart draws over the frontier.

Sentences, each only when the game gives it something to say: (1) what the player's offers at its last
table asked for its government, first to last, in true values (those the offer-trace chart plots at a
non-binding table; a delegation unsure of its government's values is told once what it saw), and when it
conceded (the largest drop, said only when an ask fell); (2) what the
other delegation moved on (the baskets where its last offer differs from its first); (3) what the
Nash deal of the table would have given the player's government on paper, beside the deal it got
(and, once :func:`expected_nash_value` exists, in expectation); (4) what the agreement's form cost
at home (the entry chance under the chosen form against the best form for the same terms); (5)
what compliance did to the value (as kept against on paper), or who refused it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from game.engine.actions import Accept, Action, MessageKind, Offer
from game.engine.counterfactual import fully_verified, never_dropped, with_trust
from game.engine.nash import paper_nash
from game.engine.result import GameResult
from game.engine.rules import apply, new_game
from game.engine.scope import agreed_rung, phase_scenario
from game.engine.state import State
from game.engine.tables import Tables
from game.engine.valuation import DealValue, value_deal
from game.model.scenario import Scenario
from game.words import count
from game.session.asks import conceded
from game.session.audience import refusal_clause
from game.session.names import a_percent, capitalised, government_of, possessive
from game.session.views import crossed, deal_value, ending, expected_nash, walks_by_ai


@dataclass(frozen=True)
class TracePoint:
    """One offer: when, by whom, and its value on paper to each government at its table (seat order)."""

    phase: int
    round: int                         # 0-based
    party: str
    outcome: tuple[int, ...]
    seats: tuple[str, str]
    values: tuple[float, float]        # true values, in ``seats`` order
    perceived: float                   # its value to the offerer's government as the offerer saw it
    # the same, in the tables of the offerer's first offer at this table (None: not known); an event that
    # changes values between two offers changes ``perceived`` and not this (newcomer trial)
    at_first: float | None = None
    move: int | None = None            # its number among the game's moves (0-based; None: not known)
    final: bool = False                # it came with "This is our final offer" (rule 10)
    # on the first offer at each table only: that table's Pareto frontier on paper in ``seats`` order, as its
    # tables of the time value it (:func:`table_frontier`; None: not known, or too many packages to list)
    frontier: tuple[tuple[float, float], ...] | None = None
    # its true expected value to the offerer's government (the debrief's truth; None: not known, then
    # ``perceived`` stands in), when made and in the tables of the offerer's first offer at this table
    true: float | None = None
    true_at_first: float | None = None
    # the seats whose red lines it crosses at a binding table: a deal on it is never ratified (docs/model.md,
    # "Red lines"), so ``true`` is its government's no-deal value, not what the offer asked
    red_lines: tuple[str, ...] = ()

    @property
    def asked(self) -> float:
        """What the offer asked as the offerer saw it, in the values of its first offer at its table (events aside)."""
        return self.perceived if self.at_first is None else self.at_first

    @property
    def truly_asked(self) -> float:
        """What the offer truly asked for the offerer's government, in the values of the offerer's first offer at
        its table (events aside): the debrief shows the truth (defect 1: the text gave the noisy delegation's
        0.93 → 0.65 → 0.39 beside a chart plotting 0.87, 0.75, 0.53)."""
        if self.true_at_first is not None:
            return self.true_at_first
        return self.asked if self.true is None else self.true

    @property
    def truly_made(self) -> float:
        """Its true value to the offerer's government when made (events included)."""
        return self.perceived if self.true is None else self.true


def offer_trace(moments: Iterable[tuple[State, Action, State]]) -> tuple[TracePoint, ...]:
    """The offers among ``moments`` (before, action, after), valued with the tables of their time, and
    each also in the tables of its offerer's first offer at that table (``at_first``)."""
    out: list[TracePoint] = []
    first: dict[tuple[int, str], Tables] = {}
    for before, action, _ in moments:
        if not isinstance(action, Offer) or before.tables is None:
            continue
        index = before.tables.problem.index_of(action.outcome)
        seats = before.seats
        values = tuple(float(before.tables.of(p).true_u[index]) for p in seats)
        seen = float(before.tables.of(action.party).perceived[index])
        then = first.setdefault((before.phase, action.party), before.tables)
        opens = not any(t.phase == before.phase for t in out)
        out.append(TracePoint(before.phase, before.round, action.party, action.outcome, seats,
                              (values[0], values[1]), seen, float(then.of(action.party).perceived[index]),
                              len(before.history), action.message is not None
                              and action.message.kind is MessageKind.FINAL,
                              table_frontier(before.tables, seats) if opens else None,
                              float(before.tables.of(action.party).expected[index]),
                              float(then.of(action.party).expected[index]),
                              tuple(p for p in seats if before.phase_def.protocol.binding and not before.tables.of(p).ok[index])))
    return tuple(out)


def table_frontier(tables: Tables, seats: tuple[str, str]) -> tuple[tuple[float, float], ...] | None:
    """A table's Pareto frontier on paper, in ``seats`` order and by the first's value: the packages crossing
    neither seat's red lines that no other such package beats for both governments, valued by ``tables``
    (those of the table's time: an event later changes the values, and each table has its own red lines,
    so an earlier table's offers are drawn against this, not the last table's frontier). None for
    searched tables (too many packages to value them all)."""
    if tables.searched:
        return None
    a, b = tables.of(seats[0]), tables.of(seats[1])
    ok = a.ok & b.ok
    xs, ys = a.true_u[ok], b.true_u[ok]
    order = np.lexsort((-ys, -xs))                      # by x, highest first; at equal x, highest y first
    ys_sorted = ys[order]
    above = ys_sorted > np.maximum.accumulate(np.concatenate(([-np.inf], ys_sorted[:-1])))
    keep = order[above]
    return tuple(sorted((float(xs[k]), float(ys[k])) for k in keep))


def played_offers(scenario: Scenario, history: Sequence[Action]) -> tuple[TracePoint, ...]:
    """:func:`offer_trace` of a game played from the start of ``scenario`` with the moves ``history`` (a
    finished state's), replayed up to the last offer (the votes and the compliance histories are not rerun)."""
    last = max((i for i, a in enumerate(history) if isinstance(a, Offer)), default=-1)
    moments = []
    state = new_game(scenario)
    for action in history[:last + 1]:
        after = apply(state, action)
        moments.append((state, action, after))
        state = after
    return offer_trace(moments)


def expected_nash_value(state: State, side: str) -> float | None:
    """The expected value to ``side``'s government of the Nash deal of the expected-value problem
    (docs/model.md, rule 7; :func:`game.session.views.expected_nash`), or None when there is none."""
    nash = expected_nash(state)
    if nash is None or state.tables is None or side not in state.tables.problem.party_ids:
        return None
    return nash[1][state.tables.problem.party_ids.index(side)]


def _moved(state: State, trace: list[TracePoint], name: str, wanted: tuple[int, ...] | None = None) -> str | None:
    """Where the other side moved between its first and last offer of one table; a definitions table's
    offers are rungs of its scope ladder, so they are read in its own one-issue scenario (rule D1).
    ``wanted``: the player's first offer at that table; a basket where the other side's offers always kept
    the option the player asked for is not one it "never moved on" (it was already where the player wanted;
    newcomer trial: "never moved on Election infrastructure" of a first offer that matched the player's)."""
    if not trace:
        return None
    s = state.scenario
    if s.phases and s.phases[trace[0].phase].scope is not None:
        s = phase_scenario(s, s.phases[trace[0].phase])
    first, last = trace[0].outcome, trace[-1].outcome
    moves = sorted(((abs(last[i] - first[i]), i) for i in range(len(s.baskets)) if last[i] != first[i]), reverse=True)
    # "never": the basket kept its first option in every offer, not only in the last (window trial: "never
    # on Hack-and-leak" of a side whose fourth offer had moved on it and moved back)
    kept = [i for i in range(len(s.baskets)) if all(t.outcome[i] == first[i] for t in trace)]
    still = [s.baskets[i].name for i in kept if wanted is None or wanted[i] != first[i]]
    if not moves:                                        # a claim about a pattern: only after a few offers
        if len(kept) == len(s.baskets) and len(trace) >= 3:
            forms = _form_moves(s, trace)
            return (f"{name} never moved on a basket: every offer kept the first one's terms"
                    + (f", and it moved only on the form ({forms})." if forms else "."))
        return None
    named = [f"{s.baskets[i].name} ({s.baskets[i].options[first[i]].label} → {s.baskets[i].options[last[i]].label})"
             for _, i in moves[:2]]
    text = f"{name} moved most on {' and '.join(named)}"
    return text + (f", and never on {still[0]}." if still else ".")


def _form_moves(s: Scenario, trace: list[TracePoint]) -> str:
    """The agreement forms of a side's offers in the order it moved between them, "A → B" (consecutive repeats
    once); '' when every offer kept one form, or the table has none (player trial: "never moved on a basket:
    every offer kept the first one's terms" of a side that had gone from a joint statement to an executive
    agreement)."""
    if not s.forms or any(len(t.outcome) <= len(s.baskets) for t in trace):
        return ""
    path = [trace[0].outcome[-1]]
    for t in trace[1:]:
        if t.outcome[-1] != path[-1]:
            path.append(t.outcome[-1])
    return "" if len(path) == 1 else " → ".join(s.forms[f].label for f in path)


def agreed_by_ai(history: Sequence[Action], side: str, ai_from: int | None) -> bool:
    """Whether the AI, not the student, agreed the deal for ``side`` after the student's seat was handed to it
    from move ``ai_from`` (0-based): the seat's agreeing move (its acceptance, or the offer of its own the other
    side accepted) came at or after ``ai_from`` (handover trial: "The form you agreed, ..." of a deal the AI
    accepted in the student's seat)."""
    accepted = next((i for i in range(len(history) - 1, -1, -1) if isinstance(history[i], Accept)), None)
    if ai_from is None or accepted is None:
        return False
    if getattr(history[accepted], "party", None) == side:
        return accepted >= ai_from
    offered = next((i for i in range(accepted - 1, -1, -1)
                    if isinstance(history[i], Offer) and getattr(history[i], "party", None) == side), None)
    return offered is not None and offered >= ai_from


def _form_cost(state: State, result: GameResult, side: str, ai_from: int | None = None) -> str | None:
    """What the agreed form cost the terms' chance at home; None without a deal, or when ``side`` did not sit
    at the table that agreed it (the experts of a Track 1.5 table whose plan the officials took up). Whoever
    agreed it for the seat is named: the student, or the AI it was handed to (:func:`agreed_by_ai`)."""
    if result.agreement is None or state.tables is None or side not in state.phase_def.parties:
        return None
    s = state.scenario
    side_index = state.phase_def.parties.index(side)
    chances = []
    for f in range(len(s.forms)):
        outcome = tuple(result.agreement[:-1]) + (f,)
        chances.append((0.0 if crossed(state, side, outcome) else deal_value(state, outcome).principal_entry(side_index),
                        f))
    chosen = round(100 * chances[result.agreement[-1]][0])     # in whole percent, as the sentence shows them:
    best, f = max(chances)                                      # the difference is of the figures shown
    shown = round(100 * best)                                   # (newcomer trial: "49% against 39%: cost 11")
    label = s.forms[result.agreement[-1]].label
    home = government_of(s, side, article=True)                 # whose chance: the terminal also shows both's
    if f == result.agreement[-1] or shown <= chosen:
        who = "the AI in your seat" if agreed_by_ai(state.history, side, ai_from) else "you"
        return (f"The form {who} agreed, {label}, gave the same terms their best chance of approval in {home} "
                f"({chosen}%).")
    return (f"As {form_phrase(s.forms[f].label)}, the same terms would have had {a_percent(shown / 100)} chance of approval "
            f"in {home}, not {chosen}% as {form_phrase(label)}: the form cost "
            f"{count(shown - chosen, 'percentage point')} of that chance.")


def why_refused(state: State, result: GameResult) -> str | None:
    """Why a government refused the deal, in the model's terms (rule 10): its bodies judge a deal by its
    expected value once in force ``E`` against the government's bar, and ``E`` falls short of the paper value
    through mistrust of the other side, breaches nobody sees and the form's chance of being dropped. The
    sentence gives ``E``, the bar and the paper value, then ``E`` with full trust and every breach seen
    (:func:`game.engine.counterfactual.fully_verified`) and ``E`` with a form no successor drops; a government
    whose ``acceptance`` an event lowered (rule 10, "the timing") is said to have had that chance. Every
    government that refused is described, one sentence each in seat order (newcomer trial: with both refusing,
    only the first was, and the one halved by the timing went unexplained); None when no government refused or
    the deal crosses a red line."""
    if result.agreement is None or not state.entered:
        return None
    seats = state.phase_def.parties
    s = state.scenario
    refusing = [p for principal, ok in state.entered if not ok for p in seats if s.party(p).principal == principal]
    if not refusing or any(crossed(state, p, result.agreement) for p in seats):
        return None
    pair = (s.party(seats[0]), s.party(seats[1]))
    here = deal_value(state, result.agreement)                  # the table's memoised valuation
    trusted = value_deal(fully_verified(with_trust(s, 1.0)), pair, result.agreement)
    durable = value_deal(never_dropped(s), pair, result.agreement)
    return " ".join(_judged(state, party, result.agreement, here, trusted, durable) for party in refusing)


def _judged(state: State, party: str, agreement: tuple[int, ...], here: DealValue, trusted: DealValue,
            durable: DealValue) -> str:
    """:func:`why_refused`'s sentence for one refusing government."""
    s, seats = state.scenario, state.phase_def.parties
    k = seats.index(party)
    other = government_of(s, seats[1 - k])

    def told(v: DealValue) -> str:
        return f"{v.in_force[k]:.2f}, approved with a chance of {v.principal_entry(k):.0%}"
    principal = s.party(party).principal
    bodies = s.forms[agreement[-1]].entry[principal].veto_players(principal)
    usual = ", ".join(f"{b.name if len(bodies) > 1 else 'its government as one body'} {b.approval:.0%}" for b in bodies)
    if s.party(party).acceptance < 1:       # an event lowered its chance of going ahead at all (rule 10)
        usual += (f"; and the timing, an event of these talks, left it a chance of {s.party(party).acceptance:.0%} of "
                  "going ahead with any deal")
    return capitalised(f"{government_of(s, party, article=True)} judged it by what it was expected to be worth once "
                       f"in force ({here.paper[k]:.2f} on paper), against a bar of "
                       f"{s.party(party).domestic_threshold:.2f} at which each body approves with the chance this "
                       f"form gives it ({usual}): "
                       f"{told(here)}; with full trust in {possessive(other)} compliance and every breach seen, "
                       f"{told(trusted)}; with a form no successor drops, {told(durable)}.")


def table_endings(state: State, viewer: str, ai_from: int | None = None) -> list[str]:
    """How each table ended, one line each (no full stop), in the debrief's words (the terminal's, the window's
    and the page's alike): "Official talks: agreement in round 5", "Track 1.5 meeting in New York: no deal
    (you walked away) in round 2" (the round only when a move ended it; a last answer, given once the last round was over, "in round 10,
    the last": newcomer trial, "no deal (... walked away) at the deadline" read as two endings at once),
    and for a definitions table the scope that then applied ("; scope: 'State agencies only' (the default)").
    A scenario without phases has one line, "The talks: ...". A player who had no seat at a table reads here
    how it ended (instructor trial: the experts' debrief said nothing of their table). ``ai_from``: the seat's
    first move played by the AI after its student left; a table it walked away from or let end reads "the AI in
    your seat walked away" (handover trial)."""
    s = state.scenario
    lines = []
    walks = iter(walks_by_ai(state.history, viewer, ai_from))
    for phase, r in zip(s.phases or (state.phase_def,), state.results):
        when = "" if r.ended_by in ("deadline", "frozen", "not_held") else (
            f" in round {phase.protocol.rounds}, the last" if r.round >= phase.protocol.rounds else f" in round {r.round + 1}")
        scope = ""
        if phase.scope is not None:                    # a definitions phase: the scope that applied (rule D1)
            rung = phase.scope.rungs[agreed_rung(phase.scope, r.agreement)]
            scope = f"; scope: '{rung.label}'" + ("" if r.agreement else " (the default)")
        ai = next(walks, False) if r.ended_by in (f"walked:{viewer}", f"let_end:{viewer}") else False
        lines.append(f"{phase.name}: {ending(s, r.ended_by, viewer, r.round, ai)}{when}{scope}")
    return lines


def form_phrase(label: str) -> str:
    """An agreement form's label inside a sentence: "Leaders' joint statement" -> "a leaders' joint
    statement", "Executive agreement (exchange of letters)" -> "an executive agreement (...)"; a label
    opening with an acronym ("UN resolution") keeps its capitals; a plural one takes no article ("Parallel
    unilateral declarations" -> "parallel unilateral declarations": its head noun, the last word before a
    bracket or an "of", ends in a plural s; newcomer trial: "As a parallel unilateral declarations")."""
    if not label:
        return label
    acronym = len(label) > 1 and label[1].isupper()
    text = label if acronym else label[0].lower() + label[1:]
    head = text.split(" (")[0].split(" of ")[0].split()[-1]
    if head.endswith("s") and not head.endswith(("ss", "us", "is")):
        return text
    article = "an" if text[0].lower() in "aeiou" and not acronym else "a"
    return f"{article} {text}"


def diagnose(state: State, result: GameResult, side: str, trace: tuple[TracePoint, ...],
             nash: float | None = None, ai_from: int | None = None) -> list[str]:
    """Three to five sentences on the game ``side`` played; ``nash``: the value to ``side``'s government
    of the Nash deal of the table on paper (the front-end solves it with :mod:`game.analytics`).
    ``ai_from``: the seat's first move played by the AI (0-based, among the game's moves) after its student
    left; what "your offers" asked and conceded is read from the student's own offers, those before it
    (instructor trial: "You never lowered your ask: your offers asked 0.44 → 0.47 → 0.47" of a student who
    made the first of them, the AI the others)."""
    s = state.scenario
    out: list[str] = []
    mine = [t for t in trace if t.party == side]
    own = [t for t in mine if ai_from is None or t.move is None or t.move < ai_from]
    phase = mine[-1].phase if mine else None
    other = next((t.seats[1 - t.seats.index(side)] for t in mine), None)
    theirs = [t for t in trace if t.party == other and t.phase == phase]
    wanted = next((t.outcome for t in mine if t.phase == phase), None)
    for sentence in (conceded(own), _moved(state, theirs, s.party(other).name, wanted) if other else None):
        if sentence:
            out.append(sentence)
    me = next((p for p in result.principals if p.party == side), None)
    if me is not None and nash is not None:
        out.append(_against_nash(state, result, side, nash, me.paper, me.expected))
    cost = _form_cost(state, result, side, ai_from)
    if cost:
        out.append(cost)
    # what the seat's government got: a delegation that had no seat at the binding table (the experts of a
    # Track 1.5 table) is told its government's outcome too, which its score is
    principal = s.party(side).principal
    me = me or next((p for p in result.principals if s.party(p.party).principal == principal), None)
    if me is not None:
        if result.agreement is None:
            out.append(f"Without an agreement {government_of(s, side, article=True)} keeps its no-deal value, "
                       f"{me.reservation:.2f}.")
        elif not result.in_force:
            why = why_refused(state, result)
            out.append(f"The deal never entered into force: {refusal_clause(state, result)}, "
                       f"so {government_of(s, side, article=True)} keeps "
                       f"{me.reservation:.2f}."
                       + (f" {why}" if why else ""))
        elif state.compliance is not None:
            gap = me.compliance_mean - me.paper
            out.append(capitalised(f"as kept, the pact was worth {me.compliance_mean:.2f} a year to "
                                   f"{government_of(s, side, article=True)} against {me.paper:.2f} on paper: "
                                   f"compliance {'added' if gap > 0 else 'took'} {abs(gap):.2f}."))
    return out[:5]


def what_happened(state: State, result: GameResult, side: str, trace: tuple[TracePoint, ...],
                  ai_from: int | None = None) -> list[str]:
    """The debrief's "What happened" paragraph, the window's and the terminal's alike: :func:`diagnose` with
    the Nash deal of the last table on paper (``ai_from``: the seat's handover point, as there)."""
    return diagnose(state, result, side, trace, paper_nash(state, side), ai_from=ai_from)


def _against_nash(state: State, result: GameResult, side: str, nash: float, paper: float, expected: float) -> str:
    """The Nash deal of the table against the deal struck, on paper and counting what deals are really
    worth; without a deal, the Nash deal alone (the sentence after it gives the no-deal value)."""
    s = state.scenario
    text = f"The Nash deal of this table would have given {government_of(s, side, article=True)} {nash:.2f} on paper"
    real = expected_nash_value(state, side)
    if result.agreement is None:
        return text + (f" and {real:.2f} counting entry into force, trust and compliance" if real is not None
                       else "") + "; there was no deal."
    text += f"; your deal {paper:.2f}"
    return text + (f"; counting entry into force, trust and compliance, the Nash deal of what deals are "
                   f"really worth would have given it {real:.2f}, and your deal {expected:.2f}."
                   if real is not None else ".")


def trace_rounds(trace: tuple[TracePoint, ...], phase: int) -> list[TracePoint]:
    """The offers of one phase, in order."""
    return [t for t in trace if t.phase == phase]


def values_of(points: list[TracePoint], side: str) -> np.ndarray:
    """(n, 2) values of ``points``: ``side``'s government first."""
    return np.array([[t.values[t.seats.index(side)], t.values[1 - t.seats.index(side)]] for t in points]).reshape(-1, 2)
