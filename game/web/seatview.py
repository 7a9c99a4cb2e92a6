"""What one seat's browser is sent: that seat's facts and the table's public ones, as plain JSON.

Rules of disclosure (tests/test_web_confidential.py inspects every message a seat receives):

* A seat gets its own role's brief (:func:`game.session.views.brief_facts`) and nothing of another
  role's values, weights, no-deal value, bar at home or red lines.
* Figures of a package are the seat's own: its government's expected value as the delegation
  perceives it, its own chance at home, its own red lines crossed.
* Event cards come from :func:`game.session.effects.cards` with the seat as viewer (another
  government's private parameters show only which way they moved).
* The aftermath (votes taken, whether the pact entered into force, its own government's figures) is
  sent when the game is over; the seat's own debrief (score, diagnosis) only once the instructor
  has ended the talks. The Track 1.5 trap's closing sentence, which gives the figures of the
  government whose experts wrote the plan, goes to that government's seats alone.
"""

from __future__ import annotations

from typing import Any

from game.classroom.score import score
from game.engine.actions import Accept, Lock, Message, MessageKind, Offer, Walk
from game.engine.result import game_result
from game.engine.rules import legal_actions
from game.engine.state import Stage, State
from game.model.scenario import Scenario
from game.session.audience import refusal_clause
from game.session.brief import brief_facts
from game.session.diagnosis import diagnose, offer_trace, table_endings
from game.session.handed import handed_over_words, handed_score_label
from game.session.handoff import trap_for
from game.session.effects import Card
from game.session.game import Moment
from game.session.drafts import starting_draft
from game.session.movenumber import seen_move
from game.session.names import phase_name, possessive, round_words
from game.session.option_words import option_words
from game.session.risks import risks
from game.session.felt import felt_line, felt_shown, felt_terms
from game.session.views import (
    crossed,
    ending,
    home_chance,
    measures,
    paper_of,
    value_of,
    walks_by_ai,
)


def _note(scenario: Scenario, issue: int, option: int) -> str:
    """An option's words after its label: its description and its detection odds ("" when it has neither)."""
    return option_words(scenario, issue, option).details()


def public_terms(scenario: Scenario) -> dict[str, Any]:
    """The baskets, options and agreement forms (public: both sides' briefs list them)."""
    return {"baskets": [{"id": b.id, "name": b.name, "options": [o.label for o in b.options]} for b in scenario.baskets],
            "forms": [f.label for f in scenario.forms],
            "parties": {p.id: p.name for p in scenario.parties},
            "title": scenario.title, "year": scenario.year}


def no_deal_line(now: float, printed: float) -> str:
    """The page brief's sentence on no deal's value: ``now`` (as events left it) and the ``printed`` brief's
    figure, the file's, in points as printed (instructor trial: after an event raised it, the page said
    "0.40 ... 40.0 points on the printed brief" of a brief that printed 35.0); a change says so apart."""
    text = f"No deal is worth {now:.2f} to your government (0 = worst deal, 1 = best; {100 * printed:.1f} points on " \
           f"the printed brief"
    if round(now, 3) != round(printed, 3):
        text += f"; what happened in the talks {'raised' if now > printed else 'lowered'} it to {now:.2f}"
    return text + ")."


def brief_payload(scenario: Scenario, role: str, printed: Scenario | None = None) -> dict[str, Any]:
    """The seat's own confidential brief, from ``scenario`` (as events and the delegation's perception left
    it); ``printed``: the scenario of the printed briefs (the session's file), when not ``scenario``."""
    f = brief_facts(scenario, role)
    on_paper = f.reservation if printed is None else brief_facts(printed, role).reservation
    return {"no_deal": no_deal_line(f.reservation, on_paper),"delegation": f.delegation, "title": f.title, "year": f.year, "summary": f.summary,
            "principal": f.principal, "kind": f.kind, "across": list(f.across),
            "priorities": [{"basket": p.basket, "weight": round(p.weight, 3), "best": p.best} for p in f.priorities],
            "form_share": round(f.form_share, 3), "forms_preferred": list(f.forms_preferred),
            "form_worth": [round(w, 3) for w in f.form_worth],
            "red_lines": list(f.red_lines), "reservation": round(f.reservation, 3),
            "threshold": round(f.threshold, 3), "home_bar": f.home_bar(f"{f.threshold:.2f} ({100 * f.threshold:.1f} points)"),
            "stakes": None if f.stakes is None else [round(x, 3) for x in f.stakes],
            "reveal": f.reveal_line(),
            "scopes": [{"phase": t.phase, "heading": t.heading(),
                        "rungs": [t.rung_line(r, f"{r.value:.2f} ({100 * r.value:.1f} points)") for r in t.rungs]}
                       for t in f.scopes]}


def card_payload(card: Card) -> dict[str, Any]:
    return {"title": card.title, "lines": [line.text for line in card.lines]}


def package_figures(state: State, role: str, outcome: tuple[int, ...]) -> dict[str, Any] | None:
    """The seat's own figures for ``outcome`` at the current table (None when it does not sit there):
    :func:`game.session.views.value_of` (expected), its value on paper (the brief's 0-1 scale) and its
    government's chance at home
    (:func:`~game.session.views.home_chance`: read from the table's valuation, so a move's news costs
    no valuation of the deal)."""
    if state.tables is None or role not in state.phase_def.parties:
        return None
    mine = crossed(state, role, outcome)
    chance = home_chance(state, role, outcome)
    return {"value": round(value_of(state, role, outcome), 3), "paper": round(paper_of(state, role, outcome), 3),
            "chance": round(chance, 3), "red_lines": mine}


def game_payload(state: State, role: str, ended: bool = False, watching: bool = False) -> dict[str, Any]:
    """The table as the seat sees it: phase, round, whose turn, the standing offer with its own figures,
    the moves allowed to it now, the baskets bargained in this phase and which of them are locked.
    ``ended``: the instructor has ended the talks, so the seat to move gives its last answer: it may
    accept the offer on the table or let the talks end, and make no new offer. ``watching``: the AI
    plays the seat now (its student left): it is never the seat's turn."""
    s = state.scenario
    seated = role in state.phase_def.parties
    mine = state.to_move == role and not watching
    legal = legal_actions(state) if mine else ()
    standing = state.standing
    return {
        "stage": str(state.stage), "phase": phase_name(s, state.phase_def.id) if s.phases else s.title,
        "round": min(state.round + 1, state.protocol.rounds), "rounds": state.protocol.rounds,
        "round_text": round_words(state.round, state.protocol.rounds),
        "seated": seated, "your_turn": mine, "final_response": bool(mine and state.final_response),
        "talks_ended": ended,
        "to_move": s.party(state.to_move).name if state.to_move else None,
        # the names in the possessive, made once (game.session.names.possessive): "scholars'", not "scholars's"
        "to_move_of": possessive(s.party(state.to_move).name) if state.to_move else None,
        "standing": None if standing is None else {
            "by": s.party(standing.party).name, "by_of": possessive(s.party(standing.party).name),
            "yours": standing.party == role,
            "outcome": list(standing.outcome), "figures": package_figures(state, role, standing.outcome)},
        "locks": list(state.locks),
        # where the seat's offer form starts: the terminal's and the window's starting draft, its government's
        # best package at expected value (a figure of its own, as the meter's: tests/test_web_confidential.py)
        "best": starting_draft(state, role) if seated else None,
        # the baskets and forms bargained now: a definitions phase bargains over its scope ladder alone,
        # and baskets the agreed scope leaves out stay locked (``locks``: option index, -1 where free)
        "baskets": [{"id": b.id, "name": b.name, "options": [o.label for o in b.options]} for b in s.baskets],
        "forms": [f.label for f in s.forms],
        # what each option says and how often its breach is caught, in the window's and the terminal's words
        # (session.option_words), shown under the form's select for the option chosen
        "notes": [[_note(s, i, k) for k in range(len(b.options))] for i, b in enumerate(s.baskets)]
                 + [[_note(s, len(s.baskets), k) for k in range(len(s.forms))]],
        "can": {"offer": not ended and any(not isinstance(a, (Accept, Walk, Lock)) for a in legal),
                "accept": any(isinstance(a, Accept) for a in legal), "walk": any(isinstance(a, Walk) for a in legal)},
        "accept_risk": accept_risk(state, role) if any(isinstance(a, Accept) for a in legal) else None,
    }


def accept_risk(state: State, role: str) -> dict[str, Any] | None:
    """Why accepting the offer on the table is risky for the seat, and the question to ask
    (:func:`game.session.risks.risks`, the terminal's words: an offer worth less to its government than
    no deal, or one that breaks its word), or None when it is not: the page's one step before accepting
    shows these reasons in place of its plain question."""
    found = risks(state, role, Accept(role))
    return None if found is None else {"reasons": found[0], "question": found[1]}


def aftermath_payload(state: State, role: str, ai_from: int | None = None) -> dict[str, Any] | None:
    """When the game is over: how it ended, the agreement, whether it entered into force, and the
    seat's own government's figures (None before), with what each figure shown measures in the words
    of the terminal and the window (:func:`game.session.views.measures`). Without a deal only no deal's
    value is shown (as the terminal does); a deal that never entered into force has no value as kept.
    After the instructor ended the talks the ending says so in the rules' own words (rule 16:
    :func:`game.session.views.ending`); a walk-away the AI made in a seat handed to it (``ai_from``, as in
    :func:`debrief_payload`) is the AI's, not the student's."""
    if state.stage is not Stage.OVER:
        return None
    s = state.scenario
    result = game_result(state)
    final = state.binding_result
    mine = next((p for p in result.principals if p.party == role), None)
    dealt = result.agreement is not None
    agreement = None if result.agreement is None else \
        [f"{b.name}: {b.options[result.agreement[i]].label}" for i, b in enumerate(s.baskets)] + \
        [f"Agreement form: {s.forms[result.agreement[-1]].label}"]
    ai = final is not None and final.ended_by.endswith(f":{role}") and \
        walks_by_ai(state.history, role, ai_from)[-1:] == [True]
    how = ending(s, final.ended_by, role, final.round, ai) if final else "no deal"
    kept = dealt and result.in_force
    shown = ("no deal", "on paper", "as kept", "honoured by the other side") if dealt else ("no deal",)
    simulated = state.compliance.simulations if state.compliance is not None else 0
    return {"ending": how, "agreement": agreement,
            "in_force": result.in_force, "intact": round(result.survival, 3),
            # who refused a deal that never entered into force (instructor trial: the page did not say)
            # "the United States declined to sign it", "the timing held the United States back" (rule 10)
            "refusal": refusal_clause(state, result) if dealt and not result.in_force else None,
            "yours": None if mine is None else {
                # six places: the page rounds to two, as the debrief does (0.7946 was sent as 0.795, and
                # the page's 0.80 stood beside the debrief's 0.79; instructor trial)
                "no_deal": round(mine.reservation, 6),
                "paper": round(mine.paper, 6) if dealt else None,
                # the mean yearly value over the simulated compliance years, the other side's breaches
                # included; None when the pact never entered into force (nothing was kept)
                "as_kept": round(mine.compliance_mean, 6) if kept else None,
                "band": [round(mine.compliance_p5, 6), round(mine.compliance_p95, 6)] if kept else None,
                "honoured_by_other": round(mine.honoured_by_other, 6)
                if kept and mine.honoured_by_other is not None else None},
            "measures": [[label, meaning] for label, meaning in measures(simulated) if label in shown]}


def debrief_payload(state: State, role: str, moments: list[Moment], diagnosed: bool = True,
                    ai_from: int | None = None) -> dict[str, Any] | None:
    """The seat's own debrief (its government's score and a diagnosis of its play); None unless over.
    Without ``diagnosed`` (a deal entered face to face: its moves were not played here) no diagnosis.
    ``ai_from``: the seat's first move played by the AI (0-based), when the instructor handed it to the AI
    after its student left: the debrief says so, gives the score as the table's and not the student's (as
    grades.csv does), and reads "your offers" from the student's own moves alone (instructor trial: the page
    credited the student with the AI's score and moves)."""
    if state.stage is not Stage.OVER:
        return None
    result = game_result(state)
    party = state.scenario.party(role)
    move = None if ai_from is None else seen_move(state.history, ai_from)     # as the move list counts moves
    sentences = [] if ai_from is None else [handed_over_words(state.history, ai_from, "above")]
    # a game of several tables: how each ended and the scope that applied, as the terminal's debrief opens
    # (instructor trial: the experts' debrief was their score alone, nothing of their Track 1.5 table)
    sentences += [f"{line}." for line in table_endings(state, role, ai_from)] if len(state.scenario.phases) > 1 else []
    if diagnosed:
        sentences += diagnose(state, result, role, offer_trace((m.before, m.action, m.after) for m in moments),
                              ai_from=ai_from)
    else:
        sentences.append("Your table negotiated face to face and entered its deal: the score is what that deal is "
                         "worth to your government.")
    for d in felt_shown(state, result):              # a delegation with stakes of its own: what it felt it won
        if d.party == role:
            terms = felt_terms(d.parts)
            sentences.append(f"Your delegation felt it won {d.negotiating_utility:+.3f}"
                             + (f" = {terms}" if terms else "") + f"; it {felt_line(state, result, d)}.")
    trap = trap_for(state, result, role)             # the plan's authors' government: the trap in one sentence
    if trap:
        sentences.append(trap)
    # the seat's score is its government's, as in the class debrief (instructor trial: an expert's debrief
    # was empty, since its delegation does not sit at the table whose result counts)
    return {"score": round(score(result, party.principal, party.reservation), 3),
            "score_label": handed_score_label(state.history, ai_from),
            "ai_from": move, "sentences": sentences}


def option_error(scenario: Scenario, numbers: object, what: str) -> str | None:
    """Why ``numbers`` (as a client sent them) is not a package of ``scenario``, or None: one option
    number (0-based) per basket and then the form's. An out-of-range number is named with its basket
    and the numbers that basket takes, so a crafted message is told exactly what is wrong."""
    sizes = [len(b.options) for b in scenario.baskets] + [len(scenario.forms)]
    if not isinstance(numbers, list) or len(numbers) != len(sizes) or not all(type(x) is int for x in numbers):
        return f"{what} needs one option number per basket and one for the form ({len(sizes)} in all)"
    for i, (x, n) in enumerate(zip(numbers, sizes)):
        if not 0 <= x < n:
            name = f"basket '{scenario.baskets[i].name}'" if i < len(scenario.baskets) else "the agreement form"
            return f"{what}: option number {x} is out of range for {name} (it takes 0 to {n - 1})"
    return None


def parse_move(state: State, role: str, data: dict[str, Any]) -> Offer | Accept | Walk | str:
    """The action a checked client message asks for, or why it cannot be one (nothing is applied here)."""
    kind = data.get("action")
    if kind == "accept":
        return Accept(role)
    if kind == "walk":
        return Walk(role)
    if kind != "offer":
        return "expected an action: offer, accept or walk"
    outcome = data.get("outcome")
    s = state.scenario
    wrong = option_error(s, outcome, "an offer")
    if wrong is not None:
        return wrong
    assert isinstance(outcome, list)
    message = data.get("message")
    note = None
    if isinstance(message, dict):
        try:
            kind_ = MessageKind(str(message.get("kind")))
        except ValueError:
            return "unknown message kind"
        basket = message.get("basket")
        if kind_ is not MessageKind.FINAL and (not isinstance(basket, str) or basket not in {b.id for b in s.baskets}):
            return "this message must name one of the baskets"
        note = Message(kind_, None if kind_ is MessageKind.FINAL else str(basket))
    elif message is not None:
        return "a message must be an object with a kind"
    return Offer(role, tuple(outcome), note)
