"""A seat's connection never receives another role's values, weights, no-deal value, bar at home or red
lines, nor any debrief before the talks end (issue 15, item 6).

The test records every message the server sends to one seat over a whole class (join, start, offers,
the end of the game, the end of the talks), twice: once with the scenario as shipped and once with
everything the *other* role values scrambled. Up to the end of the game, the two recordings must be
the same but for one kind of number: what a package is worth to the seat's own government and its
chance at home. Those are the expected values of docs/model.md, rule 7, which count the chance that
the *other* government ratifies and keeps the pact -- the same meter the terminal and the window show,
a figure of the seat's own government that mixes in what it can infer, never the other side's
parameters themselves; and so is the package the seat's offer form starts at (``game.best``, the
best of those same expected values, which previews of every package would find: the terminal's and the
window's starting draft, newcomer trial). Everything else (briefs, cards, red lines crossed, log lines, whose turn) must
be the same, byte for byte. After the game (the aftermath and the debrief, which report what
happened), the seat's messages carry its own government's figures only.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest

from game.model.scenario import Party, frozen_map
from game.web.tables import Classroom
from tests.webclient import make_class, receive, served, size, until

MOVES = ((1, None), (2, None), (1, "accept"))    # (option number for every basket, or None) by turn


def scrambled(party: Party) -> Party:
    """The party with other weights, values, red lines, no-deal value and bar at home."""
    values = frozen_map({b: frozen_map({o: 1.0 - v for o, v in opts.items()}) for b, opts in party.values.items()})
    weights = frozen_map({b: w * 1.7 + 0.013 for b, w in party.weights.items()})
    return dataclasses.replace(party, values=values, weights=weights, red_lines=frozen_map({}),
                               reservation=0.123, domestic_threshold=0.777)


def record(root: Path, viewer: str, scramble: bool) -> list[dict[str, Any]]:
    """Every message sent to ``viewer``'s seat at table 1 while both seats play MOVES and the talks end."""
    classroom = Classroom(root)
    if scramble:
        scenario = classroom.session.scenario
        parties = tuple(p if p.id == viewer else scrambled(p) for p in scenario.parties)
        classroom.session = dataclasses.replace(classroom.session,
                                                scenario=dataclasses.replace(scenario, parties=parties))
    got: list[dict[str, Any]] = []
    with served(root, classroom) as s:
        s.login()
        seats = {"us": s.join("Ann", 1, "us"), "ru": s.join("Bo", 1, "ru")}
        other = next(r for r in seats if r != viewer)
        with s.client.websocket_connect("/ws/seat", headers=seats[viewer]) as mine, \
                s.client.websocket_connect("/ws/seat", headers=seats[other]) as theirs:
            got.append(receive(mine))
            receive(theirs)
            assert s.act("start").status_code == 200
            got.append(until(mine, "state"))
            until(theirs, "state")
            n = size(s.classroom)
            for option, kind in MOVES:
                tg = s.classroom.tables[1]
                assert tg.game is not None
                to_move = tg.game.to_move
                ws = mine if to_move == viewer else theirs
                move = {"type": "move", "action": kind} if kind else {"type": "move", "action": "offer",
                                                                       "outcome": [option] * n}
                ws.send_text(json.dumps(move))
                if ws is mine:
                    until(mine, "ack", got)
                else:
                    until(theirs, "ack")
                settled(mine, got)
            assert s.act("end").status_code == 200
            got.append(until(mine, "state"))
    return got


def settled(ws: Any, got: list[dict[str, Any]]) -> None:
    """Read states until a delegation must move or the game is over (a move is answered at once, then
    chance and the rules' next steps arrive as a second state)."""
    while True:
        state = until(ws, "state", got)
        if state["status"] == "over" or (state["game"] and state["game"]["to_move"]):
            return


def masked(message: dict[str, Any]) -> dict[str, Any]:
    """The message without the clock and with the seat's own expected-value figures masked (see above)."""
    text = json.dumps(message)
    text = re.sub(r'"(value|chance)": [0-9.e-]+', r'"\1": "#"', text)
    text = re.sub(r'"best": \[[0-9, ]*\]', '"best": "#"', text)          # argmax of those values
    # an offer line whose worth an event changed since also gives its worth now (the seat's own figure too)
    text = re.sub(r"worth [0-9.]+ to your government( when made \([0-9.]+ now\))?", "worth # to your government", text)
    out = json.loads(text)
    if isinstance(out.get("class"), dict):
        out["class"].pop("now", None)
    return out


@pytest.mark.parametrize("viewer", ["us", "ru"])
def test_a_seat_is_sent_nothing_that_depends_on_the_other_roles_secrets(tmp_path: Path, viewer: str) -> None:
    plain = record(make_class(tmp_path / "a"), viewer, scramble=False)
    mixed = record(make_class(tmp_path / "b"), viewer, scramble=True)
    over = next(i for i, m in enumerate(plain) if m.get("status") == "over")
    assert len(plain) == len(mixed)
    for before, after in zip(plain[:over], mixed[:over]):
        assert masked(before) == masked(after)
    # the game's own moves were played: offers, an acceptance, the outcome
    assert any(line[0] == "offer" for line in plain[over]["log"]) and plain[over]["aftermath"]["agreement"]


@pytest.mark.parametrize("viewer", ["us", "ru"])
def test_no_debrief_before_the_end_and_only_the_seats_own_figures_after(tmp_path: Path, viewer: str) -> None:
    root = make_class(tmp_path)
    messages = record(root, viewer, scramble=False)
    room = Classroom(root)
    try:
        scenario = room.session.scenario
    finally:
        room.close()                     # Python 3.13 warns about a database left open
    other = next(p for p in scenario.parties if p.id != viewer)
    me = scenario.party(viewer)
    ended = messages[-1]
    assert ended["class"]["ended"] and ended["debrief"] is not None
    for m in messages[:-1]:
        assert m.get("debrief") is None, "a debrief was sent before the talks ended"
    for m in messages:
        if m["type"] != "state":
            continue
        assert m["seat"]["role"] == viewer and m["brief"]["delegation"] == me.name
        text = json.dumps(m)
        assert other.name not in json.dumps(m["brief"]["priorities"])
        for key in ("weights", "values", "reservation", "red_lines", "domestic_threshold"):
            assert f'"{other.id}": {{"{key}"' not in text
        yours = (m.get("aftermath") or {}).get("yours")
        assert yours is None or set(yours) == {"paper", "as_kept", "band", "honoured_by_other", "no_deal"}
        if yours is not None:
            assert yours["no_deal"] == round(me.reservation, 3) or m["cards"]      # its own (events may move it)
