"""What a result says it is: who played it (its humans) and the seats it speaks for, checked against its mode
(:mod:`game.classroom.checks` reads results): a game against the AI speaks for its side's seat, hot-seat for its
two or more humans (a campaign table of three or four students on the class server), face to face for every role
(entered and sealed in the instructor's folder), a simulated preview for every role, played by AIs. A claim that
does not fit its mode is refused saying what the mode needs and what the file lacks (a class trial: the reasons
named the seats and left the instructor to guess that a signature or the seal was missing).
"""

from __future__ import annotations

from typing import Any

from game.classroom.folder import Session
from game.classroom.results import seats_of
from game.classroom.signing import verify_result_seal


def _hot_seat(session: Session, side: str) -> tuple[str, ...]:
    tables = [ph.parties for ph in session.scenario.phases if side in ph.parties] or [session.roles]
    return (side, next(p for p in tables[0] if p != side))


def claimed(session: Session, key: str, record: dict[str, Any],
            legacy: bool) -> tuple[tuple[str, ...], tuple[str, ...]] | str:
    """(humans, seats) the record claims, or why they are inconsistent."""
    side, mode, roles = record.get("side"), record.get("mode"), session.roles
    if legacy:
        played: tuple[str, ...] = {"ai": (str(side),), "hot-seat": _hot_seat(session, str(side)),
                                   "face-to-face": roles, "simulated": ()}[str(mode)]
        return played, seats_of(str(mode), played, roles)
    humans, seats = record.get("humans"), record.get("seats")
    if not isinstance(humans, list) or not isinstance(seats, list) or \
            not set(map(str, humans + seats)) <= set(roles) or len(set(seats)) != len(seats):
        return f"its humans {humans!r} or seats {seats!r} are not roles of this session"
    h, s = tuple(map(str, humans)), tuple(map(str, seats))
    expected = {"ai": ((side,), (side,)), "hot-seat": (h, h) if len(h) >= 2 and side in h else None,
                "face-to-face": (roles, roles), "simulated": ((), roles)}[str(mode)]
    if expected is None or (set(h), set(s)) != (set(expected[0]), set(expected[1])):
        return _wrong(session, key, record, h, s)
    return h, s


def _wrong(session: Session, key: str, record: dict[str, Any], h: tuple[str, ...], s: tuple[str, ...]) -> str:
    """What is wrong with a result whose humans ``h`` and seats ``s`` do not fit its mode, said as what that mode
    needs and what the file lacks (a class trial: 'a hot-seat result cannot speak for the seats us (played by us,
    ru)' did not say that ru's signature was missing)."""
    side, mode, roles = record.get("side"), str(record.get("mode")), session.roles
    names = ", ".join(h) or "none"
    if mode == "face-to-face":                   # only the instructor's folder writes one, sealing it whole
        if "seal" not in record:
            return ("a face-to-face result needs the instructor's seal; it has none: it was not entered with "
                    "'classroom enter'")
        if not verify_result_seal(key, session.id, record):
            return "a face-to-face result needs the instructor's seal; its seal does not verify"
        return f"a face-to-face result speaks for every seat ({', '.join(roles)}); this one for {', '.join(s) or 'none'}"
    if mode == "hot-seat" and (len(h) < 2 or side not in h):
        return f"a hot-seat result is played by two or more seats, its side {side} among them; its players are {names}"
    if mode == "hot-seat":
        missing = [seat for seat in h if seat not in s]
        if missing:
            whose = " and ".join(f"{seat}'s" for seat in missing)
            return (f"a hot-seat result needs the signature of every seat it was played by; {whose} "
                    f"{'is' if len(missing) == 1 else 'are'} missing")
        return (f"a hot-seat result speaks only for the seats it was played by ({names}); it also names "
                f"{', '.join(seat for seat in s if seat not in h)}")
    if mode == "ai":
        return (f"a result against the AI is played by its side alone ({side}) and speaks for that seat only; this one "
                f"names the players {names} and the seats {', '.join(s) or 'none'}")
    return (f"a simulated preview is played by the AIs and speaks for every seat ({', '.join(roles)}); this one names "
            f"the players {names} and the seats {', '.join(s) or 'none'}")
