"""What makes a move risky, in words, for every front-end (issue 13): an offer that goes back on a red
line the player's side declared, that changes an offer it called final, or that crosses its government's
own red lines; accepting an offer worth less to the player's government than no deal (or one that breaks
its word); and walking away. The terminal asks y/N (:mod:`game.cli.confirm`), the window a dialog.
"""

from __future__ import annotations

from game.engine.actions import Accept, Offer, PlayerAction, Walk
from game.engine.state import State
from game.session.views import crossed, value_of


def _declared(state: State, party: str, outcome: tuple[int, ...]) -> list[str]:
    """'Basket: option' for each red line ``party`` declared at this table that ``outcome`` contains."""
    s = state.scenario
    out = []
    for basket_id, option_id in state.red_lines_declared(party):
        index = next(i for i, b in enumerate(s.baskets) if b.id == basket_id)
        basket = s.baskets[index]
        if basket.options[outcome[index]].id == option_id:
            out.append(f"{basket.name}: '{basket.options[outcome[index]].label}'")
    return out


def _word(state: State, party: str, outcome: tuple[int, ...], verb: str) -> list[str]:
    """The risks of offering or accepting ``outcome`` that concern its government's red lines and the player's
    word, the most serious first: a deal across the government's red line can never be ratified (newcomer
    trial: the window's dialog gave the declared red line first and this one after Page Down)."""
    risks = []
    own = crossed(state, party, outcome)
    if own:
        risks.append(f"It crosses your government's red line on {', '.join(own)}: such a deal can never be "
                     "ratified at home.")
    declared = _declared(state, party, outcome)
    if declared:
        risks.append(f"It {verb} what you declared a red line ({'; '.join(declared)}): going back on your word "
                     "halves your credibility with them.")
    return risks


def _on_the_table(state: State, party: str, reservation: float) -> list[str]:
    """What the other side's standing offer is worth to the player's government, when one is on the table and
    is worth more than no deal: walking away gives it up (instructor trial: the question gave no deal's 0.300
    alone, where the offer the student walked away from was worth 0.340)."""
    offer = state.standing
    if offer is None or offer.party == party or state.tables is None or crossed(state, party, offer.outcome):
        return []
    worth = value_of(state, party, offer.outcome)
    if worth <= reservation:
        return []
    return [f"Their offer on the table is worth {worth:.3f} to your government, more than no deal: walking away "
            "gives it up."]


def risks(state: State, party: str, action: PlayerAction) -> tuple[list[str], str] | None:
    """(why the move is risky, the question to ask) for a risky move, else None."""
    reservation = state.scenario.party(party).reservation
    if isinstance(action, Walk):
        ends = (f"Walking away ends these talks ({state.phase_def.name}) with no deal: {reservation:.3f} to your "
                "government.")
        return [ends, *_on_the_table(state, party, reservation)], "Walk away?"
    if isinstance(action, Accept):
        if state.standing is None or state.tables is None:
            return None
        outcome = state.standing.outcome
        found = _word(state, party, outcome, "contains")
        worth = value_of(state, party, outcome)
        if worth < reservation:         # after a red line of the government's, which is why it is worth so little
            found.insert(1 if crossed(state, party, outcome) else 0,
                         f"Their offer is worth {worth:.3f} to your government, less than no deal ({reservation:.3f}).")
        return (found, "Accept it anyway?") if found else None
    if not isinstance(action, Offer):
        return None
    found = _word(state, party, action.outcome, "offers")
    final = dict(state.finals).get(party)
    if final is not None and tuple(final) != tuple(action.outcome):
        now = state.credibility(party)
        found.insert(1 if crossed(state, party, action.outcome) else 0,
                     f"You said your last offer was final, and this one differs: going back on your word "
                     f"halves your credibility with them ({now:.0%} → {now / 2:.0%}).")
    return (found, "Send this offer anyway?") if found else None


def lock_settles(state: State, basket: int) -> tuple[str, str]:
    """(what locking ``basket`` does, the question to ask): it settles the basket at the other side's standing
    offer for the rest of these talks; neither side can change it again. The window asks before it locks
    (player trial: the focus started on basket 1's Lock, and one Enter, which had moved the player on through
    every screen before, locked it for good); the terminal's ``lock N`` is a typed command and does not ask."""
    b = state.scenario.baskets[basket]
    offer = state.standing
    at = f" at '{b.options[offer.outcome[basket]].label}', their offer's option" if offer is not None else ""
    return (f"Locking settles {b.name}{at}, for the rest of these talks: neither side can change it again.",
            "Lock it?")


def accept_ends(state: State) -> str:
    """What accepting does to these talks: binding talks send the agreement home for approval; a table that
    publishes a plan publishes it (it binds nobody; the next table starts from it); other non-binding talks
    end with an agreement that binds nobody (window trial: a Track 1.5 plan 'goes home for approval')."""
    phase = state.phase_def
    if phase.protocol.binding:
        return "The talks end with this agreement, which then goes home for approval."
    if phase.publishes:
        return "The talks end with this agreement, published as this table's plan: it binds nobody, and the next talks start from it."
    return "The talks end with this agreement, which binds nobody."
