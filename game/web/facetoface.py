"""Face to face from devices (issue 15, item 4): students negotiate in person, and each side enters the
deal (or "no deal") on its own device.

Rules:

* The instructor chooses the mode before the start (dashboard); in face-to-face mode the server
  plays no game: every seat gets an entry form instead.
* An entry is one deal per table of the scenario (one for a single table; the Track 1.5 plan, then the
  official deal, for a campaign), each a list of option indices (one per basket, then the form's)
  or ``null`` for no deal.
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

from typing import Any

from game.classroom.folder import SessionError
from game.classroom.play import Deal, enter_deal, phases_of
from game.web.seatview import option_error
from game.web.tables import ClassError, Classroom

MODES = ("online", "face-to-face")


def mode(classroom: Classroom) -> str:
    return classroom.store.get("mode", "online")


def set_mode(classroom: Classroom, value: str) -> None:
    if value not in MODES:
        raise ClassError(f"mode: expected one of {', '.join(MODES)}")
    if classroom.started:
        raise ClassError("The class has started: its mode cannot change now.")
    classroom.store.put("mode", value)


def parse_entry(classroom: Classroom, deals: object) -> list[Deal] | str:
    """The entry a client sent, checked, or why it is refused."""
    s = classroom.session.scenario
    phases = phases_of(classroom.session)
    if not isinstance(deals, list) or len(deals) != len(phases):
        return f"expected one deal (or null for no deal) for each of: {', '.join(phases)}"
    out: list[Deal] = []
    for name, deal in zip(phases, deals):
        if deal is None:
            out.append(None)
            continue
        wrong = option_error(s, deal, "a deal" if len(phases) == 1 else f"the deal of {name}")
        if wrong is not None:
            return wrong
        assert isinstance(deal, list)
        out.append(tuple(deal))
    return out


def refusal(classroom: Classroom) -> str | None:
    """Why no entry is taken now (before its deals are even read), or None: an online class makes its
    deals at the table, and a face-to-face class takes entries once it has started."""
    if mode(classroom) != "face-to-face":
        return "this class plays online: deals are made at the table, not entered"
    if not classroom.started:
        return "entries are taken once the class has started: wait for your instructor"
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
    return message


def seat_view(classroom: Classroom, table: int) -> dict[str, Any] | None:
    """What a seat's page shows in face-to-face mode (None in the online mode or before the start)."""
    if mode(classroom) != "face-to-face" or not classroom.started:
        return None
    return {"phases": phases_of(classroom.session), "message": classroom.store.get(f"f2f-message:{table}"),
            "recorded": classroom.store.get(f"f2f-result:{table}") or None}


def summary(classroom: Classroom, table: int) -> dict[str, Any]:
    """The table's line on the dashboard in face-to-face mode."""
    outcome = classroom.store.get(f"f2f-result:{table}") or None
    deal = classroom.store.get(f"f2f-deal:{table}")
    return {"status": "face to face: recorded" if outcome else "face to face",
            "last": classroom.store.get(f"f2f-message:{table}"), "outcome": outcome,
            "deal": [int(x) for x in deal.split(",")] if deal else None}
