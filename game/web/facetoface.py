"""Face to face from devices (issue 15, item 4): students negotiate in person, and each side enters the
deal (or "no deal") on its own device.

Rules:

* The instructor chooses the mode before the start (dashboard); in face-to-face mode the server
  plays no game: every seat gets an entry form instead.
* An entry is one deal per table of the scenario (one for a single table; the Track 1.5 plan, then the
  official deal, for a campaign), each a list of option indices (one per basket, then the form's)
  or ``null`` for no deal. A definitions table's deal is its scope rung, then the terms (one choice);
  the table after it keeps each basket that scope leaves out at its first option, and its form shows
  only the baskets in play. What each table's deal is made of is the command line's
  (:func:`game.classroom.play.entry_scenario`, :func:`~game.classroom.play.entry_locks`): the form
  (:func:`entry_tables`) and the check (:func:`parse_entry`) read it from there.
* Entries are recorded exactly as ``classroom enter DIR --table K --side ROLE`` records them
  (:func:`game.classroom.play.enter_deal`: signed with the seat's key, kept in the session folder,
  each new entry replacing the seat's old one). When every role's entry matches, the table's result
  is written once and scored; until then each side is told where the entries differ.
* An entry sent in an online class, or before the start, is refused for that reason first (its
  deals are not read: a student is not told what a deal must hold in a class that takes none).
* An entry the rules cannot record (say, after an event froze the talks, only "no deal") is refused
  with the reason, and nothing changes.
"""

from __future__ import annotations

import json
from typing import Any

from game.classroom.folder import SessionError
from game.classroom.play import Deal, agreed_game, enter_deal, entry_locks, entry_scenario, locked_error, phases_of
from game.engine.state import State
from game.session.game import Moment, replayed_moments
from game.web.seatview import aftermath_payload, debrief_payload, option_error
from game.web.tables import ClassError, Classroom

MODES = ("online", "face-to-face")


def mode(classroom: Classroom) -> str:
    return classroom.mode


def set_mode(classroom: Classroom, value: str) -> None:
    if value not in MODES:
        raise ClassError(f"mode: expected one of {', '.join(MODES)}")
    if classroom.started:
        raise ClassError("The class has started: its mode cannot change now.")
    classroom.store.put("mode", value)


def entry_tables(classroom: Classroom) -> list[dict[str, Any]]:
    """The entry form's tables, in order: each one's name, the baskets and forms its deal is made of, and
    ``locks``: None, or, for a table after a definitions table, the options its baskets are locked at (-1:
    in play) for each rung agreed there (``by_rung``) and for no deal there (``no_deal``)."""
    session = classroom.session
    out: list[dict[str, Any]] = []
    for index, name in enumerate(phases_of(session)):
        s = entry_scenario(session, index)
        locks: dict[str, Any] | None = None
        if index > 0 and session.scenario.phases[index - 1].scope is not None:
            before: list[Deal] = [None] * index
            rungs = len(entry_scenario(session, index - 1).baskets[0].options)
            locks = {"by_rung": [list(entry_locks(session, index, before[:-1] + [(r, 0)])) for r in range(rungs)],
                     "no_deal": list(entry_locks(session, index, before))}
        out.append({"name": name, "baskets": [{"name": b.name, "options": [o.label for o in b.options]}
                                              for b in s.baskets],
                    "forms": [f.label for f in s.forms], "locks": locks})
    return out


def parse_entry(classroom: Classroom, deals: object) -> list[Deal] | str:
    """The entry a client sent, checked, or why it is refused: each deal over its table's baskets (a
    definitions table's: its scope rung and the terms), keeping what the deals before it lock."""
    session = classroom.session
    phases = phases_of(session)
    if not isinstance(deals, list) or len(deals) != len(phases):
        return f"expected one deal (or null for no deal) for each of: {', '.join(phases)}"
    out: list[Deal] = []
    for index, (name, deal) in enumerate(zip(phases, deals)):
        what = "a deal" if len(phases) == 1 else f"the deal of {name}"
        if deal is not None:
            wrong = option_error(entry_scenario(session, index), deal, what)
            if wrong is not None:
                return wrong
            assert isinstance(deal, list)
        out.append(None if deal is None else tuple(deal))
        wrong = locked_error(session, index, out, out[-1], what)
        if wrong is not None:
            return wrong
    return out


def refusal(classroom: Classroom) -> str | None:
    """Why no entry is taken now (before its deals are even read), or None: an online class makes its
    deals at the table, and a face-to-face class takes entries once it has started."""
    if mode(classroom) != "face-to-face":
        return "this class plays online: deals are made at the table, not entered"
    if not classroom.started:
        return "entries are taken once the class has started: wait for your instructor"
    if classroom.ended:
        return "the instructor has ended the talks: entries are closed"
    return None


def enter(classroom: Classroom, table: int, role: str, entry: list[Deal]) -> str:
    """Record the seat's entry; returns what happened, in words (also kept for the table's seats)."""
    refused = refusal(classroom)
    if refused is not None:
        raise ClassError(refused[0].upper() + refused[1:] + ".")
    if classroom.store.get(f"f2f-result:{table}"):
        raise ClassError("Your table's deal is already recorded.")
    try:
        message, result = enter_deal(classroom.session, table, role, entry)
    except SessionError as exc:
        raise ClassError(str(exc)) from None
    classroom.store.put(f"f2f-message:{table}", message)
    if result is not None:
        outcome = "no deal" if entry[-1] is None else "deal"
        classroom.store.put(f"f2f-result:{table}", outcome)
        classroom.store.put(f"f2f-deal:{table}", "" if entry[-1] is None else ",".join(map(str, entry[-1])))
        classroom.store.put(f"f2f-entry:{table}", json.dumps([None if d is None else list(d) for d in entry]))
    return message


def seat_view(classroom: Classroom, table: int, role: str) -> dict[str, Any] | None:
    """What a seat's page shows in face-to-face mode (None in the online mode or before the start): the
    status line; the entry form's facts until the talks end; once the table's entries match, the
    aftermath of the deal recorded; once the talks end, the seat's debrief (its score), as a seat that
    played online gets them."""
    if mode(classroom) != "face-to-face" or not classroom.started:
        return None
    recorded = classroom.store.get(f"f2f-result:{table}") or None
    game = recorded_game(classroom, table)
    out: dict[str, Any] = {"face_to_face": None if classroom.ended else {
        "phases": phases_of(classroom.session), "tables": entry_tables(classroom),
        "message": classroom.store.get(f"f2f-message:{table}"), "recorded": recorded},
        "aftermath": None, "debrief": None}
    if game is not None:
        state, moments = game
        aftermath = aftermath_payload(state, role)
        if aftermath is not None and not aftermath["agreement"]:
            aftermath["ending"] = "no deal (as your table entered it)"
        out.update(aftermath=aftermath,
                   debrief=debrief_payload(state, role, moments, diagnosed=False) if classroom.ended else None)
    if classroom.ended:
        out["status"] = ("The instructor has ended the talks: your table's deal is recorded, and your debrief is "
                         "below." if recorded else "The instructor has ended the talks before your table's entries "
                         "matched: nothing was recorded for your table. Tell your instructor, who can still enter "
                         "the deal you agreed.")
    else:
        out["status"] = ("Your table's deal is recorded: your score comes when the instructor ends the talks."
                         if recorded else "Face to face: negotiate at your table, then enter the deal you agreed.")
    return out


_GAMES: dict[tuple[str, int, str], tuple[State, list[Moment]]] = {}


def recorded_game(classroom: Classroom, table: int) -> tuple[State, list[Moment]] | None:
    """The game of the table's recorded entry and its moves (:func:`game.classroom.play.agreed_game`, as
    its result was written), or None before the entries match (or for an entry recorded before the
    server kept it). Kept once made: it depends on the entry alone."""
    text = classroom.store.get(f"f2f-entry:{table}")
    if not text:
        return None
    key = (classroom.session.id, table, text)
    if key not in _GAMES:
        entry: list[Deal] = [None if d is None else tuple(d) for d in json.loads(text)]
        state = agreed_game(classroom.session, table, entry)
        _GAMES[key] = (state, replayed_moments(classroom.session.scenario, state.history))
    return _GAMES[key]


def summary(classroom: Classroom, table: int) -> dict[str, Any]:
    """The table's line on the dashboard in face-to-face mode: no AI plays, so a seat nobody took is
    "not joined", and a table nobody joined is "not played" once the talks end."""
    outcome = classroom.store.get(f"f2f-result:{table}") or None
    deal = classroom.store.get(f"f2f-deal:{table}")
    joined = any(classroom.names().get((table, role)) for role in classroom.session.roles)
    status = "face to face: recorded" if outcome else "face to face" if joined else \
        "not played" if classroom.ended else "face to face: nobody joined yet"
    return {"status": status, "empty": "not joined",
            "last": classroom.store.get(f"f2f-message:{table}"), "last_more": [], "outcome": outcome,
            "deal": [int(x) for x in deal.split(",")] if deal else None}
