"""The page of a student whose seat the instructor handed to the AI (instructor trial): its debrief gave
"Your score ...: 0.387" and "You never lowered your ask: your offers asked 0.44 → 0.47 → 0.47" although the
student made only the first offer and grades.csv said "not credited"; its move list read "The AI in your
seat: You offer a package...". The debrief now says from which move the AI played the seat, gives the score
as the table's, not credited, and reads "your offers" from the student's own moves alone."""

from __future__ import annotations

from pathlib import Path

from game.engine.actions import Offer, Walk
from game.scenario.loader import load_scenario
from game.session.game import GameSession, Moment
from game.session.movenumber import seen_move
from game.session.personas import personas_for
from game.web.live import ai_move_line
from game.session.drafts import own_best
from game.web.seatview import debrief_payload
from tests.webclient import NARROW, SEED


def _handed_over_game(tmp_path: Path) -> tuple[GameSession, list[Moment], str, int]:
    """Two students; the first to move makes one offer, leaves, and the AI plays their seat; the other
    student offers their own best package each round until the AI has made two offers, then walks away.
    (the game, its moments, the handed-over seat, the AI's first move, 0-based)."""
    scenario = load_scenario(NARROW)
    game = GameSession.new(scenario, "us", SEED, log_path=tmp_path / "game.jsonl", humans=("us", "ru"))
    moments: list[Moment] = []
    mover = game.to_move
    assert mover is not None
    other = "ru" if mover == "us" else "us"
    game.submit(Offer(mover, tuple(own_best(scenario, mover))))
    moments += game.take_moments()
    start = game.hand_to_ai(mover, personas_for(scenario, ())[mover])
    moments += game.take_moments()
    ai_offers = 0
    while not game.over:
        assert game.to_move == other
        ai_offers = sum(1 for m in moments if isinstance(m.action, Offer) and m.action.party == mover) - 1
        best = tuple(own_best(scenario, other))
        game.submit(Walk(other) if ai_offers >= 2 else Offer(other, best))
        moments += game.take_moments()
    assert sum(1 for m in moments if isinstance(m.action, Offer) and m.action.party == mover) >= 3
    return game, moments, mover, start


def test_a_handed_over_seats_debrief_credits_the_student_with_neither_the_score_nor_the_ais_offers(
        tmp_path: Path) -> None:
    game, moments, mover, start = _handed_over_game(tmp_path)
    everyone = debrief_payload(game.state, mover, moments)         # as if the student had played it all
    assert everyone is not None and any("your offers asked" in s for s in everyone["sentences"]), everyone
    payload = debrief_payload(game.state, mover, moments, ai_from=start)
    assert payload is not None
    move = seen_move(game.state.history, start)                    # as the move list counts: delegations' moves
    assert payload["ai_from"] == move < start + 1
    assert payload["score"] == everyone["score"]                   # the table's score, shown apart
    assert "not credited to you" in payload["score_label"] and not payload["score_label"].startswith("Your score")
    assert f"from move {move};" in payload["score_label"]
    said = " ".join(payload["sentences"])
    assert f"the AI played it from move {move} " in said and "not credited to you" in said
    assert "The score above is your table's" in said and "score below" not in said   # the page prints it first
    # the student made one offer: no series of "your offers", nor a concession made by the AI
    assert "your offers asked" not in said and "never lowered" not in said and "never conceded" not in said, said


def test_the_ais_moves_in_a_handed_over_seat_read_in_the_third_person() -> None:
    assert ai_move_line("You offer a package worth 0.470 to your government.") == \
        "The AI in your seat offers a package worth 0.470 to your government."
    assert ai_move_line("You accept.") == "The AI in your seat accepts."
    assert ai_move_line("You walk away.") == "The AI in your seat walks away."


def test_a_walk_out_the_ai_made_in_a_handed_over_seat_is_not_the_students() -> None:
    """Handover trial: the page's ending said "no deal (you walked away)" of a walk-out the AI made in the seat."""
    from game.engine.actions import Perceive, RoundStart
    from game.engine.rules import apply, new_game
    from game.web.seatview import aftermath_payload
    scenario = load_scenario(NARROW)
    state = apply(apply(new_game(scenario), Perceive(tuple((p.id, ()) for p in scenario.parties))), RoundStart(()))
    mover = state.to_move
    assert mover is not None
    walk = len(state.history)
    over = apply(state, Walk(mover))
    handed = aftermath_payload(over, mover, walk)
    assert handed is not None and handed["ending"] == "no deal (the AI in your seat walked away)", handed
    own = aftermath_payload(over, mover, walk + 1)
    assert own is not None and own["ending"] == "no deal (you walked away)", own
